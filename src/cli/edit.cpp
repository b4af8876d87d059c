// rebuild edit ID [--mood N] [--stress N] [--appreciation S] [--minutes N]
//   [--phones-away/--phones-on] [--note S] [--text S] [--toward/--away/--against]
//   [--accepted/--not-accepted] [--problem S] [--outcome S] [--months N] [--rating N]
//   [--date D] [--time HH:MM]
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "options.hpp"
#include "present.hpp"
#include "rebuild/errors.hpp"

namespace rebuild::cli {
namespace {

/// The flags that set each field, as people type them.
std::string flags_of(const field_spec& f) {
  if (f.type == field_type::choice) {
    std::string out;
    for (auto c : f.choices) out += (out.empty() ? "--" : "/--") + std::string(c);
    return out;
  }
  if (f.name == "phones_away") return "--phones-away/--phones-on";
  if (f.name == "accepted") return "--accepted/--not-accepted";
  return "--" + std::string(f.name);
}

std::string flags_of(const kind_spec& k) {
  std::string out;
  for (const auto& f : k.fields) out += flags_of(f) + ", ";
  return out + "--date, --time";
}

struct edit_options {
  std::string id;
  std::map<std::string, int> numbers;          // field -> value, bound to flags below
  std::map<std::string, std::string> strings;  // field -> value
  std::map<std::string, CLI::Option*> given;   // field -> its flag (or one of its flags)
  bool phones_away = false, phones_on = false;
  bool toward = false, away = false, against = false;
  bool accepted = false, not_accepted = false;
  when_options at;
};

void run_edit(context& ctx, edit_options& o) {
  auto& j = ctx.journal();
  const entry e = find_entry(j, o.id);
  field_values changes;
  for (const auto& [field, flag] : o.given) {
    if (flag->count() == 0) continue;
    if (e.kind->field(field) == nullptr)
      throw usage_error(fmt::format("{} does not apply to a {}; a {} takes {}", flag->get_name(),
                                    e.kind->label, e.kind->label, flags_of(*e.kind)));
    if (o.numbers.count(field)) changes[field] = std::int64_t{o.numbers[field]};
    else if (o.strings.count(field)) changes[field] = ctx.text(o.strings[field]);
    else if (field == "phones_away") changes[field] = std::int64_t{o.phones_away ? 1 : 0};
    else if (field == "accepted") changes[field] = std::int64_t{o.accepted ? 1 : 0};
    else if (field == "response")
      changes[field] = std::string(o.toward ? "toward" : o.away ? "away" : "against");
  }
  if (changes.empty() && !o.at.given())
    throw usage_error(fmt::format("nothing to change; a {} takes {}", e.kind->label,
                                  flags_of(*e.kind)));
  const partner who = ctx.writer();
  std::optional<when> at;
  if (o.at.given())
    at = o.at.resolve_over(ctx, when{e.day, e.time}, fmt::format("a {}", e.kind->label));

  write_transaction txn(j);
  const entry updated = edit_entry(j, e, who, at, changes, ctx.now());
  txn.commit();
  if (ctx.globals.json) return print_json(entry_json(updated));
  const std::string figures = summary(updated);
  fmt::print("Updated {} {} of {}{}.\n", updated.kind->label,
             paint(updated.short_id(), fmt::fg(fmt::terminal_color::yellow), ctx.color()),
             when_text(updated), figures.empty() ? "" : ": " + figures);
  fmt::print("'rebuild undo' puts it back as it was.\n");
}

}  // namespace

void setup_edit(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<edit_options>();
  CLI::App* sub = add_command(
      app, "edit", "Change an entry you wrote (only the flags of its kind apply)",
      "  rebuild edit 3f2a91c0 --mood 6\n"
      "  rebuild edit 3f2a --appreciation \"You listened all evening\" --date yesterday\n"
      "  rebuild edit 9b1c --toward\n");
  sub->add_option("id", o->id, "the entry's id, or a unique start of it")
      ->required()
      ->type_name("ID");

  // Number fields, each checked against its kind's range.
  for (const auto& [kind, field] : std::vector<std::pair<const char*, const char*>>{
           {"checkin", "mood"}, {"checkin", "stress"}, {"checkin", "minutes"},
           {"goal", "months"}, {"rating", "rating"}}) {
    const field_spec& f = *kind_named(kind).field(field);
    o->given[field] = add_number(sub, "--" + std::string(field), o->numbers[field], f,
                                 fmt::format("new {} ({}-{})", f.label, f.min, f.max));
  }
  // Text fields; '-' reads from stdin.
  for (const char* field : {"text", "appreciation", "note", "problem", "outcome"})
    o->given[field] = sub->add_option("--" + std::string(field), o->strings[field],
                                      fmt::format("new {} ('-': stdin)", field))
                          ->type_name("S");
  auto* away = sub->add_flag("--phones-away", o->phones_away, "check-in: phones were away");
  auto* on = sub->add_flag("--phones-on", o->phones_on, "check-in: phones were not away");
  away->excludes(on);
  auto* toward = sub->add_flag("--toward", o->toward, "bid: turned toward");
  auto* turned_away = sub->add_flag("--away", o->away, "bid: turned away");
  auto* against = sub->add_flag("--against", o->against, "bid: turned against");
  toward->excludes(turned_away)->excludes(against);
  turned_away->excludes(against);
  auto* yes = sub->add_flag("--accepted", o->accepted, "repair: accepted");
  auto* no = sub->add_flag("--not-accepted", o->not_accepted, "repair: not accepted");
  yes->excludes(no);
  // A field is given when any of its flags is; the map keeps one of them to check and name.
  o->given["phones_away"] = away;
  o->given["response"] = toward;
  o->given["accepted"] = yes;
  o->at.add_to(sub, "it belongs to");
  commands.push_back({sub, [&ctx, o, on, turned_away, against, no] {
                        // Point each pair's entry at the flag that was actually used.
                        if (on->count()) o->given["phones_away"] = on;
                        if (turned_away->count()) o->given["response"] = turned_away;
                        if (against->count()) o->given["response"] = against;
                        if (no->count()) o->given["accepted"] = no;
                        run_edit(ctx, *o);
                      }});
}

}  // namespace rebuild::cli
