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

#include "journal_files.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/temp_files.hpp"
#include "schema.hpp"

namespace rebuild {
namespace fs = std::filesystem;
using namespace files;
namespace {

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

}  // namespace

fs::path journal_path(const std::string& flag_value) {
  if (!flag_value.empty()) return flag_value;
  if (const char* env = std::getenv("REBUILD_JOURNAL"); env != nullptr && *env != '\0') return env;
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
    throw io_error(
        fmt::format("cannot reach the journal at {}: {}; check the folders' owner and "
                    "mode",
                    path.string(), ec.message()));
  if (!fs::exists(status)) throw no_journal_error(fmt::format("no journal at {}", path.string()));
  if (fs::is_directory(status))
    throw io_error(
        fmt::format("{} is a folder, not a journal file; pass the file's path", path.string()));
  if (::access(path.c_str(), R_OK) != 0)
    throw io_error(fmt::format("cannot read the journal at {}: {}; check its owner and mode",
                               path.string(), std::strerror(errno)));

  auto db = std::make_unique<SQLite::Database>(path.string(), open_flags, busy_timeout_ms);
  int app_id = 0;
  int version = 0;
  try {
    app_id = db->execAndGet("PRAGMA application_id").getInt();
    version = db->execAndGet("PRAGMA user_version").getInt();
  } catch (const SQLite::Exception& e) {
    if (e.getErrorCode() == SQLITE_NOTADB || e.getErrorCode() == SQLITE_CORRUPT)
      throw io_error(
          fmt::format("{} is not a rebuild journal (SQLite says: {})", path.string(), e.what()));
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
  // A command reads a few hundred pages at most, once: 1 MiB of page cache (not SQLite's
  // 2 MiB) keeps every command, a merge of ten years included, within a few MiB.
  files::small_cache(*db);
  journal j(path, std::move(db));
  // A file that says it is a journal but lost its tables is damaged, not a bug of ours;
  // asked before migrating too, since a migration would fail on the missing tables.
  const auto check_tables = [&] {
    if (!has_journal_tables(j.db()))
      throw io_error(
          fmt::format("the journal at {} is damaged: its tables are missing; put a "
                      "backup in its place with 'rebuild restore FILE'",
                      path.string()));
  };
  if (version >= 1 && version < latest_schema()) check_tables();
  if (version < latest_schema()) migrate_to(j.db(), latest_schema());
  check_tables();
  return j;
}

std::optional<journal> journal::open_read_only(const fs::path& path) noexcept {
  try {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec) || ::access(path.c_str(), R_OK) != 0) return std::nullopt;
    // A journal that no one has open has no -wal beside it; read-only SQLite would make one
    // (and its -shm) and leave both behind. So it is read as immutable: no locks, no files.
    // While a command has it open, its -wal and -shm are there, and hold the latest
    // changes: then it is read through them, in read-only mode, which makes nothing new.
    const std::string name = fs::absolute(path, ec).string();
    if (ec) return std::nullopt;
    const bool in_use = fs::exists(name + "-wal", ec) && fs::exists(name + "-shm", ec);
    std::string uri = "file://";
    for (const char c : name) {
      if (c == '%' || c == '?' || c == '#')
        uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
      else
        uri += c;
    }
    uri += in_use ? "?mode=ro" : "?mode=ro&immutable=1";
    auto db = std::make_unique<SQLite::Database>(
        uri, SQLite::OPEN_READONLY | SQLite::OPEN_URI | SQLite::OPEN_NOMUTEX, 200);
    if (db->execAndGet("PRAGMA application_id").getInt() != application_id) return std::nullopt;
    const int version = db->execAndGet("PRAGMA user_version").getInt();
    if (version < 1 || version > latest_schema()) return std::nullopt;
    files::small_cache(*db);
    return journal(path, std::move(db));
  } catch (...) {
    return std::nullopt;
  }
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
    throw cant_create_error(
        fmt::format("cannot create the journal at {}: {}; choose another place with --journal",
                    path.string(), std::strerror(why)));
  }
  try {
    {
      auto db =
          std::make_unique<SQLite::Database>(building.path().string(), open_flags, busy_timeout_ms);
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
          "cannot create the journal at {}: {}; choose another place with --journal", path.string(),
          why == EEXIST ? "a file appeared there meanwhile" : std::strerror(why)));
    }
    building.keep();
    return open(path);
  } catch (...) {
    building.discard();
    undo_folders();
    throw;
  }
}

namespace {
/// Writes on a connection whose private entries are open would land in the TEMP copies of
/// the kinds' tables (reveal_private), not in the journal: a bug, caught before BEGIN.
SQLite::Database& writable(journal& j) {
  if (j.revealed()) throw std::logic_error("a write on a connection that shows private entries");
  return j.db();
}
}  // namespace

write_transaction::write_transaction(journal& j)
    : txn_(writable(j), SQLite::TransactionBehavior::IMMEDIATE) {
  j.command_ = 0;  // a new command: its changes get a number of their own
}

std::string journal::visible(std::string_view alias) const {
  if (!revealed_) return fmt::format("{}.private = 0", alias);
  return fmt::format("({0}.private = 0 OR {0}.author = {1})", alias, *revealed_);
}

void write_transaction::commit() { txn_.commit(); }

read_transaction::read_transaction(journal& j)
    : txn_(j.db(), SQLite::TransactionBehavior::DEFERRED) {}

savepoint::savepoint(journal& j) : j_(j) {
  SQLite::Statement& st = j_.statement("SAVEPOINT part");
  st.exec();
  st.reset();
}

void savepoint::release() {
  SQLite::Statement& st = j_.statement("RELEASE part");
  st.exec();
  st.reset();
  done_ = true;
}

savepoint::~savepoint() {
  if (done_) return;
  try {
    SQLite::Statement& back = j_.statement("ROLLBACK TO part");
    back.exec();
    back.reset();
    SQLite::Statement& out = j_.statement("RELEASE part");
    out.exec();
    out.reset();
  } catch (...) {
    // The transaction around it is rolled back whole then; nothing more to do here.
  }
}

}  // namespace rebuild
