#include "cli/shared/wrap.hpp"

#include <doctest/doctest.h>

#include <cstdlib>

using namespace rebuild::cli;
using lines = std::vector<std::string>;

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

TEST_CASE("pad_right pads to columns, not bytes") {
  CHECK(pad_right("Zoë", 5) == "Zoë  ");
  CHECK(pad_right("咖啡", 5) == "咖啡 ");
  CHECK(pad_right("longer", 3) == "longer");
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

TEST_CASE("pack_parts breaks between parts, dropping the separator there") {
  const std::vector<std::string> parts{"mood 7", "stress 3", "15 min", "phones away"};
  CHECK(pack_parts(parts, " · ", 40, 40) == lines{"mood 7 · stress 3 · 15 min · phones away"});
  CHECK(pack_parts(parts, " · ", 26, 26) == lines{"mood 7 · stress 3 · 15 min", "phones away"});
  CHECK(pack_parts(parts, " · ", 10, 20) == lines{"mood 7", "stress 3 · 15 min", "phones away"});
  CHECK(pack_parts({}, " · ", 10, 10) == lines{""});
  CHECK(pack_parts({"a very long part", "b"}, " · ", 6, 6) == lines{"a very", "long", "part", "b"});
}

TEST_CASE("split_parts splits at the separator") {
  CHECK(split_parts("mood 7 · stress 3", " · ") == lines{"mood 7", "stress 3"});
  CHECK(split_parts("", " · ").empty());
}

TEST_CASE("output_width is $COLUMNS when a number, at least 40, else 80") {
  const char* old = std::getenv("COLUMNS");
  const std::string saved = old != nullptr ? old : "";
  ::setenv("COLUMNS", "60", 1);
  CHECK(output_width() == 60u);
  ::setenv("COLUMNS", "12", 1);
  CHECK(output_width() == min_output_width);
  ::setenv("COLUMNS", "200", 1);
  CHECK(output_width() == 200u);
  ::setenv("COLUMNS", "wide", 1);
  CHECK(output_width() == 80u);  // the tests' output is not a terminal
  ::unsetenv("COLUMNS");
  CHECK(output_width() == 80u);
  if (old != nullptr) ::setenv("COLUMNS", saved.c_str(), 1);
}
