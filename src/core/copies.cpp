// Copies of a journal: a backup made from it, and another copy (a partner's, a backup) read
// without touching it.
#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "journal_files.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/journal.hpp"
#include "rebuild/temp_files.hpp"

namespace rebuild {
namespace fs = std::filesystem;
using namespace files;
namespace {

/// Copies `from`, byte for byte, to the new private file `to`. 0 when done; else the errno,
/// and `reading` says which side failed.
int copy_bytes(const fs::path& from, const fs::path& to, bool& reading) {
  reading = true;
  const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return errno;
  reading = false;
  const int out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (out < 0) {
    const int why = errno;
    ::close(in);
    return why;
  }
  std::array<char, 1 << 16> buffer{};
  int failure = 0;
  for (;;) {
    const ssize_t got = ::read(in, buffer.data(), buffer.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      failure = errno;
      reading = true;
      break;
    }
    if (got == 0) break;
    for (ssize_t done = 0; done < got;) {
      const ssize_t put = ::write(out, buffer.data() + done, static_cast<size_t>(got - done));
      if (put < 0 && errno == EINTR) continue;
      if (put < 0) {
        failure = errno;
        break;
      }
      done += put;
    }
    if (failure != 0) break;
  }
  if (::close(out) != 0 && failure == 0) failure = errno;
  ::close(in);
  return failure;
}

/// What the first 100 bytes of an SQLite file say: its application id and user version.
struct sqlite_header {
  bool is_sqlite = false;
  std::uint32_t application = 0;
  std::uint32_t version = 0;
};

std::uint32_t big_endian(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

sqlite_header read_header(const fs::path& path) {
  sqlite_header h;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return h;
  std::array<unsigned char, 100> head{};
  const ssize_t got = ::read(fd, head.data(), head.size());
  ::close(fd);
  if (got != static_cast<ssize_t>(head.size()) ||
      std::memcmp(head.data(), "SQLite format 3", 16) != 0)
    return h;
  h.is_sqlite = true;
  h.version = big_endian(head.data() + 60);
  h.application = big_endian(head.data() + 68);
  return h;
}

struct file_state {
  bool exists = false;
  off_t size = 0;
  timespec changed{};
  bool operator==(const file_state& o) const {
    return exists == o.exists && size == o.size && changed.tv_sec == o.changed.tv_sec &&
           changed.tv_nsec == o.changed.tv_nsec;
  }
};

file_state state_of(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  return {true, st.st_size, st.st_mtim};
}

/// Refuses, naming `source`, what is not a rebuild journal of a schema this build knows.
void check_header(const sqlite_header& header, const fs::path& source) {
  if (!header.is_sqlite)
    throw io_error(
        fmt::format("{} is not a rebuild journal; a file 'rebuild export' wrote goes to "
                    "'rebuild import'",
                    source.string()));
  if (header.application != static_cast<std::uint32_t>(application_id))
    throw io_error(fmt::format("{} is an SQLite file but not a rebuild journal", source.string()));
  if (header.version > static_cast<std::uint32_t>(journal::latest_schema()))
    throw io_error(
        fmt::format("{} was written by a newer rebuild (schema {}, this one knows up "
                    "to {}); update rebuild to read it",
                    source.string(), header.version, journal::latest_schema()));
}

/// The copy at `scratch`, checked and opened; removed on failure. Errors name `source`.
journal open_checked(const fs::path& scratch, const fs::path& source) {
  // Errors about the copy name the file the person gave.
  const auto named = [&](std::string message) {
    for (std::size_t at; (at = message.find(scratch.string())) != std::string::npos;)
      message.replace(at, scratch.string().size(), source.string());
    return message;
  };
  try {
    {
      SQLite::Database copy(scratch.string(), open_flags, busy_timeout_ms);
      small_cache(copy);
      const std::string check = copy.execAndGet("PRAGMA quick_check").getString();
      if (check != "ok")
        throw io_error(
            fmt::format("{} is damaged ({}); nothing was read from it", source.string(), check));
      if (!has_journal_tables(copy))
        throw io_error(
            fmt::format("{} is damaged: its tables are missing; nothing was read from "
                        "it",
                        source.string()));
    }
    return journal::open(scratch);  // brought up to this build's schema, in the copy only
  } catch (const SQLite::Exception& e) {
    remove_quietly(scratch);
    if (e.getErrorCode() == SQLITE_FULL)
      throw io_error(
          fmt::format("no room beside the journal for a scratch copy of {}", source.string()));
    throw io_error(
        fmt::format("{} is damaged ({}); nothing was read from it", source.string(), e.what()));
  } catch (const io_error& e) {
    remove_quietly(scratch);
    throw io_error(named(e.what()));
  } catch (...) {
    remove_quietly(scratch);
    throw;
  }
}

}  // namespace

void check_backup_dest(const fs::path& dest) {
  struct stat there {};
  if (::lstat(dest.c_str(), &there) == 0)
    throw cant_create_error(fmt::format(
        "{} already exists; nothing was written (choose a new name, or a folder to put a dated "
        "copy in)",
        dest.string()));
  const fs::path folder = dest.has_parent_path() ? dest.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(folder, ec))  // said before any work (or passphrase) is asked for
    throw cant_create_error(fmt::format("cannot create the backup at {}: {}; nothing was written",
                                        dest.string(), std::strerror(ENOENT)));
}

backup_made backup_journal(journal& j, const fs::path& dest) {
  check_backup_dest(dest);
  // Written under a temporary name beside `dest` and renamed there once checked, so that a
  // killed backup leaves no unusable file under the name a later backup wants.
  sweep_stale(dest, {"backup"});
  temp_file copy_file(temp_beside(dest, "backup"));
  if (const int why = create_private(copy_file.path()); why != 0)
    throw cant_create_error(fmt::format("cannot create the backup at {}: {}; nothing was written",
                                        dest.string(), std::strerror(why)));
  try {
    backup_made made;
    copy_pages(j.db(), copy_file.path());
    {
      // The copy, read back as a journal: whole, and still a rebuild journal.
      SQLite::Database copy(copy_file.path().string(), open_flags);
      small_cache(copy);
      const std::string check = copy.execAndGet("PRAGMA quick_check").getString();
      if (check != "ok") throw io_error(fmt::format("the copy does not read back ({})", check));
      if (copy.execAndGet("PRAGMA application_id").getInt() != application_id)
        throw io_error("the copy is not a rebuild journal");
      made.entries = copy.execAndGet("SELECT count(*) FROM entries WHERE deleted = 0").getInt64();
    }
    if (fsync_file(copy_file.path()) != 0) throw io_error(std::strerror(errno));
    put_backup_in_place(copy_file.path(), dest);
    copy_file.keep();
    made.bytes = fs::file_size(dest);
    return made;
  } catch (const SQLite::Exception& e) {
    if (e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED) throw;
    throw io_error(fmt::format("cannot write the backup at {} ({}); nothing was left there",
                               dest.string(), e.what()));
  } catch (const io_error& e) {
    throw io_error(fmt::format("cannot write the backup at {}: {}; nothing was left there",
                               dest.string(), e.what()));
  }
}

journal open_copy(const fs::path& source, const fs::path& scratch) {
  // The other copy is never opened by SQLite: no lock taken, no -wal or -shm made beside it,
  // nothing written there, so a copy on read-only media or another partner's folder is read
  // as it is. Its bytes (and those of its -wal, if a command left one) are copied to
  // `scratch`, and SQLite opens that.
  std::error_code ec;
  const auto status = fs::status(source, ec);
  if (!fs::exists(status)) throw no_journal_error(fmt::format("no journal at {}", source.string()));
  if (!fs::is_regular_file(status))
    throw io_error(fmt::format("{} is not a journal file", source.string()));
  if (::access(source.c_str(), R_OK) != 0)
    throw io_error(fmt::format("cannot read {}: {}", source.string(), std::strerror(errno)));
  check_header(read_header(source), source);
  const fs::path wal = source.string() + "-wal";
  bool copied = false;
  for (int attempt = 0; attempt < 3 && !copied; ++attempt) {
    remove_quietly(scratch);
    const file_state before[2] = {state_of(source), state_of(wal)};
    for (const auto& [from, to] :
         {std::pair{source, scratch}, std::pair{wal, fs::path(scratch.string() + "-wal")}}) {
      if (from == wal && !before[1].exists) continue;
      bool reading = false;
      if (const int why = copy_bytes(from, to, reading); why != 0) {
        remove_quietly(scratch);
        if (reading)
          throw io_error(fmt::format("cannot read {}: {}", from.string(), std::strerror(why)));
        throw io_error(
            fmt::format("cannot make a scratch copy of {} beside the journal: {}; "
                        "nothing was changed",
                        source.string(), std::strerror(why)));
      }
    }
    copied = before[0] == state_of(source) && before[1] == state_of(wal);
  }
  if (!copied) {
    remove_quietly(scratch);
    throw busy_error(
        fmt::format("{} kept changing while it was read; try again when no command "
                    "is writing it",
                    source.string()));
  }
  return open_checked(scratch, source);
}

journal open_copied(const fs::path& scratch, const fs::path& source) {
  try {
    check_header(read_header(scratch), source);
  } catch (...) {
    remove_quietly(scratch);
    throw;
  }
  return open_checked(scratch, source);
}

void remove_copy(const fs::path& scratch) { remove_quietly(scratch); }

}  // namespace rebuild
