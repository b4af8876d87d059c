#pragma once
// Passphrases come from a prompt that does not echo, on the terminal, or from a file
// descriptor a script names (`--passphrase-fd N`, as gpg takes it); never from a flag's
// value or the environment, which other users and shell histories can read.
#include <CLI/CLI.hpp>
#include <string>
#include <string_view>

#include "context.hpp"

namespace rebuild::cli {

/// Binds `--NAME N` (a file descriptor) on `app`.
void add_passphrase_fd(CLI::App* app, passphrase_source& source, const std::string& name,
                       const std::string& help);

/// Binds `--encrypt` (a file sealed under a passphrase of its own; `what` says what is
/// sealed) and `--passphrase-fd N`, which needs it.
void add_encrypt_flags(CLI::App* app, bool& encrypt, passphrase_source& source,
                       const std::string& what);

/// One passphrase: the next line of the descriptor when one is named; else, when standard
/// input is a terminal, asked on the terminal without echo (twice, when `confirm`, and the
/// two must match); else a usage error. The caller wipes it (crypto::wipe) when done.
/// Throws usage_error (nothing to read it from, cancelled, a descriptor that cannot be
/// read) or data_error (nothing came, the two did not match).
std::string read_passphrase(const context& ctx, const passphrase_source& source,
                            std::string_view prompt, bool confirm);

/// A passphrase for a file about to be sealed (`backup --encrypt`, `export --encrypt`): read
/// as read_passphrase reads it (twice on a terminal), then held to the rules of a partner's
/// new passphrase (check_new_passphrase: at least 8 characters); data_error otherwise.
std::string read_new_file_passphrase(const context& ctx, const passphrase_source& source,
                                     std::string_view prompt);

}  // namespace rebuild::cli
