// rebuild bid S --toward/--away/--against [--date D] [--time HH:MM]
#include "commands.hpp"
#include "rebuild/errors.hpp"
#include "shared/editor.hpp"
#include "shared/options.hpp"
#include "shared/record.hpp"

namespace rebuild::cli {
namespace {

struct bid_options {
  std::string text;
  CLI::App* app = nullptr;
  CLI::Option* text_arg = nullptr;
  bool toward = false;
  bool away = false;
  bool against = false;
  when_options at;
};

void run_bid(context& ctx, const bid_options& o) {
  const bool ask = editor_can_ask(ctx, o.app, {o.text_arg});
  if (!o.toward && !o.away && !o.against)
    throw usage_error("say how the bid was met: --toward, --away or --against");
  const partner who = ctx.writer();
  const when at = o.at.resolve(ctx, "a bid");
  const std::string response = o.toward ? "toward" : o.away ? "away" : "against";
  const std::string text =
      ask ? edit_text("bid", "what you said or did to reach for your partner") : ctx.text(o.text);
  const added result =
      record_entry(ctx, kind_named("bid"), who, at, {{"text", text}, {"response", response}});
  print_recorded(ctx, result);
}

}  // namespace

void setup_bid(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<bid_options>();
  CLI::App* sub = add_command(app, "bid", "A bid for connection you made, and how it was met",
                              "  rebuild bid \"Showed him a photo from our trip\" --toward\n"
                              "  rebuild bid \"Asked about her day\" --away --date yesterday\n");
  o->app = sub;
  o->text_arg =
      sub->add_option("text", o->text, "the bid ('-': from stdin; left out: in your editor)")
          ->type_name("S");
  auto* toward = sub->add_flag("--toward", o->toward, "your partner turned toward it");
  auto* away = sub->add_flag("--away", o->away, "your partner turned away (missed it)");
  auto* against = sub->add_flag("--against", o->against, "your partner turned against it");
  toward->excludes(away)->excludes(against);
  away->excludes(against);
  o->at.add_to(sub, "it happened");
  commands.push_back({sub, [&ctx, o] { run_bid(ctx, *o); }});
}

}  // namespace rebuild::cli
