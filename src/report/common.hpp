#pragma once
// Small pieces the renderers share: the week's heading, goal lines, per-day series, and the
// sentences every rendering says in the same words (so they can never disagree).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "rebuild/render.hpp"

namespace rebuild::report_detail {

inline const std::array<const char*, 7> weekday_short = {"Mon", "Tue", "Wed", "Thu",
                                                         "Fri", "Sat", "Sun"};

/// The days the week's figures cover: 7, or Monday to today while the week runs. The
/// previous week's column covers as many. A span that does not start on the week's Monday
/// was not filled in, so the count falls back on `partial` and `days_so_far`.
inline int whole_days(const weekly_report& r) {
  const span& s = r.current.days;
  if (s.from == r.w.monday && s.to >= s.from && s.days() <= 7) return s.days();
  return r.partial ? std::clamp(r.days_so_far, 1, 7) : 7;
}

/// "Mon to Thu" (or "Mon" on a Monday).
inline std::string span_words(const weekly_report& r) {
  const int n = whole_days(r);
  if (n <= 1) return weekday_short[0];
  return fmt::format("{} to {}", weekday_short[0], weekday_short[static_cast<std::size_t>(n - 1)]);
}

/// Whether day `d` (0 Monday) is inside the span: a running week has no figures after today.
inline bool in_span(const weekly_report& r, std::size_t d) {
  return static_cast<int>(d) < whole_days(r);
}

inline std::string heading(const weekly_report& r) {
  if (r.partial)
    return fmt::format("Week {} so far ({}): {} to {}", r.w.label, span_words(r),
                       human_day(r.w.monday),
                       human_day(r.w.monday + date::days{whole_days(r) - 1}));
  return fmt::format("Week {}: {} to {}", r.w.label, human_day(r.w.monday), human_day(r.w.sunday));
}

/// The two figure columns' headings.
inline std::string now_heading(const weekly_report& r) {
  return r.partial ? fmt::format("So far ({})", span_words(r)) : std::string("This week");
}
inline std::string before_heading(const weekly_report& r) {
  return r.partial ? fmt::format("The same days of the week before ({})", span_words(r))
                   : std::string("Week before");
}

/// Whose private entries a report counts (report --private), said at its top.
inline std::string private_line(const std::string& name) {
  return "This copy counts " + name + "'s private entries too; it is for " + name + " alone.";
}
inline const char* redacted_line = "Redacted: free text is left out; the figures are all here.";

inline std::string plan_line(const weekly_report& r) {
  if (r.plan_week == 0) return fmt::format("The 60-day plan starts {}.", human_day(r.plan_start));
  if (r.phase == nullptr)
    return fmt::format("After the 60-day plan (week {}, started {}): keep doing what worked.",
                       r.plan_week, human_day(r.plan_start));
  return fmt::format("Week {} of the 60-day plan (weeks {}-{}: {}).", r.plan_week,
                     r.phase->first_week, r.phase->last_week, r.phase->title);
}

/// "set 2 weeks before this week's end, for 3 months"
inline std::string goal_age(const goal_figures& g, const weekly_report& r) {
  if (!g.set_on) return "no goal written yet";
  const auto days = (r.w.sunday - *g.set_on).count();
  const std::string ago = days < 7    ? std::string("this week")
                          : days < 14 ? std::string("a week earlier")
                          : days < 60 ? fmt::format("{} weeks earlier", days / 7)
                                      : fmt::format("{} months earlier", days / 30);
  return fmt::format("set {} ({}), hoped for within {} months", human_day(*g.set_on), ago,
                     g.months.value_or(0));
}

inline std::string ratings_text(const goal_figures& g) {
  if (g.ratings.empty()) return "Not rated this week.";
  std::vector<std::string> parts;
  for (int v : g.ratings) parts.push_back(fmt::format("{} of 10", v));
  return fmt::format("This week: {} close to the outcome.", fmt::join(parts, ", "));
}

/// "Dan checked in between 07:40 and 08:15." (or "at 07:45" when it was always then)
inline std::string spread_line(const checkin_figures& c) {
  if (!c.earliest) return {};
  if (*c.earliest == *c.latest) return fmt::format("{} checked in at {}.", c.partner, *c.earliest);
  return fmt::format("{} checked in between {} and {}.", c.partner, *c.earliest, *c.latest);
}

/// The next phase's asks, when the plan has one.
inline const plan_phase* next_phase(const weekly_report& r) {
  if (r.plan_week == 0) return phase_of_week(1);
  if (r.phase == nullptr) return nullptr;
  return phase_of_week(r.phase->last_week + 1);
}

// ---- touch, in words ------------------------------------------------------------------------

/// "Tue 3 Mar 2026: from stage 1 to stage 2 (Sam)."
inline std::string move_line(const stage_move& m) {
  return fmt::format("{}: from stage {} to stage {} ({}).", human_day(m.day), m.from, m.to,
                     m.partner);
}

/// Said whenever a sitting stopped at red, so that a red is never hidden and never a fault.
inline std::string red_line(int red) {
  return fmt::format("{} red: stopping at red is the practice working.", red);
}

/// "Tue 21:00", "Sat 10:00 (paused)".
inline std::string window_words(const touch_window_view& w) {
  std::string day = w.weekday;
  if (!day.empty() && day[0] >= 'a' && day[0] <= 'z')
    day[0] = static_cast<char>(day[0] - 'a' + 'A');
  return fmt::format("{} {}{}", day, w.start, w.paused ? " (paused)" : "");
}

inline std::string windows_line(const weekly_report& r) {
  std::vector<std::string> parts;
  for (const auto& w : r.current.stage.windows) parts.push_back(window_words(w));
  return fmt::format("Windows, available, not obligatory: {}.", fmt::join(parts, ", "));
}

/// Who initiated, in the order they came: rotation as turns, never a score per partner.
/// Empty before stage 3 or a first initiation (week_figures leaves the figures out).
inline std::string turns_line(const weekly_report& r) {
  if (r.current.initiations.empty()) return "";
  const auto named = [](const std::vector<std::string>& names) {
    return names.empty() ? std::string("none") : fmt::format("{}", fmt::join(names, ", then "));
  };
  std::string line = fmt::format("Who began, in turn: {}", named(r.current.initiation_turns));
  if (!r.previous.initiations.empty())
    line += fmt::format(" (the week before: {})", named(r.previous.initiation_turns));
  return line + ".";
}

// ---- words for the therapist ----------------------------------------------------------------

/// "Sam, Mon 2 Mar 2026"
inline std::string who_when(const std::string& partner, days_t day) {
  return fmt::format("{}, {}", partner, human_day(day));
}

inline std::string repair_heading(const repair_item& x) {
  const std::string how = !x.accepted ? "" : *x.accepted ? " (accepted)" : " (not accepted yet)";
  return who_when(x.partner, x.day) + how;
}

inline bool any_words(const weekly_report& r) {
  if (r.redacted) return false;
  return !r.current.concerns.items.empty() || !r.current.repairs.items.empty() ||
         !r.current.timeouts.notes.empty() || !r.current.celebrations.items.empty() ||
         !r.current.therapy.open.empty() || !r.stories.empty();
}

/// The three steps of a full repair, by label, in order.
inline std::vector<std::pair<std::string, std::string>> sequence_parts(const repair_item& x) {
  return {
      {"Apology: ", x.apology}, {"Reassurance: ", x.reassurance}, {"Commitment: ", x.commitment}};
}

/// A story's three parts, as each account gives them: label and words.
inline std::vector<std::pair<std::string, std::string>> story_parts(const story_account& a) {
  return {{"What happened", a.happened},
          {"The need that went unmet", a.needed},
          {"What is still possible", a.possible}};
}

inline std::string story_title(const story_item& s) {
  return s.title.empty() ? std::string("A story") : s.title;
}

/// "Sam's account is still to come." for a story told in one voice so far.
inline std::string story_waiting(const story_item& s) {
  if (s.waiting.empty()) return {};
  return fmt::format("{}'s account is still to come.", fmt::join(s.waiting, " and "));
}

/// "Dan, agreed Fri 20 Feb 2026: until Sun 22 Mar 2026, 14 days left."
inline std::string transparency_line(const transparency_item& t) {
  const std::string standing = t.days_left > 1    ? fmt::format("{} days left", t.days_left)
                               : t.days_left == 1 ? std::string("1 day left")
                               : t.days_left == 0
                                   ? std::string("it ends that day: review it together")
                                   : std::string("it reached its end: review it together");
  return fmt::format("{}, agreed {}: until {}, {}.", t.partner, human_day(t.agreed),
                     human_day(t.until), standing);
}

/// "Since Sat 28 Feb 2026 (Sam)"
inline std::string homework_heading(const said& h) {
  return fmt::format("Given {} ({})", human_day(h.day), h.partner);
}

/// Who is yet to answer the latest quarterly review.
inline std::string reviews_waiting_line(const weekly_report& r) {
  if (r.reviews_waiting.empty()) return {};
  return fmt::format("{} has not answered this round yet.", fmt::join(r.reviews_waiting, " and "));
}

inline bool any_agreements(const agreements& a) {
  return !a.stop_phrases.empty() || !a.red_lines.empty() || !a.touch_rules.empty() ||
         !a.script.empty();
}

/// The agreements by heading, in the order the report shows them.
inline std::vector<std::pair<std::string, const std::vector<std::string>*>> agreement_lists(
    const agreements& a) {
  return {{"Stop-phrases", &a.stop_phrases},
          {"Red lines", &a.red_lines},
          {"Touch rules", &a.touch_rules},
          {"When it heats up (our script)", &a.script}};
}

// ---- the trend ------------------------------------------------------------------------------

inline std::vector<std::string> trend_partners(const weekly_report& r) {
  std::vector<std::string> names;
  for (const auto& w : r.trend)
    for (const auto& p : w.partners)
      if (std::find(names.begin(), names.end(), p.partner) == names.end())
        names.push_back(p.partner);
  return names;
}

inline const trend_week::partner_row* trend_row(const trend_week& w, const std::string& partner) {
  for (const auto& p : w.partners)
    if (p.partner == partner) return &p;
  return nullptr;
}

/// "2026-W10 (so far)" for the running week.
inline std::string trend_label(const trend_week& w) {
  return w.partial ? w.label + " (so far)" : w.label;
}

/// One series of the trend: a value a week (none where nothing was logged).
struct trend_series {
  std::string name;  // "Dan: rating"
  double lo = 0, hi = 10;
  std::vector<std::optional<double>> values;
};

inline std::vector<trend_series> trend_lines(const weekly_report& r) {
  std::vector<trend_series> out;
  for (const auto& name : trend_partners(r)) {
    trend_series rating{name + ": rating", 0, 10, {}}, days{name + ": check-in days", 0, 7, {}},
        mood{name + ": mood", 1, 10, {}}, stress{name + ": stress", 1, 10, {}};
    for (const auto& w : r.trend) {
      const auto* p = trend_row(w, name);
      rating.values.push_back(p && p->rating ? std::optional<double>(*p->rating) : std::nullopt);
      days.values.push_back(p ? std::optional<double>(p->checkin_days) : std::nullopt);
      mood.values.push_back(p ? p->mood : std::nullopt);
      stress.values.push_back(p ? p->stress : std::nullopt);
    }
    out.push_back(rating);
    out.push_back(days);
    out.push_back(mood);
    out.push_back(stress);
  }
  trend_series gestures{"gestures", 0, 5, {}}, repairs{"repairs", 0, 7, {}};
  for (const auto& w : r.trend) {
    gestures.values.push_back(w.gestures);
    repairs.values.push_back(w.repairs);
    gestures.hi = std::max(gestures.hi, static_cast<double>(w.gestures));
    repairs.hi = std::max(repairs.hi, static_cast<double>(w.repairs));
  }
  out.push_back(gestures);
  out.push_back(repairs);
  return out;
}

inline std::string one_decimal(std::optional<double> v) {
  return v ? fmt::format("{:.1f}", *v) : std::string("-");
}

/// ▁ to █ for each value in [lo, hi], · where there is none.
inline std::string sparkline(const trend_series& s) {
  static const char* bars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  std::string out;
  for (const auto& v : s.values) {
    if (!v) {
      out += "·";
      continue;
    }
    const double span = std::max(1.0, s.hi - s.lo);
    const int level = std::clamp(static_cast<int>(std::lround((*v - s.lo) * 7 / span)), 0, 7);
    out += bars[level];
  }
  return out;
}

}  // namespace rebuild::report_detail
