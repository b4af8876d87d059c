#pragma once
/// Counselling and transparency, read from the journal: homework and whether it is done,
/// transparency agreements and whether they have ended, each as it stood on a given day, so
/// that a past week's report never changes because of what happened later.
#include <optional>
#include <vector>

#include "rebuild/entries.hpp"

namespace rebuild {

/// The guide's transparency is "a short-term bridge": an agreement ends at most this many
/// days after the day it is agreed.
inline constexpr int transparency_most_days = 90;

struct homework_view {
  entry item;
  std::optional<entry> done;  // the first time it was marked done, on or before the day asked
};
/// Homework set on or before `until`, oldest first, each with its completion by then.
std::vector<homework_view> homework_by(journal& j, days_t until);

struct transparency_view {
  entry agreement;
  std::optional<entry> ended;  // its end, on or before the day asked
  days_t until() const;        // the end date it was agreed with
};
/// Agreements made on or before `until`, oldest first, each with its end by then.
std::vector<transparency_view> transparency_by(journal& j, days_t until);

/// Counselling sessions from `from` (the journal's start, when unset) to `until`: the days
/// with one, however many partners wrote it down.
int therapy_sessions_by(journal& j, days_t until, std::optional<days_t> from = std::nullopt);

}  // namespace rebuild
