// rebuild gesture S [--date D] [--time HH:MM]
#include "commands.hpp"
#include "shared/options.hpp"
#include "shared/record.hpp"

namespace rebuild::cli {
namespace {

struct gesture_options {
  std::string text;
  when_options at;
};

void run_gesture(context& ctx, const gesture_options& o) {
  const partner who = ctx.writer();
  const when at = o.at.resolve(ctx, "a gesture");
  const added result =
      record_entry(ctx, kind_named("gesture"), who, at, {{"text", ctx.text(o.text)}});
  print_recorded(ctx, result);
}

}  // namespace

void setup_gesture(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<gesture_options>();
  CLI::App* sub = add_command(app, "gesture", "An affectionate gesture you made",
                              "  rebuild gesture \"Left a note in her coat pocket\"\n"
                              "  rebuild gesture \"Long hug after work\" --time 18:40\n"
                              "  rebuild gesture -        (reads the words from stdin)\n");
  sub->add_option("text", o->text, "what you did ('-': read it from stdin)")
      ->required()
      ->type_name("S");
  o->at.add_to(sub, "it happened");
  commands.push_back({sub, [&ctx, o] { run_gesture(ctx, *o); }});
}

}  // namespace rebuild::cli
