#pragma once
/// Typed errors. Commands throw these; only main() prints them and turns them into an
/// exit code, so that every failure path ends in exactly one `rebuild: error:` line and
/// the documented code from SPEC.md.
#include <stdexcept>
#include <string>

namespace rebuild {

enum class exit_code : int {
  ok = 0,
  nothing_due = 1,
  usage = 64,        // unknown command or flag, missing argument
  data = 65,         // value out of range, bad date, unknown partner, unknown id
  no_journal = 66,   // no journal at the path
  internal = 70,     // a bug
  cant_create = 73,  // cannot create the journal
  io = 74,           // unreadable, corrupt, read-only, full disk, too new
  busy = 75,         // another writer held the journal past the wait
};

class error : public std::runtime_error {
 public:
  error(exit_code code, const std::string& message) : std::runtime_error(message), code_(code) {}
  exit_code code() const noexcept { return code_; }

 private:
  exit_code code_;
};

#define REBUILD_ERROR(name, code_value)                                       \
  class name : public error {                                                 \
   public:                                                                    \
    explicit name(const std::string& message) : error(code_value, message) {} \
  };
REBUILD_ERROR(usage_error, exit_code::usage)
REBUILD_ERROR(data_error, exit_code::data)
REBUILD_ERROR(no_journal_error, exit_code::no_journal)
REBUILD_ERROR(cant_create_error, exit_code::cant_create)
REBUILD_ERROR(io_error, exit_code::io)
REBUILD_ERROR(busy_error, exit_code::busy)
#undef REBUILD_ERROR

}  // namespace rebuild
