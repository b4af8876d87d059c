#include "wrap.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <utility>

#include "rebuild/text.hpp"

namespace rebuild::cli {
namespace {

constexpr std::size_t default_width = 80;
constexpr std::size_t max_width = 10000;  // a $COLUMNS past any screen

struct range {
  char32_t first, last;
};

bool in(const range* ranges, std::size_t count, char32_t c) {
  const range* end = ranges + count;
  const range* r =
      std::upper_bound(ranges, end, c, [](char32_t v, const range& x) { return v < x.first; });
  return r != ranges && c <= (r - 1)->last;
}

// Combining marks and zero-width characters: no column of their own.
constexpr range zero_width[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD},   {0x0610, 0x061A}, {0x064B, 0x065F},
    {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E},   {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF},
    {0x200B, 0x200F}, {0x2028, 0x202E}, {0x2060, 0x2064},   {0x20D0, 0x20FF}, {0xFE00, 0xFE0F},
    {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0000, 0xE01EF},
};

// East Asian Wide and Fullwidth characters, and the emoji a terminal draws two columns wide.
constexpr range wide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},
    {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},   {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x303E},
    {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4},
    {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
    {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F202}, {0x1F210, 0x1F23B},
    {0x1F240, 0x1F248}, {0x1F250, 0x1F251}, {0x1F260, 0x1F265}, {0x1F300, 0x1F320},
    {0x1F32D, 0x1F335}, {0x1F337, 0x1F37C}, {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA},
    {0x1F3CF, 0x1F3D3}, {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F43E},
    {0x1F440, 0x1F440}, {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D}, {0x1F54B, 0x1F54E},
    {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A}, {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4},
    {0x1F5FB, 0x1F64F}, {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC}, {0x1F6D0, 0x1F6D2},
    {0x1F6D5, 0x1F6D7}, {0x1F6DC, 0x1F6DF}, {0x1F6EB, 0x1F6EC}, {0x1F6F4, 0x1F6FC},
    {0x1F7E0, 0x1F7EB}, {0x1F7F0, 0x1F7F0}, {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945},
    {0x1F947, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

std::size_t code_point_width(char32_t c) {
  if (c < 0x300) return 1;
  if (in(zero_width, std::size(zero_width), c)) return 0;
  return in(wide, std::size(wide), c) ? 2 : 1;
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

/// One paragraph (no line breaks in it, tabs already spaces) into `lines`: its first line at
/// most `first_width` columns, the others `width`.
void wrap_paragraph(std::string_view text, std::size_t first_width, std::size_t width,
                    std::vector<std::string>& lines) {
  if (trim_right(text).empty()) {
    lines.emplace_back();
    return;
  }
  std::size_t i = 0;
  bool first = true;
  while (i < text.size()) {
    if (!first)
      while (i < text.size() && text[i] == ' ') ++i;
    if (i == text.size()) break;
    const std::size_t room = first ? first_width : width;
    first = false;
    // As far as fits; the last space seen after some text is where a line may break.
    std::size_t used = 0;
    std::size_t j = i;
    std::size_t last_space = std::string_view::npos;
    bool text_seen = false;
    while (j < text.size()) {
      if (text[j] == ' ' && text_seen) last_space = j;
      if (text[j] != ' ') text_seen = true;
      const auto [cp, len] = decode_utf8(text, j);
      const std::size_t w = code_point_width(cp);
      if (used + w > room) break;
      used += w;
      j += len;
    }
    std::size_t stop = j;
    if (j < text.size() && text[j] != ' ') {
      if (last_space != std::string_view::npos)
        stop = last_space;  // before the word that would not fit
      else if (j == i)
        stop = i + decode_utf8(text, i).second;  // a character wider than the line
    }
    lines.emplace_back(trim_right(text.substr(i, stop - i)));
    i = stop;
  }
}

}  // namespace

std::size_t output_width() {
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr && *columns != '\0') {
    std::size_t n = 0;
    const char* c = columns;
    for (; *c >= '0' && *c <= '9'; ++c)
      n = std::min(max_width, n * 10 + static_cast<std::size_t>(*c - '0'));
    if (*c == '\0') return std::max(min_output_width, n);
  }
  winsize size{};
  if (::isatty(STDOUT_FILENO) != 0 && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 &&
      size.ws_col > 0 && size.ws_col < default_width)
    return std::max<std::size_t>(min_output_width, size.ws_col);
  return default_width;
}

std::size_t display_width(std::string_view text) {
  std::size_t columns = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto [cp, len] = decode_utf8(text, i);
    columns += code_point_width(cp);
    i += len;
  }
  return columns;
}

std::string pad_right(std::string_view text, std::size_t width) {
  const std::size_t w = display_width(text);
  std::string out(text);
  if (w < width) out.append(width - w, ' ');
  return out;
}

std::vector<std::string> wrap_text(std::string_view text, std::size_t width) {
  return wrap_text(text, width, width);
}

std::vector<std::string> wrap_text(std::string_view text, std::size_t first_width,
                                   std::size_t width) {
  first_width = std::max<std::size_t>(first_width, 1);
  width = std::max<std::size_t>(width, 1);
  std::string spaced(text);
  std::replace(spaced.begin(), spaced.end(), '\t', ' ');
  std::vector<std::string> lines;
  std::string_view rest = spaced;
  while (true) {
    const auto end = rest.find('\n');
    std::string_view paragraph = rest.substr(0, end);
    if (!paragraph.empty() && paragraph.back() == '\r') paragraph.remove_suffix(1);
    wrap_paragraph(paragraph, lines.empty() ? first_width : width, width, lines);
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return lines;
}

std::vector<std::string> pack_parts(const std::vector<std::string>& parts,
                                    std::string_view separator, std::size_t first_width,
                                    std::size_t width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t used = 0;
  const auto room = [&] { return std::max<std::size_t>(1, lines.empty() ? first_width : width); };
  const std::size_t gap = display_width(separator);
  for (const auto& part : parts) {
    const std::size_t w = display_width(part);
    if (!line.empty() && used + gap + w <= room()) {
      line.append(separator).append(part);
      used += gap + w;
      continue;
    }
    if (!line.empty()) {
      lines.push_back(std::move(line));
      line.clear();
    }
    if (w <= room()) {
      line = part;
      used = w;
      continue;
    }
    // Too wide for a line of its own: wrapped, its last line open to the next part.
    auto pieces = lines.empty() ? wrap_text(part, room(), width) : wrap_text(part, room());
    for (std::size_t k = 0; k + 1 < pieces.size(); ++k) lines.push_back(std::move(pieces[k]));
    line = pieces.back();
    used = display_width(line);
  }
  if (!line.empty() || lines.empty()) lines.push_back(std::move(line));
  return lines;
}

std::vector<std::string> split_parts(std::string_view text, std::string_view separator) {
  std::vector<std::string> parts;
  if (text.empty()) return parts;
  while (true) {
    const auto at = text.find(separator);
    parts.emplace_back(text.substr(0, at));
    if (at == std::string_view::npos) break;
    text.remove_prefix(at + separator.size());
  }
  return parts;
}

}  // namespace rebuild::cli
