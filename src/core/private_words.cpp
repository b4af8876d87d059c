// Private entries: which kinds may be private, their fields sealed and opened, and a
// connection that shows one partner's private entries as their own (reveal_private).
#include "rebuild/private_words.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>
#include <vector>

#include "blob.hpp"
#include "entry_rows.hpp"
#include "rebuild/errors.hpp"

namespace rebuild {
namespace {

// Boxes are padded to a multiple of this, so that their length tells little.
constexpr std::size_t pad_block = 64;

constexpr std::array<std::string_view, 10> private_kinds = {
    "checkin",     "gesture",         "bid",        "repair",     "rating", "thought",
    "celebration", "therapy-session", "initiation", "trigger-hit"};

// What a box from before schema 13 was bound to: its entry's id and kind alone. Such a box
// opens (its day could have been moved) until its author's next private write seals it again
// with all of box_binding (bind_boxes).
std::string associated_unbound(std::string_view uuid, const kind_spec& kind) {
  return fmt::format("rebuild entry|{}|{}", uuid, kind.name);
}

std::string associated(const box_binding& b) {
  return fmt::format("rebuild entry 2|{}|{}|{}|{}|{}", b.uuid, b.kind->name, b.author, b.day,
                     b.time);
}

std::string associated(const box_binding& b, bool bound) {
  return bound ? associated(b) : associated_unbound(b.uuid, *b.kind);
}

box_binding binding_of_row(const std::string& uuid, const kind_spec& kind,
                           const std::string& author, const std::string& day,
                           const std::string& time) {
  return {uuid, &kind, author, day, time};
}

// Columns: e.id, e.uuid, e.kind, p.uuid, e.day, coalesce(e.time, ''), s.box, s.bound.
constexpr std::string_view boxes_sql =
    "SELECT e.id, e.uuid, e.kind, p.uuid, e.day, coalesce(e.time, ''), s.box, s.bound FROM "
    "entries e JOIN sealed_words s ON s.entry_id = e.id JOIN partners p ON p.id = e.author "
    "WHERE e.private = 1 AND e.author = ?";

struct row_box {
  std::int64_t id = 0;
  box_binding binding;
  std::string box;
  bool bound = true;
};

row_box read_row_box(SQLite::Statement& st) {
  return {st.getColumn(0).getInt64(),
          binding_of_row(st.getColumn(1).getString(), rows::known_kind(st.getColumn(2).getString()),
                         st.getColumn(3).getString(), st.getColumn(4).getString(),
                         st.getColumn(5).getString()),
          blob(st.getColumn(6)), st.getColumn(7).getInt() != 0};
}

io_error unopened(const entry& e) {
  return io_error(fmt::format(
      "the private words of {0} {1} do not open: they were changed or moved from another "
      "entry, or the entry was moved to another day, time or author, outside rebuild; "
      "'rebuild delete {1} --private' removes them, or put a backup in place with 'rebuild "
      "restore FILE'",
      e.kind->label, e.short_id()));
}

}  // namespace

bool may_be_private(const kind_spec& kind) {
  return std::find(private_kinds.begin(), private_kinds.end(), kind.name) != private_kinds.end();
}

void require_may_be_private(const kind_spec& kind) {
  if (may_be_private(kind)) return;
  throw data_error(fmt::format(
      "a {} cannot be private: {}; --private is for your own entries (check-ins, gestures, "
      "bids, repairs, ratings, thoughts, trigger firings, initiations, celebrations, therapy "
      "notes)",
      kind.label,
      kind.shared ? "it is the pair's, kept by both of you"
                  : "your partner reads it, answers it or counts on it"));
}

box_binding binding_of(const entry& e) {
  return {e.uuid, e.kind, e.author.uuid, iso_day(e.day), e.time ? hh_mm(*e.time) : std::string()};
}

std::string seal_fields(const crypto::key& k, const box_binding& binding,
                        const field_values& fields) {
  nlohmann::json doc = nlohmann::json::object();
  for (const auto& f : binding.kind->fields) {
    const auto it = fields.find(f.name);
    const value v = it == fields.end() ? value{} : it->second;
    if (const auto* n = std::get_if<std::int64_t>(&v))
      doc[std::string(f.name)] = *n;
    else if (const auto* s = std::get_if<std::string>(&v))
      doc[std::string(f.name)] = *s;
  }
  std::string plain = doc.dump();
  std::string box = crypto::seal_padded(k, plain, associated(binding), pad_block);
  crypto::wipe(plain);
  return box;
}

namespace {

// `e` names the entry in what is said when the box does not open.
field_values open_bound(const crypto::key& k, const box_binding& binding, std::string_view box,
                        bool bound, const entry& e) {
  auto plain = crypto::open_padded(k, box, associated(binding, bound), pad_block);
  if (!plain) throw unopened(e);
  field_values out;
  const auto doc = nlohmann::json::parse(*plain, nullptr, false);
  crypto::wipe(*plain);
  if (!doc.is_object()) throw unopened(e);
  for (const auto& f : e.kind->fields) {
    const auto it = doc.find(std::string(f.name));
    if (it == doc.end() || it->is_null())
      out[std::string(f.name)] = std::monostate{};
    else if (it->is_number_integer())
      out[std::string(f.name)] = it->get<std::int64_t>();
    else if (it->is_string())
      out[std::string(f.name)] = it->get<std::string>();
    else
      throw unopened(e);
  }
  return out;
}

}  // namespace

field_values open_fields(const crypto::key& k, const entry& e, std::string_view box, bool bound) {
  return open_bound(k, binding_of(e), box, bound, e);
}

std::optional<std::string> sealed_box(journal& j, std::int64_t id) {
  SQLite::Statement st(j.db(), "SELECT box FROM sealed_words WHERE entry_id = ?");
  st.bind(1, id);
  if (!st.executeStep()) return std::nullopt;
  return blob(st.getColumn(0));
}

void store_box(journal& j, std::int64_t id, std::string_view box, bool bound) {
  SQLite::Statement st(
      j.db(), "INSERT OR REPLACE INTO sealed_words (entry_id, box, bound) VALUES (?, ?, ?)");
  st.bind(1, id);
  st.bind(2, box.data(), static_cast<int>(box.size()));
  st.bind(3, bound ? 1 : 0);
  st.exec();
}

namespace {

bool is_bound(journal& j, std::int64_t id) {
  SQLite::Statement st(j.db(), "SELECT bound FROM sealed_words WHERE entry_id = ?");
  st.bind(1, id);
  return !st.executeStep() || st.getColumn(0).getInt() != 0;
}

}  // namespace

field_values open_stored(journal& j, const entry& e, const crypto::key& k) {
  const auto box = sealed_box(j, e.id);
  if (!box) throw unopened(e);
  return open_fields(k, e, *box, is_bound(j, e.id));
}

void open_entry(journal& j, entry& e, const crypto::key& k) {
  e.fields = open_stored(j, e, k);
  e.sealed = false;
}

int bind_boxes(journal& j, const partner& author, const crypto::key& k) {
  std::vector<row_box> old;
  {
    SQLite::Statement st(j.db(), std::string(boxes_sql) + " AND s.bound = 0");
    st.bind(1, author.id);
    while (st.executeStep()) old.push_back(read_row_box(st));
  }
  int sealed = 0;
  for (const auto& r : old) {
    auto plain = crypto::open_padded(k, r.box, associated(r.binding, false), pad_block);
    if (!plain) continue;  // damaged, or moved: left as it is, and named when it is read
    const std::string again = crypto::seal_padded(k, *plain, associated(r.binding), pad_block);
    crypto::wipe(*plain);
    store_box(j, r.id, again);
    ++sealed;
  }
  return sealed;
}

int reseal_private(journal& j, const partner& author, const crypto::key& from,
                   const crypto::key& to, std::vector<std::string>& unopened_ids) {
  std::vector<row_box> boxes;
  {
    SQLite::Statement st(j.db(), std::string(boxes_sql));
    st.bind(1, author.id);
    while (st.executeStep()) boxes.push_back(read_row_box(st));
  }
  int sealed = 0;
  for (const auto& r : boxes) {
    auto plain = crypto::open_padded(from, r.box, associated(r.binding, r.bound), pad_block);
    if (!plain) {
      // Damaged, or moved from another entry: it opens under no key; left as it is.
      unopened_ids.push_back(r.binding.uuid);
      continue;
    }
    // Sealed again bound to all it belongs to, whatever it was bound to before.
    const std::string again = crypto::seal_padded(to, *plain, associated(r.binding), pad_block);
    crypto::wipe(*plain);
    store_box(j, r.id, again);
    ++sealed;
  }
  return sealed;
}

std::vector<std::string> reveal_private(journal& j, const partner& author, const crypto::key& k) {
  std::vector<std::string> unread;
  // Kept in memory: the opened words never reach a file, not even SQLite's temporary ones.
  j.db().exec("PRAGMA temp_store = MEMORY");
  // The copies' REFERENCES name `entries`, which is not in the TEMP schema.
  j.db().exec("PRAGMA foreign_keys = OFF");
  std::map<const kind_spec*, std::vector<entry>> opened;
  {
    SQLite::Statement st(j.db(), std::string(boxes_sql) + " AND e.deleted = 0");
    st.bind(1, author.id);
    while (st.executeStep()) {
      const row_box r = read_row_box(st);
      entry e;
      e.id = r.id;
      e.uuid = r.binding.uuid;
      e.kind = r.binding.kind;
      try {
        e.fields = open_bound(k, r.binding, r.box, r.bound, e);
      } catch (const io_error& bad) {
        // One box that does not open: the rest still do; this one is said at the end.
        unread.push_back(bad.what());
        continue;
      }
      opened[e.kind].push_back(std::move(e));
    }
  }
  for (auto& [kind, list] : opened) {
    const std::string table(kind->table);
    SQLite::Statement schema(j.db(),
                             "SELECT type, sql FROM main.sqlite_schema WHERE tbl_name = ? AND sql "
                             "IS NOT NULL ORDER BY type = 'index'");
    schema.bind(1, table);
    std::vector<std::string> make;
    while (schema.executeStep()) {
      std::string sql = schema.getColumn(1).getString();
      const bool index = schema.getColumn(0).getString() == "index";
      const std::string_view head = index ? "CREATE INDEX " : "CREATE TABLE ";
      if (sql.rfind(head, 0) != 0) continue;
      sql.replace(0, head.size(), index ? "CREATE INDEX temp." : "CREATE TEMP TABLE ");
      make.push_back(std::move(sql));
    }
    for (const auto& sql : make) j.db().exec(sql);
    j.db().exec(fmt::format("INSERT INTO temp.{0} SELECT * FROM main.{0}", table));
    std::string insert = rows::body_insert_sql(*kind, "INSERT");
    insert.replace(insert.find("INTO "), 5, "INTO temp.");
    SQLite::Statement put(j.db(), insert);
    for (auto& e : list) {
      put.bind(1, e.id);
      int index = 2;
      for (const auto& f : kind->fields) rows::bind_value(put, index++, e.get(f.name));
      put.exec();
      put.reset();
      for (auto& [name, v] : e.fields)
        if (auto* s = std::get_if<std::string>(&v)) crypto::wipe(*s);
    }
  }
  j.revealed_ = author.id;
  return unread;
}

}  // namespace rebuild
