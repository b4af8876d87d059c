#pragma once
/// The journal: one SQLite file, private to its owner, in WAL mode with foreign keys on.
///
/// Opening a journal brings its schema up to date in one transaction; a journal written by a
/// newer `rebuild` is refused and never touched. All SQL lives in the core (src/core).
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rebuild {

struct partner;
namespace crypto {
class key;
}
class journal;
std::vector<std::string> reveal_private(journal& j, const partner& author, const crypto::key& k);

/// `--journal`, else $REBUILD_JOURNAL, else $XDG_DATA_HOME/rebuild/journal.db, else
/// ~/.local/share/rebuild/journal.db. Throws usage_error when none can be worked out.
std::filesystem::path journal_path(const std::string& flag_value);

class journal {
 public:
  /// Opens an existing journal and migrates it. Throws no_journal_error or io_error.
  static journal open(const std::filesystem::path& path);
  /// Creates a journal (file 0600; folders it makes 0700), then runs `populate` in the same
  /// transaction as the schema. On any failure nothing is left behind. Throws
  /// cant_create_error when the file or its folder cannot be made.
  static journal create(const std::filesystem::path& path,
                        const std::function<void(journal&)>& populate);
  /// Opens an existing journal to read it as it is, for tab completion, which must answer at
  /// once and may never change anything: not migrated, nothing swept, no -wal or -shm file
  /// made beside it, no wait on a busy journal. nullopt when it cannot be read so (missing,
  /// unreadable, locked, not a journal, written by a newer rebuild). Never throws.
  static std::optional<journal> open_read_only(const std::filesystem::path& path) noexcept;

  SQLite::Database& db() { return *db_; }
  const std::filesystem::path& path() const { return path_; }
  int schema_version();
  /// The number that groups one command's changes for undo: the same for every change made
  /// in one write_transaction, new for the next.
  std::int64_t command_number();

  /// A prepared statement for `sql`, kept for the life of the journal and handed out reset,
  /// with no bindings: a report asks the same few questions of two weeks. The caller must
  /// step it to the end (or reset it) before asking for the same SQL again.
  SQLite::Statement& statement(const std::string& sql);

  /// The schema this build writes.
  static int latest_schema();

  /// SQL that holds for an entry this connection may show, `alias` naming the entries table:
  /// not private, or private to the partner whose entries reveal_private() opened here.
  std::string visible(std::string_view alias) const;
  /// The partner whose private entries are open in this connection, if any.
  std::optional<std::int64_t> revealed() const { return revealed_; }

 private:
  journal(std::filesystem::path path, std::unique_ptr<SQLite::Database> db);
  std::filesystem::path path_;
  std::unique_ptr<SQLite::Database> db_;
  // Declared after db_, so destroyed (finalized) before the database closes.
  std::map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
  std::int64_t command_ = 0;
  std::optional<std::int64_t> revealed_;
  friend class write_transaction;
  friend std::vector<std::string> reveal_private(journal& j, const partner& author,
                                                 const crypto::key& k);
};

/// Applies the migrations from the database's current version up to `target`, in one
/// transaction. Exposed so tests can build a journal at every earlier version.
void migrate_to(SQLite::Database& db, int target);

/// One command's write: BEGIN IMMEDIATE, so that the busy wait happens before any work and
/// two partners writing at once are serialised; rolls back unless commit() is reached.
class write_transaction {
 public:
  explicit write_transaction(journal& j);
  void commit();

 private:
  SQLite::Transaction txn_;
};

/// One command's reads as one snapshot: BEGIN (deferred), so that every query sees the same
/// journal and SQLite takes its locks and checks the file once rather than once a
/// statement. Nothing is written; it ends with a rollback.
class read_transaction {
 public:
  explicit read_transaction(journal& j);

 private:
  SQLite::Transaction txn_;
};

/// A part of a write transaction that is taken whole or not at all (SQLite's SAVEPOINT): one
/// change that cannot be taken is rolled back alone and the rest goes on. Rolls back unless
/// release() is reached; nests. Its statements are kept by the journal, for loops of many.
class savepoint {
 public:
  explicit savepoint(journal& j);
  ~savepoint();
  savepoint(const savepoint&) = delete;
  savepoint& operator=(const savepoint&) = delete;
  void release();

 private:
  journal& j_;
  bool done_ = false;
};

/// What `backup_journal` wrote.
struct backup_made {
  std::uintmax_t bytes = 0;
  std::int64_t entries = 0;  // live (not deleted) entries in the copy
};

/// Throws cant_create_error, naming `dest`, when something is there already (a backup is
/// never written over a file), or when its folder is missing.
void check_backup_dest(const std::filesystem::path& dest);

/// A consistent copy of the whole journal at `dest`, made with SQLite's online backup in one
/// step (one read snapshot, so a partner writing meanwhile is either wholly in it or not at
/// all). `dest` must not exist: it is created 0600 (cant_create_error when it exists or its
/// folder is missing). The copy is checked (`PRAGMA quick_check`, the journal's identity)
/// before it is reported; on any failure nothing is left at `dest` (io_error).
backup_made backup_journal(journal& j, const std::filesystem::path& dest);

/// Another copy of the journal (a partner's), read without touching it: copied whole to the
/// new file `scratch` (0600) and opened there, brought up to this build's schema. The caller
/// removes the copy with remove_copy(). Throws no_journal_error, or io_error for what is not
/// a journal or was written by a newer rebuild.
journal open_copy(const std::filesystem::path& source, const std::filesystem::path& scratch);
/// A copy of a journal already made at the private file `scratch` (opened from a sealed
/// backup, say), checked and opened there as open_copy opens its own: errors name `source`,
/// the file the copy came from, and on failure the copy is removed.
journal open_copied(const std::filesystem::path& scratch, const std::filesystem::path& source);
/// Removes a scratch copy and the files SQLite keeps beside it.
void remove_copy(const std::filesystem::path& scratch);

}  // namespace rebuild
