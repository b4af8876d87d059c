#include "rebuild/goals.hpp"
#include "rebuild/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "rebuild/errors.hpp"
#include "rebuild/text.hpp"

#include <date/iso_week.h>

namespace rebuild {
namespace {

std::size_t day_index(const week& w, days_t day) {
  return static_cast<std::size_t>((day - w.monday).count());
}

std::optional<double> mean(const std::vector<double>& values) {
  if (values.empty()) return std::nullopt;
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

week_figures figures_for(journal& j, const std::vector<partner>& pair, const week& w,
                         const std::vector<activity>& fortnight, bool redact) {
  week_figures f;
  const auto in_week = [&](std::string_view kind) {
    std::vector<const activity*> out;
    for (const auto& a : fortnight)
      if (a.kind == kind && a.day >= w.monday && a.day <= w.sunday) out.push_back(&a);
    return out;
  };

  // Check-ins: one a day per partner (a second the same day replaces the first).
  const auto checkins = in_week("checkin");
  for (const auto& p : pair) {
    checkin_figures c;
    c.partner = p.name;
    std::vector<double> moods, stresses, minutes;
    for (const activity* e : checkins) {
      if (e->author != p.id) continue;
      c.days += 1;
      const int mood = static_cast<int>(e->mood.value_or(0));
      const int stress = static_cast<int>(e->stress.value_or(0));
      moods.push_back(mood);
      stresses.push_back(stress);
      if (e->minutes) minutes.push_back(static_cast<double>(*e->minutes));
      c.mood_by_day[day_index(w, e->day)] = mood;
      c.stress_by_day[day_index(w, e->day)] = stress;
      if (!e->appreciation.empty() && !redact) c.appreciations.push_back(e->appreciation);
      if (e->time) {
        const std::string t = hh_mm(*e->time);
        if (!c.earliest || t < *c.earliest) c.earliest = t;
        if (!c.latest || t > *c.latest) c.latest = t;
      }
    }
    c.mood = mean(moods);
    c.stress = mean(stresses);
    c.minutes = mean(minutes);
    f.checkins.push_back(std::move(c));
  }

  // Gestures: 2 to 5 a day each.
  std::map<std::int64_t, std::array<int, 7>> per_partner_day;
  for (const activity* e : in_week("gesture")) {
    f.gestures.total += 1;
    f.gestures.per_day[day_index(w, e->day)] += 1;
    per_partner_day[e->author][day_index(w, e->day)] += 1;
  }
  for (const auto& p : pair) {
    const auto& days = per_partner_day[p.id];
    int count = 0;
    for (int n : days) count += n;
    f.gestures.by_partner.push_back({p.name, count});
  }
  for (std::size_t d = 0; d < 7; ++d) {
    bool every = !pair.empty();
    for (const auto& p : pair) {
      const int n = per_partner_day[p.id][d];
      every = every && n >= 2 && n <= 5;
    }
    f.gestures.days_within_2_5 += every ? 1 : 0;
  }

  for (const activity* e : in_week("bid"))
    (e->response == "toward" ? f.bids.toward : e->response == "away" ? f.bids.away : f.bids.against) += 1;

  const auto repairs = in_week("repair");
  for (const auto& p : pair) {
    int n = 0;
    for (const activity* e : repairs) n += e->author == p.id ? 1 : 0;
    f.repairs.by_partner.push_back({p.name, n});
  }
  for (const activity* e : repairs) {
    f.repairs.total += 1;
    f.repairs.accepted += e->accepted.value_or(0) == 1 ? 1 : 0;
  }

  // Time-outs called this week: came back within 24 hours, or still open now.
  for (const activity* t : in_week("timeout")) {
    f.timeouts.called += 1;
    if (!t->returned_utc) f.timeouts.still_open += 1;
    else if (std::chrono::duration_cast<std::chrono::minutes>(utc_from_iso(*t->returned_utc) -
                                                              utc_from_iso(t->at_utc)) <=
             std::chrono::hours{24})
      f.timeouts.returned_within_24h += 1;
  }

  f.concerns.raised = static_cast<int>(in_week("concern").size());
  f.concerns.answered = static_cast<int>(in_week("concern-answer").size());

  // The job ledger as it stood at the end of the week.
  const auto jobs = tasks(j, w.sunday);
  f.tasks.by_owner = task_balance(j, jobs);
  for (const auto& t : jobs)
    for (std::size_t i = 1; i < t.assignments.size(); ++i)
      if (t.assignments[i].day >= w.monday) f.tasks.reassigned += 1;
  std::optional<days_t> last_review;
  for (const auto& r : entries_of_kind(j, "task-review"))
    if (r.day <= w.sunday) last_review = r.day;
  f.tasks.review_due = !jobs.empty() && (!last_review || (w.sunday - *last_review).count() > 30);

  const auto state = touch_stage(j, w.sunday);
  f.stage.current = state.stage;
  f.stage.sessions = static_cast<int>(in_week("touch").size());
  f.stage.target = touch_target(state.stage);

  const auto initiations = in_week("initiation");
  for (const auto& p : pair) {
    initiation_figures i;
    i.partner = p.name;
    for (const activity* e : initiations)
      if (e->author == p.id) (e->tier == "adventure" ? i.adventure : i.connection) += 1;
    f.initiations.push_back(i);
  }

  // Rituals: what the week planned (running rituals by cadence) and what was kept.
  std::map<std::string, int> kept;
  for (const activity* k : in_week("ritual-kept")) kept[k->ritual] += 1;
  for (const auto& r : entries_of_kind(j, "ritual")) {
    if (r.day > w.sunday) continue;
    const std::string every = r.text("every");
    const int planned = r.number("paused").value_or(0) != 0 ? 0 : every == "daily" ? 7 : 1;
    f.rituals.planned += planned;
    f.rituals.kept += std::min(planned == 0 ? kept[r.uuid] : planned, kept[r.uuid]);
  }
  return f;
}

int checkin_days(const week_figures& f) {
  int n = 0;
  for (const auto& c : f.checkins) n += c.days;
  return n;
}

std::string plural(int n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::vector<std::string> micro_wins(const week_figures& now, const week_figures& before) {
  std::vector<std::string> wins;
  const int days_now = checkin_days(now), days_before = checkin_days(before);
  if (days_now > days_before)
    wins.push_back(fmt::format("{} more {} than the week before", days_now - days_before,
                               days_now - days_before == 1 ? "check-in day" : "check-in days"));
  if (now.timeouts.called < before.timeouts.called)
    wins.push_back(fmt::format("fewer time-outs: {} after {}", now.timeouts.called,
                               before.timeouts.called));
  const int bids_now = now.bids.toward + now.bids.away + now.bids.against;
  const int bids_before = before.bids.toward + before.bids.away + before.bids.against;
  if (bids_now > 0 && (bids_before == 0 ? now.bids.toward > 0
                                        : now.bids.toward * bids_before > before.bids.toward * bids_now))
    wins.push_back(fmt::format("more bids turned toward: {} of {}", now.bids.toward, bids_now));
  if (now.repairs.accepted > before.repairs.accepted)
    wins.push_back(fmt::format("{} accepted", plural(now.repairs.accepted, "repair", "repairs")));
  if (now.gestures.total > before.gestures.total)
    wins.push_back(fmt::format("{} more {} than the week before",
                               now.gestures.total - before.gestures.total,
                               now.gestures.total - before.gestures.total == 1 ? "gesture"
                                                                               : "gestures"));
  if (now.stage.sessions > before.stage.sessions)
    wins.push_back(fmt::format("{} of touch", plural(now.stage.sessions, "session", "sessions")));
  if (now.rituals.kept > before.rituals.kept)
    wins.push_back(fmt::format("{} kept", plural(now.rituals.kept, "ritual", "rituals")));
  if (now.concerns.answered > before.concerns.answered)
    wins.push_back(fmt::format("{} answered", plural(now.concerns.answered, "concern", "concerns")));
  return wins;
}

}  // namespace

week parse_week(std::string_view text, days_t today) {
  if (text.empty()) return week_of(today);
  if (ascii_lower(text) == "last") return week_of(today - date::days{7});
  // YYYY-Www
  if (text.size() == 8 && text[4] == '-' && (text[5] == 'W' || text[5] == 'w')) {
    const std::string digits = std::string(text.substr(0, 4)) + std::string(text.substr(6, 2));
    if (digits.find_first_not_of("0123456789") == std::string::npos) {
      const int year = std::stoi(std::string(text.substr(0, 4)));
      const unsigned number = static_cast<unsigned>(std::stoi(std::string(text.substr(6, 2))));
      const iso_week::year_weeknum_weekday monday{iso_week::year{year}, iso_week::weeknum{number},
                                                  iso_week::mon};
      if (!monday.ok())
        throw data_error(fmt::format("{} has no week {}; use YYYY-Www with a week that year has",
                                     year, number));
      return week_of(days_t{date::sys_days{monday}.time_since_epoch()});
    }
  }
  try {
    return week_of(parse_day(text, today));
  } catch (const data_error& e) {
    // A day that is written as one but is not on the calendar says why (2026-02-29).
    const bool looks_like_a_day = text.size() == 10 && text[4] == '-' && text[7] == '-';
    if (looks_like_a_day) throw data_error(fmt::format("for --week: {}", e.what()));
    throw data_error(fmt::format("cannot read the week '{}'; use last, YYYY-Www (such as "
                                 "2026-W10) or a day",
                                 text));
  }
}

weekly_report build_report(journal& j, const week& w, days_t today, bool redact,
                           int trend_weeks) {
  (void)today;
  (void)trend_weeks;
  weekly_report r;
  r.w = w;
  r.redacted = redact;
  r.plan_start = plan_start(j);
  r.plan_week = plan_week(r.plan_start, w.monday > r.plan_start ? w.monday : w.sunday);
  r.phase = phase_of_week(r.plan_week);
  const auto pair = partners(j);
  const auto goals = entries_of_kind(j, "goal");  // read once, not once a partner
  for (const auto& p : pair) {
    goal_figures g;
    g.partner = p.name;
    // The goal in force at the end of the week.
    std::optional<entry> goal;
    for (const auto& e : goals)
      if (e.author.id == p.id && e.day <= w.sunday) goal = e;
    if (goal) {
      g.months = static_cast<int>(goal->number("months").value_or(0));
      g.set_on = goal->day;
      if (!redact) {
        g.problem = goal->text("problem");
        g.outcome = goal->text("outcome");
      }
    }
    if (const auto rating = rating_in_week(j, p, w)) g.ratings.push_back(static_cast<int>(rating->number("rating").value_or(0)));
    r.goals.push_back(std::move(g));
  }
  const week before = week_of(w.monday - date::days{7});
  const auto fortnight = activity_between(j, before.monday, w.sunday);
  r.current = figures_for(j, pair, w, fortnight, redact);
  r.previous = figures_for(j, pair, before, fortnight, redact);
  r.micro_wins = micro_wins(r.current, r.previous);
  return r;
}

}  // namespace rebuild
