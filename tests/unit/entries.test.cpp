#include "rebuild/entries.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <stdlib.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "rebuild/errors.hpp"
#include "rebuild/fold.hpp"
#include "rebuild/goals.hpp"
#include "rebuild/history.hpp"
#include "temp_dir.hpp"

using namespace rebuild;

namespace {

const rebuild::clock now = rebuild::clock::fixed("2026-03-04T08:00", "Europe/Paris");

struct couple {
  temp_dir tmp;
  journal j = journal::create(tmp / "journal.db", [](journal& jj) {
    add_partner(jj, "Dan", now);
    add_partner(jj, "Sam", now);
  });
  partner dan = find_partner(j, "dan");
  partner sam = find_partner(j, "SAM");

  added add(const partner& who, const char* kind, field_values fields, days_t day = now.today()) {
    write_transaction txn(j);
    auto r = add_entry(j, kind_named(kind), who, when{day, std::chrono::hours{8}}, fields, now);
    txn.commit();
    return r;
  }
};

field_values checkin(int mood, int stress) {
  return {{"mood", std::int64_t{mood}}, {"stress", std::int64_t{stress}}};
}

}  // namespace

TEST_CASE("who is writing: --as, then REBUILD_PARTNER, then the only partner") {
  couple c;
  ::unsetenv("REBUILD_PARTNER");
  CHECK(resolve_partner(c.j, "sam").name == "Sam");
  CHECK_THROWS_AS(resolve_partner(c.j, ""), data_error);  // two partners, nobody named
  CHECK_THROWS_AS(resolve_partner(c.j, "Alex"), data_error);
  ::setenv("REBUILD_PARTNER", "dan", 1);
  CHECK(resolve_partner(c.j, "").name == "Dan");
  CHECK(resolve_partner(c.j, "Sam").name == "Sam");  // the flag wins
  ::unsetenv("REBUILD_PARTNER");

  temp_dir tmp;
  auto solo = journal::create(tmp / "j.db", [](journal& jj) { add_partner(jj, "Ana", now); });
  CHECK(resolve_partner(solo, "").name == "Ana");
}

TEST_CASE("partner names") {
  couple c;
  write_transaction txn(c.j);
  CHECK_THROWS_AS(add_partner(c.j, "DAN", now), data_error);
  CHECK_THROWS_AS(add_partner(c.j, "", now), data_error);
  CHECK_THROWS_AS(add_partner(c.j, "a\nb", now), data_error);
  CHECK_THROWS_AS(add_partner(c.j, "-x", now), data_error);
  CHECK(partner_names(partners(c.j)) == "Dan and Sam");
}

TEST_CASE("an entry has a v4 UUID, its author, day, instant and times") {
  couple c;
  const entry e = c.add(c.dan, "checkin", checkin(7, 3)).item;
  CHECK(e.uuid.size() == 36);
  CHECK(e.uuid[14] == '4');
  CHECK(std::string("89ab").find(e.uuid[19]) != std::string::npos);
  CHECK(e.author.name == "Dan");
  CHECK(iso_day(e.day) == "2026-03-04");
  CHECK(e.at_utc == "2026-03-04T07:00:00Z");  // 08:00 in Paris
  CHECK(e.created_utc == "2026-03-04T07:00:00Z");
  CHECK_FALSE(e.deleted);
  CHECK(std::get<std::int64_t>(e.get("mood")) == 7);
  CHECK(std::holds_alternative<std::monostate>(e.get("note")));
}

TEST_CASE("values are checked against their kind") {
  couple c;
  write_transaction txn(c.j);
  const when at{now.today(), std::nullopt};
  const auto& k = kind_named("checkin");
  CHECK_THROWS_AS(add_entry(c.j, k, c.dan, at, checkin(0, 3), now), data_error);
  CHECK_THROWS_AS(add_entry(c.j, k, c.dan, at, checkin(11, 3), now), data_error);
  CHECK_THROWS_AS(add_entry(c.j, k, c.dan, at, {{"mood", std::int64_t{5}}}, now), data_error);
  auto with_text = checkin(5, 5);
  with_text["note"] = std::string(" \n ");
  CHECK_THROWS_AS(add_entry(c.j, k, c.dan, at, with_text, now), data_error);
  with_text["note"] = std::string(10001, 'x');
  CHECK_THROWS_AS(add_entry(c.j, k, c.dan, at, with_text, now), data_error);
  with_text["note"] = std::string(10000, 'x');
  CHECK_NOTHROW(add_entry(c.j, k, c.dan, at, with_text, now));
  CHECK_THROWS_AS(
      add_entry(c.j, kind_named("bid"), c.dan, at,
                {{"text", std::string("x")}, {"response", std::string("sideways")}}, now),
      data_error);
  CHECK_THROWS_AS(kind_named("hug"), data_error);
}

TEST_CASE("a second check-in the same day replaces the first, and undo brings it back") {
  couple c;
  const entry first = c.add(c.dan, "checkin", checkin(6, 5)).item;
  const entry other_day = c.add(c.dan, "checkin", checkin(4, 4), now.today() - date::days{1}).item;
  const entry sams = c.add(c.sam, "checkin", checkin(5, 5)).item;
  const added second = c.add(c.dan, "checkin", checkin(8, 2));
  REQUIRE(second.replaced);
  CHECK(second.replaced->id == first.id);
  CHECK(list_entries(c.j, {}).size() == 3);  // Dan today, Dan yesterday, Sam today
  CHECK(checkin_days(c.j, c.dan, week_of(now.today())) == 2);

  write_transaction txn(c.j);
  const auto undone_list = undo_last(c.j, c.dan, now);
  REQUIRE(undone_list.size() == 1);
  const auto* u = &undone_list.front();
  CHECK(u->action == "add");
  CHECK(u->item.deleted);
  REQUIRE(u->restored);
  CHECK(u->restored->id == first.id);
  CHECK_FALSE(get_entry(c.j, first.id).deleted);
  (void)other_day;
  (void)sams;
}

TEST_CASE("one goal rating a week per partner") {
  couple c;
  c.add(c.dan, "rating", {{"rating", std::int64_t{4}}}, now.today() - date::days{2});  // Monday
  const added again = c.add(c.dan, "rating", {{"rating", std::int64_t{6}}});
  CHECK(again.replaced);
  const added last_week =
      c.add(c.dan, "rating", {{"rating", std::int64_t{3}}}, now.today() - date::days{7});
  CHECK_FALSE(last_week.replaced);
  CHECK(std::get<std::int64_t>(rating_in_week(c.j, c.dan, week_of(now.today()))->get("rating")) ==
        6);
  CHECK_FALSE(rating_in_week(c.j, c.sam, week_of(now.today())));
}

TEST_CASE("goals keep their history") {
  couple c;
  c.add(c.dan, "goal",
        {{"problem", std::string("P1")},
         {"outcome", std::string("O1")},
         {"months", std::int64_t{3}}});
  c.add(c.dan, "goal",
        {{"problem", std::string("P2")},
         {"outcome", std::string("O2")},
         {"months", std::int64_t{6}}});
  CHECK(std::get<std::string>(current_goal(c.j, c.dan)->get("problem")) == "P2");
  REQUIRE(goal_history(c.j, c.dan).size() == 1);
  CHECK(std::get<std::string>(goal_history(c.j, c.dan).front().get("problem")) == "P1");
  CHECK_FALSE(current_goal(c.j, c.sam));
}

TEST_CASE("edit, delete and undo, by the author only") {
  couple c;
  const entry g = c.add(c.sam, "gesture", {{"text", std::string("Hug")}}).item;
  // Each step is one command: one write transaction.
  auto command = [&](auto&& step) {
    write_transaction txn(c.j);
    auto result = step();
    txn.commit();
    return result;
  };
  {
    write_transaction txn(c.j);
    CHECK_THROWS_AS(edit_entry(c.j, g, c.dan, std::nullopt, {{"text", std::string("x")}}, now),
                    data_error);
    CHECK_THROWS_AS(delete_entry(c.j, g, c.dan, now), data_error);
    CHECK_THROWS_AS(edit_entry(c.j, g, c.sam, std::nullopt, {{"mood", std::int64_t{5}}}, now),
                    data_error);
  }
  const when yesterday{now.today() - date::days{1}, std::chrono::hours{21}};
  const entry edited = command([&] {
    return edit_entry(c.j, g, c.sam, yesterday, {{"text", std::string("Long hug")}}, now);
  });
  CHECK(std::get<std::string>(edited.get("text")) == "Long hug");
  CHECK(edited.day == yesterday.day);
  CHECK(edited.at_utc == "2026-03-03T20:00:00Z");

  command([&] {
    delete_entry(c.j, edited, c.sam, now);
    return 0;
  });
  CHECK(list_entries(c.j, {}).empty());
  {
    write_transaction txn(c.j);
    CHECK_THROWS_AS(delete_entry(c.j, get_entry(c.j, g.id), c.sam, now), data_error);
    CHECK_THROWS_AS(edit_entry(c.j, get_entry(c.j, g.id), c.sam, std::nullopt,
                               {{"text", std::string("y")}}, now),
                    data_error);
  }
  auto undo = [&](const partner& who) { return command([&] { return undo_last(c.j, who, now); }); };
  CHECK(undo(c.sam).at(0).action == "delete");
  CHECK_FALSE(get_entry(c.j, g.id).deleted);
  CHECK(undo(c.sam).at(0).action == "edit");
  const entry back = get_entry(c.j, g.id);
  CHECK(std::get<std::string>(back.get("text")) == "Hug");
  CHECK(back.day == g.day);
  CHECK(back.at_utc == g.at_utc);
  CHECK(undo(c.sam).at(0).action == "add");
  CHECK(get_entry(c.j, g.id).deleted);
  CHECK(undo(c.sam).empty());
  CHECK(undo(c.dan).empty());
}

TEST_CASE("undo reverts every change of one command together") {
  couple c;
  {
    write_transaction txn(c.j);
    const entry task = add_entry(c.j, kind_named("task"), c.dan, {now.today(), std::nullopt},
                                 {{"name", std::string("Meals")}}, now)
                           .item;
    add_entry(c.j, kind_named("task-assignment"), c.dan, {now.today(), std::nullopt},
              {{"task", task.uuid}, {"owner", std::string("Sam")}}, now);
    txn.commit();
  }
  c.add(c.dan, "gesture", {{"text", std::string("Hug")}});
  {
    write_transaction txn(c.j);
    CHECK(undo_last(c.j, c.dan, now).size() == 1);  // the gesture, a command of its own
    txn.commit();
  }
  write_transaction txn(c.j);
  const auto both = undo_last(c.j, c.dan, now);
  REQUIRE(both.size() == 2);
  CHECK(both[0].item.kind->name == "task-assignment");  // newest first
  CHECK(both[1].item.kind->name == "task");
  CHECK(list_entries(c.j, {}).empty());
}

TEST_CASE("undo never leaves two live rituals or jobs of one name, in any case") {
  couple c;
  auto command = [&](auto&& step) {  // one command: one write transaction
    write_transaction txn(c.j);
    auto result = step();
    txn.commit();
    return result;
  };
  const auto ritual = [](const char* name) {
    return field_values{
        {"name", std::string(name)}, {"every", std::string("sun")}, {"paused", std::int64_t{0}}};
  };
  // A refused undo throws inside the command's transaction, which then writes nothing.
  const auto refused_undo = [&](const partner& who) {
    write_transaction txn(c.j);
    try {
      undo_last(c.j, who, now);
    } catch (const data_error& e) {
      return std::string(e.what());
    }
    return std::string("undone");
  };

  SUBCASE("undoing a delete") {
    const entry walk = c.add(c.dan, "ritual", ritual("Walk")).item;
    command([&] {
      delete_entry(c.j, walk, c.dan, now);
      return 0;
    });
    const entry sams = c.add(c.sam, "ritual", ritual("walk")).item;
    const std::string why = refused_undo(c.dan);
    CHECK(why == fmt::format("cannot undo: it would bring back the ritual 'Walk', and the ritual "
                             "'walk' (id {}) now has that name; rename or delete that one first",
                             sams.short_id()));
    CHECK(get_entry(c.j, walk.id).deleted);
    CHECK(refused_undo(c.dan) == why);  // still Dan's latest command, not marked undone
    CHECK(entries_of_kind(c.j, "ritual").size() == 1);
    // Once Sam's is gone, the same undo brings Dan's back.
    command([&] {
      delete_entry(c.j, sams, c.sam, now);
      return 0;
    });
    const auto undone = command([&] { return undo_last(c.j, c.dan, now); });
    REQUIRE(undone.size() == 1);
    CHECK(undone[0].action == "delete");
    CHECK(find_named(c.j, "ritual", "WALK").id == walk.id);
  }

  SUBCASE("undoing an edit that renamed") {
    const entry meals = c.add(c.dan, "task", {{"name", std::string("Meals")}}).item;
    command([&] {
      return edit_entry(c.j, meals, c.dan, std::nullopt, {{"name", std::string("Dinner")}}, now);
    });
    const entry sams = c.add(c.sam, "task", {{"name", std::string("MEALS")}}).item;
    CHECK(refused_undo(c.dan) ==
          fmt::format("cannot undo: it would rename the job 'Dinner' back to 'Meals', and the job "
                      "'MEALS' (id {}) now has that name; rename or delete that one first",
                      sams.short_id()));
    CHECK(get_entry(c.j, meals.id).text("name") == "Dinner");
    command([&] {
      return edit_entry(c.j, sams, c.sam, std::nullopt, {{"name", std::string("Lunch")}}, now);
    });
    command([&] { return undo_last(c.j, c.dan, now); });
    CHECK(get_entry(c.j, meals.id).text("name") == "Meals");
  }

  SUBCASE("an edit that kept the name is undone as before") {
    const entry walk = c.add(c.dan, "ritual", ritual("Walk")).item;
    command([&] {
      return edit_entry(c.j, walk, c.dan, std::nullopt, {{"every", std::string("sat")}}, now);
    });
    CHECK(refused_undo(c.dan) == "undone");
  }
}

TEST_CASE("ids: full, unique prefixes of 4 or more, in any case") {
  couple c;
  const entry a = c.add(c.dan, "gesture", {{"text", std::string("a")}}).item;
  const entry b = c.add(c.dan, "gesture", {{"text", std::string("b")}}).item;
  c.j.db().exec("UPDATE entries SET uuid = 'abcd1111-0000-4000-8000-000000000000' WHERE id = " +
                std::to_string(a.id));
  c.j.db().exec("UPDATE entries SET uuid = 'abcd2222-0000-4000-8000-000000000000' WHERE id = " +
                std::to_string(b.id));
  CHECK(find_entry(c.j, "abcd1").id == a.id);
  CHECK(find_entry(c.j, "ABCD2222-0000-4000-8000-000000000000").id == b.id);
  CHECK_THROWS_AS(find_entry(c.j, "abcd"), data_error);  // ambiguous
  CHECK_THROWS_AS(find_entry(c.j, "abc"), data_error);   // too short
  CHECK_THROWS_AS(find_entry(c.j, "ffff"), data_error);  // unknown
  CHECK_THROWS_AS(find_entry(c.j, "zzzz"), data_error);  // not an id
}

TEST_CASE("the log lists live entries newest first, filtered") {
  couple c;
  const days_t today = now.today();
  c.add(c.dan, "checkin", checkin(5, 5), today - date::days{3});
  c.add(c.sam, "gesture", {{"text", std::string("x")}}, today - date::days{1});
  c.add(c.dan, "bid", {{"text", std::string("y")}, {"response", std::string("toward")}}, today);
  const auto all = list_entries(c.j, {});
  REQUIRE(all.size() == 3);
  CHECK(all[0].kind->name == "bid");
  CHECK(all[2].kind->name == "checkin");
  log_filter f;
  f.since = today - date::days{1};
  CHECK(list_entries(c.j, f).size() == 2);
  f.author = c.sam.id;
  CHECK(list_entries(c.j, f).size() == 1);
  log_filter k;
  k.kind = &kind_named("checkin");
  k.limit = 1;
  CHECK(list_entries(c.j, k).size() == 1);
}

TEST_CASE("every entry, in batches, in order, tombstones when asked") {
  couple c;
  {
    write_transaction txn(c.j);  // more than two batches, of two kinds, over many days
    for (int i = 0; i < 1200; ++i) {
      const days_t day = now.today() - date::days{i / 3};
      if (i % 2 == 0)
        add_entry(c.j, kind_named("gesture"), i % 4 == 0 ? c.dan : c.sam,
                  when{day, std::chrono::minutes{i % 3 * 60}},
                  {{"text", "gesture " + std::to_string(i)}}, now);
      else
        add_entry(c.j, kind_named("bid"), c.dan, when{day, std::chrono::minutes{i % 3 * 60}},
                  {{"text", "bid " + std::to_string(i)}, {"response", std::string("toward")}}, now);
    }
    txn.commit();
  }
  const auto newest_first = list_entries(c.j, {});
  REQUIRE(newest_first.size() == 1200);
  log_filter oldest;
  oldest.oldest_first = true;
  std::vector<entry> seen;
  each_entry(c.j, oldest, [&](entry& e) { seen.push_back(e); });
  REQUIRE(seen.size() == 1200);
  for (std::size_t i = 0; i < seen.size(); ++i) {
    const entry& e = seen[i];
    CHECK(e.uuid == newest_first[seen.size() - 1 - i].uuid);
    if (i > 0) CHECK(std::tie(seen[i - 1].day, seen[i - 1].at_utc) <= std::tie(e.day, e.at_utc));
    CHECK(e.text("text").rfind(e.kind->name == std::string_view("bid") ? "bid " : "gesture ", 0) ==
          0);
  }
  {
    write_transaction txn(c.j);
    delete_entry(c.j, seen.front(), seen.front().author, now);
    txn.commit();
  }
  CHECK(list_entries(c.j, {}).size() == 1199);
  log_filter all = oldest;
  all.with_deleted = true;
  const auto with_tombstones = list_entries(c.j, all);
  REQUIRE(with_tombstones.size() == 1200);
  CHECK(with_tombstones.front().deleted);
  CHECK(with_tombstones.front().uuid == seen.front().uuid);
}

TEST_CASE("every entry, a page at a time: ties of day and time, a limit, filters, reading inside") {
  couple c;
  {
    // 700 entries at one instant (more than two pages of ties) and 100 the day before.
    write_transaction txn(c.j);
    for (int i = 0; i < 800; ++i)
      add_entry(c.j, kind_named(i % 5 == 0 ? "bid" : "gesture"), i % 2 == 0 ? c.dan : c.sam,
                when{now.today() - date::days{i < 700 ? 0 : 1}, std::chrono::hours{9}},
                i % 5 == 0 ? field_values{{"text", "bid " + std::to_string(i)},
                                          {"response", std::string("toward")}}
                           : field_values{{"text", "gesture " + std::to_string(i)}},
                now);
    txn.commit();
  }
  const auto ids = [&](const log_filter& f) {
    std::vector<std::int64_t> out;
    each_entry(c.j, f, [&](entry& e) { out.push_back(e.id); });
    return out;
  };
  log_filter oldest;
  oldest.oldest_first = true;
  const auto up = ids(oldest);
  REQUIRE(up.size() == 800);
  for (std::size_t i = 1; i < up.size(); ++i) {
    if (i == 100) continue;    // the day changes here: the 700 of today come after
    CHECK(up[i - 1] < up[i]);  // ties of day and time go by id, none twice, none missed
  }
  auto down = ids({});
  REQUIRE(down.size() == 800);
  std::reverse(down.begin(), down.end());
  CHECK(down == up);

  log_filter limited = oldest;
  limited.limit = 300;  // across a page's end
  CHECK(ids(limited) == std::vector<std::int64_t>(up.begin(), up.begin() + 300));
  limited.limit = 256;  // exactly one page
  CHECK(ids(limited) == std::vector<std::int64_t>(up.begin(), up.begin() + 256));

  log_filter sams_gestures = oldest;
  sams_gestures.author = c.sam.id;
  sams_gestures.kind = &kind_named("gesture");
  const auto sams = ids(sams_gestures);
  CHECK(sams.size() == 400 - 80);  // odd i, less the odd multiples of 5
  for (const auto id : sams) {
    const entry e = get_entry(c.j, id);
    CHECK(e.author.name == "Sam");
    CHECK(e.kind->name == std::string_view("gesture"));
  }

  // A visit that reads the journal, the same way, does not upset the reading it is in.
  std::size_t outer = 0;
  std::size_t inner_total = 0;
  log_filter first_three = oldest;
  first_three.limit = 3;
  each_entry(c.j, oldest, [&](entry&) {
    ++outer;
    if (outer % 100 == 0) inner_total += ids(first_three).size();
  });
  CHECK(outer == 800);
  CHECK(inner_total == 8 * 3);
}

TEST_CASE("folding in another copy's entry: by id, the later update wins, one kind an id") {
  couple c;
  const entry mine = c.add(c.dan, "gesture", {{"text", std::string("Hug")}}).item;
  fold_counts counts;
  entry theirs = mine;
  theirs.hlc.clear();  // a copy from before sync: its updated time orders it
  theirs.fields["text"] = std::string("Long hug");
  theirs.updated_utc = "2026-03-04T06:00:00Z";  // older than ours (07:00Z): ours stays
  {
    write_transaction txn(c.j);
    fold_entry(c.j, theirs, now, counts);
    txn.commit();
  }
  CHECK(get_entry(c.j, mine.id).text("text") == "Hug");
  theirs.updated_utc = "2026-03-04T09:00:00Z";  // newer: theirs comes in, whole
  theirs.deleted = true;
  {
    write_transaction txn(c.j);
    fold_entry(c.j, theirs, now, counts);
    txn.commit();
  }
  const entry after = get_entry(c.j, mine.id);
  CHECK(after.text("text").empty());  // a tombstone comes in without words, and ours go
  CHECK(c.j.db().execAndGet("SELECT count(*) FROM gestures").getInt() == 0);
  CHECK(after.deleted);
  CHECK(after.updated_utc == "2026-03-04T09:00:00Z");
  CHECK(counts.same == 1);
  CHECK(counts.updated == 1);
  theirs.kind = &kind_named("bid");
  theirs.fields = {{"text", std::string("A bid")}, {"response", std::string("toward")}};
  theirs.updated_utc = "2026-03-04T10:00:00Z";
  write_transaction txn(c.j);
  CHECK_THROWS_AS(fold_entry(c.j, theirs, now, counts), data_error);
}

TEST_CASE("folding lists what it overwrote and what gave way: kind, author, day, id, no words") {
  couple c;
  const days_t today = now.today();
  const entry hug = c.add(c.dan, "gesture", {{"text", std::string("Hug")}}).item;
  const entry walk = c.add(c.sam, "ritual",
                           {{"name", std::string("Walk")},
                            {"every", std::string("sun")},
                            {"paused", std::int64_t{0}}})
                         .item;
  const entry mine = c.add(c.dan, "checkin", checkin(6, 3), today - date::days{1}).item;
  const entry gone = c.add(c.sam, "gesture", {{"text", std::string("Tea")}}).item;
  {
    write_transaction txn(c.j);
    delete_entry(c.j, gone, c.sam, now);
    txn.commit();
  }
  // The other copy, as it would come in: each version updated after ours (07:00Z).
  entry longer = hug;
  longer.fields["text"] = std::string("Long hug");
  longer.updated_utc = "2026-03-04T07:30:00Z";
  entry walk_gone = walk;
  walk_gone.deleted = true;
  walk_gone.fields.clear();
  walk_gone.updated_utc = "2026-03-04T07:30:00Z";
  entry tea_back = gone;
  tea_back.deleted = false;
  tea_back.fields = {{"text", std::string("Tea")}};
  tea_back.updated_utc = "2026-03-04T07:30:00Z";
  entry later = mine;  // Dan's check-in of yesterday, written on the other copy after ours
  later.uuid = "aaaa0000-0000-4000-8000-000000000001";
  later.created_utc = later.updated_utc = "2026-03-04T07:30:00Z";
  entry earlier = mine;  // and one written there before ours, of the same day
  earlier.uuid = "aaaa0000-0000-4000-8000-000000000002";
  earlier.created_utc = earlier.updated_utc = "2026-03-04T06:00:00Z";
  std::vector<entry> theirs = {longer, walk_gone, tea_back, later, earlier};
  for (auto& e : theirs) e.hlc.clear();  // a copy from before sync: updated times order them

  fold_counts counts;
  {
    write_transaction txn(c.j);
    for (const auto& e : theirs) fold_entry(c.j, e, now, counts);
    txn.commit();
  }
  using w = fold_change::what;
  std::vector<std::tuple<w, std::string, std::string, std::string, std::string>> seen;
  for (const auto& ch : counts.changes)
    seen.emplace_back(ch.happened, std::string(ch.kind->name), ch.uuid,
                      ch.author + " " + iso_day(ch.day), ch.name);
  const std::string day = iso_day(today), yesterday = iso_day(today - date::days{1});
  CHECK(seen == decltype(seen){
                    {w::updated, "gesture", hug.uuid, "Dan " + day, ""},
                    {w::deleted, "ritual", walk.uuid, "Sam " + day, "Walk"},  // its name here
                    {w::restored, "gesture", gone.uuid, "Sam " + day, ""},
                    {w::replaced, "checkin", mine.uuid, "Dan " + yesterday, ""},
                    {w::gave_way, "checkin", earlier.uuid, "Dan " + yesterday, ""},
                });
  CHECK(counts.updated == 3);
  CHECK(counts.replaced == 2);

  // Folding the same copy again changes nothing, and says nothing changed.
  fold_counts again;
  {
    write_transaction txn(c.j);
    for (const auto& e : theirs) fold_entry(c.j, e, now, again);
    txn.commit();
  }
  CHECK(again.changes.empty());
  CHECK(again.same == 5);
}
