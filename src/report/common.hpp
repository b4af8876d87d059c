#pragma once
// Small pieces the renderers share: the week's heading, goal lines, per-day series.
#include <fmt/format.h>

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "rebuild/render.hpp"

namespace rebuild::report_detail {

inline const std::array<const char*, 7> weekday_short = {"Mon", "Tue", "Wed", "Thu",
                                                         "Fri", "Sat", "Sun"};

inline std::string heading(const weekly_report& r) {
  return fmt::format("Week {}: {} to {}", r.w.label, human_day(r.w.monday), human_day(r.w.sunday));
}

inline std::string plan_line(const weekly_report& r) {
  if (r.plan_week == 0)
    return fmt::format("The 60-day plan starts {}.", human_day(r.plan_start));
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

}  // namespace rebuild::report_detail
