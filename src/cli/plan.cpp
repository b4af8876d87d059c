// rebuild plan: the week of the 60-day roadmap, what the phase asks, and where you are.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"
#include "rebuild/goals.hpp"
#include "rebuild/practices.hpp"

namespace rebuild::cli {
namespace {

struct item {
  std::string text;
  std::optional<bool> done;  // unset: shown for information, not a target
};

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
  const bool after = week_number > 8;
  if (week_number >= 1) {
    const auto phrases = rules_of_type(j, "stop-phrase").size();
    const auto lines = rules_of_type(j, "red-line").size();
    out.push_back({fmt::format("{} stop-phrase{} agreed (the guide suggests 2)", phrases,
                               phrases == 1 ? "" : "s"),
                   phrases >= 2});
    out.push_back({fmt::format("{} red line{} agreed", lines, lines == 1 ? "" : "s"), lines >= 1});
    bool met = false;
    std::vector<std::string> parts;
    met = true;
    for (const auto& p : pair) {
      const int days = checkin_days(j, p, w);
      met = met && count_in(j, "checkin", today, today, p.id) > 0;
      parts.push_back(fmt::format("{} {} of 7", p.name, days));
    }
    out.push_back({fmt::format("check-ins this week: {}", fmt::join(parts, ", ")), met});
    const std::string gestures = per_partner("gesture", today, today, "", 2, met);
    out.push_back({fmt::format("gestures today: {} (2 to 5 a day)", gestures), met});
  }
  if (week_number >= 3 || after) {
    const auto jobs = tasks(j);
    long owned = std::count_if(jobs.begin(), jobs.end(), [](const task_view& t) { return t.owner.has_value(); });
    out.push_back({fmt::format("{} job{} listed, {} with an owner (the guide: the top 12)",
                               jobs.size(), jobs.size() == 1 ? "" : "s", owned),
                   !jobs.empty() && owned == static_cast<long>(jobs.size())});
    const auto state = touch_stage(j, today);
    const int sessions = touch_sessions(j, w);
    const int target = touch_target(state.stage);
    out.push_back(target > 0 ? item{fmt::format("stage {} sessions this week: {} of {}",
                                                state.stage, sessions, target),
                                    sessions >= target}
                             : item{fmt::format("stage {} sessions this week: {}", state.stage,
                                                sessions),
                                    std::nullopt});
    const int concerns_week = count_in(j, "concern", w.monday, w.sunday);
    out.push_back({fmt::format("concerns raised this week: {} (one a week)", concerns_week),
                   concerns_week >= 1});
    const int repairs = count_in(j, "repair", w.monday, w.sunday);
    const long days_so_far = (today - w.monday).count() + 1;
    out.push_back({fmt::format("repairs this week: {} (one a day)", repairs),
                   repairs >= days_so_far});
  }
  if (week_number >= 5 || after) {
    // Windows only once the pair is at stage 3 or has added some: never a shortfall before.
    const auto windows = touch_windows(j, today).size();
    if (windows > 0 || touch_stage(j, today).stage == 3)
      out.push_back({fmt::format("{} window{} a week, available and not obligatory (the guide "
                                 "suggests 2)",
                                 windows, windows == 1 ? "" : "s"),
                     std::nullopt});
    const auto all = rituals(j);
    const long running = std::count_if(all.begin(), all.end(), [&](const ritual_view& r) {
      return next_due(r, today).has_value();
    });
    out.push_back({fmt::format("{} ritual{} running", running, running == 1 ? "" : "s"),
                   running >= 1});
    std::vector<std::string> rated;
    bool all_rated = true;
    for (const auto& p : pair) {
      const bool r = rating_in_week(j, p, w).has_value();
      all_rated = all_rated && r;
      rated.push_back(fmt::format("{} {}", p.name, r ? "yes" : "not yet"));
    }
    out.push_back({fmt::format("goals rated this week: {}", fmt::join(rated, ", ")), all_rated});
  }
  if (week_number >= 7 || after) {
    const auto reviews = entries_of_kind(j, "task-review");
    out.push_back({reviews.empty() ? std::string("job ownership not reviewed yet")
                                   : fmt::format("job ownership last reviewed {}",
                                                 human_day(reviews.back().day)),
                   !reviews.empty() && (today - reviews.back().day).count() <= 31});
  }
  return out;
}

void run_plan(context& ctx) {
  auto& j = ctx.journal();
  const read_transaction snapshot(j);  // one consistent view, locks taken once
  const days_t today = ctx.now().today();
  const days_t start = plan_start(j);
  const int number = plan_week(start, today);
  const plan_phase* phase = phase_of_week(number);
  const auto items = checklist(j, number, today);

  if (ctx.globals.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& i : items)
      list.push_back({{"item", i.text},
                      {"done", i.done ? nlohmann::ordered_json(*i.done) : nlohmann::ordered_json()}});
    nlohmann::ordered_json ph;
    if (phase)
      ph = {{"weeks", fmt::format("{}-{}", phase->first_week, phase->last_week)},
            {"title", phase->title},
            {"asks", phase->asks}};
    return print_json({{"start", iso_day(start)},
                       {"week", number},
                       {"phase", ph},
                       {"review_due", iso_day(review_due(j))},
                       {"checklist", list}});
  }
  const bool color = ctx.color();
  if (number == 0) {
    fmt::print("The 60-day plan starts on {}, in {} days.\n", human_day(start),
               (start - today).count());
    return;
  }
  if (phase) {
    fmt::print("{} (started {}).\n",
               paint(fmt::format("Week {} of the 60-day plan", number), fmt::emphasis::bold, color),
               human_day(start));
    fmt::print("Weeks {}-{}: {}\n", phase->first_week, phase->last_week, phase->title);
    for (const auto& ask : phase->asks) fmt::print("  - {}\n", ask);
  } else {
    fmt::print("{} (week {}; it started {}). Keep doing what worked.\n",
               paint("After the 60-day plan", fmt::emphasis::bold, color), number,
               human_day(start));
    fmt::print("The next quarterly review is due around {}.\n", human_day(review_due(j)));
  }
  fmt::print("Where you are:\n");
  for (const auto& i : items)
    fmt::print("  {} {}\n", !i.done ? "-" : *i.done ? paint("✓", fmt::fg(fmt::terminal_color::green), color) : "·", i.text);
  if (phase && phase_of_week(phase->last_week + 1)) {
    const plan_phase* next = phase_of_week(phase->last_week + 1);
    fmt::print("Next, weeks {}-{}: {}.\n", next->first_week, next->last_week, next->title);
  }
  fmt::print("This is a template, not a law: nothing waits for a week to come.\n");
}

}  // namespace

void setup_plan(CLI::App& app, context& ctx, command_list& commands) {
  CLI::App* sub = add_command(app, "plan",
                              "The 60-day roadmap: this week, what the phase asks, where you are",
                              "  rebuild plan\n"
                              "  rebuild plan --json\n");
  commands.push_back({sub, [&ctx] { run_plan(ctx); }});
}

}  // namespace rebuild::cli
