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

/// One passphrase: the next line of the descriptor when one is named; else, when standard
/// input is a terminal, asked on the terminal without echo (twice, when `confirm`, and the
/// two must match); else a usage error. The caller wipes it (crypto::wipe) when done.
/// Throws usage_error (nothing to read it from, cancelled, a descriptor that cannot be
/// read) or data_error (nothing came, the two did not match).
std::string read_passphrase(const context& ctx, const passphrase_source& source,
                            std::string_view prompt, bool confirm);

}  // namespace rebuild::cli
