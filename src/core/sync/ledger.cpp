// What this replica knows of the files in the shared folder: those it wrote, those it read,
// and the problems the last sync found.
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <optional>

#include "rebuild/sync_ledger.hpp"

namespace rebuild::sync {

namespace {

constexpr const char* own_columns =
    "SELECT number, coalesce(digest, ''), coalesce(bytes, -1), coalesce(mtime_ns, -1), "
    "coalesce(seq_from, 0), coalesce(seq_to, 0), coalesce(compacts, 0) FROM sync_files ";

own_file own_row(SQLite::Statement& st) {
  return {st.getColumn(0).getInt64(),
          {st.getColumn(1).getString(), st.getColumn(2).getInt64(), st.getColumn(3).getInt64()},
          st.getColumn(4).getInt64(),
          st.getColumn(5).getInt64(),
          st.getColumn(6).getInt64()};
}

}  // namespace

std::vector<own_file> own_files(journal& j, const std::string& me, std::int64_t after) {
  std::vector<own_file> out;
  SQLite::Statement st(j.db(), std::string(own_columns) +
                                   "WHERE replica = ? AND mine = 1 AND number > ? AND "
                                   "coalesce(compacts, 0) >= 0 ORDER BY number");
  st.bind(1, me);
  st.bind(2, after);
  while (st.executeStep()) out.push_back(own_row(st));
  return out;
}

std::optional<own_file> own_file_numbered(journal& j, const std::string& me, std::int64_t number) {
  SQLite::Statement st(j.db(),
                       std::string(own_columns) + "WHERE replica = ? AND mine = 1 AND number = ?");
  st.bind(1, me);
  st.bind(2, number);
  if (!st.executeStep()) return std::nullopt;
  return own_row(st);
}

void record_own_file(journal& j, const std::string& me, const own_file& f) {
  SQLite::Statement& st = j.statement(
      "INSERT INTO sync_files (replica, number, mine, digest, bytes, mtime_ns, seq_from, seq_to, "
      "compacts) VALUES (?1, ?2, 1, ?3, ?4, ?5, nullif(?6, 0), nullif(?7, 0), nullif(?8, 0)) ON "
      "CONFLICT (replica, number) DO UPDATE SET mine = 1, digest = excluded.digest, bytes = "
      "excluded.bytes, mtime_ns = excluded.mtime_ns, seq_from = coalesce(excluded.seq_from, "
      "seq_from), seq_to = coalesce(excluded.seq_to, seq_to), compacts = "
      "coalesce(excluded.compacts, compacts)");
  st.bind(1, me);
  st.bind(2, f.number);
  st.bind(3, f.stamp.digest);
  st.bind(4, f.stamp.bytes);
  st.bind(5, f.stamp.mtime_ns);
  st.bind(6, f.seq_from);
  st.bind(7, f.seq_to);
  st.bind(8, f.compacts);
  st.exec();
  st.reset();
}

void cover_own_file(journal& j, const std::string& me, std::int64_t number) {
  // Kept as read (mine = 0): no file of that number is to be looked for any more, here or,
  // should this replica take a new id, as another's.
  SQLite::Statement st(j.db(),
                       "INSERT INTO sync_files (replica, number, mine) VALUES (?, ?, 0) ON "
                       "CONFLICT (replica, number) DO UPDATE SET mine = 0, digest = NULL, bytes "
                       "= NULL, mtime_ns = NULL, seq_from = NULL, seq_to = NULL, compacts = NULL");
  st.bind(1, me);
  st.bind(2, number);
  st.exec();
}

void supersede_own_file(journal& j, const std::string& me, std::int64_t number) {
  SQLite::Statement st(j.db(),
                       "UPDATE sync_files SET compacts = -1 WHERE replica = ? AND number = ?");
  st.bind(1, me);
  st.bind(2, number);
  st.exec();
}

void mark_retired(journal& j, const std::string& replica) {
  SQLite::Statement st(j.db(),
                       "INSERT INTO sync_peers (replica, next_file, retired) VALUES (?, 1, 1) ON "
                       "CONFLICT (replica) DO UPDATE SET retired = 1");
  st.bind(1, replica);
  st.exec();
}

bool is_retired(journal& j, const std::string& replica) {
  SQLite::Statement& st = j.statement("SELECT 1 FROM sync_peers WHERE replica = ? AND retired = 1");
  st.bind(1, replica);
  const bool found = st.executeStep();
  st.reset();
  return found;
}

std::vector<std::int64_t> covered_numbers(journal& j, const std::string& me) {
  std::vector<std::int64_t> out;
  SQLite::Statement st(
      j.db(), "SELECT number FROM sync_files WHERE replica = ? AND mine = 0 ORDER BY number");
  st.bind(1, me);
  while (st.executeStep()) out.push_back(st.getColumn(0).getInt64());
  return out;
}

bool file_read(journal& j, const std::string& replica, std::int64_t number, std::int64_t next) {
  if (number < next) return true;
  SQLite::Statement& st = j.statement("SELECT 1 FROM sync_files WHERE replica = ? AND number = ?");
  st.bind(1, replica);
  st.bind(2, number);
  const bool found = st.executeStep();
  st.reset();
  return found;
}

void record_file_read(journal& j, const std::string& replica, std::int64_t number) {
  SQLite::Statement& st =
      j.statement("INSERT OR IGNORE INTO sync_files (replica, number, mine) VALUES (?, ?, 0)");
  st.bind(1, replica);
  st.bind(2, number);
  st.exec();
  st.reset();
}

std::int64_t advance_read_run(journal& j, const std::string& replica, std::int64_t next) {
  SQLite::Statement& st =
      j.statement("DELETE FROM sync_files WHERE replica = ? AND number = ? AND mine = 0");
  while (true) {
    st.bind(1, replica);
    st.bind(2, next);
    st.exec();
    const bool was = j.db().getChanges() > 0;
    st.reset();
    if (!was) return next;
    ++next;
  }
}

int record_snapshot_part(journal& j, const std::string& replica, std::int64_t compacts,
                         std::int64_t part) {
  SQLite::Statement add(j.db(),
                        "INSERT OR IGNORE INTO sync_snapshot_parts (replica, compacts, part) "
                        "VALUES (?, ?, ?)");
  add.bind(1, replica);
  add.bind(2, compacts);
  add.bind(3, part);
  add.exec();
  SQLite::Statement count(
      j.db(), "SELECT count(*) FROM sync_snapshot_parts WHERE replica = ? AND compacts = ?");
  count.bind(1, replica);
  count.bind(2, compacts);
  count.executeStep();
  return count.getColumn(0).getInt();
}

void forget_snapshot_parts(journal& j, const std::string& replica) {
  SQLite::Statement st(j.db(), "DELETE FROM sync_snapshot_parts WHERE replica = ?");
  st.bind(1, replica);
  st.exec();
}

void forget_read_before(journal& j, const std::string& replica, std::int64_t next) {
  SQLite::Statement st(j.db(),
                       "DELETE FROM sync_files WHERE replica = ? AND number < ? AND mine = 0");
  st.bind(1, replica);
  st.bind(2, next);
  st.exec();
}

bool read_past(journal& j, const std::string& replica, std::int64_t next) {
  SQLite::Statement& st =
      j.statement("SELECT 1 FROM sync_files WHERE replica = ? AND number > ? AND mine = 0 LIMIT 1");
  st.bind(1, replica);
  st.bind(2, next);
  const bool found = st.executeStep();
  st.reset();
  return found;
}

bool name_read(journal& j, const std::string& replica_and_name) {
  SQLite::Statement& st = j.statement("SELECT 1 FROM sync_names WHERE name = ?");
  st.bind(1, replica_and_name);
  const bool found = st.executeStep();
  st.reset();
  return found;
}

void record_name_read(journal& j, const std::string& replica_and_name) {
  SQLite::Statement& st = j.statement("INSERT OR IGNORE INTO sync_names (name) VALUES (?)");
  st.bind(1, replica_and_name);
  st.exec();
  st.reset();
}

std::vector<std::string> last_problems(journal& j, const std::string& before_utc) {
  std::vector<std::string> out;
  SQLite::Statement& st =
      j.statement("SELECT what FROM sync_problems WHERE since_utc <= ? ORDER BY since_utc, what");
  st.bind(1, before_utc);
  while (st.executeStep()) out.push_back(st.getColumn(0).getString());
  st.reset();
  return out;
}

void save_problems(journal& j, const std::vector<std::string>& problems,
                   const std::string& now_utc) {
  const std::vector<std::string> before = last_problems(j, "9999");
  // Nothing written when nothing changed: a sync with nothing new leaves the journal as it was.
  std::vector<std::string> a = before, b = problems;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  if (a == b) return;
  for (const auto& gone : before)
    if (std::find(problems.begin(), problems.end(), gone) == problems.end()) {
      SQLite::Statement drop(j.db(), "DELETE FROM sync_problems WHERE what = ?");
      drop.bind(1, gone);
      drop.exec();
    }
  for (const auto& what : problems) {
    SQLite::Statement add(j.db(),
                          "INSERT OR IGNORE INTO sync_problems (what, since_utc) VALUES (?, ?)");
    add.bind(1, what);
    add.bind(2, now_utc);
    add.exec();
  }
}

std::vector<std::int64_t> entries_changed_between(journal& j, std::int64_t from, std::int64_t to) {
  std::vector<std::int64_t> out;
  SQLite::Statement st(j.db(),
                       "SELECT id FROM entries WHERE seq BETWEEN ? AND ? AND private = 0 ORDER BY "
                       "seq");
  st.bind(1, from);
  st.bind(2, to);
  while (st.executeStep()) out.push_back(st.getColumn(0).getInt64());
  return out;
}

}  // namespace rebuild::sync
