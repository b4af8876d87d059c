#include "journal_files.hpp"

#include <SQLiteCpp/Backup.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "rebuild/errors.hpp"
#include "rebuild/temp_files.hpp"

namespace rebuild::files {
namespace fs = std::filesystem;

int create_private(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return errno;
  ::fchmod(fd, 0600);
  ::close(fd);
  return 0;
}

/// Every page of `from` into the new, empty file `dest`, under one read snapshot.
void copy_pages(SQLite::Database& from, const fs::path& dest) {
  SQLite::Database copy(dest.string(), open_flags);
  small_cache(copy);
  SQLite::Backup backup(copy, from);
  if (backup.executeStep(-1) != SQLITE_DONE) throw io_error("the copy stopped before the end");
}

int fsync_file(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  const int done = ::fsync(fd);
  const int why = errno;
  ::close(fd);
  errno = why;
  return done;
}

void small_cache(SQLite::Database& db) {
  constexpr sqlite3_int64 sqlite_memory = 2 * 1024 * 1024;
  ::sqlite3_soft_heap_limit64(sqlite_memory);
  db.exec("PRAGMA cache_size = -1024");
}

bool has_journal_tables(SQLite::Database& db) {
  return db.execAndGet(
               "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
               "('partners', 'settings', 'entries', 'changes')")
             .getInt() == 4;
}

void put_backup_in_place(const fs::path& from, const fs::path& dest) {
  if (rename_no_replace(from, dest)) return;
  if (errno == EEXIST)
    throw cant_create_error(fmt::format(
        "{} appeared while the backup was made; nothing was written (choose a new name)",
        dest.string()));
  throw io_error(std::strerror(errno));
}

void remove_quietly(const fs::path& file) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"})
    fs::remove(fs::path(file.string() + suffix), ec);
}
}  // namespace rebuild::files
