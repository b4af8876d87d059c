#include "rebuild/restore.hpp"

#include <SQLiteCpp/Backup.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "rebuild/errors.hpp"
#include "rebuild/sealed_files.hpp"
#include "rebuild/temp_files.hpp"

namespace rebuild {
namespace fs = std::filesystem;
namespace {

bool busy(const SQLite::Exception& e) {
  return e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED;
}

/// The backup exists, is a file, and is not the journal itself.
void check_source(journal& j, const fs::path& source) {
  std::error_code ec;
  const auto status = fs::status(source, ec);
  if (!fs::exists(status))
    throw no_journal_error(
        fmt::format("no backup at {}; nothing was changed (check the path)", source.string()));
  if (fs::is_directory(status))
    throw io_error(fmt::format(
        "{} is a folder; nothing was changed (pass one of the backups in it)", source.string()));
  if (!fs::is_regular_file(status))
    throw io_error(fmt::format(
        "{} is not a regular file; nothing was changed (pass a backup that rebuild backup made)",
        source.string()));
  if (fs::equivalent(source, j.path(), ec))
    throw data_error(
        fmt::format("{} is the journal itself; nothing was changed (restore takes a backup of it)",
                    source.string()));
}

/// The backup, read through a scratch copy (open_copy never writes to or beside `source`);
/// a sealed one is opened into it. Every failure names the backup, never the journal.
journal open_backup(const fs::path& source, const fs::path& scratch,
                    std::optional<std::string_view> passphrase) {
  try {
    if (!passphrase) return open_copy(source, scratch);
    try {
      open_sealed_file(source, scratch, *passphrase);
    } catch (const data_error& e) {  // a wrong passphrase, a file changed or cut short
      throw data_error(fmt::format("{}; nothing was changed", e.what()));
    } catch (const io_error& e) {
      throw io_error(fmt::format("{}; nothing was changed", e.what()));
    }
    return open_copied(scratch, source);
  } catch (const no_journal_error&) {  // gone since check_source
    throw no_journal_error(fmt::format("no backup at {}; nothing was changed", source.string()));
  } catch (const io_error& e) {
    const std::string why = e.what();
    if (why.find(source.string()) != std::string::npos) throw;  // about the backup, and says so
    throw io_error(
        fmt::format("cannot read {} as a backup ({}); nothing was changed", source.string(), why));
  } catch (const SQLite::Exception& e) {
    if (busy(e)) throw;
    throw io_error(
        fmt::format("{} is damaged ({}); nothing was changed: restore from another backup",
                    source.string(), e.what()));
  }
}

/// The copy reads whole; its live entries.
std::int64_t check_backup(journal& copy, const fs::path& source) {
  std::string check;
  std::int64_t entries = 0;
  try {
    // The full check (indexes too), while a failure can still change nothing.
    check = copy.db().execAndGet("PRAGMA integrity_check").getString();
    if (check == "ok")
      entries = copy.db().execAndGet("SELECT count(*) FROM entries WHERE deleted = 0").getInt64();
  } catch (const SQLite::Exception& e) {
    if (busy(e)) throw;
    check = e.what();
  }
  if (check != "ok")
    throw io_error(
        fmt::format("{} is damaged (SQLite's check says: {}); nothing was changed: "
                    "restore from another backup",
                    source.string(), check));
  return entries;
}

/// SQLite cannot back up into a journal in WAL mode from pages of another size, so a backup
/// with other pages (one someone vacuumed, say) is rewritten, in the scratch copy only.
void match_page_size(journal& copy, journal& j) {
  const int size = j.db().execAndGet("PRAGMA page_size").getInt();
  if (copy.db().execAndGet("PRAGMA page_size").getInt() == size) return;
  copy.db().exec("PRAGMA journal_mode = DELETE");
  copy.db().exec(fmt::format("PRAGMA page_size = {}", size));
  copy.db().exec("VACUUM");
}

}  // namespace

fs::path before_restore_path(const fs::path& journal_path, const clock& now) {
  std::string stamp = iso_day(now.today()) + "-" + hh_mm(now.time_of_day());
  stamp.erase(std::remove(stamp.begin(), stamp.end(), ':'), stamp.end());
  stamp.erase(4, 1).erase(6, 1);  // 2026-03-04-0800 -> 20260304-0800
  const std::string base = journal_path.string() + ".before-restore-" + stamp;
  fs::path candidate = base;
  std::error_code ec;
  for (int n = 2; fs::exists(fs::symlink_status(candidate, ec)); ++n)
    candidate = fmt::format("{}-{}", base, n);
  return candidate;
}

restore_made restore_journal(journal& j, const fs::path& source, const fs::path& scratch,
                             const clock& now, std::optional<std::string_view> passphrase,
                             const std::function<void(std::int64_t, std::int64_t)>& copied) {
  check_source(j, source);
  if (!passphrase && is_sealed_file(source))
    throw data_error(fmt::format(
        "{} is an encrypted backup; its passphrase is needed to restore it", source.string()));
  // Declared first, so the scratch copy is closed before its files are removed.
  struct scratch_guard {
    const fs::path& path;
    ~scratch_guard() { remove_copy(path); }
  } guard{scratch};
  journal copy = open_backup(source, scratch, passphrase);
  restore_made made;
  made.entries = check_backup(copy, source);
  match_page_size(copy, j);

  // A backup cannot be written into a connection that holds a transaction (SQLite refuses:
  // "destination database is in use"), so BEGIN IMMEDIATE cannot guard the restore. The
  // backup itself takes the journal's write lock at its first step and keeps it until the
  // last: a first step of no pages takes the lock (waiting as any command does), the journal
  // as it was is then kept through a second connection (readers go on beside a writer in WAL
  // mode), and the second step writes every page and commits. No partner's write can fall
  // in between; a partner's command waits, then sees the whole restore.
  SQLite::Backup into(j.db(), copy.db());
  try {
    if (into.executeStep(0) != SQLITE_OK)
      throw busy_error(
          "the journal is busy: another writer held it past the 5-second wait; nothing was "
          "changed, so try again in a moment");
  } catch (const SQLite::Exception& e) {
    if (busy(e)) throw;
    throw io_error(fmt::format("cannot write to the journal at {} ({}); nothing was changed",
                               j.path().string(), e.what()));
  }
  // The journal as it was is kept under a temporary name until the restore is in, and only
  // then takes its own: a restore that fails or is killed leaves no copy behind.
  temp_file kept(temp_beside(j.path(), "kept"));
  {
    journal before = journal::open(j.path());
    backup_journal(before, kept.path());  // leaves nothing there on failure
  }
  try {
    // A few hundred pages a step, so that a long restore can say how far it is; the write
    // lock taken at the first step is held to the last, and nothing is committed before it.
    constexpr int pages_a_step = 256;
    int step = SQLITE_OK;
    while ((step = into.executeStep(copied ? pages_a_step : -1)) == SQLITE_OK) {
      const std::int64_t total = into.getTotalPageCount();
      copied(total - into.getRemainingPageCount(), total);
    }
    if (step != SQLITE_DONE) throw io_error("the restore stopped before the end");
  } catch (const std::exception& e) {
    throw io_error(
        fmt::format("cannot write the backup into the journal at {} ({}); nothing was changed",
                    j.path().string(), e.what()));
  }

  made.kept = before_restore_path(j.path(), now);
  if (!rename_no_replace(kept.path(), made.kept))
    throw io_error(
        fmt::format("the backup is in, but the journal as it was could not be kept at "
                    "{}: {}; it is at {}",
                    made.kept.string(), std::strerror(errno), kept.path().string()));
  kept.keep();
  const std::string check = j.db().execAndGet("PRAGMA integrity_check").getString();
  if (check != "ok")
    throw io_error(
        fmt::format("the journal does not pass SQLite's check after the restore ({}); the "
                    "journal as it was is kept at {}: 'rebuild restore {}' puts it back",
                    check, made.kept.string(), made.kept.string()));
  return made;
}

}  // namespace rebuild
