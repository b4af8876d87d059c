// Private entries in the core: sealed where they are written, opened only with their author's
// key, passed by every read of the other partner, and shown to their author on a connection
// that then refuses to write.
#include "rebuild/private_words.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <stdexcept>

#include "couple.hpp"
#include "rebuild/crypto.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/history.hpp"
#include "rebuild/keys.hpp"
#include "rebuild/practices.hpp"
#include "ymd.hpp"

using namespace rebuild;
using test_fixture::couple;
using test_fixture::couple_clock;

namespace {

entry add_private(couple& c, const crypto::key& k, const char* kind, const field_values& fields) {
  write_transaction txn(c.j);
  auto r = add_entry(c.j, kind_named(kind), c.dan, when{couple_clock().today(), std::nullopt},
                     fields, couple_clock(), &k);
  txn.commit();
  return r.item;
}

std::string raw_bytes(journal& j) {
  SQLite::Statement st(j.db(), "SELECT group_concat(quote(box)) FROM sealed_words");
  st.executeStep();
  return st.getColumn(0).isNull() ? std::string() : st.getColumn(0).getString();
}

}  // namespace

TEST_CASE("a private entry keeps its fields only in its box") {
  couple c;
  const crypto::key k = crypto::key::random();
  const entry e = add_private(
      c, k, "thought",
      {{"text", std::string("I am too much")}, {"evidence", std::string("She stayed")}});
  CHECK(e.is_private);
  CHECK(e.text("text") == "I am too much");
  SQLite::Statement rows(c.j.db(), "SELECT count(*) FROM thoughts");
  rows.executeStep();
  CHECK(rows.getColumn(0).getInt() == 0);  // no row in the kind's table
  const auto box = sealed_box(c.j, e.id);
  REQUIRE(box);
  CHECK(box->find("too much") == std::string::npos);
  CHECK((box->size() - crypto::sealed_overhead) % 64 == 0);  // padded

  entry found = get_entry(c.j, e.id);
  CHECK(found.sealed);
  CHECK(found.text("text").empty());
  open_entry(c.j, found, k);
  CHECK(found.text("evidence") == "She stayed");
}

TEST_CASE("a box opens only with its author's key and in its own entry") {
  couple c;
  const crypto::key k = crypto::key::random();
  const entry a = add_private(c, k, "gesture", {{"text", std::string("A note")}});
  const entry b = add_private(c, k, "gesture", {{"text", std::string("A hug")}});
  entry other_key = get_entry(c.j, a.id);
  CHECK_THROWS_AS(open_entry(c.j, other_key, crypto::key::random()), io_error);
  // b's box put in a's place: same key, same kind, another id.
  store_box(c.j, a.id, *sealed_box(c.j, b.id));
  entry moved = get_entry(c.j, a.id);
  CHECK_THROWS_AS(open_entry(c.j, moved, k), io_error);
}

TEST_CASE("shared kinds cannot be private") {
  couple c;
  const crypto::key k = crypto::key::random();
  CHECK(may_be_private(kind_named("checkin")));
  CHECK_FALSE(may_be_private(kind_named("rule")));
  CHECK_FALSE(may_be_private(kind_named("concern")));
  write_transaction txn(c.j);
  CHECK_THROWS_AS(add_entry(c.j, kind_named("timeout"), c.dan, when{couple_clock().today(), {}}, {},
                            couple_clock(), &k),
                  data_error);
}

TEST_CASE("lists pass private entries by; figures count them, without their figures") {
  couple c;
  const crypto::key k = crypto::key::random();
  add_private(c, k, "checkin",
              {{"mood", std::int64_t{3}},
               {"stress", std::int64_t{8}},
               {"appreciation", std::string("Quiet morning")}});
  c.add(c.sam, "checkin", {{"mood", std::int64_t{7}}, {"stress", std::int64_t{2}}});
  const days_t today = couple_clock().today();
  CHECK(list_entries(c.j, {}).size() == 1);
  // The day is not secret (PRACTICES.md: private entries count as days alike); the mood is.
  auto tallies = tallies_between(c.j, today, today);
  REQUIRE(tallies.size() == 2);
  for (const auto& t : tallies) {
    CHECK(t.figures == (t.author == c.sam.id));
    if (t.author == c.dan.id) CHECK(t.mood == 0);
  }
  for (const auto& a : activity_between(c.j, today, today)) {
    CHECK(a.sealed == (a.author == c.dan.id));
    if (a.sealed) CHECK((!a.mood && !a.stress && a.appreciation.empty()));
  }

  reveal_private(c.j, c.dan, k);
  const auto all = list_entries(c.j, {});
  REQUIRE(all.size() == 2);
  int dan_mood = 0;
  for (const auto& e : all)
    if (e.author.id == c.dan.id) dan_mood = static_cast<int>(e.number("mood").value_or(0));
  CHECK(dan_mood == 3);
  tallies = tallies_between(c.j, today, today);
  REQUIRE(tallies.size() == 2);
  for (const auto& t : tallies) CHECK(t.figures);
  for (const auto& a : activity_between(c.j, today, today)) CHECK_FALSE(a.sealed);
  // A connection that shows them writes nothing.
  CHECK_THROWS_AS(write_transaction(c.j), std::logic_error);
}

TEST_CASE("undo of a private entry's delete puts its box back, still sealed") {
  couple c;
  const crypto::key k = crypto::key::random();
  const entry e = add_private(c, k, "repair", {{"text", std::string("Sorry")}});
  const std::string before = raw_bytes(c.j);
  {
    write_transaction txn(c.j);
    delete_entry(c.j, get_entry(c.j, e.id), c.dan, couple_clock());
    txn.commit();
  }
  CHECK(raw_bytes(c.j).empty());
  {
    write_transaction txn(c.j);
    undo_last(c.j, c.dan, couple_clock());
    txn.commit();
  }
  CHECK(raw_bytes(c.j) == before);
  entry back = get_entry(c.j, e.id);
  open_entry(c.j, back, k);
  CHECK(back.text("text") == "Sorry");
}

TEST_CASE("a new passphrase seals every box again under a new key; the old key opens none") {
  couple c;
  const crypto::kdf_cost cheap{1, 8192};
  {
    write_transaction txn(c.j);
    set_passphrase(c.j, c.dan, "old words for dan", couple_clock(), cheap);
    txn.commit();
  }
  const crypto::key old_key = unlock(c.j, c.dan, "old words for dan");
  const entry e = add_private(c, old_key, "gesture", {{"text", std::string("Tea in bed")}});
  rekeyed done;
  {
    write_transaction txn(c.j);
    done = change_passphrase(c.j, c.dan, old_key, "new words for dan", couple_clock(), cheap);
    txn.commit();
  }
  CHECK(done.entries == 1);
  CHECK(done.unopened.empty());
  const crypto::key new_key = unlock(c.j, c.dan, "new words for dan");
  entry mine = find_entry(c.j, e.uuid, c.dan.id);
  CHECK_THROWS_AS(open_entry(c.j, mine, old_key), io_error);
  open_entry(c.j, mine, new_key);
  CHECK(std::get<std::string>(mine.get("text")) == "Tea in bed");
  // A box that opens under no key (changed outside rebuild) is left, and named.
  c.j.db().exec("UPDATE sealed_words SET box = zeroblob(80)");
  {
    write_transaction txn(c.j);
    done = change_passphrase(c.j, c.dan, new_key, "third words for dan", couple_clock(), cheap);
    txn.commit();
  }
  CHECK(done.entries == 0);
  CHECK(done.unopened == std::vector<std::string>{e.uuid});
}

TEST_CASE("a box binds its entry's day, time and author: moved with sqlite3, it does not open") {
  for (const char* move :
       {"UPDATE entries SET day = '2026-03-01'", "UPDATE entries SET time = '23:59'",
        "UPDATE entries SET time = '00:00'", "UPDATE entries SET author = 2"}) {
    CAPTURE(std::string(move));
    couple c;
    const crypto::key k = crypto::key::random();
    const entry e = add_private(c, k, "gesture", {{"text", std::string("Not enough")}});
    entry as_is = get_entry(c.j, e.id);
    open_entry(c.j, as_is, k);  // as written: opens
    c.j.db().exec(move);
    entry moved = get_entry(c.j, e.id);
    CHECK_THROWS_AS(open_entry(c.j, moved, k), io_error);
    // And in a reading of all of them: named, the rest still shown.
    CHECK(reveal_private(c.j, moved.author, k).size() == 1);
  }
}

TEST_CASE("moving a private entry to another day needs its key, and seals it again there") {
  couple c;
  const crypto::key k = crypto::key::random();
  const entry e = add_private(c, k, "gesture", {{"text", std::string("Tea in bed")}});
  const when monday{ymd(2026, 3, 2), std::chrono::hours{7}};
  {
    write_transaction txn(c.j);
    CHECK_THROWS_AS(edit_entry(c.j, get_entry(c.j, e.id), c.dan, monday, {}, couple_clock()),
                    data_error);
  }
  {
    write_transaction txn(c.j);
    edit_entry(c.j, get_entry(c.j, e.id), c.dan, monday, {}, couple_clock(), &k);
    txn.commit();
  }
  entry moved = get_entry(c.j, e.id);
  CHECK(moved.day == ymd(2026, 3, 2));
  open_entry(c.j, moved, k);
  CHECK(moved.text("text") == "Tea in bed");
  // Undo puts the day and the box back together: it opens where it was.
  {
    write_transaction txn(c.j);
    undo_last(c.j, c.dan, couple_clock());
    txn.commit();
  }
  entry back = get_entry(c.j, e.id);
  CHECK(back.day == couple_clock().today());
  open_entry(c.j, back, k);
  CHECK(back.text("text") == "Tea in bed");
}

TEST_CASE("a box from before schema 13 opens, and is bound at its author's next private write") {
  couple c;
  const crypto::key k = crypto::key::random();
  const entry e = add_private(c, k, "gesture", {{"text", std::string("Old words")}});
  // As schema 12 sealed it: padded to 64, bound to id and kind alone.
  const std::string old_box =
      crypto::seal_padded(k, R"({"text":"Old words"})", "rebuild entry|" + e.uuid + "|gesture", 64);
  {
    SQLite::Statement st(c.j.db(), "UPDATE sealed_words SET box = ?, bound = 0");
    st.bind(1, old_box.data(), static_cast<int>(old_box.size()));
    st.exec();
  }
  entry old = get_entry(c.j, e.id);
  open_entry(c.j, old, k);
  CHECK(old.text("text") == "Old words");
  // The author's next private entry seals it again, bound to its day as well.
  add_private(c, k, "gesture", {{"text", std::string("New words")}});
  CHECK(c.j.db().execAndGet("SELECT min(bound) FROM sealed_words").getInt() == 1);
  CHECK(*sealed_box(c.j, e.id) != old_box);
  entry bound = get_entry(c.j, e.id);
  open_entry(c.j, bound, k);
  CHECK(bound.text("text") == "Old words");
  c.j.db().exec(
      fmt::format("UPDATE entries SET day = '2026-03-01' WHERE id = {}", static_cast<int>(e.id)));
  entry moved = get_entry(c.j, e.id);
  CHECK_THROWS_AS(open_entry(c.j, moved, k), io_error);
}
