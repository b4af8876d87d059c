#include "rebuild/practices.hpp"

#include <doctest/doctest.h>

#include "couple.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/fold.hpp"
#include "rebuild/settings.hpp"
#include "temp_dir.hpp"
#include "ymd.hpp"

using namespace rebuild;

namespace {

const rebuild::clock now =
    rebuild::clock::fixed("2026-03-04T08:00", "Europe/Paris");  // a Wednesday

using test_fixture::couple;

field_values move(const char* m, int stage) {
  return {{"move", std::string(m)}, {"stage", std::int64_t{stage}}};
}

}  // namespace

TEST_CASE("the touch stage moves on only when both partners have asked, and back at once") {
  couple c;
  CHECK(touch_stage(c.j).stage == 1);
  c.add(c.dan, "stage-move", move("advance", 1));
  auto s = touch_stage(c.j);
  CHECK(s.stage == 1);
  CHECK(s.waiting == std::vector<std::string>{"Dan"});
  c.add(c.dan, "stage-move", move("advance", 1));  // asking twice is still one partner
  CHECK(touch_stage(c.j).stage == 1);
  c.add(c.sam, "stage-move", move("advance", 1));
  s = touch_stage(c.j);
  CHECK(s.stage == 2);
  CHECK(s.waiting.empty());
  REQUIRE(s.since);
  CHECK(*s.since == now.today());
  c.add(c.sam, "stage-move", move("advance", 2));
  c.add(c.dan, "stage-move", move("back", 2));  // back clears the pending request
  s = touch_stage(c.j);
  CHECK(s.stage == 1);
  CHECK(s.waiting.empty());
  c.add(c.sam, "stage-move", move("advance", 2));  // stale: made at another stage
  CHECK(touch_stage(c.j).waiting.empty());
}

TEST_CASE("a one-partner journal moves on with one request") {
  temp_dir tmp;
  auto j = journal::create(tmp / "j.db", [](journal& jj) { add_partner(jj, "Ana", now); });
  write_transaction txn(j);
  add_entry(j, kind_named("stage-move"), find_partner(j, "Ana"), {now.today(), std::nullopt},
            move("advance", 1), now);
  CHECK(touch_stage(j).stage == 2);
}

TEST_CASE("touch sittings count per ISO week, and only stage 1 has a target") {
  couple c;
  c.add(c.dan, "touch", {{"stage", std::int64_t{1}}}, ymd(2026, 3, 2));
  c.add(c.sam, "touch", {{"stage", std::int64_t{1}}}, ymd(2026, 3, 4));
  c.add(c.sam, "touch", {{"stage", std::int64_t{1}}}, ymd(2026, 3, 1));  // the week before
  const week w = week_of(now.today());
  CHECK(touch_sittings(c.j, w.monday, w.sunday).size() == 2);
  CHECK(touch_target(1) == 3);
  CHECK(touch_target(2) == 0);
}

TEST_CASE("one sitting however many logged it: both partners within 30 minutes, same stage") {
  const auto log = [](std::int64_t id, std::int64_t author, const char* at, int stage,
                      const char* giver, bool each_way = false) {
    return touch_log{id, author, at, stage, each_way, giver};
  };
  // Dan and Sam log the same sitting 12 minutes apart, each naming themselves the giver:
  // one sitting, given each way.
  auto s = group_sittings(
      {log(2, 20, "2026-03-04T19:12:00Z", 1, "20"), log(1, 10, "2026-03-04T19:00:00Z", 1, "10")});
  REQUIRE(s.size() == 1);
  CHECK(s[0].logs.size() == 2);
  CHECK(s[0].logs.front().id == 1);  // in the order of their times
  CHECK(s[0].each_way);
  // Both name Dan the giver: one sitting, one way (a six-minute one-way sitting is not
  // "five minutes each way").
  s = group_sittings(
      {log(1, 10, "2026-03-04T19:00:00Z", 1, "10"), log(2, 20, "2026-03-04T19:06:00Z", 1, "10")});
  REQUIRE(s.size() == 1);
  CHECK_FALSE(s[0].each_way);
  // One log that says each way is enough.
  s = group_sittings({log(1, 10, "2026-03-04T19:00:00Z", 1, "", true)});
  REQUIRE(s.size() == 1);
  CHECK(s[0].each_way);
  // Exactly 30 minutes joins; 31 does not.
  CHECK(group_sittings({log(1, 10, "2026-03-04T19:00:00Z", 1, "10"),
                        log(2, 20, "2026-03-04T19:30:00Z", 1, "20")})
            .size() == 1);
  CHECK(group_sittings({log(1, 10, "2026-03-04T19:00:00Z", 1, "10"),
                        log(2, 20, "2026-03-04T19:31:00Z", 1, "20")})
            .size() == 2);
  // The same partner twice is two sittings; so are two stages.
  CHECK(group_sittings({log(1, 10, "2026-03-04T19:00:00Z", 1, "10"),
                        log(2, 10, "2026-03-04T19:10:00Z", 1, "10")})
            .size() == 2);
  CHECK(group_sittings({log(1, 10, "2026-03-04T19:00:00Z", 1, "10"),
                        log(2, 20, "2026-03-04T19:10:00Z", 2, "20")})
            .size() == 2);
  // A third log finds the sitting that still lacks its author: Dan, Dan, then Sam.
  s = group_sittings({log(1, 10, "2026-03-04T19:00:00Z", 1, "10"),
                      log(2, 10, "2026-03-04T19:10:00Z", 1, "10"),
                      log(3, 20, "2026-03-04T19:20:00Z", 1, "20")});
  REQUIRE(s.size() == 2);
  CHECK(s[0].logs.size() == 1);
  CHECK(s[1].logs.size() == 2);
  // The order they arrive in (two devices, a late sync) changes nothing.
  const auto a = group_sittings({log(3, 20, "2026-03-04T19:20:00Z", 1, "20"),
                                 log(1, 10, "2026-03-04T19:00:00Z", 1, "10"),
                                 log(2, 10, "2026-03-04T19:10:00Z", 1, "10")});
  REQUIRE(a.size() == 2);
  CHECK(a[1].logs.front().id == 2);
}

namespace {
field_values window(const char* day, const char* start) {
  return {{"weekday", std::string(day)}, {"start", std::string(start)}};
}
std::vector<bool> paused(journal& j, days_t until) {
  std::vector<bool> out;
  for (const auto& v : touch_windows(j, until)) out.push_back(v.paused);
  return out;
}
}  // namespace

TEST_CASE("touch windows pause when the pair steps back, and come back only at stage 3") {
  couple c;
  const days_t d = ymd(2026, 3, 1);
  c.add(c.dan, "touch-window", window("thu", "21:00"), d);  // added at stage 1
  CHECK(paused(c.j, d) == std::vector<bool>{false});
  CHECK(touch_windows(c.j, d - date::days{1}).empty());  // not there before it was added
  c.add(c.dan, "stage-move", move("advance", 1), d + date::days{1});
  c.add(c.sam, "stage-move", move("advance", 1), d + date::days{1});  // stage 2
  CHECK(paused(c.j, d + date::days{1}) == std::vector<bool>{false});
  c.add(c.sam, "stage-move", move("back", 2), d + date::days{2});  // back to 1
  CHECK(paused(c.j, d + date::days{2}) == std::vector<bool>{true});
  CHECK(paused(c.j, d + date::days{1}) == std::vector<bool>{false});  // as it stood then
  c.add(c.dan, "stage-move", move("advance", 1), d + date::days{3});
  c.add(c.sam, "stage-move", move("advance", 1), d + date::days{3});  // stage 2 again
  CHECK(paused(c.j, d + date::days{3}) == std::vector<bool>{true});   // not stage 3 yet
  c.add(c.dan, "stage-move", move("advance", 2), d + date::days{4});
  CHECK(paused(c.j, d + date::days{4}) == std::vector<bool>{true});   // only one asked
  c.add(c.sam, "stage-move", move("advance", 2), d + date::days{4});  // stage 3
  CHECK(touch_stage(c.j, d + date::days{4}).stage == 3);
  CHECK(paused(c.j, d + date::days{4}) == std::vector<bool>{false});
  c.add(c.dan, "stage-move", move("back", 3), d + date::days{5});           // back to 2
  c.add(c.sam, "touch-window", window("sun", "10:30"), d + date::days{5});  // added after it
  CHECK(paused(c.j, d + date::days{5}) == (std::vector<bool>{true, false}));
  CHECK(paused(c.j, d + date::days{4}) == std::vector<bool>{false});  // sun not there yet
}

TEST_CASE("a step back that moves nothing pauses nothing, and a window's revision only grows") {
  couple c;
  const auto w = c.add(c.dan, "touch-window", window("sat", "10:30"), ymd(2026, 3, 2));
  CHECK(window_revision(c.j, w) == 0);
  c.add(c.dan, "stage-move", move("back", 1), ymd(2026, 3, 3));  // at stage 1 already
  CHECK(paused(c.j, ymd(2026, 3, 3)) == std::vector<bool>{false});
  CHECK(window_revision(c.j, w) == 1);
  const auto before = c.add(c.dan, "stage-move", move("advance", 1), ymd(2026, 3, 1));
  CHECK(window_revision(c.j, w) == 1);  // a move made before the window is not counted
  {
    write_transaction txn(c.j);
    edit_entry(c.j, w, c.sam, std::nullopt, {{"start", std::string("11:00")}}, now);
    delete_entry(c.j, before, c.dan, now);
    txn.commit();
  }
  // The edit: one change, and the second its updated time moved past its created time (the
  // clock stood still, and an updated time only moves forward).
  CHECK(window_revision(c.j, get_entry(c.j, w.id)) == 3);
  {
    write_transaction txn(c.j);
    delete_entry(c.j, get_entry(c.j, w.id), c.dan, now);
    txn.commit();
  }
  CHECK(window_revision(c.j, get_entry(c.j, w.id)) == 5);  // and its removal, one more of each
  CHECK(touch_windows(c.j, ymd(2026, 3, 4)).empty());
}

TEST_CASE("stage 1 begins in practice with the first session") {
  couple c;
  CHECK_FALSE(first_session(c.j, ymd(2026, 3, 4)));
  c.add(c.dan, "touch", {{"stage", std::int64_t{1}}}, ymd(2026, 3, 3));
  c.add(c.dan, "touch", {{"stage", std::int64_t{1}}}, ymd(2026, 3, 2));
  CHECK_FALSE(first_session(c.j, ymd(2026, 3, 1)));
  REQUIRE(first_session(c.j, ymd(2026, 3, 4)));
  CHECK(*first_session(c.j, ymd(2026, 3, 4)) == ymd(2026, 3, 2));
}

TEST_CASE("time-outs: the open one, its return, and the pause") {
  couple c;
  CHECK_FALSE(open_timeout(c.j));
  const entry t = c.add(c.dan, "timeout", {{"phrase", std::string("Pause")}}, now.today(),
                        std::chrono::hours{7});
  REQUIRE(open_timeout(c.j));
  CHECK(open_timeout(c.j)->id == t.id);
  const entry r = c.add(c.sam, "timeout-return", {{"timeout", t.uuid}});
  CHECK_FALSE(open_timeout(c.j));
  const auto all = timeouts(c.j);
  REQUIRE(all.size() == 1);
  REQUIRE(all.front().returned);
  CHECK(pause_minutes(t, r.at_utc) == 60);
  SUBCASE("a return must point at a time-out that is there") {
    write_transaction txn(c.j);
    CHECK_THROWS_AS(
        add_entry(c.j, kind_named("timeout-return"), c.sam, {now.today(), std::nullopt},
                  {{"timeout", std::string("00000000-0000-4000-8000-000000000000")}}, now),
        data_error);
  }
}

TEST_CASE("the job ledger: owners come from the latest assignment, balance by count and load") {
  couple c;
  const entry meals =
      c.add(c.dan, "task", {{"name", std::string("Meals")}, {"load", std::int64_t{3}}});
  const entry bills =
      c.add(c.dan, "task", {{"name", std::string("Bills")}, {"load", std::int64_t{4}}});
  c.add(c.dan, "task", {{"name", std::string("Gifts")}});
  c.add(c.dan, "task-assignment", {{"task", meals.uuid}, {"owner", std::string("Sam")}});
  c.add(c.sam, "task-assignment", {{"task", meals.uuid}, {"owner", std::string("dan")}});
  c.add(c.sam, "task-assignment", {{"task", bills.uuid}, {"owner", std::string("Sam")}});
  const auto list = tasks(c.j);
  REQUIRE(list.size() == 3);
  CHECK(list[0].owner == std::optional<std::string>("Dan"));
  CHECK(list[0].assignments.size() == 2);
  CHECK(list[1].owner == std::optional<std::string>("Sam"));
  CHECK_FALSE(list[2].owner);
  const auto balance = task_balance(c.j, list);
  REQUIRE(balance.size() == 3);
  CHECK(balance[0].owner == "Dan");
  CHECK(balance[0].jobs == 1);
  CHECK(balance[0].load == 3);
  CHECK(balance[1].load == 4);
  CHECK(balance[2].owner.empty());
  CHECK(balance[2].jobs == 1);
  SUBCASE("names are unique in any case, and found in any case") {
    write_transaction txn(c.j);
    CHECK_THROWS_AS(add_entry(c.j, kind_named("task"), c.dan, {now.today(), std::nullopt},
                              {{"name", std::string("MEALS")}}, now),
                    data_error);
    CHECK(find_named(c.j, "task", "bills").id == bills.id);
    CHECK(find_named(c.j, "task", bills.uuid.substr(0, 6)).id == bills.id);
    CHECK_THROWS_AS(find_named(c.j, "task", "Hoovering"), data_error);
  }
  SUBCASE("an owner must be a partner") {
    write_transaction txn(c.j);
    CHECK_THROWS_AS(
        add_entry(c.j, kind_named("task-assignment"), c.dan, {now.today(), std::nullopt},
                  {{"task", meals.uuid}, {"owner", std::string("Alex")}}, now),
        data_error);
  }
}

TEST_CASE("a ritual's revision rises with a change made in another copy and taken in") {
  couple c;
  const entry walk = c.add(
      c.dan, "ritual",
      {{"name", std::string("Walk")}, {"every", std::string("thu")}, {"paused", std::int64_t{0}}});
  CHECK(entry_revision(c.j, walk) == 0);
  // The other copy paused it an hour later; merge and import fold its version in.
  entry paused_there = walk;
  paused_there.hlc.clear();  // a copy from before sync: its updated time orders it
  paused_there.fields["paused"] = std::int64_t{1};
  paused_there.updated_utc = iso_utc(utc_from_iso(walk.updated_utc) + std::chrono::hours{1});
  fold_counts counts;
  {
    write_transaction txn(c.j);
    fold_entry(c.j, paused_there, now, counts);
    txn.commit();
  }
  const entry after = get_entry(c.j, walk.id);
  CHECK(after.number("paused") == 1);
  CHECK(entry_revision(c.j, after) == 3600);
  // A change here a second later raises it again; so does an edit within the same second.
  {
    write_transaction txn(c.j);
    edit_entry(c.j, after, c.sam, std::nullopt, {{"paused", std::int64_t{0}}}, now);
    txn.commit();
  }
  CHECK(entry_revision(c.j, get_entry(c.j, walk.id)) > 3600);
}

TEST_CASE("rituals: last kept and next due, by cadence") {
  couple c;
  const days_t wed = now.today();
  auto ritual = [&](const char* name, const char* every) {
    return c.add(
        c.dan, "ritual",
        {{"name", std::string(name)}, {"every", std::string(every)}, {"paused", std::int64_t{0}}});
  };
  const entry walk = ritual("Walk", "thu");
  const entry hug = ritual("Hug", "daily");
  const entry date_night = ritual("Date", "weekly");
  const entry coffee = ritual("Coffee", "wed");
  c.add(c.sam, "ritual-kept", {{"ritual", hug.uuid}});
  c.add(c.sam, "ritual-kept", {{"ritual", date_night.uuid}}, ymd(2026, 3, 1));
  c.add(c.sam, "ritual-kept", {{"ritual", coffee.uuid}});
  const auto all = rituals(c.j);
  REQUIRE(all.size() == 4);
  CHECK(next_due(all[0], wed) == ymd(2026, 3, 5));   // Thursday, never kept
  CHECK(next_due(all[1], wed) == ymd(2026, 3, 5));   // daily, kept today
  CHECK(next_due(all[2], wed) == ymd(2026, 3, 8));   // weekly, kept Sunday
  CHECK(next_due(all[3], wed) == ymd(2026, 3, 11));  // Wednesday, kept today: next week
  CHECK(all[2].last_kept == ymd(2026, 3, 1));
  {
    write_transaction txn(c.j);
    edit_entry(c.j, walk, c.sam, std::nullopt, {{"paused", std::int64_t{1}}}, now);  // shared
    txn.commit();
  }
  CHECK_FALSE(next_due(rituals(c.j)[0], wed));
}

TEST_CASE("the 60-day plan: weeks and phases") {
  const days_t start = ymd(2026, 3, 2);
  CHECK(plan_week(start, ymd(2026, 3, 1)) == 0);
  CHECK(plan_week(start, start) == 1);
  CHECK(plan_week(start, ymd(2026, 3, 15)) == 2);
  CHECK(plan_week(start, ymd(2026, 3, 16)) == 3);
  CHECK(plan_week(start, ymd(2026, 4, 26)) == 8);
  CHECK(plan_week(start, ymd(2026, 4, 27)) == 9);
  CHECK(phase_of_week(1)->first_week == 1);
  CHECK(phase_of_week(4)->first_week == 3);
  CHECK(phase_of_week(8)->first_week == 7);
  CHECK(phase_of_week(9) == nullptr);
  CHECK(phase_of_week(0) == nullptr);
}

TEST_CASE("settings: known keys, checked values, defaults") {
  couple c;
  CHECK(setting(c.j, "checkin.time") == "08:00");
  write_transaction txn(c.j);
  set_config(c.j, "checkin.time", "7:05", now);
  CHECK(setting(c.j, "checkin.time") == "07:05");
  set_config(c.j, "plan.start", "mon", now);
  CHECK(setting(c.j, "plan.start") == "2026-03-02");
  CHECK_THROWS_AS(set_config(c.j, "checkin.time", "7pm", now), data_error);
  CHECK_THROWS_AS(set_config(c.j, "colour", "blue", now), data_error);
  CHECK_THROWS_AS(setting(c.j, "colour"), data_error);
  CHECK(setting(c.j, "touch.lead").empty());
  set_config(c.j, "touch.lead", "sam", now);
  CHECK(setting(c.j, "touch.lead") == "Sam");  // the partner's own spelling
  CHECK_THROWS_AS(set_config(c.j, "touch.lead", "Alex", now), data_error);
  CHECK(setting(c.j, "calendar.titles") == "discreet");
  set_config(c.j, "calendar.titles", "plain", now);
  CHECK(setting(c.j, "calendar.titles") == "plain");
  CHECK_THROWS_AS(set_config(c.j, "calendar.titles", "loud", now), data_error);
}

TEST_CASE("only the touch.lead partner adds, changes or removes stage-3 rules") {
  couple c;
  const field_values rule{{"type", std::string("touch")}, {"text", std::string("Stop at yellow")}};
  CHECK_THROWS_AS(c.add(c.sam, "rule", rule), data_error);  // nobody named yet
  {
    write_transaction txn(c.j);
    set_config(c.j, "touch.lead", "Sam", now);
    txn.commit();
  }
  CHECK_THROWS_AS(c.add(c.dan, "rule", rule), data_error);
  const entry mine = c.add(c.sam, "rule", rule);
  const entry phrase =
      c.add(c.dan, "rule", {{"type", std::string("stop-phrase")}, {"text", std::string("Pause")}});
  write_transaction txn(c.j);
  CHECK_THROWS_AS(
      edit_entry(c.j, mine, c.dan, std::nullopt, {{"text", std::string("Anything")}}, now),
      data_error);
  CHECK_THROWS_AS(
      edit_entry(c.j, phrase, c.dan, std::nullopt, {{"type", std::string("touch")}}, now),
      data_error);
  CHECK_THROWS_AS(delete_entry(c.j, mine, c.dan, now), data_error);
  edit_entry(c.j, phrase, c.dan, std::nullopt, {{"text", std::string("Pause, please")}}, now);
  delete_entry(c.j, mine, c.sam, now);
  CHECK(rules_of_type(c.j, "touch").empty());
}

TEST_CASE("the quarterly review is due 90 days after the last one, or after the start") {
  couple c;
  CHECK(review_due(c.j) == ymd(2026, 5, 31));
  c.add(c.sam, "review",
        {{"good", std::string("g")}, {"heavy", std::string("h")}, {"next", std::string("n")}});
  CHECK(review_due(c.j) == ymd(2026, 6, 2));
}

TEST_CASE("the week's activity: live entries in the range, with the fields the report reads") {
  couple c;
  c.add(c.dan, "checkin",
        {{"mood", std::int64_t{6}},
         {"stress", std::int64_t{3}},
         {"minutes", std::int64_t{20}},
         {"appreciation", std::string("The tea")}},
        ymd(2026, 3, 2), std::chrono::hours{7});
  c.add(c.sam, "bid", {{"text", std::string("Look")}, {"response", std::string("away")}},
        ymd(2026, 3, 3));
  c.add(c.sam, "repair", {{"text", std::string("Sorry")}, {"accepted", std::int64_t{1}}},
        ymd(2026, 3, 3));
  c.add(c.dan, "initiation", {{"tier", std::string("adventure")}}, ymd(2026, 3, 3));
  const entry walk = c.add(
      c.dan, "ritual",
      {{"name", std::string("Walk")}, {"every", std::string("thu")}, {"paused", std::int64_t{0}}},
      ymd(2026, 2, 20));
  c.add(c.sam, "ritual-kept", {{"ritual", walk.uuid}}, ymd(2026, 3, 1));
  c.add(c.dan, "gesture", {{"text", std::string("Too early")}}, ymd(2026, 2, 22));
  const entry gone = c.add(c.dan, "gesture", {{"text", std::string("Gone")}}, ymd(2026, 3, 2));
  {
    write_transaction txn(c.j);
    delete_entry(c.j, gone, c.dan, now);
    txn.commit();
  }
  // Two time-outs: one came back the next day (a second, later return does not count, nor a
  // deleted one), one is still open.
  const entry back = c.add(c.dan, "timeout", {}, ymd(2026, 2, 28), std::chrono::hours{22});
  const entry early = c.add(c.sam, "timeout-return", {{"timeout", back.uuid}}, ymd(2026, 3, 1),
                            std::chrono::hours{6});
  c.add(c.sam, "timeout-return", {{"timeout", back.uuid}}, ymd(2026, 3, 1), std::chrono::hours{9});
  {
    write_transaction txn(c.j);
    delete_entry(c.j, early, c.sam, now);
    txn.commit();
  }
  c.add(c.sam, "timeout", {}, ymd(2026, 3, 3));

  const auto rows = activity_between(c.j, ymd(2026, 2, 23), ymd(2026, 3, 8));
  std::vector<std::string> kinds;
  for (const auto& a : rows) kinds.push_back(a.kind);
  CHECK(kinds == std::vector<std::string>{"timeout", "ritual-kept", "timeout-return", "checkin",
                                          "bid", "repair", "initiation", "timeout"});
  CHECK(rows[0].returned_utc == std::optional<std::string>("2026-03-01T08:00:00Z"));
  CHECK(rows[1].ritual == walk.uuid);
  CHECK(rows[3].author == c.dan.id);
  CHECK(rows[3].day == ymd(2026, 3, 2));
  CHECK(rows[3].time == std::optional<minutes_t>(std::chrono::hours{7}));
  CHECK(rows[3].mood == 6);
  CHECK(rows[3].stress == 3);
  CHECK(rows[3].minutes == 20);
  CHECK(rows[3].appreciation == "The tea");
  CHECK(rows[4].response == "away");
  CHECK(rows[5].accepted == 1);
  CHECK(rows[6].tier == "adventure");
  CHECK_FALSE(rows[7].returned_utc);
  CHECK_FALSE(rows[4].mood);  // fields of other kinds stay empty
}

TEST_CASE("a monthly ritual's day: read in any spelling, found in any month, due on it") {
  CHECK(parse_monthly_on("first sat") == "first sat");
  CHECK(parse_monthly_on("1st Saturday") == "first sat");
  CHECK(parse_monthly_on("LAST friday") == "last fri");
  CHECK(parse_monthly_on("second-tue") == "second tue");
  for (const char* bad : {"fifth sat", "first", "sat", "first someday", "", "0th mon"})
    CHECK_THROWS_AS(parse_monthly_on(bad), data_error);
  for (const auto on : monthly_days()) CHECK(parse_monthly_on(on) == on);
  using date::February;
  using date::March;
  const auto y = date::year{2026};
  CHECK(monthly_occurrence("first sat", y / March) == ymd(2026, 3, 7));
  CHECK(monthly_occurrence("last fri", y / March) == ymd(2026, 3, 27));
  CHECK(monthly_occurrence("fourth sun", y / February) == ymd(2026, 2, 22));
  CHECK(monthly_occurrence("last sat", y / February) == ymd(2026, 2, 28));

  test_fixture::couple c;
  const days_t wed = ymd(2026, 3, 4);
  const entry supper = c.add(c.dan, "ritual",
                             {{"name", std::string("Supper")},
                              {"every", std::string("monthly")},
                              {"paused", std::int64_t{0}},
                              {"on_day", std::string("first sat")}});
  const entry museum = c.add(c.dan, "ritual",
                             {{"name", std::string("Museum")},
                              {"every", std::string("monthly")},
                              {"paused", std::int64_t{0}}});
  auto all = rituals(c.j);
  REQUIRE(all.size() == 2);
  CHECK(next_due(all[0], wed) == ymd(2026, 3, 7));   // its day this month
  CHECK(next_due(all[1], wed) == ymd(2026, 3, 25));  // any day: the month's last seven days
  CHECK(next_due(all[1], ymd(2026, 3, 28)) == ymd(2026, 3, 28));
  CHECK(cadence_text(supper) == "monthly, first sat");
  CHECK(cadence_text(museum) == "monthly");
  c.add(c.dan, "ritual-kept", {{"ritual", museum.uuid}});
  all = rituals(c.j);
  CHECK(next_due(all[1], wed) == ymd(2026, 4, 24));  // kept in March: April's last week
  // A value outside the list is refused where it is written (an import, an edit).
  write_transaction txn(c.j);
  CHECK_THROWS_AS(edit_entry(c.j, supper, c.dan, std::nullopt,
                             {{"on_day", std::string("fifth sat")}}, test_fixture::couple_clock()),
                  data_error);
}
