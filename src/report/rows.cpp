// The figures of a weekly report as rows: this week, the week before, the change, the target.
// Shared by the text, markdown and html renderers so they can never disagree.
#include <fmt/format.h>

#include <cmath>

#include "common.hpp"

namespace rebuild {
namespace {

using report_detail::one_decimal;
using report_detail::whole_days;

std::string change_of(int now, int before) {
  if (now == before) return "same";
  return fmt::format("{:+d}", now - before);
}

std::string change_of(std::optional<double> now, std::optional<double> before) {
  if (!now || !before) return "";
  // From the exact values, rounded only for display: 6.857 beside 7.143 reads +0.3 (the
  // rounded figures, 6.9 and 7.1, would say +0.2).
  const double shown = std::round((*now - *before) * 10) / 10;
  if (shown == 0) return "same";
  return fmt::format("{:+.1f}", shown);
}

struct row_builder {
  std::vector<figure_row>& rows;
  std::string section;
  std::string so_far;  // " so far" after a count of the days of a running week

  void count(const std::string& label, int now, int before, const std::string& target = "") {
    rows.push_back({section, label, std::to_string(now), std::to_string(before),
                    change_of(now, before), target});
  }
  /// A count without a change: where a difference would read as keeping score.
  void plain(const std::string& label, int now, int before, const std::string& target = "") {
    rows.push_back({section, label, std::to_string(now), std::to_string(before), "", target});
  }
  void of(const std::string& label, int now, int before, int whole, const std::string& target,
          int whole_before = -1) {
    rows.push_back({section, label, fmt::format("{} of {}{}", now, whole, so_far),
                    fmt::format("{} of {}", before, whole_before < 0 ? whole : whole_before),
                    change_of(now, before), target});
  }
  void average(const std::string& label, std::optional<double> now, std::optional<double> before,
               const std::string& target = "") {
    rows.push_back(
        {section, label, one_decimal(now), one_decimal(before), change_of(now, before), target});
  }
};

template <typename T, typename F>
const T* find_by(const std::vector<T>& list, const std::string& name, F key) {
  for (const auto& item : list)
    if (key(item) == name) return &item;
  return nullptr;
}

}  // namespace

std::vector<figure_row> figure_rows(const weekly_report& r) {
  std::vector<figure_row> rows;
  const week_figures& a = r.current;
  const week_figures& b = r.previous;
  const int whole = whole_days(r);  // the previous week's column covers as many days
  const std::string so_far = r.partial ? " so far" : "";

  row_builder checkins{rows, "Check-ins", so_far};
  for (const auto& c : a.checkins) {
    const auto* p =
        find_by(b.checkins, c.partner, [](const checkin_figures& x) { return x.partner; });
    checkins.of(c.partner + ": days with a check-in", c.days, p ? p->days : 0, whole, "every day");
    checkins.of(c.partner + ": phones-away days", c.phones_away_days, p ? p->phones_away_days : 0,
                whole, "");
    checkins.average(c.partner + ": mood (mean)", c.mood, p ? p->mood : std::nullopt);
    checkins.average(c.partner + ": stress (mean)", c.stress, p ? p->stress : std::nullopt);
    checkins.average(c.partner + ": minutes (mean)", c.minutes, p ? p->minutes : std::nullopt,
                     "10 to 20");
  }

  row_builder gestures{rows, "Gestures", so_far};
  gestures.count("all gestures", a.gestures.total, b.gestures.total);
  gestures.of("days the two of you made 2 to 5", a.gestures.days_within_2_5,
              b.gestures.days_within_2_5, whole, "2 to 5 a day");
  for (const auto& g : a.gestures.by_partner) {
    const auto* p =
        find_by(b.gestures.by_partner, g.partner, [](const partner_count& x) { return x.partner; });
    gestures.count(g.partner + ": gestures", g.count, p ? p->count : 0);
  }
  for (const auto& g : a.gestures.first_by) {
    const auto* p =
        find_by(b.gestures.first_by, g.partner, [](const partner_count& x) { return x.partner; });
    gestures.plain(g.partner + ": days they began", g.count, p ? p->count : 0, "taking turns");
  }

  row_builder bids{rows, "Bids", so_far};
  const int bids_now = a.bids.toward + a.bids.away + a.bids.against;
  const int bids_before = b.bids.toward + b.bids.away + b.bids.against;
  bids.count("turned toward", a.bids.toward, b.bids.toward, "a rising share");
  bids.count("turned away", a.bids.away, b.bids.away);
  bids.count("turned against", a.bids.against, b.bids.against);
  // Shares rounded, not cut (6 of 11 is 55%); the change from the exact shares, in points.
  const auto share = [](int part, int whole) { return 100.0 * part / whole; };
  const auto shown_share = [](double s) { return fmt::format("{}%", std::lround(s)); };
  std::string share_change;
  if (bids_now && bids_before) {
    const long points =
        std::lround(share(a.bids.toward, bids_now) - share(b.bids.toward, bids_before));
    share_change = points == 0 ? "same" : fmt::format("{:+d}", points);
  }
  rows.push_back(
      {"Bids", "share turned toward", bids_now ? shown_share(share(a.bids.toward, bids_now)) : "-",
       bids_before ? shown_share(share(b.bids.toward, bids_before)) : "-", share_change, "rising"});

  row_builder repairs{rows, "Repairs", so_far};
  repairs.count("repairs", a.repairs.total, b.repairs.total, "one a day");
  repairs.count("accepted", a.repairs.accepted, b.repairs.accepted);
  for (const auto& x : a.repairs.by_partner) {
    const auto* p =
        find_by(b.repairs.by_partner, x.partner, [](const partner_count& y) { return y.partner; });
    repairs.count(x.partner + ": repairs", x.count, p ? p->count : 0);
  }
  // The second guide's sequence, counted beside the quick repairs (001).
  if (a.repairs.full_sequences || b.repairs.full_sequences) {
    repairs.plain("quick repairs", a.repairs.total - a.repairs.full_sequences,
                  b.repairs.total - b.repairs.full_sequences);
    repairs.plain("full sequences", a.repairs.full_sequences, b.repairs.full_sequences,
                  "all three steps");
  }
  // The ritual's return to calm, and the other partner's side of the commitment (001).
  if (a.repairs.with_neutral || b.repairs.with_neutral)
    repairs.plain("then a neutral activity", a.repairs.with_neutral, b.repairs.with_neutral);
  if (a.repairs.other_commitments || b.repairs.other_commitments)
    repairs.plain("the other's commitment added", a.repairs.other_commitments,
                  b.repairs.other_commitments);

  // Returns are counted of the time-outs called: a week without a time-out shows "-", never
  // a return that did not happen.
  row_builder timeouts{rows, "Time-outs", so_far};
  timeouts.count("called", a.timeouts.called, b.timeouts.called, "fewer over the weeks");
  auto of_called = [](int n, int called) {
    return called ? fmt::format("{} of {}", n, called) : std::string("-");
  };
  auto returns = [&](const std::string& label, int now, int before, const std::string& target) {
    const bool both = a.timeouts.called && b.timeouts.called;
    const bool either = a.timeouts.called || b.timeouts.called;
    rows.push_back({"Time-outs", label, of_called(now, a.timeouts.called),
                    of_called(before, b.timeouts.called), both ? change_of(now, before) : "",
                    either ? target : ""});
  };
  returns("back within 24 h", a.timeouts.returned_within_24h, b.timeouts.returned_within_24h,
          "within 24 hours");
  returns("back sooner than 20 minutes", a.timeouts.under_20_min, b.timeouts.under_20_min,
          "20 min or more");
  returns("still open", a.timeouts.still_open, b.timeouts.still_open, "");
  // "If you do not return, you arrange the return within 24 hours": the returns arranged,
  // and of those, kept.
  if (a.timeouts.arranged || b.timeouts.arranged) {
    returns("return arranged", a.timeouts.arranged, b.timeouts.arranged, "");
    rows.push_back({"Time-outs", "arranged return kept",
                    a.timeouts.arranged
                        ? fmt::format("{} of {}", a.timeouts.arranged_kept, a.timeouts.arranged)
                        : "-",
                    b.timeouts.arranged
                        ? fmt::format("{} of {}", b.timeouts.arranged_kept, b.timeouts.arranged)
                        : "-",
                    "", "as arranged"});
  }

  row_builder concerns{rows, "Concerns", so_far};
  concerns.count("raised", a.concerns.raised, b.concerns.raised, "one a week");
  concerns.count("answered", a.concerns.answered, b.concerns.answered);
  if (a.concerns.validated || b.concerns.validated)
    concerns.plain("answered with validation", a.concerns.validated, b.concerns.validated);
  // The pair's red lines, crossed: said plainly, no change column, no one named.
  if (a.red_lines_crossed || b.red_lines_crossed)
    rows.push_back({"Agreements", "red lines crossed", std::to_string(a.red_lines_crossed),
                    std::to_string(b.red_lines_crossed), "", "guardrails"});
  if (a.agenda.added || b.agenda.added || a.agenda.talked_through || b.agenda.talked_through ||
      a.agenda.open || b.agenda.open) {
    row_builder agenda{rows, "Agenda", so_far};
    agenda.plain("kept for another day", a.agenda.added, b.agenda.added);
    agenda.plain("talked through", a.agenda.talked_through, b.agenda.talked_through);
    agenda.plain("still waiting", a.agenda.open, b.agenda.open);
  }

  row_builder jobs{rows, "Jobs", so_far};
  int listed_now = 0, listed_before = 0;
  for (const auto& o : a.tasks.by_owner) listed_now += o.jobs;
  for (const auto& o : b.tasks.by_owner) listed_before += o.jobs;
  jobs.count("jobs listed", listed_now, listed_before, "the top 12");
  for (const auto& o : a.tasks.by_owner) {
    if (listed_now + listed_before == 0) break;
    if (o.owner.empty() && o.jobs == 0) continue;
    const auto* p =
        find_by(b.tasks.by_owner, o.owner, [](const owner_balance& x) { return x.owner; });
    const std::string who = o.owner.empty() ? "nobody yet" : o.owner;
    jobs.count(who + ": jobs", o.jobs, p ? p->jobs : 0, o.owner.empty() ? "" : "a fair balance");
    jobs.count(who + ": load", o.load, p ? p->load : 0);
  }
  jobs.count("reassigned", a.tasks.reassigned, b.tasks.reassigned);
  rows.push_back({"Jobs", "monthly review due", a.tasks.review_due ? "yes" : "no",
                  b.tasks.review_due ? "yes" : "no", "", "every month"});
  if (a.tasks.deadlines || b.tasks.deadlines)
    jobs.plain("deadlines that week", a.tasks.deadlines, b.tasks.deadlines, "as agreed");

  // Touch: sittings (both giving in one sitting is one), by the stage in force at the time;
  // the guide's target only where it gives one; signals counted, never scored.
  row_builder touch{rows, "Touch", so_far};
  touch.count("stage", a.stage.current, b.stage.current);
  touch.count("sittings", a.stage.sessions, b.stage.sessions);
  // "Five minutes each way": the target counts sittings where both gave, shown apart.
  touch.count("given each way", a.stage.each_way, b.stage.each_way,
              a.stage.target > 0 ? fmt::format("{} a week", a.stage.target) : "");
  touch.count("given one way", a.stage.one_way, b.stage.one_way);
  if (a.stage.sessions || b.stage.sessions) {
    for (std::size_t s = 0; s < 3; ++s)
      if (a.stage.by_stage[s] || b.stage.by_stage[s])
        touch.count(fmt::format("sittings at stage {}", s + 1), a.stage.by_stage[s],
                    b.stage.by_stage[s]);
    touch.plain("signals: green", a.stage.green, b.stage.green);
    touch.plain("signals: yellow", a.stage.yellow, b.stage.yellow);
    touch.plain("signals: red", a.stage.red, b.stage.red);
  }
  if (!a.stage.moves.empty() || !b.stage.moves.empty())
    touch.plain("stage moves", static_cast<int>(a.stage.moves.size()),
                static_cast<int>(b.stage.moves.size()), "when both agree");

  // The pair's initiations by tier, never a score per partner ("Pressure kills play"); and
  // only once the pair is at stage 3 or has begun (week_figures leaves them out before).
  if (!a.initiations.empty()) {
    row_builder initiations{rows, "Initiations", so_far};
    const auto tiers = [](const week_figures& f) {
      int connection = 0, adventure = 0;
      for (const auto& i : f.initiations) {
        connection += i.connection;
        adventure += i.adventure;
      }
      return std::pair{connection, adventure};
    };
    const auto [connection_now, adventure_now] = tiers(a);
    const auto [connection_before, adventure_before] = tiers(b);
    initiations.plain("connection", connection_now, connection_before, "taking turns");
    initiations.plain("adventure", adventure_now, adventure_before);
    // Who, in turn: a line of its own under the table (turns_line), its names escaped there.
  }

  rows.push_back({"Rituals", "kept",
                  fmt::format("{} of {}{}", a.rituals.kept, a.rituals.planned, so_far),
                  fmt::format("{} of {}", b.rituals.kept, b.rituals.planned),
                  change_of(a.rituals.kept, b.rituals.kept), "as planned"});
  for (const auto& x : a.rituals.items) {
    const auto* p =
        find_by(b.rituals.items, x.name, [](const ritual_figures& y) { return y.name; });
    const std::string label = x.every.empty() ? x.name : fmt::format("{} ({})", x.name, x.every);
    rows.push_back({"Rituals", label, fmt::format("{} of {}{}", x.kept, x.planned, so_far),
                    p ? fmt::format("{} of {}", p->kept, p->planned) : "-",
                    p ? change_of(x.kept, p->kept) : "", ""});
  }

  // Triggers and thoughts are listed, not scored (001): counts without a change column.
  if (a.triggers.fired || b.triggers.fired || a.thoughts || b.thoughts) {
    row_builder second{rows, "Triggers and thoughts", so_far};
    second.plain("triggers fired", a.triggers.fired, b.triggers.fired);
    second.plain("met with the response", a.triggers.response_used, b.triggers.response_used,
                 "a micro-win");
    second.plain("thoughts reframed", a.thoughts, b.thoughts);
  }
  // "Celebrate at least one change you can feel" (weeks 7-8): shown in those weeks, and
  // whenever the pair celebrated.
  const bool celebration_weeks = r.plan_week == 7 || r.plan_week == 8;
  if (a.celebrations.count || b.celebrations.count || celebration_weeks) {
    row_builder celebrations{rows, "Celebrations", so_far};
    celebrations.plain("changes celebrated", a.celebrations.count, b.celebrations.count,
                       celebration_weeks ? "at least one in weeks 7-8" : "");
  }
  const auto& ta = a.therapy;
  const auto& tb = b.therapy;
  if (ta.sessions_so_far || tb.sessions_so_far || ta.homework_open || tb.homework_open ||
      ta.homework_set || ta.homework_done) {
    row_builder therapy{rows, "Counselling", so_far};
    therapy.plain("sessions", ta.sessions, tb.sessions);
    therapy.plain("sessions so far", ta.sessions_so_far, tb.sessions_so_far, "8 to 12");
    therapy.plain("homework given", ta.homework_set, tb.homework_set);
    therapy.plain("homework done", ta.homework_done, tb.homework_done);
    therapy.plain("homework open", ta.homework_open, tb.homework_open);
  }
  if (!a.transparency.empty() || !b.transparency.empty()) {
    row_builder scaffold{rows, "Transparency", so_far};
    scaffold.plain("agreements in force", static_cast<int>(a.transparency.size()),
                   static_cast<int>(b.transparency.size()), "with an end date");
  }
  return rows;
}

}  // namespace rebuild
