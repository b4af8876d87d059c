#pragma once
/// Counselling and transparency, read from the journal: homework and whether it is done,
/// transparency agreements and whether they have ended, each as it stood on a given day, so
/// that a past week's report never changes because of what happened later. Lean rows, read
/// with one query each: a ten-year journal holds hundreds of them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rebuild/entries.hpp"

namespace rebuild {

/// The guide's transparency is "a short-term bridge": an agreement ends at most this many
/// days after the day it is agreed.
inline constexpr int transparency_most_days = 90;

struct homework_view {
  std::string uuid;
  days_t day;               // the day it was given
  std::int64_t author = 0;  // who wrote it down (a partner's id)
  std::string text;
  std::optional<days_t> done;  // the first day it was marked done, on or before the day asked
  std::string short_id() const { return uuid.substr(0, 8); }
};
/// Homework given on or before `until`, oldest first, each with its completion by then; with
/// `since`, only what was still open on that day or given after it (a report's two weeks need
/// no homework done years before).
std::vector<homework_view> homework_by(journal& j, days_t until,
                                       std::optional<days_t> since = std::nullopt);
/// How much homework given on or before `until` was not done by then, and the day the oldest
/// of it was given: one count in SQL, for `due` and `plan`, which need no more.
struct open_homework {
  int count = 0;
  std::optional<days_t> oldest;
};
open_homework homework_open(journal& j, days_t until);

struct transparency_view {
  std::string uuid;
  days_t day;  // the day it was agreed
  std::int64_t author = 0;
  std::string text;
  days_t until;                 // the end date it was agreed with
  std::optional<days_t> ended;  // the day it was ended, on or before the day asked
  /// Its words and end date before each edit made by the day asked, the latest first.
  struct before_edit {
    days_t edited;
    std::optional<std::string> text;
    std::optional<days_t> until;
  };
  std::vector<before_edit> edits;
  std::string short_id() const { return uuid.substr(0, 8); }
  /// As it stood at the end of an earlier `day`: each edit after it taken back.
  transparency_view as_of(days_t day) const;
};
/// Agreements made on or before `until`, oldest first, each with its end by then and its words
/// and end date as they stood then (issue 26 item 1).
std::vector<transparency_view> transparency_by(journal& j, days_t until);

/// Counselling sessions from `from` (the journal's start, when unset) to `until`: the days
/// with one, however many partners wrote it down.
int therapy_sessions_by(journal& j, days_t until, std::optional<days_t> from = std::nullopt);

}  // namespace rebuild
