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

std::string associated(std::string_view uuid, const kind_spec& kind) {
  return fmt::format("rebuild entry|{}|{}", uuid, kind.name);
}

io_error unopened(const entry& e) {
  return io_error(fmt::format(
      "the private words of {0} {1} do not open: they were changed, or moved from another "
      "entry; 'rebuild delete {1} --private' removes them, or put a backup in place with "
      "'rebuild restore FILE'",
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

std::string seal_fields(const crypto::key& k, std::string_view uuid, const kind_spec& kind,
                        const field_values& fields) {
  nlohmann::json doc = nlohmann::json::object();
  for (const auto& f : kind.fields) {
    const auto it = fields.find(f.name);
    const value v = it == fields.end() ? value{} : it->second;
    if (const auto* n = std::get_if<std::int64_t>(&v))
      doc[std::string(f.name)] = *n;
    else if (const auto* s = std::get_if<std::string>(&v))
      doc[std::string(f.name)] = *s;
  }
  std::string plain = doc.dump();
  std::string box = crypto::seal_padded(k, plain, associated(uuid, kind), pad_block);
  crypto::wipe(plain);
  return box;
}

field_values open_fields(const crypto::key& k, const entry& e, std::string_view box) {
  auto plain = crypto::open_padded(k, box, associated(e.uuid, *e.kind), pad_block);
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

std::optional<std::string> sealed_box(journal& j, std::int64_t id) {
  SQLite::Statement st(j.db(), "SELECT box FROM sealed_words WHERE entry_id = ?");
  st.bind(1, id);
  if (!st.executeStep()) return std::nullopt;
  return blob(st.getColumn(0));
}

void store_box(journal& j, std::int64_t id, std::string_view box) {
  SQLite::Statement st(j.db(), "INSERT OR REPLACE INTO sealed_words (entry_id, box) VALUES (?, ?)");
  st.bind(1, id);
  st.bind(2, box.data(), static_cast<int>(box.size()));
  st.exec();
}

void open_entry(journal& j, entry& e, const crypto::key& k) {
  const auto box = sealed_box(j, e.id);
  if (!box) throw unopened(e);
  e.fields = open_fields(k, e, *box);
  e.sealed = false;
}

int reseal_private(journal& j, const partner& author, const crypto::key& from,
                   const crypto::key& to, std::vector<std::string>& unopened_ids) {
  std::vector<std::tuple<std::int64_t, std::string, std::string, std::string>> boxes;
  {
    SQLite::Statement st(j.db(),
                         "SELECT e.id, e.uuid, e.kind, s.box FROM entries e JOIN sealed_words s "
                         "ON s.entry_id = e.id WHERE e.private = 1 AND e.author = ?");
    st.bind(1, author.id);
    while (st.executeStep())
      boxes.emplace_back(st.getColumn(0).getInt64(), st.getColumn(1).getString(),
                         st.getColumn(2).getString(), blob(st.getColumn(3)));
  }
  int sealed = 0;
  for (const auto& [id, uuid, kind_name, box] : boxes) {
    const kind_spec& kind = rows::known_kind(kind_name);
    auto plain = crypto::open_padded(from, box, associated(uuid, kind), pad_block);
    if (!plain) {
      // Damaged, or moved from another entry: it opens under no key; left as it is.
      unopened_ids.push_back(uuid);
      continue;
    }
    const std::string again = crypto::seal_padded(to, *plain, associated(uuid, kind), pad_block);
    crypto::wipe(*plain);
    store_box(j, id, again);
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
    SQLite::Statement st(j.db(),
                         "SELECT e.id, e.uuid, e.kind, s.box FROM entries e JOIN sealed_words s "
                         "ON s.entry_id = e.id WHERE e.private = 1 AND e.deleted = 0 AND "
                         "e.author = ?");
    st.bind(1, author.id);
    while (st.executeStep()) {
      entry e;
      e.id = st.getColumn(0).getInt64();
      e.uuid = st.getColumn(1).getString();
      e.kind = &rows::known_kind(st.getColumn(2).getString());
      try {
        e.fields = open_fields(k, e, blob(st.getColumn(3)));
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
