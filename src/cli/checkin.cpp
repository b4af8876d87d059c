// rebuild checkin [--mood 1-10] [--stress 1-10] [--appreciation S] [--minutes N]
//                 [--phones-away/--phones-on] [--note S] [--date D] [--time HH:MM]
#include <fmt/format.h>

#include <cctype>
#include <iostream>
#include <optional>
#include <string>

#include "commands.hpp"
#include "rebuild/agenda.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/goals.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"
#include "shared/prompt.hpp"
#include "shared/record.hpp"

namespace rebuild::cli {
namespace {

struct checkin_options {
  int mood = 0;
  int stress = 0;
  int minutes = 0;
  std::string appreciation;
  std::string note;
  bool phones_away = false;
  bool phones_on = false;
  when_options at;
  CLI::Option* mood_flag = nullptr;
  CLI::Option* stress_flag = nullptr;
  CLI::Option* minutes_flag = nullptr;
  CLI::Option* appreciation_flag = nullptr;
  CLI::Option* note_flag = nullptr;
};

/// Asks one question on the terminal; nullopt when the person just pressed Enter.
std::optional<std::string> ask(const std::string& question) {
  auto line = ask_line(question + " ");
  if (!line) throw usage_error("the check-in was cancelled; nothing was saved");
  if (line->find_first_not_of(" \t") == std::string::npos) return std::nullopt;
  return line;
}

int ask_number(const std::string& question, const field_spec& field, bool required) {
  while (true) {
    const auto answer = ask(question);
    if (!answer && !required) return -1;
    if (answer) {
      const auto n = parse_whole(*answer);
      if (n && *n >= field.min && *n <= field.max) return *n;
    }
    fmt::print(stderr, "Please give a whole number from {} to {}{}.\n", field.min, field.max,
               required ? "" : ", or press Enter to skip");
  }
}

std::optional<std::string> ask_text(const std::string& question, const field_spec& field) {
  while (true) {
    const auto answer = ask(question);
    if (!answer) return std::nullopt;
    try {
      validate_text(field.label, *answer);
      return answer;
    } catch (const data_error& e) {
      fmt::print(stderr, "{}.\n", e.what());
    }
  }
}

/// The check-in this partner already wrote for the day, if any.
std::optional<entry> earlier_checkin(context& ctx, const kind_spec& kind, const partner& who,
                                     days_t day) {
  log_filter filter;
  filter.since = day;
  filter.until = day;
  filter.kind = &kind;
  filter.author = who.id;
  filter.limit = 1;
  auto found = list_entries(ctx.journal(), filter);
  if (found.empty()) return std::nullopt;
  return found.front();
}

/// Says that this check-in will replace (or, `updating`, update) the earlier one and asks
/// whether to go on. Only "y" or "yes" goes on; Enter, anything else or the end of input
/// keeps the earlier one.
bool replace_confirmed(context& ctx, const entry& earlier, bool updating) {
  const bool today = earlier.day == ctx.now().today();
  fmt::print(stderr, "You already checked in {} ({}); {}.\n",
             today ? std::string("today") : "for " + human_day(earlier.day), summary(earlier),
             updating ? "what you answer now updates it, and what you skip stays"
                      : "this one will replace it");
  const auto answer = ask_line("Go on? [y/N] ");
  if (!answer) {
    fmt::print(stderr, "\n");
    return false;
  }
  const std::string& line = *answer;
  const auto first = line.find_first_not_of(" \t");
  if (first == std::string::npos) return false;
  std::string word = line.substr(first);
  while (!word.empty() && (word.back() == '\r' || word.back() == ' ' || word.back() == '\t'))
    word.pop_back();
  for (auto& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return word == "y" || word == "yes";
}

void run_checkin(context& ctx, checkin_options& o) {
  const kind_spec& kind = kind_named("checkin");
  const partner who = ctx.writer();
  const when at = o.at.resolve(ctx, "a check-in");
  // A second check-in of the day updates the first: the parts given now, the rest kept
  // (a quick --mood 7 keeps the morning's appreciation); the first, as it was, goes to the
  // undo history. A private one on either side is replaced whole, as its words are sealed.
  const auto earlier = earlier_checkin(ctx, kind, who, at.day);
  const bool updating = earlier && !earlier->is_private && !earlier->sealed && !o.at.private_entry;
  const bool any_given = *o.mood_flag || *o.stress_flag || *o.minutes_flag ||
                         *o.appreciation_flag || *o.note_flag || o.phones_away || o.phones_on;
  // On a terminal, a second check-in that asks its questions again, or replaces the first
  // whole, is confirmed before anything else is asked or read.
  if (ctx.interactive() && earlier && (!updating || !any_given))
    if (!replace_confirmed(ctx, *earlier, updating))
      return print_unchanged(ctx,
                             fmt::format("Nothing was saved; your check-in for {} stays as it was.",
                                         when_text(*earlier)),
                             &*earlier);
  if (updating && !any_given && !ctx.interactive())
    throw usage_error(fmt::format(
        "you already checked in for {}; give what to change, such as --mood 7 or --note -",
        when_text(*earlier)));
  field_values fields;
  if (*o.mood_flag) fields["mood"] = std::int64_t{o.mood};
  if (*o.stress_flag) fields["stress"] = std::int64_t{o.stress};
  if (*o.minutes_flag) fields["minutes"] = std::int64_t{o.minutes};
  if (*o.appreciation_flag) fields["appreciation"] = ctx.text(o.appreciation);
  if (*o.note_flag) fields["note"] = ctx.text(o.note);
  if (o.phones_away || o.phones_on) fields["phones_away"] = std::int64_t{o.phones_away ? 1 : 0};

  const bool missing_required = updating ? !any_given : !*o.mood_flag || !*o.stress_flag;
  // Questions only when a figure the check-in needs is missing; then each part the flags
  // left out is asked, and Enter skips what is optional.
  if (missing_required && ctx.interactive()) {
    fmt::print(stderr, "Check-in for {}, {}. Press Enter to skip what is optional.\n", who.name,
               at.time ? human_day(at.day) + " " + hh_mm(*at.time) : human_day(at.day));
    if (!*o.mood_flag)
      fields["mood"] =
          std::int64_t{ask_number("Mood, 1 (low) to 10 (good):", *kind.field("mood"), true)};
    if (!*o.stress_flag)
      fields["stress"] = std::int64_t{
          ask_number("Stress, 1 (calm) to 10 (very stressed):", *kind.field("stress"), true)};
    if (!*o.appreciation_flag)
      if (auto a = ask_text("One thing you appreciate:", *kind.field("appreciation")))
        fields["appreciation"] = *a;
    if (!*o.minutes_flag)
      if (int m = ask_number("Minutes you spent on it:", *kind.field("minutes"), false); m >= 0)
        fields["minutes"] = std::int64_t{m};
    if (!o.phones_away && !o.phones_on) {
      while (true) {
        const auto answer = ask("Phones away? (y/n):");
        if (!answer) break;
        const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(answer->front())));
        if (c == 'y' || c == 'n') {
          fields["phones_away"] = std::int64_t{c == 'y' ? 1 : 0};
          break;
        }
        fmt::print(stderr, "Please answer y or n, or press Enter to skip.\n");
      }
    }
    if (!*o.note_flag)
      if (auto n = ask_text("A note, if you like:", *kind.field("note"))) fields["note"] = *n;
  } else if (missing_required) {
    throw usage_error(
        "a check-in needs --mood and --stress when it is not run on a terminal, e.g. "
        "rebuild checkin --mood 7 --stress 3");
  }

  if (updating) {
    field_values merged = earlier->fields;
    for (auto& [name, v] : fields) merged[name] = std::move(v);
    fields = std::move(merged);
  }
  const week w = week_of(at.day);
  int days = 0;
  std::vector<agenda_view> agenda;
  const added result = record_entry(ctx, kind, who, at, fields, [&](journal& j) {
    days = checkin_days(j, who, w);
    agenda = agenda_for(j, at.day);
  });
  const bool this_week = w.monday == week_of(ctx.now().today()).monday;
  std::string extra = fmt::format("{}: {} of 7 days with a check-in.",
                                  this_week ? "This week" : "That week (" + w.label + ")", days);
  // The topics kept for this day (000: "You can add agenda items on another day"): named, not
  // opened here; the check-in stays short.
  if (!agenda.empty()) {
    extra += fmt::format("\nKept for today ({} on the agenda):", agenda.size());
    for (const auto& item : agenda) extra += fmt::format("\n  {}  {}", item.short_id(), item.text);
  }
  print_recorded(ctx, result, extra, updating);
}

}  // namespace

void setup_checkin(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<checkin_options>();
  const kind_spec& kind = kind_named("checkin");
  CLI::App* sub = add_command(
      app, "checkin", "Today's check-in: mood, stress, an appreciation, minutes, phones",
      "  rebuild checkin                      (asks for each part on a terminal)\n"
      "  rebuild checkin --mood 7 --stress 3 --appreciation \"You made coffee\" --minutes 15 "
      "--phones-away\n"
      "  rebuild checkin --as Sam --mood 5 --stress 6 --date yesterday --time 21:30\n"
      "  rebuild checkin --mood 6 --stress 4 --note -    (reads the note from stdin)\n");
  o->mood_flag = add_number(sub, "--mood", o->mood, *kind.field("mood"), "mood, 1 (low) to 10");
  o->stress_flag =
      add_number(sub, "--stress", o->stress, *kind.field("stress"), "stress, 1 (calm) to 10");
  o->appreciation_flag =
      sub->add_option("--appreciation", o->appreciation, "one thing you appreciate ('-': stdin)")
          ->type_name("S");
  o->minutes_flag = add_number(sub, "--minutes", o->minutes, *kind.field("minutes"),
                               "minutes spent on the check-in");
  auto* away = sub->add_flag("--phones-away", o->phones_away, "phones were put away");
  auto* on = sub->add_flag("--phones-on", o->phones_on, "phones were not put away");
  away->excludes(on);
  o->note_flag = sub->add_option("--note", o->note, "a note ('-': stdin)")->type_name("S");
  o->at.add_to(sub, "it belongs to");
  commands.push_back({sub, [&ctx, o] { run_checkin(ctx, *o); }});
}

}  // namespace rebuild::cli
