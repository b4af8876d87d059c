#include "cli/shared/wrap.hpp"

#include <doctest/doctest.h>

#include <cstdlib>

using namespace rebuild;
using namespace rebuild::cli;
using lines = std::vector<std::string>;

TEST_CASE("pad_right pads to columns, not bytes") {
  CHECK(pad_right("Zoë", 5) == "Zoë  ");
  CHECK(pad_right("咖啡", 5) == "咖啡 ");
  CHECK(pad_right("longer", 3) == "longer");
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
