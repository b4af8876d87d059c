#pragma once
// Text laid out for a terminal of a given width: the width to fit, text padded to a column,
// parts packed into lines. (How many columns a text takes and where a line may break are the
// core's: display_width and wrap_text in rebuild/text.hpp.) No printing here.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "rebuild/text.hpp"  // display_width, wrap_text

namespace rebuild::cli {

/// The narrowest width rebuild lays text out for; a smaller $COLUMNS is taken as this.
inline constexpr std::size_t min_output_width = 40;

/// The columns output should fit: $COLUMNS when it is a whole number (at least
/// min_output_width); else, on a terminal narrower than 80 columns, the terminal's width;
/// else 80.
std::size_t output_width();

/// `text` and spaces after it up to `width` columns (nothing added when it is that wide).
std::string pad_right(std::string_view text, std::size_t width);

/// Joins `parts` with `separator` into lines, breaking only between parts: the first line at
/// most `first_width` columns, the others at most `width`. The separator is left out at a
/// break; a part wider than its line is itself wrapped by wrap_text.
std::vector<std::string> pack_parts(const std::vector<std::string>& parts,
                                    std::string_view separator, std::size_t first_width,
                                    std::size_t width);

/// `text` split at each `separator` ("mood 7 · stress 3" at " · ").
std::vector<std::string> split_parts(std::string_view text, std::string_view separator);

}  // namespace rebuild::cli
