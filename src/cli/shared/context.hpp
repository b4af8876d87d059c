#pragma once
// What every command shares: the global flags, the clock, the journal (opened once, on
// first use), who is writing, and the terminal. Passed to each command; never global.
#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rebuild/crypto.hpp"
#include "rebuild/dates.hpp"
#include "rebuild/entries.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/journal.hpp"

namespace rebuild::cli {

/// Where a passphrase comes from: `--passphrase-fd N` when `flag` was given, else the
/// terminal (passphrase_input.hpp).
struct passphrase_source {
  int fd = -1;
  CLI::Option* flag = nullptr;
};

struct global_options {
  std::string journal;
  std::string as;
  bool json = false;
  bool no_color = false;
  std::string color = "auto";  // --color: auto, always, never
};

class context {
 public:
  global_options globals;
  /// How a command that did not fail ends: ok, or (for `due`) nothing_due.
  exit_code status = exit_code::ok;
  /// What could not be read (a private box that does not open) while the rest was shown: said
  /// after the command's output, which then ends with exit 74.
  std::vector<std::string> unread;

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

  /// `--private` was given: the entry this command logs is sealed with the writer's key, or a
  /// read shows the writer's private entries too. Its passphrase comes from `source`.
  void ask_privately(const passphrase_source& source);
  bool privately() const { return private_source_.has_value(); }
  /// The writer's data key, from their passphrase (asked once a command). Throws data_error
  /// when they have none, or for a wrong one.
  const crypto::key& private_key();

 private:
  std::optional<rebuild::clock> clock_;
  std::optional<rebuild::journal> journal_;
  bool stdin_used_ = false;
  std::optional<passphrase_source> private_source_;
  std::unique_ptr<crypto::key> private_key_;
};

/// A command: the CLI11 subcommand it parsed into, and what to run then.
struct command {
  CLI::App* app;
  std::function<void()> run;
};
using command_list = std::vector<command>;

}  // namespace rebuild::cli
