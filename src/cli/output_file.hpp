#pragma once
// Writing a file the user asked for (`--output`): private (0600), whole or not at all.
#include <filesystem>
#include <string>

namespace rebuild::cli {

/// Writes `content` to `path` through a temporary file in the same folder, renamed into
/// place, mode 0600. Throws io_error saying what failed; leaves no partial file.
void write_private_file(const std::filesystem::path& path, const std::string& content);

}  // namespace rebuild::cli
