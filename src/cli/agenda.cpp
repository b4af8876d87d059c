// rebuild agenda · agenda add S [--for DAY] · agenda done ID [--note S]
// Topics kept for another day than the check-in (000: the check-in is "no analytical, just
// updates on mood, stress, and one appreciation. You can add agenda items on another day").
// The check-in shows the items kept for its day.
#include "rebuild/agenda.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "rebuild/errors.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"
#include "shared/record.hpp"
#include "shared/wrap.hpp"

namespace rebuild::cli {
namespace {

struct add_options {
  std::string text, for_day;
  CLI::Option* for_flag = nullptr;
  when_options at;
};

struct done_options {
  std::string id, note;
  CLI::Option* note_flag = nullptr;
  when_options at;
};

std::string kept_for(const agenda_view& v, days_t today) {
  if (!v.for_day) return "some day";
  if (*v.for_day == today) return "today";
  if (*v.for_day == today + date::days{1}) return "tomorrow";
  return human_day(*v.for_day);
}

void list_agenda(context& ctx) {
  auto& j = ctx.journal();
  const days_t today = ctx.now().today();
  const read_transaction snapshot(j);
  const auto all = agenda_by(j, every_day_ever);
  if (ctx.globals.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& v : all)
      list.push_back(
          {{"id", v.uuid},
           {"text", v.text},
           {"added", iso_day(v.day)},
           {"for",
            v.for_day ? nlohmann::ordered_json(iso_day(*v.for_day)) : nlohmann::ordered_json()},
           {"done", v.done ? nlohmann::ordered_json(iso_day(*v.done)) : nlohmann::ordered_json()}});
    return print_json({{"agenda", list}});
  }
  std::size_t open = 0;
  for (const auto& v : all) open += v.done ? 0 : 1;
  if (open == 0) {
    fmt::print(
        "Nothing on the agenda. Keep a topic for another day than the check-in:\n"
        "  rebuild agenda add \"Summer holidays: where and with whom\" --for sat\n");
    return;
  }
  const std::size_t width = output_width();
  const std::size_t text_w = width > 12 ? width - 12 : width;
  // Kept for a day first, soonest first; then those for some day, in the order added.
  std::vector<const agenda_view*> shown;
  for (const auto& v : all)
    if (!v.done) shown.push_back(&v);
  std::stable_sort(shown.begin(), shown.end(), [](const agenda_view* a, const agenda_view* b) {
    if (a->for_day.has_value() != b->for_day.has_value()) return a->for_day.has_value();
    return a->for_day && *a->for_day < *b->for_day;
  });
  for (const agenda_view* v : shown) {
    const std::string id = paint(v->short_id(), fmt::fg(fmt::terminal_color::yellow), ctx.color());
    const auto lines = wrap_text(v->text, text_w);
    fmt::print("  {}  {}\n", id, lines.front());
    for (std::size_t i = 1; i < lines.size(); ++i) fmt::print("{:12}{}\n", "", lines[i]);
    fmt::print("{:12}for {}\n", "", kept_for(*v, today));
  }
}

void add_item(context& ctx, const add_options& o) {
  const partner who = ctx.writer();
  const when at = o.at.resolve(ctx, "an agenda item");
  field_values fields{{"text", ctx.text(o.text)}};
  std::string extra;
  if (*o.for_flag) {
    const days_t day = parse_coming_day(o.for_day, ctx.now().today());
    if (day < at.day)
      throw data_error(fmt::format("--for: {} is before the day the item is added ({})",
                                   iso_day(day), iso_day(at.day)));
    fields["for_day"] = iso_day(day);
    extra = fmt::format("Kept for {}; that day's check-in shows it.", human_day(day));
  } else {
    extra = "Kept for some day; 'rebuild agenda' lists it.";
  }
  print_recorded(ctx, record_entry(ctx, kind_named("agenda"), who, at, fields), extra);
}

void mark_done(context& ctx, const done_options& o) {
  const partner who = ctx.writer();
  auto& j = ctx.journal();
  const entry item = find_of_kind(ctx, o.id, "agenda");
  const when at = o.at.resolve(ctx, "an agenda item talked through");
  for (const auto& v : agenda_by(j, every_day_ever))
    if (v.uuid == item.uuid && v.done)
      return print_unchanged(
          ctx,
          fmt::format("That item was talked through on {}; nothing changed.", human_day(*v.done)),
          &item);
  if (at.day < item.day)
    throw data_error(fmt::format(
        "an item cannot be talked through before the day it was added ({})", iso_day(item.day)));
  field_values fields{{"agenda", item.uuid}};
  if (*o.note_flag) fields["note"] = ctx.text(o.note);
  print_recorded(ctx, record_entry(ctx, kind_named("agenda-done"), who, at, fields));
}

}  // namespace

void setup_agenda(CLI::App& app, context& ctx, command_list& commands) {
  CLI::App* sub =
      add_command(app, "agenda", "Topics kept for another day than the check-in: add, done",
                  "  rebuild agenda\n"
                  "  rebuild agenda add \"Summer holidays: where and with whom\" --for sat\n"
                  "  rebuild agenda done 3f2a91c0 --note \"The coast, in July\"\n");
  commands.push_back({sub, [&ctx] { list_agenda(ctx); }});

  auto a = std::make_shared<add_options>();
  CLI::App* add = add_command(*sub, "add", "Keep a topic for another day", "");
  add->add_option("text", a->text, "the topic ('-': stdin)")->required()->type_name("S");
  a->for_flag = add->add_option("--for", a->for_day,
                                "the day to talk it over: YYYY-MM-DD, tomorrow or a weekday "
                                "(the next one); left out: some day")
                    ->type_name("DAY");
  a->at.add_to(add, "it was added");
  commands.push_back({add, [&ctx, a] { add_item(ctx, *a); }});

  auto d = std::make_shared<done_options>();
  CLI::App* done = add_command(*sub, "done", "A topic talked through", "");
  done->add_option("id", d->id, "the item's id, as 'rebuild agenda' shows it")
      ->required()
      ->type_name("ID");
  d->note_flag =
      done->add_option("--note", d->note, "what you settled ('-': stdin)")->type_name("S");
  d->at.add_to(done, "you talked it through");
  commands.push_back({done, [&ctx, d] { mark_done(ctx, *d); }});
}

}  // namespace rebuild::cli
