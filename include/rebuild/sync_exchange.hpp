#pragma once
/// One `sync`: this replica's changes out, the other replicas' in, through a `folder` that
/// keeps each replica's sealed files (rebuild/sync_folder.hpp), and old files folded into a
/// snapshot. The rule that decides between two versions is the policy's
/// (rebuild/sync_policy.hpp), carried out by the fold (rebuild/fold.hpp); what was written and
/// read is the ledger's (rebuild/sync_ledger.hpp); the lines are export's
/// (rebuild/export_line.hpp). The command only binds its flags and prints what came of it.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rebuild/fold.hpp"
#include "rebuild/journal.hpp"
#include "rebuild/sync_folder.hpp"

namespace rebuild::sync {

/// Where the replicas' files are: each replica's files by name (N.rbx, or a sync engine's
/// conflict copy), sealed with the couple's secret, and each replica's position. The exchange
/// sees nothing else of it.
class folder {
 public:
  virtual ~folder() = default;
  /// The replicas with files (or a position) here.
  virtual std::vector<std::string> replicas() = 0;
  /// The files of `replica` that may be sync files, in number order, odd names after;
  /// `stamps`: with their size and time.
  virtual std::vector<folder_file> files(const std::string& replica, bool stamps) = 0;
  /// How a file is named to people (its path).
  virtual std::string where(const std::string& replica, const std::string& name) const = 0;
  /// The file opened whole, known by its authenticated header.
  virtual sync_file read(const std::string& replica, const std::string& name) = 0;
  /// Its first chunk alone (peek_sync_file_at), and its size and time.
  virtual sync_file peek(const std::string& replica, const std::string& name) = 0;
  virtual std::optional<file_stamp> stamp(const std::string& replica, const std::string& name) = 0;
  /// Writes file `number` of `replica`, never over another (nullopt then). io_error.
  virtual std::optional<file_stamp> write(const std::string& replica, std::int64_t number,
                                          const std::string& lines) = 0;
  virtual void remove(const std::string& replica, const std::string& name) = 0;
  virtual std::optional<read_position> position(const std::string& replica) = 0;
  /// io_error.
  virtual void set_position(const std::string& replica, const read_position& read) = 0;
};

/// A folder on disk that a sync engine carries: DIR/<replica>/<n>.rbx and DIR/<replica>/position.
class shared_folder final : public folder {
 public:
  shared_folder(std::filesystem::path dir, sync_keys keys)
      : dir_(std::move(dir)), keys_(std::move(keys)) {}
  std::vector<std::string> replicas() override;
  std::vector<folder_file> files(const std::string& replica, bool stamps) override;
  std::string where(const std::string& replica, const std::string& name) const override;
  sync_file read(const std::string& replica, const std::string& name) override;
  sync_file peek(const std::string& replica, const std::string& name) override;
  std::optional<file_stamp> stamp(const std::string& replica, const std::string& name) override;
  std::optional<file_stamp> write(const std::string& replica, std::int64_t number,
                                  const std::string& lines) override;
  void remove(const std::string& replica, const std::string& name) override;
  std::optional<read_position> position(const std::string& replica) override;
  void set_position(const std::string& replica, const read_position& read) override;

 private:
  std::filesystem::path dir_;
  sync_keys keys_;
};

struct skipped_file {
  std::string file;
  std::string why;
};

/// What one sync did, for the command to say.
struct outcome {
  std::string replica;  // this replica's id, after the sync
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
  /// missing).
  std::vector<std::string> problems;
  /// Those found at the sync before this one too, an hour ago or more: an error.
  std::vector<std::string> lasting;
  int files_resent = 0;          // this replica's files, missing or damaged, sent again
  int files_compacted = 0;       // this replica's files folded into a snapshot
  bool snapshot_remade = false;  // its snapshot was missing or damaged, and is made again
  std::string new_replica;       // the id taken when a copy of this journal was found
  std::string old_replica;
  /// Why nothing could be sent (the folder is read-only, the disk full): what was read is
  /// saved, what changed here goes at the next sync.
  std::optional<std::string> not_sent;
  /// Why the old files could not be folded into a snapshot: they stay, and it is tried again.
  std::optional<std::string> not_compacted;
};

/// Syncs this journal with the others through `files`, in one write transaction, folding in
/// with `folding` (which counts what changed). This replica's files are checked first (one
/// missing or damaged is sent again; one it did not write, a copy's, makes it take a new id),
/// then its changes go out (a folder it cannot write to still brings the others' in), then
/// the others' files come in, each known by its authenticated header, one that does not open
/// delaying only its own changes; then old files are folded into a snapshot once every other
/// replica has read them. After the commit, the files folded in go, and this replica's
/// position is written. `now_utc_ms` is this device's clock.
outcome run(journal& j, const clock& now, folder& files, fold_session& folding);

}  // namespace rebuild::sync
