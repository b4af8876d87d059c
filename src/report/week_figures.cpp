// The figures of one span of days, counted as PRACTICES.md "How the report counts" says.
// Nothing here reads the journal as it is now where the span's own time decides: the stage
// of a session, a ritual's pauses, the agreements and answers as they stood at the span's end.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "build.hpp"
#include "rebuild/agenda.hpp"
#include "rebuild/attachment.hpp"
#include "rebuild/goals.hpp"
#include "rebuild/support.hpp"

namespace rebuild::report_build {
namespace {

std::size_t day_index(const span& s, days_t day) {
  // Monday first, whatever day the span starts on (it always starts on a Monday).
  return static_cast<std::size_t>((day - s.from).count());
}

bool inside(const span& s, days_t day) { return day >= s.from && day <= s.to; }

std::optional<double> mean(const std::vector<double>& values) {
  if (values.empty()) return std::nullopt;
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

const std::string& name_of(const std::vector<partner>& pair, std::int64_t id) {
  static const std::string nobody;
  for (const auto& p : pair)
    if (p.id == id) return p.name;
  return nobody;
}

void count_checkins(week_figures& f, const std::vector<partner>& pair,
                    const std::vector<const activity*>& checkins, bool redact) {
  for (const auto& p : pair) {
    checkin_figures c;
    c.partner = p.name;
    std::vector<double> moods, stresses, minutes;
    for (const activity* e : checkins) {
      if (e->author != p.id) continue;
      c.days += 1;
      if (e->sealed) continue;  // counted as a day; its figures are its author's
      const int mood = static_cast<int>(e->mood.value_or(0));
      const int stress = static_cast<int>(e->stress.value_or(0));
      moods.push_back(mood);
      stresses.push_back(stress);
      if (e->minutes) minutes.push_back(static_cast<double>(*e->minutes));
      if (e->phones_away.value_or(0) == 1) c.phones_away_days += 1;
      c.mood_by_day[day_index(f.days, e->day)] = mood;
      c.stress_by_day[day_index(f.days, e->day)] = stress;
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
}

// "Two to 5 friendly gestures a day, rotating who starts": the couple's count a day, and who
// made each day's first.
void count_gestures(week_figures& f, const std::vector<partner>& pair,
                    const std::vector<const activity*>& gestures) {
  std::map<std::int64_t, int> by_partner, first_by;
  for (const activity* e : gestures) {  // oldest first
    const std::size_t d = day_index(f.days, e->day);
    if (f.gestures.per_day[d] == 0) {
      f.gestures.first_of_day[d] = name_of(pair, e->author);
      first_by[e->author] += 1;
    }
    f.gestures.total += 1;
    f.gestures.per_day[d] += 1;
    by_partner[e->author] += 1;
  }
  for (const auto& p : pair) {
    f.gestures.by_partner.push_back({p.name, by_partner[p.id]});
    f.gestures.first_by.push_back({p.name, first_by[p.id]});
  }
  for (int d = 0; d < f.days.days(); ++d) {
    const int n = f.gestures.per_day[static_cast<std::size_t>(d)];
    f.gestures.days_within_2_5 += n >= 2 && n <= 5 ? 1 : 0;
  }
}

void count_timeouts(journal& j, week_figures& f, const std::vector<partner>& pair,
                    const std::vector<const activity*>& called, bool redact) {
  for (const activity* t : called) {
    f.timeouts.called += 1;
    f.timeouts.arranged += t->return_by.empty() ? 0 : 1;
    // As the week stood at its end: a return on a later day had not happened yet.
    if (!t->returned_utc || !t->returned_day || *t->returned_day > f.days.to) {
      f.timeouts.still_open += 1;
      continue;
    }
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(
                             utc_from_iso(*t->returned_utc) - utc_from_iso(t->at_utc))
                             .count();
    if (minutes <= 24 * 60) f.timeouts.returned_within_24h += 1;
    if (!t->return_by.empty() && !t->returned_local.empty() && t->returned_local <= t->return_by)
      f.timeouts.arranged_kept += 1;
    if (minutes < 20) f.timeouts.under_20_min += 1;
  }
  if (redact) return;
  log_filter returns;
  returns.since = f.days.from;
  returns.until = f.days.to;
  returns.kind = &kind_named("timeout-return");
  returns.oldest_first = true;
  for (const auto& r : list_entries(j, returns))
    if (!r.text("note").empty())
      f.timeouts.notes.push_back({name_of(pair, r.author.id), r.day, r.text("note")});
}

// The words a therapist reads: the span's concerns with the answers given by its end, and its
// repairs. Under --redact the items keep who, when and the outcome, and no words.
void collect_words(journal& j, week_figures& f, const std::vector<partner>& pair, bool redact) {
  log_filter filter;
  filter.since = f.days.from;
  filter.until = f.days.to;
  filter.oldest_first = true;
  filter.kind = &kind_named("concern-answer");
  std::map<std::string, entry> answers;
  for (auto& a : list_entries(j, filter)) answers.insert_or_assign(a.text("concern"), std::move(a));
  filter.kind = &kind_named("concern");
  for (const auto& c : list_entries(j, filter)) {
    concern_item item{name_of(pair, c.author.id), c.day, {}, {}, {}, {}, {}, {}, {}, {}, {}};
    if (!redact) {
      item.describe = c.text("describe");
      item.impact = c.text("impact");
      item.ask = c.text("ask");
    }
    if (const auto it = answers.find(c.uuid); it != answers.end()) {
      item.answered_by = name_of(pair, it->second.author.id);
      item.answered_on = it->second.day;
      if (!redact) {
        item.hear = it->second.text("hear");
        item.validate = it->second.text("validate");
        item.commit_to = it->second.text("commit_to");
        item.hurdle = it->second.text("hurdle");
      }
    }
    f.concerns.items.push_back(std::move(item));
  }
  filter.kind = &kind_named("repair");
  for (const auto& r : list_entries(j, filter)) {
    std::optional<bool> accepted;
    if (const auto a = r.number("accepted")) accepted = *a == 1;
    repair_item item{name_of(pair, r.author.id), r.day, {}, accepted,
                     is_full_sequence(r),        {},    {}, {}};
    if (!redact) {
      item.text = r.text("text");
      item.apology = r.text("apology");
      item.reassurance = r.text("reassurance");
      item.commitment = r.text("commitment");
    }
    f.repairs.items.push_back(std::move(item));
  }
  filter.kind = &kind_named("celebration");
  for (const auto& c : list_entries(j, filter))
    f.celebrations.items.push_back(
        {name_of(pair, c.author.id), c.day, redact ? std::string() : c.text("text")});
}

// Counselling and transparency as they stood at the end of the span: the sessions so far, the
// homework still open, the agreements in force with the days they have left.
void count_support(week_figures& f, const std::vector<partner>& pair,
                   const std::vector<activity>& entries, const support_rows& support, bool redact,
                   bool with_words) {
  // Sessions: distinct days, in the span, and by its end (those after it, up to the report's
  // last day, taken off the total read once).
  std::set<days_t> in_span, after_span;
  for (const auto& a : entries) {
    if (a.kind != "therapy-session") continue;
    if (inside(f.days, a.day)) in_span.insert(a.day);
    if (a.day > f.days.to && a.day <= support.until) after_span.insert(a.day);
  }
  f.therapy.sessions = static_cast<int>(in_span.size());
  f.therapy.sessions_so_far = support.sessions_so_far - static_cast<int>(after_span.size());
  const auto by_end = [&](const std::optional<days_t>& d) { return d && *d <= f.days.to; };
  for (const auto& h : support.homework) {
    if (h.day > f.days.to) continue;
    if (inside(f.days, h.day)) f.therapy.homework_set += 1;
    if (by_end(h.done)) {
      if (inside(f.days, *h.done)) f.therapy.homework_done += 1;
      continue;
    }
    f.therapy.homework_open += 1;
    if (with_words)
      f.therapy.open.push_back({name_of(pair, h.author), h.day, redact ? std::string() : h.text});
  }
  for (const auto& agreed : support.transparency) {
    if (agreed.day > f.days.to || by_end(agreed.ended)) continue;
    const transparency_view v = agreed.as_of(f.days.to);  // its words as they stood then
    f.transparency.push_back({name_of(pair, v.author), v.day, v.until,
                              static_cast<int>((v.until - f.days.to).count()),
                              redact ? std::string() : v.text});
  }
}

// Every move of the stage, replayed from the first (an advance takes effect when the last
// partner asks), as (day, who, from, to).
std::vector<stage_move> stage_moves(journal& j, std::size_t pair_size) {
  std::vector<stage_move> out;
  int stage = 1;
  std::set<std::string> asked;
  for (const auto& m : entries_of_kind(j, "stage-move")) {
    if (m.text("move") == "back") {
      if (stage > 1) {
        out.push_back({m.day, m.author.name, stage, stage - 1});
        stage -= 1;
      }
      asked.clear();
    } else if (m.number("stage").value_or(0) == stage && stage < 3) {
      asked.insert(m.author.name);
      if (asked.size() >= std::max<std::size_t>(1, pair_size)) {
        out.push_back({m.day, m.author.name, stage, stage + 1});
        stage += 1;
        asked.clear();
      }
    }
  }
  return out;
}

void count_touch(journal& j, week_figures& f, const std::vector<partner>& pair,
                 const std::vector<const activity*>& sessions) {
  f.stage.current = touch_stage(j, f.days.to).stage;
  f.stage.target = touch_target(f.stage.current);
  // One sitting however many logged it (both partners, one device or two); each partner's
  // traffic light counts as given.
  std::vector<touch_log> logs;
  for (const activity* s : sessions) {
    logs.push_back(
        {s->id, s->author, s->at_utc, static_cast<int>(s->stage), s->each_way, s->giver});
    if (s->signal == "green") f.stage.green += 1;
    if (s->signal == "yellow") f.stage.yellow += 1;
    if (s->signal == "red") f.stage.red += 1;
  }
  for (const auto& sit : group_sittings(std::move(logs))) {
    f.stage.sessions += 1;
    (sit.each_way ? f.stage.each_way : f.stage.one_way) += 1;
    if (sit.stage >= 1 && sit.stage <= 3)
      f.stage.by_stage[static_cast<std::size_t>(sit.stage - 1)] += 1;
  }
  for (const auto& m : stage_moves(j, pair.size()))
    if (inside(f.days, m.day)) f.stage.moves.push_back(m);
  // The windows as they stood at the span's end: the week before has its own.
  for (const auto& v : touch_windows(j, f.days.to))
    f.stage.windows.push_back({v.window.text("weekday"), v.window.text("start"), v.paused});
}

// A ritual's occurrences in the span: each day for a daily one, its day for a weekday one,
// one a week for a weekly one, and for a monthly one its day of the month ("first sat") or,
// with none, one a month counted in the week its month ends unless kept earlier in that month
// (000: "a month-to-month supper"), while it existed and was not paused at that time. An occurrence
// kept counts as planned too (keeping a paused ritual is welcome), and kept counts distinct
// occurrences: both partners keeping the walk on one day is one walk. In a span still running
// an occurrence yet to come is not counted, nor a weekly one not yet kept.
void count_rituals(journal& j, week_figures& f, const std::vector<const activity*>& kept_entries,
                   bool partial) {
  const auto history = ritual_pause_history(j);
  std::map<std::string, std::set<days_t>> kept_days;
  for (const activity* k : kept_entries) kept_days[k->ritual].insert(k->day);
  static const std::vector<ritual_pause_change> none;
  const days_t sunday = f.days.from + date::days{6};
  // As they stood at the span's end: a cadence changed later does not reach back.
  std::vector<entry> all;
  for (auto& r : entries_of_kind(j, "ritual"))
    if (r.day <= f.days.to) all.push_back(std::move(r));
  as_of_end(j, all, f.days.to);
  for (const auto& r : all) {
    const auto h = history.find(r.uuid);
    const auto& changes = h == history.end() ? none : h->second;
    const auto running = [&](days_t d) { return d >= r.day && !paused_on(r, changes, d); };
    const std::set<days_t>& kept = kept_days[r.uuid];
    const std::string every = r.text("every");
    ritual_figures item{r.text("name"), every, 0, 0};
    if (every == "daily") {
      for (days_t d = f.days.from; d <= f.days.to; d += date::days{1}) {
        const bool was_kept = kept.count(d) > 0;
        item.planned += running(d) || was_kept ? 1 : 0;
        item.kept += was_kept ? 1 : 0;
      }
    } else {
      // One occurrence in the week: on its weekday, or (weekly) any day of it.
      const bool was_kept = !kept.empty();
      bool planned = false;
      if (every == "weekly") {
        if (!partial || f.days.to >= sunday)
          for (days_t d = f.days.from; d <= f.days.to && !planned; d += date::days{1})
            planned = running(d);
      } else if (every == "monthly") {
        const std::string on = r.text("on_day");
        for (days_t d = f.days.from; d <= f.days.to && !planned; d += date::days{1}) {
          const date::year_month_day ymd{d};
          const date::year_month month = ymd.year() / ymd.month();
          if (!on.empty()) {
            planned = monthly_occurrence(on, month) == d && running(d);
          } else if (d == days_t{month / date::last}) {
            const days_t first{month / date::day{1}};
            planned =
                running(d) && (first >= f.days.from ||
                               !ritual_kept_between(j, r.uuid, first, f.days.from - date::days{1}));
          }
        }
      } else {
        const days_t on = next_on_or_after(f.days.from, *weekday_named(every));
        planned = on <= f.days.to && running(on);
      }
      item.planned = planned || was_kept ? 1 : 0;
      item.kept = was_kept ? 1 : 0;
    }
    if (item.planned == 0 && item.kept == 0) continue;
    f.rituals.planned += item.planned;
    f.rituals.kept += item.kept;
    f.rituals.items.push_back(std::move(item));
  }
}

}  // namespace

support_rows support_by(journal& j, days_t since, days_t until) {
  return {until, homework_by(j, until, since), transparency_by(j, until),
          therapy_sessions_by(j, until)};
}

week_figures figures_for(journal& j, const std::vector<partner>& pair, const span& days,
                         const std::vector<activity>& entries, const support_rows& support,
                         bool redact, bool with_words) {
  week_figures f;
  f.days = days;
  const auto of_kind = [&](std::string_view kind) {
    std::vector<const activity*> out;
    for (const auto& a : entries)
      if (a.kind == kind && inside(days, a.day)) out.push_back(&a);
    return out;
  };

  count_checkins(f, pair, of_kind("checkin"), redact);
  count_gestures(f, pair, of_kind("gesture"));

  for (const activity* e : of_kind("bid"))
    (e->response == "toward" ? f.bids.toward
     : e->response == "away" ? f.bids.away
                             : f.bids.against) += 1;

  const auto repairs = of_kind("repair");
  for (const auto& p : pair) {
    int n = 0;
    for (const activity* e : repairs) n += e->author == p.id ? 1 : 0;
    f.repairs.by_partner.push_back({p.name, n});
  }
  for (const activity* e : repairs) {
    f.repairs.total += 1;
    f.repairs.accepted += e->accepted.value_or(0) == 1 ? 1 : 0;
    f.repairs.full_sequences += e->full_sequence ? 1 : 0;
    f.repairs.with_neutral += e->neutral ? 1 : 0;
  }
  f.repairs.other_commitments = static_cast<int>(of_kind("repair-commitment").size());
  f.red_lines_crossed = static_cast<int>(of_kind("rule-crossing").size());
  f.agenda.added = static_cast<int>(of_kind("agenda").size());
  f.agenda.talked_through = static_cast<int>(of_kind("agenda-done").size());
  for (const auto& item : agenda_by(j, days.to))
    f.agenda.open += !item.done && item.for_day && *item.for_day <= days.to ? 1 : 0;
  for (const activity* e : of_kind("trigger-hit")) {
    f.triggers.fired += 1;
    f.triggers.response_used += e->used.value_or(0) == 1 ? 1 : 0;
  }
  f.thoughts = static_cast<int>(of_kind("thought").size());
  f.celebrations.count = static_cast<int>(of_kind("celebration").size());

  count_timeouts(j, f, pair, of_kind("timeout"), redact || !with_words);

  f.concerns.raised = static_cast<int>(of_kind("concern").size());
  const auto answers = of_kind("concern-answer");
  f.concerns.answered = static_cast<int>(answers.size());
  for (const activity* e : answers) f.concerns.validated += e->validated ? 1 : 0;
  if (with_words) collect_words(j, f, pair, redact);

  // The job ledger as it stood at the end of the span.
  const auto jobs = tasks(j, days.to);
  f.tasks.by_owner = task_balance(j, jobs);
  // A job changing hands counts, and so does one nobody owned given to someone; the owner a
  // job was listed with (written with it, in the same command) does not.
  for (const auto& t : jobs)
    for (std::size_t i = 0; i < t.assignments.size(); ++i)
      if (inside(days, t.assignments[i].day) &&
          (i > 0 || t.assignments[i].created_utc != t.task.created_utc))
        f.tasks.reassigned += 1;
  for (const auto& t : jobs)
    if (const std::string by = t.task.text("deadline"); !by.empty())
      f.tasks.deadlines += inside(days, day_from_iso(by)) ? 1 : 0;
  const auto review_due = jobs_review_due(j, jobs, days.to);
  f.tasks.review_due = review_due && *review_due <= days.to;

  count_touch(j, f, pair, of_kind("touch"));

  // "Pressure kills play": no initiation figures before stage 3 or a first initiation (as
  // the week ended); then, beside the figures, the turns in the order they came.
  const auto initiations = of_kind("initiation");
  if (f.stage.current >= 3 || any_by(j, "initiation", days.to)) {
    for (const activity* e : initiations) f.initiation_turns.push_back(name_of(pair, e->author));
    for (const auto& p : pair) {
      initiation_figures i;
      i.partner = p.name;
      for (const activity* e : initiations) {
        if (e->author != p.id) continue;
        (e->tier == "adventure" ? i.adventure : i.connection) += 1;
        if (e->accepted) (*e->accepted == 1 ? i.accepted : i.declined) += 1;
      }
      f.initiations.push_back(i);
    }
  }

  count_rituals(j, f, of_kind("ritual-kept"), days.days() < 7);
  count_support(f, pair, entries, support, redact, with_words);
  return f;
}

}  // namespace rebuild::report_build
