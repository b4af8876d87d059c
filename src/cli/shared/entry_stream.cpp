#include "entry_stream.hpp"

#include <optional>

namespace rebuild::cli {
namespace {

constexpr date::days season{90};

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
  log_filter rest = filter;  // what is left to read: its days narrow as seasons are read
  std::optional<days_t> from = first_day(j, rest);
  while (from) {
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
    if (rest.limit) {
      *rest.limit -= seen;
      if (*rest.limit <= 0) return;
    }
    // On past the season just read, to the next day that has an entry (a journal may have
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
