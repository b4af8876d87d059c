// Two devices: clock readings, the change log, the fold between replicas, versions kept
// aside, and the files in the shared folder. Real journals in temp folders.
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "couple.hpp"
#include "rebuild/change_log.hpp"
#include "rebuild/conflicts.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/fold.hpp"
#include "rebuild/history.hpp"
#include "rebuild/sync_exchange.hpp"
#include "rebuild/sync_folder.hpp"
#include "rebuild/sync_ledger.hpp"
#include "temp_dir.hpp"

using namespace rebuild;
using test_fixture::couple;
using test_fixture::couple_clock;

namespace {

entry edited(couple& c, const entry& e, const partner& by, const std::string& text,
             const rebuild::clock& at) {
  write_transaction txn(c.j);
  entry out = edit_entry(c.j, e, by, std::nullopt, {{"text", text}}, at);
  txn.commit();
  return out;
}

/// A version of another replica's journal taken in here, as sync takes it.
fold_counts take(couple& here, const entry& theirs) {
  fold_counts counts;
  counts.pass_on = false;
  entry e = theirs;
  e.author = find_partner(here.j, theirs.author.name);
  write_transaction txn(here.j);
  fold_entry(here.j, e, couple_clock(), counts);
  txn.commit();
  return counts;
}

/// Dan's check-in of the couple's day, written at `at` (a later hour than the fixture's).
entry checkin_at(couple& c, const rebuild::clock& at, std::int64_t mood, std::int64_t stress) {
  write_transaction txn(c.j);
  entry e = add_entry(c.j, kind_named("checkin"), c.dan, when{couple_clock().today(), std::nullopt},
                      {{"mood", mood}, {"stress", stress}}, at)
                .item;
  txn.commit();
  return e;
}

}  // namespace

TEST_CASE("a clock reading is text that sorts as the readings do, and reads back") {
  const hlc a{1772611200000, 0, "0123456789abcdef"};
  const hlc b{1772611200000, 1, "0000000000000000"};
  const hlc c{1772611200001, 0, ""};
  CHECK(a.text() == "1772611200000.000000.0123456789abcdef");
  CHECK(a.text() < b.text());
  CHECK(b.text() < c.text());
  const auto back = hlc::parse(b.text());
  REQUIRE(back);
  CHECK(back->ms == b.ms);
  CHECK(back->counter == 1);
  CHECK(back->replica == b.replica);
  CHECK(hlc::parse(c.text())->replica.empty());
  for (const char* bad :
       {"", "1772611200000.000000", "177261120000.000000.", "x772611200000.000000.",
        "1772611200000.000000.0123456789ABCDEF", "1772611200000.000000.01234"})
    CHECK_FALSE(hlc::parse(bad));
  CHECK(hlc::of_updated("2026-03-04T07:00:00Z").text() == "1772607600000.000000.");
  CHECK(made_from("a b c", "b"));
  CHECK_FALSE(made_from("a bc", "b"));
  CHECK_FALSE(made_from("", "b"));
}

TEST_CASE("each change gets a later reading, the readings it was made from, and a new number") {
  couple c;
  const std::string me = replica_id(c.j);
  CHECK(is_replica_id(me));
  const entry hug = c.add(c.dan, "gesture", {{"text", std::string("Hug")}});
  CHECK(hlc::parse(hug.hlc)->replica == me);
  CHECK(hug.base.empty());
  const entry once = edited(c, hug, c.dan, "Long hug", couple_clock());
  CHECK(once.hlc > hug.hlc);
  CHECK(once.base == hug.hlc);
  const entry twice = edited(c, once, c.dan, "Longer hug", couple_clock());
  CHECK(twice.base == once.hlc + " " + hug.hlc);
  // At most sixteen readings back.
  entry e = twice;
  for (int i = 0; i < 20; ++i) e = edited(c, e, c.dan, fmt::format("Hug {}", i), couple_clock());
  CHECK(std::count(e.base.begin(), e.base.end(), ' ') == 15);
  // Change numbers only rise, even when the highest one is cleared by a version taken in.
  const auto seq = [&](const entry& x) {
    SQLite::Statement st(c.j.db(), "SELECT seq FROM entries WHERE id = ?");
    st.bind(1, x.id);
    st.executeStep();
    return st.getColumn(0).getInt64();
  };
  const std::int64_t before = seq(e);
  c.j.db().exec("UPDATE sync_state SET sent_seq = " + std::to_string(before));
  c.j.db().exec("UPDATE entries SET seq = NULL WHERE id = " + std::to_string(e.id));
  const entry tea = c.add(c.sam, "gesture", {{"text", std::string("Tea")}});
  CHECK(seq(tea) == before + 1);
}

TEST_CASE("a clock a year ahead: an edit made after seeing it is later, and wins") {
  couple here;
  couple ahead;
  const entry hug = here.add(here.dan, "gesture", {{"text", std::string("Hug")}});
  const auto year_on = rebuild::clock::fixed("2027-03-04T08:00", "Europe/Paris");
  // The other device takes the entry in and edits it, its clock a year ahead.
  take(ahead, hug);
  const entry there = edited(ahead, get_entry(ahead.j, find_entry(ahead.j, hug.uuid).id), ahead.dan,
                             "Hug, a year on", year_on);
  CHECK(take(here, there).updated == 1);
  // Edited here after seeing it, with the right clock: still later than the year-ahead one.
  const entry mine = edited(here, get_entry(here.j, hug.id), here.dan, "Hug, seen", couple_clock());
  CHECK(mine.hlc > there.hlc);
  const auto counts = take(ahead, mine);
  CHECK(counts.updated == 1);
  CHECK(counts.kept_aside == 0);
  CHECK(find_entry(ahead.j, hug.uuid).text("text") == "Hug, seen");
  CHECK(list_conflicts(ahead.j).empty());
}

TEST_CASE("two edits at once: both keep the later one and keep the other aside") {
  couple a;
  couple b;
  const entry hug = a.add(a.dan, "gesture", {{"text", std::string("Hug")}});
  take(b, hug);
  const entry on_a = edited(a, hug, a.dan, "Hug at the door", couple_clock());
  const auto later = rebuild::clock::fixed("2026-03-04T08:05", "Europe/Paris");
  const entry on_b = edited(b, find_entry(b.j, hug.uuid), b.dan, "Hug in the kitchen", later);
  REQUIRE(on_b.hlc > on_a.hlc);
  CHECK(take(a, on_b).kept_aside == 1);
  CHECK(take(b, on_a).kept_aside == 1);
  for (couple* x : {&a, &b}) {
    CHECK(find_entry(x->j, hug.uuid).text("text") == "Hug in the kitchen");
    const auto aside = list_conflicts(x->j);
    REQUIRE(aside.size() == 1);
    CHECK(aside[0].other.text("text") == "Hug at the door");
  }
  // Taking the other one is a change of its own, which the other replica takes quietly, and
  // which undo takes back.
  const auto aside = list_conflicts(a.j);
  entry taken;
  {
    write_transaction txn(a.j);
    taken = take_other(a.j, aside[0], a.dan, later);
    txn.commit();
  }
  CHECK(taken.text("text") == "Hug at the door");
  CHECK(list_conflicts(a.j).empty());
  const auto counts = take(b, taken);
  CHECK(counts.updated == 1);
  CHECK(counts.kept_aside == 0);
  CHECK(list_conflicts(b.j).empty());
  {
    write_transaction txn(a.j);
    undo_last(a.j, a.dan, later);
    txn.commit();
  }
  CHECK(find_entry(a.j, hug.uuid).text("text") == "Hug in the kitchen");
  CHECK(list_conflicts(a.j).size() == 1);
  // Only its author takes or dismisses one.
  write_transaction txn(a.j);
  CHECK_THROWS_AS(take_other(a.j, list_conflicts(a.j)[0], a.sam, later), data_error);
  CHECK_THROWS_AS(dismiss_conflict(a.j, list_conflicts(a.j)[0], a.sam), data_error);
}

TEST_CASE("a change to an entry not made by its author is refused; the pair's kinds are not") {
  couple a;
  couple b;
  const entry hug = a.add(a.sam, "gesture", {{"text", std::string("Hug")}});
  take(b, hug);
  entry forged = hug;
  forged.fields["text"] = std::string("Words Sam never wrote");
  forged.hlc = hlc{4102444800000, 0, replica_id(a.j)}.text();
  forged.base = hug.hlc;
  forged.changed_by = "Dan";
  const auto counts = take(b, forged);
  CHECK(counts.refused == 1);
  CHECK(counts.updated == 0);
  CHECK(find_entry(b.j, hug.uuid).text("text") == "Hug");
  // Nor can a version move an entry to the other partner.
  entry moved = forged;
  moved.author = a.dan;
  moved.changed_by = "Dan";
  CHECK(take(b, moved).refused == 1);
  CHECK(find_entry(b.j, hug.uuid).author.name == "Sam");
  // A rule is the pair's: either may change it.
  write_transaction txn(a.j);
  const entry rule =
      add_entry(a.j, kind_named("rule"), a.sam, {couple_clock().today(), {}},
                {{"type", std::string("stop-phrase")}, {"text", std::string("Yellow light")}},
                couple_clock())
          .item;
  const entry changed = edit_entry(a.j, rule, a.dan, std::nullopt,
                                   {{"text", std::string("Red light")}}, couple_clock());
  txn.commit();
  take(b, rule);
  CHECK(take(b, changed).updated == 1);
}

TEST_CASE("a schema 9 journal migrates: each version takes its updated time, the copy an id") {
  temp_dir tmp;
  const auto path = tmp / "journal.db";
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    migrate_to(db, 9);
    db.exec("PRAGMA application_id = 1380076612");
    db.exec(
        "INSERT INTO partners (uuid, name, created_utc) VALUES "
        "('00000000-0000-4000-8000-000000000001', 'Dan', '2026-03-01T08:00:00Z');"
        "INSERT INTO entries (uuid, kind, author, day, time, at_utc, created_utc, "
        "updated_utc) VALUES ('00000000-0000-4000-8000-0000000000a1', 'gesture', 1, "
        "'2026-03-01', '08:00', '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z', "
        "'2026-03-02T09:30:00Z'); INSERT INTO gestures (entry_id, text) VALUES (1, 'Hug')");
  }
  auto j = journal::open(path);
  CHECK(j.schema_version() == journal::latest_schema());
  const entry e = find_entry(j, "00000000-0000-4000-8000-0000000000a1");
  CHECK(e.hlc == hlc::of_updated("2026-03-02T09:30:00Z").text());
  CHECK(e.base.empty());
  CHECK(is_replica_id(replica_id(j)));
  // Not a change to send (number 0, at or below what was sent), but this journal's own: a
  // snapshot of its files holds it (schema 12).
  CHECK(j.db().execAndGet("SELECT count(*) FROM entries WHERE seq = 0").getInt() == 1);
  CHECK(j.db().execAndGet("SELECT count(*) FROM entries WHERE seq > 0").getInt() == 0);
}

TEST_CASE("sync files: sealed, read back whole, and never opened when changed, cut or moved") {
  temp_dir tmp;
  const auto dir = tmp / "shared";
  std::filesystem::create_directory(dir);
  const auto secret = crypto::key::random();
  const sync_keys keys = keys_of(secret);
  const std::string replica = "0123456789abcdef";
  const std::string lines = "{\"type\":\"rebuild-export\",\"version\":1}\nPELICAN\n";
  REQUIRE(write_sync_file(dir, replica, 1, lines, keys));
  CHECK_FALSE(write_sync_file(dir, replica, 1, "other words", keys));  // never rewritten
  const auto path = dir / replica / "1.rbx";
  {
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    CHECK(bytes.find("PELICAN") == std::string::npos);
    CHECK(bytes.find("rebuild-export") == std::string::npos);
  }
  CHECK((std::filesystem::status(path).permissions() & std::filesystem::perms::others_read) ==
        std::filesystem::perms::none);
  const auto got = read_sync_file(dir, replica, 1, keys);
  REQUIRE(got.how == sync_file::state::read);
  CHECK(got.lines == lines);
  CHECK(read_sync_file(dir, replica, 2, keys).how == sync_file::state::missing);
  // Another secret.
  const auto other = keys_of(crypto::key::random());
  CHECK(read_sync_file(dir, replica, 1, other).why == "made with another sync secret");
  // Moved to another number, or another replica's folder.
  std::filesystem::copy_file(path, dir / replica / "2.rbx");
  CHECK(read_sync_file(dir, replica, 2, keys).why == "moved from another name");
  // Known by its authenticated header, whatever its name: a conflict copy is file 1.
  std::filesystem::copy_file(path, dir / replica / "1.sync-conflict-20260304-081500-ABCDEFG.rbx");
  const auto copy =
      read_sync_file_at(dir / replica / "1.sync-conflict-20260304-081500-ABCDEFG.rbx", keys);
  REQUIRE(copy.how == sync_file::state::read);
  CHECK(copy.replica == replica);
  CHECK(copy.number == 1);
  CHECK(copy.stamp.digest == got.stamp.digest);
  CHECK(copy.stamp.digest.size() == 64);
  // Listed in number order, odd names after, hidden (temporary) names passed by.
  std::ofstream(dir / replica / ".1.rbx.rebuild-sync-1") << "x";
  const auto listed = files_in(dir, replica);
  REQUIRE(listed.size() == 3);
  CHECK(listed[0].number == 1);
  CHECK(listed[1].number == 2);
  CHECK_FALSE(listed[2].number);
  std::filesystem::remove(dir / replica / "1.sync-conflict-20260304-081500-ABCDEFG.rbx");
  std::filesystem::remove(dir / replica / ".1.rbx.rebuild-sync-1");
  // One byte changed, or cut short as a sync engine's partial file is.
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign((std::istreambuf_iterator<char>(in)), {});
  }
  for (std::size_t at : {std::size_t{20}, std::size_t{60}, bytes.size() - 1}) {
    std::string changed = bytes;
    changed[at] = static_cast<char>(changed[at] ^ 1);
    std::ofstream(dir / replica / "3.rbx", std::ios::binary) << changed;
    std::filesystem::rename(dir / replica / "3.rbx", dir / replica / "1.rbx");
    CHECK(read_sync_file(dir, replica, 1, keys).how == sync_file::state::unreadable);
  }
  std::ofstream(dir / replica / "1.rbx", std::ios::binary) << bytes.substr(0, bytes.size() - 5);
  CHECK(read_sync_file(dir, replica, 1, keys).why == "cut short (not carried whole yet?)");
  // Only folders named as replicas are replicas.
  std::filesystem::create_directory(dir / ".stfolder");
  std::filesystem::create_directory(dir / "notes");
  CHECK(replicas_in(dir) == std::vector<std::string>{replica});
}

TEST_CASE("the secret is sealed under a key of this device, which a copy does not have") {
  couple c;
  CHECK_FALSE(stored_sync_secret(c.j));
  const sync_secret secret = new_sync_secret();
  const std::string before = replica_id(c.j);
  {
    write_transaction txn(c.j);
    init_sync(c.j, secret, false);
    txn.commit();
  }
  CHECK(replica_id(c.j) != before);
  const auto opened = stored_sync_secret(c.j);
  REQUIRE(opened);
  CHECK(std::equal(secret.begin(), secret.end(), opened->data()));
  {
    SQLite::Statement st(c.j.db(), "SELECT secret FROM sync_state");
    REQUIRE(st.executeStep());
    const auto blob = st.getColumn(0);
    const auto* bytes = static_cast<const unsigned char*>(blob.getBlob());
    CHECK(std::search(bytes, bytes + blob.getBytes(), secret.begin(), secret.end()) ==
          bytes + blob.getBytes());  // sealed, never as it is
  }
  std::filesystem::remove(device_key_path(c.j));
  CHECK_THROWS_AS(stored_sync_secret(c.j), data_error);
}

TEST_CASE("clock readings are bounded: none past the ceiling is read, and none pushes the clock") {
  // A reading no device could make (past the ceiling, or past what 13 digits hold) is no
  // reading at all, so that a forged line is refused rather than followed.
  CHECK(hlc::parse(hlc{hlc::reading_ceiling_ms, 999999, "0123456789abcdef"}.text()));
  CHECK_FALSE(hlc::parse(hlc{hlc::reading_ceiling_ms + 1, 0, "0123456789abcdef"}.text()));
  CHECK_FALSE(hlc::parse("9999999999999.999999.ffffffffffffffff"));
  CHECK_FALSE(hlc::parse("10000000000000.000000.ffffffffffffffff"));
  // Ordered by all three parts, as their texts are.
  const hlc a{5, 1, "aaaaaaaaaaaaaaaa"}, b{5, 1, "bbbbbbbbbbbbbbbb"}, c{5, 2, ""}, d{6, 0, ""};
  CHECK(a < b);
  CHECK(b < c);
  CHECK(c < d);
  CHECK((a.text() < b.text() && b.text() < c.text() && c.text() < d.text()));
  CHECK(a == hlc{5, 1, "aaaaaaaaaaaaaaaa"});

  couple c1;
  // A device clock set past the ceiling (a flat battery's 2287): readings stop at the ceiling
  // and count on there, every one still a reading others take in, every one later than the last.
  const std::int64_t far = 10'000'000'000'000;  // 2286-11-20, past the 13 digits
  const hlc first = next_reading_after(c1.j, far);
  CHECK(first.ms == hlc::clock_ceiling_ms);
  CHECK(hlc::parse(first.text()));
  // A journal holding a reading past what the clock follows (forged, or kept from before
  // readings were bounded) does not push this replica's clock there.
  const entry hug = c1.add(c1.dan, "gesture", {{"text", std::string("Hug")}});
  c1.j.db().exec("UPDATE entries SET hlc = '" +
                 hlc{hlc::reading_ceiling_ms, 999999, "ffffffffffffffff"}.text() +
                 "' WHERE id = " + std::to_string(hug.id));
  const hlc next = next_reading(c1.j, couple_clock());
  CHECK(next.ms < hlc::followed_ceiling_ms);
  CHECK(hlc::parse(next.text()));
}

TEST_CASE("two check-ins of one day from two replicas: the later stands, the other set aside") {
  couple a;
  couple b;
  const entry early =
      a.add(a.dan, "checkin", {{"mood", std::int64_t{4}}, {"stress", std::int64_t{6}}});
  const auto later_clock = rebuild::clock::fixed("2026-03-04T09:00", "Europe/Paris");
  const entry late = checkin_at(b, later_clock, 8, 2);
  // Each takes the other's in: alike on both, the later stands; the earlier is set aside, not
  // deleted: it keeps its clock reading (no change is made of it) and its words, listed.
  CHECK(take(a, late).replaced == 1);
  CHECK(take(b, early).replaced == 1);
  for (couple* c : {&a, &b}) {
    CHECK_FALSE(find_entry(c->j, late.uuid).deleted);
    const entry aside = find_entry(c->j, early.uuid);
    CHECK(aside.deleted);
    CHECK(aside.hlc == early.hlc);
    const auto version = set_aside_version(c->j, aside);
    REQUIRE(version);
    CHECK(version->number("mood") == 4);
    const auto listed = list_conflicts(c->j);
    REQUIRE(listed.size() == 1);
    CHECK(listed.front().other.number("mood") == 4);
  }
  // Taken back on one: it stands, and the other is set aside in its turn.
  {
    write_transaction txn(a.j);
    take_other(a.j, list_conflicts(a.j).front(), a.dan, later_clock);
    txn.commit();
  }
  CHECK_FALSE(find_entry(a.j, early.uuid).deleted);
  CHECK(find_entry(a.j, late.uuid).deleted);
  CHECK(set_aside_version(a.j, find_entry(a.j, late.uuid))->number("mood") == 8);
  // The other replica takes that change in and does the same.
  CHECK(take(b, find_entry(a.j, early.uuid)).updated == 1);
  CHECK_FALSE(find_entry(b.j, early.uuid).deleted);
  CHECK(find_entry(b.j, late.uuid).deleted);
}

TEST_CASE("a schema 10 journal migrates: the files it wrote are its own, their digests unknown") {
  temp_dir tmp;
  const auto path = tmp / "journal.db";
  std::string me;
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    migrate_to(db, 10);
    db.exec("PRAGMA application_id = 1380076612");
    db.exec("UPDATE sync_state SET next_file = 4");
    db.exec("INSERT INTO sync_peers (replica, next_file) VALUES ('0123456789abcdef', 7)");
    me = db.execAndGet("SELECT replica FROM sync_state").getString();
  }
  auto j = journal::open(path);
  CHECK(j.schema_version() == journal::latest_schema());
  const auto own = sync::own_files(j, me);
  REQUIRE(own.size() == 3);
  for (std::int64_t n = 1; n <= 3; ++n) {
    CHECK(own[static_cast<std::size_t>(n - 1)].number == n);
    CHECK(own[static_cast<std::size_t>(n - 1)].stamp.digest.empty());  // checked at next sync
    CHECK(own[static_cast<std::size_t>(n - 1)].seq_from == 0);         // everything goes again
  }
  // What it read of others stays read, by the run in order.
  CHECK(sync::file_read(j, "0123456789abcdef", 6, read_sync_progress(j).peers.front().second));
  CHECK_FALSE(sync::file_read(j, "0123456789abcdef", 7, 7));
}

TEST_CASE("the check-in that stood deleted: the one set aside stands again, on every replica") {
  couple a;
  couple b;
  const entry early =
      a.add(a.dan, "checkin", {{"mood", std::int64_t{4}}, {"stress", std::int64_t{6}}});
  const auto later_clock = rebuild::clock::fixed("2026-03-04T09:00", "Europe/Paris");
  const entry late = checkin_at(b, later_clock, 8, 2);
  take(a, late);  // on a: the early one set aside
  // Deleted on b before b ever saw the early one; on a, the deletion arrives later.
  const auto deleting = rebuild::clock::fixed("2026-03-04T10:00", "Europe/Paris");
  {
    write_transaction txn(b.j);
    delete_entry(b.j, get_entry(b.j, late.id), b.dan, deleting);
    txn.commit();
  }
  take(b, early);  // on b: nothing of that day stands, so the early one does
  take(a, find_entry(b.j, late.uuid));
  for (couple* c : {&a, &b}) {
    CHECK_FALSE(find_entry(c->j, early.uuid).deleted);
    CHECK(find_entry(c->j, early.uuid).number("mood") == 4);
    CHECK(find_entry(c->j, late.uuid).deleted);
    CHECK(list_conflicts(c->j).empty());
  }
  // Deleted here, on a, where it had been set aside: the same, and undo brings the deleted one
  // back and sets the other aside again.
  couple x;
  couple y;
  const entry first =
      x.add(x.dan, "checkin", {{"mood", std::int64_t{3}}, {"stress", std::int64_t{3}}});
  const entry second = checkin_at(y, later_clock, 7, 1);
  take(x, second);
  {
    write_transaction txn(x.j);
    delete_entry(x.j, find_entry(x.j, second.uuid), x.dan, deleting);
    txn.commit();
  }
  CHECK_FALSE(find_entry(x.j, first.uuid).deleted);
  {
    write_transaction txn(x.j);
    undo_last(x.j, x.dan, deleting);
    txn.commit();
  }
  CHECK_FALSE(find_entry(x.j, second.uuid).deleted);
  CHECK(find_entry(x.j, first.uuid).deleted);
  CHECK(list_conflicts(x.j).size() == 1);
}

TEST_CASE("a replica's position: sealed, read back, and no position when changed or moved") {
  temp_dir tmp;
  const auto dir = tmp / "shared";
  std::filesystem::create_directory(dir);
  const sync_keys keys = keys_of(crypto::key::random());
  const std::string me = "0123456789abcdef", other = "fedcba9876543210";
  CHECK_FALSE(read_position_of(dir, me, keys));  // none yet
  write_position(dir, me, {{other, 42}}, keys);
  const auto read = read_position_of(dir, me, keys);
  REQUIRE(read);
  CHECK(*read == read_position{{other, 42}});
  {
    std::ifstream in(dir / me / "position", std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    CHECK(bytes.find(other) == std::string::npos);  // sealed: not even which replicas
  }
  // Rewritten as the replica reads on.
  write_position(dir, me, {{other, 43}}, keys);
  CHECK(read_position_of(dir, me, keys)->front().second == 43);
  // Another secret, or moved into another replica's folder: no position.
  CHECK_FALSE(read_position_of(dir, me, keys_of(crypto::key::random())));
  std::filesystem::create_directory(dir / other);
  std::filesystem::copy_file(dir / me / "position", dir / other / "position");
  CHECK_FALSE(read_position_of(dir, other, keys));
  // One byte changed.
  std::string bytes;
  {
    std::ifstream in(dir / me / "position", std::ios::binary);
    bytes.assign((std::istreambuf_iterator<char>(in)), {});
  }
  bytes[bytes.size() - 3] = static_cast<char>(bytes[bytes.size() - 3] ^ 1);
  std::ofstream(dir / me / "position", std::ios::binary) << bytes;
  CHECK_FALSE(read_position_of(dir, me, keys));
  // Not a sync file: never listed as one.
  CHECK(files_in(dir, me).empty());
}

TEST_CASE("a large sync file's first chunk is read alone, authenticated with its header") {
  temp_dir tmp;
  const auto dir = tmp / "shared";
  std::filesystem::create_directory(dir);
  const sync_keys keys = keys_of(crypto::key::random());
  const std::string replica = "0123456789abcdef";
  const std::string head = "{\"type\":\"rebuild-export\",\"version\":1,\"compacts\":9}\n";
  std::string lines = head;
  while (lines.size() < 300 * 1024) lines += "{\"type\":\"entry\",\"words\":\"PELICAN\"}\n";
  REQUIRE(write_sync_file(dir, replica, 12, lines, keys));
  const auto path = dir / replica / "12.rbx";
  const auto peek = peek_sync_file_at(path, keys);
  REQUIRE(peek.how == sync_file::state::read);
  CHECK(peek.replica == replica);
  CHECK(peek.number == 12);
  CHECK(peek.lines.size() == 64 * 1024);  // one chunk, not the file
  CHECK(peek.lines.substr(0, head.size()) == head);
  // Its header changed (another number): the first chunk does not open.
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign((std::istreambuf_iterator<char>(in)), {});
  }
  bytes[40] = static_cast<char>(bytes[40] ^ 1);
  std::ofstream(dir / replica / "13.rbx", std::ios::binary) << bytes;
  CHECK(peek_sync_file_at(dir / replica / "13.rbx", keys).how == sync_file::state::unreadable);
  CHECK(peek_sync_file_at(dir / replica / "12.rbx", keys_of(crypto::key::random())).how ==
        sync_file::state::unreadable);
  CHECK(peek_sync_file_at(dir / replica / "14.rbx", keys).how == sync_file::state::missing);
}

TEST_CASE("a schema 11 journal migrates: nothing compacted yet, its files as they were") {
  temp_dir tmp;
  const auto path = tmp / "journal.db";
  std::string me;
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    migrate_to(db, 11);
    db.exec("PRAGMA application_id = 1380076612");
    me = db.execAndGet("SELECT replica FROM sync_state").getString();
    db.exec("UPDATE sync_state SET next_file = 3, sent_seq = 5");
    db.exec(fmt::format(
        "INSERT INTO sync_files (replica, number, mine, digest, bytes, mtime_ns, seq_from, "
        "seq_to) VALUES ('{0}', 1, 1, 'aa', 10, 20, 1, 3), ('{0}', 2, 1, 'bb', 11, 21, 4, 5)",
        me));
  }
  auto j = journal::open(path);
  CHECK(j.schema_version() == journal::latest_schema());
  const auto progress = read_sync_progress(j);
  CHECK(progress.compacted == 0);
  CHECK(progress.next_file == 3);
  const auto own = sync::own_files(j, me);
  REQUIRE(own.size() == 2);
  CHECK(own[1].stamp.digest == "bb");
  CHECK(own[1].seq_from == 4);
  CHECK(own[1].compacts == 0);
}

namespace {

/// One `sync` of `c` through `dir`, as the command runs it (the core's exchange, the folder on
/// disk), at `now`.
sync::outcome sync_through(couple& c, const std::filesystem::path& dir,
                           const rebuild::clock& now = test_fixture::couple_clock()) {
  sync::shared_folder folder(dir, keys_of(*stored_sync_secret(c.j)));
  fold_session folding(c.j, now);
  return sync::run(c.j, now, folder, folding);
}

std::int64_t live_gestures(couple& c) {
  return c.j.db()
      .execAndGet("SELECT count(*) FROM entries WHERE kind = 'gesture' AND deleted = 0")
      .getInt64();
}

}  // namespace

TEST_CASE("the exchange: files out and in, folded into a snapshot a newcomer reads whole") {
  ::setenv("REBUILD_SYNC_COMPACT_AFTER", "2", 1);
  couple a, b, newcomer;
  temp_dir shared;
  const sync_secret secret = new_sync_secret();
  for (auto* c : {&a, &b, &newcomer}) {
    write_transaction txn(c->j);
    init_sync(c->j, secret, c != &a);
    txn.commit();
  }
  // Four rounds: a gesture on each device, each syncing.
  for (int round = 0; round < 4; ++round) {
    a.add(a.dan, "gesture", {{"text", fmt::format("Tea {}", round)}});
    const auto out = sync_through(a, shared.path);
    CHECK(out.sent == 1);
    CHECK(out.problems.empty());
    b.add(b.sam, "gesture", {{"text", fmt::format("Hug {}", round)}});
    sync_through(b, shared.path);
  }
  CHECK(live_gestures(b) == 8);
  // A's files read by B (its position says so): folded; the files folded in are gone.
  const auto folded = sync_through(a, shared.path);
  CHECK(folded.files_compacted >= 2);
  CHECK(read_sync_progress(a.j).compacted > 0);
  CHECK_FALSE(std::filesystem::exists(shared / replica_id(a.j) / "1.rbx"));
  CHECK(read_position_of(shared.path, replica_id(b.j), keys_of(*stored_sync_secret(b.j))));
  // B passes A's snapshot by (it read every file it folds in), and stays as it was.
  const auto again = sync_through(b, shared.path);
  CHECK(again.problems.empty());
  CHECK(live_gestures(b) == 8);
  // A newcomer reads each snapshot and the files after it: every gesture.
  const auto joined = sync_through(newcomer, shared.path);
  CHECK(joined.problems.empty());
  CHECK(live_gestures(newcomer) == 8);
  ::unsetenv("REBUILD_SYNC_COMPACT_AFTER");
}
