#pragma once
/// Files sealed under a passphrase of their own (`backup --encrypt`, `export --encrypt`), as
/// crypto::seal_stream writes them, and opened again (`restore`, `import`). The passphrase is
/// the file's alone: neither partner's passphrase nor the journal is needed to open it, and
/// nothing can open it without it.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "rebuild/crypto.hpp"

namespace rebuild {

/// Whether the file at `path` starts like a sealed file; false when it cannot be read.
bool is_sealed_file(const std::filesystem::path& path);

/// The backup `plain` (a file in a private place) sealed under `passphrase` into the new file
/// `dest`: written 0600 under a temporary name beside it, made durable, then renamed into
/// place, never over an existing file (cant_create_error, as when its folder is missing). On
/// any failure nothing is left at `dest` (io_error for a full disk, say). Returns the sealed
/// file's size.
std::uintmax_t seal_backup(const std::filesystem::path& plain, const std::filesystem::path& dest,
                           std::string_view passphrase, crypto::kdf_cost cost);

/// The sealed file `source` opened into the new private file `plain` (0600), which should be
/// in a private place. Throws data_error for a wrong passphrase or a file changed or cut
/// short, io_error for one that is not sealed or cannot be read, or when `plain` cannot be
/// written; every message names `source`. On failure `plain` is removed.
void open_sealed_file(const std::filesystem::path& source, const std::filesystem::path& plain,
                      std::string_view passphrase);

/// The same, in memory: `plain` sealed, and what `sealed` holds opened (errors as
/// open_sealed_file's, naming `name`).
std::string seal_text(std::string_view plain, std::string_view passphrase, crypto::kdf_cost cost);
std::string open_sealed_text(std::string_view sealed, std::string_view passphrase,
                             std::string_view name);

}  // namespace rebuild
