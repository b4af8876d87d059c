// rebuild gesture S [--date D] [--time HH:MM]
#include "commands.hpp"
#include "shared/editor.hpp"
#include "shared/options.hpp"
#include "shared/record.hpp"

namespace rebuild::cli {
namespace {

struct gesture_options {
  std::string text;
  CLI::App* app = nullptr;
  CLI::Option* text_arg = nullptr;
  when_options at;
};

void run_gesture(context& ctx, const gesture_options& o) {
  const bool ask = editor_can_ask(ctx, o.app, {o.text_arg});
  const partner who = ctx.writer();
  const when at = o.at.resolve(ctx, "a gesture");
  const std::string text = ask ? edit_text("gesture", "what you did") : ctx.text(o.text);
  const added result = record_entry(ctx, kind_named("gesture"), who, at, {{"text", text}});
  print_recorded(ctx, result);
}

}  // namespace

void setup_gesture(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<gesture_options>();
  CLI::App* sub = add_command(app, "gesture", "An affectionate gesture you made",
                              "  rebuild gesture \"Left a note in her coat pocket\"\n"
                              "  rebuild gesture \"Long hug after work\" --time 18:40\n"
                              "  rebuild gesture -        (reads the words from stdin)\n"
                              "  rebuild gesture          (writes them in $VISUAL or $EDITOR)\n");
  o->app = sub;
  o->text_arg =
      sub->add_option("text", o->text, "what you did ('-': from stdin; left out: in your editor)")
          ->type_name("S");
  o->at.add_to(sub, "it happened");
  commands.push_back({sub, [&ctx, o] { run_gesture(ctx, *o); }});
}

}  // namespace rebuild::cli
