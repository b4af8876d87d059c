// The shared inventory (issue 13): the starter list, the pair's own items, answers sealed so
// that their size says nothing and a box opens only where it was put, and the overlap: the
// mutual yeses, and the yes+maybe items only when both partners agreed to see them.
#include "rebuild/inventory.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <set>

#include "couple.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/practices.hpp"

using namespace rebuild;

namespace {

const rebuild::clock& now = test_fixture::couple_clock();

struct inventory_couple : test_fixture::couple {
  crypto::key dan_key = crypto::key::random();
  crypto::key sam_key = crypto::key::random();

  void answer(const partner& who, const std::vector<std::pair<std::string, inventory_answer>>& a) {
    write_transaction txn(j);
    set_inventory_answers(j, who, who.id == dan.id ? dan_key : sam_key, a);
    txn.commit();
  }
  /// Every item answered `a` by `who`, but those in `except`.
  void answer_all(const partner& who, inventory_answer a,
                  const std::map<std::string, inventory_answer>& except = {}) {
    std::vector<std::pair<std::string, inventory_answer>> all;
    for (const auto& it : inventory_items(j)) {
      const auto e = except.find(it.key);
      all.emplace_back(it.key, e == except.end() ? a : e->second);
    }
    answer(who, all);
  }
  std::vector<std::string> keys(const std::vector<inventory_item>& items) {
    std::vector<std::string> out;
    for (const auto& it : items) out.push_back(it.key);
    return out;
  }
  void set_show_maybe(const partner& who, const char* value) {
    write_transaction txn(j);
    set_shows_maybe(j, who, who.id == dan.id ? dan_key : sam_key, std::string(value) == "yes");
    txn.commit();
  }
};

const auto yes = inventory_answer::yes;
const auto no = inventory_answer::no;
const auto maybe = inventory_answer::maybe;

}  // namespace

TEST_CASE("the starter list: about 40 items in three tiers, keys s01 onwards, no two alike") {
  test_fixture::couple c;
  const auto items = inventory_items(c.j);
  CHECK(items.size() == 40);
  std::set<std::string> keys, texts;
  int tier = 1;
  for (std::size_t i = 0; i < items.size(); ++i) {
    CHECK(items[i].starter);
    REQUIRE(items[i].tier);
    CHECK(*items[i].tier >= tier);  // by tier: affectionate, then sensual, then sexual
    tier = *items[i].tier;
    keys.insert(items[i].key);
    texts.insert(items[i].text);
  }
  CHECK(keys.size() == 40);
  CHECK(texts.size() == 40);
  CHECK(items.front().key == "s01");
  CHECK(*items.front().tier == 1);
  CHECK(*items.back().tier == 3);
  CHECK(find_inventory_item(c.j, "S07").key == "s07");
}

TEST_CASE("the pair's own items: in their tier after the starters, found by a start of the id") {
  test_fixture::couple c;
  inventory_item reading, ours;
  {
    write_transaction txn(c.j);
    reading = add_inventory_item(c.j, c.dan, "Reading to each other in bed", 1, now);
    ours = add_inventory_item(c.j, c.sam, "A weekend away, just us", std::nullopt, now);
    // The same words in another case, a starter's included, are the same item.
    CHECK_THROWS_AS(add_inventory_item(c.j, c.sam, "READING to each other in bed", 2, now),
                    data_error);
    CHECK_THROWS_AS(add_inventory_item(c.j, c.sam, "holding hands on a walk", 1, now), data_error);
    CHECK_THROWS_AS(add_inventory_item(c.j, c.sam, "  ", 1, now), data_error);
    CHECK_THROWS_AS(add_inventory_item(c.j, c.sam, "Something else", 4, now), data_error);
    txn.commit();
  }
  const auto items = inventory_items(c.j);
  REQUIRE(items.size() == 42);
  CHECK(items[13].key == reading.key);  // after s01..s13, the last of tier 1
  CHECK(items[14].key == "s14");
  CHECK(items.back().key == ours.key);  // without a tier: last
  CHECK_FALSE(items.back().tier);
  CHECK(reading.short_key() == reading.key.substr(0, 8));
  CHECK(find_inventory_item(c.j, reading.key.substr(0, 4)).key == reading.key);
  CHECK_THROWS_AS(find_inventory_item(c.j, reading.key.substr(0, 3)), data_error);
  CHECK_THROWS_AS(find_inventory_item(c.j, "s41"), data_error);
  CHECK_THROWS_AS(find_inventory_item(c.j, "ffffffff"), data_error);
}

TEST_CASE("a partner's answers are one sheet: the file says how many, never which, nor what") {
  inventory_couple c;
  const auto sheet = [&](const partner& p) {
    SQLite::Statement st(c.j.db(),
                         "SELECT box, answered FROM inventory_sheets WHERE partner_id = ?");
    st.bind(1, p.id);
    REQUIRE(st.executeStep());
    return std::make_pair(st.getColumn(0).getString(), st.getColumn(1).getInt());
  };
  // One answer to the first item, or one to the last: one length, one count.
  c.answer(c.dan, {{"s01", yes}});
  c.answer(c.sam, {{"s40", no}});
  CHECK(sheet(c.dan).first.size() == sheet(c.sam).first.size());
  CHECK(sheet(c.dan).second == 1);
  CHECK((sheet(c.dan).first.size() - crypto::sealed_overhead) % inventory_sheet_block() == 0);
  // Everything yes, or a mix: one length again.
  c.answer_all(c.dan, yes);
  c.answer_all(c.sam, no, {{"s02", maybe}, {"s03", yes}});
  CHECK(sheet(c.dan).first.size() == sheet(c.sam).first.size());
  CHECK(sheet(c.dan).second == 40);
  // The same answers again seal anew; nothing is kept per item.
  const std::string before = sheet(c.dan).first;
  c.answer(c.dan, {{"s01", yes}});
  CHECK(sheet(c.dan).first != before);
  SQLite::Statement rows(c.j.db(), "SELECT count(*) FROM inventory_answers");
  rows.executeStep();
  CHECK(rows.getColumn(0).getInt() == 0);
  CHECK(answered_count(c.j, c.sam) == 40);
}

TEST_CASE("answers from before schema 13, one row an item, are read into the sheet at a write") {
  inventory_couple c;
  // As schema 12 kept them: the item in the open, one byte sealed with item and partner.
  const auto old_row = [&](const std::string& item, const std::string& plain) {
    const std::string box =
        crypto::seal(c.dan_key, plain, "rebuild inventory|" + item + "|" + c.dan.uuid);
    SQLite::Statement st(c.j.db(), "INSERT INTO inventory_answers VALUES (?, ?, ?, '')");
    st.bind(1, item);
    st.bind(2, c.dan.id);
    st.bind(3, box.data(), static_cast<int>(box.size()));
    st.exec();
  };
  old_row("s01", "y");
  old_row("s02", "n");
  old_row("show-maybe", "yes");
  CHECK(answered_count(c.j, c.dan) == 2);
  CHECK(inventory_answers(c.j, c.dan, c.dan_key).size() == 2);
  CHECK(shows_maybe(c.j, c.dan, c.dan_key));
  c.answer(c.dan, {{"s03", maybe}});
  SQLite::Statement rows(c.j.db(), "SELECT count(*) FROM inventory_answers");
  rows.executeStep();
  CHECK(rows.getColumn(0).getInt() == 0);  // gone: which items were answered is not in the open
  const auto now = inventory_answers(c.j, c.dan, c.dan_key);
  CHECK(now.size() == 3);
  CHECK(now.at("s01") == yes);
  CHECK(now.at("s02") == no);
  CHECK(now.at("s03") == maybe);
  CHECK(shows_maybe(c.j, c.dan, c.dan_key));
  CHECK(answered_count(c.j, c.dan) == 3);
}

TEST_CASE("answers open with their partner's key; answering again replaces the answer") {
  inventory_couple c;
  c.answer(c.dan, {{"s01", yes}, {"s02", maybe}});
  c.answer(c.dan, {{"s02", no}});
  const auto mine = inventory_answers(c.j, c.dan, c.dan_key);
  CHECK(mine.size() == 2);
  CHECK(mine.at("s01") == yes);
  CHECK(mine.at("s02") == no);
  CHECK(answered_count(c.j, c.dan) == 2);
  CHECK(answered_count(c.j, c.sam) == 0);
  CHECK(inventory_answers(c.j, c.sam, c.sam_key).empty());
  // Another key (Sam's) does not open Dan's answers.
  CHECK_THROWS_AS(inventory_answers(c.j, c.dan, c.sam_key), io_error);
}

TEST_CASE("a sheet moved to the other partner, or changed, does not open: io_error") {
  SUBCASE("moved") {
    inventory_couple c;
    c.answer(c.dan, {{"s01", yes}});
    c.answer(c.sam, {{"s01", no}});
    c.j.db().exec(
        "UPDATE inventory_sheets SET box = (SELECT box FROM inventory_sheets WHERE partner_id = "
        "1) WHERE partner_id = 2");
    // Dan's sheet on Sam's row does not open, not even with Dan's key: it is bound to Dan.
    CHECK_THROWS_AS(inventory_answers(c.j, c.sam, c.dan_key), io_error);
    CHECK_THROWS_AS(inventory_answers(c.j, c.sam, c.sam_key), io_error);
  }
  SUBCASE("changed") {
    inventory_couple c;
    c.answer(c.dan, {{"s01", yes}});
    c.j.db().exec("UPDATE inventory_sheets SET box = zeroblob(length(box))");
    try {
      inventory_answers(c.j, c.dan, c.dan_key);
      FAIL("it opened");
    } catch (const io_error& e) {
      CHECK(std::string(e.what()).find("Dan's inventory answers do not open") != std::string::npos);
    }
    // A write does not pass over it: the answers it holds would be lost.
    write_transaction txn(c.j);
    CHECK_THROWS_AS(set_inventory_answers(c.j, c.dan, c.dan_key, {{"s02", no}}), io_error);
  }
}

TEST_CASE("the overlap: exactly the mutual yeses, in item order, and only when all is answered") {
  inventory_couple c;
  inventory_item own;
  {
    write_transaction txn(c.j);
    own = add_inventory_item(c.j, c.sam, "Reading to each other in bed", 1, now);
    txn.commit();
  }
  c.answer_all(
      c.dan, no,
      {{"s30", yes}, {"s01", yes}, {"s02", yes}, {own.key, yes}, {"s03", maybe}, {"s04", yes}});
  // Sam has skipped one item: nothing is worked out.
  std::map<std::string, inventory_answer> sams{{"s01", yes},   {"s30", yes}, {own.key, yes},
                                               {"s02", maybe}, {"s03", yes}, {"s05", yes}};
  std::vector<std::pair<std::string, inventory_answer>> partial;
  for (const auto& it : inventory_items(c.j))
    if (it.key != "s40") partial.emplace_back(it.key, sams.count(it.key) ? sams[it.key] : no);
  c.answer(c.sam, partial);
  CHECK(answered_count(c.j, c.sam) == 40);
  const auto left = [&] {
    return unanswered(c.j, inventory_answers(c.j, c.dan, c.dan_key),
                      inventory_answers(c.j, c.sam, c.sam_key));
  };
  CHECK(left().first == 0);
  CHECK(left().second == 1);
  CHECK_THROWS_AS(inventory_match(c.j, c.dan, c.dan_key, c.sam, c.sam_key), data_error);
  c.answer(c.sam, {{"s40", no}});

  const auto overlap = inventory_match(c.j, c.dan, c.dan_key, c.sam, c.sam_key);
  // Item order (tier 1: s01, the starters, then the pair's own; tier 3: s30), not answer order.
  CHECK((c.keys(overlap.both_yes) == std::vector<std::string>{"s01", own.key, "s30"}));
  CHECK_FALSE(overlap.maybe_shown);
  CHECK(overlap.to_talk_about.empty());
  // The same from either side.
  CHECK(c.keys(inventory_match(c.j, c.sam, c.sam_key, c.dan, c.dan_key).both_yes) ==
        c.keys(overlap.both_yes));
  // A wrong key for either: nothing.
  CHECK_THROWS_AS(inventory_match(c.j, c.dan, c.sam_key, c.sam, c.sam_key), io_error);
}

TEST_CASE("yes and maybe are shown to talk about only when both partners agreed to see them") {
  inventory_couple c;
  c.answer_all(c.dan, no, {{"s01", yes}, {"s02", yes}, {"s03", maybe}, {"s04", maybe}});
  c.answer_all(c.sam, no, {{"s01", yes}, {"s02", maybe}, {"s03", yes}, {"s04", maybe}});
  const auto talk = [&] {
    const auto o = inventory_match(c.j, c.dan, c.dan_key, c.sam, c.sam_key);
    CHECK(c.keys(o.both_yes) == std::vector<std::string>{"s01"});
    return std::make_pair(o.maybe_shown, c.keys(o.to_talk_about));
  };
  CHECK(talk() == std::make_pair(false, std::vector<std::string>{}));
  CHECK_FALSE(shows_maybe(c.j, c.dan, c.dan_key));
  c.set_show_maybe(c.dan, "yes");
  CHECK(shows_maybe(c.j, c.dan, c.dan_key));
  // Only Dan's key reads it: with Sam's, or moved onto Sam's row, it is no consent.
  CHECK_FALSE(shows_maybe(c.j, c.dan, c.sam_key));
  CHECK(talk() == std::make_pair(false, std::vector<std::string>{}));  // Dan alone: no
  c.set_show_maybe(c.sam, "yes");
  // Yes with maybe, either way round; never maybe with maybe, never anything with a no.
  CHECK((talk() == std::make_pair(true, std::vector<std::string>{"s02", "s03"})));
  // Sam writes "yes" into Dan's row as a plain setting, or copies his own sealed row onto
  // Dan's: neither is Dan's consent.
  c.set_show_maybe(c.dan, "no");
  c.j.db().exec(
      "INSERT OR REPLACE INTO settings (key, value) VALUES ('inventory.show-maybe/' || (SELECT "
      "uuid FROM partners WHERE name = 'Dan'), 'yes')");
  CHECK(talk() == std::make_pair(false, std::vector<std::string>{}));
  // Sam's sheet (consent yes) put on Dan's row is not Dan's: no consent, and no overlap.
  c.j.db().exec(
      "UPDATE inventory_sheets SET box = (SELECT box FROM inventory_sheets WHERE partner_id = 2) "
      "WHERE partner_id = 1");
  CHECK_FALSE(shows_maybe(c.j, c.dan, c.dan_key));
  CHECK_THROWS_AS(inventory_match(c.j, c.dan, c.dan_key, c.sam, c.sam_key), io_error);
}

TEST_CASE("an answer that is skipped is simply not there: the item stays unanswered") {
  inventory_couple c;
  inventory_item own;
  {
    write_transaction txn(c.j);
    own = add_inventory_item(c.j, c.sam, "Reading to each other in bed", 1, now);
    txn.commit();
  }
  c.answer(c.dan, {{"s01", yes}, {own.key, yes}});
  const auto left = [&] {
    return unanswered(c.j, inventory_answers(c.j, c.dan, c.dan_key),
                      inventory_answers(c.j, c.sam, c.sam_key));
  };
  CHECK(left().first == 39);
  CHECK(left().second == 41);
  CHECK(unanswered(c.j, inventory_answers(c.j, c.dan, c.dan_key), {}, 1).first == 12);
  // An answer to an item the journal no longer has (removed by hand) is not counted.
  c.j.db().exec("DELETE FROM inventory_items");
  CHECK(inventory_answers(c.j, c.dan, c.dan_key).size() == 1);
  CHECK(left().first == 39);
}
