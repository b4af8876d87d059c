// rebuild stage · stage log [--minutes N] [--giver P/both] [--signal green/yellow/red] [--note S]
// stage advance · stage back · stage window add DAY HH:MM · stage window remove ID
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/practices.hpp"
#include "rebuild/text.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"
#include "shared/record.hpp"

namespace rebuild::cli {
namespace {

const char* stage_name(int stage) {
  switch (stage) {
    case 1:
      return "non-sexual touch";
    case 2:
      return "sensual touch";
    default:
      return "sexual exploration";
  }
}

struct log_options {
  int minutes = 0;
  CLI::Option* minutes_flag = nullptr;
  std::string giver, signal, note;
  CLI::Option* note_flag = nullptr;
  when_options at;
};

struct window_options {
  std::string day, time;
};

std::string weekday_of(const std::string& text) {
  if (const auto day = weekday_named(text)) return weekday_word(*day);
  throw data_error(
      fmt::format("'{}' is not a day of the week; use mon, tue, wed, thu, fri, sat "
                  "or sun",
                  text));
}

std::string window_when(const entry& win) {
  return fmt::format("{} {}", win.text("weekday"), win.text("start"));
}

/// The other partners, by name: who a request to move on is waiting for.
std::vector<std::string> others(journal& j, const std::vector<std::string>& asked) {
  std::vector<std::string> out;
  for (const auto& p : partners(j))
    if (std::find(asked.begin(), asked.end(), p.name) == asked.end()) out.push_back(p.name);
  return out;
}

void show_stage(context& ctx) {
  auto& j = ctx.journal();
  const read_transaction snapshot(j);  // one consistent view
  const days_t today = ctx.now().today();
  const auto state = touch_stage(j, today);
  // Stage 1 has no move that starts it: it begins with the first session.
  const std::optional<days_t> since = state.since ? state.since : first_session(j, today);
  // Sittings so far this week, one however many logged it; the target counts those given
  // each way.
  const auto sittings = touch_sittings(j, week_of(today).monday, today);
  const int sessions = static_cast<int>(sittings.size());
  const int each_way = given_each_way(sittings);
  const int target = touch_target(state.stage);
  const auto windows = touch_windows(j, today);
  const long weeks_at = since ? std::max<long>(0, (today - *since).count()) / 7 + 1 : 0;
  if (ctx.globals.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& v : windows)
      list.push_back({{"id", v.window.uuid},
                      {"day", v.window.text("weekday")},
                      {"time", v.window.text("start")},
                      {"paused", v.paused}});
    // Before the first session, stage 1 has no start and no weeks yet.
    const nlohmann::ordered_json none;
    return print_json({{"stage", state.stage},
                       {"name", stage_name(state.stage)},
                       {"since", since ? nlohmann::ordered_json(iso_day(*since)) : none},
                       {"weeks_at_stage", since ? nlohmann::ordered_json(weeks_at) : none},
                       {"sessions_this_week", sessions},
                       {"each_way_this_week", each_way},
                       {"target_per_week",
                        target > 0 ? nlohmann::ordered_json(target) : nlohmann::ordered_json()},
                       {"waiting_to_advance", state.waiting},
                       {"windows", list}});
  }
  const bool color = ctx.color();
  const std::string title = paint(fmt::format("Stage {}: {}", state.stage, stage_name(state.stage)),
                                  fmt::emphasis::bold, color);
  if (since)
    fmt::print("{}, since {} (week {} at this stage).\n", title, human_day(*since), weeks_at);
  else
    fmt::print("{}, not started yet: it begins with your first session.\n", title);
  if (target > 0)
    fmt::print("Sittings this week given each way: {} of {} (5 minutes each way){}.\n", each_way,
               target,
               sessions > each_way ? fmt::format("; {} more given one way", sessions - each_way)
                                   : std::string());
  else
    fmt::print("Sittings this week: {}.\n", sessions);
  if (!state.waiting.empty())
    fmt::print(
        "{} asked to move on to stage {}; it begins when both of you have run 'rebuild "
        "stage advance'.\n",
        fmt::join(state.waiting, " and "), state.stage + 1);
  // Windows are the pair's to add: before stage 3, nothing about them unless they did.
  if (windows.empty()) {
    if (state.stage == 3)
      fmt::print(
          "No windows. The guide suggests two a week, available and not obligatory, if "
          "you both want them: rebuild stage window add DAY HH:MM\n");
    return;
  }
  fmt::print("Windows, available and not obligatory:\n");
  for (const auto& v : windows)
    fmt::print(
        "  {}  {}{}\n", paint(v.window.short_id(), fmt::fg(fmt::terminal_color::yellow), color),
        window_when(v.window), v.paused ? "  paused: back when you are both at stage 3 again" : "");
}

void log_session(context& ctx, const log_options& o) {
  const partner who = ctx.writer();
  auto& j = ctx.journal();
  const when at = o.at.resolve(ctx, "a session");
  // A session belongs to the stage in force on its day, not today's.
  const int stage = touch_stage(j, at.day).stage;
  field_values fields{{"stage", std::int64_t{stage}}};
  if (ascii_lower(o.giver) == "both")
    fields["each_way"] = std::int64_t{1};
  else
    fields["giver"] = o.giver.empty() ? who.name : find_partner(j, o.giver).name;
  if (*o.minutes_flag) fields["minutes"] = std::int64_t{o.minutes};
  if (!o.signal.empty()) fields["signal"] = o.signal;
  if (*o.note_flag) fields["note"] = ctx.text(o.note);
  const added result = record_entry(ctx, kind_named("touch"), who, at, fields);
  const week w = week_of(at.day);
  // One sitting however many logged it: a log within 30 minutes of the other's, at the same
  // stage, joins it.
  const auto sittings = touch_sittings(j, w.monday, w.sunday);
  std::string extra;
  for (const auto& s : sittings)
    for (const auto& l : s.logs)
      if (l.id == result.item.id && s.logs.size() > 1) {
        const entry other =
            get_entry(j, s.logs.front().id == l.id ? s.logs.back().id : s.logs.front().id);
        extra =
            fmt::format("This joins {}'s log of the same sitting ({}): one sitting{}.\n",
                        other.author.name, when_text(other), s.each_way ? ", given each way" : "");
      }
  const int sessions = static_cast<int>(sittings.size());
  const int each_way = given_each_way(sittings);
  const int target = touch_target(stage);
  extra += target == 0 ? fmt::format("Stage {} sittings that week: {}.", stage, sessions)
           : each_way <= target
               ? fmt::format("Stage {} sittings given each way that week: {} of {}.", stage,
                             each_way, target)
               : fmt::format(
                     "Stage {} sittings given each way that week: {}; the guide "
                     "suggests {}.",
                     stage, each_way, target);
  if (o.signal == "red")
    extra += "\nA red signal is noted. Stopping when it is red is the practice working.";
  print_recorded(ctx, result, extra);
}

void advance(context& ctx) {
  const partner who = ctx.writer();
  auto& j = ctx.journal();
  const days_t today = ctx.now().today();
  const auto state = touch_stage(j, today);
  if (state.stage == 3) throw data_error("stage 3 is the last stage; there is none after it");
  if (std::find(state.waiting.begin(), state.waiting.end(), who.name) != state.waiting.end())
    throw data_error(fmt::format("you already asked for stage {}; waiting for {}", state.stage + 1,
                                 fmt::join(others(j, state.waiting), " and ")));
  const added result =
      record_entry(ctx, kind_named("stage-move"), who, when_options{}.resolve(ctx, "a move"),
                   {{"move", std::string("advance")}, {"stage", std::int64_t{state.stage}}});
  const auto after = touch_stage(j, today);
  if (ctx.globals.json) return print_recorded(ctx, result);
  if (after.stage > state.stage) {
    fmt::print("You both agreed: stage {} ({}) begins today.\n", after.stage,
               stage_name(after.stage));
    if (after.stage == 3) {
      std::vector<std::string> windows;
      for (const auto& v : touch_windows(j, today)) windows.push_back(window_when(v.window));
      if (!windows.empty())
        fmt::print("Your windows are back, available and not obligatory: {}.\n",
                   fmt::join(windows, ", "));
    }
  } else {
    fmt::print(
        "Noted: {} is ready for stage {}. It begins when {} runs 'rebuild stage "
        "advance' too.\n",
        who.name, state.stage + 1, fmt::join(others(j, after.waiting), " and "));
  }
}

void back(context& ctx) {
  const partner who = ctx.writer();
  auto& j = ctx.journal();
  const days_t today = ctx.now().today();
  const auto state = touch_stage(j, today);
  if (state.stage == 1) throw data_error("you are at stage 1, the first; there is none before it");
  const added result =
      record_entry(ctx, kind_named("stage-move"), who, when_options{}.resolve(ctx, "a move"),
                   {{"move", std::string("back")}, {"stage", std::int64_t{state.stage}}});
  if (ctx.globals.json) return print_recorded(ctx, result);
  fmt::print(
      "Back to stage {} ({}) from today. Going back is part of the plan, not a step "
      "backwards.\n",
      state.stage - 1, stage_name(state.stage - 1));
  if (!touch_windows(j, today).empty())
    fmt::print("Your windows are paused; they come back if you both reach stage 3 again.\n");
}

void add_window(context& ctx, const window_options& o) {
  const partner who = ctx.writer();
  auto& j = ctx.journal();
  const std::string day = weekday_of(o.day);
  const std::string start = hh_mm(parse_time_of_day(o.time));
  const days_t today = ctx.now().today();
  for (const auto& v : touch_windows(j, today))
    if (v.window.text("weekday") == day && v.window.text("start") == start)
      throw data_error(
          fmt::format("there is already a window on {} at {} ({}); nothing was "
                      "saved",
                      day, start, v.window.short_id()));
  std::size_t count = 0;
  const added result =
      record_entry(ctx, kind_named("touch-window"), who, when_options{}.resolve(ctx, "a window"),
                   {{"weekday", day}, {"start", start}},
                   [&](journal& jj) { count = touch_windows(jj, today).size(); });
  print_recorded(ctx, result,
                 fmt::format("{} window{} a week, available and not obligatory.", count,
                             count == 1 ? "" : "s"));
}

// A window removed from today on: an entry of its own, so that the weeks before keep the
// window they had (issue 26 item 1); `delete ID` still takes out one added by mistake.
void remove_window(context& ctx, const std::string& id) {
  const entry w = find_of_kind(ctx, id, "touch-window");
  end_from_today(ctx, w, "touch-window-end", window_removed_on(ctx.journal(), w),
                 fmt::format("the window on {} at {}", w.text("weekday"), w.text("start")));
}

}  // namespace

void setup_stage(CLI::App& app, context& ctx, command_list& commands) {
  const kind_spec& touch = kind_named("touch");
  CLI::App* sub = add_command(
      app, "stage", "The staged-touch plan: where you are, sessions, moving on together",
      "  rebuild stage\n"
      "  rebuild stage log --minutes 10 --giver Sam --signal green\n"
      "  rebuild stage log --minutes 10 --giver both    (one sitting, each way)\n"
      "  rebuild stage advance          (takes effect when both partners have run it)\n"
      "  rebuild stage back\n"
      "  rebuild stage window add thu 21:00\n");
  commands.push_back({sub, [&ctx] { show_stage(ctx); }});

  auto l = std::make_shared<log_options>();
  CLI::App* log = add_command(*sub, "log", "A touch session: minutes, who gave, the signal", "");
  l->minutes_flag = add_number(log, "--minutes", l->minutes, *touch.field("minutes"), "minutes");
  log->add_option("--giver", l->giver, "who gave (default: you); both: one sitting, given each way")
      ->type_name("P");
  log->add_option("--signal", l->signal, "the traffic light: green, yellow or red")
      ->type_name("S")
      ->check(CLI::IsMember({"green", "yellow", "red"}));
  l->note_flag = log->add_option("--note", l->note, "a note ('-': stdin)")->type_name("S");
  l->at.add_to(log, "it happened");
  commands.push_back({log, [&ctx, l] { log_session(ctx, *l); }});

  CLI::App* adv = add_command(*sub, "advance", "Say you are ready for the next stage", "");
  commands.push_back({adv, [&ctx] { advance(ctx); }});
  CLI::App* bk = add_command(*sub, "back", "Go back a stage, at once", "");
  commands.push_back({bk, [&ctx] { back(ctx); }});

  CLI::App* window = add_command(*sub, "window", "The 'available, not obligatory' windows", "");
  window->require_subcommand(1);
  auto w = std::make_shared<window_options>();
  CLI::App* wadd = add_command(*window, "add", "Add a weekly window: a day and a time", "");
  wadd->add_option("day", w->day, "mon..sun")->required()->type_name("DAY");
  wadd->add_option("time", w->time, "HH:MM")->required()->type_name("HH:MM");
  commands.push_back({wadd, [&ctx, w] { add_window(ctx, *w); }});
  auto id = std::make_shared<std::string>();
  CLI::App* wremove = add_command(*window, "remove", "Remove a window (undo brings it back)", "");
  wremove->add_option("id", *id, "the window's id")->required()->type_name("ID");
  commands.push_back({wremove, [&ctx, id] { remove_window(ctx, *id); }});
}

}  // namespace rebuild::cli
