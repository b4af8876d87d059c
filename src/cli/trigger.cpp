// rebuild trigger · trigger add S --response S · trigger hit ID/S [--used/--not-used] [--note S]
// Triggers mapped to the pair's agreed response (001: "map triggers to moments of rupture,
// then design collaborative responses"), and each time one fires. Listed, not scored: a
// trigger met with its response is a micro-win, one met without it is simply noted.
#include <date/date.h>
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "rebuild/attachment.hpp"
#include "rebuild/errors.hpp"
#include "shared/editor.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"
#include "shared/record.hpp"
#include "shared/terminal.hpp"
#include "shared/wrap.hpp"

namespace rebuild::cli {
namespace {

struct add_options {
  std::string text, response;
  CLI::App* app = nullptr;
  CLI::Option *text_arg = nullptr, *response_flag = nullptr;
  when_options at;
};

struct hit_options {
  std::string trigger, note;
  bool used = false, not_used = false;
  CLI::Option* note_flag = nullptr;
  when_options at;
};

constexpr const char* month_names[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};

/// The first and last day of the month holding `day`, and its name.
struct month_span {
  days_t from, to;
  std::string name;
};
month_span month_of(days_t day) {
  const date::year_month_day ymd{day};
  const date::year_month ym{ymd.year(), ymd.month()};
  return {days_t{ym / 1}, days_t{ym / date::last},
          month_names[static_cast<unsigned>(ymd.month()) - 1]};
}

std::string times(int n) { return n == 1 ? "once" : n == 2 ? "twice" : fmt::format("{} times", n); }

void list_triggers(context& ctx) {
  auto& j = ctx.journal();
  const read_transaction snapshot(j);
  const days_t today = ctx.now().today();
  const auto month = month_of(today);
  const auto all = triggers(j, today);
  if (ctx.globals.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& t : all)
      list.push_back(
          {{"id", t.trigger.uuid},
           {"author", t.trigger.author.name},
           {"text", t.trigger.text("text")},
           {"response", t.trigger.text("response")},
           {"fired_this_month", t.fired(month.from, month.to)},
           {"response_used_this_month", t.response_used(month.from, month.to)},
           {"fired", static_cast<int>(t.hits.size())},
           {"last_fired", t.hits.empty() ? nlohmann::ordered_json()
                                         : nlohmann::ordered_json(iso_day(t.hits.back().day))}});
    return print_json({{"month", iso_day(month.from).substr(0, 7)}, {"triggers", list}});
  }
  if (all.empty()) {
    fmt::print(
        "No triggers mapped yet. Name one and the response you agree on together:\n"
        "  rebuild trigger add \"Plans changed at the last minute\" --response \"Say "
        "'pause', then talk it over after dinner\"\n");
    return;
  }
  const std::size_t width = output_width();
  const std::size_t text_w = width > 12 ? width - 12 : width;
  const bool color = ctx.color();
  for (const auto& t : all) {
    const std::string id = paint(t.trigger.short_id(), fmt::fg(fmt::terminal_color::yellow), color);
    const auto lines =
        wrap_text(t.trigger.text("text") + " (" + t.trigger.author.name + ")", text_w);
    fmt::print("  {}  {}\n", id, lines.front());
    for (std::size_t i = 1; i < lines.size(); ++i) fmt::print("{:12}{}\n", "", lines[i]);
    for (const auto& line : wrap_text("Response: " + t.trigger.text("response"), text_w))
      fmt::print("{:12}{}\n", "", line);
    const int fired = t.fired(month.from, month.to);
    const int used = t.response_used(month.from, month.to);
    const std::string standing =
        fired == 0 ? fmt::format("not fired in {}", month.name)
        : used == 0
            ? fmt::format("fired {} in {}; the response not used yet", times(fired), month.name)
            : fmt::format("fired {} in {}, met with the response {}", times(fired), month.name,
                          times(used));
    for (const auto& line : wrap_text(standing, text_w)) fmt::print("{:12}{}\n", "", line);
  }
}

void add_trigger(context& ctx, const add_options& o) {
  const bool ask = editor_can_ask(ctx, o.app, {o.text_arg, o.response_flag});
  const partner who = ctx.writer();
  const when at = o.at.resolve(ctx, "a trigger");
  std::vector<std::string> parts = {*o.text_arg ? ctx.text(o.text) : std::string(),
                                    *o.response_flag ? ctx.text(o.response) : std::string()};
  if (ask)
    parts = edit_parts("trigger",
                       "A trigger and the response you agree on together: write each under its "
                       "heading.",
                       {{"Trigger",
                         "the moment that sets it off (\"Plans changed at the last "
                         "minute\")",
                         parts[0]},
                        {"Response",
                         "what you agree to do when it fires (\"Say 'pause', then "
                         "talk it over after dinner\")",
                         parts[1]}});
  const added result = record_entry(ctx, kind_named("trigger"), who, at,
                                    {{"text", parts[0]}, {"response", parts[1]}});
  print_recorded(ctx, result,
                 fmt::format("When it fires: rebuild trigger hit {} --used (or --not-used)",
                             result.item.short_id()));
}

void trigger_hit(context& ctx, const hit_options& o) {
  const partner who = ctx.writer();
  auto& j = ctx.journal();
  const entry t = find_named(j, "trigger", o.trigger);
  const when at = o.at.resolve(ctx, "a trigger firing");
  if (at.day < t.day)
    throw data_error(fmt::format("the trigger was mapped on {}; a firing cannot come before it",
                                 iso_day(t.day)));
  field_values fields{{"trigger", t.uuid}};
  if (o.used || o.not_used) fields["used"] = std::int64_t{o.used ? 1 : 0};
  if (*o.note_flag) fields["note"] = ctx.text(o.note);
  const added result = record_entry(ctx, kind_named("trigger-hit"), who, at, fields);
  std::string extra;
  if (o.used)
    extra = "Met with the response you agreed on: that counts as a micro-win.";
  else
    extra = fmt::format("The response you agreed on, for next time: {}", t.text("response"));
  print_recorded(ctx, result, extra);
}

}  // namespace

void setup_trigger(CLI::App& app, context& ctx, command_list& commands) {
  CLI::App* sub =
      add_command(app, "trigger", "Triggers and the response you agreed on: add, hit",
                  "  rebuild trigger\n"
                  "  rebuild trigger add \"Plans changed at the last minute\" \\\n"
                  "      --response \"Say 'pause', then talk it over after dinner\"\n"
                  "  rebuild trigger hit \"plans changed at the last minute\" --used\n"
                  "  rebuild trigger hit 3f2a91c0 --not-used --note \"I went quiet instead\"\n");
  commands.push_back({sub, [&ctx] { list_triggers(ctx); }});

  auto a = std::make_shared<add_options>();
  CLI::App* add = add_command(*sub, "add", "A trigger, with the response you agree on", "");
  a->app = add;
  a->text_arg = add->add_option("text", a->text,
                                "the moment that sets it off ('-': stdin; left out: in your "
                                "editor)")
                    ->type_name("S");
  a->response_flag =
      add->add_option("--response", a->response, "what you agree to do when it fires ('-': stdin)")
          ->type_name("S");
  a->at.add_to(add, "you mapped it");
  commands.push_back({add, [&ctx, a] { add_trigger(ctx, *a); }});

  auto h = std::make_shared<hit_options>();
  CLI::App* hit =
      add_command(*sub, "hit", "A trigger fired, and whether the response was used", "");
  hit->add_option("trigger", h->trigger, "the trigger's id, or its words")
      ->required()
      ->type_name("ID/S");
  auto* yes = hit->add_flag("--used", h->used, "you met it with the agreed response");
  auto* no = hit->add_flag("--not-used", h->not_used, "the response was not used this time");
  yes->excludes(no);
  h->note_flag = hit->add_option("--note", h->note, "a note ('-': stdin)")->type_name("S");
  h->at.add_to(hit, "it fired");
  commands.push_back({hit, [&ctx, h] { trigger_hit(ctx, *h); }});
}

}  // namespace rebuild::cli
