#include "rebuild/support.hpp"

#include <map>
#include <string>

#include <SQLiteCpp/Statement.h>

#include "rebuild/practices.hpp"

namespace rebuild {
namespace {

/// For each live entry of `kind` whose `field` refers to another, the earliest such entry on
/// or before `until`, by the id it refers to.
std::map<std::string, entry> first_by_reference(journal& j, std::string_view kind,
                                                std::string_view field, days_t until) {
  std::map<std::string, entry> out;
  for (auto& e : entries_of_kind(j, kind)) {  // oldest first
    if (e.day > until) continue;
    out.try_emplace(e.text(field), std::move(e));
  }
  return out;
}

}  // namespace

std::vector<homework_view> homework_by(journal& j, days_t until) {
  auto done = first_by_reference(j, "homework-done", "homework", until);
  std::vector<homework_view> out;
  for (auto& h : entries_of_kind(j, "homework")) {
    if (h.day > until) continue;
    const auto it = done.find(h.uuid);
    out.push_back({std::move(h), it == done.end() ? std::nullopt : std::optional(it->second)});
  }
  return out;
}

days_t transparency_view::until() const { return day_from_iso(agreement.text("until")); }

std::vector<transparency_view> transparency_by(journal& j, days_t until) {
  auto ends = first_by_reference(j, "transparency-end", "agreement", until);
  std::vector<transparency_view> out;
  for (auto& a : entries_of_kind(j, "transparency")) {
    if (a.day > until) continue;
    const auto it = ends.find(a.uuid);
    out.push_back({std::move(a), it == ends.end() ? std::nullopt : std::optional(it->second)});
  }
  return out;
}

int therapy_sessions_by(journal& j, days_t until, std::optional<days_t> from) {
  // A session is one however many partners wrote it down: distinct days.
  SQLite::Statement& st = j.statement(
      "SELECT count(DISTINCT day) FROM entries WHERE kind = 'therapy-session' AND deleted = 0 "
      "AND day BETWEEN ?1 AND ?2");
  st.bind(1, from ? iso_day(*from) : std::string("0000-01-01"));
  st.bind(2, iso_day(until));
  st.executeStep();
  const int n = st.getColumn(0).getInt();
  st.reset();
  return n;
}

}  // namespace rebuild
