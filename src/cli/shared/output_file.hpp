#pragma once
// Writing a file the user asked for (`--output`): private (0600), whole or not at all.
#include <filesystem>
#include <string>
#include <string_view>

namespace rebuild::cli {

/// A file written through a temporary one in the same folder (mode 0600), renamed into
/// place by commit(). Destroyed without commit(), it leaves nothing. Throws io_error saying
/// what failed.
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
  std::string temp_;
  int fd_ = -1;
};

/// Writes `content` to `path` as one private_file.
void write_private_file(const std::filesystem::path& path, const std::string& content);

}  // namespace rebuild::cli
