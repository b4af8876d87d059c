#include "rebuild/text.hpp"

namespace rebuild {
namespace {

std::size_t sequence_length(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6 && c >= 0xc2) return 2;
  if ((c >> 4) == 0xe) return 3;
  if ((c >> 3) == 0x1e && c <= 0xf4) return 4;
  return 0;
}

/// Code points of (already valid) UTF-8, as byte strings.
std::vector<std::string> code_points(std::string_view s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = sequence_length(static_cast<unsigned char>(s[i]));
    if (len == 0 || i + len > s.size()) len = 1;
    out.emplace_back(s.substr(i, len));
    i += len;
  }
  return out;
}

}  // namespace

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::optional<std::size_t> utf8_length(std::string_view s) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t len = sequence_length(static_cast<unsigned char>(s[i]));
    if (len == 0 || i + len > s.size()) return std::nullopt;
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return std::nullopt;
    i += len;
    ++count;
  }
  return count;
}

std::vector<std::string> wrap(std::string_view text, std::size_t width) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string_view paragraph =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    const auto cps = code_points(paragraph);
    std::size_t i = 0;
    if (cps.empty()) lines.emplace_back();
    while (i < cps.size()) {
      std::size_t stop = std::min(cps.size(), i + width);
      if (stop < cps.size()) {
        std::size_t space = stop;
        while (space > i && cps[space] != " ") --space;
        if (space > i) stop = space;
      }
      std::string line;
      for (std::size_t k = i; k < stop; ++k) line += cps[k];
      lines.push_back(line);
      i = stop;
      while (i < cps.size() && cps[i] == " ") ++i;
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
}

std::string markdown_inline(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += "<br>";
    else if (c == '\r') continue;
    else out += c;
  }
  return out;
}

}  // namespace rebuild
