// rebuild ritual · ritual add NAME --every DAY/daily/weekly/monthly [--on "first sat"]
// ritual done NAME
// ritual pause NAME · ritual resume NAME
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/practices.hpp"
#include "rebuild/text.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"
#include "shared/record.hpp"
#include "shared/wrap.hpp"

namespace rebuild::cli {
namespace {

struct add_options {
  std::string name, every, on;
  CLI::Option* on_flag = nullptr;
  when_options at;
};

struct done_options {
  std::string name, note;
  CLI::Option* note_flag = nullptr;
  when_options at;
};

std::string name_of(const entry& r) { return std::get<std::string>(r.get("name")); }
bool paused(const entry& r) { return std::get<std::int64_t>(r.get("paused")) != 0; }

/// daily, weekly, monthly, or a weekday (any spelling from "thu" to "Thursday").
std::string cadence_of(const std::string& text) {
  const std::string word = ascii_lower(text);
  if (word == "daily" || word == "weekly" || word == "monthly") return word;
  if (const auto day = weekday_named(word)) return weekday_word(*day);
  throw data_error(
      fmt::format("--every takes daily, weekly, monthly or a day such as thu, not '{}'", text));
}

void list_rituals(context& ctx) {
  const days_t today = ctx.now().today();
  const auto all = rituals(ctx.journal());
  if (ctx.globals.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& r : all) {
      const auto due = next_due(r, today);
      list.push_back(
          {{"id", r.ritual.uuid},
           {"name", name_of(r.ritual)},
           {"every", std::get<std::string>(r.ritual.get("every"))},
           {"on", r.ritual.text("on_day").empty()
                      ? nlohmann::ordered_json()
                      : nlohmann::ordered_json(r.ritual.text("on_day"))},
           {"paused", paused(r.ritual)},
           {"last_kept",
            r.last_kept ? nlohmann::ordered_json(iso_day(*r.last_kept)) : nlohmann::ordered_json()},
           {"next_due", due ? nlohmann::ordered_json(iso_day(*due)) : nlohmann::ordered_json()}});
    }
    return print_json({{"rituals", list}});
  }
  if (all.empty()) {
    fmt::print("No rituals yet: rebuild ritual add \"Thursday walk\" --every thu\n");
    return;
  }
  // A table that fits the width: the name's column takes what the others leave, and a
  // name longer than that wraps in it; too narrow for a table, each ritual's figures go
  // under its name.
  const bool color = ctx.color();
  const std::size_t width = output_width();
  struct row {
    std::string id, name, every, kept, next;
  };
  std::vector<row> rows;
  std::size_t name_w = 4, every_w = 0, kept_w = 0, next_w = 0;
  for (const auto& r : all) {
    const auto due = next_due(r, today);
    rows.push_back({r.ritual.short_id(), name_of(r.ritual), cadence_text(r.ritual),
                    r.last_kept ? "kept " + human_day(*r.last_kept) : std::string("not kept yet"),
                    due ? (*due == today ? std::string("due today") : "next " + human_day(*due))
                        : std::string("paused")});
    name_w = std::max(name_w, display_width(rows.back().name));
    every_w = std::max(every_w, display_width(rows.back().every));
    kept_w = std::max(kept_w, display_width(rows.back().kept));
    next_w = std::max(next_w, display_width(rows.back().next));
  }
  const std::size_t others = 8 + 2 + 2 + every_w + 2 + kept_w + 2 + next_w;
  const bool table = width >= others + 12;
  if (table) name_w = std::min(name_w, width - others);
  for (const auto& r : rows) {
    const std::string id = paint(r.id, fmt::fg(fmt::terminal_color::yellow), color);
    if (table) {
      const auto names = wrap_text(r.name, name_w);
      std::string line =
          fmt::format("{}  {}  {}  {}  {}", id, pad_right(names.front(), name_w),
                      pad_right(r.every, every_w), pad_right(r.kept, kept_w), r.next);
      for (std::size_t i = 1; i < names.size(); ++i) line += "\n" + std::string(10, ' ') + names[i];
      fmt::print("{}\n", line);
      continue;
    }
    const auto names = wrap_text(r.name, width - 10);
    fmt::print("{}  {}\n", id, names.front());
    for (std::size_t i = 1; i < names.size(); ++i) fmt::print("{:10}{}\n", "", names[i]);
    for (const auto& line : pack_parts({r.every, r.kept, r.next}, " · ", width - 10, width - 10))
      fmt::print("{:10}{}\n", "", line);
  }
}

void add_ritual(context& ctx, const add_options& o) {
  const partner who = ctx.writer();
  const std::string every = cadence_of(o.every);
  if (*o.on_flag && every != "monthly")
    throw usage_error("--on is for a monthly ritual: --every monthly --on \"first sat\"");
  const when at = o.at.resolve(ctx, "a ritual");
  field_values fields{{"name", ctx.text(o.name)}, {"every", every}, {"paused", std::int64_t{0}}};
  if (*o.on_flag) fields["on_day"] = parse_monthly_on(o.on);
  print_recorded(ctx, record_entry(ctx, kind_named("ritual"), who, at, fields));
}

void keep_ritual(context& ctx, const done_options& o) {
  const partner who = ctx.writer();
  const entry r = find_named(ctx.journal(), "ritual", o.name);
  const when at = o.at.resolve(ctx, "a ritual kept");
  field_values fields{{"ritual", r.uuid}};
  if (*o.note_flag) fields["note"] = ctx.text(o.note);
  print_recorded(ctx, record_entry(ctx, kind_named("ritual-kept"), who, at, fields),
                 paused(r) ? fmt::format("{} is paused; keeping it anyway is welcome.", name_of(r))
                           : std::string());
}

void set_paused(context& ctx, const std::string& name, bool pause) {
  const partner who = ctx.writer();
  auto& j = ctx.journal();
  const entry r = find_named(j, "ritual", name);
  if (paused(r) == pause) {
    print_unchanged(
        ctx,
        fmt::format("{} is already {}; nothing changed.", name_of(r), pause ? "paused" : "running"),
        &r);
    return;
  }
  // The ritual says how it is now; a dated entry says since when, so that a week's report
  // counts what was planned at that time. One command: undo takes both back.
  write_transaction txn(j);
  const entry updated =
      edit_entry(j, r, who, std::nullopt, {{"paused", std::int64_t{pause ? 1 : 0}}}, ctx.now());
  add_entry(j, kind_named("ritual-pause"), who, {ctx.now().today(), ctx.now().time_of_day()},
            {{"ritual", r.uuid}, {"paused", std::int64_t{pause ? 1 : 0}}}, ctx.now());
  txn.commit();
  if (ctx.globals.json) return print_json(entry_json(updated));
  fmt::print(pause ? "Paused {}, with intention. 'rebuild ritual resume' picks it up again.\n"
                   : "{} is back on.\n",
             name_of(r));
}

}  // namespace

void setup_ritual(CLI::App& app, context& ctx, command_list& commands) {
  CLI::App* sub = add_command(app, "ritual", "Rituals of connection: add, keep, pause, resume",
                              "  rebuild ritual\n"
                              "  rebuild ritual add \"Thursday walk\" --every thu\n"
                              "  rebuild ritual add \"Supper with the neighbours\" --every monthly "
                              "--on \"first sat\"\n"
                              "  rebuild ritual done \"Thursday walk\"\n"
                              "  rebuild ritual pause \"Sunday coffee\"\n");
  commands.push_back({sub, [&ctx] { list_rituals(ctx); }});

  auto a = std::make_shared<add_options>();
  CLI::App* add =
      add_command(*sub, "add", "A ritual and how often: daily, weekly, monthly or a day", "");
  add->add_option("name", a->name, "its name ('-': stdin)")->required()->type_name("NAME");
  add->add_option("--every", a->every, "daily, weekly, monthly, or mon..sun")
      ->required()
      ->type_name("DAY");
  a->on_flag = add->add_option("--on", a->on,
                               "a monthly ritual's day: first, second, third, fourth or last, and "
                               "a weekday (\"first sat\"); left out: any day of the month")
                   ->type_name("WHICH");
  a->at.add_to(add, "it was agreed");
  commands.push_back({add, [&ctx, a] { add_ritual(ctx, *a); }});

  auto d = std::make_shared<done_options>();
  CLI::App* done = add_command(*sub, "done", "You kept a ritual", "");
  done->add_option("name", d->name, "the ritual's name or id")->required()->type_name("NAME");
  d->note_flag = done->add_option("--note", d->note, "a note ('-': stdin)")->type_name("S");
  d->at.add_to(done, "it was kept");
  commands.push_back({done, [&ctx, d] { keep_ritual(ctx, *d); }});

  for (const bool pause : {true, false}) {
    auto name = std::make_shared<std::string>();
    CLI::App* c =
        add_command(*sub, pause ? "pause" : "resume",
                    pause ? "Pause a ritual, with intention" : "Pick a paused ritual up again", "");
    c->add_option("name", *name, "the ritual's name or id")->required()->type_name("NAME");
    commands.push_back({c, [&ctx, name, pause] { set_paused(ctx, *name, pause); }});
  }
}

}  // namespace rebuild::cli
