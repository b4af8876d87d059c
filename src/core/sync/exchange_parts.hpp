#pragma once
// The parts of one sync (rebuild/sync_exchange.hpp), one file each: what is read in
// (receive.cpp), what is sent out (send.cpp), old files folded into a snapshot
// (compaction.cpp), and the order they run in (exchange.cpp). Internal to the core.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "rebuild/entries.hpp"
#include "rebuild/export_line.hpp"
#include "rebuild/sync_exchange.hpp"
#include "rebuild/sync_ledger.hpp"

namespace rebuild::sync {

/// Entries a sync file holds at most: a first sync of ten years goes out as several files,
/// none of which needs more than a few MiB to write or read.
constexpr int entries_per_file = 4000;

/// What one sync works with, and what it found on the way.
struct exchange {
  journal& j;
  const clock& now;
  folder& files;
  fold_session& folding;
  sync_progress& progress;
  outcome& out;
  std::int64_t now_ms;  // this device's clock
  /// A problem with the file it is about (replica and number; 0 for a gap's own), so that one
  /// resolved later in the same sync (a file covered or retired by one read after it) is
  /// dropped: read_files() leaves in `out.problems` only what still stands.
  struct problem {
    std::string replica;
    std::int64_t number = 0;
    std::string text;
  };
  std::vector<problem> found;
  /// This replica's files to go from the folder once the sync is saved: folded into a
  /// snapshot, or damaged and sent again (by name).
  std::vector<std::string> to_remove;
  bool retires_said = false;   // the file that says the old id is given up is written
  bool snapshot_lost = false;  // a file of this replica's snapshot is missing or damaged
};

/// The usual name of file `number`: N.rbx.
std::string file_name(std::int64_t number);

/// Checks this replica's own files in the folder against what it wrote: one missing or
/// damaged is to be sent again (`resend`; one of its snapshot's is made again instead); one of
/// this replica's id that it did not write is folded in, and when it held changes made
/// elsewhere (a copy of this journal writes under the same id, or the journal was put back
/// from a backup) the replica takes a new id. A file left by a sync killed before it
/// committed holds nothing new, and is taken as this replica's own.
void check_own_files(exchange& x, std::vector<own_file>& resend);
/// Folds in the other replicas' files not read yet, each known by its authenticated header
/// whatever its name (a sync engine's conflict copies are read too), in number order. One
/// that cannot be read is skipped and delays only its own changes; a number missing while
/// later ones are here is a problem too. A snapshot's files are passed by when every file
/// they fold in was read.
void read_files(exchange& x);
/// Writes this replica's changes since its last sync (all of them after `sync init` or a new
/// replica id), the pair's settings set since, and those held by the files in `resend` again
/// (the new file says which numbers it covers), a few thousand entries a file; records each
/// file written and what was sent.
void send_changes(exchange& x, const std::vector<own_file>& resend);
/// Folds this replica's old files into a snapshot once every other replica in the folder has
/// read them (by the position each keeps there) and there are enough of them, or at once when
/// a file of its snapshot went missing: the snapshot holds what stands of this replica's own,
/// and the pair's settings, so a device that joins later reads it and a few files.
void compact(exchange& x);

/// Writes this replica's files: lines gathered a few thousand entries a file, each sealed
/// under the next free number with the header it needs, and recorded as written here.
class file_writer {
 public:
  explicit file_writer(exchange& x);
  file_writer(const file_writer&) = delete;
  file_writer& operator=(const file_writer&) = delete;
  ~file_writer();  // wipes the lines gathered

  std::vector<std::int64_t> covers;  // said by the next file
  std::string settings;              // lines that go in the next file
  bool everything = false;           // the files hold every entry (their change numbers: all)
  std::int64_t compacts = 0;         // the files are a snapshot's, of the numbers up to this
  std::int64_t parts = 0;            // how many files the snapshot has
  bool must_write = false;           // a file is written even with nothing in it
  int entries = 0;                   // entries written
  int files = 0;                     // files written

  /// The change numbers the next file holds (again).
  void holds(std::int64_t from, std::int64_t to) {
    low_ = low_ == 0 ? from : std::min(low_, from);
    high_ = std::max(high_, to);
  }

  /// One entry more (as the version it is, when set aside); a file is written each few
  /// thousand.
  void add(const entry& e);
  /// Writes what is gathered as the next file (nothing when there is nothing to say).
  void flush();

 private:
  exchange& x_;
  std::string partner_lines_;
  std::string lines_;
  int in_file_ = 0;
  std::int64_t low_ = 0, high_ = 0;
};

/// The pair's settings as lines of a sync file: those set here since the last sync, or all.
std::string settings_lines(journal& j, bool all, int& count);

}  // namespace rebuild::sync
