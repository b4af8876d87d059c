// rebuild edit ID [--FIELD VALUE ...] [--date D] [--time HH:MM]
//
// One flag per field of every kind of entry, made from the kinds' description, so that a new
// kind's fields are editable without touching this file. Only the flags of the entry's own
// kind apply. A few fields keep the flags their own commands use: --toward/--away/--against,
// --phones-away/--phones-on, --accepted/--not-accepted (--declined for an initiation).
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <set>

#include "commands.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/text.hpp"
#include "shared/editor.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"

namespace rebuild::cli {
namespace {

/// Fields edited through their own commands, or that tie one entry to another.
bool editable(const field_spec& f) {
  return f.type != field_type::reference && f.name != "paused" && f.name != "changed";
}

std::string flag_name(const field_spec& f) {
  // Flags that read as the commands' own: --commit, --then, --by, --for, --on.
  if (f.name == "commit_to") return "commit";
  if (f.name == "neutral") return "then";
  if (f.name == "deadline") return "by";
  if (f.name == "for_day") return "for";
  if (f.name == "on_day") return "on";
  std::string out(f.name);
  for (char& c : out)
    if (c == '_') c = '-';
  return out;
}

/// The flags that set a field of a kind, as people type them.
std::string flags_of(const kind_spec& k, const field_spec& f) {
  if (f.name == "response" && k.name == "bid") return "--toward/--away/--against";
  if (f.name == "phones_away") return "--phones-away/--phones-on";
  if (f.name == "accepted")
    return k.name == "initiation" ? "--accepted/--declined" : "--accepted/--not-accepted";
  return "--" + flag_name(f);
}

std::string flags_of(const kind_spec& k) {
  std::string out;
  for (const auto& f : k.fields)
    if (editable(f)) out += flags_of(k, f) + ", ";
  return out + "--date, --time";
}

struct binding {
  std::string field;
  std::string value;
  CLI::Option* option = nullptr;
};

struct edit_options {
  std::string id;
  std::vector<std::unique_ptr<binding>> generic;  // --mood, --text, --owner...
  bool phones_away = false, phones_on = false;
  bool toward = false, away = false, against = false;
  bool accepted = false, not_accepted = false, declined = false;
  std::vector<std::pair<std::string, CLI::Option*>> special;  // field, one of its flags
  when_options at;
};

value convert(context& ctx, const field_spec& f, const std::string& flag, const std::string& in) {
  // A field that may be empty is cleared with "none" (a job's deadline, a ritual's day of the
  // month, an agenda item's day) or an empty value; a text keeps its words as given.
  if (!f.required && f.type != field_type::text && (in.empty() || ascii_lower(in) == "none"))
    return std::monostate{};
  switch (f.type) {
    case field_type::integer: {
      const auto n = parse_whole(in);
      if (!n || *n < f.min || *n > f.max)
        throw data_error(fmt::format("{}: give a whole number from {} to {} (got '{}')", flag,
                                     f.min, f.max, in));
      return std::int64_t{*n};
    }
    case field_type::text:
      return ctx.text(in);
    case field_type::clock:
      return hh_mm(parse_time_of_day(in));
    case field_type::day:
      return iso_day(f.name == "until" ? parse_day(in, ctx.now().today())
                                       : parse_coming_day(in, ctx.now().today()));
    case field_type::moment:
      return parse_moment(in, ctx.now().today(), ctx.now().time_of_day(), ctx.now().today());
    case field_type::partner:
      return find_partner(ctx.journal(), in).name;
    case field_type::boolean: {
      const std::string v = ascii_lower(in);
      if (v == "yes" || v == "true" || v == "1") return std::int64_t{1};
      if (v == "no" || v == "false" || v == "0") return std::int64_t{0};
      throw data_error(fmt::format("{}: give yes or no (got '{}')", flag, in));
    }
    default:
      return in;
  }
}

/// A field's value as the editor shows it: a number, yes or no, the text; empty when unset.
std::string shown_value(const field_spec& f, const value& v) {
  if (const auto* n = std::get_if<std::int64_t>(&v))
    return f.type == field_type::boolean ? (*n != 0 ? "yes" : "no") : std::to_string(*n);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return {};
}

/// What to write for a field, beside its heading (the field's name).
std::string hint_of(const field_spec& f) {
  switch (f.type) {
    case field_type::integer:
      return fmt::format("a whole number from {} to {}", f.min, f.max);
    case field_type::boolean:
      return "yes or no";
    case field_type::choice:
      return fmt::format("one of {}", fmt::join(f.choices, ", "));
    case field_type::clock:
      return "HH:MM";
    case field_type::day:
      return "a day, YYYY-MM-DD";
    case field_type::moment:
      return "a day and time, YYYY-MM-DD HH:MM";
    case field_type::partner:
      return "a partner's name";
    default:
      return std::string(f.label);
  }
}

/// `edit ID` with no field flag, at a terminal: every field the entry's kind has, in the
/// editor, as `task edit` and `jrnl --edit` open one; what comes back changed is the change
/// (empty clears a field that may be empty). Nothing changed is no change.
field_values edit_in_editor(context& ctx, const entry& e) {
  std::vector<const field_spec*> fields;
  std::vector<text_part> parts;
  for (const auto& f : e.kind->fields) {
    if (!editable(f)) continue;
    fields.push_back(&f);
    parts.push_back({flag_name(f), hint_of(f), shown_value(f, e.get(f.name)), false});
  }
  const std::vector<std::string> back =
      edit_parts(e.kind->label,
                 fmt::format("Change the {} {} of {}: edit the values under each heading and "
                             "save. Lines starting with # are left out; an empty value clears "
                             "a field that may be empty.",
                             e.kind->label, e.short_id(), when_text(e)),
                 parts);
  field_values changes;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const field_spec& f = *fields[i];
    if (back[i] == parts[i].given) continue;
    const std::string flag = "--" + flag_name(f);
    if (back[i].empty()) {
      changes[std::string(f.name)] = std::monostate{};
      continue;
    }
    // A text as written (never '-': that reads standard input only on the command line).
    changes[std::string(f.name)] =
        f.type == field_type::text ? value{back[i]} : convert(ctx, f, flag, back[i]);
  }
  return changes;
}

void run_edit(context& ctx, edit_options& o) {
  auto& j = ctx.journal();
  std::optional<std::int64_t> private_of;
  if (o.at.private_entry) private_of = ctx.writer().id;
  const entry e = find_entry(j, o.id, private_of);
  // The kept history of an edit is what was, not something to change.
  if (!e.kind->history_of.empty())
    throw data_error(
        fmt::format("{} {} is the history of an edit, kept as it was; change the {} "
                    "itself",
                    e.kind->label, e.short_id(), kind_named(e.kind->history_of).label));
  field_values changes;
  auto require_field = [&](const std::string& field, const CLI::Option* flag) -> const field_spec& {
    const field_spec* f = e.kind->field(field);
    if (f == nullptr || !editable(*f))
      throw usage_error(fmt::format("{} does not apply to a {}; a {} takes {}", flag->get_name(),
                                    e.kind->label, e.kind->label, flags_of(*e.kind)));
    return *f;
  };
  for (const auto& b : o.generic) {
    if (b->option->count() == 0) continue;
    const field_spec& f = require_field(b->field, b->option);
    changes[b->field] = convert(ctx, f, b->option->get_name(), b->value);
  }
  for (const auto& [field, flag] : o.special) {
    if (flag->count() == 0) continue;
    require_field(field, flag);
    if (field == "phones_away")
      changes[field] = std::int64_t{o.phones_away ? 1 : 0};
    else if (field == "accepted")
      changes[field] = std::int64_t{o.accepted ? 1 : 0};
    else
      changes[field] = std::string(o.toward ? "toward" : o.away ? "away" : "against");
  }
  // A ritual that stops being monthly stops having a day of the month, unless one is given.
  if (const auto every = changes.find("every");
      every != changes.end() && e.kind->name == "ritual" && changes.count("on_day") == 0 &&
      std::get_if<std::string>(&every->second) != nullptr &&
      std::get<std::string>(every->second) != "monthly" && !e.text("on_day").empty())
    changes["on_day"] = std::monostate{};
  if (changes.empty() && !o.at.given()) {
    // At a terminal, the entry's fields open in the editor; a script is told the flags.
    if (!ctx.interactive())
      throw usage_error(
          fmt::format("nothing to change; a {} takes {} (or, at a terminal, "
                      "'rebuild edit {}' opens it in your editor)",
                      e.kind->label, flags_of(*e.kind), e.short_id()));
    if (e.is_private && e.sealed)
      throw usage_error(
          fmt::format("{} {} is private: give what to change as flags, with "
                      "--private (a text as '-', on standard input)",
                      e.kind->label, e.short_id()));
    changes = edit_in_editor(ctx, e);
    if (changes.empty()) {
      fmt::print("Nothing changed; {} {} stays as it was.\n", e.kind->label, e.short_id());
      return;
    }
  }
  const partner who = ctx.writer();
  std::optional<when> at;
  if (o.at.given())
    at = o.at.resolve_over(ctx, when{e.day, e.time}, fmt::format("a {}", e.kind->label));

  // A private entry's words are opened and sealed again with its author's key, bound to its day
  // and time: moving it needs the key as well.
  const crypto::key* key = nullptr;
  if (e.is_private && (!changes.empty() || at) && o.at.private_entry && e.author.id == who.id) {
    ctx.ask_privately(o.at.passphrase);
    key = &ctx.private_key();
  }
  write_transaction txn(j);
  const entry updated = edit_entry(j, e, who, at, changes, ctx.now(), key);
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
      "  rebuild edit 9b1c --toward\n"
      "  rebuild edit 77aa --signal yellow --minutes 8\n"
      "  rebuild edit 5c0d --private --note -   (a private entry of yours)\n");
  sub->add_option("id", o->id, "the entry's id, or a unique start of it")
      ->required()
      ->type_name("ID");

  // A bid's response has its own three flags; --response is a trigger's agreed response
  // (and, for a bid, takes toward, away or against as well).
  std::set<std::string> seen = {"phones_away", "accepted"};
  for (const auto& k : kinds()) {
    for (const auto& f : k.fields) {
      if (!editable(f) || !seen.insert(std::string(f.name)).second) continue;
      auto b = std::make_unique<binding>();
      b->field = std::string(f.name);
      const char* type = f.type == field_type::integer   ? "N"
                         : f.type == field_type::clock   ? "HH:MM"
                         : f.type == field_type::day     ? "D"
                         : f.type == field_type::moment  ? "WHEN"
                         : f.type == field_type::partner ? "P"
                                                         : "S";
      b->option = sub->add_option("--" + flag_name(f), b->value,
                                  fmt::format("new {}{}", f.label,
                                              f.type == field_type::text ? " ('-': stdin)" : ""))
                      ->type_name(type);
      o->generic.push_back(std::move(b));
    }
  }
  auto* away = sub->add_flag("--phones-away", o->phones_away, "check-in: phones were away");
  auto* on = sub->add_flag("--phones-on", o->phones_on, "check-in: phones were not away");
  away->excludes(on);
  auto* toward = sub->add_flag("--toward", o->toward, "bid: turned toward");
  auto* turned_away = sub->add_flag("--away", o->away, "bid: turned away");
  auto* against = sub->add_flag("--against", o->against, "bid: turned against");
  toward->excludes(turned_away)->excludes(against);
  turned_away->excludes(against);
  auto* yes = sub->add_flag("--accepted", o->accepted, "repair or initiation: accepted");
  auto* no = sub->add_flag("--not-accepted", o->not_accepted, "repair: not accepted");
  auto* declined = sub->add_flag("--declined", o->declined, "initiation: declined");
  yes->excludes(no)->excludes(declined);
  no->excludes(declined);
  o->special = {{"phones_away", away},     {"phones_away", on},   {"response", toward},
                {"response", turned_away}, {"response", against}, {"accepted", yes},
                {"accepted", no},          {"accepted", declined}};
  o->at.add_to(sub, "it belongs to");
  sub->get_option("--private")->description("one of your private entries (asks your passphrase)");
  commands.push_back({sub, [&ctx, o] { run_edit(ctx, *o); }});
}

}  // namespace rebuild::cli
