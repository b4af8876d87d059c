#include "rebuild/goals.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>

#include "entry_rows.hpp"

namespace rebuild {

using namespace rows;

std::optional<entry> current_goal(journal& j, const partner& p) {
  auto found = query_entries(j, kind_named("goal"),
                             "WHERE e.kind = 'goal' AND e.author = ? AND e.deleted = 0 "
                             "ORDER BY e.day DESC, e.at_utc DESC, e.id DESC LIMIT 1",
                             [&](SQLite::Statement& st) { st.bind(1, p.id); });
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<entry> goal_history(journal& j, const partner& p) {
  auto found = query_entries(j, kind_named("goal"),
                             "WHERE e.kind = 'goal' AND e.author = ? AND e.deleted = 0 "
                             "ORDER BY e.day DESC, e.at_utc DESC, e.id DESC",
                             [&](SQLite::Statement& st) { st.bind(1, p.id); });
  if (!found.empty()) found.erase(found.begin());
  return found;
}

std::optional<entry> rating_in_week(journal& j, const partner& p, const week& w,
                                    std::optional<days_t> until) {
  const days_t last = until ? std::min(w.sunday, *until) : w.sunday;
  auto found = query_entries(j, kind_named("rating"),
                             "WHERE e.kind = 'rating' AND e.author = ? AND e.deleted = 0 AND "
                             "e.day BETWEEN ? AND ? ORDER BY e.id DESC LIMIT 1",
                             [&](SQLite::Statement& st) {
                               st.bind(1, p.id);
                               st.bind(2, iso_day(w.monday));
                               st.bind(3, iso_day(last));
                             });
  if (found.empty()) return std::nullopt;
  return found.front();
}

int checkin_days(journal& j, const partner& p, const week& w, std::optional<days_t> until) {
  const days_t last = until ? std::min(w.sunday, *until) : w.sunday;
  SQLite::Statement st(j.db(),
                       "SELECT count(DISTINCT day) FROM entries WHERE kind = 'checkin' AND "
                       "author = ? AND deleted = 0 AND day BETWEEN ? AND ?");
  st.bind(1, p.id);
  st.bind(2, iso_day(w.monday));
  st.bind(3, iso_day(last));
  st.executeStep();
  return st.getColumn(0).getInt();
}

}  // namespace rebuild
