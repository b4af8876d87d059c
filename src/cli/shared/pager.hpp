#pragma once
// Long lists through the user's pager, as git does: `$PAGER`, else Debian's `pager`
// alternative, else `less -FRX` (which quits at once when all of it fits the screen), only
// when standard output is a terminal.
#include <sys/types.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <optional>
#include <string>

namespace rebuild::cli {

/// The pager to run, as a shell command: $PAGER (none when it is empty or `cat`), else
/// `pager` when it is on $PATH, else `less -FRX` when less is; nullopt: none.
std::optional<std::string> pager_command();

/// While it lives, standard output goes to the pager, when `wanted` and standard output is
/// a terminal and $PAGER is not empty or `cat`; otherwise it changes nothing. Its destructor
/// ends the output and waits for the pager to quit. Anything decided by looking at the
/// terminal (colour, width) is decided before it starts.
class pager {
 public:
  explicit pager(bool wanted);
  ~pager();
  pager(const pager&) = delete;
  pager& operator=(const pager&) = delete;

 private:
  pid_t pid_ = -1;
  int saved_stdout_ = -1;
  struct sigaction old_int_ {};
  struct sigaction old_quit_ {};
};

/// `--no-pager` on a long list: sets `page` to false. (A plain flag with a callback, so that
/// --help shows `--no-pager`, not CLI11's `--no-pager{false}` of a negated flag.)
void add_no_pager(CLI::App* list, bool& page);

}  // namespace rebuild::cli
