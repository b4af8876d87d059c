#pragma once
// Progress on standard error for long work (import, merge, sync, restore), as apt and git
// show it: only on a terminal, only once the work has taken a second (or
// $REBUILD_PROGRESS_DELAY seconds), and gone when it ends.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace rebuild::cli {

class progress {
 public:
  /// `what` says what is being done ("Importing rebuild.jsonl"); `unit` what is counted.
  progress(std::string what, std::string unit);
  /// Takes the line away again, so that what is printed next starts clean.
  ~progress();
  progress(const progress&) = delete;
  progress& operator=(const progress&) = delete;
  /// `done` so far: cheap enough for every item (the clock is read every 256th).
  void tick(std::size_t done);
  /// `done` of `total` so far, shown as a share ("40%"); `unit` is not shown.
  void share(std::int64_t done, std::int64_t total);

 private:
  std::string what_, unit_;
  bool terminal_ = false;
  bool shown_ = false;
  std::chrono::seconds delay_;  // how long before a line shows ($REBUILD_PROGRESS_DELAY)
  std::chrono::steady_clock::time_point start_, last_;
  /// Whether a line is due now (a terminal, the delay gone, a tenth of a second since the last
  /// line).
  bool due();
  void show(const std::string& figure);
};

}  // namespace rebuild::cli
