// What one sync reads in: this replica's own files checked, the other replicas' files folded
// in, each known by its authenticated header.
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "exchange_parts.hpp"
#include "rebuild/change_log.hpp"
#include "rebuild/conflicts.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/practices.hpp"
#include "rebuild/settings.hpp"
#include "rebuild/text.hpp"

namespace rebuild::sync {
namespace {

using json = nlohmann::ordered_json;

/// taken (a clock reading no device could have made, a value out of range) is that change
/// alone, left out and named, and the rest is taken: one bad line must not hold back every
/// later file of its replica. Throws data_error when the file is no sync file at all.
struct file_lines {
  std::vector<export_line> lines;
  std::vector<std::string> refused;  // "line N: why"
};
file_lines lines_of(const std::string& text) {
  // No date check against this device's clock: the other device took them, and a clock that
  // runs ahead there is what the clock readings are for.
  const days_t any_day{date::year{9000} / date::January / 1};
  file_lines out;
  std::size_t start = 0;
  int number = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    const auto line = std::string_view(text).substr(
        start, (end == std::string::npos ? text.size() : end) - start);
    ++number;
    try {
      out.lines.push_back(parse_export_line(line, number == 1, any_day));
    } catch (const data_error& e) {
      if (number == 1) throw data_error(fmt::format("line 1: {}", e.what()));
      out.refused.push_back(fmt::format("line {}: {}", number, e.what()));
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (out.lines.empty() || !std::holds_alternative<export_header>(out.lines.front()))
    throw data_error("it is empty");
  return out;
}

/// A replica whose clock ran more than a day ahead of this device's when it wrote a file (by
/// the time in the file's first line, which its maker's clock wrote) is named, for its owner
/// to set it right. (Not by clock readings: a replica that took in a reading from ahead counts
/// on from it, and its own readings run ahead with its clock right.)
constexpr std::int64_t day_ms = 86'400'000;
void note_clock(outcome& out, const std::string& replica, const std::string& exported,
                std::int64_t now_ms) {
  if (exported.empty()) return;
  std::int64_t written_ms = 0;
  try {
    written_ms =
        static_cast<std::int64_t>(utc_from_iso(exported).time_since_epoch().count()) * 1000;
  } catch (const data_error&) {
    return;
  }
  const std::int64_t ahead = written_ms - now_ms;
  if (ahead <= day_ms) return;
  for (auto& [known, most] : out.clocks_ahead)
    if (known == replica) {
      most = std::max(most, ahead);
      return;
    }
  out.clocks_ahead.emplace_back(replica, ahead);
}

/// Folds in one file read whole: its settings, then its entries, each change whole or not at
/// all (one that cannot be taken here, a name another entry has taken meanwhile, is left and
/// said; the rest go on). Returns whether any of it was new here.
bool fold_file(exchange& x, const std::string& file, const sync_file& got, bool note_clocks,
               export_header* header = nullptr) {
  auto& j = x.j;
  auto& out = x.out;
  auto& folding = x.folding;
  file_lines read;
  try {
    read = lines_of(got.lines);
  } catch (const data_error& e) {
    out.skipped.push_back({file, fmt::format("not readable here ({})", e.what())});
    x.found.push_back({got.replica, got.number, fmt::format("{}: not readable here", file)});
    return false;
  }
  for (const auto& why : read.refused) {
    ++out.not_taken;
    out.not_taken_lines.push_back(fmt::format("A change in {} could not be taken ({})", file, why));
  }
  const fold_counts& c = folding.counts();
  const int before = c.added + c.updated + c.kept_aside + c.replaced + c.refused;
  const int settings_before = out.settings_taken;
  for (auto& line : read.lines) {
    if (const auto* h = std::get_if<export_header>(&line)) {
      if (note_clocks) note_clock(out, got.replica, h->exported, x.now_ms);
      for (const auto n : h->covers) record_file_read(j, got.replica, n);
      if (header != nullptr) *header = *h;
      // A replica that gave up an id (a copy of its journal wrote under it): the old id's
      // problems are said, but last no more (all it wrote there went again).
      if (!h->retires.empty() && h->retires != x.progress.replica) mark_retired(j, h->retires);
    }
    if (const auto* p = std::get_if<partner>(&line)) folding.partner(*p);
    if (const auto* setting = std::get_if<export_setting>(&line)) {
      // A value for a partner (touch.lead) names one of this journal's partners.
      if (setting->key == "touch.lead" && !setting->value.empty()) {
        try {
          (void)find_partner(j, setting->value);
        } catch (const data_error&) {
          continue;
        }
      }
      if (!setting->value.empty() && !setting->hlc.empty() &&
          fold_setting(j, setting->key, setting->value, setting->hlc))
        ++out.settings_taken;
    }
    auto* e = std::get_if<entry>(&line);
    if (e == nullptr) continue;
    const std::string label = fmt::format("{} {}", e->kind->label, e->short_id());
    try {
      savepoint change(j);
      folding.entry(std::move(*e));
      change.release();
    } catch (const data_error& bad) {
      ++out.not_taken;
      out.not_taken_lines.push_back(
          fmt::format("A change to {} from {} could not be taken: {}", label, file, bad.what()));
    }
  }
  ++out.files_read;
  return c.added + c.updated + c.kept_aside + c.replaced + c.refused != before ||
         out.settings_taken != settings_before;
}

/// The run of `replica`'s files read in order: every number before it was read.
std::int64_t next_of(const sync_progress& progress, const std::string& replica) {
  for (const auto& [peer, n] : progress.peers)
    if (peer == replica) return n;
  return 1;
}

/// A file that does not open: ignored as if absent, never taking a number (one cut short is
/// read whole later), and said. One named N.rbx is a problem that may last; a conflict copy
/// that does not open is a sync engine's leftover of a file read by its own name.
void not_opened(exchange& x, const std::string& replica, const folder_file& f,
                const std::string& why) {
  const std::string path = x.files.where(replica, f.name);
  x.out.skipped.push_back({path, why});
  if (f.number) x.found.push_back({replica, *f.number, fmt::format("{}: {}", path, why)});
}

/// Whether a file this replica wrote is gone from the folder by its own doing: folded into
/// its snapshot (or a snapshot's file folded into a later one).
bool gone_by_compaction(const own_file& f, const sync_progress& progress) {
  return f.number <= progress.compacted || f.compacts < 0;
}

/// Whether a file of another replica's need not be folded in: one of its snapshot's (said by
/// its first line, read from its first chunk alone) when every file it folds in was read
/// here. What it holds stands in those, or in the files after them, read as they come. Then
/// the numbers it covers are taken as read, as it says.
bool passed_by(exchange& x, const std::string& replica, const std::string& name,
               std::int64_t next) {
  constexpr std::int64_t small = 96 * 1024;  // one chunk: opened whole at once
  const auto stamp = x.files.stamp(replica, name);
  if (!stamp || stamp->bytes <= small) return false;
  const sync_file head = x.files.peek(replica, name);
  if (head.how != sync_file::state::read || head.replica != replica) return false;
  const auto end = head.lines.find('\n');
  if (end == std::string::npos) return false;
  export_header h;
  try {
    const days_t any_day{date::year{9000} / date::January / 1};
    const auto line = parse_export_line(std::string_view(head.lines).substr(0, end), true, any_day);
    h = std::get<export_header>(line);
  } catch (const std::exception&) {
    return false;  // read whole, and said there
  }
  if (h.compacts == 0 || h.compacts >= next) return false;
  for (const auto n : h.covers) record_file_read(x.j, replica, n);
  record_file_read(x.j, replica, head.number);
  return true;
}

}  // namespace

std::string file_name(std::int64_t number) { return fmt::format("{}.rbx", number); }

void check_own_files(exchange& x, std::vector<own_file>& resend) {
  auto& j = x.j;
  auto& out = x.out;
  auto& progress = x.progress;
  const std::string me = progress.replica;
  // The files it still looks for (one folded into its snapshot, should it be back, is looked
  // up by itself).
  std::vector<own_file> written = own_files(j, me, progress.compacted);
  std::vector<bool> present(written.size(), false);
  const auto row_of = [&](std::int64_t number) -> std::ptrdiff_t {
    const auto it =
        std::lower_bound(written.begin(), written.end(), number,
                         [](const own_file& f, std::int64_t n) { return f.number < n; });
    return it != written.end() && it->number == number ? it - written.begin() : -1;
  };
  bool copy_found = false;
  std::vector<std::int64_t> adopted;  // files taken as this replica's own, recorded now
  for (const auto& f : x.files.files(me, true)) {
    const std::string path = x.files.where(me, f.name);
    const std::string key = me + "/" + f.name;
    if (f.number) {
      const auto at = row_of(*f.number);
      // One no longer looked for, if this replica wrote it: folded into its snapshot, or of
      // a snapshot folded into a later one (left by a sync cut short before it could remove
      // it, or carried back by a sync engine).
      std::optional<own_file> gone;
      if (at < 0) gone = own_file_numbered(j, me, *f.number);
      if (at >= 0 || gone) {
        if (at >= 0) present[static_cast<std::size_t>(at)] = true;
        auto& row = at >= 0 ? written[static_cast<std::size_t>(at)] : *gone;
        const bool folded = gone_by_compaction(row, progress);
        // Unchanged since it was last checked: nothing to open. (One folded into the snapshot
        // is left by a sync cut short before it could remove it: it goes now.)
        if (f.stamp && !row.stamp.digest.empty() && f.stamp->bytes == row.stamp.bytes &&
            f.stamp->mtime_ns == row.stamp.mtime_ns) {
          if (folded) x.to_remove.push_back(f.name);
          continue;
        }
        const sync_file got = x.files.read(me, f.name);
        if (got.how == sync_file::state::read && got.replica == me && got.number == row.number) {
          if (row.stamp.digest.empty() || got.stamp.digest == row.stamp.digest) {
            row.stamp = got.stamp;  // known now, or only touched: the same bytes
            if (folded)
              x.to_remove.push_back(f.name);
            else
              record_own_file(j, me, row);
          } else {
            // A file of this replica's id and number that it did not write: a copy's.
            fold_file(x, path, got, false);
            copy_found = true;
          }
        } else if (folded) {
          // Not this replica's any more, and not its to remove (it may be a copy's, carried
          // only in part so far).
        } else if (row.compacts > 0) {
          x.snapshot_lost = true;  // a snapshot's: it is made again
        } else {
          resend.push_back(row);  // damaged, or another file put in its place
        }
        continue;
      }
    }
    if (name_read(j, key)) continue;  // read once already, by this name
    // A file here that this replica has no record of writing by that name.
    const sync_file got = x.files.read(me, f.name);
    if (got.how == sync_file::state::missing) continue;
    if (got.how == sync_file::state::unreadable) {
      not_opened(x, me, f, got.why);
      continue;
    }
    if (!f.number) record_name_read(j, key);
    if (got.replica != me) {
      // Another replica's file moved into this folder: read as that replica's.
      if (!file_read(j, got.replica, got.number, next_of(progress, got.replica))) {
        fold_file(x, path, got, true);
        record_file_read(j, got.replica, got.number);
      }
      continue;
    }
    if (const auto at = row_of(got.number); at >= 0) {
      // A second file of one number (a sync engine's conflict copy): the same bytes as the one
      // written here, or a copy's.
      if (got.stamp.digest != written[static_cast<std::size_t>(at)].stamp.digest &&
          fold_file(x, path, got, false))
        copy_found = true;
      continue;
    }
    // A number whose changes went again in a later file (it was missing or damaged), or one
    // another file had taken: a file of it that opens is a copy's (read once, by this name;
    // what is here already stays as it is).
    if (file_read(j, me, got.number, 0)) {
      record_name_read(j, key);
      if (fold_file(x, path, got, false)) copy_found = true;
      continue;
    }
    // Not recorded at all: left by a sync killed before it committed (nothing new in it), or
    // written by a copy of this journal, or before this journal was put back from a backup.
    if (fold_file(x, path, got, false)) {
      copy_found = true;
    } else {
      if (std::find(adopted.begin(), adopted.end(), got.number) == adopted.end()) {
        record_own_file(j, me, {got.number, got.stamp, 0, 0});
        adopted.push_back(got.number);
      }
      progress.next_file = std::max(progress.next_file, got.number + 1);
    }
  }
  if (copy_found) {
    // (What was found missing or damaged of its own goes again with everything; its numbers
    // are not to be waited for.)
    for (const auto& f : resend) cover_own_file(j, me, f.number);
    // Another journal writes under this id: this one takes a new id and sends everything
    // under it; nothing is lost (the copy's files were folded in above, and are read as
    // another replica's from now on).
    out.old_replica = me;
    take_new_replica_id(j);
    progress = read_sync_progress(j);
    out.new_replica = progress.replica;
    resend.clear();
    return;
  }
  // (A file found damaged above was present; one missing was not: none is listed twice.)
  for (std::size_t i = 0; i < written.size(); ++i) {
    if (present[i] || gone_by_compaction(written[i], progress)) continue;
    if (written[i].compacts > 0)
      x.snapshot_lost = true;
    else
      resend.push_back(written[i]);
  }
}

void read_files(exchange& x) {
  auto& j = x.j;
  auto& out = x.out;
  auto& progress = x.progress;
  for (const auto& replica : x.files.replicas()) {
    if (replica == progress.replica) continue;
    std::int64_t next = next_of(progress, replica);
    for (const auto& f : x.files.files(replica, false)) {
      if (f.number && *f.number < next) continue;  // the run read in order: no look-up
      const std::string path = x.files.where(replica, f.name);
      const std::string key = replica + "/" + f.name;
      if (f.number ? file_read(j, replica, *f.number, next) : name_read(j, key)) continue;
      if (passed_by(x, replica, f.name, next)) {
        if (!f.number) record_name_read(j, key);
        continue;
      }
      const sync_file got = x.files.read(replica, f.name);
      if (got.how == sync_file::state::missing) continue;
      if (got.how == sync_file::state::unreadable) {
        not_opened(x, replica, f, got.why);
        continue;
      }
      if (got.replica == progress.replica) continue;  // this replica's own, moved: checked there
      const std::int64_t its_next = got.replica == replica ? next : 1;
      // A conflict copy is folded in once, even of a number read: two copies of one journal
      // wrote the same number, and each holds changes (what is here already stays as it is).
      if (f.number && file_read(j, got.replica, got.number, its_next)) continue;
      if (!f.number) record_name_read(j, key);
      export_header head;
      fold_file(x, path, got, true, &head);
      record_file_read(j, got.replica, got.number);
      // A snapshot's file: once all of its files are read, the numbers it folds in (gone from
      // the folder) are read too; what they held is in those files, or in the files after
      // them, read as they come.
      if (got.replica == replica && head.compacts >= next &&
          record_snapshot_part(j, replica, head.compacts, head.part) >= head.parts) {
        next = head.compacts + 1;
        forget_read_before(j, replica, next);
        forget_snapshot_parts(j, replica);
      }
    }
    next = advance_read_run(j, replica, next);
    if (read_past(j, replica, next))
      x.found.push_back({replica, next,
                         fmt::format("{}: missing, while later files of that device are here",
                                     x.files.where(replica, file_name(next)))});
    bool known = false;
    for (auto& [peer, n] : progress.peers)
      if (peer == replica) {
        n = next;
        known = true;
      }
    if (!known) progress.peers.emplace_back(replica, next);
  }
  // What still stands of what was found: a file covered, or a replica's old id retired, by a
  // file read after it in this sync is no problem.
  for (const auto& p : x.found) {
    if (is_retired(j, p.replica)) continue;
    if (p.number > 0 && file_read(j, p.replica, p.number, next_of(progress, p.replica))) continue;
    if (std::find(out.problems.begin(), out.problems.end(), p.text) == out.problems.end())
      out.problems.push_back(p.text);
  }
}

}  // namespace rebuild::sync
