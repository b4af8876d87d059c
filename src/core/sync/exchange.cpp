// One sync: the order its parts run in, in one transaction, and what follows the commit.
#include <algorithm>
#include <chrono>

#include "exchange_parts.hpp"
#include "rebuild/change_log.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/sync_exchange.hpp"
#include "rebuild/text.hpp"

namespace rebuild::sync {

outcome run(journal& j, const clock& now, folder& files, fold_session& folding) {
  write_transaction txn(j);
  sync_progress progress = read_sync_progress(j);
  const sync_progress before = progress;
  folding.from_replica();
  outcome out;
  exchange x{j,
             now,
             files,
             folding,
             progress,
             out,
             static_cast<std::int64_t>(now.now_utc().time_since_epoch().count()) * 1000,
             {},
             {},
             false,
             false};
  // This replica's changes go out before the others' come in: a change here that loses to
  // one made at once elsewhere is then kept aside on every device, not on this one alone.
  std::vector<own_file> resend;
  check_own_files(x, resend);
  // A folder this device cannot write to (read-only media, a full disk) still brings the other
  // device's changes in; what could not be sent stays to be sent, and the exit says so.
  {
    savepoint sending(j);
    const sync_progress unsent = progress;
    try {
      send_changes(x, resend);
      sending.release();
    } catch (const io_error& e) {
      progress = unsent;
      out.not_sent = e.what();
      out.files_written = out.sent = out.settings_sent = out.files_resent = 0;
    }
  }
  read_files(x);
  // Old files folded into a snapshot, once every other replica has read them. Should that
  // fail (a full disk), nothing of it is recorded; the files stay, and it is tried again.
  if (!out.not_sent) {
    savepoint compacting(j);
    const sync_progress uncompacted = progress;
    const std::size_t removals = x.to_remove.size();
    try {
      compact(x);
      compacting.release();
    } catch (const io_error& e) {
      progress = uncompacted;
      x.to_remove.resize(removals);
      out.files_compacted = 0;
      x.snapshot_lost = false;
      out.not_compacted = e.what();
    }
  }
  out.snapshot_remade = x.snapshot_lost;
  // A problem found at an earlier sync too, an hour ago or more, is an error, after what could
  // be done is saved (cron mails the exit). (Within the hour, a sync engine may still be
  // carrying a large folder, in random order.)
  const std::vector<std::string> known =
      last_problems(j, iso_utc(now.now_utc() - std::chrono::hours{1}));
  for (const auto& p : out.problems)
    if (std::find(known.begin(), known.end(), p) != known.end()) out.lasting.push_back(p);
  save_problems(j, out.problems, iso_utc(now.now_utc()));
  // Nothing new either way: nothing is written, not even the same numbers again.
  if (out.files_read > 0 || out.files_written > 0 || progress.peers != before.peers ||
      progress.sent_seq != before.sent_seq || progress.next_file != before.next_file ||
      progress.compacted != before.compacted)
    save_sync_progress(j, progress);
  txn.commit();
  out.replica = progress.replica;
  // Once saved: this replica's files folded into its snapshot (or sent again) go from the
  // folder, and it says how far it has read the others' (so that they fold theirs in turn).
  // Neither is needed for what was saved: a sync cut short here does it next time.
  if (!out.not_sent) {
    for (const auto& name : x.to_remove) files.remove(progress.replica, name);
    const auto said = files.position(progress.replica);
    if (!said || *said != progress.peers) {
      try {
        files.set_position(progress.replica, progress.peers);
      } catch (const io_error&) {
        // (Said at the next sync that can write there.)
      }
    }
  }
  return out;
}

}  // namespace rebuild::sync
