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
};

/// Folds in the files in `dir` not read yet, in number order: this replica's own numbered
/// from its next one (`own`: left by a sync killed before it committed, or written before this
/// journal was put back from a backup), or every other replica's. A file is read whole before
/// any of it is folded in; one that cannot be read yet is skipped (`out.skipped`), and that
/// replica's later files wait for it. Inside the caller's write transaction.
void read_files(context& ctx, const std::filesystem::path& dir, const sync_keys& keys,
                sync_progress& progress, fold& folding, sync_outcome& out, bool own);
/// Writes this replica's changes since its last sync (all of them after `sync init`), and the
/// pair's settings set since, a few thousand entries a file. Inside the caller's write
/// transaction, which records what was sent in `progress`.
void send_changes(context& ctx, const std::filesystem::path& dir, const sync_keys& keys,
                  sync_progress& progress, sync_outcome& out);

}  // namespace rebuild::cli
