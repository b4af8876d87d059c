// rebuild conflicts · rebuild conflicts ID [--take-other | --dismiss]
#include "rebuild/conflicts.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "rebuild/change_log.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/text.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"
#include "shared/terminal.hpp"

namespace rebuild::cli {
namespace {

using json = nlohmann::ordered_json;

struct conflicts_options {
  std::string id;
  bool take_other = false;
  bool dismiss = false;
};

/// Who made a version, and when by its clock reading (UTC, to the minute).
std::string made(const entry& version) {
  const std::string who = version.changed_by.empty() ? version.author.name : version.changed_by;
  const auto reading = hlc::parse(version.hlc);
  if (!reading || reading->ms == 0) return fmt::format("made by {}", who);
  const auto at = utc_seconds{std::chrono::seconds{reading->ms / 1000}};
  return fmt::format("made by {}, {} UTC", who, iso_utc(at).substr(0, 16).replace(10, 1, " "));
}

json version_doc(const entry& version) {
  json doc = entry_json(version);
  doc["hlc"] = version.hlc;
  doc["by"] = version.changed_by.empty() ? version.author.name : version.changed_by;
  return doc;
}

/// Set aside because another of its day (or week) stands, not changed at once with itself:
/// the entry is out of every list, and the version set aside is its own.
bool one_of_two_in_a_day(const conflict& c) {
  return c.current.deleted && !c.other.deleted && c.other.hlc == c.current.hlc;
}

json conflict_doc(const conflict& c) {
  return {{"entry", c.current.uuid},
          {"kind", std::string(c.current.kind->name)},
          {"author", c.current.author.name},
          {"found", c.found_utc},
          {"why", one_of_two_in_a_day(c) ? "another_of_its_day" : "changed_at_once"},
          {"kept", version_doc(c.current)},
          {"set_aside", version_doc(c.other)}};
}

void list_all(context& ctx) {
  auto& j = ctx.journal();
  const read_transaction snapshot(j);
  const auto all = list_conflicts(j);
  if (ctx.globals.json) {
    json list = json::array();
    for (const auto& c : all) list.push_back(conflict_doc(c));
    return print_json({{"conflicts", list}});
  }
  if (all.empty()) {
    fmt::print("No versions kept aside: no entry was changed on two devices at once.\n");
    return;
  }
  fmt::print("{} kept aside, nothing lost:\n",
             all.size() == 1 ? std::string("1 version") : fmt::format("{} versions", all.size()));
  const bool color = ctx.color();
  for (const auto& c : all) {
    const std::string id = paint(c.current.short_id(), fmt::fg(fmt::terminal_color::yellow), color);
    if (one_of_two_in_a_day(c))
      fmt::print("  {}  {} {} of {}, {}: set aside, as another of its {} stands\n", id,
                 whose(*c.current.kind, c.current.author.name), c.current.kind->label,
                 human_day(c.other.day), made(c.other),
                 c.current.kind->once == once_per::week ? "week" : "day");
    else
      fmt::print(
          "  {}  {} {} of {}, changed on two devices at once: kept the version {}; set "
          "aside the one {}\n",
          id, whose(*c.current.kind, c.current.author.name), c.current.kind->label,
          human_day(c.current.day), made(c.current), made(c.other));
  }
  fmt::print("'rebuild conflicts ID' shows both versions of one.\n");
}

void show_one(context& ctx, const conflicts_options& o) {
  auto& j = ctx.journal();
  if (o.take_other && o.dismiss)
    throw usage_error("--take-other and --dismiss are two different answers; give one");
  const bool writes = o.take_other || o.dismiss;
  std::optional<write_transaction> txn;
  std::optional<read_transaction> snapshot;
  if (writes)
    txn.emplace(j);
  else
    snapshot.emplace(j);
  const entry e = find_entry(j, o.id);
  const auto found = list_conflicts(j, e.id);
  if (found.empty())
    throw data_error(
        fmt::format("{} {} has no version kept aside; 'rebuild conflicts' lists "
                    "those that have",
                    e.kind->label, e.short_id()));
  if (writes) {
    // The newest one kept aside, when there are several.
    const conflict& c = found.back();
    const partner by = ctx.writer();
    if (o.take_other) {
      const entry now = take_other(j, c, by, ctx.now());
      txn->commit();
      if (ctx.globals.json) return print_json(entry_json(now));
      fmt::print(
          "Took the version set aside for {} {}; your other device takes it at its next "
          "sync ('rebuild undo' takes it back).\n",
          e.kind->label, e.short_id());
      return;
    }
    dismiss_conflict(j, c, by);
    txn->commit();
    if (ctx.globals.json) return print_json({{"dismissed", e.uuid}});
    fmt::print("Forgot the version set aside for {} {}; the one here stays.\n", e.kind->label,
               e.short_id());
    return;
  }
  if (ctx.globals.json) {
    json list = json::array();
    for (const auto& c : found) list.push_back(conflict_doc(c));
    return print_json({{"conflicts", list}});
  }
  const bool color = ctx.color();
  if (found.size() == 1 && one_of_two_in_a_day(found.front())) {
    const conflict& c = found.front();
    fmt::print("Set aside ({}), as another {} of its {} stands:\n", made(c.other), e.kind->label,
               e.kind->once == once_per::week ? "week" : "day");
    print_entry(c.other, color);
    fmt::print(
        "\nTo let this one stand instead: rebuild conflicts {} --take-other\n"
        "To forget it: rebuild conflicts {} --dismiss\n",
        e.short_id(), e.short_id());
    return;
  }
  fmt::print("Kept ({}):\n", made(e));
  print_entry(e, color);
  for (const auto& c : found) {
    fmt::print("\nSet aside ({}):\n", made(c.other));
    print_entry(c.other, color);
  }
  fmt::print(
      "\nTo take the one set aside instead: rebuild conflicts {} --take-other\n"
      "To keep this one and forget the other: rebuild conflicts {} --dismiss\n",
      e.short_id(), e.short_id());
}

}  // namespace

void setup_conflicts(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<conflicts_options>();
  CLI::App* sub = add_command(
      app, "conflicts",
      "Versions kept aside when an entry was changed on two devices at once; take one back",
      "  rebuild conflicts\n"
      "  rebuild conflicts 3f2a91c0                (both versions)\n"
      "  rebuild conflicts 3f2a91c0 --take-other   (the one set aside, in place of this one)\n");
  sub->add_option("id", o->id, "an entry with a version kept aside (as 'conflicts' lists them)")
      ->type_name("ID");
  sub->add_flag("--take-other", o->take_other,
                "take the version set aside in place of the one kept (undo takes it back)");
  sub->add_flag("--dismiss", o->dismiss, "keep the version here and forget the one set aside");
  commands.push_back({sub, [&ctx, o] {
                        if (o->id.empty()) {
                          if (o->take_other || o->dismiss)
                            throw usage_error("--take-other and --dismiss need an entry's ID");
                          list_all(ctx);
                        } else {
                          show_one(ctx, *o);
                        }
                      }});
}

}  // namespace rebuild::cli
