#pragma once
// The pieces build_report puts together; each reads the journal once for what it counts.
#include <string>
#include <vector>

#include "rebuild/report.hpp"
#include "rebuild/support.hpp"

namespace rebuild::report_build {

/// Counselling and transparency as they stood on the report's last day, read once for both
/// spans: an earlier span sees what was given, done or ended by its own last day.
struct support_rows {
  days_t until;
  std::vector<homework_view> homework;
  std::vector<transparency_view> transparency;
  int sessions_so_far = 0;
};
support_rows support_by(journal& j, days_t since, days_t until);

/// The figures of one span (a week, or the days of it so far), from its live entries.
/// `entries` holds at least every live entry dated in the span, oldest first. `with_words`:
/// also the words of its concerns, repairs and time-out returns (read for the report's own
/// week only; under --redact they stay empty).
week_figures figures_for(journal& j, const std::vector<partner>& pair, const span& days,
                         const std::vector<activity>& entries, const support_rows& support,
                         bool redact, bool with_words);

/// One trend row a week for the `count` weeks ending with `last` (oldest first).
std::vector<trend_week> trend(journal& j, const std::vector<partner>& pair, const week& last,
                              int count, days_t today);

/// What moved the right way, against the span before; the guide's "micro-wins".
std::vector<std::string> micro_wins(const weekly_report& r);

}  // namespace rebuild::report_build
