// Versions kept aside when two copies changed one entry at once, and taking one back.
#include "rebuild/conflicts.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "entry_rows.hpp"
#include "rebuild/change_log.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/text.hpp"

namespace rebuild {

using namespace rows;
using json = nlohmann::ordered_json;

namespace {

/// The version's words and place, as snapshot() keeps them for undo (partners by their row),
/// and whether it is a tombstone.
json content_of(journal& j, const entry& e) {
  json doc = {{"day", iso_day(e.day)},
              {"time", e.time ? json(hh_mm(*e.time)) : json()},
              {"at_utc", e.at_utc},
              {"deleted", e.deleted}};
  for (const auto& f : e.kind->fields) {
    const value& v = e.deleted ? value{} : e.get(f.name);
    if (f.type == field_type::partner && std::holds_alternative<std::string>(v))
      doc[std::string(f.name)] = find_partner(j, std::get<std::string>(v)).id;
    else if (const auto* n = std::get_if<std::int64_t>(&v))
      doc[std::string(f.name)] = *n;
    else if (const auto* s = std::get_if<std::string>(&v))
      doc[std::string(f.name)] = *s;
    else
      doc[std::string(f.name)] = nullptr;
  }
  return doc;
}

std::string dumped(const json& doc) {
  return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

/// The entry `current` as the version `text` (version_json) has it.
entry version_of(journal& j, const entry& current, const std::string& text) {
  const json doc = json::parse(text, nullptr, false);
  if (!doc.is_object())
    throw io_error(
        fmt::format("the journal at {} is damaged: a version kept aside of {} {} is "
                    "not readable",
                    j.path().string(), current.kind->label, current.short_id()));
  entry e = current;
  e.day = day_from_iso(doc.value("day", iso_day(current.day)));
  e.time.reset();
  if (const auto t = doc.find("time"); t != doc.end() && t->is_string())
    e.time = parse_time_of_day(t->get<std::string>());
  e.at_utc = doc.value("at_utc", current.at_utc);
  e.deleted = doc.value("deleted", false);
  e.hlc = doc.value("hlc", std::string());
  e.base = doc.value("base", std::string());
  if (const auto reading = hlc::parse(e.hlc); reading && reading->ms > 0)
    e.updated_utc = iso_utc(utc_seconds{std::chrono::seconds{reading->ms / 1000}});
  e.changed_by.clear();
  const auto all = partners(j);
  if (const auto by = doc.find("by"); by != doc.end() && by->is_number_integer())
    for (const auto& p : all)
      if (p.id == by->get<std::int64_t>()) e.changed_by = p.name;
  e.fields.clear();
  for (const auto& f : e.kind->fields) {
    const auto it = doc.find(f.name);
    value v;
    if (it != doc.end() && it->is_number_integer()) {
      v = it->get<std::int64_t>();
      if (f.type == field_type::partner)
        for (const auto& p : all)
          if (p.id == std::get<std::int64_t>(v)) v = p.name;
    } else if (it != doc.end() && it->is_string()) {
      v = it->get<std::string>();
    }
    e.fields[std::string(f.name)] = v;
  }
  return e;
}

}  // namespace

std::string content_json(journal& j, const entry& e) { return dumped(content_of(j, e)); }

std::string version_json(journal& j, const entry& e) {
  json doc = content_of(j, e);
  doc["hlc"] = e.hlc;
  doc["base"] = e.base;
  const std::string& by = e.changed_by.empty() ? e.author.name : e.changed_by;
  doc["by"] = find_partner(j, by).id;
  return dumped(doc);
}

void keep_aside(journal& j, std::int64_t entry_id, const entry& version,
                const std::string& kept_hlc, const clock& now) {
  // A version of this replica's own that lost before it went out still goes out (sent 0):
  // the other replicas learn what it was made from, and keep it aside as this one does.
  // (This replica's own when it is the version here, made here and not sent yet.)
  SQLite::Statement& unsent = j.statement(
      "SELECT count(*) FROM entries WHERE id = ? AND hlc = ? AND substr(hlc, 22) = (SELECT "
      "replica FROM sync_state WHERE id = 1) AND seq > (SELECT sent_seq FROM sync_state WHERE id "
      "= 1)");
  unsent.bind(1, entry_id);
  unsent.bind(2, version.hlc);
  unsent.executeStep();
  const bool own = unsent.getColumn(0).getInt() > 0;
  unsent.reset();
  SQLite::Statement& st = j.statement(
      "INSERT INTO conflicts (entry_id, kept_hlc, other_hlc, other, found_utc, sent) VALUES (?, "
      "?, ?, ?, ?, ?) ON CONFLICT (entry_id, other_hlc) DO NOTHING");
  st.bind(1, entry_id);
  st.bind(2, kept_hlc);
  st.bind(3, version.hlc);
  st.bind(4, version_json(j, version));
  st.bind(5, iso_utc(now.now_utc()));
  st.bind(6, own ? 0 : 1);
  st.exec();
  st.reset();
}

void set_aside(journal& j, std::int64_t id, const std::string& standing_hlc, const clock& now) {
  const entry e = get_entry(j, id);
  if (e.deleted || e.is_private) return;
  keep_aside(j, id, e, standing_hlc, now);
  SQLite::Statement& hide = j.statement("UPDATE entries SET deleted = 1 WHERE id = ?");
  hide.bind(1, id);
  hide.exec();
  hide.reset();
  SQLite::Statement& words =
      j.statement(fmt::format("DELETE FROM {} WHERE entry_id = ?", e.kind->table));
  words.bind(1, id);
  words.exec();
  words.reset();
}

std::optional<std::int64_t> settle_period(journal& j, const kind_spec& kind, std::int64_t author,
                                          days_t day) {
  if (kind.once == once_per::none || same_period(j, kind, author, day, 0)) return std::nullopt;
  const week w = week_of(day);
  SQLite::Statement st(
      j.db(), fmt::format("SELECT e.id FROM entries e JOIN conflicts c ON c.entry_id = e.id AND "
                          "c.other_hlc = e.hlc WHERE e.kind = ?1 AND e.author = ?2 AND {} AND "
                          "e.deleted = 1 ORDER BY e.hlc DESC",
                          kind.once == once_per::day ? "e.day = ?3" : "e.day BETWEEN ?3 AND ?4"));
  st.bind(1, std::string(kind.name));
  st.bind(2, author);
  st.bind(3, iso_day(kind.once == once_per::day ? day : w.monday));
  if (kind.once != once_per::day) st.bind(4, iso_day(w.sunday));
  std::vector<std::int64_t> aside;
  while (st.executeStep()) aside.push_back(st.getColumn(0).getInt64());
  for (const auto id : aside) {
    const entry e = get_entry(j, id);
    const auto version = set_aside_version(j, e);
    if (!version) continue;
    // The latest set aside stands again, with its words; the others stay aside.
    SQLite::Statement live(j.db(), "UPDATE entries SET deleted = 0 WHERE id = ?");
    live.bind(1, id);
    live.exec();
    SQLite::Statement body(j.db(), body_insert_sql(kind, "INSERT OR REPLACE"));
    body.bind(1, id);
    int index = 2;
    for (const auto& f : kind.fields) bind_field(j, body, index++, f, version->get(f.name));
    body.exec();
    return id;
  }
  return std::nullopt;
}

bool was_set_aside(journal& j, const entry& e) {
  SQLite::Statement st(j.db(), "SELECT 1 FROM conflicts WHERE entry_id = ? AND other_hlc = ?");
  st.bind(1, e.id);
  st.bind(2, e.hlc);
  return !e.deleted && !e.hlc.empty() && st.executeStep();
}

std::optional<entry> set_aside_version(journal& j, const entry& e) {
  if (!e.deleted || e.hlc.empty()) return std::nullopt;
  // Set aside, not deleted: its own version, of its current reading, is kept aside live. (A
  // deletion is a change of its own, with a reading later than any version it was made from.)
  SQLite::Statement& st =
      j.statement("SELECT other FROM conflicts WHERE entry_id = ? AND other_hlc = ?");
  st.bind(1, e.id);
  st.bind(2, e.hlc);
  std::optional<std::string> text;
  if (st.executeStep()) text = st.getColumn(0).getString();
  st.reset();
  if (!text) return std::nullopt;
  entry version = version_of(j, e, *text);
  if (version.deleted) return std::nullopt;
  version.updated_utc = e.updated_utc;
  return version;
}

std::vector<conflict> list_conflicts(journal& j, std::int64_t of) {
  struct row {
    std::int64_t id, entry_id;
    std::string kept, other, found;
  };
  std::vector<row> rows;
  {
    SQLite::Statement st(j.db(),
                         "SELECT c.id, c.entry_id, c.kept_hlc, c.other, c.found_utc FROM "
                         "conflicts c JOIN entries e ON e.id = c.entry_id WHERE (?1 = 0 "
                         "OR c.entry_id = ?1) AND " +
                             j.visible("e") + " ORDER BY c.id");
    st.bind(1, of);
    while (st.executeStep())
      rows.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getInt64(),
                      st.getColumn(2).getString(), st.getColumn(3).getString(),
                      st.getColumn(4).getString()});
  }
  std::vector<conflict> out;
  for (const auto& r : rows) {
    conflict c;
    c.id = r.id;
    c.current = get_entry(j, r.entry_id);
    c.other = version_of(j, c.current, r.other);
    c.kept_hlc = r.kept;
    c.found_utc = r.found;
    out.push_back(std::move(c));
  }
  // A version is no conflict any more when it says what the entry says now (taken, or arrived
  // at again), or when the version here, or another one kept aside, was made from it: its
  // maker saw it and changed it, and the later one stands for both, whichever order the two
  // came in. (Those kept aside that say what the entry says count for that too.)
  std::vector<bool> gone(out.size(), false);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const conflict& c = out[i];
    gone[i] = content_json(j, c.current) == content_json(j, c.other) ||
              made_from(c.current.base, c.other.hlc);
    for (const auto& later : out)
      gone[i] =
          gone[i] || (later.current.id == c.current.id && made_from(later.other.base, c.other.hlc));
  }
  // And two versions that say the same (one change made on two devices alike) are one.
  std::vector<std::pair<std::int64_t, std::string>> seen;
  std::vector<conflict> standing;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (gone[i]) continue;
    auto said = std::make_pair(out[i].current.id, content_json(j, out[i].other));
    if (std::find(seen.begin(), seen.end(), said) != seen.end()) continue;
    seen.push_back(std::move(said));
    standing.push_back(std::move(out[i]));
  }
  return standing;
}

namespace {

/// The versions kept aside that `st` selects (entry id, version as JSON), as entries.
std::vector<entry> versions_selected(journal& j, SQLite::Statement& st) {
  std::vector<std::pair<std::int64_t, std::string>> rows;
  while (st.executeStep())
    rows.emplace_back(st.getColumn(0).getInt64(), st.getColumn(1).getString());
  std::vector<entry> out;
  for (const auto& [id, text] : rows) out.push_back(version_of(j, get_entry(j, id), text));
  return out;
}

}  // namespace

std::vector<entry> own_versions_to_send(journal& j) {
  SQLite::Statement st(j.db(),
                       "SELECT c.entry_id, c.other FROM conflicts c JOIN entries e ON "
                       "e.id = c.entry_id WHERE c.sent = 0 AND e.private = 0 ORDER BY c.id");
  return versions_selected(j, st);
}

std::vector<entry> kept_aside_versions_of(journal& j, const std::string& me) {
  // (Not one set aside whole, a check-in another of its day stands over: the entry itself is
  // sent as that version.)
  SQLite::Statement st(j.db(),
                       "SELECT c.entry_id, c.other FROM conflicts c JOIN entries e ON "
                       "e.id = c.entry_id WHERE e.private = 0 AND substr(c.other_hlc, -17) = "
                       "'.' || ? AND NOT (e.deleted = 1 AND e.hlc = c.other_hlc) ORDER BY c.id");
  st.bind(1, me);
  return versions_selected(j, st);
}

void mark_own_versions_sent(journal& j) {
  j.db().exec("UPDATE conflicts SET sent = 1 WHERE sent = 0");
}

entry take_other(journal& j, const conflict& c, const partner& by, const clock& now) {
  std::int64_t standing_over = 0;  // another of its day (or week) that stands, set aside below
  const entry& here = c.current;
  const entry& other = c.other;
  require_author(here, by, "change");
  if (content_json(j, here) == content_json(j, other)) {
    dismiss_conflict(j, c, by);
    return here;
  }
  if (!other.deleted) {
    check_against_journal(j, *here.kind, other.fields, here.id);
    if (const auto same = same_period(j, *here.kind, here.author.id, other.day, here.id)) {
      const entry standing = get_entry(j, *same);
      if (standing.is_private)
        throw data_error(fmt::format(
            "{}'s private {} of {} ({}) stands in that {}, and a private entry never gives "
            "way; delete it first ('rebuild delete {} --private')",
            here.author.name, here.kind->label, iso_day(other.day), standing.short_id(),
            period_word(here.kind->once), standing.short_id()));
      standing_over = standing.id;
    }
  }
  // (Its undo recorded first, so that undo, newest first, takes the version back before it
  // brings the other back.)
  if (standing_over != 0)
    record_change(j, standing_over, by, "delete", snapshot(j, get_entry(j, standing_over)),
                  std::nullopt, now);
  if (other.deleted) {
    record_change(j, here.id, by, "delete", snapshot(j, here), std::nullopt, now);
    tombstone(j, here.id, *here.kind, now);
    settle_period(j, *here.kind, here.author.id, here.day);
  } else {
    const std::string words = content_json(j, other);
    if (here.deleted) {
      record_change(j, here.id, by, "add", std::nullopt, std::nullopt, now);
      set_deleted(j, here.id, false, now);
    } else {
      record_change(j, here.id, by, "edit", snapshot(j, here), std::nullopt, now);
    }
    restore_snapshot(j, here, words, now);
  }
  log_change(j, here.id, by.id, now);
  // The one of its day (or week) that stood is set aside in its turn: the version taken is the
  // later now, and every replica that takes it in sets the other aside alike. (Undo of this
  // change brings it back.)
  if (standing_over != 0) set_aside(j, standing_over, get_entry(j, here.id).hlc, now);
  // The version taken stays in the table: while the entry says what it says, it is not
  // listed, and should `undo` take this back, it is listed again.
  return get_entry(j, here.id);
}

void dismiss_conflict(journal& j, const conflict& c, const partner& by) {
  require_author(c.current, by, "change");
  SQLite::Statement drop(j.db(), "DELETE FROM conflicts WHERE id = ?");
  drop.bind(1, c.id);
  drop.exec();
}

}  // namespace rebuild
