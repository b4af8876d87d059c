#include "rebuild/support.hpp"

#include <SQLiteCpp/Statement.h>

#include <map>

namespace rebuild {

std::vector<homework_view> homework_by(journal& j, days_t until, std::optional<days_t> since) {
  // Both from their own indexes and tables: a live entry is one with its row in its kind's
  // table (a tombstone keeps none), so `deleted` is never read from ten years of entries.
  std::map<std::string, days_t> done;
  SQLite::Statement& d = j.statement(
      "SELECT hd.homework, min(d.day) FROM entries d "
      "JOIN homework_done hd ON hd.entry_id = d.id WHERE d.kind = 'homework-done' AND "
      "d.day <= ?1 GROUP BY hd.homework HAVING min(d.day) >= ?2");
  const std::string first = since ? iso_day(*since) : std::string("0000-01-01");
  d.bind(1, iso_day(until));
  d.bind(2, first);
  while (d.executeStep())
    done.emplace(d.getColumn(0).getString(), day_from_iso(d.getColumn(1).getString()));
  d.reset();
  SQLite::Statement& st = j.statement(
      "SELECT e.uuid, e.day, e.author, h.text FROM entries e "
      "JOIN homework h ON h.entry_id = e.id WHERE e.kind = 'homework' AND e.day <= ?1 "
      "AND NOT EXISTS (SELECT 1 FROM homework_done hd CROSS JOIN entries d ON d.id = hd.entry_id "
      "WHERE hd.homework = e.uuid AND d.kind = 'homework-done' AND d.day < ?2) "
      "ORDER BY e.day, e.uuid");
  st.bind(1, iso_day(until));
  st.bind(2, first);
  std::vector<homework_view> out;
  while (st.executeStep()) {
    homework_view h;
    h.uuid = st.getColumn(0).getString();
    h.day = day_from_iso(st.getColumn(1).getString());
    h.author = st.getColumn(2).getInt64();
    h.text = st.getColumn(3).getString();
    if (const auto it = done.find(h.uuid); it != done.end()) h.done = it->second;
    out.push_back(std::move(h));
  }
  st.reset();
  return out;
}

open_homework homework_open(journal& j, days_t until) {
  // As homework_by: a live entry is one with its row in its kind's table.
  SQLite::Statement& st = j.statement(
      "SELECT count(*), min(e.day) FROM entries e JOIN homework h ON h.entry_id = e.id "
      "WHERE e.kind = 'homework' AND e.day <= ?1 AND NOT EXISTS (SELECT 1 FROM homework_done "
      "hd CROSS JOIN entries d ON d.id = hd.entry_id WHERE hd.homework = e.uuid AND "
      "d.kind = 'homework-done' AND d.day <= ?1)");
  st.bind(1, iso_day(until));
  open_homework out;
  if (st.executeStep()) {
    out.count = st.getColumn(0).getInt();
    if (!st.getColumn(1).isNull()) out.oldest = day_from_iso(st.getColumn(1).getString());
  }
  st.reset();
  return out;
}

std::vector<transparency_view> transparency_by(journal& j, days_t until) {
  SQLite::Statement& st = j.statement(
      "SELECT e.uuid, e.day, e.author, t.text, t.until, (SELECT min(x.day) FROM "
      "transparency_ends te JOIN entries x ON x.id = te.entry_id WHERE te.agreement = e.uuid "
      "AND x.deleted = 0 AND x.day <= ?1) FROM entries e JOIN transparency t ON t.entry_id = "
      "e.id WHERE e.kind = 'transparency' AND e.deleted = 0 AND e.day <= ?1 "
      "ORDER BY e.day, e.id");
  st.bind(1, iso_day(until));
  std::vector<transparency_view> out;
  while (st.executeStep()) {
    transparency_view v;
    v.uuid = st.getColumn(0).getString();
    v.day = day_from_iso(st.getColumn(1).getString());
    v.author = st.getColumn(2).getInt64();
    v.text = st.getColumn(3).getString();
    v.until = day_from_iso(st.getColumn(4).getString());
    if (!st.getColumn(5).isNull()) v.ended = day_from_iso(st.getColumn(5).getString());
    out.push_back(std::move(v));
  }
  st.reset();
  // Each agreement's words and end date as they stood at the end of `until`: an edit dated
  // after it (a transparency-change, holding what they were) is taken back, the latest first;
  // those by then are kept for an earlier day (as_of).
  SQLite::Statement& changes = j.statement(
      "SELECT c.agreement, c.changed, c.text, c.until, e.day FROM entries e JOIN "
      "transparency_changes c ON c.entry_id = e.id WHERE e.kind = 'transparency-change' AND "
      "e.deleted = 0 ORDER BY e.day DESC, e.at_utc DESC, e.id DESC");
  while (changes.executeStep()) {
    const std::string uuid = changes.getColumn(0).getString();
    const std::string changed = "," + changes.getColumn(1).getString() + ",";
    transparency_view::before_edit was{day_from_iso(changes.getColumn(4).getString()), {}, {}};
    if (changed.find(",text,") != std::string::npos && !changes.getColumn(2).isNull())
      was.text = changes.getColumn(2).getString();
    if (changed.find(",until,") != std::string::npos && !changes.getColumn(3).isNull())
      was.until = day_from_iso(changes.getColumn(3).getString());
    for (auto& v : out) {
      if (v.uuid != uuid) continue;
      if (was.edited <= until) {
        v.edits.push_back(was);
        continue;
      }
      if (was.text) v.text = *was.text;
      if (was.until) v.until = *was.until;
    }
  }
  changes.reset();
  return out;
}

transparency_view transparency_view::as_of(days_t day) const {
  transparency_view v = *this;
  for (const auto& was : edits) {  // the latest first
    if (was.edited <= day) break;
    if (was.text) v.text = *was.text;
    if (was.until) v.until = *was.until;
  }
  return v;
}

int therapy_sessions_by(journal& j, days_t until, std::optional<days_t> from) {
  // A session is one however many partners wrote it down: distinct days.
  SQLite::Statement& st = j.statement(
      "SELECT count(DISTINCT e.day) FROM entries e WHERE e.kind = 'therapy-session' AND "
      "e.deleted = 0 AND e.day BETWEEN ?1 AND ?2 AND " +
      j.visible("e"));
  st.bind(1, from ? iso_day(*from) : std::string("0000-01-01"));
  st.bind(2, iso_day(until));
  st.executeStep();
  const int n = st.getColumn(0).getInt();
  st.reset();
  return n;
}

}  // namespace rebuild
