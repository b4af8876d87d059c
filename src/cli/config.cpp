// rebuild config [KEY [VALUE]]
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"
#include "rebuild/practices.hpp"

namespace rebuild::cli {
namespace {

struct config_options {
  std::string key, value;
};

void run_config(context& ctx, const config_options& o) {
  auto& j = ctx.journal();
  if (!o.value.empty()) {
    write_transaction txn(j);
    set_config(j, o.key, o.value, ctx.now().today());
    txn.commit();
  }
  if (!o.key.empty()) {
    const std::string v = setting(j, o.key);
    if (ctx.globals.json) return print_json({{o.key, v}});
    if (o.value.empty()) fmt::print("{}\n", v);
    else fmt::print("{} is now {}.\n", o.key, v);
    return;
  }
  nlohmann::ordered_json doc = nlohmann::ordered_json::object();
  for (const auto& s : setting_specs()) doc[std::string(s.key)] = setting(j, s.key);
  if (ctx.globals.json) return print_json(doc);
  for (const auto& s : setting_specs())
    fmt::print("{:<15} {:<12} {}\n", s.key, setting(j, s.key), s.description);
}

}  // namespace

void setup_config(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<config_options>();
  CLI::App* sub = add_command(app, "config", "The journal's settings, kept in the journal",
                              "  rebuild config\n"
                              "  rebuild config checkin.time\n"
                              "  rebuild config checkin.time 07:30\n"
                              "  rebuild config touch.lead Sam      (who sets the stage-3 rules)\n"
                              "  rebuild config calendar.titles plain\n");
  sub->add_option("key", o->key,
                  "a setting: checkin.time, plan.start, touch.lead, calendar.titles")
      ->type_name("KEY");
  sub->add_option("value", o->value, "its new value")->type_name("VALUE");
  commands.push_back({sub, [&ctx, o] { run_config(ctx, *o); }});
}

}  // namespace rebuild::cli
