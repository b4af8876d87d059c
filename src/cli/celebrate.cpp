// rebuild celebrate S [--date D] [--time HH:MM]
#include "commands.hpp"
#include "shared/editor.hpp"
#include "shared/options.hpp"
#include "shared/record.hpp"

namespace rebuild::cli {
namespace {

struct celebrate_options {
  std::string text;
  CLI::App* app = nullptr;
  CLI::Option* text_arg = nullptr;
  when_options at;
};

void run_celebrate(context& ctx, const celebrate_options& o) {
  const bool ask = editor_can_ask(ctx, o.app, {o.text_arg});
  const partner who = ctx.writer();
  const when at = o.at.resolve(ctx, "a celebration");
  const std::string text =
      ask ? edit_text("celebration", "a change you can feel, worth celebrating") : ctx.text(o.text);
  print_recorded(ctx, record_entry(ctx, kind_named("celebration"), who, at, {{"text", text}}));
}

}  // namespace

void setup_celebrate(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<celebrate_options>();
  CLI::App* sub = add_command(app, "celebrate", "A change worth celebrating",
                              "  rebuild celebrate \"We talked about us for an hour on Sunday\"\n"
                              "  rebuild celebrate \"First walk without phones\" --date sat\n");
  o->app = sub;
  o->text_arg = sub->add_option("text", o->text,
                                "the change you can feel ('-': from stdin; left out: in your "
                                "editor)")
                    ->type_name("S");
  o->at.add_to(sub, "it happened");
  commands.push_back({sub, [&ctx, o] { run_celebrate(ctx, *o); }});
}

}  // namespace rebuild::cli
