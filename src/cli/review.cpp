// rebuild review --good S --heavy S --next S · rebuild review
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"
#include "shared/record.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/practices.hpp"

namespace rebuild::cli {
namespace {

struct review_options {
  std::string good, heavy, next;
  CLI::Option *good_flag = nullptr, *heavy_flag = nullptr, *next_flag = nullptr;
  when_options at;
};

void show_review(context& ctx) {
  auto& j = ctx.journal();
  const auto last = last_review(j);
  const days_t due = review_due(j);
  if (ctx.globals.json)
    return print_json({{"last", last ? entry_json(*last) : nlohmann::ordered_json()},
                       {"next_due", iso_day(due)}});
  if (!last) {
    fmt::print("No quarterly review yet. The first is due around {}.\n", human_day(due));
    fmt::print("  rebuild review --good \"...\" --heavy \"...\" --next \"...\"\n");
    return;
  }
  fmt::print("Last review, {} ({}):\n", human_day(last->day), last->author.name);
  fmt::print("  What felt good: {}\n", std::get<std::string>(last->get("good")));
  fmt::print("  What felt heavy: {}\n", std::get<std::string>(last->get("heavy")));
  fmt::print("  Next experiment: {}\n", std::get<std::string>(last->get("next")));
  fmt::print("The next one is due around {}.\n", human_day(due));
}

void run_review(context& ctx, const review_options& o) {
  const auto given = o.good_flag->count() + o.heavy_flag->count() + o.next_flag->count();
  if (given == 0 && !o.at.given()) return show_review(ctx);
  if (!*o.good_flag || !*o.heavy_flag || !*o.next_flag)
    throw usage_error("a review has three answers: --good, --heavy and --next (or none, to see "
                      "the last review)");
  const partner who = ctx.writer();
  const when at = o.at.resolve(ctx, "a review");
  const added result = record_entry(
      ctx, kind_named("review"), who, at,
      {{"good", ctx.text(o.good)}, {"heavy", ctx.text(o.heavy)}, {"next", ctx.text(o.next)}});
  print_recorded(ctx, result,
                 fmt::format("The next review is due around {}.",
                             human_day(at.day + date::days{90})));
}

}  // namespace

void setup_review(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<review_options>();
  CLI::App* sub = add_command(
      app, "review", "The quarterly review: what felt good, what felt heavy, what next",
      "  rebuild review\n"
      "  rebuild review --good \"Sunday walks\" --heavy \"Bedtime logistics\" \\\n"
      "                 --next \"Phones out of the bedroom for a month\"\n");
  o->good_flag = sub->add_option("--good", o->good, "what felt good ('-': stdin)")->type_name("S");
  o->heavy_flag = sub->add_option("--heavy", o->heavy, "what felt heavy ('-': stdin)")->type_name("S");
  o->next_flag = sub->add_option("--next", o->next, "the experiment to try next ('-': stdin)")->type_name("S");
  o->at.add_to(sub, "you reviewed");
  commands.push_back({sub, [&ctx, o] { run_review(ctx, *o); }});
}

}  // namespace rebuild::cli
