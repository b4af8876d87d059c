#include "output_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "rebuild/errors.hpp"

namespace rebuild::cli {
namespace {

namespace fs = std::filesystem;

/// True when the file at `path` starts as a rebuild journal does: the SQLite header with
/// rebuild's application id ("RBLD") at byte 68.
bool is_rebuild_journal(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) return false;
  std::array<unsigned char, 100> head{};
  const ssize_t got = ::read(fd, head.data(), head.size());
  ::close(fd);
  return got == static_cast<ssize_t>(head.size()) &&
         std::memcmp(head.data(), "SQLite format 3", 16) == 0 &&
         std::memcmp(head.data() + 68, "RBLD", 4) == 0;
}

/// A file rebuild or SQLite keeps beside a rebuild journal (there or not yet): -wal, -shm,
/// -journal, .sync-key.
bool beside_a_journal(const fs::path& path) {
  const std::string name = path.string();
  // SQLite's own, and what rebuild keeps beside a journal: this device's sync key (without it
  // the journal no longer syncs) and the copy kept by a restore.
  for (const std::string_view suffix : {"-wal", "-shm", "-journal", ".sync-key"})
    if (name.size() > suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0 &&
        is_rebuild_journal(name.substr(0, name.size() - suffix.size())))
      return true;
  // NAME.before-restore-YYYYMMDD-HHMM is a journal itself (is_rebuild_journal finds it).
  return false;
}

[[noreturn]] void refuse(const fs::path& path, std::string_view what,
                         std::string_view hint = "give a new file's name") {
  throw cant_create_error(
      fmt::format("--output {} {}; nothing was written ({})", path.string(), what, hint));
}

}  // namespace

void check_output_target(const fs::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    // Nothing there yet; but a name that belongs beside a journal is still the journal's.
    if (beside_a_journal(path)) refuse(path, "belongs to the journal beside it");
    return;
  }
  if (S_ISLNK(st.st_mode)) refuse(path, "is a symbolic link", "give the file's own path");
  if (S_ISDIR(st.st_mode)) refuse(path, "is a folder");
  if (!S_ISREG(st.st_mode))
    refuse(path, "is not a regular file (a device, a pipe or a socket)",
           "leave out --output to write to standard output");
  if (is_rebuild_journal(path)) refuse(path, "is a rebuild journal (or a backup of one)");
  if (beside_a_journal(path)) refuse(path, "belongs to the journal beside it");
}

private_file::private_file(fs::path path) : path_(std::move(path)) {
  check_output_target(path_);
  sweep_stale(path_, {"output"});
  temp_ = std::make_unique<temp_file>(temp_beside(path_, "output"));
  fd_ = ::open(temp_->path().c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd_ < 0) fail("creating it");
}

private_file::~private_file() {
  if (fd_ >= 0) ::close(fd_);
  // temp_ removes the temporary file unless commit() kept it.
}

void private_file::fail(const std::string& what) {
  const std::string why = std::strerror(errno);
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  temp_.reset();
  throw io_error(
      fmt::format("cannot write {}: {} ({}); nothing was written", path_.string(), why, what));
}

void private_file::write(std::string_view text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("writing");
    }
    done += static_cast<std::size_t>(n);
  }
}

void private_file::commit() {
  if (::fchmod(fd_, 0600) != 0 || ::fsync(fd_) != 0) fail("saving");
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) fail("saving");
  // Looked at again just before the rename: what is there now must still be replaceable.
  check_output_target(path_);
  if (::rename(temp_->path().c_str(), path_.c_str()) != 0) fail("putting it in place");
  temp_->keep();
}

void write_private_file(const fs::path& path, const std::string& content) {
  private_file file(path);
  file.write(content);
  file.commit();
}

}  // namespace rebuild::cli
