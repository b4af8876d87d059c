// Agenda items and their being talked through, read with one query.
#include "rebuild/agenda.hpp"

#include <SQLiteCpp/Statement.h>

#include "rebuild/journal.hpp"

namespace rebuild {

std::vector<agenda_view> agenda_by(journal& j, days_t until) {
  SQLite::Statement& st = j.statement(
      "SELECT e.uuid, e.day, e.author, a.text, a.for_day, (SELECT min(x.day) FROM agenda_done d "
      "JOIN entries x ON x.id = d.entry_id WHERE d.agenda = e.uuid AND x.deleted = 0 AND x.day "
      "<= ?1) FROM entries e JOIN agenda a ON a.entry_id = e.id WHERE e.kind = 'agenda' AND "
      "e.deleted = 0 AND e.day <= ?1 ORDER BY e.day, e.id");
  st.bind(1, iso_day(until));
  std::vector<agenda_view> out;
  while (st.executeStep()) {
    agenda_view v;
    v.uuid = st.getColumn(0).getString();
    v.day = day_from_iso(st.getColumn(1).getString());
    v.author = st.getColumn(2).getInt64();
    v.text = st.getColumn(3).getString();
    if (!st.getColumn(4).isNull()) v.for_day = day_from_iso(st.getColumn(4).getString());
    if (!st.getColumn(5).isNull()) v.done = day_from_iso(st.getColumn(5).getString());
    out.push_back(std::move(v));
  }
  st.reset();
  return out;
}

std::vector<agenda_view> agenda_for(journal& j, days_t day) {
  std::vector<agenda_view> out;
  for (auto& v : agenda_by(j, day))
    if (!v.done && v.for_day && *v.for_day <= day) out.push_back(std::move(v));
  return out;
}

}  // namespace rebuild
