#include "rebuild/attachment.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string>

#include "rebuild/errors.hpp"

namespace rebuild {

bool is_full_sequence(const entry& repair) {
  return !repair.text("apology").empty() && !repair.text("reassurance").empty() &&
         !repair.text("commitment").empty();
}

int trigger_view::fired(days_t from, days_t to) const {
  return static_cast<int>(std::count_if(hits.begin(), hits.end(), [&](const entry& h) {
    return h.day >= from && h.day <= to;
  }));
}

int trigger_view::response_used(days_t from, days_t to) const {
  return static_cast<int>(std::count_if(hits.begin(), hits.end(), [&](const entry& h) {
    return h.day >= from && h.day <= to && h.number("used").value_or(0) == 1;
  }));
}

std::vector<trigger_view> triggers(journal& j, days_t until) {
  std::map<std::string, std::vector<entry>> hits;
  for (auto& h : entries_of_kind(j, "trigger-hit"))  // oldest first
    if (h.day <= until) hits[h.text("trigger")].push_back(std::move(h));
  std::vector<trigger_view> out;
  for (auto& t : entries_of_kind(j, "trigger")) {
    if (t.day > until) continue;
    auto it = hits.find(t.uuid);
    out.push_back({std::move(t), it == hits.end() ? std::vector<entry>{} : std::move(it->second)});
  }
  return out;
}

std::string story_view::title() const {
  if (!first.text("title").empty()) return first.text("title");
  return second ? second->text("title") : std::string();
}

days_t story_view::last_day() const {
  return second && second->day > first.day ? second->day : first.day;
}

std::vector<story_view> stories(journal& j, std::optional<days_t> until) {
  std::vector<story_view> out;
  std::map<std::string, std::size_t> at;  // a first account's uuid: its place in `out`
  std::vector<entry> seconds;
  for (auto& s : entries_of_kind(j, "story")) {  // oldest first
    if (until && s.day > *until) continue;
    if (s.text("about").empty()) {
      at.emplace(s.uuid, out.size());
      out.push_back({std::move(s), std::nullopt});
    } else {
      seconds.push_back(std::move(s));
    }
  }
  for (auto& s : seconds) {
    const auto it = at.find(s.text("about"));
    if (it != at.end() && !out[it->second].second) out[it->second].second = std::move(s);
    else out.push_back({std::move(s), std::nullopt});  // its first is gone: a story of its own
  }
  std::stable_sort(out.begin(), out.end(), [](const story_view& a, const story_view& b) {
    return std::tie(a.first.day, a.first.at_utc) < std::tie(b.first.day, b.first.at_utc);
  });
  return out;
}

story_view story_of(journal& j, const entry& account) {
  const std::string first_id =
      account.text("about").empty() ? account.uuid : account.text("about");
  for (auto& s : stories(j))
    if (s.first.uuid == first_id || s.first.uuid == account.uuid ||
        (s.second && s.second->uuid == account.uuid))
      return s;
  throw data_error(fmt::format("{} is not a live story", account.short_id()));
}

std::vector<evidence_item> evidence_for(journal& j, const partner& p, days_t today) {
  const days_t from = today - date::days{evidence_days - 1};
  log_filter filter;
  filter.since = from;
  filter.until = today;
  std::vector<std::pair<entry, evidence_item>> found;
  const auto quoted = [](const std::string& s) { return fmt::format("\"{}\"", s); };
  for (const std::string_view kind : {"checkin", "bid", "repair"}) {
    filter.kind = &kind_named(kind);
    for (auto& e : list_entries(j, filter)) {
      const bool mine = e.author.id == p.id;
      std::optional<std::string> line;
      if (kind == "checkin" && !mine && !e.text("appreciation").empty())
        line = fmt::format("{} appreciated: {}", e.author.name, quoted(e.text("appreciation")));
      else if (kind == "bid" && mine && e.text("response") == "toward")
        line = fmt::format("your bid was turned toward: {}", quoted(e.text("text")));
      else if (kind == "repair" && e.number("accepted").value_or(0) == 1)
        line = mine ? fmt::format("your repair was accepted: {}", quoted(e.text("text")))
                    : fmt::format("{} repaired, and you accepted: {}", e.author.name,
                                  quoted(e.text("text")));
      if (line)
        found.push_back({e, {kind == "checkin" ? "appreciation" : std::string(kind), e.day, *line}});
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first.day, a.first.at_utc) > std::tie(b.first.day, b.first.at_utc);
  });
  std::vector<evidence_item> out;
  for (auto& f : found) out.push_back(std::move(f.second));
  return out;
}

}  // namespace rebuild
