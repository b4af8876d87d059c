// rebuild goal                                   both partners' goals, side by side
// rebuild goal --problem S --outcome S [--months N]
// rebuild goal rate N [--note S]
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/goals.hpp"
#include "rebuild/text.hpp"
#include "shared/editor.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"
#include "shared/record.hpp"

namespace rebuild::cli {
namespace {

constexpr int default_months = 6;

struct goal_options {
  std::string problem;
  std::string outcome;
  CLI::Option* problem_flag = nullptr;
  CLI::Option* outcome_flag = nullptr;
  int months = default_months;
  CLI::Option* months_flag = nullptr;
  when_options at;
};

struct rate_options {
  int rating = 0;
  std::string note;
  CLI::Option* note_flag = nullptr;
  when_options at;
};

std::string ago(days_t then, days_t today) {
  const auto days = (today - then).count();
  if (days <= 0) return "today";
  if (days == 1) return "yesterday";
  if (days < 14) return fmt::format("{} days ago", days);
  if (days < 60) return fmt::format("{} weeks ago", days / 7);
  return fmt::format("{} months ago", days / 30);
}

/// One partner's column: lines of at most `width` characters.
std::vector<std::string> goal_column(const partner& p, const std::optional<entry>& goal,
                                     const std::optional<entry>& rating, days_t today,
                                     std::size_t width) {
  std::vector<std::string> lines{p.name};
  auto add = [&](const std::string& text) {
    for (auto& l : wrap_text(text, width)) lines.push_back(l);
  };
  if (!goal) {
    add("No goal written yet.");
    return lines;
  }
  add(fmt::format("Set {}, for the next {} months.", ago(goal->day, today),
                  goal->number("months").value_or(0)));
  lines.emplace_back();
  add("Problem: " + goal->text("problem"));
  lines.emplace_back();
  add("Outcome: " + goal->text("outcome"));
  lines.emplace_back();
  add(rating ? fmt::format("This week: {} of 10 close to it.", rating->number("rating").value_or(0))
             : std::string("This week: not rated yet."));
  return lines;
}

void show_goals(context& ctx) {
  auto& j = ctx.journal();
  const days_t today = ctx.now().today();
  const week w = week_of(today);
  const auto list = partners(j);

  if (ctx.globals.json) {
    nlohmann::ordered_json goals = nlohmann::ordered_json::array();
    for (const auto& p : list) {
      const auto goal = current_goal(j, p);
      const auto rating = rating_in_week(j, p, w);
      nlohmann::ordered_json history = nlohmann::ordered_json::array();
      for (const auto& old : goal_history(j, p))
        history.push_back({{"id", old.uuid},
                           {"problem", old.text("problem")},
                           {"outcome", old.text("outcome")},
                           {"months", old.number("months").value_or(0)},
                           {"set_on", iso_day(old.day)}});
      nlohmann::ordered_json item = {{"partner", p.name}};
      item["id"] = goal ? nlohmann::ordered_json(goal->uuid) : nlohmann::ordered_json();
      item["problem"] = goal ? nlohmann::ordered_json(goal->text("problem")) : nullptr;
      item["outcome"] = goal ? nlohmann::ordered_json(goal->text("outcome")) : nullptr;
      item["months"] = goal ? nlohmann::ordered_json(goal->number("months").value_or(0)) : nullptr;
      item["set_on"] = goal ? nlohmann::ordered_json(iso_day(goal->day)) : nullptr;
      item["rating"] =
          rating ? nlohmann::ordered_json(rating->number("rating").value_or(0)) : nullptr;
      item["history"] = history;
      goals.push_back(item);
    }
    print_json({{"week", w.label}, {"goals", goals}});
    return;
  }

  constexpr std::size_t width = 38;
  std::vector<std::vector<std::string>> columns;
  std::vector<std::string> without_goal;
  for (const auto& p : list) {
    const auto goal = current_goal(j, p);
    if (!goal) without_goal.push_back(p.name);
    columns.push_back(goal_column(p, goal, rating_in_week(j, p, w), today, width));
  }
  const std::size_t rows = std::max(columns.front().size(), columns.back().size());
  for (std::size_t r = 0; r < rows; ++r) {
    std::string line;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const std::string cell = r < columns[c].size() ? columns[c][r] : std::string();
      const bool title = r == 0;
      if (c + 1 < columns.size()) {
        const std::size_t pad = width + 4 - display_width(cell);
        line +=
            (title ? paint(cell, fmt::emphasis::bold, ctx.color()) : cell) + std::string(pad, ' ');
      } else {
        line += title ? paint(cell, fmt::emphasis::bold, ctx.color()) : cell;
      }
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    fmt::print("{}\n", line);
  }
  for (const auto& name : without_goal)
    fmt::print(
        "\n{} can write one with: rebuild goal --as {} --problem \"...\" --outcome \"...\"\n", name,
        name);
}

void set_goal(context& ctx, const goal_options& o) {
  const partner who = ctx.writer();
  const when at = o.at.resolve(ctx, "a goal");
  std::string problem = *o.problem_flag ? ctx.text(o.problem) : std::string();
  std::string outcome = *o.outcome_flag ? ctx.text(o.outcome) : std::string();
  if (!*o.problem_flag || !*o.outcome_flag) {  // on a terminal: both sentences in the editor
    const auto parts = edit_parts(
        "goal", "Your goal in two sentences: write each under its heading.",
        {{"Problem", "one sentence naming the problem (\"We only talk about logistics.\")",
          problem},
         {"Outcome", fmt::format("one sentence naming the outcome you want in {} months", o.months),
          outcome}});
    problem = parts[0];
    outcome = parts[1];
  }
  field_values fields{
      {"problem", problem}, {"outcome", outcome}, {"months", std::int64_t{o.months}}};
  const auto previous = current_goal(ctx.journal(), who);
  const added result = record_entry(ctx, kind_named("goal"), who, at, fields);
  print_recorded(ctx, result,
                 previous ? "Your earlier goal is kept as history ('rebuild goal --json')."
                          : "'rebuild goal' shows both partners' goals side by side.");
}

void run_goal(context& ctx, const goal_options& o) {
  const bool any = *o.problem_flag || *o.outcome_flag || *o.months_flag || o.at.given();
  if (!any) return show_goals(ctx);
  if ((!*o.problem_flag || !*o.outcome_flag) && !ctx.interactive())
    throw usage_error(
        "a goal is two sentences: give both --problem and --outcome (or neither, to see the "
        "goals)");
  set_goal(ctx, o);
}

// `goal rate 7 --problem S` is refused in main.cpp, as every option of a command given to
// one of its subcommands is.
void run_rate(context& ctx, const rate_options& o) {
  const partner who = ctx.writer();
  const when at = o.at.resolve(ctx, "a rating");
  field_values fields{{"rating", std::int64_t{o.rating}}};
  if (*o.note_flag) fields["note"] = ctx.text(o.note);
  const added result = record_entry(ctx, kind_named("rating"), who, at, fields);
  print_recorded(
      ctx, result,
      fmt::format("One rating a week: this is {}'s for {}.", who.name, week_of(at.day).label));
}

}  // namespace

void setup_goal(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<goal_options>();
  const kind_spec& goal = kind_named("goal");
  CLI::App* sub = add_command(
      app, "goal",
      "Set your two-sentence goal, or (with no flags) show both partners' goals side by side",
      "  rebuild goal\n"
      "  rebuild goal --as Dan --problem \"We only talk about logistics.\" \\\n"
      "               --outcome \"In three months we talk about us twice a week.\" --months 3\n"
      "  rebuild goal rate 6 --note \"Better after Sunday's walk\"\n");
  o->problem_flag =
      sub->add_option("--problem", o->problem, "one sentence naming the problem ('-': stdin)")
          ->type_name("S");
  o->outcome_flag = sub->add_option("--outcome", o->outcome,
                                    "one sentence naming the outcome you want ('-': stdin)")
                        ->type_name("S");
  o->months_flag = add_number(sub, "--months", o->months, *goal.field("months"),
                              "the horizon in months, 1-12 (default 6; the guide says 3 to 6)");
  o->at.add_to(sub, "it was written");
  commands.push_back({sub, [&ctx, o] { run_goal(ctx, *o); }});

  auto r = std::make_shared<rate_options>();
  CLI::App* rate =
      add_command(*sub, "rate", "This week's 0-10 rating of how close you feel to your outcome",
                  "  rebuild goal rate 6\n"
                  "  rebuild goal rate 4 --note \"A hard week at work\" --as Sam\n");
  add_number(rate, "rating", r->rating, *kind_named("rating").field("rating"),
             "0 (far from it) to 10 (there)")
      ->required();
  r->note_flag = rate->add_option("--note", r->note, "a note ('-': stdin)")->type_name("S");
  r->at.add_to(rate, "in the week rated");
  commands.push_back({rate, [&ctx, r] { run_rate(ctx, *r); }});
}

}  // namespace rebuild::cli
