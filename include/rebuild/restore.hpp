#pragma once
/// Putting a backup back in place of the journal (`restore`).
///
/// Copying a backup over the journal file is unsafe whenever a `-wal` file sits beside it (a
/// killed command leaves one): SQLite would lay the old journal's pages over the backup. So
/// the backup goes in through SQLite's own online backup, into the open journal, as one write
/// that a partner's command either waits for or sees whole.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string_view>

#include "rebuild/dates.hpp"
#include "rebuild/journal.hpp"

namespace rebuild {

/// What restore_journal did.
struct restore_made {
  std::filesystem::path kept;  // the journal as it was before, beside it
  std::int64_t entries = 0;    // live (not deleted) entries in the backup, now the journal's
};

/// Replaces the whole journal `j` with the backup at `source`.
///
/// The backup is only read, through a checked scratch copy at `scratch` (see open_copy): it
/// must be a rebuild journal of a schema this build knows, and pass `PRAGMA quick_check`.
/// The journal's write lock is then taken (waiting as a command does; busy_error past the
/// wait) and held while the journal as it was is kept beside it, as
/// `NAME.before-restore-YYYYMMDD-HHMM` (`-2`, `-3`... when taken; the local time of `now`),
/// and the backup's pages are written in. So no partner's write can fall between the kept
/// copy and the restore.
///
/// A sealed backup (`backup --encrypt`; is_sealed_file) is opened with `passphrase` into
/// the scratch copy, then read as any backup; without a passphrase it is refused.
///
/// Throws no_journal_error when `source` does not exist, data_error when it is the journal
/// itself, is sealed and the passphrase does not open it, or was changed or cut short since
/// it was sealed, io_error naming `source` when it is not a rebuild backup, is damaged, or was
/// written by a newer rebuild. On any failure the journal is unchanged, and neither the kept
/// copy nor the scratch copy is left behind. `j` must have no transaction open.
///
/// `copied`, when given, is called as the backup's pages go in (a few hundred at a time),
/// with how many are in and how many there are: a command's progress line.
restore_made restore_journal(journal& j, const std::filesystem::path& source,
                             const std::filesystem::path& scratch, const clock& now,
                             std::optional<std::string_view> passphrase = std::nullopt,
                             const std::function<void(std::int64_t, std::int64_t)>& copied = {});

/// The name the journal as it was gets: `NAME.before-restore-YYYYMMDD-HHMM`, with `-2`, `-3`...
/// added while that name is taken.
std::filesystem::path before_restore_path(const std::filesystem::path& journal_path,
                                          const clock& now);

}  // namespace rebuild
