#include "rebuild/journal.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "rebuild/entries.hpp"
#include "rebuild/errors.hpp"
#include "temp_dir.hpp"

using namespace rebuild;

namespace {
unsigned mode_of(const std::filesystem::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mode & 0777u;
}
const rebuild::clock fixed_now = rebuild::clock::fixed("2026-03-04T08:00", "UTC");
}  // namespace

TEST_CASE("a new journal is private, in WAL mode, with foreign keys on") {
  temp_dir tmp;
  const auto path = tmp / "deep/er/journal.db";
  auto j = journal::create(path, [](journal& jj) { add_partner(jj, "Dan", fixed_now); });
  CHECK(mode_of(path) == 0600u);
  CHECK(mode_of(path.parent_path()) == 0700u);
  CHECK(mode_of(path.parent_path().parent_path()) == 0700u);
  CHECK(j.db().execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(j.db().execAndGet("PRAGMA foreign_keys").getInt() == 1);
  CHECK(j.schema_version() == journal::latest_schema());
  auto again = journal::open(path);
  CHECK(again.db().execAndGet("PRAGMA foreign_keys").getInt() == 1);
  CHECK(partners(again).size() == 1);
}

TEST_CASE("a journal that fails while being made leaves nothing behind") {
  temp_dir tmp;
  const auto path = tmp / "new/journal.db";
  CHECK_THROWS_AS(journal::create(path,
                                  [](journal& jj) {
                                    add_partner(jj, "Dan", fixed_now);
                                    add_partner(jj, "dan", fixed_now);  // taken, in any case
                                  }),
                  data_error);
  CHECK_FALSE(std::filesystem::exists(path));
  CHECK_FALSE(std::filesystem::exists(path.parent_path()));
}

TEST_CASE("a journal that cannot be made is exit 73") {
  try {
    journal::create("/dev/null/x/journal.db", [](journal&) {});
    FAIL("created");
  } catch (const cant_create_error& e) {
    CHECK(e.code() == exit_code::cant_create);
  }
}

TEST_CASE("opening what is not a journal") {
  temp_dir tmp;
  CHECK_THROWS_AS(journal::open(tmp / "missing.db"), no_journal_error);
  CHECK_THROWS_AS(journal::open(tmp.path), io_error);
  std::ofstream(tmp / "text.db") << "not a database at all, just words";
  CHECK_THROWS_AS(journal::open(tmp / "text.db"), io_error);
  {
    SQLite::Database other((tmp / "other.db").string(),
                           SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    other.exec("CREATE TABLE t(x)");
  }
  CHECK_THROWS_AS(journal::open(tmp / "other.db"), io_error);
}

TEST_CASE("a journal from a newer rebuild is refused and not touched") {
  temp_dir tmp;
  const auto path = tmp / "journal.db";
  journal::create(path, [](journal&) {});
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = 99");
  }
  try {
    journal::open(path);
    FAIL("opened");
  } catch (const io_error& e) {
    CHECK(std::string(e.what()).find("newer rebuild") != std::string::npos);
  }
  SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
  CHECK(db.execAndGet("PRAGMA user_version").getInt() == 99);
}

TEST_CASE("a write transaction that is not committed changes nothing") {
  temp_dir tmp;
  auto j =
      journal::create(tmp / "journal.db", [](journal& jj) { add_partner(jj, "Dan", fixed_now); });
  {
    write_transaction txn(j);
    add_partner(j, "Sam", fixed_now);
  }  // thrown or returned early: rolled back
  CHECK(partners(j).size() == 1);
}

TEST_CASE("two partners writing at the same moment both succeed") {
  temp_dir tmp;
  const auto path = tmp / "journal.db";
  journal::create(path, [](journal& jj) {
    add_partner(jj, "Dan", fixed_now);
    add_partner(jj, "Sam", fixed_now);
  });
  auto first = journal::open(path);
  auto second = journal::open(path);
  const auto dan = find_partner(first, "Dan");
  const auto sam = find_partner(second, "Sam");
  const when at{fixed_now.today(), std::nullopt};
  // Dan's command holds the write lock for a while; Sam's waits for it instead of failing.
  std::thread dan_writes([&] {
    write_transaction txn(first);
    add_entry(first, kind_named("gesture"), dan, at, {{"text", std::string("Hug")}}, fixed_now);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    txn.commit();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  {
    write_transaction txn(second);
    add_entry(second, kind_named("gesture"), sam, at, {{"text", std::string("Tea")}}, fixed_now);
    txn.commit();
  }
  dan_writes.join();
  CHECK(list_entries(second, {}).size() == 2);
}

TEST_CASE("a read transaction sees one snapshot, and a partner can write meanwhile") {
  temp_dir tmp;
  const auto path = tmp / "journal.db";
  journal::create(path, [](journal& jj) { add_partner(jj, "Dan", fixed_now); });
  auto reader = journal::open(path);
  auto writer = journal::open(path);
  {
    const read_transaction snapshot(reader);
    CHECK(partners(reader).size() == 1);
    {
      write_transaction txn(writer);  // not blocked by the reader (WAL)
      add_partner(writer, "Sam", fixed_now);
      txn.commit();
    }
    CHECK(partners(reader).size() == 1);  // still the journal as the command found it
  }
  CHECK(partners(reader).size() == 2);
}

TEST_CASE("a backup is a private, whole copy, made while a partner writes") {
  temp_dir tmp;
  const auto path = tmp / "journal.db";
  journal::create(path, [](journal& jj) { add_partner(jj, "Dan", fixed_now); });
  auto j = journal::open(path);
  auto writer = journal::open(path);
  write_transaction txn(writer);  // a partner in the middle of a command
  add_partner(writer, "Sam", fixed_now);

  const auto made = backup_journal(j, tmp / "copy.db");  // not blocked by the writer (WAL)
  CHECK(mode_of(tmp / "copy.db") == 0600u);
  CHECK(made.bytes == std::filesystem::file_size(tmp / "copy.db"));
  CHECK(made.entries == 0);
  txn.commit();
  auto copy = journal::open(tmp / "copy.db");
  CHECK(copy.schema_version() == journal::latest_schema());
  CHECK(partners(copy).size() == 1);  // the journal as it was, without the unfinished write
  CHECK(partners(j).size() == 2);
}

TEST_CASE("a backup never replaces a file, nor the journal, nor makes folders") {
  temp_dir tmp;
  const auto path = tmp / "journal.db";
  journal::create(path, [](journal& jj) { add_partner(jj, "Dan", fixed_now); });
  auto j = journal::open(path);
  { std::ofstream(tmp / "precious.db") << "not to be lost"; }
  CHECK_THROWS_AS(backup_journal(j, tmp / "precious.db"), cant_create_error);
  std::ifstream kept(tmp / "precious.db");
  std::string text;
  std::getline(kept, text);
  CHECK(text == "not to be lost");
  CHECK_THROWS_AS(backup_journal(j, tmp / "no-such-folder" / "copy.db"), cant_create_error);
  CHECK_THROWS_AS(backup_journal(j, path), cant_create_error);  // not over the journal itself
  CHECK(partners(j).size() == 1);
}
