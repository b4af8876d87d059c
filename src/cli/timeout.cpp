// rebuild timeout [PHRASE] [--return-by WHEN] · timeout return [--note S] · timeout list
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/practices.hpp"
#include "rebuild/sync_folder.hpp"
#include "rebuild/text.hpp"
#include "shared/options.hpp"
#include "shared/pager.hpp"
#include "shared/present.hpp"
#include "shared/record.hpp"

namespace rebuild::cli {
namespace {

constexpr long shortest_pause = 20;      // minutes, the guide's least
constexpr long longest_pause = 24 * 60;  // come back within 24 hours

struct timeout_options {
  std::string phrase, return_by;
  CLI::Option* phrase_arg = nullptr;
  CLI::Option* return_by_flag = nullptr;
  when_options at;
};

struct return_options {
  std::string note;
  CLI::Option* note_flag = nullptr;
  when_options at;
};

std::string duration_text(long minutes) {
  if (minutes < 60) return fmt::format("{} min", minutes);
  if (minutes < 48 * 60) return fmt::format("{} h {:02} min", minutes / 60, minutes % 60);
  return fmt::format("{} days {} h", minutes / (24 * 60), (minutes / 60) % 24);
}

std::string phrase_of(const entry& t) {
  const auto* s = std::get_if<std::string>(&t.get("phrase"));
  return s ? fmt::format("\"{}\"", *s) : std::string("(no phrase)");
}

/// "Tue 5 Mar 19:00" for a stored "2026-03-05 19:00".
std::string moment_text(const std::string& moment) {
  return fmt::format("{} {}", human_day(day_from_iso(moment.substr(0, 10))), moment.substr(11));
}

/// The return arranged, and a gentle word when it lies more than a day after the call.
std::string arranged_text(const std::string& moment, days_t day, minutes_t time) {
  const auto called = date::local_seconds{day} + time;
  const auto back = date::local_seconds{day_from_iso(moment.substr(0, 10))} +
                    parse_time_of_day(moment.substr(11));
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(back - called).count();
  std::string out = fmt::format("The return is arranged for {}.", moment_text(moment));
  if (minutes > longest_pause) out += " That is more than a day away; the guide suggests 24 hours.";
  return out;
}

/// `timeout --return-by WHEN` while a time-out is open, with no phrase: the return of the open
/// one is arranged (000: "If you do not return, you arrange the return within 24 hours").
void arrange_return(context& ctx, const timeout_options& o, const entry& open) {
  const minutes_t call_time = open.time.value_or(std::chrono::hours{12});
  const std::string by = parse_moment(o.return_by, open.day, call_time, ctx.now().today());
  auto& j = ctx.journal();
  write_transaction txn(j);
  const entry updated =
      edit_entry(j, open, ctx.writer(), std::nullopt, {{"return_by", by}}, ctx.now());
  txn.commit();
  if (ctx.globals.json) return print_json(entry_json(updated));
  fmt::print("Updated time-out {} of {}. {}\n'rebuild undo' puts it back as it was.\n",
             paint(updated.short_id(), fmt::fg(fmt::terminal_color::yellow), ctx.color()),
             when_text(updated), arranged_text(by, open.day, call_time));
}

void call_timeout(context& ctx, const timeout_options& o) {
  const partner who = ctx.writer();
  auto& j = ctx.journal();
  if (const auto open = open_timeout(j)) {
    if (*o.return_by_flag && !*o.phrase_arg && !o.at.given()) return arrange_return(ctx, o, *open);
    throw data_error(fmt::format(
        "a time-out is already open since {} (called by {}); come back to it with 'rebuild "
        "timeout return' first",
        when_text(*open), open->author.name));
  }
  const when at = o.at.resolve(ctx, "a time-out");
  field_values fields;
  std::string phrase;
  if (*o.phrase_arg) {
    phrase = ctx.text(o.phrase);
    fields["phrase"] = phrase;
  }
  const minutes_t call_time = at.time.value_or(ctx.now().time_of_day());
  std::string by;
  if (*o.return_by_flag) {
    by = parse_moment(o.return_by, at.day, call_time, ctx.now().today());
    fields["return_by"] = by;
  }
  const added result = record_entry(ctx, kind_named("timeout"), who, at, fields);
  std::string extra =
      by.empty() ? "Take at least 20 minutes apart; come back within 24 hours with 'rebuild "
                   "timeout return'."
                 : "Take at least 20 minutes apart. " + arranged_text(by, at.day, call_time);
  if (!phrase.empty()) {
    std::vector<std::string> agreed;
    bool known = false;
    for (const auto& r : rules_of_type(j, "stop-phrase")) {
      agreed.push_back(std::get<std::string>(r.get("text")));
      known = known || ascii_lower(agreed.back()) == ascii_lower(phrase);
    }
    if (!known)
      extra += agreed.empty()
                   ? "\nNo stop-phrases are agreed yet; 'rebuild rules add --stop-phrase' adds one."
                   : fmt::format(
                         "\nThat is not one of your agreed stop-phrases (\"{}\"); it is "
                         "saved all the same.",
                         fmt::join(agreed, "\", \""));
  }
  // The pair's de-escalation script, step by step, as they agreed it (001: "the couple's
  // agreed de-escalation script, using breath, touch, or quiet listening").
  const auto script = rules_of_type(j, "script");
  if (!script.empty()) {
    extra += "\nYour de-escalation script:";
    int n = 0;
    for (const auto& step : script) extra += fmt::format("\n  {}. {}", ++n, step.text("text"));
  }
  extra += after_talks_note(j, at);
  print_recorded(ctx, result, extra);
}

void return_from_timeout(context& ctx, const return_options& o) {
  const partner who = ctx.writer();
  auto& j = ctx.journal();
  const auto open = open_timeout(j);
  if (!open)
    throw data_error(
        fmt::format("no time-out is open; 'rebuild timeout list' shows the past ones{}",
                    syncs(j) ? sync_first_hint : ""));
  const when at = o.at.resolve(ctx, "a return");
  const std::string at_utc = iso_utc(
      ctx.now().to_utc(date::local_seconds{at.day} + at.time.value_or(std::chrono::hours{12})));
  const long paused = pause_minutes(*open, at_utc);
  if (paused < 0)
    throw data_error(fmt::format("the time-out was called {}; a return cannot come before it",
                                 when_text(*open)));
  field_values fields{{"timeout", open->uuid}};
  if (*o.note_flag) fields["note"] = ctx.text(o.note);
  const added result = record_entry(ctx, kind_named("timeout-return"), who, at, fields);
  std::string extra = fmt::format("Back together after {}.", duration_text(paused));
  if (paused < shortest_pause)
    extra += " That was under 20 minutes; the guide suggests a pause of at least 20.";
  else if (paused > longest_pause)
    extra += " That was more than a day; the guide suggests coming back within 24 hours.";
  print_recorded(ctx, result, extra);
}

void list_timeouts(context& ctx, bool page) {
  auto& j = ctx.journal();
  const read_transaction snapshot(j);  // one consistent view, locks taken once
  const std::string now = iso_utc(ctx.now().now_utc());
  if (ctx.globals.json) {
    // Each time-out is printed as it is read: ten years of them are never held at once.
    json_list list("timeouts");
    each_timeout(j, false, [&](const timeout_view& t) {
      const long minutes = pause_minutes(t.called, t.returned ? t.returned->at_utc : now);
      nlohmann::ordered_json item = {
          {"id", t.called.uuid},
          {"called_by", t.called.author.name},
          {"called_at", t.called.at_utc},
          {"date", iso_day(t.called.day)},
          {"phrase", t.called.get("phrase").index() == 2
                         ? nlohmann::ordered_json(std::get<std::string>(t.called.get("phrase")))
                         : nlohmann::ordered_json()},
          {"open", !t.returned},
          {"returned_at",
           t.returned ? nlohmann::ordered_json(t.returned->at_utc) : nlohmann::ordered_json()},
          {"returned_by",
           t.returned ? nlohmann::ordered_json(t.returned->author.name) : nlohmann::ordered_json()},
          {"pause_minutes", minutes},
          {"under_20_minutes", t.returned.has_value() && minutes < shortest_pause},
          {"over_24_hours", minutes > longest_pause}};
      const auto by = arranged_return(t.called);
      item["return_by"] = by ? nlohmann::ordered_json(*by) : nlohmann::ordered_json();
      item["return_kept"] =
          by && t.returned
              ? nlohmann::ordered_json(keeps_arrangement(*by, t.returned->day, t.returned->time))
              : nlohmann::ordered_json();
      list.add(item);
    });
    list.end();
    return;
  }
  if (!any_of_kind(j, "timeout")) {
    fmt::print("No time-outs yet.\n");
    return;
  }
  const bool color = ctx.color();  // before the pager: it looks at the terminal
  const pager paging(page);
  each_timeout(j, true, [&](const timeout_view& t) {  // newest first
    const long minutes = pause_minutes(t.called, t.returned ? t.returned->at_utc : now);
    std::string pause;
    if (!t.returned)
      pause = fmt::format("still open, {} so far", duration_text(minutes));
    else
      pause = fmt::format("paused {}", duration_text(minutes));
    if (t.returned && minutes < shortest_pause) pause += " (under 20 min)";
    if (minutes > longest_pause) pause += " (over 24 h)";
    if (const auto by = arranged_return(t.called)) {
      pause += fmt::format(", return arranged for {}", moment_text(*by));
      if (t.returned)
        pause += keeps_arrangement(*by, t.returned->day, t.returned->time) ? " and kept"
                                                                           : ", back later";
      else if (!keeps_arrangement(*by, ctx.now().today(), ctx.now().time_of_day()))
        pause += ", that time has passed";
    }
    fmt::print("{}  {}  {}  {}  {}\n",
               paint(t.called.short_id(), fmt::fg(fmt::terminal_color::yellow), color),
               when_text(t.called), t.called.author.name, phrase_of(t.called), pause);
  });
}

}  // namespace

void setup_timeout(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<timeout_options>();
  CLI::App* sub =
      add_command(app, "timeout", "Call a time-out with a stop-phrase; 'return' when you come back",
                  "  rebuild timeout \"I need a pause\"\n"
                  "  rebuild timeout \"Time-out\" --return-by \"tomorrow 19:00\"\n"
                  "  rebuild timeout return --note \"Talked it through on the walk\"\n"
                  "  rebuild timeout list\n");
  o->phrase_arg = sub->add_option("phrase", o->phrase, "the stop-phrase used ('-': stdin)")
                      ->type_name("PHRASE");
  o->return_by_flag =
      sub->add_option("--return-by", o->return_by,
                      "when you will come back: HH:MM, or a day and HH:MM ('tomorrow 19:00'); "
                      "with a time-out open and no phrase, arranges its return")
          ->type_name("WHEN");
  o->at.add_to(sub, "it was called");
  commands.push_back({sub, [&ctx, o] { call_timeout(ctx, *o); }});

  auto r = std::make_shared<return_options>();
  CLI::App* ret = add_command(*sub, "return", "Come back to the talk: close the open time-out", "");
  r->note_flag = ret->add_option("--note", r->note, "how it went ('-': stdin)")->type_name("S");
  r->at.add_to(ret, "you came back");
  commands.push_back({ret, [&ctx, r] { return_from_timeout(ctx, *r); }});

  auto page = std::make_shared<bool>(true);
  CLI::App* list =
      add_command(*sub, "list", "Every time-out: who, when, how long the pause was", "");
  add_no_pager(list, *page);
  commands.push_back({list, [&ctx, page] { list_timeouts(ctx, *page); }});
}

}  // namespace rebuild::cli
