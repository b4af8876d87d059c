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

std::string pad_right(std::string_view text, std::size_t width) {
  const std::size_t w = display_width(text);
  std::string out(text);
  if (w < width) out.append(width - w, ' ');
  return out;
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
