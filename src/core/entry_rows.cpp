#include "entry_rows.hpp"

#include <fmt/format.h>

#include <map>
#include <random>
#include <stdexcept>

#include "rebuild/errors.hpp"

namespace rebuild::rows {
namespace {

std::string period_clause(once_per once) {
  return once == once_per::day ? "e.day = ?3" : "e.day BETWEEN ?3 AND ?4";
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
        "e.created_utc, e.updated_utc, e.deleted, e.private, e.hlc, e.base, "
        "(SELECT name FROM partners WHERE id = e.changed_by)";
    for (const auto& f : kind.fields)
      cols += f.type == field_type::partner
                  ? fmt::format(", (SELECT name FROM partners WHERE id = k.{})", f.name)
                  : fmt::format(", k.{}", f.name);
    it->second = fmt::format(
        "SELECT {} FROM entries e LEFT JOIN partners p ON p.id = e.author LEFT JOIN {} k ON "
        "k.entry_id = e.id",
        cols, kind.table);
  }
  return it->second;
}

entry read_entry(SQLite::Statement& st, const kind_spec& kind, const std::filesystem::path& path) {
  entry e;
  e.id = st.getColumn(0).getInt64();
  e.uuid = st.getColumn(1).getString();
  e.kind = &known_kind(st.getColumn(2).getString());
  if (e.kind != &kind)
    throw std::logic_error(
        fmt::format("a query for {} entries read a {}", kind.name, e.kind->name));
  if (st.getColumn(4).isNull())
    throw io_error(
        fmt::format("the journal at {} is damaged: entry {} names an author who is "
                    "not in it; put a backup in its place with 'rebuild restore FILE'",
                    path.string(), e.uuid.substr(0, 8)));
  e.author = {st.getColumn(3).getInt64(), st.getColumn(4).getString(), st.getColumn(5).getString()};
  e.day = day_from_iso(st.getColumn(6).getString());
  if (!st.getColumn(7).isNull()) e.time = parse_time_of_day(st.getColumn(7).getString());
  e.at_utc = st.getColumn(8).getString();
  e.created_utc = st.getColumn(9).getString();
  e.updated_utc = st.getColumn(10).getString();
  e.deleted = st.getColumn(11).getInt() != 0;
  e.is_private = st.getColumn(12).getInt() != 0;
  e.hlc = st.getColumn(13).getString();
  e.base = st.getColumn(14).getString();
  e.changed_by = st.getColumn(15).getString();
  int col = 16;
  for (const auto& f : kind.fields)
    e.fields[std::string(f.name)] = column_value(st.getColumn(col++));
  return e;
}

}  // namespace

std::string new_uuid() {
  std::random_device rd;
  std::uint64_t hi = (std::uint64_t{rd()} << 32) | rd();
  std::uint64_t lo = (std::uint64_t{rd()} << 32) | rd();
  hi = (hi & ~std::uint64_t{0xf000}) | 0x4000;                           // version 4
  lo = (lo & ~(std::uint64_t{0xc} << 60)) | (std::uint64_t{0x8} << 60);  // RFC 4122 variant
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xffff,
                     hi & 0xffff, lo >> 48, lo & 0xffffffffffffULL);
}

void bind_value(SQLite::Statement& st, int index, const value& v) {
  if (const auto* n = std::get_if<std::int64_t>(&v))
    st.bind(index, *n);
  else if (const auto* s = std::get_if<std::string>(&v))
    st.bind(index, *s);
  else
    st.bind(index);  // NULL
}

value column_value(const SQLite::Column& c) {
  if (c.isNull()) return std::monostate{};
  if (c.isInteger()) return static_cast<std::int64_t>(c.getInt64());
  return c.getString();
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

std::string next_updated_sql(std::string_view now_param) {
  return fmt::format("max({}, strftime('%Y-%m-%dT%H:%M:%SZ', updated_utc, '+1 second'))",
                     now_param);
}

void set_deleted(journal& j, std::int64_t id, bool deleted, const clock& now) {
  SQLite::Statement st(j.db(), "UPDATE entries SET deleted = ?1, updated_utc = " +
                                   next_updated_sql("?2") + " WHERE id = ?3");
  st.bind(1, deleted ? 1 : 0);
  st.bind(2, iso_utc(now.now_utc()));
  st.bind(3, id);
  st.exec();
}

void tombstone(journal& j, std::int64_t id, const kind_spec& kind, const clock& now) {
  set_deleted(j, id, true, now);
  SQLite::Statement words(j.db(), fmt::format("DELETE FROM {} WHERE entry_id = ?", kind.table));
  words.bind(1, id);
  words.exec();
  SQLite::Statement sealed(j.db(), "DELETE FROM sealed_words WHERE entry_id = ?");
  sealed.bind(1, id);
  sealed.exec();
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
  throw io_error(
      fmt::format("the journal holds an entry of a kind this rebuild does not know "
                  "('{}'); update rebuild",
                  name));
}

/// Entries of `kind` matching `where_and_order`, which must keep to that kind.
std::vector<entry> query_entries(journal& j, const kind_spec& kind,
                                 const std::string& where_and_order,
                                 const std::function<void(SQLite::Statement&)>& bind) {
  SQLite::Statement& st = j.statement(select_entries_sql(kind) + " " + where_and_order);
  bind(st);
  std::vector<entry> out;
  const auto revealed = j.revealed();
  while (st.executeStep()) {
    out.push_back(read_entry(st, kind, j.path()));
    entry& e = out.back();
    // A private entry's fields are read from its kind's table only where reveal_private put
    // them there, for its author.
    e.sealed = e.is_private && !e.deleted && revealed != e.author.id;
  }
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

void require_author(const entry& e, const partner& by, std::string_view verb) {
  if (e.author.id != by.id && !e.kind->shared)
    throw data_error(fmt::format("{} {} is {}'s; only {} can {} it (run it as {} with --as {})",
                                 e.kind->label, e.short_id(), e.author.name, e.author.name, verb,
                                 e.author.name, e.author.name));
}

std::string period_word(once_per once) { return once == once_per::day ? "day" : "week"; }

void bind_field(journal& j, SQLite::Statement& st, int index, const field_spec& f, const value& v) {
  if (f.type == field_type::partner && std::holds_alternative<std::string>(v))
    st.bind(index, find_partner(j, std::get<std::string>(v)).id);
  else
    bind_value(st, index, v);
}

std::optional<named> name_holder(journal& j, const kind_spec& kind, std::string_view name,
                                 std::int64_t self) {
  if (kind.unique.empty()) return std::nullopt;
  SQLite::Statement st(j.db(), fmt::format("SELECT e.id, e.uuid, k.{0} FROM entries e JOIN {1} k "
                                           "ON k.entry_id = e.id WHERE e.kind = ? AND "
                                           "e.deleted = 0 AND e.id != ? AND k.{0} = ? "
                                           "COLLATE NOCASE",
                                           kind.unique, kind.table));
  st.bind(1, std::string(kind.name));
  st.bind(2, self);
  st.bind(3, std::string(name));
  if (!st.executeStep()) return std::nullopt;
  return named{st.getColumn(0).getInt64(), st.getColumn(1).getString(),
               st.getColumn(2).getString()};
}

void check_against_journal(journal& j, const kind_spec& kind, const field_values& fields,
                           std::int64_t self) {
  for (const auto& [name, v] : fields) {
    const field_spec* f = kind.field(name);
    const auto* s = std::get_if<std::string>(&v);
    if (f == nullptr || s == nullptr) continue;
    if (f->type == field_type::partner) find_partner(j, *s);
    if (f->type == field_type::reference) {
      // A private entry is nobody else's to point at, and its author's is sealed.
      SQLite::Statement st(j.db(),
                           "SELECT deleted OR private FROM entries WHERE uuid = ? AND "
                           "kind = ?");
      st.bind(1, *s);
      st.bind(2, std::string(f->refers_to));
      if (!st.executeStep() || st.getColumn(0).getInt() != 0)
        throw data_error(fmt::format("the {} {} is not in the journal (or was deleted)", f->label,
                                     s->substr(0, 8)));
    }
    if (name == kind.unique)
      if (const auto holder = name_holder(j, kind, *s, self))
        throw data_error(fmt::format("there is already a {} called '{}'; pick another name",
                                     kind.label, holder->name));
  }
}

}  // namespace rebuild::rows
