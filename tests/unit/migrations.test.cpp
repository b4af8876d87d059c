#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "rebuild/entries.hpp"
#include "rebuild/history.hpp"
#include "rebuild/inventory.hpp"
#include "rebuild/journal.hpp"
#include "rebuild/private_words.hpp"
#include "rebuild/settings.hpp"
#include "temp_dir.hpp"
#include "ymd.hpp"

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
        db.exec(
            "INSERT INTO partners (uuid, name, created_utc) VALUES "
            "('00000000-0000-4000-8000-000000000001', 'Dan', '2026-03-01T08:00:00Z')");
        // Three gestures: Hug by one command, then Tea and Walk by another.
        int n = 0;
        for (const char* text : {"Hug", "Tea", "Walk"}) {
          ++n;
          db.exec(fmt::format(
              "INSERT INTO entries (uuid, kind, author, day, time, at_utc, created_utc, "
              "updated_utc) VALUES ('00000000-0000-4000-8000-0000000000a{0}', 'gesture', 1, "
              "'2026-03-01', '08:0{0}', '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z', "
              "'2026-03-01T08:00:00Z'); INSERT INTO gestures (entry_id, text) VALUES ({0}, '{1}')",
              n, text));
          // Their undo history: before version 2 a change had no command number; from 2 on,
          // rebuild numbered commands 1, 2, ... (max(command) + 1).
          db.exec(from >= 2 ? fmt::format("INSERT INTO changes (entry_id, partner_id, action, "
                                          "at_utc, command) VALUES ({}, 1, 'add', "
                                          "'2026-03-01T08:00:00Z', {})",
                                          n, n == 1 ? 1 : 2)
                            : fmt::format("INSERT INTO changes (entry_id, partner_id, action, "
                                          "at_utc) VALUES ({}, 1, 'add', "
                                          "'2026-03-01T08:00:00Z')",
                                          n));
        }
      }
    }
    auto j = journal::open(path);
    CHECK(j.schema_version() == journal::latest_schema());
    if (from >= 1) {
      const auto texts = [&j] {
        std::vector<std::string> out;
        for (const auto& e : list_entries(j, {})) out.push_back(e.text("text"));
        std::sort(out.begin(), out.end());
        return out;
      };
      CHECK(texts() == std::vector<std::string>{"Hug", "Tea", "Walk"});
      const partner dan = find_partner(j, "Dan");
      // The history still works: the next command is numbered after every earlier one...
      {
        write_transaction txn(j);
        CHECK(j.command_number() >
              j.db().execAndGet("SELECT coalesce(max(command), 0) FROM changes").getInt64());
      }
      // ...undo takes back the latest command whole (before numbering, each change was a
      // command of its own)...
      {
        write_transaction txn(j);
        CHECK(undo_last(j, dan, now).size() == (from >= 2 ? 2u : 1u));
        txn.commit();
      }
      CHECK(texts() ==
            (from >= 2 ? std::vector<std::string>{"Hug"} : std::vector<std::string>{"Hug", "Tea"}));
      // ...and a new command, then undo, take back only the new one.
      {
        write_transaction txn(j);
        add_entry(j, kind_named("gesture"), dan, when{ymd(2026, 3, 2), std::nullopt},
                  {{"text", std::string("Note")}}, now);
        txn.commit();
      }
      {
        write_transaction txn(j);
        const auto undone = undo_last(j, dan, now);
        txn.commit();
        REQUIRE(undone.size() == 1);
        CHECK(undone.front().before.text("text") == "Note");
        CHECK(undone.front().item.deleted);
        CHECK(undone.front().item.text("text").empty());  // an undone entry keeps no words
      }
      CHECK(texts() ==
            (from >= 2 ? std::vector<std::string>{"Hug"} : std::vector<std::string>{"Hug", "Tea"}));
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

// Schema 5: a deleted entry keeps no words; what undo needs moves into the undo history.
TEST_CASE("migrating to schema 5 takes deleted entries' words out and keeps them for undo") {
  temp_dir tmp;
  const auto path = tmp / "journal.db";
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    migrate_to(db, 4);
    db.exec("PRAGMA application_id = 1380076612");
    // Dan: a gesture he deleted (command 4), and a check-in that a second one of the same day
    // replaced (commands 2 and 3), as schema 4 left them: words still in the rows.
    db.exec(R"sql(
INSERT INTO partners (uuid, name, created_utc) VALUES
  ('00000000-0000-4000-8000-000000000001', 'Dan', '2026-03-01T08:00:00Z');
INSERT INTO entries (id, uuid, kind, author, day, time, at_utc, created_utc, updated_utc, deleted)
VALUES
  (1, '00000000-0000-4000-8000-0000000000a1', 'gesture', 1, '2026-03-01', '08:00',
   '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z', '2026-03-01T09:00:00Z', 1),
  (2, '00000000-0000-4000-8000-0000000000a2', 'checkin', 1, '2026-03-01', '08:00',
   '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z', '2026-03-01T08:30:00Z', 1),
  (3, '00000000-0000-4000-8000-0000000000a3', 'checkin', 1, '2026-03-01', '08:30',
   '2026-03-01T08:30:00Z', '2026-03-01T08:30:00Z', '2026-03-01T08:30:00Z', 0);
INSERT INTO gestures (entry_id, text) VALUES (1, 'Secret words');
INSERT INTO checkins (entry_id, mood, stress, appreciation) VALUES (2, 6, 3, 'First words'),
  (3, 7, 2, 'Second words');
INSERT INTO changes (id, entry_id, partner_id, action, before, replaced, at_utc, command) VALUES
  (1, 1, 1, 'add', NULL, NULL, '2026-03-01T08:00:00Z', 1),
  (2, 2, 1, 'add', NULL, NULL, '2026-03-01T08:00:00Z', 2),
  (3, 3, 1, 'add', NULL, 2, '2026-03-01T08:30:00Z', 3),
  (4, 1, 1, 'delete', NULL, NULL, '2026-03-01T09:00:00Z', 4);
)sql");
  }
  auto j = journal::open(path);
  REQUIRE(j.schema_version() == journal::latest_schema());
  const auto count = [&j](const char* sql) { return j.db().execAndGet(sql).getInt(); };
  CHECK(count("SELECT count(*) FROM gestures") == 0);
  CHECK(count("SELECT count(*) FROM checkins") == 1);
  CHECK(count("SELECT count(*) FROM changes WHERE before LIKE '%Secret words%'") == 1);
  CHECK(count("SELECT count(*) FROM changes WHERE before LIKE '%First words%'") == 1);
  const partner dan = find_partner(j, "Dan");
  {
    write_transaction txn(j);
    const auto undone = undo_last(j, dan, now);
    txn.commit();
    REQUIRE(undone.size() == 1);
    CHECK(undone.front().item.text("text") == "Secret words");
    CHECK_FALSE(undone.front().item.deleted);
  }
  {
    write_transaction txn(j);
    const auto undone = undo_last(j, dan, now);
    txn.commit();
    REQUIRE(undone.size() == 1);
    REQUIRE(undone.front().restored);
    CHECK(undone.front().restored->text("appreciation") == "First words");
    CHECK(undone.front().item.text("appreciation").empty());
  }
  CHECK(j.db().execAndGet("PRAGMA integrity_check").getString() == "ok");
}

// Schema 6: the rules table is made anew to take touch rules and script steps; nothing in it
// may be lost, and the entries that point at a rule keep pointing at it.
TEST_CASE("migrating to schema 6 keeps every rule and session, and takes the new kinds") {
  temp_dir tmp;
  const auto path = tmp / "journal.db";
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    migrate_to(db, 5);
    db.exec("PRAGMA application_id = 1380076612");
    db.exec(R"sql(
INSERT INTO partners (uuid, name, created_utc) VALUES
  ('00000000-0000-4000-8000-000000000001', 'Dan', '2026-03-01T08:00:00Z');
INSERT INTO entries (id, uuid, kind, author, day, time, at_utc, created_utc, updated_utc, deleted)
VALUES
  (1, '00000000-0000-4000-8000-0000000000b1', 'rule', 1, '2026-03-01', '08:00',
   '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z', 0),
  (2, '00000000-0000-4000-8000-0000000000b2', 'rule', 1, '2026-03-01', '08:00',
   '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z', 0),
  (3, '00000000-0000-4000-8000-0000000000b3', 'touch', 1, '2026-03-02', '21:00',
   '2026-03-02T21:00:00Z', '2026-03-02T21:00:00Z', '2026-03-02T21:00:00Z', 0),
  (4, '00000000-0000-4000-8000-0000000000b4', 'ritual', 1, '2026-03-01', NULL,
   '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z', '2026-03-05T08:00:00Z', 0);
INSERT INTO rules (entry_id, type, text) VALUES (1, 'stop-phrase', 'Pause'), (2, 'red-line', 'No threats');
INSERT INTO touch_sessions (entry_id, stage, minutes, giver, signal) VALUES (3, 1, 10, 1, 'green');
INSERT INTO rituals (entry_id, name, every, paused) VALUES (4, 'Walk', 'thu', 1);
)sql");
  }
  auto j = journal::open(path);
  REQUIRE(j.schema_version() == journal::latest_schema());
  const auto text = [&j](const char* sql) { return j.db().execAndGet(sql).getString(); };
  CHECK(text("SELECT group_concat(type || ':' || text, ',') FROM (SELECT * FROM rules ORDER BY "
             "entry_id)") == "stop-phrase:Pause,red-line:No threats");
  CHECK(text("SELECT stage || ',' || minutes || ',' || signal || ',' || ifnull(each_way, 'null') "
             "FROM touch_sessions") == "1,10,green,null");
  CHECK_FALSE(SQLite::Statement(j.db(), "PRAGMA foreign_key_check").executeStep());
  CHECK(text("PRAGMA integrity_check") == "ok");
  const partner dan = find_partner(j, "Dan");
  const rebuild::clock later = rebuild::clock::fixed("2026-03-06T08:00", "UTC");
  write_transaction txn(j);
  const auto rule =
      add_entry(j, kind_named("rule"), dan, {ymd(2026, 3, 6), std::nullopt},
                {{"type", std::string("script")}, {"text", std::string("Breathe")}}, later);
  const auto touch = add_entry(j, kind_named("touch"), dan, {ymd(2026, 3, 6), std::nullopt},
                               {{"stage", std::int64_t{1}}, {"each_way", std::int64_t{1}}}, later);
  txn.commit();
  CHECK(get_entry(j, rule.item.id).text("type") == "script");
  CHECK(get_entry(j, touch.item.id).number("each_way") == 1);
}

// Schema 7: the repairs table gains the sequence's three parts (empty for every repair made
// before), and the new kinds' tables take entries.
TEST_CASE("migrating to schema 7 keeps every repair, quick, and takes the new kinds") {
  temp_dir tmp;
  const auto path = tmp / "journal.db";
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    migrate_to(db, 6);
    db.exec("PRAGMA application_id = 1380076612");
    db.exec(R"sql(
INSERT INTO partners (uuid, name, created_utc) VALUES
  ('00000000-0000-4000-8000-000000000001', 'Dan', '2026-03-01T08:00:00Z');
INSERT INTO entries (id, uuid, kind, author, day, time, at_utc, created_utc, updated_utc, deleted)
VALUES
  (1, '00000000-0000-4000-8000-0000000000c1', 'repair', 1, '2026-03-01', '08:00',
   '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z', 0);
INSERT INTO repairs (entry_id, text, accepted) VALUES (1, 'Sorry for my tone', 1);
)sql");
  }
  auto j = journal::open(path);
  REQUIRE(j.schema_version() == journal::latest_schema());
  const entry old = get_entry(j, 1);
  CHECK(old.text("text") == "Sorry for my tone");
  CHECK(old.number("accepted") == 1);
  CHECK(old.text("apology").empty());
  CHECK(std::holds_alternative<std::monostate>(old.get("commitment")));
  CHECK(j.db().execAndGet("PRAGMA integrity_check").getString() == "ok");
  CHECK_FALSE(SQLite::Statement(j.db(), "PRAGMA foreign_key_check").executeStep());
  const partner dan = find_partner(j, "Dan");
  const rebuild::clock later = rebuild::clock::fixed("2026-03-06T08:00", "UTC");
  write_transaction txn(j);
  const when on{ymd(2026, 3, 6), std::nullopt};
  const auto s = [](const char* text) { return std::string(text); };
  const auto trigger = add_entry(j, kind_named("trigger"), dan, on,
                                 {{"text", s("Plans changed")}, {"response", s("Pause")}}, later);
  add_entry(j, kind_named("trigger-hit"), dan, on, {{"trigger", trigger.item.uuid}}, later);
  add_entry(j, kind_named("thought"), dan, on, {{"text", s("T")}, {"evidence", s("E")}}, later);
  add_entry(j, kind_named("story"), dan, on,
            {{"happened", s("H")}, {"needed", s("N")}, {"possible", s("P")}}, later);
  add_entry(j, kind_named("celebration"), dan, on, {{"text", s("C")}}, later);
  add_entry(j, kind_named("therapy-session"), dan, on, {}, later);
  const auto h = add_entry(j, kind_named("homework"), dan, on, {{"text", s("W")}}, later);
  add_entry(j, kind_named("homework-done"), dan, on, {{"homework", h.item.uuid}}, later);
  const auto a = add_entry(j, kind_named("transparency"), dan, on,
                           {{"text", s("A")}, {"until", s("2026-04-01")}}, later);
  add_entry(j, kind_named("transparency-end"), dan, on, {{"agreement", a.item.uuid}}, later);
  const auto full = add_entry(
      j, kind_named("repair"), dan, on,
      {{"text", s("R")}, {"apology", s("1")}, {"reassurance", s("2")}, {"commitment", s("3")}},
      later);
  txn.commit();
  CHECK(get_entry(j, full.item.id).text("reassurance") == "2");
  CHECK(j.db().execAndGet("SELECT count(*) FROM entries").getInt() == 12);
}

TEST_CASE("migrating to schema 13 keeps private boxes and answers; the next write binds them") {
  temp_dir tmp;
  const auto path = tmp / "journal.db";
  const crypto::key k = crypto::key::random();
  const std::string dan_uuid = "00000000-0000-4000-8000-000000000001";
  const std::string entry_uuid = "00000000-0000-4000-8000-0000000000d1";
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    migrate_to(db, 12);
    db.exec("PRAGMA application_id = 1380076612");
    db.exec(fmt::format(R"sql(
INSERT INTO partners (id, uuid, name, created_utc) VALUES (1, '{0}', 'Dan', '2026-03-01T08:00:00Z');
INSERT INTO entries (id, uuid, kind, author, day, time, at_utc, created_utc, updated_utc, private)
VALUES (1, '{1}', 'gesture', 1, '2026-03-01', '08:00', '2026-03-01T08:00:00Z',
        '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z', 1);
)sql",
                        dan_uuid, entry_uuid));
    // As schema 12 sealed them: the box bound to id and kind; one row an answered item.
    const std::string box = crypto::seal_padded(k, R"({"text":"Kept words"})",
                                                "rebuild entry|" + entry_uuid + "|gesture", 64);
    SQLite::Statement put(db, "INSERT INTO sealed_words (entry_id, box) VALUES (1, ?)");
    put.bind(1, box.data(), static_cast<int>(box.size()));
    put.exec();
    for (const auto& [item, plain] : std::vector<std::pair<std::string, std::string>>{
             {"s01", "y"}, {"s02", "m"}, {"show-maybe", "yes"}}) {
      const std::string answer =
          crypto::seal(k, plain, "rebuild inventory|" + item + "|" + dan_uuid);
      SQLite::Statement row(db, "INSERT INTO inventory_answers VALUES (?, 1, ?, '')");
      row.bind(1, item);
      row.bind(2, answer.data(), static_cast<int>(answer.size()));
      row.exec();
    }
  }
  auto j = journal::open(path);
  REQUIRE(j.schema_version() == journal::latest_schema());
  const partner dan = find_partner(j, "Dan");
  entry old = get_entry(j, 1);
  open_entry(j, old, k);
  CHECK(old.text("text") == "Kept words");
  CHECK(answered_count(j, dan) == 2);
  CHECK(inventory_answers(j, dan, k).at("s02") == inventory_answer::maybe);
  CHECK(shows_maybe(j, dan, k));
  {
    write_transaction txn(j);
    add_entry(j, kind_named("gesture"), dan, when{ymd(2026, 3, 2), std::nullopt},
              {{"text", std::string("New")}}, now, &k);
    set_inventory_answers(j, dan, k, {{"s03", inventory_answer::no}});
    txn.commit();
  }
  CHECK(j.db().execAndGet("SELECT min(bound) FROM sealed_words").getInt() == 1);
  CHECK(j.db().execAndGet("SELECT count(*) FROM inventory_answers").getInt() == 0);
  entry bound = get_entry(j, 1);
  open_entry(j, bound, k);
  CHECK(bound.text("text") == "Kept words");
  CHECK(inventory_answers(j, dan, k).size() == 3);
  CHECK(shows_maybe(j, dan, k));
  CHECK(j.db().execAndGet("PRAGMA integrity_check").getString() == "ok");
}

TEST_CASE("migrating to schema 14 keeps every ritual, time-out, answer, job and repair") {
  temp_dir tmp;
  const auto path = tmp / "journal.db";
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    migrate_to(db, 13);
    db.exec("PRAGMA application_id = 1380076612");
    db.exec(R"sql(
INSERT INTO partners (id, uuid, name, created_utc) VALUES
  (1, '00000000-0000-4000-8000-000000000001', 'Dan', '2026-03-01T08:00:00Z'),
  (2, '00000000-0000-4000-8000-000000000002', 'Sam', '2026-03-01T08:00:00Z');
INSERT INTO entries (id, uuid, kind, author, day, time, at_utc, created_utc, updated_utc) VALUES
  (1, '00000000-0000-4000-8000-0000000000e1', 'ritual', 1, '2026-03-01', '08:00', '2026-03-01T07:00:00Z', '2026-03-01T07:00:00Z', '2026-03-01T07:00:00Z'),
  (2, '00000000-0000-4000-8000-0000000000e2', 'ritual', 2, '2026-03-01', '08:00', '2026-03-01T07:00:00Z', '2026-03-01T07:00:00Z', '2026-03-01T07:00:00Z'),
  (3, '00000000-0000-4000-8000-0000000000e3', 'timeout', 1, '2026-03-01', '21:00', '2026-03-01T20:00:00Z', '2026-03-01T20:00:00Z', '2026-03-01T20:00:00Z'),
  (4, '00000000-0000-4000-8000-0000000000e4', 'task', 1, '2026-03-01', '08:00', '2026-03-01T07:00:00Z', '2026-03-01T07:00:00Z', '2026-03-01T07:00:00Z'),
  (5, '00000000-0000-4000-8000-0000000000e5', 'repair', 2, '2026-03-01', '08:00', '2026-03-01T07:00:00Z', '2026-03-01T07:00:00Z', '2026-03-01T07:00:00Z');
INSERT INTO rituals (entry_id, name, every, paused) VALUES (1, 'Walk', 'thu', 0), (2, 'Tea', 'daily', 1);
INSERT INTO timeouts (entry_id, phrase) VALUES (3, 'Time-out');
INSERT INTO tasks (entry_id, name, cadence, load) VALUES (4, 'Taxes', 'yearly', 4);
INSERT INTO repairs (entry_id, text, accepted, apology, reassurance, commitment) VALUES (5, 'Sorry', 1, 'a', 'b', 'c');
)sql");
  }
  auto j = journal::open(path);
  REQUIRE(j.schema_version() == journal::latest_schema());
  const auto walk = get_entry(j, 1);
  CHECK(walk.text("name") == "Walk");
  CHECK(walk.text("every") == "thu");
  CHECK(get_entry(j, 2).number("paused") == 1);
  CHECK(get_entry(j, 3).text("phrase") == "Time-out");
  CHECK(std::holds_alternative<std::monostate>(get_entry(j, 3).get("return_by")));
  CHECK(get_entry(j, 4).number("load") == 4);
  CHECK(get_entry(j, 5).text("commitment") == "c");
  // The new cadence and fields are taken; the old CHECK is gone with the table made anew.
  const partner dan = find_partner(j, "Dan");
  const partner sam = find_partner(j, "Sam");
  {
    write_transaction txn(j);
    edit_entry(j, walk, dan, std::nullopt,
               {{"every", std::string("monthly")}, {"on_day", std::string("last fri")}}, now);
    edit_entry(j, get_entry(j, 3), dan, std::nullopt,
               {{"return_by", std::string("2026-03-02 19:00")}}, now);
    add_entry(j, kind_named("repair-commitment"), dan, when{ymd(2026, 3, 2), std::nullopt},
              {{"repair", get_entry(j, 5).uuid}, {"commitment", std::string("Me too")}}, now);
    add_entry(j, kind_named("agenda"), sam, when{ymd(2026, 3, 2), std::nullopt},
              {{"text", std::string("Holidays")}, {"for_day", std::string("2026-03-05")}}, now);
    txn.commit();
  }
  CHECK(list_entries(j, {}).size() == 8);  // and the ritual's edit kept as history
  CHECK(j.db().execAndGet("PRAGMA integrity_check").getString() == "ok");
  CHECK(j.db().execAndGet("SELECT count(*) FROM pragma_foreign_key_check").getInt() == 0);
}

TEST_CASE("migrating to schema 15 keeps every rule, agreement and setting; their history starts") {
  temp_dir tmp;
  const auto path = tmp / "journal.db";
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    migrate_to(db, 14);
    db.exec("PRAGMA application_id = 1380076612");
    db.exec(R"sql(
INSERT INTO partners (id, uuid, name, created_utc) VALUES
  (1, '00000000-0000-4000-8000-000000000001', 'Dan', '2026-03-01T08:00:00Z');
INSERT INTO entries (id, uuid, kind, author, day, time, at_utc, created_utc, updated_utc) VALUES
  (1, '00000000-0000-4000-8000-0000000000e1', 'rule', 1, '2026-03-01', '08:00', '2026-03-01T07:00:00Z', '2026-03-01T07:00:00Z', '2026-03-01T07:00:00Z'),
  (2, '00000000-0000-4000-8000-0000000000e2', 'transparency', 1, '2026-03-01', '08:00', '2026-03-01T07:00:00Z', '2026-03-01T07:00:00Z', '2026-03-01T07:00:00Z');
INSERT INTO rules (entry_id, type, text) VALUES (1, 'red-line', 'No yelling');
INSERT INTO transparency (entry_id, text, until) VALUES (2, 'Phone open', '2026-03-31');
INSERT INTO settings (key, value, hlc, sent) VALUES ('plan.start', '2026-03-02', '', 0);
)sql");
  }
  auto j = journal::open(path);
  REQUIRE(j.schema_version() == journal::latest_schema());
  CHECK(get_entry(j, 1).text("text") == "No yelling");
  CHECK(get_entry(j, 2).text("until") == "2026-03-31");
  CHECK(setting_as_of(j, "plan.start", ymd(2026, 3, 1)) == "2026-03-02");
  const partner dan = find_partner(j, "Dan");
  {
    write_transaction txn(j);
    edit_entry(j, get_entry(j, 1), dan, std::nullopt, {{"text", std::string("No raised voices")}},
               now);
    edit_entry(j, get_entry(j, 2), dan, std::nullopt, {{"until", std::string("2026-03-20")}}, now);
    add_entry(j, kind_named("rule-end"), dan, when{ymd(2026, 3, 5), std::nullopt},
              {{"rule", get_entry(j, 1).uuid}}, now);
    set_setting(j, "plan.start", "2026-03-09", &now);
    txn.commit();
  }
  CHECK(j.db().execAndGet("SELECT count(*) FROM rule_changes").getInt() == 1);
  CHECK(j.db().execAndGet("SELECT count(*) FROM transparency_changes").getInt() == 1);
  CHECK(j.db().execAndGet("SELECT value FROM setting_history").getString() == "2026-03-02");
  CHECK(setting_as_of(j, "plan.start", ymd(2026, 3, 3)) == "2026-03-02");
  CHECK(setting_as_of(j, "plan.start", ymd(2026, 3, 4)) == "2026-03-09");
  CHECK(j.db().execAndGet("PRAGMA integrity_check").getString() == "ok");
  CHECK(j.db().execAndGet("SELECT count(*) FROM pragma_foreign_key_check").getInt() == 0);
}
