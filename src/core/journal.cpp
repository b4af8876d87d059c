#include "rebuild/journal.hpp"

#include <SQLiteCpp/Backup.h>

#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "rebuild/errors.hpp"
#include "rebuild/temp_files.hpp"
#include "schema.hpp"

namespace rebuild {
namespace fs = std::filesystem;
namespace {

constexpr int busy_timeout_ms = 5000;
constexpr int application_id = 0x52424c44;  // "RBLD"
// A journal's connection is used by one thread only, so SQLite need not take its mutex on
// every call (multi-thread mode; about 5% of the instructions of a command that reads many
// rows).
const int open_flags = SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX;

/// Creates `path` empty, 0600 whatever the umask, never over an existing file or through a
/// symbolic link. 0 when done, else the errno.
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
  SQLite::Backup backup(copy, from);
  if (backup.executeStep(-1) != SQLITE_DONE) throw io_error("the copy stopped before the end");
}

/// The folders above `path` that do not exist yet, outermost first.
std::vector<fs::path> missing_folders(const fs::path& folder) {
  std::vector<fs::path> missing;
  std::error_code ec;
  for (fs::path p = folder; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
    missing.insert(missing.begin(), p);
    if (p == p.parent_path()) break;
  }
  return missing;
}

/// Makes what was written to `path` durable; 0 when done, else -1 with errno set.
int fsync_file(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  const int done = ::fsync(fd);
  const int why = errno;
  ::close(fd);
  errno = why;
  return done;
}

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

/// The tables every schema has; a file without them lost them.
bool has_journal_tables(SQLite::Database& db) {
  return db.execAndGet("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                       "('partners', 'settings', 'entries', 'changes')")
             .getInt() == 4;
}

void remove_quietly(const fs::path& file) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"})
    fs::remove(fs::path(file.string() + suffix), ec);
}

}  // namespace

fs::path journal_path(const std::string& flag_value) {
  if (!flag_value.empty()) return flag_value;
  if (const char* env = std::getenv("REBUILD_JOURNAL"); env != nullptr && *env != '\0')
    return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg == '/')
    return fs::path(xdg) / "rebuild" / "journal.db";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
    return fs::path(home) / ".local" / "share" / "rebuild" / "journal.db";
  throw usage_error("cannot tell where the journal is: HOME is not set; pass --journal PATH");
}

journal::journal(fs::path path, std::unique_ptr<SQLite::Database> db)
    : path_(std::move(path)), db_(std::move(db)) {}

int journal::latest_schema() { return static_cast<int>(schema::migrations.size()); }

std::int64_t journal::command_number() {
  // Inside the command's write transaction, so no other writer can take the same number:
  // the id the command's first change is about to get. Every earlier command's number is at
  // most the id of its own first change, so the numbers keep growing.
  if (command_ == 0)
    command_ = db_->execAndGet("SELECT coalesce(max(id), 0) + 1 FROM changes").getInt64();
  return command_;
}

SQLite::Statement& journal::statement(const std::string& sql) {
  auto& slot = statements_[sql];
  if (!slot) slot = std::make_unique<SQLite::Statement>(*db_, sql);
  slot->reset();
  slot->clearBindings();
  return *slot;
}

int journal::schema_version() { return db_->execAndGet("PRAGMA user_version").getInt(); }

void migrate_to(SQLite::Database& db, int target) {
  SQLite::Transaction txn(db, SQLite::TransactionBehavior::IMMEDIATE);
  // Read again inside the transaction: another process may have migrated meanwhile.
  const int current = db.execAndGet("PRAGMA user_version").getInt();
  for (int v = current; v < target; ++v) db.exec(schema::migrations.at(static_cast<size_t>(v)));
  if (current < target) {
    db.exec(fmt::format("PRAGMA application_id = {}", application_id));
    db.exec(fmt::format("PRAGMA user_version = {}", target));
  }
  txn.commit();
}

journal journal::open(const fs::path& path) {
  // What a killed command left beside the journal (a half-made journal, a scratch copy of a
  // partner's journal or a backup, the journal as it was before a restore that never came
  // in) goes at the start of the next one.
  sweep_stale(path, {"init", "scratch", "kept", "backup"});
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory)
    throw io_error(fmt::format("cannot reach the journal at {}: {}; check the folders' owner and "
                               "mode",
                               path.string(), ec.message()));
  if (!fs::exists(status))
    throw no_journal_error(fmt::format("no journal at {}", path.string()));
  if (fs::is_directory(status))
    throw io_error(fmt::format("{} is a folder, not a journal file; pass the file's path",
                               path.string()));
  if (::access(path.c_str(), R_OK) != 0)
    throw io_error(fmt::format("cannot read the journal at {}: {}; check its owner and mode",
                               path.string(), std::strerror(errno)));

  auto db = std::make_unique<SQLite::Database>(path.string(), open_flags,
                                               busy_timeout_ms);
  int app_id = 0;
  int version = 0;
  try {
    app_id = db->execAndGet("PRAGMA application_id").getInt();
    version = db->execAndGet("PRAGMA user_version").getInt();
  } catch (const SQLite::Exception& e) {
    if (e.getErrorCode() == SQLITE_NOTADB || e.getErrorCode() == SQLITE_CORRUPT)
      throw io_error(fmt::format("{} is not a rebuild journal (SQLite says: {})", path.string(),
                                 e.what()));
    throw;
  }
  if (app_id != application_id)
    throw io_error(fmt::format(
        "{} is an SQLite file but not a rebuild journal; pass the journal's path with --journal",
        path.string()));
  if (version > latest_schema())
    throw io_error(fmt::format(
        "the journal at {} was written by a newer rebuild (schema {}, this one knows up to {}); "
        "update rebuild to open it. The file was not changed",
        path.string(), version, latest_schema()));
  db->exec("PRAGMA foreign_keys = ON");
  journal j(path, std::move(db));
  if (version < latest_schema()) migrate_to(j.db(), latest_schema());
  // A file that says it is a journal but lost its tables is damaged, not a bug of ours.
  if (!has_journal_tables(j.db()))
    throw io_error(fmt::format("the journal at {} is damaged: its tables are missing; put a "
                               "backup in its place with 'rebuild restore FILE'",
                               path.string()));
  return j;
}

journal journal::create(const fs::path& path, const std::function<void(journal&)>& populate) {
  struct stat there {};
  if (::lstat(path.c_str(), &there) == 0) {
    if (S_ISLNK(there.st_mode))
      throw cant_create_error(fmt::format(
          "{} is a symbolic link{}; give the journal's real path with --journal, or remove the "
          "link",
          path.string(), fs::exists(path) ? "" : " to a file that does not exist"));
    throw cant_create_error(fmt::format(
        "cannot create the journal at {}: a file is already there; choose another place with "
        "--journal",
        path.string()));
  }
  const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
  const auto made = missing_folders(folder);
  auto undo_folders = [&made] {
    std::error_code ec;
    for (auto it = made.rbegin(); it != made.rend(); ++it) fs::remove(*it, ec);
  };
  for (const auto& dir : made) {
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
      const std::string why = std::strerror(errno);
      undo_folders();
      throw cant_create_error(fmt::format(
          "cannot create the folder {} for the journal: {}; choose another place with --journal",
          dir.string(), why));
    }
  }
  // The journal is built whole under a temporary name and renamed into place: a command
  // killed halfway leaves no half-made journal that every later command would trip on.
  sweep_stale(path, {"init"});
  temp_file building(temp_beside(path, "init"));
  if (const int why = create_private(building.path()); why != 0) {
    undo_folders();
    throw cant_create_error(fmt::format(
        "cannot create the journal at {}: {}; choose another place with --journal",
        path.string(), std::strerror(why)));
  }
  try {
    {
      auto db = std::make_unique<SQLite::Database>(building.path().string(), open_flags,
                                                   busy_timeout_ms);
      db->exec("PRAGMA foreign_keys = ON");
      journal j(building.path(), std::move(db));
      {
        SQLite::Transaction txn(j.db(), SQLite::TransactionBehavior::IMMEDIATE);
        for (const auto& step : schema::migrations) j.db().exec(step);
        j.db().exec(fmt::format("PRAGMA application_id = {}", application_id));
        j.db().exec(fmt::format("PRAGMA user_version = {}", latest_schema()));
        populate(j);
        txn.commit();
      }
      j.db().exec("PRAGMA journal_mode = WAL");
      if (fsync_file(building.path()) != 0) throw io_error(std::strerror(errno));
    }  // closed: SQLite folds its -wal in and removes it
    if (!rename_no_replace(building.path(), path)) {
      const int why = errno;
      throw cant_create_error(fmt::format(
          "cannot create the journal at {}: {}; choose another place with --journal",
          path.string(), why == EEXIST ? "a file appeared there meanwhile" : std::strerror(why)));
    }
    building.keep();
    return open(path);
  } catch (...) {
    building.discard();
    undo_folders();
    throw;
  }
}

write_transaction::write_transaction(journal& j)
    : txn_(j.db(), SQLite::TransactionBehavior::IMMEDIATE) {
  j.command_ = 0;  // a new command: its changes get a number of their own
}

void write_transaction::commit() { txn_.commit(); }

read_transaction::read_transaction(journal& j)
    : txn_(j.db(), SQLite::TransactionBehavior::DEFERRED) {}

backup_made backup_journal(journal& j, const fs::path& dest) {
  struct stat there {};
  if (::lstat(dest.c_str(), &there) == 0)
    throw cant_create_error(fmt::format(
        "{} already exists; nothing was written (choose a new name, or a folder to put a dated "
        "copy in)",
        dest.string()));
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
      const std::string check = copy.execAndGet("PRAGMA quick_check").getString();
      if (check != "ok") throw io_error(fmt::format("the copy does not read back ({})", check));
      if (copy.execAndGet("PRAGMA application_id").getInt() != application_id)
        throw io_error("the copy is not a rebuild journal");
      made.entries = copy.execAndGet("SELECT count(*) FROM entries WHERE deleted = 0").getInt64();
    }
    if (fsync_file(copy_file.path()) != 0) throw io_error(std::strerror(errno));
    if (!rename_no_replace(copy_file.path(), dest)) {
      if (errno == EEXIST)
        throw cant_create_error(fmt::format(
            "{} appeared while the backup was made; nothing was written (choose a new name)",
            dest.string()));
      throw io_error(std::strerror(errno));
    }
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
  const sqlite_header header = read_header(source);
  if (!header.is_sqlite)
    throw io_error(fmt::format("{} is not a rebuild journal; a file 'rebuild export' wrote goes to "
                               "'rebuild import'",
                               source.string()));
  if (header.application != static_cast<std::uint32_t>(application_id))
    throw io_error(fmt::format("{} is an SQLite file but not a rebuild journal", source.string()));
  if (header.version > static_cast<std::uint32_t>(journal::latest_schema()))
    throw io_error(fmt::format("{} was written by a newer rebuild (schema {}, this one knows up "
                               "to {}); update rebuild to read it",
                               source.string(), header.version, journal::latest_schema()));
  const fs::path wal = source.string() + "-wal";
  bool copied = false;
  for (int attempt = 0; attempt < 3 && !copied; ++attempt) {
    remove_quietly(scratch);
    const file_state before[2] = {state_of(source), state_of(wal)};
    for (const auto& [from, to] : {std::pair{source, scratch},
                                   std::pair{wal, fs::path(scratch.string() + "-wal")}}) {
      if (from == wal && !before[1].exists) continue;
      bool reading = false;
      if (const int why = copy_bytes(from, to, reading); why != 0) {
        remove_quietly(scratch);
        if (reading)
          throw io_error(fmt::format("cannot read {}: {}", from.string(), std::strerror(why)));
        throw io_error(fmt::format("cannot make a scratch copy of {} beside the journal: {}; "
                                   "nothing was changed",
                                   source.string(), std::strerror(why)));
      }
    }
    copied = before[0] == state_of(source) && before[1] == state_of(wal);
  }
  if (!copied) {
    remove_quietly(scratch);
    throw busy_error(fmt::format("{} kept changing while it was read; try again when no command "
                                 "is writing it",
                                 source.string()));
  }
  // Errors about the copy name the file the person gave.
  const auto named = [&](std::string message) {
    for (std::size_t at; (at = message.find(scratch.string())) != std::string::npos;)
      message.replace(at, scratch.string().size(), source.string());
    return message;
  };
  try {
    {
      SQLite::Database copy(scratch.string(), open_flags, busy_timeout_ms);
      const std::string check = copy.execAndGet("PRAGMA quick_check").getString();
      if (check != "ok")
        throw io_error(fmt::format("{} is damaged ({}); nothing was read from it", source.string(),
                                   check));
      if (!has_journal_tables(copy))
        throw io_error(fmt::format("{} is damaged: its tables are missing; nothing was read from "
                                   "it",
                                   source.string()));
    }
    return journal::open(scratch);  // brought up to this build's schema, in the copy only
  } catch (const SQLite::Exception& e) {
    remove_quietly(scratch);
    if (e.getErrorCode() == SQLITE_FULL)
      throw io_error(fmt::format("no room beside the journal for a scratch copy of {}",
                                 source.string()));
    throw io_error(fmt::format("{} is damaged ({}); nothing was read from it", source.string(),
                               e.what()));
  } catch (const io_error& e) {
    remove_quietly(scratch);
    throw io_error(named(e.what()));
  } catch (...) {
    remove_quietly(scratch);
    throw;
  }
}

void remove_copy(const fs::path& scratch) { remove_quietly(scratch); }

}  // namespace rebuild
