// What `sync DIR` exchanges through the shared folder: this replica's changes out, the other
// replicas' in.
#include "sync_exchange.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "export_line.hpp"
#include "present.hpp"
#include "rebuild/change_log.hpp"
#include "rebuild/conflicts.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/practices.hpp"
#include "rebuild/settings.hpp"
#include "rebuild/text.hpp"

namespace rebuild::cli {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

/// Entries a sync file holds at most: a first sync of ten years goes out as several files,
/// none of which needs more than a few MiB to write or read.
constexpr int entries_per_file = 4000;
/// Files read by every replica that a replica keeps before it folds them into a snapshot:
/// about a month of daily syncs. (REBUILD_SYNC_COMPACT_AFTER sets another number, for tests
/// and bench/ to reach it in a few syncs.)
int compact_after() {
  if (const char* n = std::getenv("REBUILD_SYNC_COMPACT_AFTER"); n != nullptr) {
    const int value = std::atoi(n);
    if (value >= 1) return value;
  }
  return 30;
}

/// A version as a sync file carries it: the entry as export writes it, with its clock
/// reading, the version it was made from and the partner who made it.
std::string sync_line(const entry& e) {
  json line = {{"type", "entry"}};
  line.update(entry_json(e));
  // (A version with no reading at all, written by hand into the journal, goes as one from
  // before sync: its updated time.)
  line["hlc"] = e.hlc.empty() ? hlc::of_updated(e.updated_utc).text() : e.hlc;
  line["base"] = e.base.empty() ? json() : json(e.base);
  line["by"] = e.changed_by.empty() ? e.author.name : e.changed_by;
  return line.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

/// One file's lines, read whole before anything of it is folded in; a line that cannot be
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
void note_clock(sync_outcome& out, const std::string& replica, const std::string& exported,
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

}  // namespace

namespace {

/// Folds in one file read whole: its settings, then its entries, each change whole or not at
/// all (one that cannot be taken here, a name another entry has taken meanwhile, is left and
/// said; the rest go on). Returns whether any of it was new here.
bool fold_file(context& ctx, const fs::path& file, const sync_file& got, fold& folding,
               sync_outcome& out, std::int64_t now_ms, bool note_clocks, sync_progress& progress,
               export_header* header = nullptr) {
  auto& j = ctx.journal();
  file_lines read;
  try {
    read = lines_of(got.lines);
  } catch (const data_error& e) {
    out.skipped.push_back({file.string(), fmt::format("not readable here ({})", e.what())});
    out.found.push_back(
        {got.replica, got.number, fmt::format("{}: not readable here", file.string())});
    return false;
  }
  for (const auto& why : read.refused) {
    ++out.not_taken;
    out.not_taken_lines.push_back(
        fmt::format("A change in {} could not be taken ({})", file.string(), why));
  }
  const fold_counts& c = folding.counts();
  const int before = c.added + c.updated + c.kept_aside + c.replaced + c.refused;
  const int settings_before = out.settings_taken;
  for (auto& line : read.lines) {
    if (const auto* h = std::get_if<export_header>(&line)) {
      if (note_clocks) note_clock(out, got.replica, h->exported, now_ms);
      for (const auto n : h->covers) rebuild::sync::record_file_read(j, got.replica, n);
      if (header != nullptr) *header = *h;
      // A replica that gave up an id (a copy of its journal wrote under it): the old id's
      // problems are said, but last no more (all it wrote there went again).
      if (!h->retires.empty() && h->retires != progress.replica)
        rebuild::sync::mark_retired(j, h->retires);
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
      out.not_taken_lines.push_back(fmt::format("A change to {} from {} could not be taken: {}",
                                                label, file.string(), bad.what()));
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
void not_opened(sync_outcome& out, const std::string& replica, const folder_file& f,
                const fs::path& path, const std::string& why) {
  out.skipped.push_back({path.string(), why});
  if (f.number)
    out.found.push_back({replica, *f.number, fmt::format("{}: {}", path.string(), why)});
}

/// Whether a file this replica wrote is gone from the folder by its own doing: folded into
/// its snapshot (or a snapshot's file folded into a later one).
bool gone_by_compaction(const rebuild::sync::own_file& f, const sync_progress& progress) {
  return f.number <= progress.compacted || f.compacts < 0;
}

/// Whether a file of another replica's need not be folded in: one of its snapshot's (said by
/// its first line, read from its first chunk alone) when every file it folds in was read
/// here. What it holds stands in those, or in the files after them, read as they come. Then
/// the numbers it covers are taken as read, as it says.
bool passed_by(journal& j, const fs::path& path, const sync_keys& keys, const std::string& replica,
               std::int64_t next) {
  constexpr std::int64_t small = 96 * 1024;  // one chunk: opened whole at once
  const auto stamp = stamp_of(path);
  if (!stamp || stamp->bytes <= small) return false;
  const sync_file head = peek_sync_file_at(path, keys);
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
  for (const auto n : h.covers) rebuild::sync::record_file_read(j, replica, n);
  rebuild::sync::record_file_read(j, replica, head.number);
  return true;
}

std::int64_t now_ms_of(context& ctx) {
  return static_cast<std::int64_t>(ctx.now().now_utc().time_since_epoch().count()) * 1000;
}

}  // namespace

void check_own_files(context& ctx, const fs::path& dir, const sync_keys& keys,
                     sync_progress& progress, fold& folding, sync_outcome& out,
                     std::vector<rebuild::sync::own_file>& resend) {
  namespace ledger = rebuild::sync;
  auto& j = ctx.journal();
  const std::string me = progress.replica;
  const std::int64_t now_ms = now_ms_of(ctx);
  std::vector<ledger::own_file> written = ledger::own_files(j, me);
  std::vector<bool> present(written.size(), false);
  const auto row_of = [&](std::int64_t number) -> std::ptrdiff_t {
    const auto it =
        std::lower_bound(written.begin(), written.end(), number,
                         [](const ledger::own_file& f, std::int64_t n) { return f.number < n; });
    return it != written.end() && it->number == number ? it - written.begin() : -1;
  };
  bool copy_found = false;
  std::vector<std::int64_t> adopted;  // files taken as this replica's own, recorded now
  for (const auto& f : files_in(dir, me, true)) {
    const fs::path path = dir / me / f.name;
    const std::string key = me + "/" + f.name;
    if (f.number) {
      if (const auto at = row_of(*f.number); at >= 0) {
        present[static_cast<std::size_t>(at)] = true;
        auto& row = written[static_cast<std::size_t>(at)];
        const bool folded = gone_by_compaction(row, progress);
        // Unchanged since it was last checked: nothing to open. (One folded into the snapshot
        // is left by a sync cut short before it could remove it: it goes now.)
        if (f.stamp && !row.stamp.digest.empty() && f.stamp->bytes == row.stamp.bytes &&
            f.stamp->mtime_ns == row.stamp.mtime_ns) {
          if (folded) out.to_remove.push_back(path);
          continue;
        }
        const sync_file got = read_sync_file_at(path, keys);
        if (got.how == sync_file::state::read && got.replica == me && got.number == row.number) {
          if (row.stamp.digest.empty() || got.stamp.digest == row.stamp.digest) {
            row.stamp = got.stamp;  // known now, or only touched: the same bytes
            if (folded)
              out.to_remove.push_back(path);
            else
              ledger::record_own_file(j, me, row);
          } else {
            // A file of this replica's id and number that it did not write: a copy's.
            fold_file(ctx, path, got, folding, out, now_ms, false, progress);
            copy_found = true;
          }
        } else if (folded) {
          // Not this replica's any more, and not its to remove (it may be a copy's, carried
          // only in part so far).
        } else if (row.compacts > 0) {
          out.snapshot_lost = true;  // a snapshot's: it is made again
        } else {
          resend.push_back(row);  // damaged, or another file put in its place
        }
        continue;
      }
    }
    if (ledger::name_read(j, key)) continue;  // read once already, by this name
    // A file here that this replica has no record of writing by that name.
    const sync_file got = read_sync_file_at(path, keys);
    if (got.how == sync_file::state::missing) continue;
    if (got.how == sync_file::state::unreadable) {
      not_opened(out, me, f, path, got.why);
      continue;
    }
    if (!f.number) ledger::record_name_read(j, key);
    if (got.replica != me) {
      // Another replica's file moved into this folder: read as that replica's.
      if (!ledger::file_read(j, got.replica, got.number, next_of(progress, got.replica))) {
        fold_file(ctx, path, got, folding, out, now_ms, true, progress);
        ledger::record_file_read(j, got.replica, got.number);
      }
      continue;
    }
    if (const auto at = row_of(got.number); at >= 0) {
      // A second file of one number (a sync engine's conflict copy): the same bytes as the one
      // written here, or a copy's.
      if (got.stamp.digest != written[static_cast<std::size_t>(at)].stamp.digest &&
          fold_file(ctx, path, got, folding, out, now_ms, false, progress))
        copy_found = true;
      continue;
    }
    // A number whose changes went again in a later file (it was missing or damaged), or one
    // another file had taken: a file of it that opens is a copy's (read once, by this name;
    // what is here already stays as it is).
    if (ledger::file_read(j, me, got.number, 0)) {
      ledger::record_name_read(j, key);
      if (fold_file(ctx, path, got, folding, out, now_ms, false, progress)) copy_found = true;
      continue;
    }
    // Not recorded at all: left by a sync killed before it committed (nothing new in it), or
    // written by a copy of this journal, or before this journal was put back from a backup.
    if (fold_file(ctx, path, got, folding, out, now_ms, false, progress)) {
      copy_found = true;
    } else {
      if (std::find(adopted.begin(), adopted.end(), got.number) == adopted.end()) {
        ledger::record_own_file(j, me, {got.number, got.stamp, 0, 0});
        adopted.push_back(got.number);
      }
      progress.next_file = std::max(progress.next_file, got.number + 1);
    }
  }
  if (copy_found) {
    // (What was found missing or damaged of its own goes again with everything; its numbers
    // are not to be waited for.)
    for (const auto& f : resend) ledger::cover_own_file(j, me, f.number);
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
      out.snapshot_lost = true;
    else
      resend.push_back(written[i]);
  }
}

void read_files(context& ctx, const fs::path& dir, const sync_keys& keys, sync_progress& progress,
                fold& folding, sync_outcome& out) {
  namespace ledger = rebuild::sync;
  auto& j = ctx.journal();
  const std::int64_t now_ms = now_ms_of(ctx);
  for (const auto& replica : replicas_in(dir)) {
    if (replica == progress.replica) continue;
    std::int64_t next = next_of(progress, replica);
    for (const auto& f : files_in(dir, replica)) {
      if (f.number && *f.number < next) continue;  // the run read in order: no look-up
      const fs::path path = dir / replica / f.name;
      const std::string key = replica + "/" + f.name;
      if (f.number ? ledger::file_read(j, replica, *f.number, next) : ledger::name_read(j, key))
        continue;
      if (passed_by(j, path, keys, replica, next)) {
        if (!f.number) ledger::record_name_read(j, key);
        continue;
      }
      const sync_file got = read_sync_file_at(path, keys);
      if (got.how == sync_file::state::missing) continue;
      if (got.how == sync_file::state::unreadable) {
        not_opened(out, replica, f, path, got.why);
        continue;
      }
      if (got.replica == progress.replica) continue;  // this replica's own, moved: checked there
      const std::int64_t its_next = got.replica == replica ? next : 1;
      // A conflict copy is folded in once, even of a number read: two copies of one journal
      // wrote the same number, and each holds changes (what is here already stays as it is).
      if (f.number && ledger::file_read(j, got.replica, got.number, its_next)) continue;
      if (!f.number) ledger::record_name_read(j, key);
      export_header head;
      fold_file(ctx, path, got, folding, out, now_ms, true, progress, &head);
      ledger::record_file_read(j, got.replica, got.number);
      // A snapshot's file: once all of its files are read, the numbers it folds in (gone from
      // the folder) are read too; what they held is in those files, or in the files after
      // them, read as they come.
      if (got.replica == replica && head.compacts >= next &&
          ledger::record_snapshot_part(j, replica, head.compacts, head.part) >= head.parts) {
        next = head.compacts + 1;
        ledger::forget_read_before(j, replica, next);
        ledger::forget_snapshot_parts(j, replica);
      }
    }
    next = ledger::advance_read_run(j, replica, next);
    if (ledger::read_past(j, replica, next))
      out.found.push_back({replica, next,
                           fmt::format("{}: missing, while later files of that device are here",
                                       (dir / replica / fmt::format("{}.rbx", next)).string())});
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
  for (const auto& p : out.found) {
    if (ledger::is_retired(j, p.replica)) continue;
    if (p.number > 0 && ledger::file_read(j, p.replica, p.number, next_of(progress, p.replica)))
      continue;
    if (std::find(out.problems.begin(), out.problems.end(), p.text) == out.problems.end())
      out.problems.push_back(p.text);
  }
}

namespace {

/// Writes this replica's files: lines gathered a few thousand entries a file, each sealed
/// under the next free number with the header it needs, and recorded as written here.
class file_writer {
 public:
  file_writer(context& ctx, const fs::path& dir, const sync_keys& keys, sync_progress& progress,
              sync_outcome& out)
      : ctx_(ctx), dir_(dir), keys_(keys), progress_(progress), out_(out) {
    for (const auto& p : partners(ctx.journal()))
      partner_lines_ += json({{"type", "partner"}, {"id", p.uuid}, {"name", p.name}}).dump() + "\n";
  }
  file_writer(const file_writer&) = delete;
  file_writer& operator=(const file_writer&) = delete;
  ~file_writer() {
    crypto::wipe(lines_);
    crypto::wipe(settings);
  }

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

  void add(const entry& e) {
    // One set aside here goes as it was, never as a tombstone: every replica sets it aside
    // alike, and keeps its words.
    const auto aside = e.deleted ? set_aside_version(ctx_.journal(), e) : std::nullopt;
    lines_ += sync_line(aside ? *aside : e);
    ++entries;
    if (++in_file_ == entries_per_file) flush();
  }

  void flush() {
    namespace ledger = rebuild::sync;
    auto& j = ctx_.journal();
    if (in_file_ == 0 && settings.empty() && covers.empty() && !(must_write && files == 0)) return;
    std::optional<file_stamp> stamp;
    while (true) {
      json head = {{"type", "rebuild-export"},
                   {"version", 1},
                   {"schema", j.schema_version()},
                   {"exported", iso_utc(ctx_.now().now_utc())}};
      if (!covers.empty()) head["covers"] = covers;
      if (compacts > 0) {
        head["compacts"] = compacts;
        head["part"] = files + 1;
        head["parts"] = parts;
      }
      if (!out_.old_replica.empty() && !out_.retires_said) head["retires"] = out_.old_replica;
      std::string whole = head.dump() + "\n" + partner_lines_ + settings + lines_;
      stamp = write_sync_file(dir_, progress_.replica, progress_.next_file, whole, keys_);
      crypto::wipe(whole);
      if (stamp) break;
      // A number another file took meanwhile: the next one. Unless that file is one of this
      // replica's id and number that it did not write (a copy of this journal wrote it, and
      // it is read as such, here at the next sync and by every other replica), the file says
      // that number holds none of this replica's, so that no reader waits for it.
      const sync_file there =
          read_sync_file_at(sync_file_path(dir_, progress_.replica, progress_.next_file), keys_);
      if (there.how != sync_file::state::read || there.replica != progress_.replica ||
          there.number != progress_.next_file) {
        ledger::cover_own_file(j, progress_.replica, progress_.next_file);
        covers.push_back(progress_.next_file);
      }
      ++progress_.next_file;
    }
    out_.retires_said = out_.retires_said || !out_.old_replica.empty();
    settings.clear();
    covers.clear();
    crypto::wipe(lines_);
    lines_.clear();
    const bool known = !everything && compacts == 0;
    ledger::record_own_file(
        j, progress_.replica,
        {progress_.next_file, *stamp, known ? low_ : 0, known ? high_ : 0, compacts});
    ++progress_.next_file;
    ++files;
    in_file_ = 0;
    low_ = high_ = 0;
  }

 private:
  context& ctx_;
  const fs::path& dir_;
  const sync_keys& keys_;
  sync_progress& progress_;
  sync_outcome& out_;
  std::string partner_lines_;
  std::string lines_;
  int in_file_ = 0;
  std::int64_t low_ = 0, high_ = 0;
};

/// The pair's settings as lines of a sync file: those set here since the last sync, or all.
std::string settings_lines(journal& j, bool all, int& count) {
  std::string lines;
  for (const auto& s : settings_to_send(j, all)) {
    bool known = false;
    for (const auto& spec : setting_specs()) known = known || spec.key == s.key;
    if (!known) continue;
    lines +=
        json({{"type", "setting"}, {"key", s.key}, {"value", s.value}, {"hlc", s.hlc}}).dump() +
        "\n";
    ++count;
  }
  return lines;
}

}  // namespace

void send_changes(context& ctx, const fs::path& dir, const sync_keys& keys, sync_progress& progress,
                  sync_outcome& out, const std::vector<rebuild::sync::own_file>& resend) {
  namespace ledger = rebuild::sync;
  auto& j = ctx.journal();
  file_writer files(ctx, dir, keys, progress, out);
  // Files of this replica's that went missing or were damaged: their changes that still stand
  // go again, in the next file, which says which numbers it covers. (One written before the
  // files were recorded, whose changes are not known: everything goes again.)
  std::vector<std::int64_t> again;
  for (const auto& f : resend) {
    files.covers.push_back(f.number);
    if (f.seq_from == 0) {
      progress.sent_seq = -1;
      continue;
    }
    for (const auto id : ledger::entries_changed_between(j, f.seq_from, f.seq_to))
      again.push_back(id);
    files.holds(f.seq_from, f.seq_to);
  }
  out.files_resent = static_cast<int>(resend.size());
  // With them, every number covered before: the file that said so may be the one lost.
  if (!resend.empty())
    for (const auto n : ledger::covered_numbers(j, progress.replica))
      if (std::find(files.covers.begin(), files.covers.end(), n) == files.covers.end())
        files.covers.push_back(n);
  files.everything = progress.sent_seq < 0;
  // The pair's settings set here since the last sync (each partner's own are theirs, kept
  // by partner ids each device has its own of: not carried); all of them with everything, or
  // when a file that may have held some went missing. They go in the first file, or in one of
  // their own when no entry changed.
  files.settings = settings_lines(j, files.everything || !resend.empty(), out.settings_sent);
  for (const auto& version : own_versions_to_send(j)) files.add(version);
  mark_own_versions_sent(j);
  if (files.everything) {
    log_filter all;  // every entry, tombstones too; never a private one
    all.with_deleted = true;
    all.oldest_first = true;
    each_entry(j, all, [&](entry& e) { files.add(e); });
  } else {
    std::vector<std::pair<std::int64_t, std::int64_t>> ids;
    SQLite::Statement st(j.db(),
                         "SELECT id, seq FROM entries WHERE seq > ? AND private = 0 ORDER BY seq");
    st.bind(1, progress.sent_seq);
    while (st.executeStep())
      ids.emplace_back(st.getColumn(0).getInt64(), st.getColumn(1).getInt64());
    for (const auto id : again) files.add(get_entry(j, id));
    for (const auto& [id, seq] : ids) {
      files.holds(seq, seq);
      files.add(get_entry(j, id));
    }
  }
  files.flush();
  out.sent = files.entries;
  out.files_written = files.files;
  // The damaged ones go from the folder (only this replica writes there): their changes are
  // in the file just written, which covers their numbers.
  for (const auto& f : resend) {
    ledger::cover_own_file(j, progress.replica, f.number);
    out.to_remove.push_back(sync_file_path(dir, progress.replica, f.number));
  }
  mark_settings_sent(j);
  const std::int64_t sent = std::max<std::int64_t>(
      progress.sent_seq, j.db().execAndGet("SELECT coalesce(max(seq), 0) FROM entries").getInt64());
  // Recorded at once, not only at the end: a change the reading that follows makes takes its
  // number after this one (next_seq_sql reads it here), even when a version taken in clears
  // the highest number left on an entry.
  if (sent != progress.sent_seq) {
    SQLite::Statement record(j.db(), "UPDATE sync_state SET sent_seq = ? WHERE id = 1");
    record.bind(1, sent);
    record.exec();
  }
  progress.sent_seq = sent;
}

void compact(context& ctx, const fs::path& dir, const sync_keys& keys, sync_progress& progress,
             sync_outcome& out) {
  namespace ledger = rebuild::sync;
  auto& j = ctx.journal();
  const std::string me = progress.replica;
  // How far every other replica has read this one's files, by the position each keeps in the
  // folder (a replica with none, or that has read none of them, holds everything back). One
  // that gave up its id reads no more.
  std::int64_t upto = progress.next_file - 1;
  json live = json::array();
  for (const auto& replica : replicas_in(dir)) {
    if (replica == me || ledger::is_retired(j, replica)) continue;
    live.push_back(replica);
    std::int64_t next = 1;
    if (const auto read = read_position_of(dir, replica, keys))
      for (const auto& [peer, n] : *read)
        if (peer == me) next = n;
    upto = std::min(upto, next - 1);
  }
  upto = std::max(upto, progress.compacted);
  // The files that would go: every one read by all, and the snapshot's before. Folded once
  // there are a month of daily syncs' worth, or at once when a file of the snapshot went
  // missing (a device that joins would otherwise wait for the numbers it folded in).
  const std::vector<ledger::own_file> written = ledger::own_files(j, me);
  int foldable = 0;
  std::vector<std::int64_t> old_snapshot;
  for (const auto& f : written) {
    if (f.number <= progress.compacted || f.compacts < 0) continue;
    if (f.compacts > 0) {
      if (f.number > upto) old_snapshot.push_back(f.number);
    } else if (f.number <= upto) {
      ++foldable;
    }
  }
  if (!out.snapshot_lost && foldable < compact_after()) return;

  file_writer files(ctx, dir, keys, progress, out);
  files.compacts = upto;
  files.must_write = true;
  // The snapshot's files before, past `upto`: covered by the new one, which holds all they
  // held and more (a reader that has not read them takes them as read).
  files.covers = old_snapshot;
  int settings = 0;
  files.settings = settings_lines(j, true, settings);
  // What stands of this replica's own: every entry whose standing version it made, took in by
  // import or held from before sync (it has a change number), or that no other replica in the
  // folder holds (one made by a replica gone from it), and the versions it made that are kept
  // aside. A version another replica made, or held from before sync, stands in that replica's
  // files, where the same rule keeps it.
  std::vector<std::int64_t> ids;
  {
    SQLite::Statement st(j.db(),
                         "SELECT id FROM entries WHERE private = 0 AND (seq IS NOT NULL OR "
                         "(hlc NOT LIKE '%.' AND substr(hlc, -16) NOT IN (SELECT value FROM "
                         "json_each(?)))) ORDER BY day, at_utc, id");
    st.bind(1, live.dump());
    while (st.executeStep()) ids.push_back(st.getColumn(0).getInt64());
  }
  const std::vector<entry> kept = kept_aside_versions_of(j, me);
  const auto total = static_cast<std::int64_t>(ids.size() + kept.size());
  files.parts = std::max<std::int64_t>(1, (total + entries_per_file - 1) / entries_per_file);
  for (const auto id : ids) files.add(get_entry(j, id));
  for (const auto& version : kept) files.add(version);
  files.flush();
  // What it folds in goes from the folder once the sync is saved: the files up to `upto`
  // (those it already folded in before, left by a sync cut short, too) and the snapshot's
  // before.
  for (const auto& f : written)
    if (f.number > progress.compacted && (f.number <= upto || f.compacts > 0)) {
      if (f.compacts > 0) ledger::supersede_own_file(j, me, f.number);
      out.to_remove.push_back(sync_file_path(dir, me, f.number));
    }
  out.files_compacted = foldable;
  progress.compacted = upto;
  SQLite::Statement record(j.db(), "UPDATE sync_state SET compacted = ? WHERE id = 1");
  record.bind(1, upto);
  record.exec();
}

}  // namespace rebuild::cli
