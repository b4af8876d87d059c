// rebuild config [KEY [VALUE]]
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "rebuild/inventory.hpp"
#include "rebuild/practices.hpp"
#include "shared/options.hpp"
#include "shared/passphrase_input.hpp"
#include "shared/present.hpp"

namespace rebuild::cli {
namespace {

struct config_options {
  std::string key, value;
  passphrase_source passphrase;
};

/// A setting each partner keeps for themselves, a consent (inventory.show-maybe): the writer's
/// (--as) own, read or given with their passphrase, sealed under their key, so that the other
/// partner can neither give it for them nor see it.
void run_partner_config(context& ctx, const config_options& o) {
  auto& j = ctx.journal();
  const partner who = ctx.writer();
  if (!o.value.empty() && o.value != "yes" && o.value != "no")
    throw data_error(fmt::format("{} is yes or no, not '{}'", o.key, o.value));
  ctx.ask_privately(o.passphrase);
  const crypto::key& k = ctx.private_key();
  if (!o.value.empty()) {
    write_transaction txn(j);
    set_shows_maybe(j, who, k, o.value == "yes");
    txn.commit();
  }
  const std::string v = shows_maybe(j, who, k) ? "yes" : "no";
  if (ctx.globals.json) return print_json({{o.key, v}, {"partner", who.name}});
  if (o.value.empty())
    fmt::print("{}\n", v);
  else
    fmt::print("{} is now {} for {}.\n", o.key, v, who.name);
}

void run_config(context& ctx, const config_options& o) {
  auto& j = ctx.journal();
  if (is_partner_setting(o.key)) return run_partner_config(ctx, o);
  if (!o.value.empty()) {
    write_transaction txn(j);
    set_config(j, o.key, o.value, ctx.now());
    txn.commit();
  }
  if (!o.key.empty()) {
    const std::string v = setting(j, o.key);
    if (ctx.globals.json) return print_json({{o.key, v}});
    if (o.value.empty())
      fmt::print("{}\n", v);
    else
      fmt::print("{} is now {}.\n", o.key, v);
    return;
  }
  const auto pair = partners(j);
  nlohmann::ordered_json doc = nlohmann::ordered_json::object();
  for (const auto& s : setting_specs()) doc[std::string(s.key)] = setting(j, s.key);
  // Each partner's own value is sealed: null here ('config KEY --as NAME' asks the passphrase).
  for (const auto& s : partner_setting_specs()) {
    nlohmann::ordered_json each = nlohmann::ordered_json::object();
    for (const auto& p : pair) each[p.name] = nullptr;
    doc[std::string(s.key)] = each;
  }
  if (ctx.globals.json) return print_json(doc);
  std::size_t key_w = 0;
  for (const auto* list : {&setting_specs(), &partner_setting_specs()})
    for (const auto& s : *list) key_w = std::max(key_w, s.key.size());
  for (const auto& s : setting_specs())
    fmt::print("{:<{}} {:<12} {}\n", s.key, key_w, setting(j, s.key), s.description);
  for (const auto& s : partner_setting_specs())
    for (const auto& p : pair)
      fmt::print("{:<{}} {:<12} {}'s: {} ('--as {}' with the passphrase shows it)\n", s.key, key_w,
                 "sealed", p.name, s.description, p.name);
}

}  // namespace

void setup_config(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<config_options>();
  CLI::App* sub = add_command(
      app, "config", "The journal's settings, kept in the journal",
      "  rebuild config\n"
      "  rebuild config checkin.time\n"
      "  rebuild config checkin.time 07:30\n"
      "  rebuild config touch.lead Sam      (who sets the stage-3 rules)\n"
      "  rebuild config calendar.titles plain\n"
      "  rebuild config inventory.show-maybe yes --as Dan   (Dan's own: asks his passphrase)\n");
  sub->add_option("key", o->key,
                  "a setting: checkin.time, plan.start, touch.lead, calendar.titles, "
                  "inventory.show-maybe (each partner's own)")
      ->type_name("KEY");
  sub->add_option("value", o->value, "its new value")->type_name("VALUE");
  add_passphrase_fd(sub, o->passphrase, "passphrase-fd",
                    "for your own setting (inventory.show-maybe): read your passphrase from this "
                    "file descriptor");
  commands.push_back({sub, [&ctx, o] { run_config(ctx, *o); }});
}

}  // namespace rebuild::cli
