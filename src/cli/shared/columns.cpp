#include "columns.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "wrap.hpp"

namespace rebuild::cli {
namespace {

constexpr std::size_t indent = 2;
constexpr std::size_t gap = 2;
constexpr std::size_t narrowest = 20;

std::string trimmed(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

}  // namespace

void print_side_by_side(const std::vector<std::string>& heads, const std::vector<voice_row>& rows,
                        std::size_t width) {
  const std::size_t n = std::max<std::size_t>(1, heads.size());
  std::size_t label_w = 0;
  for (const auto& r : rows) label_w = std::max(label_w, display_width(r.label));
  label_w = std::min<std::size_t>(label_w, 24) + gap;
  const std::size_t used = indent + label_w + gap * (n - 1);
  const std::size_t cell_w = width > used ? (width - used) / n : 0;

  if (cell_w < narrowest) {  // one voice after the other
    for (std::size_t v = 0; v < heads.size(); ++v) {
      fmt::print("{}{}\n", std::string(indent, ' '), heads[v]);
      for (const auto& r : rows) {
        const std::string text = v < r.cells.size() && !r.cells[v].empty() ? r.cells[v] : "-";
        const std::string label = r.label + ": ";
        const std::size_t hang = indent * 2 + display_width(label);
        const auto lines = width > hang + 10 ? wrap_text(text, width - hang, width - indent * 2 - 2)
                                             : wrap_text(text, 10);
        for (std::size_t i = 0; i < lines.size(); ++i)
          fmt::print(
              "{}{}\n",
              i == 0 ? std::string(indent * 2, ' ') + label : std::string(indent * 2 + 2, ' '),
              lines[i]);
      }
    }
    return;
  }

  const auto print_line = [&](const std::string& label, const std::vector<std::string>& cells) {
    std::string line = std::string(indent, ' ') + pad_right(label, label_w);
    for (std::size_t v = 0; v < n; ++v) {
      const std::string cell = v < cells.size() ? cells[v] : "";
      line += v + 1 < n ? pad_right(cell, cell_w + gap) : cell;
    }
    fmt::print("{}\n", trimmed(line));
  };
  // The heads, each wrapped in its column.
  std::vector<std::vector<std::string>> head_lines;
  std::size_t tallest = 0;
  for (const auto& h : heads) {
    head_lines.push_back(wrap_text(h, cell_w));
    tallest = std::max(tallest, head_lines.back().size());
  }
  for (std::size_t i = 0; i < tallest; ++i) {
    std::vector<std::string> cells;
    for (const auto& h : head_lines) cells.push_back(i < h.size() ? h[i] : "");
    print_line("", cells);
  }
  for (const auto& r : rows) {
    const auto label_lines = wrap_text(r.label, label_w - gap);
    std::vector<std::vector<std::string>> cell_lines;
    std::size_t height = label_lines.size();
    for (std::size_t v = 0; v < n; ++v) {
      const std::string text = v < r.cells.size() && !r.cells[v].empty() ? r.cells[v] : "-";
      cell_lines.push_back(wrap_text(text, cell_w));
      height = std::max(height, cell_lines.back().size());
    }
    for (std::size_t i = 0; i < height; ++i) {
      std::vector<std::string> cells;
      for (const auto& c : cell_lines) cells.push_back(i < c.size() ? c[i] : "");
      print_line(i < label_lines.size() ? label_lines[i] : "", cells);
    }
  }
}

}  // namespace rebuild::cli
