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

/// `--date D` and `--time HH:MM`.
struct when_options {
  std::string date;
  std::string time;

  void add_to(CLI::App* app, const std::string& what);
  bool given() const { return !date.empty() || !time.empty(); }
  /// The day and time meant; now when neither flag was given. Throws data_error for a bad
  /// or future date.
  when resolve(context& ctx, std::string_view what) const;
  /// As resolve(), but what is not given is kept from `current`.
  when resolve_over(context& ctx, const when& current, std::string_view what) const;
};

/// Sets help, description and examples the same way for every command.
CLI::App* add_command(CLI::App& parent, const std::string& name, const std::string& description,
                      const std::string& examples);

}  // namespace rebuild::cli
