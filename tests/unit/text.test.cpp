#include <doctest/doctest.h>

#include "rebuild/text.hpp"

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
