#pragma once
// What every command shares: the global flags, the clock, the journal (opened once, on
// first use), who is writing, and the terminal. Passed to each command; never global.
#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rebuild/dates.hpp"
#include "rebuild/entries.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/journal.hpp"

namespace rebuild::cli {

struct global_options {
  std::string journal;
  std::string as;
  bool json = false;
  bool no_color = false;
};

class context {
 public:
  global_options globals;
  /// How a command that did not fail ends: ok, or (for `due`) nothing_due.
  exit_code status = exit_code::ok;

  const rebuild::clock& now();
  std::filesystem::path journal_path() const;
  /// Opens the journal on first use; a missing one is exit 66 with the `init` line to run.
  rebuild::journal& journal();
  /// Who is writing (`--as`, $REBUILD_PARTNER, or the only partner).
  partner writer();

  bool color() const;
  /// Standard input is a terminal a person can answer at.
  bool interactive() const;
  /// The text of an argument; `-` reads it from standard input (once per command).
  std::string text(const std::string& argument);

 private:
  std::optional<rebuild::clock> clock_;
  std::optional<rebuild::journal> journal_;
  bool stdin_used_ = false;
};

/// A command: the CLI11 subcommand it parsed into, and what to run then.
struct command {
  CLI::App* app;
  std::function<void()> run;
};
using command_list = std::vector<command>;

}  // namespace rebuild::cli
