#pragma once
/// Files a command makes on its way and must not leave behind: a journal under construction,
/// a backup not yet checked, a scratch copy of another journal, an output file not yet
/// complete. Each has a name that says whose it is (`.NAME.rebuild-TAG-PID`), is removed on
/// every way out of the command (its owner's destructor; SIGINT, SIGTERM and SIGHUP too), and,
/// when the command was killed outright (SIGKILL, power loss), is swept by the next command
/// that makes one there: a file whose process no longer runs is nobody's.
#include <filesystem>
#include <initializer_list>
#include <string_view>

namespace rebuild {

/// `.NAME.rebuild-TAG-PID` beside `final_path`, in the same folder (so a rename puts it in
/// place).
std::filesystem::path temp_beside(const std::filesystem::path& final_path, std::string_view tag);

/// Removes, in the folder of `final_path`, what `temp_beside` named with one of `tags` (for
/// any file's name) for processes that no longer run, with SQLite's -wal, -shm and -journal
/// files beside each. Quiet: a sweep that cannot remove a file leaves it.
void sweep_stale(const std::filesystem::path& final_path,
                 std::initializer_list<std::string_view> tags);

/// While it lives, `path` and SQLite's -wal, -shm and -journal beside it are removed if the
/// process is interrupted (SIGINT, SIGTERM, SIGHUP), and by its destructor unless kept.
class temp_file {
 public:
  explicit temp_file(std::filesystem::path path);
  ~temp_file();
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;
  const std::filesystem::path& path() const { return path_; }
  /// The file was renamed into place (or is wanted): nothing is removed any more.
  void keep();
  /// Removes it now (and SQLite's files beside it).
  void discard();

 private:
  std::filesystem::path path_;
  int slot_ = -1;
};

/// A private folder (0700) whose files are removed with it, on the same terms as temp_file.
class temp_folder {
 public:
  explicit temp_folder(std::filesystem::path path);
  ~temp_folder();
  temp_folder(const temp_folder&) = delete;
  temp_folder& operator=(const temp_folder&) = delete;
  const std::filesystem::path& path() const { return path_; }
  /// A file in the folder, removed with it (SQLite's files beside it too).
  std::filesystem::path file(std::string_view name);

 private:
  std::filesystem::path path_;
  int slot_ = -1;
  int file_slots_[4] = {-1, -1, -1, -1};
  int files_ = 0;
};

/// Renames `from` to `to` only when `to` does not exist; false (errno EEXIST) when it does.
bool rename_no_replace(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace rebuild
