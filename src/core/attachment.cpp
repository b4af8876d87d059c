#include "rebuild/attachment.hpp"

#include <SQLiteCpp/Statement.h>
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
  return static_cast<int>(std::count_if(hits.begin(), hits.end(), [&](const trigger_hit& h) {
    return h.day >= from && h.day <= to;
  }));
}

int trigger_view::response_used(days_t from, days_t to) const {
  return static_cast<int>(std::count_if(hits.begin(), hits.end(), [&](const trigger_hit& h) {
    return h.day >= from && h.day <= to && h.used.value_or(false);
  }));
}

std::vector<trigger_view> triggers(journal& j, days_t until) {
  // The firings as lean rows: years of them are read for a month's count.
  std::map<std::string, std::vector<trigger_hit>> hits;
  SQLite::Statement& st = j.statement(
      "SELECT h.trigger, e.day, h.used FROM entries e JOIN trigger_hits h ON h.entry_id = e.id "
      "WHERE e.kind = 'trigger-hit' AND e.deleted = 0 AND e.day <= ?1 "
      "ORDER BY e.day, e.id");
  st.bind(1, iso_day(until));
  while (st.executeStep()) {
    trigger_hit h{day_from_iso(st.getColumn(1).getString()), std::nullopt};
    if (!st.getColumn(2).isNull()) h.used = st.getColumn(2).getInt() == 1;
    hits[st.getColumn(0).getString()].push_back(h);
  }
  st.reset();
  std::vector<trigger_view> out;
  for (auto& t : entries_of_kind(j, "trigger")) {
    if (t.day > until) continue;
    auto it = hits.find(t.uuid);
    out.push_back(
        {std::move(t), it == hits.end() ? std::vector<trigger_hit>{} : std::move(it->second)});
  }
  return out;
}

trigger_count count_triggers(journal& j, days_t from, days_t to) {
  SQLite::Statement& st = j.statement(
      "SELECT (SELECT count(*) FROM entries WHERE kind = 'trigger' AND deleted = 0 AND day <= ?2), "
      "count(*), coalesce(sum(h.used = 1), 0) FROM entries e JOIN trigger_hits h ON "
      "h.entry_id = e.id WHERE e.kind = 'trigger-hit' AND e.deleted = 0 AND e.day BETWEEN ?1 "
      "AND ?2");
  st.bind(1, iso_day(from));
  st.bind(2, iso_day(to));
  st.executeStep();
  const trigger_count n{st.getColumn(0).getInt(), st.getColumn(1).getInt(),
                        st.getColumn(2).getInt()};
  st.reset();
  return n;
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
    if (it != at.end() && !out[it->second].second)
      out[it->second].second = std::move(s);
    else
      out.push_back({std::move(s), std::nullopt});  // its first is gone: a story of its own
  }
  std::stable_sort(out.begin(), out.end(), [](const story_view& a, const story_view& b) {
    return std::tie(a.first.day, a.first.at_utc) < std::tie(b.first.day, b.first.at_utc);
  });
  return out;
}

namespace {

/// The live accounts of the story whose first account is `first_uuid`, dated by `until`: the
/// first (if live) and those about it, oldest first.
std::vector<entry> accounts_of(journal& j, const std::string& first_uuid, days_t until) {
  SQLite::Statement& st = j.statement(
      "SELECT e.id FROM entries e JOIN stories s ON s.entry_id = e.id WHERE e.kind = 'story' "
      "AND e.deleted = 0 AND e.day <= ?2 AND (e.uuid = ?1 OR s.about = ?1) "
      "ORDER BY e.day, e.id");
  st.bind(1, first_uuid);
  st.bind(2, iso_day(until));
  std::vector<std::int64_t> ids;
  while (st.executeStep()) ids.push_back(st.getColumn(0).getInt64());
  st.reset();
  std::vector<entry> out;
  for (const auto id : ids) out.push_back(get_entry(j, id));
  return out;
}

/// The story whose first account is `first`, from its accounts: nullopt when the first is
/// gone (each account left then stands alone).
std::optional<story_view> assemble(std::vector<entry>& accounts, const std::string& first) {
  const auto head = std::find_if(accounts.begin(), accounts.end(),
                                 [&](const entry& e) { return e.uuid == first; });
  if (head == accounts.end()) return std::nullopt;
  story_view v{*head, std::nullopt};
  for (auto& a : accounts)
    if (a.uuid != first && !v.second) v.second = std::move(a);
  return v;
}

/// The uuid of the first account of the story `account` belongs to.
std::string first_of(const entry& account) {
  return account.text("about").empty() ? account.uuid : account.text("about");
}

}  // namespace

std::vector<story_view> stories_between(journal& j, days_t from, days_t until) {
  log_filter filter;
  filter.kind = &kind_named("story");
  filter.since = from;
  filter.until = until;
  filter.oldest_first = true;
  std::vector<std::string> firsts;  // each story once, in the order its accounts came
  for (const auto& a : list_entries(j, filter)) {
    const std::string first = first_of(a);
    if (std::find(firsts.begin(), firsts.end(), first) == firsts.end()) firsts.push_back(first);
  }
  std::vector<story_view> out;
  for (const auto& first : firsts) {
    auto accounts = accounts_of(j, first, until);
    if (auto v = assemble(accounts, first)) {
      out.push_back(std::move(*v));
      continue;
    }
    for (auto& a : accounts) out.push_back({std::move(a), std::nullopt});
  }
  std::stable_sort(out.begin(), out.end(), [](const story_view& a, const story_view& b) {
    return std::tie(a.first.day, a.first.at_utc) < std::tie(b.first.day, b.first.at_utc);
  });
  return out;
}

story_count count_stories(journal& j, days_t until) {
  // Stories: first accounts, and second accounts whose first is gone; in both voices: the
  // firsts that a live second account is about.
  SQLite::Statement& st = j.statement(
      "WITH live AS (SELECT e.uuid, s.about FROM entries e JOIN stories s ON s.entry_id = e.id "
      "WHERE e.kind = 'story' AND e.deleted = 0 AND e.day <= ?1) "
      "SELECT (SELECT count(*) FROM live WHERE about IS NULL), "
      "(SELECT count(*) FROM live l WHERE about IS NOT NULL AND NOT EXISTS "
      "  (SELECT 1 FROM live f WHERE f.uuid = l.about AND f.about IS NULL)), "
      "(SELECT count(*) FROM live f WHERE about IS NULL AND EXISTS "
      "  (SELECT 1 FROM live l WHERE l.about = f.uuid))");
  st.bind(1, iso_day(until));
  st.executeStep();
  story_count n{st.getColumn(0).getInt() + st.getColumn(1).getInt(), st.getColumn(2).getInt()};
  st.reset();
  return n;
}

story_view story_of(journal& j, const entry& account) {
  const std::string first = first_of(account);
  auto accounts = accounts_of(j, first, every_day_ever);
  if (auto v = assemble(accounts, first)) return std::move(*v);
  // Its first is gone: the account stands alone.
  if (account.deleted) throw data_error(fmt::format("{} is not a live story", account.short_id()));
  return {account, std::nullopt};
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
        found.push_back(
            {e, {kind == "checkin" ? "appreciation" : std::string(kind), e.day, *line}});
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
