#pragma once
/// Agenda items: topics kept for another day than the check-in (000: "You can add agenda
/// items on another day"), and whether each was talked through, as it stood on a given day.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rebuild/entries.hpp"

namespace rebuild {

struct agenda_view {
  std::string uuid;
  days_t day;               // the day it was added
  std::int64_t author = 0;  // who added it (a partner's id)
  std::string text;
  std::optional<days_t> for_day;  // the day it is kept for; none: some day
  std::optional<days_t> done;     // the first day it was talked through, on or before asked
  std::string short_id() const { return uuid.substr(0, 8); }
};
/// Items added on or before `until`, oldest first, each with whether it was talked through by
/// then.
std::vector<agenda_view> agenda_by(journal& j, days_t until);
/// The items still open on `day` that are kept for it or an earlier day: what the check-in
/// shows.
std::vector<agenda_view> agenda_for(journal& j, days_t day);

}  // namespace rebuild
