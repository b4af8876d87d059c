#pragma once
// A weekly report built by hand, with every field of the model filled, so that the renderers
// can be tested apart from build_report. `hostile` puts markup and link syntax into every
// text and name, to test the escaping.
#include <string>

#include "rebuild/report.hpp"
#include "ymd.hpp"

inline rebuild::weekly_report sample_report(bool hostile = false) {
  using namespace rebuild;
  const std::string dan = hostile ? "<script>alert(1)</script>" : "Dan";
  const std::string sam = hostile ? "*Max* [x](javascript:alert(1))" : "Sam";
  auto words = [&](const std::string& plain, int n) -> std::string {
    if (!hostile) return plain;
    static const char* bad[] = {"<script>alert(1)</script>",
                                "[x](javascript:alert(1))",
                                "![i](http://x/y.png)",
                                "*Max*",
                                "| a | b |",
                                "<img src=x onerror=alert(1)>",
                                "www.example.com",
                                "x@y.com",
                                "<a href=\"http://x\">y</a>"};
    return plain + " " + bad[n % 9];
  };

  weekly_report r{};
  r.w = week_of(ymd(2026, 3, 4));  // 2026-W10, Monday 2 March
  r.partial = false;
  r.days_so_far = 7;
  r.plan_start = ymd(2026, 2, 23);
  r.plan_week = 2;
  r.phase = phase_of_week(2);
  r.asks = phase_asks(*r.phase, 2, true);
  r.goals = {{dan,
              words("We only talk logistics.", 0),
              words("We talk about us.", 1),
              3,
              ymd(2026, 2, 23),
              {6}},
             {sam,
              words("I feel alone with the house.", 2),
              words("The jobs feel shared.", 3),
              6,
              ymd(2026, 2, 24),
              {}}};
  r.rules.stop_phrases = {words("Pause, please", 4), words("Let's breathe", 5)};
  r.rules.red_lines = {words("No name-calling", 6)};
  r.rules.touch_rules = {words("Sam sets the stage-3 rules", 7)};
  r.rules.script = {words("Breathe", 8), words("A hand on the arm", 0)};
  r.reviews = {{dan, ymd(2026, 3, 1), words("The walks", 1), words("Mornings", 2),
                words("Cook together", 3)},
               {sam, ymd(2026, 3, 2), words("Being heard", 4), words("The jobs", 5),
                words("Dance class", 6)}};
  r.stories = {{words("The dinner", 7),
                {{sam, ymd(2026, 3, 3), words("I came home at nine", 8), words("To matter", 0),
                  words("A call when plans change", 1)},
                 {dan, ymd(2026, 3, 4), words("A client call ran late", 2),
                  words("To be trusted", 3), words("A text from a colleague's phone", 4)}},
                {}},
               {words("The weekend", 5),
                {{dan, ymd(2026, 3, 6), words("We planned nothing", 6), words("Rest", 7),
                  words("A plan on Friday", 8)}},
                {sam}}};

  auto& a = r.current;
  a.days = {ymd(2026, 3, 2), ymd(2026, 3, 8)};
  a.stage.windows = {{"tue", "21:00", false}, {"sat", "10:00", true}};
  checkin_figures d;
  d.partner = dan;
  d.days = 7;
  d.phones_away_days = 5;
  d.mood = 50.0 / 7;  // 7.143
  d.stress = 4;
  d.minutes = 12.5;
  d.appreciations = {words("Thanks for the tea", 7)};
  d.mood_by_day = {7, 8, 7, 7, 8, 6, 7};
  d.stress_by_day = {4, 4, 4, 4, 4, 4, 4};
  d.earliest = "07:40";
  d.latest = "08:15";
  checkin_figures s;
  s.partner = sam;
  s.days = 4;
  s.phones_away_days = 2;
  s.mood = 6;
  s.stress = 5.25;
  s.mood_by_day = {6, std::nullopt, 6, std::nullopt, 5, 7, std::nullopt};
  s.stress_by_day = {5, std::nullopt, 5, std::nullopt, 6, 5, std::nullopt};
  a.checkins = {d, s};
  a.gestures.total = 17;
  a.gestures.per_day = {3, 2, 4, 1, 3, 2, 2};
  a.gestures.days_within_2_5 = 6;
  a.gestures.by_partner = {{dan, 9}, {sam, 8}};
  a.gestures.first_by = {{dan, 4}, {sam, 3}};
  a.gestures.first_of_day = {dan, sam, dan, sam, dan, sam, dan};
  a.bids = {4, 1, 0};
  a.repairs.total = 3;
  a.repairs.accepted = 2;
  a.repairs.by_partner = {{dan, 2}, {sam, 1}};
  a.repairs.full_sequences = 1;
  a.repairs.items = {
      {dan, ymd(2026, 3, 3), words("Sorry I snapped", 8), true, true,
       words("I'm sorry I raised my voice", 1), words("I'm not going anywhere", 2),
       words("We pause before we shout", 3)},
      {sam, ymd(2026, 3, 5), words("I was tired, not angry", 0), std::nullopt, false, "", "", ""}};
  a.triggers.fired = 3;
  a.triggers.response_used = 2;
  a.thoughts = 1;
  a.celebrations.count = 1;
  a.celebrations.items = {{dan, ymd(2026, 3, 7), words("An hour of talk about us", 4)}};
  a.therapy.sessions = 1;
  a.therapy.sessions_so_far = 3;
  a.therapy.homework_set = 1;
  a.therapy.homework_done = 1;
  a.therapy.homework_open = 1;
  a.therapy.open = {{sam, ymd(2026, 3, 4), words("Ten minutes of talk each night", 5)}};
  a.transparency = {
      {dan, ymd(2026, 2, 20), ymd(2026, 3, 22), 14, words("I share my calendar each Sunday", 6)}};
  a.timeouts.called = 2;
  a.timeouts.returned_within_24h = 2;
  a.timeouts.under_20_min = 1;
  a.timeouts.notes = {{sam, ymd(2026, 3, 4), words("We came back and listened", 1)}};
  a.concerns.raised = 1;
  a.concerns.answered = 1;
  concern_item c;
  c.partner = sam;
  c.day = ymd(2026, 3, 2);
  c.describe = words("The dishes sat all weekend", 2);
  c.impact = words("I felt alone", 3);
  c.ask = words("Could we do them Sunday night", 4);
  c.answered_by = dan;
  c.answered_on = ymd(2026, 3, 3);
  c.hear = words("You felt alone", 5);
  c.commit_to = words("Sunday nights", 6);
  c.hurdle = words("A reminder", 7);
  a.concerns.items = {c};
  a.tasks.by_owner = {{dan, 6, 14}, {sam, 6, 15}};
  a.stage.current = 2;
  a.stage.sessions = 3;
  a.stage.by_stage = {2, 1, 0};
  a.stage.target = 0;
  a.stage.moves = {{ymd(2026, 3, 5), sam, 1, 2}};
  a.stage.green = 2;
  a.stage.yellow = 0;
  a.stage.red = 1;
  a.initiations = {{dan, 1, 1, 2, 0}, {sam, 2, 0, 1, 1}};
  a.initiation_turns = {dan, sam, sam, dan};
  a.rituals.planned = 2;
  a.rituals.kept = 1;
  a.rituals.items = {{words("Thursday walk", 8), "weekly", 1, 1},
                     {words("Sunday coffee", 0), "weekly", 1, 0}};

  auto& b = r.previous;
  b.days = {ymd(2026, 2, 23), ymd(2026, 3, 1)};
  checkin_figures d0;
  d0.partner = dan;
  d0.days = 6;
  d0.phones_away_days = 3;
  d0.mood = 48.0 / 7;  // 6.857
  d0.stress = 4;
  d0.minutes = 12.5;
  checkin_figures s0;
  s0.partner = sam;
  s0.days = 5;
  s0.mood = 6.04;
  s0.stress = 5.5;
  b.checkins = {d0, s0};
  b.gestures.total = 12;
  b.gestures.days_within_2_5 = 4;
  b.gestures.by_partner = {{dan, 5}, {sam, 7}};
  b.gestures.first_by = {{dan, 2}, {sam, 4}};
  b.repairs.total = 1;
  b.repairs.by_partner = {{dan, 1}, {sam, 0}};
  b.triggers.fired = 2;
  b.thoughts = 2;
  b.therapy.sessions = 1;
  b.therapy.sessions_so_far = 2;
  b.therapy.homework_set = 1;
  b.therapy.homework_open = 1;
  b.transparency = {
      {dan, ymd(2026, 2, 20), ymd(2026, 3, 22), 21, words("I share my calendar each Sunday", 6)}};
  b.tasks.by_owner = {{dan, 6, 14}, {sam, 6, 15}};
  b.stage.current = 1;
  b.stage.sessions = 2;
  b.stage.by_stage = {2, 0, 0};
  b.stage.target = 3;
  b.stage.green = 2;
  b.initiations = {{dan, 0, 0, 0, 0}, {sam, 1, 0, 1, 0}};
  b.initiation_turns = {sam};
  b.rituals.planned = 2;
  b.rituals.kept = 2;
  b.rituals.items = {{words("Thursday walk", 8), "weekly", 1, 1},
                     {words("Sunday coffee", 0), "weekly", 1, 1}};

  for (int i = 0; i < 8; ++i) {
    const days_t monday = r.w.monday - date::days{7 * (7 - i)};
    trend_week t;
    t.label = week_of(monday).label;
    t.monday = monday;
    t.partial = false;
    trend_week::partner_row pd{dan, i == 2 ? std::nullopt : std::optional<int>(3 + i / 2),
                               4 + i % 4, 5.0 + i * 0.3, 5.0 - i * 0.2};
    trend_week::partner_row ps{sam, std::optional<int>(5 + (i % 3)), 3 + i % 5,
                               i == 4 ? std::nullopt : std::optional<double>(4.5 + i * 0.25),
                               i == 4 ? std::nullopt : std::optional<double>(6.0 - i * 0.1)};
    t.partners = {pd, ps};
    t.gestures = 8 + i;
    t.repairs = i % 4;
    r.trend.push_back(t);
  }
  r.micro_wins = {"5 more gestures than the week before", "3 sessions of touch"};
  return r;
}

/// The same report, as it stands on Wednesday: Monday to Wednesday, beside the same days of
/// the week before.
inline rebuild::weekly_report sample_report_so_far() {
  using namespace rebuild;
  auto r = sample_report();
  r.partial = true;
  r.days_so_far = 3;
  r.current.days = {ymd(2026, 3, 2), ymd(2026, 3, 4)};
  r.previous.days = {ymd(2026, 2, 23), ymd(2026, 2, 25)};
  r.current.checkins[0].days = 3;
  r.current.checkins[0].phones_away_days = 2;
  r.current.checkins[1].days = 2;
  r.previous.checkins[0].days = 3;
  r.previous.checkins[1].days = 1;
  r.current.gestures.days_within_2_5 = 3;
  r.previous.gestures.days_within_2_5 = 2;
  for (std::size_t d = 3; d < 7; ++d) {
    r.current.gestures.per_day[d] = 0;
    r.current.gestures.first_of_day[d].clear();
    r.current.checkins[0].mood_by_day[d].reset();
    r.current.checkins[0].stress_by_day[d].reset();
    r.current.checkins[1].mood_by_day[d].reset();
    r.current.checkins[1].stress_by_day[d].reset();
  }
  r.trend.back().partial = true;
  return r;
}
