#include "rebuild/practices.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "entry_rows.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/settings.hpp"
#include "rebuild/text.hpp"

namespace rebuild {

// ---- settings -------------------------------------------------------------------------------

const std::vector<setting_spec>& setting_specs() {
  static const std::vector<setting_spec> all = {
      {"checkin.time", "the time of day you check in, HH:MM (reminders use it)", "08:00"},
      {"plan.start", "day 1 of the 60-day plan, YYYY-MM-DD", ""},
      {"touch.lead", "who sets the stage-3 rules: the partner with lower desire", ""},
      {"calendar.titles",
       "event titles in the calendar: discreet (never touch or sex), private (no ritual's name "
       "either) or plain",
       "discreet"},
      {"talks.until",
       "your rhythm: after this time, HH:MM, big talks wait for another day (a gentle note when "
       "a concern or time-out comes later, never a block); off for none",
       "off"},
  };
  return all;
}

std::optional<minutes_t> talks_until(journal& j) {
  const std::string until = setting(j, "talks.until");
  if (until == "off" || until.empty()) return std::nullopt;
  return parse_time_of_day(until);
}

const std::vector<setting_spec>& partner_setting_specs() {
  static const std::vector<setting_spec> all = {
      {"inventory.show-maybe", "show yes+maybe items in inventory match (only if both say yes)",
       "no"},
  };
  return all;
}

namespace {
[[noreturn]] void no_such_setting(std::string_view key) {
  std::vector<std::string_view> keys;
  for (const auto& s : setting_specs()) keys.push_back(s.key);
  for (const auto& s : partner_setting_specs()) keys.push_back(s.key);
  throw data_error(
      fmt::format("there is no setting '{}'; the settings are {}", key, fmt::join(keys, ", ")));
}

const setting_spec& spec_of(std::string_view key) {
  for (const auto& s : setting_specs())
    if (s.key == key) return s;
  no_such_setting(key);
}

}  // namespace

bool is_partner_setting(std::string_view key) {
  for (const auto& s : partner_setting_specs())
    if (s.key == key) return true;
  return false;
}

std::string setting(journal& j, std::string_view key) {
  const setting_spec& spec = spec_of(key);
  return get_setting(j, key).value_or(std::string(spec.fallback));
}

std::string setting_value(std::string_view key, std::string_view value, days_t today) {
  spec_of(key);
  if (key == "checkin.time") return hh_mm(parse_time_of_day(value));
  if (key == "talks.until")
    return value == "off" ? std::string("off") : hh_mm(parse_time_of_day(value));
  if (key == "plan.start") return iso_day(parse_day(value, today));
  if (key == "calendar.titles" && value != "discreet" && value != "private" && value != "plain")
    throw data_error(
        fmt::format("calendar.titles is discreet, private or plain, not '{}'; discreet "
                    "titles never name touch or sex, private ones no ritual's name either",
                    value));
  return std::string(value);  // a key without a format of its own (touch.lead: a name)
}

void set_config(journal& j, std::string_view key, std::string_view value, const clock& now) {
  // touch.lead names a partner of this journal, in the partner's own spelling.
  if (key == "touch.lead") return set_setting(j, key, find_partner(j, value).name, &now);
  set_setting(j, key, setting_value(key, value, now.today()), &now);
}

// ---- the plan -------------------------------------------------------------------------------

const std::vector<plan_phase>& plan_phases() {
  static const std::vector<plan_phase> all = {
      {1,
       2,
       "Ground rules and the daily check-in",
       {{"agree your ground rules and two stop-phrases"},
        {"check in every day, 10 to 20 minutes"},
        {"two affectionate gestures a day"}}},
      {3,
       4,
       "Sharing the load, and first touch",
       {{"rebalance the top 12 jobs, each owned from noticing to finishing"},
        {"stage-one touch three times a week, 5 minutes each way"},
        {"one describe-impact-ask concern a week"},
        {"track one repair a day"}}},
      {5,
       6,
       "Closer, on a rhythm",
       {{"stage-two touch"},
        {"two 'available, not obligatory' windows a week", true},
        {"a shared ritual, such as a weekly walk"},
        {"look at progress against your two-sentence outcomes"}}},
      {7,
       8,
       "Choosing what comes next",
       {{"stage three, if you both feel ready", true},
        {"counselling, if you feel stuck"},
        {"revisit who owns which job"},
        {"celebrate at least one change"}}},
  };
  return all;
}

std::vector<std::string> phase_asks(const plan_phase& phase, int stage, bool windows_added) {
  std::vector<std::string> out;
  for (const auto& ask : phase.asks)
    if (!ask.closer || stage >= 2 || windows_added) out.emplace_back(ask.text);
  return out;
}

days_t plan_start(journal& j) {
  const std::string start = setting(j, "plan.start");
  if (start.empty())
    throw io_error(
        "the journal has no plan.start; set it with 'rebuild config plan.start YYYY-MM-DD'");
  return day_from_iso(start);
}

days_t plan_start_as_of(journal& j, days_t day) {
  const auto start = setting_as_of(j, "plan.start", day);
  if (!start || start->empty()) return plan_start(j);  // before it was first set: the first
  return day_from_iso(*start);
}

int plan_week(days_t start, days_t today) {
  if (today < start) return 0;
  return static_cast<int>((today - start).count() / 7) + 1;
}

const plan_phase* phase_of_week(int week) {
  for (const auto& p : plan_phases())
    if (week >= p.first_week && week <= p.last_week) return &p;
  return nullptr;
}

days_t plan_end(days_t start) { return start + date::days{plan_days - 1}; }

const plan_phase* phase_on(days_t start, days_t today) {
  if (today < start || today > plan_end(start)) return nullptr;
  if (const plan_phase* p = phase_of_week(plan_week(start, today))) return p;
  return &plan_phases().back();  // days 57-60: week 9 by the count, still the last phase
}

// ---- rules ----------------------------------------------------------------------------------

namespace {
/// Each lasting entry's first live end (a rule-end, a touch-window-end), by the UUID its
/// first field refers to.
std::map<std::string, days_t> first_ends(journal& j, std::string_view end_kind) {
  const std::string_view refers = kind_named(end_kind).fields.front().name;
  std::map<std::string, days_t> out;
  for (const auto& e : entries_of_kind(j, end_kind))
    out.emplace(e.text(refers), e.day);  // oldest first
  return out;
}
std::map<std::string, days_t> rule_ends(journal& j) { return first_ends(j, "rule-end"); }
}  // namespace

std::vector<entry> rules_in_force(journal& j, std::optional<days_t> until) {
  const auto ends = rule_ends(j);
  std::vector<entry> out;
  for (auto& e : entries_of_kind(j, "rule")) {
    const auto end = ends.find(e.uuid);
    if (!until && end == ends.end()) out.push_back(std::move(e));
    if (until && e.day <= *until && (end == ends.end() || end->second > *until))
      out.push_back(std::move(e));
  }
  if (until) as_of_end(j, out, *until);
  return out;
}

std::optional<days_t> rule_removed_on(journal& j, const entry& rule) {
  const auto ends = rule_ends(j);
  if (const auto it = ends.find(rule.uuid); it != ends.end()) return it->second;
  return std::nullopt;
}

std::vector<entry> rules_of_type(journal& j, std::string_view type) {
  std::vector<entry> out;
  for (auto& e : rules_in_force(j, std::nullopt))
    if (e.text("type") == type) out.push_back(std::move(e));
  return out;
}

// ---- time-outs ------------------------------------------------------------------------------

namespace {

/// The live entry this connection shows that refers to `uuid` through `table`'s `column`, the
/// first or the latest by (day, at_utc, id): one look on the column's index, not a read of the
/// whole kind. (`table` and `column` are the kinds' own names, never user text.)
std::optional<entry> referring(journal& j, std::string_view table, std::string_view column,
                               const std::string& uuid, bool latest) {
  const char* order = latest ? " DESC" : "";
  SQLite::Statement& st = j.statement(
      fmt::format("SELECT e.id FROM {0} k JOIN entries e ON e.id = k.entry_id WHERE k.{1} = ? AND "
                  "e.deleted = 0 AND {2} ORDER BY e.day{3}, e.at_utc{3}, e.id{3} LIMIT 1",
                  table, column, j.visible("e"), order));
  st.bind(1, uuid);
  if (!st.executeStep()) {
    st.reset();
    return std::nullopt;
  }
  const std::int64_t id = st.getColumn(0).getInt64();
  st.reset();
  return get_entry(j, id);
}

/// Every live entry of `kind` this connection shows, oldest first unless `newest_first`, handed
/// to `visit` with the first (or, with `latest`, the latest) live entry of `by_kind` whose
/// `column` refers to it. Read a page at a time: the page's entries, then what refers to them
/// in one query (the column's index), so ten years are never held at once.
void each_with_referring(journal& j, std::string_view kind, bool newest_first,
                         std::string_view by_kind, std::string_view column, bool latest,
                         const std::function<void(entry&, std::optional<entry>&)>& visit) {
  const kind_spec& by = kind_named(by_kind);
  // `column` is one of the kind's own field names, never user text.
  const std::string where = fmt::format(
      "WHERE e.id IN (SELECT r.entry_id FROM {} r WHERE r.{} IN (SELECT value FROM "
      "json_each(?))) AND e.deleted = 0 AND {} ORDER BY e.day, e.at_utc, e.id",
      by.table, column, j.visible("e"));
  std::vector<entry> page;
  const auto hand_over = [&] {
    nlohmann::json uuids = nlohmann::json::array();
    for (const auto& e : page) uuids.push_back(e.uuid);
    const std::string list = uuids.dump();
    std::map<std::string, entry> found;  // oldest first: the first kept, or the latest
    for (auto& r :
         rows::query_entries(j, by, where, [&](SQLite::Statement& st) { st.bind(1, list); })) {
      std::string refers = r.text(column);
      if (latest)
        found.insert_or_assign(std::move(refers), std::move(r));
      else
        found.emplace(std::move(refers), std::move(r));
    }
    for (auto& e : page) {
      std::optional<entry> other;
      if (const auto it = found.find(e.uuid); it != found.end()) other = std::move(it->second);
      visit(e, other);
    }
    page.clear();
  };
  log_filter filter;
  filter.kind = &kind_named(kind);
  filter.oldest_first = !newest_first;
  each_entry(j, filter, [&](entry& e) {
    page.push_back(std::move(e));
    if (page.size() == 256) hand_over();
  });
  hand_over();
}

}  // namespace

void each_timeout(journal& j, bool newest_first,
                  const std::function<void(const timeout_view&)>& visit) {
  each_with_referring(j, "timeout", newest_first, "timeout-return", "timeout", false,
                      [&](entry& t, std::optional<entry>& returned) {
                        visit(timeout_view{std::move(t), std::move(returned)});
                      });
}

std::vector<timeout_view> timeouts(journal& j) {
  std::vector<timeout_view> out;
  each_timeout(j, false, [&out](const timeout_view& t) { out.push_back(t); });
  return out;
}

std::optional<entry> open_timeout(journal& j) {
  // A return is live when its row is in timeout_returns (a tombstone keeps none): its entry
  // is not read for each time-out of ten years.
  SQLite::Statement& st = j.statement(
      "SELECT t.id FROM entries t WHERE t.kind = 'timeout' AND t.deleted = 0 AND "
      "NOT EXISTS (SELECT 1 FROM timeout_returns r WHERE r.timeout = t.uuid) "
      "ORDER BY t.day DESC, t.at_utc DESC, t.id DESC LIMIT 1");
  if (!st.executeStep()) return std::nullopt;
  const std::int64_t id = st.getColumn(0).getInt64();
  st.reset();
  return get_entry(j, id);
}

long pause_minutes(const entry& called, const std::string& until_utc) {
  return static_cast<long>(std::chrono::duration_cast<std::chrono::minutes>(
                               utc_from_iso(until_utc) - utc_from_iso(called.at_utc))
                               .count());
}

// ---- concerns -------------------------------------------------------------------------------

std::optional<entry> latest_answer(journal& j, const entry& concern) {
  return referring(j, "concern_answers", "concern", concern.uuid, true);
}

void each_concern(journal& j, bool newest_first,
                  const std::function<void(const concern_view&)>& visit) {
  each_with_referring(j, "concern", newest_first, "concern-answer", "concern", true,
                      [&](entry& c, std::optional<entry>& answer) {
                        visit(concern_view{std::move(c), std::move(answer)});
                      });
}

std::vector<concern_view> concerns(journal& j) {
  std::vector<concern_view> out;
  each_concern(j, false, [&out](const concern_view& c) { out.push_back(c); });
  return out;
}

// ---- jobs -----------------------------------------------------------------------------------

void as_of_end(journal& j, std::vector<entry>& lasting, days_t until) {
  if (lasting.empty()) return;
  const kind_spec* history = history_kind(*lasting.front().kind);
  if (history == nullptr) return;
  const std::string_view refers = history->fields.front().name;
  auto changes = entries_of_kind(j, history->name);  // oldest first
  std::map<std::string, entry*> by_uuid;
  for (auto& e : lasting) by_uuid[e.uuid] = &e;
  for (auto c = changes.rbegin(); c != changes.rend(); ++c) {
    if (c->day <= until) break;
    const auto it = by_uuid.find(c->text(refers));
    if (it == by_uuid.end()) continue;
    const std::string changed = c->text("changed");
    std::size_t from = 0;
    while (from <= changed.size()) {
      const std::size_t comma = std::min(changed.find(',', from), changed.size());
      const std::string name = changed.substr(from, comma - from);
      from = comma + 1;
      if (it->second->kind->field(name) == nullptr) continue;  // not a field of it: ignored
      if (const value& was = c->get(name); std::holds_alternative<std::monostate>(was))
        it->second->fields.erase(name);
      else
        it->second->fields[name] = was;
    }
  }
}

std::vector<task_view> tasks(journal& j, std::optional<days_t> until) {
  std::map<std::string, std::vector<entry>> by_task;
  for (auto& a : entries_of_kind(j, "task-assignment"))
    if (!until || a.day <= *until) by_task[a.text("task")].push_back(std::move(a));
  std::vector<entry> jobs;
  for (auto& t : entries_of_kind(j, "task"))
    if (!until || t.day <= *until) jobs.push_back(std::move(t));
  if (until) as_of_end(j, jobs, *until);
  std::vector<task_view> out;
  for (auto& t : jobs) {
    task_view v{std::move(t), std::nullopt, {}};
    if (auto it = by_task.find(v.task.uuid); it != by_task.end()) {
      // The latest assignment made is the one in force, whatever day it was dated.
      v.assignments = std::move(it->second);
      std::sort(v.assignments.begin(), v.assignments.end(),
                [](const entry& a, const entry& b) { return a.id < b.id; });
      const std::string owner = v.assignments.back().text("owner");
      if (!owner.empty()) v.owner = owner;
    }
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<owner_balance> task_balance(journal& j, const std::vector<task_view>& list) {
  std::vector<owner_balance> out;
  for (const auto& p : partners(j)) out.push_back({p.name, 0, 0});
  out.push_back({"", 0, 0});
  for (const auto& t : list) {
    const std::string owner = t.owner.value_or("");
    for (auto& b : out)
      if (b.owner == owner) {
        b.jobs += 1;
        b.load += static_cast<int>(t.task.number("load").value_or(0));
      }
  }
  return out;
}

std::optional<days_t> jobs_review_due(journal& j, std::optional<days_t> until) {
  return jobs_review_due(j, tasks(j, until), until);
}

std::optional<days_t> jobs_review_due(journal& j, const std::vector<task_view>& jobs,
                                      std::optional<days_t> until) {
  std::optional<days_t> since;
  for (const auto& t : jobs)
    if (!since || t.task.day < *since) since = t.task.day;
  if (!since) return std::nullopt;
  for (const auto& r : entries_of_kind(j, "task-review"))
    if ((!until || r.day <= *until) && r.day > *since) since = r.day;
  return *since + date::days{30};
}

// ---- staged touch ---------------------------------------------------------------------------

namespace {

/// Walks the stage moves in the order they were made, as touch_stage reads them.
class stage_walk {
 public:
  explicit stage_walk(journal& j) : pair_(std::max<std::size_t>(1, partners(j).size())) {}

  /// Applies one move; true when it took the pair back a stage.
  bool apply(const entry& m) {
    if (m.text("move") == "back") {
      asked_.clear();
      if (state_.stage == 1) return false;
      state_.stage -= 1;
      state_.since = m.day;
      return true;
    }
    if (m.number("stage").value_or(0) == state_.stage && state_.stage < 3) {
      asked_.insert(m.author.name);
      if (asked_.size() >= pair_) {
        state_.stage += 1;
        state_.since = m.day;
        asked_.clear();
      }
    }
    return false;
  }

  int stage() const { return state_.stage; }

  stage_state state() const {
    stage_state s = state_;
    s.waiting.assign(asked_.begin(), asked_.end());
    return s;
  }

 private:
  std::size_t pair_;
  stage_state state_;
  std::set<std::string> asked_;
};

/// Entries in the order they were made: by day, then instant, then id.
bool made_before(const entry& a, const entry& b) {
  return std::tie(a.day, a.at_utc, a.id) < std::tie(b.day, b.at_utc, b.id);
}

}  // namespace

stage_state touch_stage(journal& j, std::optional<days_t> until) {
  stage_walk walk(j);
  for (const auto& m : entries_of_kind(j, "stage-move")) {
    if (until && m.day > *until) break;
    walk.apply(m);
  }
  return walk.state();
}

std::optional<days_t> first_session(journal& j, days_t until) {
  SQLite::Statement st(j.db(),
                       "SELECT min(day) FROM entries WHERE kind = 'touch' AND deleted = 0 AND "
                       "day <= ?");
  st.bind(1, iso_day(until));
  if (!st.executeStep() || st.getColumn(0).isNull()) return std::nullopt;
  return day_from_iso(st.getColumn(0).getString());
}

namespace {
std::map<std::string, days_t> window_ends(journal& j) { return first_ends(j, "touch-window-end"); }
}  // namespace

std::vector<entry> windows_removed(journal& j, days_t until) {
  const auto ends = window_ends(j);
  std::vector<entry> out;
  for (auto& w : entries_of_kind(j, "touch-window"))
    if (const auto it = ends.find(w.uuid); it != ends.end() && it->second <= until)
      out.push_back(std::move(w));
  return out;
}

std::optional<days_t> window_removed_on(journal& j, const entry& window) {
  const auto ends = window_ends(j);
  if (const auto it = ends.find(window.uuid); it != ends.end()) return it->second;
  return std::nullopt;
}

std::vector<window_view> touch_windows(journal& j, days_t until) {
  const auto ends = window_ends(j);
  std::vector<window_view> out;
  for (auto& w : entries_of_kind(j, "touch-window")) {
    const auto end = ends.find(w.uuid);
    if (w.day <= until && (end == ends.end() || end->second > until))
      out.push_back({std::move(w), false});
  }
  // One walk through the moves: a step back pauses every window made before it; being at
  // stage 3 again brings them all back.
  stage_walk walk(j);
  for (const auto& m : entries_of_kind(j, "stage-move")) {
    if (m.day > until) break;
    const bool stepped_back = walk.apply(m);
    for (auto& v : out) {
      if (!made_before(v.window, m)) continue;
      if (stepped_back)
        v.paused = true;
      else if (walk.stage() == 3)
        v.paused = false;
    }
  }
  return out;
}

int window_revision(journal& j, const entry& window) {
  SQLite::Statement st(
      j.db(),
      "SELECT (SELECT coalesce(sum(1 + deleted), 0) FROM entries WHERE kind IN ('stage-move', "
      "'touch-window-end') AND (day, at_utc, id) > (?2, ?3, ?1))");
  st.bind(1, window.id);
  st.bind(2, iso_day(window.day));
  st.bind(3, window.at_utc);
  st.executeStep();
  return entry_revision(j, window) + st.getColumn(0).getInt();
}

int entry_revision(journal& j, const entry& e) {
  // An undone change counts twice: once when made, once when taken back.
  SQLite::Statement st(j.db(),
                       "SELECT coalesce(sum((action != 'add') + undone), 0) FROM changes "
                       "WHERE entry_id = ?");
  st.bind(1, e.id);
  st.executeStep();
  const auto seconds = utc_from_iso(e.updated_utc) - utc_from_iso(e.created_utc);
  // SEQUENCE is a 32-bit integer: 2,000,000,000 seconds is 63 years of changes.
  const auto since = std::clamp<std::int64_t>(seconds.count(), 0, 2'000'000'000);
  return static_cast<int>(since) + st.getColumn(0).getInt();
}

std::vector<sitting> group_sittings(std::vector<touch_log> logs) {
  std::sort(logs.begin(), logs.end(), [](const touch_log& a, const touch_log& b) {
    return std::tie(a.at_utc, a.id) < std::tie(b.at_utc, b.id);
  });
  std::vector<sitting> out;
  for (auto& log : logs) {
    const auto at = utc_from_iso(log.at_utc);
    sitting* joined = nullptr;
    for (auto it = out.rbegin(); it != out.rend(); ++it) {
      if (at - utc_from_iso(it->logs.front().at_utc) > std::chrono::minutes{30}) break;
      const bool theirs_only =
          std::none_of(it->logs.begin(), it->logs.end(),
                       [&](const touch_log& l) { return l.author == log.author; });
      if (it->stage == log.stage && theirs_only) {
        joined = &*it;
        break;
      }
    }
    if (joined == nullptr) {
      out.push_back({{}, log.stage, false});
      joined = &out.back();
    }
    joined->logs.push_back(std::move(log));
    std::set<std::string> givers;
    for (const auto& l : joined->logs) {
      joined->each_way = joined->each_way || l.each_way;
      if (!l.giver.empty()) givers.insert(l.giver);
    }
    joined->each_way = joined->each_way || givers.size() >= 2;
  }
  return out;
}

int given_each_way(const std::vector<sitting>& sittings) {
  return static_cast<int>(
      std::count_if(sittings.begin(), sittings.end(), [](const sitting& s) { return s.each_way; }));
}

std::vector<sitting> touch_sittings(journal& j, days_t from, days_t to) {
  SQLite::Statement& st = j.statement(
      "SELECT e.id, e.author, e.at_utc, t.stage, coalesce(t.each_way, 0), coalesce(t.giver, '') "
      "FROM entries e JOIN touch_sessions t ON t.entry_id = e.id "
      "WHERE e.kind = 'touch' AND e.deleted = 0 AND e.day BETWEEN ?1 AND ?2");
  st.bind(1, iso_day(from));
  st.bind(2, iso_day(to));
  std::vector<touch_log> logs;
  while (st.executeStep())
    logs.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getInt64(),
                    st.getColumn(2).getString(), st.getColumn(3).getInt(),
                    st.getColumn(4).getInt() == 1, st.getColumn(5).getString()});
  st.reset();
  return group_sittings(std::move(logs));
}

int touch_target(int stage) { return stage == 1 ? 3 : 0; }

// ---- rituals --------------------------------------------------------------------------------

std::vector<ritual_view> rituals(journal& j, std::optional<days_t> until) {
  // Each ritual's last keeping, found from the newest ritual-kept entries back (the index by
  // kind and day), stopping at its first: a few rows for a ritual kept lately, not every
  // keeping of ten years. One never kept is known from its own index at once.
  SQLite::Statement& ever =
      j.statement("SELECT EXISTS (SELECT 1 FROM rituals_kept WHERE ritual = ?)");
  SQLite::Statement& latest = j.statement(
      "SELECT e.day FROM entries e CROSS JOIN rituals_kept k ON k.entry_id = e.id "
      "WHERE e.kind = 'ritual-kept' AND e.day <= ?1 AND e.deleted = 0 AND k.ritual = ?2 "
      "ORDER BY e.day DESC LIMIT 1");
  const std::string last_day = until ? iso_day(*until) : std::string("9999-12-31");
  std::vector<ritual_view> out;
  for (auto& r : entries_of_kind(j, "ritual")) {
    if (until && r.day > *until) continue;
    std::optional<days_t> kept;
    ever.bind(1, r.uuid);
    const bool any = ever.executeStep() && ever.getColumn(0).getInt() == 1;
    ever.reset();
    if (any) {
      latest.bind(1, last_day);
      latest.bind(2, r.uuid);
      if (latest.executeStep()) kept = day_from_iso(latest.getColumn(0).getString());
      latest.reset();
    }
    out.push_back({std::move(r), kept});
  }
  return out;
}

std::map<std::string, std::vector<ritual_pause_change>> ritual_pause_history(journal& j) {
  std::map<std::string, std::vector<ritual_pause_change>> out;
  // From the few pause rows out (CROSS JOIN keeps SQLite from walking every entry by day to
  // honour an ORDER BY); sorted here.
  SQLite::Statement st(j.db(),
                       "SELECT p.ritual, e.day, e.at_utc, e.id, p.paused FROM ritual_pauses p "
                       "CROSS JOIN entries e ON e.id = p.entry_id WHERE e.deleted = 0");
  std::vector<std::tuple<std::string, std::string, std::string, std::int64_t, bool>> rows;
  while (st.executeStep())
    rows.emplace_back(st.getColumn(0).getString(), st.getColumn(1).getString(),
                      st.getColumn(2).getString(), st.getColumn(3).getInt64(),
                      st.getColumn(4).getInt() != 0);
  std::sort(rows.begin(), rows.end());
  for (const auto& [ritual, day, at, id, paused] : rows)
    out[ritual].push_back({day_from_iso(day), paused});
  return out;
}

bool paused_on(const entry& ritual, const std::vector<ritual_pause_change>& history, days_t day) {
  if (history.empty()) {
    // Paused before pauses were dated (schema 6): from its last change on.
    if (ritual.number("paused").value_or(0) == 0) return false;
    return day >= day_from_iso(ritual.updated_utc.substr(0, 10));
  }
  std::optional<bool> state;
  for (const auto& change : history) {
    if (change.day > day) break;
    state = change.paused;
  }
  // Before its first dated change: running, unless that change picked it up again.
  return state.value_or(!history.front().paused);
}

std::optional<std::string> arranged_return(const entry& timeout) {
  if (const auto* s = std::get_if<std::string>(&timeout.get("return_by"))) return *s;
  return std::nullopt;
}

bool keeps_arrangement(const std::string& by, days_t day, std::optional<minutes_t> time) {
  // The fixed form "YYYY-MM-DD HH:MM" orders as text; a return with no time is read at noon.
  return fmt::format("{} {}", iso_day(day), hh_mm(time.value_or(std::chrono::hours{12}))) <= by;
}

std::string parse_monthly_on(std::string_view text) {
  std::string words = ascii_lower(text);
  std::replace(words.begin(), words.end(), '-', ' ');  // "first-sat", as completion offers it
  const auto space = words.find(' ');
  static const std::pair<const char*, const char*> ordinals[] = {
      {"first", "first"},   {"1st", "first"},   {"second", "second"},
      {"2nd", "second"},    {"third", "third"}, {"3rd", "third"},
      {"fourth", "fourth"}, {"4th", "fourth"},  {"last", "last"}};
  if (space != std::string::npos) {
    const std::string nth = words.substr(0, space);
    const auto day = weekday_named(words.substr(words.find_first_not_of(' ', space)));
    for (const auto& [word, stored] : ordinals)
      if (nth == word && day) return fmt::format("{} {}", stored, weekday_word(*day));
  }
  throw data_error(fmt::format(
      "--on takes which weekday of the month, such as \"first sat\" or \"last fri\" (first, "
      "second, third, fourth or last), not '{}'",
      text));
}

days_t monthly_occurrence(std::string_view on, date::year_month month) {
  const auto space = on.find(' ');
  const std::string_view nth = on.substr(0, space);
  const date::weekday wd = *weekday_named(on.substr(space + 1));
  if (nth == "last") return days_t{month.year() / month.month() / date::weekday_last{wd}};
  const unsigned index = nth == "first" ? 1 : nth == "second" ? 2 : nth == "third" ? 3 : 4;
  return days_t{month.year() / month.month() / date::weekday_indexed{wd, index}};
}

days_t monthly_last_week(date::year_month month) {
  return days_t{month / date::last} - date::days{6};
}

std::string cadence_text(const entry& ritual) {
  const std::string every = ritual.text("every");
  if (every == "daily" || every == "weekly") return every;
  if (every == "monthly") {
    const std::string on = ritual.text("on_day");
    return on.empty() ? every : "monthly, " + on;
  }
  return "every " + every;
}

bool ritual_kept_between(journal& j, const std::string& uuid, days_t from, days_t to) {
  SQLite::Statement& st = j.statement(
      "SELECT EXISTS (SELECT 1 FROM rituals_kept k JOIN entries e ON e.id = k.entry_id WHERE "
      "k.ritual = ?1 AND e.deleted = 0 AND e.day BETWEEN ?2 AND ?3)");
  st.bind(1, uuid);
  st.bind(2, iso_day(from));
  st.bind(3, iso_day(to));
  st.executeStep();
  const bool kept = st.getColumn(0).getInt() != 0;
  st.reset();
  return kept;
}

std::optional<days_t> next_due(const ritual_view& r, days_t today) {
  if (r.ritual.number("paused").value_or(0) != 0) return std::nullopt;
  const std::string every = r.ritual.text("every");
  const bool kept_today = r.last_kept && *r.last_kept >= today;
  if (every == "monthly") {
    const date::year_month_day ymd{today};
    const date::year_month month = ymd.year() / ymd.month();
    const std::string on = r.ritual.text("on_day");
    if (on.empty()) {  // any day of the month: due in its last seven days, until kept in it
      const days_t first{month / date::day{1}};
      if (r.last_kept && *r.last_kept >= first) return monthly_last_week(month + date::months{1});
      return std::max(today, monthly_last_week(month));
    }
    days_t next = monthly_occurrence(on, month);
    if (next < today || (next == today && kept_today))
      next = monthly_occurrence(on, month + date::months{1});
    return next;
  }
  if (every == "daily") return kept_today ? today + date::days{1} : today;
  if (every == "weekly") {
    if (!r.last_kept) return today;
    return std::max(today, *r.last_kept + date::days{7});
  }
  days_t next = next_on_or_after(today, *weekday_named(every));
  if (next == today && kept_today) next += date::days{7};
  return next;
}

std::vector<activity> activity_between(journal& j, days_t from, days_t to) {
  // Each child table is joined only on rows of its own kind, and a time-out's return is looked
  // up only for time-outs, so the statement stays cheap to prepare and to run.
  SQLite::Statement& st = j.statement(
      "SELECT e.kind, e.author, e.day, e.time, e.at_utc, c.mood, c.stress, c.minutes, "
      "c.appreciation, b.response, coalesce(r.accepted, i.accepted), i.tier, k.ritual, "
      "CASE WHEN e.kind = 'timeout' THEN (SELECT re.at_utc FROM timeout_returns tr JOIN entries "
      "re ON re.id = tr.entry_id WHERE tr.timeout = e.uuid AND re.deleted = 0 "
      "ORDER BY re.day, re.at_utc, re.id LIMIT 1) END, e.id, c.phones_away, t.stage, t.signal, "
      "r.apology IS NOT NULL AND r.reassurance IS NOT NULL AND r.commitment IS NOT NULL, h.used, "
      "CASE WHEN " +
      j.visible("e") +
      " THEN 0 ELSE 1 END, coalesce(t.each_way, 0), coalesce(t.giver, ''), "
      "CASE WHEN e.kind = 'timeout' THEN (SELECT re.day FROM timeout_returns tr JOIN entries "
      "re ON re.id = tr.entry_id WHERE tr.timeout = e.uuid AND re.deleted = 0 "
      "ORDER BY re.day, re.at_utc, re.id LIMIT 1) END, tm.return_by, "
      "CASE WHEN tm.return_by IS NOT NULL THEN (SELECT re.day || ' ' || coalesce(re.time, "
      "'12:00') FROM timeout_returns tr JOIN entries re ON re.id = tr.entry_id WHERE tr.timeout "
      "= e.uuid AND re.deleted = 0 ORDER BY re.day, re.at_utc, re.id LIMIT 1) END, "
      "r.neutral IS NOT NULL, ca.validate IS NOT NULL "
      "FROM entries e "
      "LEFT JOIN checkins c ON e.kind = 'checkin' AND c.entry_id = e.id "
      "LEFT JOIN bids b ON e.kind = 'bid' AND b.entry_id = e.id "
      "LEFT JOIN repairs r ON e.kind = 'repair' AND r.entry_id = e.id "
      "LEFT JOIN initiations i ON e.kind = 'initiation' AND i.entry_id = e.id "
      "LEFT JOIN rituals_kept k ON e.kind = 'ritual-kept' AND k.entry_id = e.id "
      "LEFT JOIN touch_sessions t ON e.kind = 'touch' AND t.entry_id = e.id "
      "LEFT JOIN trigger_hits h ON e.kind = 'trigger-hit' AND h.entry_id = e.id "
      "LEFT JOIN timeouts tm ON e.kind = 'timeout' AND tm.entry_id = e.id "
      "LEFT JOIN concern_answers ca ON e.kind = 'concern-answer' AND ca.entry_id = e.id "
      "WHERE e.day BETWEEN ?1 AND ?2 AND e.deleted = 0");
  st.bind(1, iso_day(from));
  st.bind(2, iso_day(to));
  const auto number = [&](int col) -> std::optional<std::int64_t> {
    if (st.getColumn(col).isNull()) return std::nullopt;
    return st.getColumn(col).getInt64();
  };
  const auto text = [&](int col) {
    return st.getColumn(col).isNull() ? std::string() : st.getColumn(col).getString();
  };
  std::vector<activity> out;
  while (st.executeStep()) {
    activity a;
    a.id = st.getColumn(14).getInt64();
    a.kind = st.getColumn(0).getString();
    a.author = st.getColumn(1).getInt64();
    a.day = day_from_iso(st.getColumn(2).getString());
    if (!st.getColumn(3).isNull()) a.time = parse_time_of_day(st.getColumn(3).getString());
    a.at_utc = st.getColumn(4).getString();
    a.mood = number(5);
    a.stress = number(6);
    a.minutes = number(7);
    a.appreciation = text(8);
    a.response = text(9);
    a.accepted = number(10);
    a.tier = text(11);
    a.ritual = text(12);
    if (!st.getColumn(13).isNull()) a.returned_utc = st.getColumn(13).getString();
    a.phones_away = number(15);
    a.stage = number(16).value_or(0);
    a.signal = text(17);
    a.full_sequence = number(18).value_or(0) == 1;
    a.used = number(19);
    a.each_way = st.getColumn(21).getInt() == 1;
    a.giver = text(22);
    if (!st.getColumn(23).isNull()) a.returned_day = day_from_iso(st.getColumn(23).getString());
    a.return_by = text(24);
    a.returned_local = text(25);
    a.neutral = number(26).value_or(0) == 1;
    a.validated = number(27).value_or(0) == 1;
    if (st.getColumn(20).getInt() == 1) {
      // Another's private entry (or one whose passphrase was not given): it happened, and
      // counts as a day and an event; what was in it stays its author's.
      a.sealed = true;
      a.mood = a.stress = a.minutes = a.phones_away = std::nullopt;
      a.appreciation.clear();
    }
    out.push_back(std::move(a));
  }
  st.reset();
  // Sorted here rather than by SQLite's sorter, which cost more than the rest of the query.
  std::sort(out.begin(), out.end(), [](const activity& a, const activity& b) {
    return std::tie(a.day, a.at_utc, a.id) < std::tie(b.day, b.at_utc, b.id);
  });
  return out;
}

std::vector<day_tally> tallies_between(journal& j, days_t from, days_t to) {
  SQLite::Statement& st =
      j.statement("SELECT e.day, e.kind, e.author, c.mood, c.stress, CASE WHEN " + j.visible("e") +
                  " THEN 1 ELSE 0 END FROM entries e "
                  "LEFT JOIN checkins c ON e.kind = 'checkin' AND c.entry_id = e.id "
                  "WHERE e.kind IN ('checkin', 'gesture', 'repair') AND e.day BETWEEN ?1 AND ?2 "
                  "AND e.deleted = 0");
  st.bind(1, iso_day(from));
  st.bind(2, iso_day(to));
  std::vector<day_tally> out;
  while (st.executeStep()) {
    // A private entry the reader may not open counts, without its figures.
    const bool open = st.getColumn(5).getInt() == 1 && !st.getColumn(3).isNull();
    out.push_back({day_from_iso(st.getColumn(0).getString()), st.getColumn(1).getString(),
                   st.getColumn(2).getInt64(), open ? st.getColumn(3).getDouble() : 0,
                   open ? st.getColumn(4).getDouble() : 0, open});
  }
  st.reset();
  return out;
}

bool any_by(journal& j, std::string_view kind, days_t until) {
  SQLite::Statement& st = j.statement(
      "SELECT EXISTS (SELECT 1 FROM entries WHERE kind = ?1 AND day <= ?2 AND deleted = 0)");
  st.bind(1, std::string(kind));
  st.bind(2, iso_day(until));
  st.executeStep();
  const bool any = st.getColumn(0).getInt() == 1;
  st.reset();
  return any;
}

int count_in(journal& j, std::string_view kind, days_t from, days_t to,
             std::optional<std::int64_t> author) {
  SQLite::Statement st(j.db(),
                       "SELECT count(*) FROM entries WHERE kind = ?1 AND deleted = 0 AND day "
                       "BETWEEN ?2 AND ?3 AND (?4 IS NULL OR author = ?4)");
  st.bind(1, std::string(kind));
  st.bind(2, iso_day(from));
  st.bind(3, iso_day(to));
  if (author)
    st.bind(4, *author);
  else
    st.bind(4);
  st.executeStep();
  return st.getColumn(0).getInt();
}

}  // namespace rebuild
