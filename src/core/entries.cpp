// Entries: add, find, list, edit and delete, each inside the caller's write transaction, each
// change recorded in the undo history.
#include "rebuild/entries.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <vector>

#include "entry_rows.hpp"
#include "rebuild/change_log.hpp"
#include "rebuild/conflicts.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/private_words.hpp"
#include "rebuild/settings.hpp"
#include "rebuild/support.hpp"
#include "rebuild/sync_folder.hpp"
#include "rebuild/text.hpp"

namespace rebuild {

using namespace rows;

namespace {

bool is_touch_rule(const kind_spec& kind, const value& type) {
  const auto* s = std::get_if<std::string>(&type);
  return kind.name == "rule" && s != nullptr && *s == "touch";
}

/// Rules are the pair's, but the stage-3 rules are set by one partner: the one with lower
/// desire (the guide, step 5), named by `config touch.lead`.
void require_touch_lead(journal& j, const partner& by, std::string_view verb) {
  const auto lead = get_setting(j, "touch.lead");
  if (!lead || lead->empty())
    throw data_error(
        "nobody is named to set the stage-3 rules yet; the guide has the partner with lower "
        "desire set them: rebuild config touch.lead NAME");
  if (ascii_lower(*lead) != ascii_lower(by.name))
    throw data_error(
        fmt::format("the stage-3 rules are {0}'s to set (touch.lead), so only {0} "
                    "can {1} them",
                    *lead, verb));
}

/// A transparency agreement is a short-term bridge (000 Step 3): it ends after the day it is
/// agreed, and at most `transparency_most_days` after it.
void check_transparency(const kind_spec& kind, days_t day, const value& until) {
  if (kind.name != "transparency") return;
  const auto* s = std::get_if<std::string>(&until);
  if (s == nullptr) return;
  const auto days = (day_from_iso(*s) - day).count();
  if (days < 1)
    throw data_error(fmt::format("the end date ({}) must come after the day it is agreed ({})", *s,
                                 iso_day(day)));
  if (days > transparency_most_days)
    throw data_error(fmt::format(
        "the end date is {} days after the day it is agreed; transparency is a short-term "
        "bridge, at most {} days (the guide: \"infantilizing if used permanently\"); when it "
        "ends you can agree it again",
        days, transparency_most_days));
}

/// What one field asks of another, for an entry's fields as they will stand: a monthly
/// ritual's day only with a monthly cadence; an agenda item kept for its day or a later one.
void check_together(const kind_spec& kind, days_t day, const field_values& fields) {
  const auto text = [&](std::string_view name) {
    const auto it = fields.find(name);
    const auto* s = it == fields.end() ? nullptr : std::get_if<std::string>(&it->second);
    return s == nullptr ? std::string() : *s;
  };
  if (kind.name == "ritual" && !text("on_day").empty() && text("every") != "monthly")
    throw data_error(fmt::format(
        "a day of the month ({}) is for a monthly ritual, and this one is {}; give --every "
        "monthly, or clear it with --on none",
        text("on_day"), text("every")));
  if (kind.name == "agenda" && !text("for_day").empty() && day_from_iso(text("for_day")) < day)
    throw data_error(
        fmt::format("an agenda item is kept for the day it is added ({}) or a later "
                    "one, not {}",
                    iso_day(day), text("for_day")));
}

/// A lasting entry's fields that an edit changes (a job's, a ritual's, a rule's, a
/// transparency agreement's) are kept as they were, in a dated entry of their history kind
/// written with the edit (one command: undo takes both back), so that a past week reads them
/// as they stood (as_of_end, practices.cpp). Only a local edit writes one; a version from
/// another device brings its own with it.
void keep_history(journal& j, const entry& e, const partner& by, const field_values& changes,
                  const clock& now) {
  const kind_spec* history = history_kind(*e.kind);
  if (history == nullptr) return;
  const std::string_view refers = history->fields.front().name;
  field_values was{{std::string(refers), e.uuid}};
  std::string changed;
  for (const auto& [name, v] : changes) {
    if (history->field(name) == nullptr || name == refers || name == "changed" || v == e.get(name))
      continue;
    changed += (changed.empty() ? "" : ",") + name;
    if (!std::holds_alternative<std::monostate>(e.get(name))) was[name] = e.get(name);
  }
  if (changed.empty()) return;
  was["changed"] = changed;
  add_entry(j, *history, by, {now.today(), now.time_of_day()}, was, now);
}

}  // namespace

const value& entry::get(std::string_view field) const {
  static const value none;
  const auto it = fields.find(field);
  return it == fields.end() ? none : it->second;
}

std::string entry::text(std::string_view field) const {
  if (const auto* s = std::get_if<std::string>(&get(field))) return *s;
  return {};
}

std::optional<std::int64_t> entry::number(std::string_view field) const {
  if (const auto* n = std::get_if<std::int64_t>(&get(field))) return *n;
  return std::nullopt;
}

added add_entry(journal& j, const kind_spec& kind, const partner& author, const when& at,
                const field_values& fields, const clock& now, const crypto::key* seal) {
  if (seal != nullptr) require_may_be_private(kind);
  for (const auto& f : kind.fields) {
    const auto it = fields.find(f.name);
    validate_value(f, it == fields.end() ? value{} : it->second);
  }
  check_against_journal(j, kind, fields, 0);
  if (const auto until = fields.find("until"); until != fields.end())
    check_transparency(kind, at.day, until->second);
  check_together(kind, at.day, fields);
  if (const auto type = fields.find("type");
      type != fields.end() && is_touch_rule(kind, type->second))
    require_touch_lead(j, author, "add");
  if (kind.name == "rule-end") {  // a stage-3 rule removed: its lead's, as a delete would be
    SQLite::Statement rule(j.db(),
                           "SELECT r.type FROM entries e JOIN rules r ON r.entry_id = e.id "
                           "WHERE e.uuid = ?");
    rule.bind(1, std::get<std::string>(fields.at("rule")));
    if (rule.executeStep() && rule.getColumn(0).getString() == "touch")
      require_touch_lead(j, author, "remove");
  }
  added result;
  const auto earlier = same_period(j, kind, author.id, at.day, 0);
  std::optional<std::string> replaced_words;  // kept in the undo history only
  if (earlier) {
    result.replaced = get_entry(j, *earlier);
    replaced_words = snapshot(j, *result.replaced);
    tombstone(j, *earlier, kind, now);
    log_change(j, *earlier, author.id, now);
  }
  const std::string stamp = iso_utc(now.now_utc());
  SQLite::Statement st(j.db(),
                       "INSERT INTO entries (uuid, kind, author, day, time, at_utc, created_utc, "
                       "updated_utc, private) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const std::string uuid = new_uuid();
  st.bind(1, uuid);
  st.bind(2, std::string(kind.name));
  st.bind(3, author.id);
  st.bind(4, iso_day(at.day));
  if (at.time)
    st.bind(5, hh_mm(*at.time));
  else
    st.bind(5);
  st.bind(6, iso_utc(instant_of(at, now)));
  st.bind(7, stamp);
  st.bind(8, stamp);
  st.bind(9, seal != nullptr ? 1 : 0);
  st.exec();
  const std::int64_t id = j.db().getLastInsertRowid();
  log_change(j, id, author.id, now);

  if (seal != nullptr) {
    // Its fields only in its box; no row in the kind's table.
    // Bound to its id, kind, author, day and time; and the author's older boxes with it.
    store_box(j, id, seal_fields(*seal, binding_of(get_entry(j, id)), fields));
    bind_boxes(j, author, *seal);
    record_change(j, id, author, "add", replaced_words,
                  result.replaced ? std::optional(result.replaced->id) : std::nullopt, now);
    result.item = get_entry(j, id);
    result.item.fields = fields;  // its author has just written them
    result.item.sealed = false;
    return result;
  }
  SQLite::Statement body(j.db(), body_insert_sql(kind, "INSERT"));
  body.bind(1, id);
  int index = 2;
  for (const auto& f : kind.fields) {
    const auto it = fields.find(f.name);
    bind_field(j, body, index++, f, it == fields.end() ? value{} : it->second);
  }
  body.exec();
  record_change(j, id, author, "add", replaced_words,
                result.replaced ? std::optional(result.replaced->id) : std::nullopt, now);
  result.item = get_entry(j, id);
  return result;
}

entry get_entry(journal& j, std::int64_t id) {
  const kind_spec* kind = kind_of_row(j, id);
  if (kind == nullptr) throw data_error(fmt::format("there is no entry number {}", id));
  auto found =
      query_entries(j, *kind, "WHERE e.id = ?", [id](SQLite::Statement& st) { st.bind(1, id); });
  if (found.empty()) throw data_error(fmt::format("there is no entry number {}", id));
  return found.front();
}

entry find_entry(journal& j, std::string_view id, std::optional<std::int64_t> private_of) {
  const std::string prefix = ascii_lower(id);
  const bool well_formed =
      !prefix.empty() && prefix.find_first_not_of("0123456789abcdef-") == std::string::npos;
  if (!well_formed)
    throw data_error(fmt::format(
        "'{}' is not an entry id; ids are shown by 'rebuild log', such as 3f2a91c0", id));
  if (prefix.size() < 4)
    throw data_error(fmt::format(
        "the id '{}' is too short; give at least 4 characters of it, as 'rebuild log' shows", id));
  std::vector<entry> found;
  {
    SQLite::Statement st(j.db(),
                         "SELECT e.id FROM entries e WHERE e.uuid >= ?1 AND e.uuid < "
                         "?1 || '~' AND (" +
                             j.visible("e") +
                             " OR e.author = ?2) "
                             "ORDER BY e.uuid LIMIT 6");
    st.bind(1, prefix);
    if (private_of)
      st.bind(2, *private_of);
    else
      st.bind(2);
    std::vector<std::int64_t> ids;
    while (st.executeStep()) ids.push_back(st.getColumn(0).getInt64());
    for (const auto id_found : ids) found.push_back(get_entry(j, id_found));
  }
  if (found.empty())
    throw data_error(fmt::format("no entry has the id '{}'; 'rebuild log' lists them{}", id,
                                 syncs(j) ? sync_first_hint : ""));
  if (found.size() > 1) {
    std::string list;
    for (const auto& e : found)
      list +=
          fmt::format("{}{} ({} {} {}{})", list.empty() ? "" : ", ", e.uuid.substr(0, 13),
                      e.kind->label, iso_day(e.day), e.author.name, e.deleted ? ", deleted" : "");
    throw data_error(
        fmt::format("the id '{}' matches more than one entry: {}; give more of it", id, list));
  }
  return found.front();
}

void each_entry(journal& j, const log_filter& filter, const std::function<void(entry&)>& visit) {
  // A page at a time: which entries, and in what order, from the entries table and its
  // indexes alone, the next page starting after the last key (day, at_utc, id) of the one
  // before; then the page's entries themselves, kind by kind, each with its own table
  // joined. Ten years of a journal are never held at once, not even as a list of ids; and
  // a page is read whole before any of it is visited, so `visit` may read the journal too.
  std::string where = "WHERE " + j.visible("e");
  if (!filter.with_deleted) where += " AND e.deleted = 0";
  if (filter.since) where += " AND e.day >= :since";
  if (filter.until) where += " AND e.day <= :until";
  if (filter.kind) where += " AND e.kind = :kind";
  if (filter.timeline && !filter.kind) {
    std::string history;
    for (const auto& k : kinds())
      if (!k.history_of.empty())
        history += fmt::format("{}'{}'", history.empty() ? "" : ", ", k.name);
    where += " AND e.kind NOT IN (" + history + ")";
  }
  if (filter.author) where += " AND e.author = :author";
  if (filter.grep) {
    // In SQL, kind by kind: an entry whose kind's table has a word field that holds the text.
    // LIKE ignores the case of ASCII letters, as --grep promises; a reference (another entry's
    // id) is no word. A private entry's fields are in its kind's table only where they are
    // revealed to their author (a TEMP copy of the table, which the name finds first).
    std::string any;
    for (const auto& k : kinds()) {
      std::string columns;
      if (filter.kind != nullptr && filter.kind != &k) continue;
      for (const auto& f : k.fields)
        if (f.type == field_type::text || f.type == field_type::choice)
          columns +=
              fmt::format("{}k.{} LIKE :grep ESCAPE '\\'", columns.empty() ? "" : " OR ", f.name);
      if (columns.empty()) continue;
      any += fmt::format(
          "{}(e.kind = '{}' AND EXISTS (SELECT 1 FROM {} k WHERE k.entry_id = e.id "
          "AND ({})))",
          any.empty() ? "" : " OR ", k.name, k.table, columns);
    }
    where += any.empty() ? " AND 0" : " AND (" + any + ")";
  }
  const std::string after =
      filter.oldest_first ? " AND e.day >= :day AND (e.day, e.at_utc, e.id) > (:day, :at, :id)"
                          : " AND e.day <= :day AND (e.day, e.at_utc, e.id) < (:day, :at, :id)";
  const std::string order = filter.oldest_first
                                ? " ORDER BY e.day, e.at_utc, e.id LIMIT :page"
                                : " ORDER BY e.day DESC, e.at_utc DESC, e.id DESC LIMIT :page";
  const std::string select = "SELECT e.id, e.kind, e.day, e.at_utc FROM entries e ";
  const std::string first_sql = select + where + order;
  const std::string next_sql = select + where + after + order;

  constexpr int page_size = 256;
  int left = filter.limit.value_or(std::numeric_limits<int>::max());
  // The text looked for, as a LIKE pattern: its own %, _ and \ taken as they are.
  std::string pattern;
  if (filter.grep) {
    pattern = "%";
    for (char c : *filter.grep) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    pattern += '%';
  }
  struct key {
    std::string day, at;
    std::int64_t id = 0;
  };
  std::optional<key> last;
  std::vector<std::pair<std::int64_t, const kind_spec*>> page;
  while (left > 0) {
    SQLite::Statement& st = j.statement(last ? next_sql : first_sql);
    if (filter.since) st.bind(":since", iso_day(*filter.since));
    if (filter.until) st.bind(":until", iso_day(*filter.until));
    if (filter.kind) st.bind(":kind", std::string(filter.kind->name));
    if (filter.author) st.bind(":author", *filter.author);
    if (filter.grep) st.bind(":grep", pattern);
    if (last) {
      st.bind(":day", last->day);
      st.bind(":at", last->at);
      st.bind(":id", last->id);
    }
    const int wanted = std::min(left, page_size);
    st.bind(":page", wanted);
    page.clear();
    while (st.executeStep()) {
      page.emplace_back(st.getColumn(0).getInt64(), &known_kind(st.getColumn(1).getString()));
      last = key{st.getColumn(2).getString(), st.getColumn(3).getString(), page.back().first};
    }
    st.reset();

    std::map<const kind_spec*, std::vector<std::int64_t>> ids_of_kind;
    for (const auto& [id, kind] : page) ids_of_kind[kind].push_back(id);
    std::map<std::int64_t, entry> found;
    for (const auto& [kind, ids] : ids_of_kind) {
      const std::string list = fmt::format("[{}]", fmt::join(ids, ","));
      for (auto& e : query_entries(j, *kind, "WHERE e.id IN (SELECT value FROM json_each(?))",
                                   [&](SQLite::Statement& q) { q.bind(1, list); }))
        found.emplace(e.id, std::move(e));
    }
    for (const auto& [id, kind] : page) visit(found.at(id));
    if (static_cast<int>(page.size()) < wanted) break;
    left -= wanted;
  }
}

std::vector<entry> list_entries(journal& j, const log_filter& filter) {
  std::vector<entry> out;
  each_entry(j, filter, [&out](entry& e) { out.push_back(std::move(e)); });
  return out;
}

entry edit_entry(journal& j, const entry& e, const partner& by, const std::optional<when>& at,
                 const field_values& changes, const clock& now, const crypto::key* key) {
  if (e.deleted)
    throw data_error(fmt::format("{} {} was deleted; 'rebuild undo' can bring it back first",
                                 e.kind->label, e.short_id()));
  require_author(e, by, "edit");
  if (e.is_private && (!changes.empty() || at) && key == nullptr)
    throw data_error(
        fmt::format("{} {} is private; its words, day and time change only with your "
                    "passphrase (they are sealed together): add --private",
                    e.kind->label, e.short_id()));
  const auto new_type = changes.find("type");
  if (is_touch_rule(*e.kind, e.get("type")) ||
      (new_type != changes.end() && is_touch_rule(*e.kind, new_type->second)))
    require_touch_lead(j, by, "change");
  for (const auto& [name, v] : changes) {
    const field_spec* f = e.kind->field(name);
    if (f == nullptr) throw data_error(fmt::format("a {} has no {}", e.kind->label, name));
    validate_value(*f, v);
  }
  check_against_journal(j, *e.kind, changes, e.id);
  {
    const auto until = changes.find("until");
    check_transparency(*e.kind, at ? at->day : e.day,
                       until != changes.end() ? until->second : e.get("until"));
    field_values after = e.fields;
    for (const auto& [name, v] : changes) after[name] = v;
    check_together(*e.kind, at ? at->day : e.day, after);
  }
  if (at) {
    if (const auto other = same_period(j, *e.kind, e.author.id, at->day, e.id))
      throw data_error(fmt::format(
          "there is already a {} of yours in the {} of {} ({}); delete it first", e.kind->label,
          period_word(e.kind->once), iso_day(at->day), get_entry(j, *other).short_id()));
  }
  record_change(j, e.id, by, "edit", snapshot(j, e), std::nullopt, now);

  SQLite::Statement head(j.db(),
                         "UPDATE entries SET day = ?1, time = ?2, at_utc = ?3, "
                         "updated_utc = " +
                             next_updated_sql("?4") + " WHERE id = ?5");
  const when target = at.value_or(when{e.day, e.time});
  head.bind(1, iso_day(target.day));
  if (target.time)
    head.bind(2, hh_mm(*target.time));
  else
    head.bind(2);
  head.bind(3, at ? iso_utc(instant_of(target, now)) : e.at_utc);
  head.bind(4, iso_utc(now.now_utc()));
  head.bind(5, e.id);
  head.exec();
  log_change(j, e.id, by.id, now);
  if (e.is_private) {
    // Opened as it was, changed and sealed again as a whole, bound to its day and time now;
    // nothing of it is written open.
    field_values fields = open_stored(j, e, *key);
    for (const auto& [name, v] : changes) fields[name] = v;
    entry edited = get_entry(j, e.id);
    store_box(j, e.id, seal_fields(*key, binding_of(edited), fields));
    bind_boxes(j, by, *key);
    edited.fields = std::move(fields);
    edited.sealed = false;
    return edited;
  }
  for (const auto& [name, v] : changes) {
    // `name` is one of the kind's own field names (checked above), never user text.
    SQLite::Statement st(
        j.db(), fmt::format("UPDATE {} SET {} = ? WHERE entry_id = ?", e.kind->table, name));
    bind_field(j, st, 1, *e.kind->field(name), v);
    st.bind(2, e.id);
    st.exec();
  }
  keep_history(j, e, by, changes, now);
  return get_entry(j, e.id);
}

void delete_entry(journal& j, const entry& e, const partner& by, const clock& now) {
  if (e.deleted)
    throw data_error(fmt::format("{} {} is already deleted", e.kind->label, e.short_id()));
  require_author(e, by, "delete");
  if (is_touch_rule(*e.kind, e.get("type"))) require_touch_lead(j, by, "remove");
  // The words go with the entry; only this journal's undo history keeps them, for undo.
  record_change(j, e.id, by, "delete", snapshot(j, e), std::nullopt, now);
  tombstone(j, e.id, *e.kind, now);
  log_change(j, e.id, by.id, now);
  // One of its day set aside by sync stands again, as on every replica the deletion reaches.
  settle_period(j, *e.kind, e.author.id, e.day);
}

std::vector<entry> entries_of_kind(journal& j, std::string_view kind) {
  return query_entries(j, kind_named(kind),
                       "WHERE e.kind = ? AND e.deleted = 0 AND " + j.visible("e") +
                           " ORDER BY e.day, e.at_utc, e.id",
                       [&](SQLite::Statement& st) { st.bind(1, std::string(kind)); });
}

bool any_of_kind(journal& j, std::string_view kind) {
  log_filter one;
  one.kind = &kind_named(kind);
  one.limit = 1;
  bool any = false;
  each_entry(j, one, [&any](entry&) { any = true; });
  return any;
}

entry find_named(journal& j, std::string_view kind_name, std::string_view name) {
  const kind_spec& kind = kind_named(kind_name);
  const auto all = entries_of_kind(j, kind_name);
  for (const auto& e : all)
    if (const auto* s = std::get_if<std::string>(&e.get(kind.unique)))
      if (ascii_lower(*s) == ascii_lower(name)) return e;
  const std::string id = ascii_lower(name);
  std::vector<const entry*> by_id;
  if (id.size() >= 4)
    for (const auto& e : all)
      if (e.uuid.rfind(id, 0) == 0) by_id.push_back(&e);
  if (by_id.size() == 1) return *by_id.front();
  std::vector<std::string> names;
  for (const auto& e : all) names.push_back(std::get<std::string>(e.get(kind.unique)));
  throw data_error(fmt::format(
      "there is no {} called '{}'{}", kind.label, name,
      names.empty() ? std::string() : fmt::format("; there are: {}", fmt::join(names, ", "))));
}

}  // namespace rebuild
