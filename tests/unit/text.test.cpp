#include "rebuild/text.hpp"

#include <doctest/doctest.h>

using namespace rebuild;
using lines = std::vector<std::string>;

TEST_CASE("utf8_length counts characters and refuses broken UTF-8") {
  CHECK(utf8_length("") == 0u);
  CHECK(utf8_length("abc") == 3u);
  CHECK(utf8_length("é") == 1u);
  CHECK(utf8_length("🍝") == 1u);
  CHECK(utf8_length("שלום") == 4u);
  CHECK_FALSE(utf8_length("\xff").has_value());
  CHECK_FALSE(utf8_length("\xc3").has_value());              // cut short
  CHECK_FALSE(utf8_length("\xc0\xaf").has_value());          // overlong
  CHECK_FALSE(utf8_length("\xe2\x28\xa1").has_value());      // bad continuation
  CHECK_FALSE(utf8_length("\xe0\x80\x80").has_value());      // overlong (U+0000 in three bytes)
  CHECK_FALSE(utf8_length("x\xed\xa0\x80y").has_value());    // a surrogate (U+D800)
  CHECK_FALSE(utf8_length("\xf4\x90\x80\x80").has_value());  // past U+10FFFF
  CHECK(decode_utf8("\xed\xa0\x80", 0) == std::pair<char32_t, std::size_t>{0xFFFD, 1});
  CHECK(decode_utf8("a\xf0\x9f\x8d\x9d", 1) == std::pair<char32_t, std::size_t>{0x1F35D, 4});
}

TEST_CASE("display_width counts columns, wide characters as two") {
  CHECK(display_width("") == 0u);
  CHECK(display_width("hug") == 3u);
  CHECK(display_width("café") == 4u);
  CHECK(display_width("cafe\xcc\x81") == 4u);  // e and a combining acute accent
  CHECK(display_width("咖啡") == 4u);          // CJK: two columns each
  CHECK(display_width("한글") == 4u);          // Hangul
  CHECK(display_width("🍝 ok") == 5u);          // an emoji is two
  CHECK(display_width("a\xe2\x80\x8b"
                      "b") == 2u);     // a zero-width space
  CHECK(display_width("\xff") == 1u);  // not UTF-8: a column a byte
}

TEST_CASE("wrap_text breaks at spaces, never inside a word that fits") {
  CHECK(wrap_text("one two three", 7) == lines{"one two", "three"});
  CHECK(wrap_text("one two three", 8) == lines{"one two", "three"});
  CHECK(wrap_text("one two three", 13) == lines{"one two three"});
  CHECK(wrap_text("Thanks for making dinner tonight", 10) ==
        lines{"Thanks for", "making", "dinner", "tonight"});
  CHECK(wrap_text("", 10) == lines{""});
}

TEST_CASE("wrap_text cuts only a word longer than the line") {
  CHECK(wrap_text("abcdefghij", 4) == lines{"abcd", "efgh", "ij"});
  CHECK(wrap_text("a abcdefghij b", 4) == lines{"a", "abcd", "efgh", "ij b"});
}

TEST_CASE("wrap_text keeps line breaks and a paragraph's indent, drops spaces at a break") {
  CHECK(wrap_text("a\n\nb", 10) == lines{"a", "", "b"});
  CHECK(wrap_text("one   two", 4) == lines{"one", "two"});
  CHECK(wrap_text("  indented text", 10) == lines{"  indented", "text"});
  CHECK(wrap_text("trailing   ", 20) == lines{"trailing"});
  CHECK(wrap_text("tab\there", 20) == lines{"tab here"});
  CHECK(wrap_text("windows\r\nline", 20) == lines{"windows", "line"});
}

TEST_CASE("wrap_text counts wide characters as two columns") {
  CHECK(wrap_text("咖啡 咖啡", 4) == lines{"咖啡", "咖啡"});
  CHECK(wrap_text("咖啡咖啡", 5) == lines{"咖啡", "咖啡"});
  CHECK(wrap_text("éé éé", 2) == lines{"éé", "éé"});
  CHECK(wrap_text("🍝", 1) == lines{"🍝"});  // wider than the line: it still goes somewhere
}

TEST_CASE("wrap_text can give its first line less room") {
  CHECK(wrap_text("one two three four", 3, 9) == lines{"one", "two three", "four"});
}

TEST_CASE("wrap_text breaks where Unicode allows a break (UAX #14), not only at spaces") {
  CHECK(wrap_text("a check-in today", 9) == lines{"a check-", "in today"});  // after a hyphen
  CHECK(wrap_text("咖啡咖啡咖啡", 7) == lines{"咖啡咖", "啡咖啡"});          // between ideographs
  CHECK(wrap_text("oui, merci !", 10) == lines{"oui,", "merci !"});          // never before a "!"
  CHECK(wrap_text("(hug) ok", 3) == lines{"(hu", "g)", "ok"});  // a word too long is cut
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
