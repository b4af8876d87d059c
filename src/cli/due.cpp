// rebuild due [ITEM] [-q]: what is due now, for reminder scripts. Exit 0 when something is,
// 1 when nothing is; errors stay 64 and above.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/practices.hpp"
#include "rebuild/text.hpp"

namespace rebuild::cli {
namespace {

const std::vector<std::string> items = {"checkin", "timeout-return", "tasks-review",
                                        "review",  "ritual",         "touch"};

struct due_item {
  std::string item;
  std::string reason;
  std::optional<std::string> partner;
};

struct due_options {
  std::string item;
  bool quiet = false;
};

std::string ago(long minutes) {
  if (minutes < 60) return fmt::format("{} min", minutes);
  if (minutes < 48 * 60) return fmt::format("{} h", minutes / 60);
  return fmt::format("{} days", minutes / (24 * 60));
}

std::vector<due_item> what_is_due(context& ctx) {
  auto& j = ctx.journal();
  const read_transaction snapshot(j);  // one consistent view, locks taken once
  const auto& now = ctx.now();
  const days_t today = now.today();
  const minutes_t time = now.time_of_day();
  std::vector<due_item> due;

  // The check-in: from its time of day on, for each partner without one today (or only the
  // partner named by --as / REBUILD_PARTNER).
  const std::string at = setting(j, "checkin.time");
  if (time >= parse_time_of_day(at)) {
    std::vector<partner> who = partners(j);
    const bool named = !ctx.globals.as.empty() || std::getenv("REBUILD_PARTNER") != nullptr;
    if (named) who = {ctx.writer()};
    for (const auto& p : who)
      if (count_in(j, "checkin", today, today, p.id) == 0)
        due.push_back({"checkin",
                       fmt::format("no check-in yet today for {}; your time is {}", p.name, at),
                       p.name});
  }

  // A time-out with no return, once the 20-minute pause is over.
  if (const auto open = open_timeout(j)) {
    const long minutes = pause_minutes(*open, iso_utc(now.now_utc()));
    if (minutes >= 20)
      due.push_back({"timeout-return",
                     fmt::format("time-out called {} ago by {} has no return; the guide says "
                                 "come back within 24 hours",
                                 ago(minutes), open->author.name),
                     std::nullopt});
  }

  // The monthly review of the job ledger.
  const auto jobs = tasks(j);
  if (!jobs.empty()) {
    const auto reviews = entries_of_kind(j, "task-review");
    if (reviews.empty())
      due.push_back({"tasks-review", "the jobs have not had a monthly review yet", std::nullopt});
    else if ((today - reviews.back().day).count() >= 30)
      due.push_back({"tasks-review",
                     fmt::format("the last monthly job review was {} days ago",
                                 (today - reviews.back().day).count()),
                     std::nullopt});
  }

  // The quarterly review.
  if (const days_t when = review_due(j); when <= today) {
    const auto last = last_review(j);
    due.push_back({"review",
                   last ? fmt::format("the quarterly review is due; the last was {}",
                                      human_day(last->day))
                        : fmt::format("the first quarterly review is due (since {})",
                                      human_day(when)),
                   std::nullopt});
  }

  // Rituals due today or overdue.
  for (const auto& r : rituals(j))
    if (const auto next = next_due(r, today); next && *next <= today)
      due.push_back({"ritual",
                     fmt::format("{} is due today", std::get<std::string>(r.ritual.get("name"))),
                     std::nullopt});

  // Touch: a window today with no session yet; at stage 1, when the week's sessions still
  // needed are as many as the days left.
  const bool session_today = count_in(j, "touch", today, today) > 0;
  const std::string weekday = weekday_word(date::weekday{today});
  for (const auto& w : entries_of_kind(j, "touch-window"))
    if (std::get<std::string>(w.get("weekday")) == weekday && !session_today)
      due.push_back({"touch",
                     fmt::format("a touch window today at {}: available, not obligatory",
                                 std::get<std::string>(w.get("start"))),
                     std::nullopt});
  const auto state = touch_stage(j);
  if (const int target = touch_target(state.stage); target > 0) {
    const week w = week_of(today);
    const int sessions = touch_sessions(j, w);
    const long days_left = (w.sunday - today).count() + 1;
    if (sessions < target && target - sessions >= days_left && !session_today)
      due.push_back({"touch",
                     fmt::format("stage {} sessions this week: {} of {}", state.stage, sessions,
                                 target),
                     std::nullopt});
  }
  return due;
}

int run_due(context& ctx, const due_options& o) {
  auto due = what_is_due(ctx);
  if (!o.item.empty())
    due.erase(std::remove_if(due.begin(), due.end(),
                             [&](const due_item& d) { return d.item != o.item; }),
              due.end());
  if (o.quiet) return due.empty() ? 1 : 0;
  if (ctx.globals.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& d : due)
      list.push_back({{"item", d.item},
                      {"reason", d.reason},
                      {"partner", d.partner ? nlohmann::ordered_json(*d.partner)
                                            : nlohmann::ordered_json()}});
    print_json({{"now", iso_utc(ctx.now().now_utc())}, {"due", list}});
  } else if (due.empty()) {
    fmt::print("Nothing is due{}.\n", o.item.empty() ? "" : " for " + o.item);
  } else {
    for (const auto& d : due) fmt::print("{:<15} {}\n", d.item, d.reason);
  }
  return due.empty() ? 1 : 0;
}

}  // namespace

void setup_due(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<due_options>();
  CLI::App* sub = add_command(
      app, "due", "What is due now; exit 0 when something is, 1 when nothing is (for scripts)",
      "  rebuild due\n"
      "  rebuild due checkin -q && notify-send \"rebuild\" \"Time for your check-in\"\n"
      "  rebuild due --json\n");
  sub->add_flag("-q,--quiet", o->quiet, "print nothing; only the exit code says");
  commands.push_back({sub, [&ctx, o] {
                        if (run_due(ctx, *o) != 0) ctx.status = exit_code::nothing_due;
                      }});
  // Each item is a subcommand of its own: as a plain argument, "checkin" or "review" would
  // be taken for the top-level command of that name.
  for (const auto& item : items) {
    CLI::App* only = add_command(*sub, item, "only whether " + item + " is due", "");
    commands.push_back({only, [&ctx, o, item] {
                          due_options just = *o;
                          just.item = item;
                          if (run_due(ctx, just) != 0) ctx.status = exit_code::nothing_due;
                        }});
  }
}

}  // namespace rebuild::cli
