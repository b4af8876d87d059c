// rebuild plan: the week of the 60-day roadmap, what the phase asks, and where you are.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "commands.hpp"
#include "rebuild/attachment.hpp"
#include "rebuild/goals.hpp"
#include "rebuild/practices.hpp"
#include "rebuild/support.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"
#include "shared/terminal.hpp"
#include "shared/wrap.hpp"

namespace rebuild::cli {
namespace {

struct item {
  std::string text;
  std::optional<bool> done;  // unset: shown for information, not a target
};

/// "1 job", "2 jobs", "0 jobs".
std::string count_of(long n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

/// How far off a day is from today, as words: "today", "tomorrow", "in 3 days".
std::string days_from_now(long n) {
  if (n == 0) return "today";
  if (n == 1) return "tomorrow";
  return fmt::format("in {} days", n);
}

/// The entries dated on or before `today`: the plan shows the journal as it stands now, never
/// what is dated after it (a journal written with a later clock, or REBUILD_NOW earlier).
std::vector<entry> up_to(std::vector<entry> all, days_t today) {
  all.erase(std::remove_if(all.begin(), all.end(), [&](const entry& e) { return e.day > today; }),
            all.end());
  return all;
}

std::vector<item> checklist(journal& j, int week_number, days_t today) {
  const week w = week_of(today);
  const auto pair = partners(j);
  auto per_partner = [&](std::string_view kind, days_t from, days_t to, const char* suffix,
                         int enough, bool& all_met) {
    std::vector<std::string> parts;
    all_met = true;
    for (const auto& p : pair) {
      const int n = count_in(j, kind, from, to, p.id);
      all_met = all_met && n >= enough;
      parts.push_back(fmt::format("{} {}{}", p.name, n, suffix));
    }
    return fmt::format("{}", fmt::join(parts, ", "));
  };
  std::vector<item> out;
  if (week_number >= 1) {
    const auto phrases = up_to(rules_of_type(j, "stop-phrase"), today).size();
    const auto lines = up_to(rules_of_type(j, "red-line"), today).size();
    out.push_back({fmt::format("{} agreed (the guide suggests 2)",
                               count_of(static_cast<long>(phrases), "stop-phrase", "stop-phrases")),
                   phrases >= 2});
    out.push_back(
        {fmt::format("{} agreed", count_of(static_cast<long>(lines), "red line", "red lines")),
         lines >= 1});
    bool met = true;
    std::vector<std::string> parts;
    for (const auto& p : pair) {
      const int days = checkin_days(j, p, w, today);
      met = met && count_in(j, "checkin", today, today, p.id) > 0;
      parts.push_back(fmt::format("{} {} of 7", p.name, days));
    }
    out.push_back({fmt::format("check-ins this week: {}", fmt::join(parts, ", ")), met});
    const std::string gestures = per_partner("gesture", today, today, "", 2, met);
    out.push_back({fmt::format("gestures today: {} (2 to 5 a day)", gestures), met});
    // The de-escalation script is a ground rule too: what the pair steps back to when a
    // time-out is called (001).
    const auto steps = up_to(rules_of_type(j, "script"), today).size();
    out.push_back({steps == 0 ? std::string("no de-escalation script yet (rules add --script)")
                              : fmt::format("de-escalation script: {} agreed",
                                            count_of(static_cast<long>(steps), "step", "steps")),
                   steps >= 1});
  }
  if (week_number >= 3) {
    const auto jobs = tasks(j, today);
    const long owned = std::count_if(jobs.begin(), jobs.end(),
                                     [](const task_view& t) { return t.owner.has_value(); });
    out.push_back({fmt::format("{} listed, {} with an owner (the guide: the top 12)",
                               count_of(static_cast<long>(jobs.size()), "job", "jobs"), owned),
                   !jobs.empty() && owned == static_cast<long>(jobs.size())});
    const auto state = touch_stage(j, today);
    const auto sittings = touch_sittings(j, w.monday, today);
    const int sessions = static_cast<int>(sittings.size());
    const int each_way = given_each_way(sittings);
    const int target = touch_target(state.stage);
    out.push_back(target > 0
                      ? item{fmt::format("stage {} sittings given each way this week: {} of {}",
                                         state.stage, each_way, target),
                             each_way >= target}
                      : item{fmt::format("stage {} sittings this week: {}", state.stage, sessions),
                             std::nullopt});
    const int concerns_week = count_in(j, "concern", w.monday, today);
    out.push_back({fmt::format("concerns raised this week: {} (one a week)", concerns_week),
                   concerns_week >= 1});
    const int repairs = count_in(j, "repair", w.monday, today);
    const long days_so_far = (today - w.monday).count() + 1;
    out.push_back(
        {fmt::format("repairs this week: {} (one a day)", repairs), repairs >= days_so_far});
    log_filter week_repairs;
    week_repairs.kind = &kind_named("repair");
    week_repairs.since = w.monday;
    week_repairs.until = today;
    int full = 0;
    for (const auto& r : list_entries(j, week_repairs)) full += is_full_sequence(r) ? 1 : 0;
    out.push_back({fmt::format("full repair sequences this week: {} (apology, reassurance, "
                               "commitment)",
                               full),
                   std::nullopt});
    // Transparency belongs with the unspoken (Step 3), and only where the pair agreed some:
    // it is for after a betrayal, never suggested.
    for (const auto& v : transparency_by(j, today)) {
      if (v.ended) continue;
      const auto left = (v.until - today).count();
      out.push_back({left > 0
                         ? fmt::format("transparency agreement {} until {} ({} left)", v.short_id(),
                                       human_day(v.until), count_of(left, "day", "days"))
                         : fmt::format("transparency agreement {} reached its end on {}: "
                                       "review it together",
                                       v.short_id(), human_day(v.until)),
                     std::nullopt});
    }
  }
  if (week_number >= 5) {
    // Windows only once the pair is at stage 2 (the roadmap's weeks 5-6) or has added some:
    // never a shortfall before ("Pressure kills play").
    const auto windows = touch_windows(j, today).size();
    if (windows > 0 || touch_stage(j, today).stage >= 2)
      out.push_back({fmt::format("{} a week, available and not obligatory (the guide suggests 2)",
                                 count_of(static_cast<long>(windows), "window", "windows")),
                     std::nullopt});
    const auto all = rituals(j, today);
    const long running = std::count_if(all.begin(), all.end(), [&](const ritual_view& r) {
      return next_due(r, today).has_value();
    });
    out.push_back(
        {fmt::format("{} running", count_of(running, "ritual", "rituals")), running >= 1});
    std::vector<std::string> rated;
    bool all_rated = true;
    for (const auto& p : pair) {
      const bool r = rating_in_week(j, p, w, today).has_value();
      all_rated = all_rated && r;
      rated.push_back(fmt::format("{} {}", p.name, r ? "yes" : "not yet"));
    }
    out.push_back({fmt::format("goals rated this week: {}", fmt::join(rated, ", ")), all_rated});
  }
  if (week_number >= 7) {
    const auto reviews = up_to(entries_of_kind(j, "task-review"), today);
    out.push_back({reviews.empty() ? std::string("job ownership not reviewed yet")
                                   : fmt::format("job ownership last reviewed {}",
                                                 human_day(reviews.back().day)),
                   !reviews.empty() && (today - reviews.back().day).count() <= 31});
    // "Celebrate at least one change you can feel, even if small": since weeks 7-8 began.
    // Those of weeks 7-8 only: one in week 10 is not one of theirs.
    const days_t phase_start = plan_start(j) + date::days{6 * 7};
    const days_t phase_end = phase_start + date::days{2 * 7 - 1};
    const int celebrated = count_in(j, "celebration", phase_start, std::min(today, phase_end));
    out.push_back(
        {celebrated == 0
             ? std::string("no change celebrated yet in weeks 7-8 (rebuild celebrate)")
             : fmt::format("{} celebrated in weeks 7-8", count_of(celebrated, "change", "changes")),
         celebrated >= 1});
    // Counselling "if stuck": shown, never asked for.
    const int sessions = therapy_sessions_by(j, today);
    const int open = homework_open(j, today).count;
    out.push_back({sessions == 0 && open == 0
                       ? std::string("counselling, if you feel stuck: no sessions logged")
                       : fmt::format("counselling: {} so far (8 to 12 can jump-start change), {} "
                                     "open",
                                     count_of(sessions, "session", "sessions"),
                                     count_of(open, "piece of homework", "pieces of homework")),
                   std::nullopt});
  }
  return out;
}

/// The second guide's practices, which it places in no week: there whenever they help,
/// counted, never scored. Those not begun are named once, as an invitation.
std::vector<item> any_time(journal& j, days_t today) {
  const week w = week_of(today);
  std::vector<item> out;
  std::vector<std::string> not_yet;
  const trigger_count mapped = count_triggers(j, w.monday, today);
  if (mapped.mapped == 0)
    not_yet.emplace_back("map a trigger to a response");
  else
    out.push_back({fmt::format("{} mapped; this week {} fired, {} met with the response",
                               count_of(mapped.mapped, "trigger", "triggers"), mapped.fired,
                               mapped.response_used),
                   std::nullopt});
  if (const int thoughts = count_in(j, "thought", days_t{}, today); thoughts == 0)
    not_yet.emplace_back("set a thought against the evidence");
  else
    out.push_back(
        {fmt::format("{} set against the evidence", count_of(thoughts, "thought", "thoughts")),
         std::nullopt});
  const story_count told = count_stories(j, today);
  if (told.stories == 0)
    not_yet.emplace_back("tell a rupture in both voices");
  else
    out.push_back({fmt::format("{} of a rupture, {} in both voices",
                               count_of(told.stories, "story", "stories"), told.both),
                   std::nullopt});
  if (!not_yet.empty())
    out.push_back({fmt::format("when it would help: {}", fmt::join(not_yet, ", ")), std::nullopt});
  return out;
}

void run_plan(context& ctx) {
  auto& j = ctx.journal();
  const read_transaction snapshot(j);  // one consistent view, locks taken once
  const days_t today = ctx.now().today();
  const days_t start = plan_start(j);
  const days_t end = plan_end(start);
  const int number = plan_week(start, today);
  const long day = today < start ? 0 : (today - start).count() + 1;
  const plan_phase* phase = phase_on(start, today);
  const std::vector<std::string> asks =
      phase ? phase_asks(*phase, touch_stage(j, today).stage, !touch_windows(j, today).empty())
            : std::vector<std::string>{};
  const days_t review = review_due(j, today);
  const auto items = checklist(j, number, today);
  const auto anytime = any_time(j, today);

  if (ctx.globals.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& i : items)
      list.push_back(
          {{"item", i.text},
           {"done", i.done ? nlohmann::ordered_json(*i.done) : nlohmann::ordered_json()}});
    nlohmann::ordered_json ph;
    if (phase)
      ph = {{"weeks", fmt::format("{}-{}", phase->first_week, phase->last_week)},
            {"title", phase->title},
            {"asks", asks}};
    nlohmann::ordered_json second = nlohmann::ordered_json::array();
    for (const auto& i : anytime) second.push_back({{"item", i.text}, {"done", nullptr}});
    return print_json({{"start", iso_day(start)},
                       {"end", iso_day(end)},
                       {"day", day},
                       {"week", number},
                       {"phase", ph},
                       {"review_due", iso_day(review)},
                       {"checklist", list},
                       {"any_time", second}});
  }
  const bool color = ctx.color();
  if (number == 0) {
    const long until = (start - today).count();
    if (until == 1)
      fmt::print("The 60-day plan starts tomorrow, {}.\n", human_day(start));
    else
      fmt::print("The 60-day plan starts on {}, {}.\n", human_day(start), days_from_now(until));
    return;
  }
  if (phase && phase_of_week(number) == phase) {
    fmt::print("{} (started {}).\n",
               paint(fmt::format("Week {} of the 60-day plan", number), fmt::emphasis::bold, color),
               human_day(start));
  } else if (phase) {
    fmt::print("{} (day {} of {}; it started {}).\n",
               paint("The last days of the 60-day plan", fmt::emphasis::bold, color), day,
               plan_days, human_day(start));
  } else {
    // Wrapped as plain words first, so that the colour codes take no room.
    const auto lines = wrap_text(fmt::format("After the 60-day plan (it ran from {} to {}). Keep "
                                             "doing what worked.",
                                             human_day(start), human_day(end)),
                                 output_width());
    for (std::size_t k = 0; k < lines.size(); ++k) {
      const std::string head = "After the 60-day plan";
      fmt::print("{}\n",
                 k == 0 && lines[k].rfind(head, 0) == 0
                     ? paint(head, fmt::emphasis::bold, color) + lines[k].substr(head.size())
                     : lines[k]);
    }
    fmt::print("The next quarterly review is due around {}.\n", human_day(review));
  }
  if (phase) {
    fmt::print("Weeks {}-{}: {}\n", phase->first_week, phase->last_week, phase->title);
    for (const auto& ask : asks) fmt::print("  - {}\n", ask);
  }
  fmt::print("Where you are:\n");
  // Each item behind its mark, wrapped to the width under its first word.
  const std::size_t width = output_width();
  const auto print_item = [&](const std::string& mark, const std::string& text) {
    const auto lines = wrap_text(text, width > 14 ? width - 4 : 10);
    for (std::size_t k = 0; k < lines.size(); ++k)
      fmt::print("  {} {}\n", k == 0 ? mark : " ", lines[k]);
  };
  for (const auto& i : items)
    print_item(!i.done   ? "-"
               : *i.done ? paint("✓", fmt::fg(fmt::terminal_color::green), color)
                         : "·",
               i.text);
  fmt::print("Any week, as the second guide has them:\n");
  for (const auto& i : anytime) print_item("-", i.text);
  if (phase) {
    if (const plan_phase* next = phase_of_week(phase->last_week + 1)) {
      fmt::print("Next, weeks {}-{}: {}.\n", next->first_week, next->last_week, next->title);
    } else {
      const long left = (end - today).count();
      if (left == 0)
        fmt::print("Today is the plan's last day, day {}.\n", plan_days);
      else if (left == 1)
        fmt::print("The plan's last day, day {}, is tomorrow, {}.\n", plan_days, human_day(end));
      else
        fmt::print("The plan's last day, day {}, is {}, {}.\n", plan_days, human_day(end),
                   days_from_now(left));
    }
  }
  fmt::print("This is a template, not a law: nothing waits for a week to come.\n");
}

}  // namespace

void setup_plan(CLI::App& app, context& ctx, command_list& commands) {
  CLI::App* sub =
      add_command(app, "plan", "The 60-day roadmap: this week, what the phase asks, where you are",
                  "  rebuild plan\n"
                  "  rebuild plan --json\n");
  commands.push_back({sub, [&ctx] { run_plan(ctx); }});
}

}  // namespace rebuild::cli
