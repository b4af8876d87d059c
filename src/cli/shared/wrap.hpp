#pragma once
// Text laid out for a terminal of a given width: how many columns a text takes, and long text
// broken into lines that fit, at spaces, under the column it starts in. No printing here.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rebuild::cli {

/// The narrowest width rebuild lays text out for; a smaller $COLUMNS is taken as this.
inline constexpr std::size_t min_output_width = 40;

/// The columns output should fit: $COLUMNS when it is a whole number (at least
/// min_output_width); else, on a terminal narrower than 80 columns, the terminal's width;
/// else 80.
std::size_t output_width();

/// The columns a terminal gives `text`: one per code point, two for a wide one (CJK, most
/// emoji), none for a combining mark or a zero-width character. A byte that is not UTF-8
/// counts one.
std::size_t display_width(std::string_view text);

/// `text` and spaces after it up to `width` columns (nothing added when it is that wide).
std::string pad_right(std::string_view text, std::size_t width);

/// Breaks text into lines of at most `width` columns (at least 1), at spaces (a tab is a
/// space here); a word wider than `width` alone is cut. Line breaks in the text are kept
/// (an empty line stays empty); spaces at a break are dropped, those that start a
/// paragraph kept.
std::vector<std::string> wrap_text(std::string_view text, std::size_t width);
/// As above, the first line at most `first_width` columns (text that follows a label).
std::vector<std::string> wrap_text(std::string_view text, std::size_t first_width,
                                   std::size_t width);

/// Joins `parts` with `separator` into lines, breaking only between parts: the first line at
/// most `first_width` columns, the others at most `width`. The separator is left out at a
/// break; a part wider than its line is itself wrapped by wrap_text.
std::vector<std::string> pack_parts(const std::vector<std::string>& parts,
                                    std::string_view separator, std::size_t first_width,
                                    std::size_t width);

/// `text` split at each `separator` ("mood 7 · stress 3" at " · ").
std::vector<std::string> split_parts(std::string_view text, std::string_view separator);

}  // namespace rebuild::cli
