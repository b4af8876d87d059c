// The undo history: each change a command makes, kept so that `undo` can take the whole
// command back. Local to this journal: export, merge and sync never carry it.
#include "rebuild/history.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "entry_rows.hpp"
#include "rebuild/change_log.hpp"
#include "rebuild/conflicts.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/private_words.hpp"
#include "rebuild/text.hpp"

namespace rebuild {
namespace rows {

void record_change(journal& j, std::int64_t entry_id, const partner& by, std::string_view action,
                   const std::optional<std::string>& before, std::optional<std::int64_t> replaced,
                   const clock& now) {
  SQLite::Statement st(j.db(),
                       "INSERT INTO changes (entry_id, partner_id, action, before, replaced, "
                       "at_utc, command) VALUES (?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, entry_id);
  st.bind(2, by.id);
  st.bind(3, std::string(action));
  if (before)
    st.bind(4, *before);
  else
    st.bind(4);
  if (replaced)
    st.bind(5, *replaced);
  else
    st.bind(5);
  st.bind(6, iso_utc(now.now_utc()));
  st.bind(7, j.command_number());
  st.exec();
}

/// The entry as a JSON object of its day, time, instant and fields, for undoing an edit.
std::string snapshot(journal& j, const entry& e) {
  if (e.is_private) {
    // Its box as it is, still sealed: undo puts it back without the author's passphrase.
    SQLite::Statement st(j.db(),
                         "SELECT json_object('day', e.day, 'time', e.time, 'at_utc', "
                         "e.at_utc, 'sealed', hex(s.box), 'bound', s.bound) FROM entries e JOIN "
                         "sealed_words s ON s.entry_id = e.id WHERE e.id = ?");
    st.bind(1, e.id);
    if (!st.executeStep())
      throw io_error(
          fmt::format("the journal at {} is damaged: private {} {} has no words; put "
                      "a backup in its place with 'rebuild restore FILE'",
                      j.path().string(), e.kind->label, e.short_id()));
    return st.getColumn(0).getString();
  }
  std::string pairs = "'day', e.day, 'time', e.time, 'at_utc', e.at_utc";
  for (const auto& f : e.kind->fields) pairs += fmt::format(", '{0}', k.{0}", f.name);
  SQLite::Statement st(j.db(), fmt::format("SELECT json_object({}) FROM entries e JOIN {} k ON "
                                           "k.entry_id = e.id WHERE e.id = ?",
                                           pairs, e.kind->table));
  st.bind(1, e.id);
  st.executeStep();
  return st.getColumn(0).getString();
}

void restore_snapshot(journal& j, const entry& e, const std::string& json, const clock& now) {
  SQLite::Statement head(j.db(),
                         "UPDATE entries SET day = json_extract(?1, '$.day'), time = "
                         "json_extract(?1, '$.time'), at_utc = json_extract(?1, '$.at_utc'), "
                         "updated_utc = " +
                             next_updated_sql("?2") + " WHERE id = ?3");
  head.bind(1, json);
  head.bind(2, iso_utc(now.now_utc()));
  head.bind(3, e.id);
  head.exec();
  if (e.is_private) {
    // A private entry's box goes back as it was, still sealed, bound as it was (an undo
    // history from before schema 13 has no 'bound': its box was bound to id and kind alone).
    SQLite::Statement hex(j.db(),
                          "SELECT json_extract(?1, '$.sealed'), coalesce(json_extract(?1, "
                          "'$.bound'), 0)");
    hex.bind(1, json);
    hex.executeStep();
    const auto box =
        hex.getColumn(0).isNull() ? std::nullopt : bytes_of_hex(hex.getColumn(0).getString());
    if (!box)
      throw io_error(fmt::format("the undo history of {} {} is damaged; nothing was changed",
                                 e.kind->label, e.short_id()));
    store_box(j, e.id, *box, hex.getColumn(1).getInt() != 0);
    return;
  }
  // The kind's row is written whole: after a delete it is not there any more.
  std::string columns = "entry_id";
  std::string values = "?2";
  for (const auto& f : e.kind->fields) {
    columns += fmt::format(", {}", f.name);
    values += fmt::format(", json_extract(?1, '$.{}')", f.name);
  }
  SQLite::Statement body(j.db(), fmt::format("INSERT OR REPLACE INTO {} ({}) VALUES ({})",
                                             e.kind->table, columns, values));
  body.bind(1, json);
  body.bind(2, e.id);
  body.exec();
}

}  // namespace rows

using namespace rows;

namespace {

/// Throws data_error when what an undo put back, `after` it, now shares its name with another
/// live entry of its kind: two rituals called "Walk" would leave `ritual done walk` to pick
/// one, and a merge to fail. `name_before` is the entry's name before the undo; nullopt when
/// it was deleted (the undo brings it back).
void check_name_free(journal& j, const entry& after,
                     const std::optional<std::string>& name_before) {
  const kind_spec& kind = *after.kind;
  if (kind.unique.empty() || after.deleted) return;
  const std::string name = after.text(kind.unique);
  if (name_before && ascii_lower(*name_before) == ascii_lower(name)) return;  // not renamed
  const auto holder = name_holder(j, kind, name, after.id);
  if (!holder) return;
  const std::string what =
      name_before ? fmt::format("rename the {} '{}' back to '{}'", kind.label, *name_before, name)
                  : fmt::format("bring back the {} '{}'", kind.label, name);
  throw data_error(fmt::format(
      "cannot undo: it would {}, and the {} '{}' (id {}) now has that name; rename or delete "
      "that one first",
      what, kind.label, holder->name, holder->uuid.substr(0, 8)));
}

}  // namespace

std::vector<undone> undo_last(journal& j, const partner& by, const clock& now) {
  // The partner's latest command that is not undone yet, and every change it made, newest
  // first: the partner's latest changes on changes_by_partner, read while they carry the same
  // command number (one command's changes are written together, in one transaction). A change
  // from before commands were numbered is a command of its own.
  struct change {
    std::int64_t id, entry_id, replaced;
    std::string action;
    std::string before;
  };
  std::vector<change> changes;
  {
    SQLite::Statement st(j.db(),
                         "SELECT id, entry_id, action, before, replaced, command FROM changes "
                         "WHERE partner_id = ? AND undone = 0 ORDER BY id DESC");
    st.bind(1, by.id);
    std::optional<std::int64_t> command;
    while (st.executeStep()) {
      const auto number = st.getColumn(5);
      if (!changes.empty() && (number.isNull() || !command || *command != number.getInt64())) break;
      if (!number.isNull()) command = number.getInt64();
      changes.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getInt64(),
                         st.getColumn(4).isNull() ? 0 : st.getColumn(4).getInt64(),
                         st.getColumn(2).getString(),
                         st.getColumn(3).isNull() ? std::string() : st.getColumn(3).getString()});
    }
  }
  std::vector<undone> out;
  for (const auto& c : changes) {
    const entry e = get_entry(j, c.entry_id);
    std::int64_t set_aside_after = 0;
    undone result{c.action, e, e, std::nullopt, std::nullopt};
    if (c.action == "add") {
      tombstone(j, e.id, *e.kind, now);  // an undone entry keeps no words
      if (c.replaced != 0 &&
          !same_period(j, *e.kind, e.author.id, get_entry(j, c.replaced).day, c.replaced)) {
        set_deleted(j, c.replaced, false, now);
        // The entry it replaced, with the words kept for this in the history.
        if (!c.before.empty()) restore_snapshot(j, get_entry(j, c.replaced), c.before, now);
        result.restored = get_entry(j, c.replaced);
      }
      if (const auto stands = settle_period(j, *e.kind, e.author.id, e.day))
        result.stands = get_entry(j, *stands);
    } else if (c.action == "edit") {
      // Deleted since (on another device, taken in by sync): the edit went with it, and its
      // words stay out of the tombstone.
      if (e.deleted) {
        SQLite::Statement mark(j.db(), "UPDATE changes SET undone = 1 WHERE id = ?");
        mark.bind(1, c.id);
        mark.exec();
        out.push_back(std::move(result));
        continue;
      }
      restore_snapshot(j, e, c.before.empty() ? "{}" : c.before, now);
    } else {  // delete
      if (const auto other = same_period(j, *e.kind, e.author.id, e.day, e.id)) {
        // One set aside by sync that stood again when this was deleted goes aside again: the
        // one brought back is the later now. Anything else of that day is the person's to
        // choose.
        const entry there = get_entry(j, *other);
        if (there.is_private || !was_set_aside(j, there))
          throw data_error(fmt::format(
              "bringing back {} {} would make two in one {}; delete {} first", e.kind->label,
              e.short_id(), period_word(e.kind->once), there.short_id()));
        set_aside_after = there.id;
      }
      set_deleted(j, e.id, false, now);
      if (!c.before.empty()) restore_snapshot(j, e, c.before, now);
    }
    log_change(j, e.id, by.id, now);
    if (result.restored) log_change(j, result.restored->id, by.id, now);
    if (set_aside_after != 0) set_aside(j, set_aside_after, get_entry(j, e.id).hlc, now);
    SQLite::Statement mark(j.db(), "UPDATE changes SET undone = 1 WHERE id = ?");
    mark.bind(1, c.id);
    mark.exec();
    result.item = get_entry(j, e.id);
    out.push_back(std::move(result));
  }
  // Names are checked once the whole command is undone, against what it leaves; a clash
  // throws, and the caller's transaction takes every change above back.
  for (const auto& r : out) {
    const std::string name_before = r.before.text(r.before.kind->unique);
    check_name_free(j, r.item, r.before.deleted ? std::nullopt : std::optional(name_before));
    if (r.restored) check_name_free(j, *r.restored, std::nullopt);  // it had been replaced
  }
  return out;
}

std::optional<field_values> fields_before_delete(journal& j, const entry& tombstone) {
  if (tombstone.is_private) return std::nullopt;
  SQLite::Statement st(j.db(),
                       "SELECT before FROM changes WHERE entry_id = ? AND action = 'delete' AND "
                       "before IS NOT NULL ORDER BY id DESC LIMIT 1");
  st.bind(1, tombstone.id);
  if (!st.executeStep()) return std::nullopt;
  const auto doc = nlohmann::json::parse(st.getColumn(0).getString(), nullptr, false);
  if (!doc.is_object()) return std::nullopt;
  field_values out;
  for (const auto& f : tombstone.kind->fields) {
    const auto it = doc.find(std::string(f.name));
    if (it != doc.end() && it->is_number_integer())
      out[std::string(f.name)] = it->get<std::int64_t>();
    else if (it != doc.end() && it->is_string())
      out[std::string(f.name)] = it->get<std::string>();
    else
      out[std::string(f.name)] = std::monostate{};
  }
  return out;
}

}  // namespace rebuild
