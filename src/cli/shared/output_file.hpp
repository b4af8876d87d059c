#pragma once
// Writing a file the user asked for (`--output`): private (0600), whole or not at all, and
// never over the journal, a backup of it, a link, or anything that is not a plain file.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "rebuild/temp_files.hpp"

namespace rebuild::cli {

/// Throws cant_create_error (exit 73), changing nothing, when `path` must not be replaced:
/// a rebuild journal or backup (by its header), the -wal, -shm or -journal file beside one,
/// a symbolic link, or anything but a regular file (a folder, a device, a FIFO).
void check_output_target(const std::filesystem::path& path);

/// A file written through a temporary one in the same folder (mode 0600), renamed into
/// place by commit(). Destroyed without commit(), or interrupted, it leaves nothing. Throws
/// io_error saying what failed.
class private_file {
 public:
  explicit private_file(std::filesystem::path path);
  ~private_file();
  private_file(const private_file&) = delete;
  private_file& operator=(const private_file&) = delete;

  void write(std::string_view text);
  void commit();

 private:
  [[noreturn]] void fail(const std::string& what);
  std::filesystem::path path_;
  std::unique_ptr<temp_file> temp_;
  int fd_ = -1;
};

/// Writes `content` to `path` as one private_file.
void write_private_file(const std::filesystem::path& path, const std::string& content);

}  // namespace rebuild::cli
