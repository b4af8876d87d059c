#pragma once
/// Each partner's two sentences and the weekly rating of how close they feel to them.
#include <optional>
#include <vector>

#include "rebuild/entries.hpp"

namespace rebuild {

/// The partner's two sentences now in force.
std::optional<entry> current_goal(journal& j, const partner& p);
/// Earlier goals, newest first, the current one excluded.
std::vector<entry> goal_history(journal& j, const partner& p);
/// The latest rating dated in the week (and on or before `until`, when given).
std::optional<entry> rating_in_week(journal& j, const partner& p, const week& w,
                                    std::optional<days_t> until = std::nullopt);
/// Days of the week with a check-in (counting only those on or before `until`, when given).
int checkin_days(journal& j, const partner& p, const week& w,
                 std::optional<days_t> until = std::nullopt);

}  // namespace rebuild
