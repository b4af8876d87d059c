#include "rebuild/text.hpp"

#include <doctest/doctest.h>

using namespace rebuild;

TEST_CASE("utf8_length counts characters and refuses broken UTF-8") {
  CHECK(utf8_length("") == 0u);
  CHECK(utf8_length("abc") == 3u);
  CHECK(utf8_length("é") == 1u);
  CHECK(utf8_length("🍝") == 1u);
  CHECK(utf8_length("שלום") == 4u);
  CHECK_FALSE(utf8_length("\xff").has_value());
  CHECK_FALSE(utf8_length("\xc3").has_value());          // cut short
  CHECK_FALSE(utf8_length("\xc0\xaf").has_value());      // overlong
  CHECK_FALSE(utf8_length("\xe2\x28\xa1").has_value());  // bad continuation
}

TEST_CASE("wrap breaks at spaces and keeps line breaks") {
  CHECK(wrap("one two three", 7) == std::vector<std::string>{"one two", "three"});
  CHECK(wrap("a\n\nb", 10) == std::vector<std::string>{"a", "", "b"});
  CHECK(wrap("abcdefghij", 4) == std::vector<std::string>{"abcd", "efgh", "ij"});
  CHECK(wrap("éé éé", 2) == std::vector<std::string>{"éé", "éé"});
}

TEST_CASE("control characters are found, and shown escaped, never raw") {
  using rebuild::code_point_name;
  using rebuild::escape_controls;
  using rebuild::first_bidi_control;
  using rebuild::first_control;
  CHECK_FALSE(first_control("line one\n\ttwo, café, 日本", true));
  CHECK(first_control("tab\there", false) == U'\t');
  CHECK(first_control("esc \x1b[2J", true) == U'\x1b');
  CHECK(first_control("del \x7f", true) == U'\x7f');
  CHECK(first_control("c1 \xc2\x9b", true) == U'\x9b');
  CHECK(first_control("cr \r", true) == U'\r');
  CHECK(first_bidi_control("Ann\xe2\x80\xaeX") == U'\x202e');
  CHECK(first_bidi_control("Ann\xe2\x81\xa6X") == U'\x2066');
  CHECK_FALSE(first_bidi_control("Anne-Marie"));
  CHECK(code_point_name(U'\x1b') == "U+001B");
  CHECK(code_point_name(U'\x1f600') == "U+1F600");
  CHECK(escape_controls("Hi\x1b]0;owned\x07\x1b[2J") == "Hi\\x1b]0;owned\\x07\\x1b[2J");
  CHECK(escape_controls("c1 \xc2\x9b, del \x7f") == "c1 \\u009b, del \\x7f");
  // Bidirectional overrides and isolates (U+202A-202E, U+2066-2069): shown, never obeyed.
  CHECK(escape_controls("a \u202e gnp.exe") == "a \\u202e gnp.exe");
  CHECK(escape_controls("\u2066x\u2069") == "\\u2066x\\u2069");
  CHECK(escape_controls("\u200f RTL mark stays") == "\u200f RTL mark stays");
  CHECK(escape_controls("kept:\n\ttab, café\r\n") == "kept:\n\ttab, café\r\n");
  CHECK(escape_controls("lone \r and \xff") == "lone \\x0d and \\xff");
}
