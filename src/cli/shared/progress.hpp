#pragma once
// Progress on standard error for long work (import, merge), as apt and git show it: only on a
// terminal, only once the work has taken a second, and gone when it ends.
#include <chrono>
#include <cstddef>
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

 private:
  std::string what_, unit_;
  bool terminal_ = false;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace rebuild::cli
