#pragma once
// Flags that several commands share, bound once here so they read and check the same.
#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "context.hpp"

namespace rebuild::cli {

/// A whole number written in full ("7", not "7.0" or "7x").
std::optional<int> parse_whole(std::string_view text);

/// A whole-number flag checked against its field's range while parsing (exit 65).
CLI::Option* add_number(CLI::App* app, const std::string& flag, int& target,
                        const field_spec& field, const std::string& help);

/// `--date D` and `--time HH:MM`, and `--private` (with `--passphrase-fd N`), which every
/// command that logs an entry takes.
struct when_options {
  std::string date;
  std::string time;
  bool private_entry = false;
  passphrase_source passphrase;

  void add_to(CLI::App* app, const std::string& what);
  bool given() const { return !date.empty() || !time.empty(); }
  /// The day and time meant; now when neither flag was given. Throws data_error for a bad
  /// or future date. With --private, tells `ctx` (context::ask_privately).
  when resolve(context& ctx, std::string_view what) const;
  /// As resolve(), but what is not given is kept from `current`.
  when resolve_over(context& ctx, const when& current, std::string_view what) const;
};

/// `--private` and `--passphrase-fd N` on a command that reads: the writer's private entries
/// are shown too, opened with their passphrase.
struct private_read_options {
  bool on = false;
  passphrase_source passphrase;

  void add_to(CLI::App* app);
  /// With --private, asks the writer's passphrase and opens their private entries on this
  /// command's connection (reveal_private); before any read transaction.
  void reveal(context& ctx) const;
};

/// Sets help, description and examples the same way for every command.
CLI::App* add_command(CLI::App& parent, const std::string& name, const std::string& description,
                      const std::string& examples);

}  // namespace rebuild::cli
