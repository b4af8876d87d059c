#pragma once
/// What this replica knows of the files in the shared folder (schema 11): each file it wrote
/// (to find one missing, damaged or written by a copy of this journal, and send its changes
/// again), each other replica's file read (by the replica and number its authenticated header
/// gives, whatever its name), and the problems the last sync found (one that persists is an
/// error). Each runs inside the caller's transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rebuild/journal.hpp"
#include "rebuild/sync_folder.hpp"

namespace rebuild::sync {

/// A file this replica wrote.
struct own_file {
  std::int64_t number = 0;
  file_stamp stamp;           // digest empty: not known yet (written before schema 11)
  std::int64_t seq_from = 0;  // the change numbers it held; 0: not known
  std::int64_t seq_to = 0;
  std::int64_t compacts = 0;  // a file of a snapshot: it folds in the numbers up to this one;
                              // -1: of a snapshot folded into a later one
};
/// Those numbered after `after` that are still this replica's to look for (not of a snapshot
/// folded into a later one): with `after` the last number folded into its snapshot, a handful
/// however long it has synced.
std::vector<own_file> own_files(journal& j, const std::string& me, std::int64_t after = 0);
/// The one numbered `number`, whatever it is now; nullopt when this replica wrote none there.
std::optional<own_file> own_file_numbered(journal& j, const std::string& me, std::int64_t number);
void record_own_file(journal& j, const std::string& me, const own_file& f);
/// Marks number `number` of this replica's as covered: its file's changes went again in
/// another (it was missing or damaged), or another file took its name before this replica
/// could write it there.
void cover_own_file(journal& j, const std::string& me, std::int64_t number);

/// Marks file `number` of this replica's, a snapshot's, as folded into a later snapshot: no
/// longer looked for (compacts -1).
void supersede_own_file(journal& j, const std::string& me, std::int64_t number);

/// Marks `replica` as an id its device gave up (a copy of its journal was found writing under
/// it; everything it wrote went again under a new id).
void mark_retired(journal& j, const std::string& replica);
bool is_retired(journal& j, const std::string& replica);
/// The numbers of this replica's that hold none of its files (covered, cover_own_file()).
std::vector<std::int64_t> covered_numbers(journal& j, const std::string& me);

/// Whether file `number` of `replica` was read (or written here, or covered by a file its
/// changes were sent again in). `next` is the replica's run read in order: every number
/// before it was read.
bool file_read(journal& j, const std::string& replica, std::int64_t number, std::int64_t next);
void record_file_read(journal& j, const std::string& replica, std::int64_t number);
/// Moves `next` past every number read after it, forgetting them one by one (the run holds
/// them); returns the new `next`.
std::int64_t advance_read_run(journal& j, const std::string& replica, std::int64_t next);
/// Records that part `part` of `replica`'s snapshot that folds in its numbers up to
/// `compacts` was read here; returns how many of its parts are read now.
int record_snapshot_part(journal& j, const std::string& replica, std::int64_t compacts,
                         std::int64_t part);
/// Forgets the parts of `replica`'s snapshots read (all of one were read).
void forget_snapshot_parts(journal& j, const std::string& replica);
/// Forgets the numbers read before `next` (a snapshot folded them in).
void forget_read_before(journal& j, const std::string& replica, std::int64_t next);
/// Whether a number after `next` was read: then `next` is missing, a gap.
bool read_past(journal& j, const std::string& replica, std::int64_t next);

/// Whether a file of another name than N.rbx (a conflict copy) was read already.
bool name_read(journal& j, const std::string& replica_and_name);
void record_name_read(journal& j, const std::string& replica_and_name);

/// The problems found at an earlier sync and first found at or before `before_utc`, each one
/// line: a sync engine carrying a large folder in random order may leave a gap for a while,
/// which is no problem yet.
std::vector<std::string> last_problems(journal& j, const std::string& before_utc);
/// Keeps this sync's problems for the next; those already known keep the time first found.
void save_problems(journal& j, const std::vector<std::string>& problems,
                   const std::string& now_utc);

/// The entries whose latest version has a change number from `from` to `to` (none private):
/// what a file of this replica held that still stands.
std::vector<std::int64_t> entries_changed_between(journal& j, std::int64_t from, std::int64_t to);

}  // namespace rebuild::sync
