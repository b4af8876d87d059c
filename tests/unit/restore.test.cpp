#include "rebuild/restore.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "rebuild/entries.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/journal.hpp"
#include "rebuild/sealed_files.hpp"
#include "temp_dir.hpp"

using namespace rebuild;
namespace fs = std::filesystem;

namespace {
const rebuild::clock fixed_now = rebuild::clock::fixed("2026-03-04T08:00", "Europe/Paris");

/// A journal for Dan with one gesture per text.
fs::path make_journal(const fs::path& path, std::initializer_list<const char*> gestures) {
  journal::create(path, [&](journal& j) {
    const partner dan = add_partner(j, "Dan", fixed_now);
    for (const char* text : gestures)
      add_entry(j, kind_named("gesture"), dan, {fixed_now.today(), std::nullopt},
                {{"text", std::string(text)}}, fixed_now);
  });
  return path;
}

void add_gesture(journal& j, const char* text) {
  write_transaction txn(j);
  add_entry(j, kind_named("gesture"), find_partner(j, "Dan"), {fixed_now.today(), std::nullopt},
            {{"text", std::string(text)}}, fixed_now);
  txn.commit();
}

std::vector<std::string> texts(journal& j) {
  std::vector<std::string> out;
  for (const auto& e : list_entries(j, {}))
    out.push_back(std::get<std::string>(e.fields.at("text")));
  std::sort(out.begin(), out.end());
  return out;
}

std::string bytes_of(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
/// The journal as SQLite would read it: the file and its -wal.
std::string journal_bytes(const fs::path& p) { return bytes_of(p) + bytes_of(p.string() + "-wal"); }

std::vector<std::string> names_in(const fs::path& folder) {
  std::vector<std::string> out;
  for (const auto& f : fs::directory_iterator(folder)) out.push_back(f.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mode & 0777u;
}
}  // namespace

TEST_CASE("restore puts the backup in place and keeps the journal as it was beside it") {
  temp_dir tmp;
  fs::create_directory(tmp / "media");
  const auto path = make_journal(tmp / "journal.db", {"Hug"});
  auto j = journal::open(path);
  backup_journal(j, tmp / "media" / "backup.db");
  add_gesture(j, "Tea");  // written after the backup
  const auto media_before = names_in(tmp / "media");

  const auto made = restore_journal(j, tmp / "media" / "backup.db", tmp / ".scratch", fixed_now);
  CHECK(made.entries == 1);
  CHECK(made.kept == tmp / "journal.db.before-restore-20260304-0800");
  CHECK(texts(j) == std::vector<std::string>{"Hug"});
  CHECK(j.db().execAndGet("PRAGMA integrity_check").getString() == "ok");
  CHECK(j.db().execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(j.schema_version() == journal::latest_schema());
  CHECK(mode_of(made.kept) == 0600u);
  {
    auto kept = journal::open(made.kept);
    CHECK(texts(kept) == std::vector<std::string>{"Hug", "Tea"});
  }
  CHECK(names_in(tmp / "media") == media_before);  // nothing written beside the backup
  CHECK_FALSE(fs::exists(tmp / ".scratch"));
  // A partner's connection, open all along, sees the restored journal.
  auto partner = journal::open(path);
  CHECK(texts(partner) == std::vector<std::string>{"Hug"});
}

TEST_CASE("a second restore in the same minute keeps the journal under the next free name") {
  temp_dir tmp;
  const auto path = make_journal(tmp / "journal.db", {"Hug"});
  auto j = journal::open(path);
  backup_journal(j, tmp / "backup.db");
  CHECK(before_restore_path(path, fixed_now) == tmp / "journal.db.before-restore-20260304-0800");
  restore_journal(j, tmp / "backup.db", tmp / ".scratch", fixed_now);
  CHECK(restore_journal(j, tmp / "backup.db", tmp / ".scratch", fixed_now).kept ==
        tmp / "journal.db.before-restore-20260304-0800-2");
  CHECK(restore_journal(j, tmp / "backup.db", tmp / ".scratch", fixed_now).kept ==
        tmp / "journal.db.before-restore-20260304-0800-3");
}

TEST_CASE("restore after a killed command left a -wal file beside the journal") {
  temp_dir tmp;
  const auto path = make_journal(tmp / "journal.db", {"Hug"});
  {
    auto j = journal::open(path);
    backup_journal(j, tmp / "backup.db");
  }
  {
    // A command that wrote and was killed before SQLite folded its -wal into the journal: a
    // connection that does not checkpoint when it closes leaves exactly that.
    auto killed = journal::open(path);
    int ignored = 0;
    sqlite3_db_config(killed.db().getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, &ignored);
    add_gesture(killed, "Tea");
  }
  REQUIRE(fs::file_size(path.string() + "-wal") > 0);
  {
    auto j = journal::open(path);
    const auto made = restore_journal(j, tmp / "backup.db", tmp / ".scratch", fixed_now);
    CHECK(texts(j) == std::vector<std::string>{"Hug"});
    auto kept = journal::open(made.kept);
    CHECK(texts(kept) == std::vector<std::string>{"Hug", "Tea"});  // the -wal's row, kept
  }
  // Closed: the journal file alone now holds the backup, whole.
  CHECK_FALSE(fs::exists(path.string() + "-wal"));
  SQLite::Database alone(path.string(), SQLite::OPEN_READONLY);
  CHECK(alone.execAndGet("PRAGMA integrity_check").getString() == "ok");
  CHECK(alone.execAndGet("SELECT count(*) FROM entries").getInt() == 1);
}

TEST_CASE("what cannot be restored changes nothing and leaves nothing behind") {
  temp_dir tmp;
  const auto path = make_journal(tmp / "journal.db", {"Hug"});
  auto j = journal::open(path);
  add_gesture(j, "Tea");
  backup_journal(j, tmp / "good.db");
  std::ofstream(tmp / "notes.txt") << "not a database at all, just words";
  {
    SQLite::Database other((tmp / "other.db").string(),
                           SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    other.exec("CREATE TABLE t(x)");
  }
  fs::copy_file(tmp / "good.db", tmp / "newer.db");
  {
    SQLite::Database newer((tmp / "newer.db").string(), SQLite::OPEN_READWRITE);
    newer.exec("PRAGMA user_version = 99");
  }
  {
    const std::string whole = bytes_of(tmp / "good.db");
    std::ofstream(tmp / "truncated.db", std::ios::binary) << whole.substr(0, whole.size() / 3);
  }
  const std::string before = journal_bytes(path);
  const auto files_before = names_in(tmp.path);
  const auto refused = [&](const fs::path& source) {
    try {
      restore_journal(j, source, tmp / ".scratch", fixed_now);
    } catch (const error& e) {
      CHECK(std::string(e.what()).find(source.string()) != std::string::npos);  // names FILE
      CHECK(std::string(e.what()).find("journal at") == std::string::npos);     // not the journal
      return e.code();
    }
    FAIL("restored " << source);
    return exit_code::ok;
  };
  CHECK(refused(tmp / "missing.db") == exit_code::no_journal);
  CHECK(refused(tmp / "notes.txt") == exit_code::io);
  CHECK(refused(tmp / "other.db") == exit_code::io);
  CHECK(refused(tmp / "newer.db") == exit_code::io);
  CHECK(refused(tmp / "truncated.db") == exit_code::io);
  CHECK(refused(tmp.path) == exit_code::io);
  CHECK(refused(path) == exit_code::data);
  CHECK(journal_bytes(path) == before);
  CHECK(names_in(tmp.path) == files_before);  // no kept copy, no scratch
  CHECK(texts(j) == std::vector<std::string>{"Hug", "Tea"});
}

TEST_CASE("restore waits for a partner's write, which the kept copy then holds") {
  temp_dir tmp;
  const auto path = make_journal(tmp / "journal.db", {"Hug"});
  auto j = journal::open(path);
  backup_journal(j, tmp / "backup.db");
  auto partner = journal::open(path);
  std::thread writes([&] {
    write_transaction txn(partner);
    add_entry(partner, kind_named("gesture"), find_partner(partner, "Dan"),
              {fixed_now.today(), std::nullopt}, {{"text", std::string("Tea")}}, fixed_now);
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    txn.commit();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const auto made = restore_journal(j, tmp / "backup.db", tmp / ".scratch", fixed_now);
  writes.join();
  CHECK(texts(j) == std::vector<std::string>{"Hug"});
  auto kept = journal::open(made.kept);
  CHECK(texts(kept) == std::vector<std::string>{"Hug", "Tea"});  // not lost: kept
}

TEST_CASE("a restore on a journal busy past the wait is busy_error, and changes nothing") {
  temp_dir tmp;
  const auto path = make_journal(tmp / "journal.db", {"Hug"});
  auto j = journal::open(path);
  backup_journal(j, tmp / "backup.db");
  add_gesture(j, "Tea");
  const std::string before = journal_bytes(path);
  const auto files_before = names_in(tmp.path);
  auto partner = journal::open(path);
  write_transaction held(partner);  // never committed while the restore tries
  CHECK_THROWS_AS(restore_journal(j, tmp / "backup.db", tmp / ".scratch", fixed_now), busy_error);
  CHECK(journal_bytes(path) == before);
  CHECK(names_in(tmp.path) == files_before);
}

TEST_CASE("a backup from an earlier schema is restored at this build's schema, and not touched") {
  temp_dir tmp;
  const auto old_backup = tmp / "old.db";
  {
    SQLite::Database db(old_backup.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    migrate_to(db, 1);
    db.exec("PRAGMA application_id = 1380076612");  // "RBLD", as create() sets it
    db.exec(
        "INSERT INTO partners (uuid, name, created_utc) VALUES "
        "('00000000-0000-4000-8000-000000000001', 'Dan', '2026-03-01T08:00:00Z')");
    db.exec(
        "INSERT INTO entries (uuid, kind, author, day, time, at_utc, created_utc, "
        "updated_utc) VALUES ('00000000-0000-4000-8000-0000000000a1', 'gesture', 1, "
        "'2026-03-01', '08:00', '2026-03-01T07:00:00Z', '2026-03-01T07:00:00Z', "
        "'2026-03-01T07:00:00Z'); INSERT INTO gestures (entry_id, text) VALUES (1, 'Old hug')");
  }
  const std::string backup_before = bytes_of(old_backup);
  const auto path = make_journal(tmp / "journal.db", {"Hug", "Tea"});
  auto j = journal::open(path);
  const auto made = restore_journal(j, old_backup, tmp / ".scratch", fixed_now);
  CHECK(made.entries == 1);
  CHECK(j.schema_version() == journal::latest_schema());
  CHECK(texts(j) == std::vector<std::string>{"Old hug"});
  CHECK(bytes_of(old_backup) == backup_before);
  CHECK_FALSE(fs::exists(old_backup.string() + "-wal"));
  CHECK_FALSE(fs::exists(old_backup.string() + "-shm"));
}

TEST_CASE("a backup with pages of another size is restored all the same") {
  temp_dir tmp;
  const auto path = make_journal(tmp / "journal.db", {"Hug"});
  auto j = journal::open(path);
  backup_journal(j, tmp / "backup.db");
  {
    SQLite::Database vacuumed((tmp / "backup.db").string(), SQLite::OPEN_READWRITE);
    vacuumed.exec("PRAGMA journal_mode = DELETE; PRAGMA page_size = 8192; VACUUM");
  }
  add_gesture(j, "Tea");
  restore_journal(j, tmp / "backup.db", tmp / ".scratch", fixed_now);
  CHECK(texts(j) == std::vector<std::string>{"Hug"});
  CHECK(j.db().execAndGet("PRAGMA page_size").getInt() == 4096);
  CHECK(j.db().execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(j.db().execAndGet("PRAGMA integrity_check").getString() == "ok");
}

TEST_CASE("an encrypted backup is restored with its passphrase, and only with it") {
  const crypto::kdf_cost cheap{1, 8192};
  temp_dir tmp;
  const auto path = make_journal(tmp / "journal.db", {"Hug"});
  auto j = journal::open(path);
  backup_journal(j, tmp / ".plain.db");
  const auto size =
      seal_backup(tmp / ".plain.db", tmp / "backup.db.enc", "a long passphrase", cheap);
  fs::remove(tmp / ".plain.db");
  CHECK(size == fs::file_size(tmp / "backup.db.enc"));
  CHECK(mode_of(tmp / "backup.db.enc") == 0600u);
  CHECK(is_sealed_file(tmp / "backup.db.enc"));
  CHECK_FALSE(is_sealed_file(path));
  // Nothing of the journal in the open: its header and its schema's text. (Not "Hug": three
  // given bytes turn up by chance in 290 KB of sealed ones, about one run in sixty.)
  CHECK(bytes_of(tmp / "backup.db.enc").find("SQLite format 3") == std::string::npos);
  CHECK(bytes_of(tmp / "backup.db.enc").find("CREATE TABLE") == std::string::npos);
  // Never over an existing file.
  CHECK_THROWS_AS(seal_backup(path, tmp / "backup.db.enc", "a long passphrase", cheap),
                  cant_create_error);
  add_gesture(j, "Tea");

  const std::string before = journal_bytes(path);
  const auto refused = [&](const fs::path& source, std::optional<std::string_view> passphrase) {
    try {
      restore_journal(j, source, tmp / ".scratch", fixed_now, passphrase);
    } catch (const error& e) {
      CHECK(std::string(e.what()).find(source.string()) != std::string::npos);
      return e.code();
    }
    FAIL("restored " << source);
    return exit_code::ok;
  };
  CHECK(refused(tmp / "backup.db.enc", "a wrong passphrase") == exit_code::data);
  CHECK(refused(tmp / "backup.db.enc", std::nullopt) == exit_code::data);
  {
    const std::string whole = bytes_of(tmp / "backup.db.enc");
    std::ofstream(tmp / "cut.enc", std::ios::binary) << whole.substr(0, whole.size() - 10);
    std::string flipped = whole;
    flipped[whole.size() / 2] = static_cast<char>(flipped[whole.size() / 2] ^ 1);
    std::ofstream(tmp / "flipped.enc", std::ios::binary) << flipped;
  }
  const auto with_test_files = names_in(tmp.path);
  CHECK(refused(tmp / "cut.enc", "a long passphrase") == exit_code::data);
  CHECK(refused(tmp / "flipped.enc", "a long passphrase") == exit_code::data);
  CHECK(journal_bytes(path) == before);
  CHECK(names_in(tmp.path) == with_test_files);  // no kept copy, no scratch copy
  CHECK(texts(j) == std::vector<std::string>{"Hug", "Tea"});

  const auto made =
      restore_journal(j, tmp / "backup.db.enc", tmp / ".scratch", fixed_now, "a long passphrase");
  CHECK(made.entries == 1);
  CHECK(texts(j) == std::vector<std::string>{"Hug"});
  CHECK_FALSE(fs::exists(tmp / ".scratch"));
  auto kept = journal::open(made.kept);
  CHECK(texts(kept) == std::vector<std::string>{"Hug", "Tea"});
}

TEST_CASE("sealed text opens with its passphrase; the error names the file") {
  const crypto::kdf_cost cheap{1, 8192};
  const std::string sealed = seal_text("one line\nanother\n", "a long passphrase", cheap);
  CHECK(sealed.find("one line") == std::string::npos);
  CHECK(open_sealed_text(sealed, "a long passphrase", "x.enc") == "one line\nanother\n");
  try {
    open_sealed_text(sealed, "another passphrase", "x.enc");
    FAIL("opened with the wrong passphrase");
  } catch (const data_error& e) {
    CHECK(std::string(e.what()).rfind("x.enc: ", 0) == 0);
  }
  CHECK_THROWS_AS(open_sealed_text(sealed.substr(0, 20), "a long passphrase", "x.enc"), io_error);
}
