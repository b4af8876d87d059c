// rebuild repair S [--accepted/--not-accepted] [--date D] [--time HH:MM]
#include "commands.hpp"
#include "shared/editor.hpp"
#include "shared/options.hpp"
#include "shared/record.hpp"

namespace rebuild::cli {
namespace {

struct repair_options {
  std::string text;
  CLI::App* app = nullptr;
  CLI::Option* text_arg = nullptr;
  bool accepted = false;
  bool not_accepted = false;
  when_options at;
};

void run_repair(context& ctx, const repair_options& o) {
  const bool ask = editor_can_ask(ctx, o.app, {o.text_arg});
  const partner who = ctx.writer();
  const when at = o.at.resolve(ctx, "a repair");
  field_values fields{
      {"text", ask ? edit_text("repair", "what you said or did to repair") : ctx.text(o.text)}};
  if (o.accepted || o.not_accepted) fields["accepted"] = std::int64_t{o.accepted ? 1 : 0};
  print_recorded(ctx, record_entry(ctx, kind_named("repair"), who, at, fields));
}

}  // namespace

void setup_repair(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<repair_options>();
  CLI::App* sub = add_command(
      app, "repair", "A repair attempt you made",
      "  rebuild repair \"I'm sorry I snapped; can we start over?\" --accepted\n"
      "  rebuild repair \"Let me try that again\" --not-accepted --time 21:05\n");
  o->app = sub;
  o->text_arg = sub->add_option("text", o->text,
                                "what you said or did ('-': from stdin; left out: in your editor)")
                    ->type_name("S");
  auto* yes = sub->add_flag("--accepted", o->accepted, "your partner accepted it");
  auto* no = sub->add_flag("--not-accepted", o->not_accepted, "it was not accepted (this time)");
  yes->excludes(no);
  o->at.add_to(sub, "it happened");
  commands.push_back({sub, [&ctx, o] { run_repair(ctx, *o); }});
}

}  // namespace rebuild::cli
