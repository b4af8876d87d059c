// What one sync sends out: this replica's changes, as new files of its own.
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

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

}  // namespace

file_writer::file_writer(exchange& x) : x_(x) {
  for (const auto& p : partners(x.j))
    partner_lines_ += json({{"type", "partner"}, {"id", p.uuid}, {"name", p.name}}).dump() + "\n";
}

file_writer::~file_writer() {
  crypto::wipe(lines_);
  crypto::wipe(settings);
}

void file_writer::add(const entry& e) {
  // One set aside here goes as it was, never as a tombstone: every replica sets it aside
  // alike, and keeps its words.
  const auto aside = e.deleted ? set_aside_version(x_.j, e) : std::nullopt;
  lines_ += sync_line(aside ? *aside : e);
  ++entries;
  if (++in_file_ == entries_per_file) flush();
}

void file_writer::flush() {
  auto& j = x_.j;
  auto& progress_ = x_.progress;
  if (in_file_ == 0 && settings.empty() && covers.empty() && !(must_write && files == 0)) return;
  std::optional<file_stamp> stamp;
  while (true) {
    json head = {{"type", "rebuild-export"},
                 {"version", 1},
                 {"schema", j.schema_version()},
                 {"exported", iso_utc(x_.now.now_utc())}};
    if (!covers.empty()) head["covers"] = covers;
    if (compacts > 0) {
      head["compacts"] = compacts;
      head["part"] = files + 1;
      head["parts"] = parts;
    }
    if (!x_.out.old_replica.empty() && !x_.retires_said) head["retires"] = x_.out.old_replica;
    std::string whole = head.dump() + "\n" + partner_lines_ + settings + lines_;
    stamp = x_.files.write(progress_.replica, progress_.next_file, whole);
    crypto::wipe(whole);
    if (stamp) break;
    // A number another file took meanwhile: the next one. Unless that file is one of this
    // replica's id and number that it did not write (a copy of this journal wrote it, and
    // it is read as such, here at the next sync and by every other replica), the file says
    // that number holds none of this replica's, so that no reader waits for it.
    const sync_file there = x_.files.read(progress_.replica, file_name(progress_.next_file));
    if (there.how != sync_file::state::read || there.replica != progress_.replica ||
        there.number != progress_.next_file) {
      cover_own_file(j, progress_.replica, progress_.next_file);
      covers.push_back(progress_.next_file);
    }
    ++progress_.next_file;
  }
  x_.retires_said = x_.retires_said || !x_.out.old_replica.empty();
  settings.clear();
  covers.clear();
  crypto::wipe(lines_);
  lines_.clear();
  const bool known = !everything && compacts == 0;
  record_own_file(j, progress_.replica,
                  {progress_.next_file, *stamp, known ? low_ : 0, known ? high_ : 0, compacts});
  ++progress_.next_file;
  ++files;
  in_file_ = 0;
  low_ = high_ = 0;
}

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

void send_changes(exchange& x, const std::vector<own_file>& resend) {
  auto& j = x.j;
  auto& out = x.out;
  auto& progress = x.progress;
  file_writer files(x);
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
    for (const auto id : entries_changed_between(j, f.seq_from, f.seq_to)) again.push_back(id);
    files.holds(f.seq_from, f.seq_to);
  }
  out.files_resent = static_cast<int>(resend.size());
  // With them, every number covered before: the file that said so may be the one lost.
  if (!resend.empty())
    for (const auto n : covered_numbers(j, progress.replica))
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
    cover_own_file(j, progress.replica, f.number);
    x.to_remove.push_back(file_name(f.number));
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

}  // namespace rebuild::sync
