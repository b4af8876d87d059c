// What `sync DIR` exchanges through the shared folder: this replica's changes out, the other
// replicas' in.
#include "sync_exchange.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
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

void read_files(context& ctx, const fs::path& dir, const sync_keys& keys, sync_progress& progress,
                fold& folding, sync_outcome& out, bool own) {
  auto& j = ctx.journal();
  const std::int64_t now_ms =
      static_cast<std::int64_t>(ctx.now().now_utc().time_since_epoch().count()) * 1000;
  for (const auto& replica : replicas_in(dir)) {
    const bool mine = replica == progress.replica;
    if (mine != own) continue;
    std::int64_t next = mine ? progress.next_file : 1;
    if (!mine)
      for (const auto& [peer, n] : progress.peers)
        if (peer == replica) next = n;
    while (true) {
      const fs::path file = dir / replica / fmt::format("{}.rbx", next);
      const sync_file got = read_sync_file(dir, replica, next, keys);
      if (got.how == sync_file::state::missing) {
        if (has_later_file(dir, replica, next))
          out.skipped.push_back({file.string(), "missing, and later files wait for it"});
        break;
      }
      if (got.how == sync_file::state::unreadable) {
        out.skipped.push_back({file.string(), got.why});
        break;
      }
      file_lines read;
      try {
        read = lines_of(got.lines);
      } catch (const data_error& e) {
        out.skipped.push_back({file.string(), fmt::format("not readable here ({})", e.what())});
        break;
      }
      for (const auto& why : read.refused) {
        ++out.not_taken;
        out.not_taken_lines.push_back(
            fmt::format("A change in {} could not be taken ({})", file.string(), why));
      }
      for (auto& line : read.lines) {
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
        if (const auto* h = std::get_if<export_header>(&line); h != nullptr && !mine)
          note_clock(out, replica, h->exported, now_ms);
        auto* e = std::get_if<entry>(&line);
        if (e == nullptr) continue;
        // Each change whole or not at all: one that cannot be taken here (a name another
        // entry has taken meanwhile) is left, and said, and the rest go on.
        const std::string label = fmt::format("{} {}", e->kind->label, e->short_id());
        // (Statements kept for the command: a first sync takes in tens of thousands.)
        const auto run = [&j](const char* sql) {
          SQLite::Statement& st = j.statement(sql);
          st.exec();
          st.reset();
        };
        run("SAVEPOINT sync_change");
        try {
          folding.entry(std::move(*e));
          run("RELEASE sync_change");
        } catch (const data_error& bad) {
          run("ROLLBACK TO sync_change");
          run("RELEASE sync_change");
          ++out.not_taken;
          out.not_taken_lines.push_back(fmt::format("A change to {} from {} could not be taken: {}",
                                                    label, file.string(), bad.what()));
        }
      }
      ++out.files_read;
      ++next;
    }
    if (mine) {
      progress.next_file = next;
    } else {
      bool known = false;
      for (auto& [peer, n] : progress.peers)
        if (peer == replica) {
          n = next;
          known = true;
        }
      if (!known) progress.peers.emplace_back(replica, next);
    }
  }
}

void send_changes(context& ctx, const fs::path& dir, const sync_keys& keys, sync_progress& progress,
                  sync_outcome& out) {
  auto& j = ctx.journal();
  std::string head = json({{"type", "rebuild-export"},
                           {"version", 1},
                           {"schema", j.schema_version()},
                           {"exported", iso_utc(ctx.now().now_utc())}})
                         .dump() +
                     "\n";
  for (const auto& p : partners(j))
    head += json({{"type", "partner"}, {"id", p.uuid}, {"name", p.name}}).dump() + "\n";
  // The pair's settings set here since the last sync (each partner's own are theirs, kept
  // by partner ids each device has its own of: not carried). They go in the first file, or
  // in one of their own when no entry changed.
  std::string settings;
  for (const auto& s : settings_to_send(j, progress.sent_seq < 0)) {
    bool known = false;
    for (const auto& spec : setting_specs()) known = known || spec.key == s.key;
    if (!known) continue;
    settings +=
        json({{"type", "setting"}, {"key", s.key}, {"value", s.value}, {"hlc", s.hlc}}).dump() +
        "\n";
    ++out.settings_sent;
  }
  std::string lines;
  int in_file = 0;
  const auto flush = [&] {
    if (in_file == 0 && settings.empty()) return;
    std::string whole = head + settings + lines;
    settings.clear();
    while (!write_sync_file(dir, progress.replica, progress.next_file, whole, keys))
      ++progress.next_file;  // a number another run took meanwhile: the next one
    crypto::wipe(whole);
    crypto::wipe(lines);
    ++progress.next_file;
    ++out.files_written;
    in_file = 0;
  };
  const auto add = [&](const entry& e) {
    // One set aside here goes as it was, never as a tombstone: every replica sets it aside
    // alike, and keeps its words.
    const auto aside = e.deleted ? set_aside_version(j, e) : std::nullopt;
    lines += sync_line(aside ? *aside : e);
    ++out.sent;
    if (++in_file == entries_per_file) flush();
  };
  for (const auto& version : own_versions_to_send(j)) add(version);
  mark_own_versions_sent(j);
  if (progress.sent_seq < 0) {
    log_filter all;  // every entry, tombstones too; never a private one
    all.with_deleted = true;
    all.oldest_first = true;
    each_entry(j, all, [&](entry& e) { add(e); });
  } else {
    std::vector<std::int64_t> ids;
    SQLite::Statement st(j.db(),
                         "SELECT id FROM entries WHERE seq > ? AND private = 0 ORDER BY seq");
    st.bind(1, progress.sent_seq);
    while (st.executeStep()) ids.push_back(st.getColumn(0).getInt64());
    for (const auto id : ids) add(get_entry(j, id));
  }
  flush();
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

}  // namespace rebuild::cli
