#include "entry_stream.hpp"

#include <algorithm>
#include <optional>

namespace rebuild::cli {
namespace {

// Each reading aims at this many entries: each_entry then holds at most that many at once
// (it reads up to 500 a batch), and its list of ids stays as short.
constexpr int entries_per_reading = 200;
constexpr int most_days = 366;

/// The day of the first entry `filter` names in its order (the oldest, or the newest);
/// nullopt when it names none.
std::optional<days_t> first_day(journal& j, log_filter filter) {
  filter.limit = 1;
  std::optional<days_t> day;
  each_entry(j, filter, [&day](entry& e) { day = e.day; });
  return day;
}

}  // namespace

void stream_entries(journal& j, const log_filter& filter,
                    const std::function<void(entry&)>& visit) {
  log_filter rest = filter;  // what is left to read: its days narrow as readings are done
  std::optional<days_t> from = first_day(j, rest);
  int days = 10;  // about 200 entries of a journal written every day by two
  while (from) {
    const date::days season{days};
    log_filter part = rest;
    if (filter.oldest_first) {
      part.since = *from;
      part.until = *from + season - date::days{1};
      if (rest.until && *rest.until < *part.until) part.until = rest.until;
    } else {
      part.until = *from;
      part.since = *from - season + date::days{1};
      if (rest.since && *rest.since > *part.since) part.since = rest.since;
    }
    int seen = 0;
    each_entry(j, part, [&](entry& e) {
      ++seen;
      visit(e);
    });
    // The next reading as long as this one's pace of entries gives about the aim.
    days = std::clamp(seen == 0 ? most_days : days * entries_per_reading / seen, 1, most_days);
    if (rest.limit) {
      *rest.limit -= seen;
      if (*rest.limit <= 0) return;
    }
    // On past the days just read, to the next day that has an entry (a journal may have
    // years without one).
    if (filter.oldest_first) {
      if (rest.until && *part.until >= *rest.until) return;
      rest.since = *part.until + date::days{1};
    } else {
      if (rest.since && *part.since <= *rest.since) return;
      rest.until = *part.since - date::days{1};
    }
    from = first_day(j, rest);
  }
}

}  // namespace rebuild::cli
