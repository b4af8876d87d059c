#pragma once
// The pieces build_report puts together; each reads the journal once for what it counts.
#include <string>
#include <vector>

#include "rebuild/report.hpp"

namespace rebuild::report_build {

/// The figures of one span (a week, or the days of it so far), from its live entries.
/// `entries` holds at least every live entry dated in the span, oldest first. `with_words`:
/// also the words of its concerns, repairs and time-out returns (read for the report's own
/// week only; under --redact they stay empty).
week_figures figures_for(journal& j, const std::vector<partner>& pair, const span& days,
                         const std::vector<activity>& entries, bool redact, bool with_words);

/// One trend row a week for the `count` weeks ending with `last` (oldest first).
std::vector<trend_week> trend(journal& j, const std::vector<partner>& pair, const week& last,
                              int count, days_t today);

/// What moved the right way, against the span before; the guide's "micro-wins".
std::vector<std::string> micro_wins(const weekly_report& r);

}  // namespace rebuild::report_build
