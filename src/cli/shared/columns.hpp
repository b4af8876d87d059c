#pragma once
// Two voices side by side: each partner's words in a column of its own, row by row (the
// quarterly review's three answers, a story's three parts), so neither reads as the verdict
// on the other.
#include <cstddef>
#include <string>
#include <vector>

namespace rebuild::cli {

struct voice_row {
  std::string label;               // "What felt good"
  std::vector<std::string> cells;  // one a voice, in the order of the heads
};

/// Prints `heads` (one a voice) over `rows`, each cell wrapped in its own column, within
/// `width` columns. Where the columns would be too narrow to read (under 20), each voice is
/// printed in turn under its head instead. An empty cell shows "-".
void print_side_by_side(const std::vector<std::string>& heads, const std::vector<voice_row>& rows,
                        std::size_t width);

}  // namespace rebuild::cli
