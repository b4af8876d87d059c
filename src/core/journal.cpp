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
  return j;
}

journal journal::create(const fs::path& path, const std::function<void(journal&)>& populate) {
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
  if (const int why = create_private(path); why != 0) {
    undo_folders();
    throw cant_create_error(fmt::format(
        "cannot create the journal at {}: {}; choose another place with --journal",
        path.string(), std::strerror(why)));
  }

  try {
    auto db = std::make_unique<SQLite::Database>(path.string(), open_flags,
                                                 busy_timeout_ms);
    db->exec("PRAGMA journal_mode = WAL");
    db->exec("PRAGMA foreign_keys = ON");
    journal j(path, std::move(db));
    {
      SQLite::Transaction txn(j.db(), SQLite::TransactionBehavior::IMMEDIATE);
      for (const auto& step : schema::migrations) j.db().exec(step);
      j.db().exec(fmt::format("PRAGMA application_id = {}", application_id));
      j.db().exec(fmt::format("PRAGMA user_version = {}", latest_schema()));
      populate(j);
      txn.commit();
    }
    return j;
  } catch (...) {
    remove_quietly(path);
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
  if (const int why = create_private(dest); why == EEXIST)
    throw cant_create_error(fmt::format(
        "{} already exists; nothing was written (choose a new name, or a folder to put a dated "
        "copy in)",
        dest.string()));
  else if (why != 0)
    throw cant_create_error(fmt::format("cannot create the backup at {}: {}; nothing was written",
                                        dest.string(), std::strerror(why)));
  try {
    copy_pages(j.db(), dest);
    // The copy, read back as a journal: whole, and still a rebuild journal.
    SQLite::Database copy(dest.string(), open_flags);
    const std::string check = copy.execAndGet("PRAGMA quick_check").getString();
    if (check != "ok") throw io_error(fmt::format("the copy does not read back ({})", check));
    if (copy.execAndGet("PRAGMA application_id").getInt() != application_id)
      throw io_error("the copy is not a rebuild journal");
    backup_made made;
    made.entries = copy.execAndGet("SELECT count(*) FROM entries WHERE deleted = 0").getInt64();
    made.bytes = fs::file_size(dest);
    return made;
  } catch (const SQLite::Exception& e) {
    remove_quietly(dest);
    if (e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED) throw;
    throw io_error(fmt::format("cannot write the backup at {} ({}); nothing was left there",
                               dest.string(), e.what()));
  } catch (const io_error& e) {
    remove_quietly(dest);
    throw io_error(fmt::format("cannot write the backup at {}: {}; nothing was left there",
                               dest.string(), e.what()));
  } catch (...) {
    remove_quietly(dest);
    throw;
  }
}

journal open_copy(const fs::path& source, const fs::path& scratch) {
  std::error_code ec;
  if (!fs::is_regular_file(source, ec))
    throw no_journal_error(fmt::format("no journal at {}", source.string()));
  try {
    SQLite::Database from(source.string(), SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX,
                          busy_timeout_ms);
    if (from.execAndGet("PRAGMA application_id").getInt() != application_id)
      throw io_error(fmt::format("{} is not a rebuild journal", source.string()));
    const int version = from.execAndGet("PRAGMA user_version").getInt();
    if (version > journal::latest_schema())
      throw io_error(fmt::format("{} was written by a newer rebuild (schema {}, this one knows up "
                                 "to {}); update rebuild to read it",
                                 source.string(), version, journal::latest_schema()));
    if (const int why = create_private(scratch); why != 0)
      throw io_error(fmt::format("cannot make a scratch copy at {}: {}", scratch.string(),
                                 std::strerror(why)));
    copy_pages(from, scratch);
  } catch (const SQLite::Exception& e) {
    remove_quietly(scratch);
    if (e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED) throw;
    if (e.getErrorCode() == SQLITE_NOTADB)
      throw io_error(fmt::format("{} is not a rebuild journal (SQLite says: {}); a file "
                                 "'rebuild export' wrote goes to 'rebuild import'",
                                 source.string(), e.what()));
    throw io_error(fmt::format("cannot read {} ({})", source.string(), e.what()));
  } catch (...) {
    remove_quietly(scratch);
    throw;
  }
  try {
    return journal::open(scratch);  // brought up to this build's schema, in the copy only
  } catch (...) {
    remove_quietly(scratch);
    throw;
  }
}

void remove_copy(const fs::path& scratch) { remove_quietly(scratch); }

}  // namespace rebuild
