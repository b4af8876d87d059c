#include "terminal.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "rebuild/text.hpp"

namespace rebuild::cli {
namespace {

// Marks an escape sequence that rebuild painted: SOH, which text in the journal cannot hold
// (input refuses control characters) and which the filter escapes anywhere else.
constexpr char own_mark = '\x01';

/// The length of rebuild's own colour sequence at the start of `s` (mark, ESC [ digits and
/// semicolons, m); 0 when there is none; -1 when `s` ends before it could tell.
long own_sequence(std::string_view s) {
  if (s.empty() || s[0] != own_mark) return 0;
  for (std::size_t i = 1; i < s.size() && i < 32; ++i) {
    const char c = s[i];
    if (i == 1 ? c == '\x1b' : i == 2 ? c == '[' : (c >= '0' && c <= '9') || c == ';') continue;
    return i >= 3 && c == 'm' ? static_cast<long>(i + 1) : 0;
  }
  return s.size() < 32 ? -1 : 0;
}

/// How many bytes at the end of `s` may be the start of a sequence the next write completes:
/// a UTF-8 character or one of rebuild's own colour sequences.
std::size_t unfinished_tail(std::string_view s) {
  for (std::size_t back = 1; back <= s.size() && back < 32; ++back) {
    const std::string_view tail = s.substr(s.size() - back);
    if (tail[0] != own_mark) continue;
    if (own_sequence(tail) == -1) return back;
    break;
  }
  for (std::size_t back = 1; back <= s.size() && back <= 3; ++back) {
    const auto c = static_cast<unsigned char>(s[s.size() - back]);
    if ((c >> 6) == 0x2) continue;  // a continuation byte: look further back
    const std::size_t need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

struct guard {
  int fd;
  std::string carried;  // the start of a sequence the next write finishes
};

bool write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::string filtered(std::string_view s) {
  std::string out;
  std::size_t plain = 0;
  for (std::size_t i = 0; i < s.size();) {
    const long own = own_sequence(s.substr(i));
    if (own <= 0) {
      ++i;
      continue;
    }
    out += escape_controls(s.substr(plain, i - plain));
    out.append(s.substr(i + 1, static_cast<std::size_t>(own) - 1));
    i += static_cast<std::size_t>(own);
    plain = i;
  }
  out += escape_controls(s.substr(plain));
  return out;
}

ssize_t guarded_write(void* cookie, const char* data, size_t size) {
  auto& g = *static_cast<guard*>(cookie);
  std::string text = std::move(g.carried);
  text.append(data, size);
  const std::size_t keep = unfinished_tail(text);
  g.carried = text.substr(text.size() - keep);
  text.resize(text.size() - keep);
  if (!write_all(g.fd, filtered(text))) return -1;
  return static_cast<ssize_t>(size);
}

// The filter's state, for as long as the process runs: a command that ends with an error
// returns without closing standard output, and the C library flushes it at exit but never
// closes it, so the state is held here rather than by the stream alone.
guard* installed = nullptr;

int guarded_close(void* cookie) {
  auto* g = static_cast<guard*>(cookie);
  const bool ok = write_all(g->fd, escape_controls(g->carried));
  if (g == installed) installed = nullptr;
  delete g;
  return ok ? 0 : -1;
}

}  // namespace

bool color_forced(int argc, char** argv) {
  bool forced = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--") break;
    if (a == "--color=always" ||
        (a == "--color" && i + 1 < argc && std::string_view(argv[i + 1]) == "always"))
      forced = true;
    else if (a.rfind("--color", 0) == 0 || a == "--no-color")
      forced = false;  // the last one given counts
  }
  return forced;
}

void guard_terminal_output(bool color_forced) {
  if (::isatty(STDOUT_FILENO) == 0 && !color_forced) return;
  cookie_io_functions_t io{};
  io.write = guarded_write;
  io.close = guarded_close;
  auto* g = new guard{STDOUT_FILENO, {}};
  FILE* filtered_out = ::fopencookie(g, "w", io);
  if (filtered_out == nullptr) {
    delete g;
    return;
  }
  installed = g;
  std::setvbuf(filtered_out, nullptr, _IOLBF, BUFSIZ);
  std::fflush(stdout);
  stdout = filtered_out;
}

std::string paint(std::string_view text, fmt::text_style style, bool color) {
  if (!color) return std::string(text);
  // fmt's escape sequences around a placeholder, each marked as rebuild's own; the text
  // between them goes through the filter like any other.
  const std::string around = fmt::format(style, "{}", "\x02");
  const std::size_t at = around.find('\x02');
  const auto mark = [](std::string_view sgr) {
    std::string out;
    for (char c : sgr) {
      if (c == '\x1b') out += own_mark;
      out += c;
    }
    return out;
  };
  return mark(around.substr(0, at)) + std::string(text) + mark(around.substr(at + 1));
}

}  // namespace rebuild::cli
