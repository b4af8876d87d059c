#include "progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "rebuild/text.hpp"

namespace rebuild::cli {

namespace {

/// $REBUILD_PROGRESS_DELAY when it is a whole number of seconds (as git's
/// GIT_PROGRESS_DELAY), else one second.
std::chrono::seconds delay() {
  const char* set = std::getenv("REBUILD_PROGRESS_DELAY");
  if (set == nullptr || *set == '\0' || std::strlen(set) > 6) return std::chrono::seconds(1);
  int seconds = 0;
  for (const char* c = set; *c != '\0'; ++c) {
    if (*c < '0' || *c > '9') return std::chrono::seconds(1);
    seconds = seconds * 10 + (*c - '0');
  }
  return std::chrono::seconds(seconds);
}

}  // namespace

progress::progress(std::string what, std::string unit)
    : what_(escape_controls(what)),
      unit_(std::move(unit)),
      terminal_(::isatty(STDERR_FILENO) != 0),
      delay_(delay()),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

progress::~progress() {
  if (!shown_) return;
  std::fputs("\r\x1b[K", stderr);  // the line cleared: the summary that follows stands alone
  std::fflush(stderr);
}

bool progress::due() {
  if (!terminal_) return false;
  const auto now = std::chrono::steady_clock::now();
  if (now - start_ < delay_) return false;
  if (shown_ && now - last_ < std::chrono::milliseconds(100)) return false;
  last_ = now;
  return true;
}

void progress::show(const std::string& figure) {
  shown_ = true;
  fmt::print(stderr, "\r{}: {}\x1b[K", what_, figure);
  std::fflush(stderr);
}

void progress::tick(std::size_t done) {
  if (done % 256 != 0 || !due()) return;
  // Thousands grouped as people read them: 12,345.
  std::string count = std::to_string(done);
  for (auto at = count.size(); at > 3; at -= 3) count.insert(at - 3, ",");
  show(count + " " + unit_);
}

void progress::share(std::int64_t done, std::int64_t total) {
  if (total <= 0 || !due()) return;
  show(fmt::format("{}%", std::clamp<std::int64_t>(done * 100 / total, 0, 100)));
}

}  // namespace rebuild::cli
