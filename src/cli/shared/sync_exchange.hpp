#pragma once
// What `sync DIR` exchanges through the shared folder: this replica's changes written out as
// sync files, and the other replicas' files read and folded in. The files themselves (sealed,
// named, never rewritten) are the core's (rebuild/sync_folder.hpp); the lines in them are
// export's (export_line.hpp), with each version's clock reading; the fold is import's and
// merge's (fold.hpp).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "context.hpp"
#include "fold.hpp"
#include "rebuild/sync_folder.hpp"
#include "rebuild/sync_ledger.hpp"

namespace rebuild::cli {

struct skipped_file {
  std::string file;
  std::string why;
};

/// What one sync did, for it to say.
struct sync_outcome {
  int settings_taken = 0;
  int settings_sent = 0;
  int sent = 0;
  int files_written = 0;
  int files_read = 0;
  int not_taken = 0;
  std::vector<skipped_file> skipped;
  std::vector<std::string> not_taken_lines;
  /// Replicas whose clock runs more than a day ahead of this device's, by how far (the latest
  /// reading of theirs read, in milliseconds past this device's clock).
  std::vector<std::pair<std::string, std::int64_t>> clocks_ahead;
  /// What is wrong in the folder now, one line each (a file that does not open, a number
  /// missing): one found at the last sync too is an error.
  std::vector<std::string> problems;
  /// The same, with the file each is about (replica and number; 0 for a gap's own), so that
  /// one resolved later in the same sync (a file covered or retired by one read after it) is
  /// dropped: read_files() leaves in `problems` only what still stands.
  struct problem {
    std::string replica;
    std::int64_t number = 0;
    std::string text;
  };
  std::vector<problem> found;
  int files_resent = 0;        // this replica's files, missing or damaged, sent again
  int files_compacted = 0;     // this replica's files folded into a snapshot
  bool snapshot_lost = false;  // a file of this replica's snapshot is missing or damaged
  bool retires_said = false;   // the file that says the old id is given up is written
  /// This replica's files to go from the folder once the sync is saved: folded into a
  /// snapshot, or damaged and sent again.
  std::vector<std::filesystem::path> to_remove;
  std::string new_replica;  // the id taken when a copy of this journal was found
  std::string old_replica;
};

/// Checks this replica's own files in `dir` against what it wrote: one missing or damaged is
/// to be sent again (`resend`); one of this replica's id that it did not write is folded in,
/// and when it held changes made elsewhere (a copy of this journal writes under the same id,
/// or the journal was put back from a backup) the replica takes a new id (`out.new_replica`).
/// A file left by a sync killed before it committed holds nothing new, and is taken as this
/// replica's own. Inside the caller's write transaction.
void check_own_files(context& ctx, const std::filesystem::path& dir, const sync_keys& keys,
                     sync_progress& progress, fold& folding, sync_outcome& out,
                     std::vector<rebuild::sync::own_file>& resend);
/// Folds in the other replicas' files in `dir` not read yet, each known by its authenticated
/// header whatever its name (a sync engine's conflict copies are read too), in number order.
/// One that cannot be read is skipped (`out.skipped`, `out.problems`) and delays only its own
/// changes; a number missing while later ones are here is a problem too. Inside the caller's
/// write transaction.
void read_files(context& ctx, const std::filesystem::path& dir, const sync_keys& keys,
                sync_progress& progress, fold& folding, sync_outcome& out);
/// Writes this replica's changes since its last sync (all of them after `sync init` or a new
/// replica id), the pair's settings set since, and those held by the files in `resend` again
/// (the new file says which numbers it covers), a few thousand entries a file; records each
/// file written. Inside the caller's write transaction, which records what was sent in
/// `progress`.
void send_changes(context& ctx, const std::filesystem::path& dir, const sync_keys& keys,
                  sync_progress& progress, sync_outcome& out,
                  const std::vector<rebuild::sync::own_file>& resend);
/// Folds this replica's old files into a snapshot once every other replica in `dir` has read
/// them (by the position each keeps there) and there are enough of them, or at once when a
/// file of its snapshot went missing (`out.snapshot_lost`): the snapshot holds what stands of
/// this replica's own, and the pair's settings, so a device that joins later reads it and a
/// few files; a replica that read the files passes it by. The files it folds in are listed in
/// `out.to_remove`. Inside the caller's write transaction.
void compact(context& ctx, const std::filesystem::path& dir, const sync_keys& keys,
             sync_progress& progress, sync_outcome& out);

}  // namespace rebuild::cli
