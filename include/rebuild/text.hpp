#pragma once
/// Free text as people write it: UTF-8 of any script.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rebuild {

/// The number of code points in valid UTF-8; nullopt when it is not valid UTF-8.
std::optional<std::size_t> utf8_length(std::string_view s);

/// ASCII letters in lower case (names and keywords match case-insensitively, as SQLite's
/// NOCASE does).
std::string ascii_lower(std::string_view s);

/// Breaks text into lines of at most `width` code points at spaces (longer words are cut);
/// line breaks in the text are kept.
std::vector<std::string> wrap(std::string_view text, std::size_t width);

/// Text safe inside a Markdown table cell or list item: pipes escaped, line breaks as <br>.
std::string markdown_inline(std::string_view text);

}  // namespace rebuild
