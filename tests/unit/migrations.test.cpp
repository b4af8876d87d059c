#include <doctest/doctest.h>

#include "rebuild/entries.hpp"
#include "rebuild/journal.hpp"
#include "temp_dir.hpp"

using namespace rebuild;

namespace {
const rebuild::clock now = rebuild::clock::fixed("2026-03-04T08:00", "UTC");
}

// Every schema version this rebuild ever wrote must open and migrate to the latest, with its
// data intact. A journal at version v is built with the real migrations up to v, given data
// that version can hold, then opened.
TEST_CASE("a journal of every earlier schema version migrates to the latest") {
  for (int from = 0; from < journal::latest_schema(); ++from) {
    CAPTURE(from);
    temp_dir tmp;
    const auto path = tmp / "journal.db";
    {
      SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      db.exec("PRAGMA journal_mode = WAL");
      if (from > 0) migrate_to(db, from);
      db.exec("PRAGMA application_id = 1380076612");  // "RBLD", as create() sets it
      if (from >= 1) {
        db.exec("INSERT INTO partners (uuid, name, created_utc) VALUES "
                "('00000000-0000-4000-8000-000000000001', 'Dan', '2026-03-01T08:00:00Z')");
        db.exec("INSERT INTO entries (uuid, kind, author, day, time, at_utc, created_utc, "
                "updated_utc) VALUES ('00000000-0000-4000-8000-0000000000aa', 'gesture', 1, "
                "'2026-03-01', '08:00', '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z', "
                "'2026-03-01T08:00:00Z')");
        db.exec("INSERT INTO gestures (entry_id, text) VALUES (1, 'Hug')");
        // Its undo history: before version 2 a change had no command number.
        db.exec(from >= 2 ? "INSERT INTO changes (entry_id, partner_id, action, at_utc, command) "
                            "VALUES (1, 1, 'add', '2026-03-01T08:00:00Z', 7)"
                          : "INSERT INTO changes (entry_id, partner_id, action, at_utc) "
                            "VALUES (1, 1, 'add', '2026-03-01T08:00:00Z')");
      }
    }
    auto j = journal::open(path);
    CHECK(j.schema_version() == journal::latest_schema());
    if (from >= 1) {
      const auto all = list_entries(j, {});
      REQUIRE(all.size() == 1);
      CHECK(std::get<std::string>(all.front().get("text")) == "Hug");
      CHECK(all.front().author.name == "Dan");
      // The history still works: the next command is numbered after it, and undo takes the
      // old change back.
      {
        write_transaction txn(j);
        CHECK(j.command_number() == (from >= 2 ? 8 : 1));
      }
      write_transaction txn(j);
      const auto undone = undo_last(j, all.front().author, now);
      txn.commit();
      REQUIRE(undone.size() == 1);
      CHECK(undone.front().item.deleted);
      CHECK(list_entries(j, {}).empty());
    }
  }
}

TEST_CASE("migrating twice is harmless") {
  temp_dir tmp;
  const auto path = tmp / "journal.db";
  journal::create(path, [](journal&) {});
  auto j = journal::open(path);
  migrate_to(j.db(), journal::latest_schema());
  CHECK(j.schema_version() == journal::latest_schema());
}
