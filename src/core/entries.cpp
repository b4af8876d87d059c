#include "rebuild/entries.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <tuple>

#include "rebuild/errors.hpp"
#include "rebuild/text.hpp"

namespace rebuild {
namespace {

std::string new_uuid() {
  std::random_device rd;
  std::uint64_t hi = (std::uint64_t{rd()} << 32) | rd();
  std::uint64_t lo = (std::uint64_t{rd()} << 32) | rd();
  hi = (hi & ~std::uint64_t{0xf000}) | 0x4000;                     // version 4
  lo = (lo & ~(std::uint64_t{0xc} << 60)) | (std::uint64_t{0x8} << 60);  // RFC 4122 variant
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xffff,
                     hi & 0xffff, lo >> 48, lo & 0xffffffffffffULL);
}

void bind_value(SQLite::Statement& st, int index, const value& v) {
  if (const auto* n = std::get_if<std::int64_t>(&v)) st.bind(index, *n);
  else if (const auto* s = std::get_if<std::string>(&v)) st.bind(index, *s);
  else st.bind(index);  // NULL
}

value column_value(const SQLite::Column& c) {
  if (c.isNull()) return std::monostate{};
  if (c.isInteger()) return static_cast<std::int64_t>(c.getInt64());
  return c.getString();
}

std::string period_clause(once_per once) {
  return once == once_per::day ? "e.day = ?3" : "e.day BETWEEN ?3 AND ?4";
}

/// The live entry of the same kind, author and period as `at`, other than `except`.
std::optional<std::int64_t> same_period(journal& j, const kind_spec& kind, std::int64_t author,
                                        days_t day, std::int64_t except) {
  if (kind.once == once_per::none) return std::nullopt;
  const week w = week_of(day);
  SQLite::Statement st(j.db(), fmt::format("SELECT e.id FROM entries e WHERE e.kind = ?1 AND "
                                           "e.author = ?2 AND {} AND e.deleted = 0 AND e.id != ?5 "
                                           "ORDER BY e.id DESC LIMIT 1",
                                           period_clause(kind.once)));
  st.bind(1, std::string(kind.name));
  st.bind(2, author);
  st.bind(3, iso_day(kind.once == once_per::day ? day : w.monday));
  st.bind(4, iso_day(w.sunday));
  st.bind(5, except);
  if (st.executeStep()) return st.getColumn(0).getInt64();
  return std::nullopt;
}

utc_seconds instant_of(const when& at, const clock& now) {
  const auto time = at.time.value_or(std::chrono::hours{12});
  return now.to_utc(date::local_seconds{at.day} + time);
}

void record_change(journal& j, std::int64_t entry_id, const partner& by, std::string_view action,
                   const std::optional<std::string>& before, std::optional<std::int64_t> replaced,
                   const clock& now) {
  SQLite::Statement st(j.db(),
                       "INSERT INTO changes (entry_id, partner_id, action, before, replaced, "
                       "at_utc, command) VALUES (?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, entry_id);
  st.bind(2, by.id);
  st.bind(3, std::string(action));
  if (before) st.bind(4, *before); else st.bind(4);
  if (replaced) st.bind(5, *replaced); else st.bind(5);
  st.bind(6, iso_utc(now.now_utc()));
  st.bind(7, j.command_number());
  st.exec();
}

void set_deleted(journal& j, std::int64_t id, bool deleted, const clock& now) {
  SQLite::Statement st(j.db(), "UPDATE entries SET deleted = ?, updated_utc = ? WHERE id = ?");
  st.bind(1, deleted ? 1 : 0);
  st.bind(2, iso_utc(now.now_utc()));
  st.bind(3, id);
  st.exec();
}

/// `VERB INTO table (entry_id, fields...) VALUES (?, ...)` for a kind's own row.
std::string body_insert_sql(const kind_spec& kind, std::string_view verb) {
  std::string columns = "entry_id";
  std::string marks = "?";
  for (const auto& f : kind.fields) {
    columns += fmt::format(", {}", f.name);
    marks += ", ?";
  }
  return fmt::format("{} INTO {} ({}) VALUES ({})", verb, kind.table, columns, marks);
}

/// A kind named in the journal. Throws io_error for a kind this build does not know.
const kind_spec& known_kind(std::string_view name) {
  for (const auto& k : kinds())
    if (k.name == name) return k;
  throw io_error(fmt::format("the journal holds an entry of a kind this rebuild does not know "
                             "('{}'); update rebuild",
                             name));
}

/// A SELECT over entries of one kind with its table joined. Columns: the entry's, then the
/// kind's fields in order. (A list of several kinds is read kind by kind: one statement
/// joining every kind's table is slow to plan and runs every join for every row.)
const std::string& select_entries_sql(const kind_spec& kind) {
  static std::map<const kind_spec*, std::string> cache;
  auto [it, fresh] = cache.try_emplace(&kind);
  if (fresh) {
    std::string cols =
        "e.id, e.uuid, e.kind, e.author, p.uuid, p.name, e.day, e.time, e.at_utc, "
        "e.created_utc, e.updated_utc, e.deleted";
    for (const auto& f : kind.fields)
      cols += f.type == field_type::partner
                  ? fmt::format(", (SELECT name FROM partners WHERE id = k.{})", f.name)
                  : fmt::format(", k.{}", f.name);
    it->second = fmt::format(
        "SELECT {} FROM entries e JOIN partners p ON p.id = e.author LEFT JOIN {} k ON "
        "k.entry_id = e.id",
        cols, kind.table);
  }
  return it->second;
}

entry read_entry(SQLite::Statement& st, const kind_spec& kind) {
  entry e;
  e.id = st.getColumn(0).getInt64();
  e.uuid = st.getColumn(1).getString();
  e.kind = &known_kind(st.getColumn(2).getString());
  if (e.kind != &kind)
    throw std::logic_error(fmt::format("a query for {} entries read a {}", kind.name, e.kind->name));
  e.author = {st.getColumn(3).getInt64(), st.getColumn(4).getString(), st.getColumn(5).getString()};
  e.day = day_from_iso(st.getColumn(6).getString());
  if (!st.getColumn(7).isNull()) e.time = parse_time_of_day(st.getColumn(7).getString());
  e.at_utc = st.getColumn(8).getString();
  e.created_utc = st.getColumn(9).getString();
  e.updated_utc = st.getColumn(10).getString();
  e.deleted = st.getColumn(11).getInt() != 0;
  int col = 12;
  for (const auto& f : kind.fields) e.fields[std::string(f.name)] = column_value(st.getColumn(col++));
  return e;
}

/// Entries of `kind` matching `where_and_order`, which must keep to that kind.
std::vector<entry> query_entries(journal& j, const kind_spec& kind,
                                 const std::string& where_and_order,
                                 const std::function<void(SQLite::Statement&)>& bind) {
  SQLite::Statement& st = j.statement(select_entries_sql(kind) + " " + where_and_order);
  bind(st);
  std::vector<entry> out;
  while (st.executeStep()) out.push_back(read_entry(st, kind));
  st.reset();
  return out;
}

const kind_spec* kind_of_row(journal& j, std::int64_t id) {
  SQLite::Statement& st = j.statement("SELECT kind FROM entries WHERE id = ?");
  st.bind(1, id);
  if (!st.executeStep()) return nullptr;
  const std::string name = st.getColumn(0).getString();
  st.reset();
  return &known_kind(name);
}

/// The entry as a JSON object of its day, time, instant and fields, for undoing an edit.
std::string snapshot(journal& j, const entry& e) {
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
                         "updated_utc = ?2 WHERE id = ?3");
  head.bind(1, json);
  head.bind(2, iso_utc(now.now_utc()));
  head.bind(3, e.id);
  head.exec();
  std::string sets;
  for (const auto& f : e.kind->fields)
    sets += fmt::format("{0}{1} = json_extract(?1, '$.{1}')", sets.empty() ? "" : ", ", f.name);
  SQLite::Statement body(j.db(), fmt::format("UPDATE {} SET {} WHERE entry_id = ?2",
                                             e.kind->table, sets));
  body.bind(1, json);
  body.bind(2, e.id);
  body.exec();
}

void require_author(const entry& e, const partner& by, std::string_view verb) {
  if (e.author.id != by.id && !e.kind->shared)
    throw data_error(fmt::format("{} {} is {}'s; only {} can {} it (run it as {} with --as {})",
                                 e.kind->label, e.short_id(), e.author.name, e.author.name, verb,
                                 e.author.name, e.author.name));
}

std::string period_word(once_per once) { return once == once_per::day ? "day" : "week"; }

/// Binds a field's value as its column holds it: a partner by their row, anything else as is.
void bind_field(journal& j, SQLite::Statement& st, int index, const field_spec& f, const value& v);

/// What validate_value cannot see alone: that a partner and a referenced entry exist, and
/// that a unique name is free.
void check_against_journal(journal& j, const kind_spec& kind, const field_values& fields,
                           std::int64_t self);

}  // namespace

// ---- partners ---------------------------------------------------------------------------

std::vector<partner> partners(journal& j) {
  SQLite::Statement& st = j.statement("SELECT id, uuid, name FROM partners ORDER BY id");
  std::vector<partner> out;
  while (st.executeStep())
    out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString(),
                   st.getColumn(2).getString()});
  return out;
}

std::string partner_names(const std::vector<partner>& list) {
  std::string out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i > 0) out += i + 1 == list.size() ? " and " : ", ";
    out += list[i].name;
  }
  return out;
}

void validate_partner_name(std::string_view name) {
  if (name.find_first_not_of(" \t") == std::string_view::npos)
    throw data_error("a partner's name cannot be empty");
  validate_text("partner's name", name);
  if (name.size() > 64)
    throw data_error(fmt::format("the name '{}' is long; use at most 64 characters", name));
  for (char c : name)
    if (static_cast<unsigned char>(c) < 0x20)
      throw data_error("a partner's name is one line of text; it cannot hold line breaks or tabs");
  if (name.front() == '-' || name.front() == ' ' || name.back() == ' ')
    throw data_error(fmt::format(
        "the name '{}' cannot start with '-' or begin or end with a space", name));
}

partner add_partner(journal& j, std::string_view name, const clock& now) {
  validate_partner_name(name);
  SQLite::Statement check(j.db(), "SELECT name FROM partners WHERE name = ?");
  check.bind(1, std::string(name));
  if (check.executeStep())
    throw data_error(fmt::format("there is already a partner named {}", check.getColumn(0).getString()));
  partner p{0, new_uuid(), std::string(name)};
  SQLite::Statement st(j.db(), "INSERT INTO partners (uuid, name, created_utc) VALUES (?, ?, ?)");
  st.bind(1, p.uuid);
  st.bind(2, p.name);
  st.bind(3, iso_utc(now.now_utc()));
  st.exec();
  p.id = j.db().getLastInsertRowid();
  return p;
}

partner find_partner(journal& j, std::string_view name) {
  const auto all = partners(j);
  for (const auto& p : all)
    if (ascii_lower(p.name) == ascii_lower(name)) return p;
  throw data_error(fmt::format("there is no partner named '{}' in this journal; the partners are {}",
                               name, partner_names(all)));
}

partner resolve_partner(journal& j, const std::string& as_flag) {
  if (!as_flag.empty()) return find_partner(j, as_flag);
  if (const char* env = std::getenv("REBUILD_PARTNER"); env != nullptr && *env != '\0')
    return find_partner(j, env);
  const auto all = partners(j);
  if (all.size() == 1) return all.front();
  throw data_error(fmt::format(
      "this journal has two partners, {}; say who is writing with --as NAME or REBUILD_PARTNER",
      partner_names(all)));
}

// ---- settings ---------------------------------------------------------------------------

std::optional<std::string> get_setting(journal& j, std::string_view key) {
  SQLite::Statement st(j.db(), "SELECT value FROM settings WHERE key = ?");
  st.bind(1, std::string(key));
  if (st.executeStep()) return st.getColumn(0).getString();
  return std::nullopt;
}

void set_setting(journal& j, std::string_view key, std::string_view value) {
  SQLite::Statement st(j.db(),
                       "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  st.bind(1, std::string(key));
  st.bind(2, std::string(value));
  st.exec();
}

// ---- entries ----------------------------------------------------------------------------

namespace {

void bind_field(journal& j, SQLite::Statement& st, int index, const field_spec& f, const value& v) {
  if (f.type == field_type::partner && std::holds_alternative<std::string>(v))
    st.bind(index, find_partner(j, std::get<std::string>(v)).id);
  else
    bind_value(st, index, v);
}

void check_against_journal(journal& j, const kind_spec& kind, const field_values& fields,
                           std::int64_t self) {
  for (const auto& [name, v] : fields) {
    const field_spec* f = kind.field(name);
    const auto* s = std::get_if<std::string>(&v);
    if (f == nullptr || s == nullptr) continue;
    if (f->type == field_type::partner) find_partner(j, *s);
    if (f->type == field_type::reference) {
      SQLite::Statement st(j.db(), "SELECT deleted FROM entries WHERE uuid = ? AND kind = ?");
      st.bind(1, *s);
      st.bind(2, std::string(f->refers_to));
      if (!st.executeStep() || st.getColumn(0).getInt() != 0)
        throw data_error(fmt::format("the {} {} is not in the journal (or was deleted)",
                                     f->label, s->substr(0, 8)));
    }
    if (name == kind.unique) {
      SQLite::Statement st(j.db(), fmt::format("SELECT k.{0} FROM entries e JOIN {1} k ON "
                                               "k.entry_id = e.id WHERE e.kind = ? AND "
                                               "e.deleted = 0 AND e.id != ? AND k.{0} = ? "
                                               "COLLATE NOCASE",
                                               kind.unique, kind.table));
      st.bind(1, std::string(kind.name));
      st.bind(2, self);
      st.bind(3, *s);
      if (st.executeStep())
        throw data_error(fmt::format("there is already a {} called '{}'; pick another name",
                                     kind.label, st.getColumn(0).getString()));
    }
  }
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
                const field_values& fields, const clock& now) {
  for (const auto& f : kind.fields) {
    const auto it = fields.find(f.name);
    validate_value(f, it == fields.end() ? value{} : it->second);
  }
  check_against_journal(j, kind, fields, 0);
  added result;
  const auto earlier = same_period(j, kind, author.id, at.day, 0);
  if (earlier) {
    result.replaced = get_entry(j, *earlier);
    set_deleted(j, *earlier, true, now);
  }
  const std::string stamp = iso_utc(now.now_utc());
  SQLite::Statement st(j.db(),
                       "INSERT INTO entries (uuid, kind, author, day, time, at_utc, created_utc, "
                       "updated_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, new_uuid());
  st.bind(2, std::string(kind.name));
  st.bind(3, author.id);
  st.bind(4, iso_day(at.day));
  if (at.time) st.bind(5, hh_mm(*at.time)); else st.bind(5);
  st.bind(6, iso_utc(instant_of(at, now)));
  st.bind(7, stamp);
  st.bind(8, stamp);
  st.exec();
  const std::int64_t id = j.db().getLastInsertRowid();

  SQLite::Statement body(j.db(), body_insert_sql(kind, "INSERT"));
  body.bind(1, id);
  int index = 2;
  for (const auto& f : kind.fields) {
    const auto it = fields.find(f.name);
    bind_field(j, body, index++, f, it == fields.end() ? value{} : it->second);
  }
  body.exec();
  record_change(j, id, author, "add", std::nullopt,
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

entry find_entry(journal& j, std::string_view id) {
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
                         "SELECT id FROM entries WHERE uuid >= ?1 AND uuid < ?1 || '~' "
                         "ORDER BY uuid LIMIT 6");
    st.bind(1, prefix);
    std::vector<std::int64_t> ids;
    while (st.executeStep()) ids.push_back(st.getColumn(0).getInt64());
    for (const auto id_found : ids) found.push_back(get_entry(j, id_found));
  }
  if (found.empty())
    throw data_error(fmt::format("no entry has the id '{}'; 'rebuild log' lists them", id));
  if (found.size() > 1) {
    std::string list;
    for (const auto& e : found)
      list += fmt::format("{}{} ({} {} {}{})", list.empty() ? "" : ", ", e.uuid.substr(0, 13),
                          e.kind->label, iso_day(e.day), e.author.name, e.deleted ? ", deleted" : "");
    throw data_error(fmt::format("the id '{}' matches more than one entry: {}; give more of it",
                                 id, list));
  }
  return found.front();
}

void each_entry(journal& j, const log_filter& filter, const std::function<void(entry&)>& visit) {
  // Which entries, and in what order, from the entries table and its indexes alone; then
  // the entries themselves, a batch at a time and kind by kind, each with its own table
  // joined.
  std::string where = filter.with_deleted ? "WHERE 1" : "WHERE e.deleted = 0";
  if (filter.since) where += " AND e.day >= :since";
  if (filter.until) where += " AND e.day <= :until";
  if (filter.kind) where += " AND e.kind = :kind";
  if (filter.author) where += " AND e.author = :author";
  where += filter.oldest_first ? " ORDER BY e.day, e.at_utc, e.id"
                               : " ORDER BY e.day DESC, e.at_utc DESC, e.id DESC";
  if (filter.limit) where += " LIMIT :limit";
  SQLite::Statement& st = j.statement("SELECT e.id, e.kind FROM entries e " + where);
  if (filter.since) st.bind(":since", iso_day(*filter.since));
  if (filter.until) st.bind(":until", iso_day(*filter.until));
  if (filter.kind) st.bind(":kind", std::string(filter.kind->name));
  if (filter.author) st.bind(":author", *filter.author);
  if (filter.limit) st.bind(":limit", *filter.limit);
  std::vector<std::pair<std::int64_t, const kind_spec*>> order;
  while (st.executeStep())
    order.emplace_back(st.getColumn(0).getInt64(), &known_kind(st.getColumn(1).getString()));
  st.reset();

  constexpr std::size_t batch = 500;
  for (std::size_t from = 0; from < order.size(); from += batch) {
    const std::size_t to = std::min(order.size(), from + batch);
    std::map<const kind_spec*, std::vector<std::int64_t>> ids_of_kind;
    for (std::size_t i = from; i < to; ++i) ids_of_kind[order[i].second].push_back(order[i].first);
    std::map<std::int64_t, entry> found;
    for (const auto& [kind, ids] : ids_of_kind) {
      const std::string list = fmt::format("[{}]", fmt::join(ids, ","));
      for (auto& e : query_entries(j, *kind, "WHERE e.id IN (SELECT value FROM json_each(?))",
                                   [&](SQLite::Statement& q) { q.bind(1, list); }))
        found.emplace(e.id, std::move(e));
    }
    for (std::size_t i = from; i < to; ++i) visit(found.at(order[i].first));
  }
}

std::vector<entry> list_entries(journal& j, const log_filter& filter) {
  std::vector<entry> out;
  each_entry(j, filter, [&out](entry& e) { out.push_back(std::move(e)); });
  return out;
}

entry edit_entry(journal& j, const entry& e, const partner& by, const std::optional<when>& at,
                 const field_values& changes, const clock& now) {
  if (e.deleted)
    throw data_error(fmt::format("{} {} was deleted; 'rebuild undo' can bring it back first",
                                 e.kind->label, e.short_id()));
  require_author(e, by, "edit");
  for (const auto& [name, v] : changes) {
    const field_spec* f = e.kind->field(name);
    if (f == nullptr)
      throw data_error(fmt::format("a {} has no {}", e.kind->label, name));
    validate_value(*f, v);
  }
  check_against_journal(j, *e.kind, changes, e.id);
  if (at) {
    if (const auto other = same_period(j, *e.kind, e.author.id, at->day, e.id))
      throw data_error(fmt::format(
          "there is already a {} of yours in the {} of {} ({}); delete it first",
          e.kind->label, period_word(e.kind->once), iso_day(at->day),
          get_entry(j, *other).short_id()));
  }
  record_change(j, e.id, by, "edit", snapshot(j, e), std::nullopt, now);

  SQLite::Statement head(j.db(), "UPDATE entries SET day = ?, time = ?, at_utc = ?, "
                                 "updated_utc = ? WHERE id = ?");
  const when target = at.value_or(when{e.day, e.time});
  head.bind(1, iso_day(target.day));
  if (target.time) head.bind(2, hh_mm(*target.time)); else head.bind(2);
  head.bind(3, at ? iso_utc(instant_of(target, now)) : e.at_utc);
  head.bind(4, iso_utc(now.now_utc()));
  head.bind(5, e.id);
  head.exec();
  for (const auto& [name, v] : changes) {
    // `name` is one of the kind's own field names (checked above), never user text.
    SQLite::Statement st(j.db(), fmt::format("UPDATE {} SET {} = ? WHERE entry_id = ?",
                                             e.kind->table, name));
    bind_field(j, st, 1, *e.kind->field(name), v);
    st.bind(2, e.id);
    st.exec();
  }
  return get_entry(j, e.id);
}

void delete_entry(journal& j, const entry& e, const partner& by, const clock& now) {
  if (e.deleted)
    throw data_error(fmt::format("{} {} is already deleted", e.kind->label, e.short_id()));
  require_author(e, by, "delete");
  set_deleted(j, e.id, true, now);
  record_change(j, e.id, by, "delete", std::nullopt, std::nullopt, now);
}

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
      if (!changes.empty() && (number.isNull() || !command || *command != number.getInt64()))
        break;
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
    undone result{c.action, e, std::nullopt};
    if (c.action == "add") {
      set_deleted(j, e.id, true, now);
      if (c.replaced != 0 &&
          !same_period(j, *e.kind, e.author.id, get_entry(j, c.replaced).day, c.replaced)) {
        set_deleted(j, c.replaced, false, now);
        result.restored = get_entry(j, c.replaced);
      }
    } else if (c.action == "edit") {
      restore_snapshot(j, e, c.before.empty() ? "{}" : c.before, now);
    } else {  // delete
      if (const auto other = same_period(j, *e.kind, e.author.id, e.day, e.id))
        throw data_error(fmt::format(
            "bringing back {} {} would make two in one {}; delete {} first", e.kind->label,
            e.short_id(), period_word(e.kind->once), get_entry(j, *other).short_id()));
      set_deleted(j, e.id, false, now);
    }
    SQLite::Statement mark(j.db(), "UPDATE changes SET undone = 1 WHERE id = ?");
    mark.bind(1, c.id);
    mark.exec();
    result.item = get_entry(j, e.id);
    out.push_back(std::move(result));
  }
  return out;
}

partner fold_partner(journal& j, const partner& other, const clock& now, fold_counts& counts) {
  const auto here = partners(j);
  for (const auto& p : here)
    if (p.uuid == other.uuid) return p;
  for (const auto& p : here)
    if (ascii_lower(p.name) == ascii_lower(other.name)) return p;
  if (here.size() >= 2)
    throw data_error(fmt::format("the other copy has a partner {} who is not in this journal "
                                 "({} are); a journal is for two",
                                 other.name, partner_names(here)));
  validate_partner_name(other.name);
  SQLite::Statement st(j.db(), "INSERT INTO partners (uuid, name, created_utc) VALUES (?, ?, ?)");
  st.bind(1, other.uuid);
  st.bind(2, other.name);
  st.bind(3, iso_utc(now.now_utc()));
  st.exec();
  ++counts.partners_added;
  return {j.db().getLastInsertRowid(), other.uuid, other.name};
}

void fold_entry(journal& j, const entry& e, const clock& now, fold_counts& counts) {
  const kind_spec& kind = *e.kind;
  const auto at_fault = [&](const std::string& why) {
    return data_error(fmt::format("{} {}: {}", kind.label, e.short_id(), why));
  };
  for (const auto& f : kind.fields) {
    try {
      validate_value(f, e.get(f.name));
    } catch (const data_error& bad) {
      throw at_fault(bad.what());
    }
  }
  std::int64_t id = 0;
  SQLite::Statement& known =
      j.statement("SELECT id, kind, updated_utc FROM entries WHERE uuid = ?");
  known.bind(1, e.uuid);
  if (known.executeStep()) {
    id = known.getColumn(0).getInt64();
    const std::string kind_here = known.getColumn(1).getString();
    const std::string updated_here = known.getColumn(2).getString();
    known.reset();
    if (kind_here != kind.name) throw at_fault(fmt::format("here the same id is a {}", kind_here));
    if (e.updated_utc <= updated_here) {
      ++counts.same;
      return;
    }
    ++counts.updated;
  } else {
    known.reset();
    ++counts.added;
  }
  // The other copy's version, whole: its row written anew (a known one's rows replaced).
  // (Kept statements: an import of ten years folds 76,000 entries in one command.)
  SQLite::Statement& head = j.statement(
      "INSERT INTO entries (id, uuid, kind, author, day, time, at_utc, created_utc, updated_utc, "
      "deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET author = "
      "excluded.author, day = excluded.day, time = excluded.time, at_utc = excluded.at_utc, "
      "created_utc = excluded.created_utc, updated_utc = excluded.updated_utc, deleted = "
      "excluded.deleted");
  if (id != 0) head.bind(1, id); else head.bind(1);
  head.bind(2, e.uuid);
  head.bind(3, std::string(kind.name));
  head.bind(4, e.author.id);
  head.bind(5, iso_day(e.day));
  if (e.time) head.bind(6, hh_mm(*e.time)); else head.bind(6);
  head.bind(7, e.at_utc);
  head.bind(8, e.created_utc);
  head.bind(9, e.updated_utc);
  head.bind(10, e.deleted ? 1 : 0);
  head.exec();
  head.reset();
  if (id == 0) id = j.db().getLastInsertRowid();
  SQLite::Statement& body = j.statement(body_insert_sql(kind, "INSERT OR REPLACE"));
  body.bind(1, id);
  int index = 2;
  for (const auto& f : kind.fields) bind_field(j, body, index++, f, e.get(f.name));
  body.exec();
  body.reset();
  if (e.deleted) return;
  // What a live entry must not clash with: a name already taken, a partner not here.
  field_values checked;
  for (const auto& f : kind.fields)
    if (f.name == kind.unique || f.type == field_type::partner)
      checked[std::string(f.name)] = e.get(f.name);
  try {
    check_against_journal(j, kind, checked, id);
  } catch (const data_error& bad) {
    throw at_fault(bad.what());
  }
  // Two of one day (or week): the one written later stays, as a second replaces the first.
  if (const auto other = same_period(j, kind, e.author.id, e.day, id)) {
    const entry mine = get_entry(j, *other);
    const bool incoming_later =
        std::tie(e.created_utc, e.uuid) > std::tie(mine.created_utc, mine.uuid);
    set_deleted(j, incoming_later ? mine.id : id, true, now);
    ++counts.replaced;
  }
}

std::vector<entry> entries_of_kind(journal& j, std::string_view kind) {
  return query_entries(j, kind_named(kind),
                       "WHERE e.kind = ? AND e.deleted = 0 ORDER BY e.day, e.at_utc, e.id",
                       [&](SQLite::Statement& st) { st.bind(1, std::string(kind)); });
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
  throw data_error(fmt::format("there is no {} called '{}'{}", kind.label, name,
                               names.empty() ? std::string()
                                             : fmt::format("; there are: {}", fmt::join(names, ", "))));
}

// ---- goals and the week ------------------------------------------------------------------

std::optional<entry> current_goal(journal& j, const partner& p) {
  auto found = query_entries(j, kind_named("goal"),
                             "WHERE e.kind = 'goal' AND e.author = ? AND e.deleted = 0 "
                             "ORDER BY e.day DESC, e.at_utc DESC, e.id DESC LIMIT 1",
                             [&](SQLite::Statement& st) { st.bind(1, p.id); });
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<entry> goal_history(journal& j, const partner& p) {
  auto found = query_entries(j, kind_named("goal"),
                             "WHERE e.kind = 'goal' AND e.author = ? AND e.deleted = 0 "
                             "ORDER BY e.day DESC, e.at_utc DESC, e.id DESC",
                             [&](SQLite::Statement& st) { st.bind(1, p.id); });
  if (!found.empty()) found.erase(found.begin());
  return found;
}

std::optional<entry> rating_in_week(journal& j, const partner& p, const week& w) {
  auto found = query_entries(j, kind_named("rating"),
                             "WHERE e.kind = 'rating' AND e.author = ? AND e.deleted = 0 AND "
                             "e.day BETWEEN ? AND ? ORDER BY e.id DESC LIMIT 1",
                             [&](SQLite::Statement& st) {
                               st.bind(1, p.id);
                               st.bind(2, iso_day(w.monday));
                               st.bind(3, iso_day(w.sunday));
                             });
  if (found.empty()) return std::nullopt;
  return found.front();
}

int checkin_days(journal& j, const partner& p, const week& w) {
  SQLite::Statement st(j.db(),
                       "SELECT count(DISTINCT day) FROM entries WHERE kind = 'checkin' AND "
                       "author = ? AND deleted = 0 AND day BETWEEN ? AND ?");
  st.bind(1, p.id);
  st.bind(2, iso_day(w.monday));
  st.bind(3, iso_day(w.sunday));
  st.executeStep();
  return st.getColumn(0).getInt();
}

}  // namespace rebuild
