#include "progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

#include "rebuild/text.hpp"

namespace rebuild::cli {

progress::progress(std::string what, std::string unit)
    : what_(escape_controls(what)),
      unit_(std::move(unit)),
      terminal_(::isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

progress::~progress() {
  if (!shown_) return;
  std::fputs("\r\x1b[K", stderr);  // the line cleared: the summary that follows stands alone
  std::fflush(stderr);
}

void progress::tick(std::size_t done) {
  if (!terminal_ || done % 256 != 0) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - start_ < std::chrono::seconds(1)) return;
  if (shown_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  shown_ = true;
  // Thousands grouped as people read them: 12,345.
  std::string count = std::to_string(done);
  for (auto at = count.size(); at > 3; at -= 3) count.insert(at - 3, ",");
  fmt::print(stderr, "\r{}: {} {}\x1b[K", what_, count, unit_);
  std::fflush(stderr);
}

}  // namespace rebuild::cli
