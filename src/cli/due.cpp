// rebuild due [ITEM] [-q]: what is due now, for reminder scripts. Exit 0 when something is,
// 1 when nothing is; errors stay 64 and above.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "rebuild/conflicts.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/practices.hpp"
#include "rebuild/support.hpp"
#include "rebuild/text.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"

namespace rebuild::cli {
namespace {

const std::vector<std::string> items = {"checkin",      "timeout-return", "tasks-review",
                                        "review",       "ritual",         "touch",
                                        "transparency", "homework",       "conflicts"};

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
  if (const auto review_due = jobs_review_due(j, today); review_due && *review_due <= today) {
    const auto reviews = entries_of_kind(j, "task-review");
    if (reviews.empty())
      due.push_back({"tasks-review", "the jobs have not had a monthly review yet", std::nullopt});
    else
      due.push_back({"tasks-review",
                     fmt::format("the last monthly job review was {} days ago",
                                 (today - reviews.back().day).count()),
                     std::nullopt});
  }

  // The quarterly review, for each partner who has not answered this round (or only the
  // partner named): it stays due for one whose partner has answered already.
  {
    std::vector<partner> who = partners(j);
    const bool named = !ctx.globals.as.empty() || std::getenv("REBUILD_PARTNER") != nullptr;
    if (named) who = {ctx.writer()};
    const review_standing review = review_standing_on(j, today);
    const auto& round = review.latest;
    const days_t next = review.next_due;
    for (const auto& p : who) {
      if (!review.due_for(p.id, today)) continue;
      std::string reason;
      if (next <= today)
        reason = !round
                     ? fmt::format("the first quarterly review is due for {} (since {})", p.name,
                                   human_day(next))
                     : fmt::format("the quarterly review is due for {}; the last round opened {}",
                                   p.name, human_day(round->opened));
      else
        reason =
            fmt::format("the quarterly review is open for {}: {} answered {}", p.name,
                        round->voices.front().author.name, human_day(round->voices.front().day));
      due.push_back({"review", reason, p.name});
    }
  }

  // Rituals due today or overdue.
  for (const auto& r : rituals(j))
    if (const auto next = next_due(r, today); next && *next <= today)
      due.push_back({"ritual",
                     fmt::format("{} is due today", std::get<std::string>(r.ritual.get("name"))),
                     std::nullopt});

  // Touch: only at stage 3, only for a window that is not paused, and only in the two hours
  // before it begins. Nothing else about touch is ever due: pressure kills play.
  if (touch_stage(j, today).stage == 3) {
    const date::local_seconds at_now = now.now_local();
    for (const auto& v : touch_windows(j, today)) {
      if (v.paused) continue;
      const auto weekday = weekday_named(v.window.text("weekday"));
      if (!weekday) continue;
      const minutes_t start = parse_time_of_day(v.window.text("start"));
      // The next start from now: today's, or (for a window just after midnight) tomorrow's.
      for (const days_t day : {today, today + date::days{1}}) {
        if (date::weekday{day} != *weekday) continue;
        const date::local_seconds begins = day + start;
        if (at_now >= begins - std::chrono::hours{2} && at_now < begins)
          due.push_back({"touch",
                         fmt::format("time together at {}{}: available, not obligatory",
                                     v.window.text("start"), day == today ? "" : " tomorrow"),
                         std::nullopt});
      }
    }
  }
  // A transparency agreement that reached its end date: review it together (the guide: a
  // bridge, not a way of life). Its words stay out of a reminder.
  for (const auto& v : transparency_by(j, today))
    if (!v.ended && v.until <= today)
      due.push_back({"transparency",
                     fmt::format("a transparency agreement {} on {}: review it together ({})",
                                 v.until == today ? "ends" : "reached its end", human_day(v.until),
                                 v.short_id()),
                     std::nullopt});

  // Homework between therapy sessions, while some is open; counted, never quoted.
  const auto [open, oldest] = homework_open(j, today);
  if (open > 0)
    due.push_back({"homework",
                   open == 1 ? fmt::format("1 piece of therapy homework is open (since {})",
                                           human_day(*oldest))
                             : fmt::format("{} pieces of therapy homework are open (the oldest "
                                           "since {})",
                                           open, human_day(*oldest)),
                   std::nullopt});

  // Versions kept aside by sync (changed on two devices at once, or two of one day): nothing
  // is lost, but one of you may want the other version; said until taken or dismissed.
  if (const auto aside = list_conflicts(j); !aside.empty())
    due.push_back({"conflicts",
                   fmt::format("{} kept aside, nothing lost: see 'rebuild conflicts'",
                               aside.size() == 1 ? std::string("1 version")
                                                 : fmt::format("{} versions", aside.size())),
                   std::nullopt});
  return due;
}

int run_due(context& ctx, const due_options& o) {
  auto due = what_is_due(ctx);
  if (!o.item.empty())
    due.erase(
        std::remove_if(due.begin(), due.end(), [&](const due_item& d) { return d.item != o.item; }),
        due.end());
  if (o.quiet) return due.empty() ? 1 : 0;
  if (ctx.globals.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& d : due)
      list.push_back(
          {{"item", d.item},
           {"reason", d.reason},
           {"partner", d.partner ? nlohmann::ordered_json(*d.partner) : nlohmann::ordered_json()}});
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
