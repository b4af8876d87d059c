// rebuild initiate --tier connection|adventure [--accepted|--declined]
#include <fmt/format.h>

#include "commands.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/practices.hpp"
#include "shared/options.hpp"
#include "shared/record.hpp"

namespace rebuild::cli {
namespace {

struct initiate_options {
  std::string tier;
  bool accepted = false;
  bool declined = false;
  when_options at;
};

void run_initiate(context& ctx, const initiate_options& o) {
  const partner who = ctx.writer();
  const when at = o.at.resolve(ctx, "an initiation");
  field_values fields{{"tier", o.tier}};
  if (o.accepted || o.declined) fields["accepted"] = std::int64_t{o.accepted ? 1 : 0};
  const added result = record_entry(ctx, kind_named("initiation"), who, at, fields);
  // Never a tally per partner ("Pressure kills play"): after a "no", a kind word and nothing
  // more; else the week's turns, in the order they came, so that rotating is easy to see.
  if (o.declined) {
    print_recorded(ctx, result,
                   "Thank you for asking; a \"no\" is a fine answer, and part of play.");
    return;
  }
  const week w = week_of(at.day);
  log_filter week_of_initiations;
  week_of_initiations.kind = &kind_named("initiation");
  week_of_initiations.since = w.monday;
  week_of_initiations.until = w.sunday;
  week_of_initiations.oldest_first = true;
  std::vector<std::string> turns;
  for (const auto& e : list_entries(ctx.journal(), week_of_initiations))
    turns.push_back(e.author.name);
  print_recorded(ctx, result, fmt::format("Turns that week: {}.", fmt::join(turns, ", then ")));
}

}  // namespace

void setup_initiate(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<initiate_options>();
  CLI::App* sub = add_command(app, "initiate", "You initiated intimacy: the tier, and how it went",
                              "  rebuild initiate --tier connection --accepted\n"
                              "  rebuild initiate --tier adventure --declined --date yesterday\n");
  sub->add_option("--tier", o->tier, "connection (quick) or adventure (longer)")
      ->required()
      ->type_name("T")
      ->check(CLI::IsMember({"connection", "adventure"}));
  auto* yes = sub->add_flag("--accepted", o->accepted, "your partner said yes");
  auto* no = sub->add_flag("--declined", o->declined, "your partner said not now");
  yes->excludes(no);
  o->at.add_to(sub, "it happened");
  commands.push_back({sub, [&ctx, o] { run_initiate(ctx, *o); }});
}

}  // namespace rebuild::cli
