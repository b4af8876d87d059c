// The weekly report's model counts as PRACTICES.md "How the report counts" says, on a real
// journal in a temp folder; and a past week's figures do not move with what happened later.
#include <doctest/doctest.h>

#include "rebuild/practices.hpp"
#include "rebuild/render.hpp"
#include "rebuild/report.hpp"
#include "rebuild/settings.hpp"
#include "temp_dir.hpp"
#include "ymd.hpp"

using namespace rebuild;

namespace {

rebuild::clock at(const char* local) { return rebuild::clock::fixed(local, "Europe/Paris"); }

struct couple {
  temp_dir tmp;
  journal j = journal::create(tmp / "journal.db", [](journal& jj) {
    add_partner(jj, "Dan", at("2026-02-16T08:00"));
    add_partner(jj, "Sam", at("2026-02-16T08:00"));
    set_setting(jj, "plan.start", "2026-02-16");
  });
  partner dan = find_partner(j, "Dan");
  partner sam = find_partner(j, "Sam");

  entry add(const partner& who, const char* kind, const field_values& f, days_t day,
            minutes_t time = std::chrono::hours{8}, const char* now = "2026-03-04T08:00") {
    write_transaction txn(j);
    const entry e = add_entry(j, kind_named(kind), who, when{day, time}, f, at(now)).item;
    txn.commit();
    return e;
  }
  // As `ritual pause`/`resume` do: the ritual's state and a dated entry, in one transaction.
  void set_paused(const entry& ritual, bool paused, days_t day, const char* now) {
    write_transaction txn(j);
    edit_entry(j, get_entry(j, ritual.id), dan, std::nullopt,
               {{"paused", std::int64_t{paused ? 1 : 0}}}, at(now));
    add_entry(j, kind_named("ritual-pause"), dan, when{day, std::chrono::hours{9}},
              {{"ritual", ritual.uuid}, {"paused", std::int64_t{paused ? 1 : 0}}}, at(now));
    txn.commit();
  }
  weekly_report report(days_t any_day, days_t today, int weeks = 8) {
    return build_report(j, week_of(any_day), today, false, weeks);
  }
};

const days_t w09 = ymd(2026, 2, 23);    // Monday of 2026-W09
const days_t after = ymd(2026, 3, 20);  // a day well after it

}  // namespace

TEST_CASE("gestures: the couple's 2 to 5 a day, and who made each day's first") {
  couple c;
  for (unsigned d = 23; d <= 28; ++d) {
    const bool dan_first = d % 2 == 1;
    c.add(dan_first ? c.dan : c.sam, "gesture", {{"text", std::string("Tea")}}, ymd(2026, 2, d),
          std::chrono::hours{8});
    c.add(dan_first ? c.sam : c.dan, "gesture", {{"text", std::string("Hug")}}, ymd(2026, 2, d),
          std::chrono::hours{9});
  }
  for (int i = 0; i < 6; ++i)
    c.add(c.dan, "gesture", {{"text", std::string("x")}}, ymd(2026, 3, 1));
  const auto r = c.report(w09, after);
  CHECK(r.current.gestures.total == 18);
  CHECK(r.current.gestures.days_within_2_5 == 6);  // one each is two a day; six on Sunday is over
  REQUIRE(r.current.gestures.first_by.size() == 2);
  CHECK(r.current.gestures.first_by[0].count == 4);  // Dan: 23, 25, 27 and Sunday
  CHECK(r.current.gestures.first_by[1].count == 3);
  CHECK(r.current.gestures.first_of_day[0] == "Dan");  // the 23rd
  CHECK(r.current.gestures.first_of_day[1] == "Sam");
}

TEST_CASE("touch: a sitting each way is one session, counted at the stage of its time") {
  couple c;
  c.add(c.dan, "touch", {{"stage", std::int64_t{1}}, {"each_way", std::int64_t{1}}},
        ymd(2026, 2, 23));
  c.add(c.sam, "touch",
        {{"stage", std::int64_t{1}}, {"each_way", std::int64_t{1}}, {"signal", std::string("red")}},
        ymd(2026, 2, 24));
  c.add(c.dan, "stage-move", {{"move", std::string("advance")}, {"stage", std::int64_t{1}}},
        ymd(2026, 2, 25));
  c.add(c.sam, "stage-move", {{"move", std::string("advance")}, {"stage", std::int64_t{1}}},
        ymd(2026, 2, 25));
  c.add(c.sam, "touch", {{"stage", std::int64_t{2}}}, ymd(2026, 2, 26));
  const auto r = c.report(w09, after);
  CHECK(r.current.stage.sessions == 3);
  CHECK(r.current.stage.by_stage == std::array<int, 3>{2, 1, 0});
  CHECK(r.current.stage.red == 1);
  REQUIRE(r.current.stage.moves.size() == 1);
  CHECK(r.current.stage.moves[0].from == 1);
  CHECK(r.current.stage.moves[0].to == 2);
  CHECK(r.current.stage.moves[0].partner == "Sam");
  CHECK(r.current.stage.current == 2);
  // A later step back moves nothing in that week.
  c.add(c.dan, "stage-move", {{"move", std::string("back")}, {"stage", std::int64_t{2}}},
        ymd(2026, 3, 3));
  const auto later = c.report(w09, after);
  CHECK(later.current.stage.current == 2);
  CHECK(later.current.stage.moves.size() == 1);
}

TEST_CASE("rituals: planned as they stood at that time, kept once an occurrence") {
  couple c;
  const entry walk = c.add(
      c.dan, "ritual",
      {{"name", std::string("Walk")}, {"every", std::string("thu")}, {"paused", std::int64_t{0}}},
      ymd(2026, 2, 16));
  const entry tea = c.add(
      c.sam, "ritual",
      {{"name", std::string("Tea")}, {"every", std::string("daily")}, {"paused", std::int64_t{0}}},
      ymd(2026, 2, 24));  // a Tuesday
  c.set_paused(walk, true, ymd(2026, 2, 24), "2026-02-24T09:00");
  for (const partner& who : {c.dan, c.sam})
    c.add(who, "ritual-kept", {{"ritual", tea.uuid}}, ymd(2026, 2, 25));
  c.add(c.dan, "ritual-kept", {{"ritual", tea.uuid}}, ymd(2026, 2, 26));
  const auto r = c.report(w09, after);
  CHECK(r.current.rituals.planned == 6);  // the tea, Tuesday to Sunday; the walk was paused
  CHECK(r.current.rituals.kept == 2);     // both on the 25th is one
  // The week before: the walk was running on Thursday the 19th; the tea did not exist.
  CHECK(r.previous.rituals.planned == 1);
  CHECK(r.previous.rituals.kept == 0);
  // Picked up again later: the paused week stays as it was.
  c.set_paused(walk, false, ymd(2026, 3, 3), "2026-03-03T09:00");
  const auto later = c.report(w09, after);
  CHECK(later.current.rituals.planned == 6);
  CHECK(later.previous.rituals.planned == 1);
  // And the week it came back in counts it.
  const auto w10 = c.report(ymd(2026, 3, 2), after);
  CHECK(w10.current.rituals.planned == 8);  // 7 teas and the walk on Thursday the 5th
}

TEST_CASE("a ritual paused before pauses were dated counts as paused from its last change") {
  couple c;
  c.add(c.dan, "ritual",
        {{"name", std::string("Walk")}, {"every", std::string("thu")}, {"paused", std::int64_t{1}}},
        ymd(2026, 2, 16), std::chrono::hours{8}, "2026-02-24T09:00");
  CHECK(c.report(ymd(2026, 2, 16), after).current.rituals.planned == 1);  // 19th: not yet paused
  CHECK(c.report(w09, after).current.rituals.planned == 0);
}

TEST_CASE("the week still running is counted so far, beside the same days of the week before") {
  couple c;
  for (unsigned d : {23u, 24u, 25u, 26u, 27u})
    c.add(c.dan, "checkin", {{"mood", std::int64_t{6}}, {"stress", std::int64_t{4}}},
          ymd(2026, 2, d));
  for (unsigned d : {2u, 3u})
    c.add(c.dan, "checkin", {{"mood", std::int64_t{7}}, {"stress", std::int64_t{3}}},
          ymd(2026, 3, d));
  const auto r = c.report(ymd(2026, 3, 4), ymd(2026, 3, 4));  // a Wednesday
  CHECK(r.partial);
  CHECK(r.days_so_far == 3);
  CHECK(r.current.days.days() == 3);
  CHECK(r.current.checkins[0].days == 2);
  CHECK(r.previous.checkins[0].days == 3);  // Monday to Wednesday of the week before, not 5
  const auto done = c.report(ymd(2026, 3, 4), ymd(2026, 3, 8));  // its Sunday: a whole week
  CHECK_FALSE(done.partial);
  CHECK(done.previous.checkins[0].days == 5);
}

TEST_CASE("time-outs: returns sooner than 20 minutes are counted") {
  couple c;
  const entry t1 =
      c.add(c.sam, "timeout", {}, ymd(2026, 2, 24), std::chrono::hours{20}, "2026-02-24T20:00");
  c.add(c.sam, "timeout-return", {{"timeout", t1.uuid}, {"note", std::string("We breathed")}},
        ymd(2026, 2, 24), std::chrono::hours{20} + std::chrono::minutes{10}, "2026-02-24T20:10");
  const entry t2 =
      c.add(c.dan, "timeout", {}, ymd(2026, 2, 25), std::chrono::hours{20}, "2026-02-25T20:00");
  c.add(c.dan, "timeout-return", {{"timeout", t2.uuid}}, ymd(2026, 2, 25), std::chrono::hours{21},
        "2026-02-25T21:00");
  const auto r = c.report(w09, after);
  CHECK(r.current.timeouts.called == 2);
  CHECK(r.current.timeouts.returned_within_24h == 2);
  CHECK(r.current.timeouts.under_20_min == 1);
  REQUIRE(r.current.timeouts.notes.size() == 1);
  CHECK(r.current.timeouts.notes[0].text == "We breathed");
  CHECK(build_report(c.j, week_of(w09), after, true).current.timeouts.notes.empty());
}

TEST_CASE("the trend has a row a week, oldest first, and micro-wins notice what rose") {
  couple c;
  c.add(c.dan, "rating", {{"rating", std::int64_t{4}}}, ymd(2026, 2, 18));
  c.add(c.dan, "rating", {{"rating", std::int64_t{6}}}, ymd(2026, 2, 25));
  c.add(c.dan, "checkin", {{"mood", std::int64_t{5}}, {"stress", std::int64_t{7}}},
        ymd(2026, 2, 18));
  c.add(c.dan, "checkin", {{"mood", std::int64_t{6}}, {"stress", std::int64_t{5}}},
        ymd(2026, 2, 25));
  c.add(c.dan, "checkin", {{"mood", std::int64_t{8}}, {"stress", std::int64_t{3}}},
        ymd(2026, 2, 26));
  const auto r = c.report(w09, after, 3);
  REQUIRE(r.trend.size() == 3);
  CHECK(r.trend[0].label == "2026-W07");
  CHECK(r.trend[2].label == "2026-W09");
  CHECK(r.trend[2].partners[0].rating == 6);
  CHECK(r.trend[2].partners[0].checkin_days == 2);
  CHECK(r.trend[2].partners[0].mood == doctest::Approx(7.0));
  CHECK_FALSE(r.trend[0].partners[0].rating.has_value());
  const auto has = [&](const std::string& text) {
    for (const auto& w : r.micro_wins)
      if (w.find(text) != std::string::npos) return true;
    return false;
  };
  CHECK(has("Dan's stress eased: 4.0 after 7.0"));
  CHECK(has("Dan feels closer to the outcome: 6 of 10, after 4"));
}

TEST_CASE(
    "jobs: the monthly review falls due a month after listing; giving an unowned job counts") {
  couple c;
  // Listed on Mon 23 Feb: Laundry with an owner (not a reassignment), Bins with none.
  const entry laundry = c.add(c.dan, "task", {{"name", std::string("Laundry")}}, w09);
  c.add(c.dan, "task-assignment", {{"task", laundry.uuid}, {"owner", std::string("Sam")}}, w09);
  const entry bins = c.add(c.dan, "task", {{"name", std::string("Bins")}}, w09);
  // Bins, unowned, given to Dan on Wednesday: that is a reassignment.
  c.add(c.sam, "task-assignment", {{"task", bins.uuid}, {"owner", std::string("Dan")}},
        w09 + date::days{2}, std::chrono::hours{8}, "2026-03-04T09:00");
  const auto w = c.report(w09, after);
  CHECK(w.current.tasks.reassigned == 1);
  CHECK_FALSE(w.current.tasks.review_due);  // listed this week: a month to go
  CHECK(jobs_review_due(c.j) == w09 + date::days{30});
  // Due from 25 Mar, the week of 23 Mar (W13), not before.
  CHECK_FALSE(c.report(ymd(2026, 3, 16), after).current.tasks.review_due);
  CHECK(c.report(ymd(2026, 3, 23), ymd(2026, 3, 29)).current.tasks.review_due);
  // A review on 20 Mar moves it a month on.
  c.add(c.dan, "task-review", {}, ymd(2026, 3, 20), std::chrono::hours{8}, "2026-03-20T08:00");
  CHECK_FALSE(c.report(ymd(2026, 3, 23), ymd(2026, 3, 29)).current.tasks.review_due);
  CHECK(jobs_review_due(c.j) == ymd(2026, 4, 19));
  CHECK(jobs_review_due(c.j, ymd(2026, 3, 19)) == w09 + date::days{30});  // as it stood then
}

TEST_CASE("bids: the share turned toward is rounded, not cut (6 of 11 is 55%)") {
  couple c;
  for (int i = 0; i < 11; ++i)
    c.add(i % 2 ? c.dan : c.sam, "bid",
          {{"text", std::string("Look")}, {"response", std::string(i < 6 ? "toward" : "away")}},
          w09 + date::days{i % 7});
  const auto w = c.report(w09, after);
  REQUIRE(w.current.bids.toward == 6);
  bool found = false;
  for (const auto& row : figure_rows(w))
    if (row.label == "share turned toward") {
      found = true;
      CHECK(row.now == "55%");
    }
  CHECK(found);
}

TEST_CASE("past weeks as they stood: a later return leaves the time-out open at the week's end") {
  couple c;
  // Called Sunday 1 Mar at 21:00 (W09's last day), returned Monday 2 Mar at 08:00.
  const entry t =
      c.add(c.dan, "timeout", {}, ymd(2026, 3, 1), std::chrono::hours{21}, "2026-03-01T21:00");
  c.add(c.dan, "timeout-return", {{"timeout", t.uuid}}, ymd(2026, 3, 2), std::chrono::hours{8},
        "2026-03-02T08:00");
  const auto w09 = c.report(ymd(2026, 2, 23), after);
  CHECK(w09.current.timeouts.called == 1);
  CHECK(w09.current.timeouts.still_open == 1);
  CHECK(w09.current.timeouts.returned_within_24h == 0);
  // The week after, the W09 column (its week before) says the same.
  CHECK(c.report(ymd(2026, 3, 2), after).previous.timeouts.still_open == 1);
}

TEST_CASE("past weeks as they stood: each column has the windows of its own week") {
  couple c;
  c.add(c.dan, "touch-window", {{"weekday", std::string("sat")}, {"start", std::string("10:00")}},
        ymd(2026, 3, 4));
  const auto w10 = c.report(ymd(2026, 3, 2), after);
  CHECK(w10.current.stage.windows.size() == 1);
  CHECK(w10.previous.stage.windows.empty());  // W09 had none
  CHECK(c.report(ymd(2026, 2, 23), after).current.stage.windows.empty());
}

TEST_CASE("past weeks as they stood: a window removed later stays in the weeks before") {
  couple c;
  const entry sat =
      c.add(c.dan, "touch-window",
            {{"weekday", std::string("sat")}, {"start", std::string("10:00")}}, ymd(2026, 2, 16));
  c.add(c.dan, "touch-window", {{"weekday", std::string("thu")}, {"start", std::string("21:00")}},
        ymd(2026, 2, 16));
  CHECK(c.report(w09, after).current.stage.windows.size() == 2);
  // Removed on Wednesday 4 March (as `stage window remove` does): W09 and its week before keep
  // it; W10, at whose end it was gone, does not; the W10 report's week-before column has it.
  c.add(c.sam, "touch-window-end", {{"window", sat.uuid}}, ymd(2026, 3, 4));
  const auto w09_after = c.report(w09, after);
  CHECK(w09_after.current.stage.windows.size() == 2);
  CHECK(w09_after.previous.stage.windows.size() == 2);
  const auto w10 = c.report(ymd(2026, 3, 2), after);
  REQUIRE(w10.current.stage.windows.size() == 1);
  CHECK(w10.current.stage.windows[0].weekday == "thu");
  CHECK(w10.previous.stage.windows.size() == 2);
  CHECK(touch_windows(c.j, ymd(2026, 3, 3)).size() == 2);
  CHECK(touch_windows(c.j, ymd(2026, 3, 4)).size() == 1);
  CHECK(windows_removed(c.j, ymd(2026, 3, 4)).size() == 1);
  CHECK(window_removed_on(c.j, sat) == ymd(2026, 3, 4));
}

// 000: "hosting a month-to-month supper with neighbours". On a day of the month, it is planned
// in the week that day falls in; on any day, once a month, in the week its month ends, unless
// it was kept earlier that month.
TEST_CASE("rituals: a monthly one on its day of the month, or once a month on any day") {
  couple c;
  const entry supper = c.add(c.dan, "ritual",
                             {{"name", std::string("Supper")},
                              {"every", std::string("monthly")},
                              {"paused", std::int64_t{0}},
                              {"on_day", std::string("first sat")}},
                             ymd(2026, 2, 16));
  const entry museum = c.add(c.sam, "ritual",
                             {{"name", std::string("Museum")},
                              {"every", std::string("monthly")},
                              {"paused", std::int64_t{0}}},
                             ymd(2026, 2, 16));
  // W10 (2-8 Mar) holds the first Saturday of March, the 7th; W09 (23 Feb-1 Mar) the end of
  // February, the 28th.
  auto w10 = c.report(ymd(2026, 3, 2), after);
  auto feb = c.report(w09, after);
  CHECK(w10.current.rituals.planned == 1);  // the supper; the museum waits for the 31st
  CHECK(feb.current.rituals.planned == 1);  // the museum, February's; the supper fell on 7 Feb
  CHECK(feb.current.rituals.kept == 0);
  // Kept earlier in February: the week its month ends plans it no more.
  c.add(c.sam, "ritual-kept", {{"ritual", museum.uuid}}, ymd(2026, 2, 18));
  feb = c.report(w09, after);
  CHECK(feb.current.rituals.planned == 0);
  CHECK(feb.previous.rituals.planned == 1);  // kept on the 18th: planned and kept that week
  CHECK(feb.previous.rituals.kept == 1);
  c.add(c.dan, "ritual-kept", {{"ritual", supper.uuid}}, ymd(2026, 3, 7));
  w10 = c.report(ymd(2026, 3, 2), after);
  CHECK(w10.current.rituals.kept == 1);
}

TEST_CASE("past weeks as they stood: a job's load and a ritual's cadence edited later") {
  couple c;
  const entry bins = c.add(c.dan, "task",
                           {{"name", std::string("Bins")},
                            {"load", std::int64_t{2}},
                            {"deadline", std::string("2026-02-27")}},
                           ymd(2026, 2, 16));
  const entry walk = c.add(
      c.dan, "ritual",
      {{"name", std::string("Walk")}, {"every", std::string("daily")}, {"paused", std::int64_t{0}}},
      ymd(2026, 2, 16));
  const auto load_in = [](const week_figures& f) {
    int load = 0;
    for (const auto& o : f.tasks.by_owner) load += o.load;
    return load;
  };
  const auto load_of = [&](const weekly_report& r) { return load_in(r.current); };
  REQUIRE(load_of(c.report(w09, after)) == 2);
  REQUIRE(c.report(w09, after).current.rituals.planned == 7);
  REQUIRE(c.report(w09, after).current.tasks.deadlines == 1);
  // Edited on 4 March (as `tasks edit` and `edit` do): heavier, no deadline, a weekly walk.
  {
    write_transaction txn(c.j);
    edit_entry(c.j, bins, c.sam, std::nullopt, {{"load", std::int64_t{5}}, {"deadline", value{}}},
               at("2026-03-04T09:00"));
    edit_entry(c.j, walk, c.sam, std::nullopt, {{"every", std::string("weekly")}},
               at("2026-03-04T09:00"));
    txn.commit();
  }
  const auto w09_after = c.report(w09, after);
  CHECK(load_of(w09_after) == 2);  // as it stood on 1 March
  CHECK(w09_after.current.tasks.deadlines == 1);
  CHECK(w09_after.current.rituals.planned == 7);
  CHECK(w09_after.current.rituals.items.at(0).every == "daily");
  const auto w10 = c.report(ymd(2026, 3, 2), after);
  CHECK(load_of(w10) == 5);  // at the end of W10 the edit stood
  CHECK(w10.current.rituals.items.at(0).every == "weekly");
  CHECK(load_in(w10.previous) == 2);  // its week-before column: W09 as it stood
  CHECK(w10.previous.rituals.planned == 7);
  // One change entry per edit, holding what was; undo takes the edit and it back together.
  CHECK(entries_of_kind(c.j, "task-change").size() == 1);
  CHECK(entries_of_kind(c.j, "ritual-change").size() == 1);
  // An edit that changes nothing keeps no history.
  {
    write_transaction txn(c.j);
    edit_entry(c.j, get_entry(c.j, bins.id), c.sam, std::nullopt, {{"load", std::int64_t{5}}},
               at("2026-03-05T09:00"));
    txn.commit();
  }
  CHECK(entries_of_kind(c.j, "task-change").size() == 1);
}

TEST_CASE("past weeks as they stood: a rule's words, a rule removed, an agreement and plan.start") {
  couple c;
  const entry line =
      c.add(c.sam, "rule", {{"type", std::string("red-line")}, {"text", std::string("No yelling")}},
            ymd(2026, 2, 16));
  const entry phrase =
      c.add(c.dan, "rule", {{"type", std::string("stop-phrase")}, {"text", std::string("Pause")}},
            ymd(2026, 2, 16));
  const entry bridge =
      c.add(c.dan, "transparency",
            {{"text", std::string("Phone open")}, {"until", std::string("2026-03-31")}},
            ymd(2026, 2, 16));
  const auto before = c.report(w09, after);
  REQUIRE(before.rules.red_lines == std::vector<std::string>{"No yelling"});
  REQUIRE(before.rules.stop_phrases == std::vector<std::string>{"Pause"});
  REQUIRE(before.current.transparency.at(0).text == "Phone open");
  REQUIRE(before.plan_week == 2);
  // On 4 March: the red line reworded, the stop-phrase removed (a dated rule-end, as `rules
  // remove` writes), the agreement shortened, and the plan started again.
  {
    write_transaction txn(c.j);
    edit_entry(c.j, line, c.sam, std::nullopt, {{"text", std::string("No raised voices")}},
               at("2026-03-04T09:00"));
    add_entry(c.j, kind_named("rule-end"), c.dan, when{ymd(2026, 3, 4), std::chrono::hours{9}},
              {{"rule", phrase.uuid}}, at("2026-03-04T09:00"));
    edit_entry(
        c.j, bridge, c.dan, std::nullopt,
        {{"text", std::string("Phone open, evenings")}, {"until", std::string("2026-03-15")}},
        at("2026-03-04T09:00"));
    const rebuild::clock now = at("2026-03-04T09:00");
    set_config(c.j, "plan.start", "2026-03-02", now);
    txn.commit();
  }
  const auto w09_after = c.report(w09, after);
  CHECK(w09_after.rules.red_lines == std::vector<std::string>{"No yelling"});
  CHECK(w09_after.rules.stop_phrases == std::vector<std::string>{"Pause"});
  CHECK(w09_after.current.transparency.at(0).text == "Phone open");
  CHECK(w09_after.current.transparency.at(0).until == ymd(2026, 3, 31));
  CHECK(w09_after.plan_start == ymd(2026, 2, 16));
  CHECK(w09_after.plan_week == 2);
  // W10, at whose end every change stood; its week-before column is W09 as it stood.
  const auto w10 = c.report(ymd(2026, 3, 2), after);
  CHECK(w10.rules.red_lines == std::vector<std::string>{"No raised voices"});
  CHECK(w10.rules.stop_phrases.empty());
  CHECK(w10.current.transparency.at(0).text == "Phone open, evenings");
  CHECK(w10.current.transparency.at(0).until == ymd(2026, 3, 15));
  CHECK(w10.previous.transparency.at(0).until == ymd(2026, 3, 31));
  CHECK(w10.plan_start == ymd(2026, 3, 2));
  CHECK(w10.plan_week == 1);
  // The rules of today: the removed one is not in force; each edit kept one history entry.
  CHECK(rules_of_type(c.j, "stop-phrase").empty());
  CHECK(rule_removed_on(c.j, phrase) == ymd(2026, 3, 4));
  CHECK(entries_of_kind(c.j, "rule-change").size() == 1);
  CHECK(entries_of_kind(c.j, "transparency-change").size() == 1);
  CHECK(setting_as_of(c.j, "plan.start", ymd(2026, 3, 3)) == "2026-02-16");
  CHECK(setting_as_of(c.j, "plan.start", ymd(2026, 3, 4)) == "2026-03-02");
}
