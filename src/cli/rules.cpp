// rebuild rules · rules add --stop-phrase S / --red-line S · rules remove ID
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"
#include "shared/record.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/practices.hpp"

namespace rebuild::cli {
namespace {

constexpr int guide_stop_phrases = 2;

struct rules_add_options {
  std::string stop_phrase;
  std::string red_line;
  CLI::Option* stop_phrase_flag = nullptr;
  CLI::Option* red_line_flag = nullptr;
  when_options at;
};

nlohmann::ordered_json rules_json(const std::vector<entry>& list) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& r : list)
    out.push_back({{"id", r.uuid},
                   {"text", std::get<std::string>(r.get("text"))},
                   {"added_by", r.author.name},
                   {"added_on", iso_day(r.day)}});
  return out;
}

void show_rules(context& ctx) {
  auto& j = ctx.journal();
  const auto phrases = rules_of_type(j, "stop-phrase");
  const auto lines = rules_of_type(j, "red-line");
  if (ctx.globals.json)
    return print_json({{"stop_phrases", rules_json(phrases)}, {"red_lines", rules_json(lines)}});
  const bool color = ctx.color();
  auto print_list = [&](const std::vector<entry>& list, const std::string& empty) {
    if (list.empty()) fmt::print("  {}\n", empty);
    for (const auto& r : list)
      fmt::print("  {}  {}\n", paint(r.short_id(), fmt::fg(fmt::terminal_color::yellow), color),
                 std::get<std::string>(r.get("text")));
  };
  fmt::print("{} ({} of the guide's {})\n", paint("Stop-phrases", fmt::emphasis::bold, color),
             phrases.size(), guide_stop_phrases);
  print_list(phrases, "none yet: rebuild rules add --stop-phrase \"...\"");
  fmt::print("{}\n", paint("Red lines", fmt::emphasis::bold, color));
  print_list(lines, "none yet: rebuild rules add --red-line \"...\"");
}

void add_rule(context& ctx, const rules_add_options& o) {
  const bool phrase = o.stop_phrase_flag->count() > 0;
  if (phrase == (o.red_line_flag->count() > 0))
    throw usage_error("give one rule at a time: --stop-phrase S or --red-line S");
  const partner who = ctx.writer();
  const added result =
      record_entry(ctx, kind_named("rule"), who, o.at.resolve(ctx, "a rule"),
                   {{"type", std::string(phrase ? "stop-phrase" : "red-line")},
                    {"text", ctx.text(phrase ? o.stop_phrase : o.red_line)}});
  std::string extra;
  if (phrase) {
    const auto count = rules_of_type(ctx.journal(), "stop-phrase").size();
    extra = fmt::format("{} stop-phrase{} agreed; the guide suggests {}.", count,
                        count == 1 ? "" : "s", guide_stop_phrases);
  }
  print_recorded(ctx, result, extra);
}

}  // namespace

void setup_rules(CLI::App& app, context& ctx, command_list& commands) {
  CLI::App* sub = add_command(app, "rules", "The pair's agreements: stop-phrases and red lines",
                              "  rebuild rules\n"
                              "  rebuild rules add --stop-phrase \"I need a pause\"\n"
                              "  rebuild rules add --red-line \"No threats of leaving\"\n"
                              "  rebuild rules remove 3f2a91c0\n");
  commands.push_back({sub, [&ctx] { show_rules(ctx); }});

  auto o = std::make_shared<rules_add_options>();
  CLI::App* add = add_command(*sub, "add", "Agree a stop-phrase or a red line", "");
  o->stop_phrase_flag = add->add_option("--stop-phrase", o->stop_phrase, "a phrase that calls a time-out ('-': stdin)")
      ->type_name("S");
  o->red_line_flag = add->add_option("--red-line", o->red_line, "something neither of you will do ('-': stdin)")
      ->type_name("S");
  o->at.add_to(add, "it was agreed");
  commands.push_back({add, [&ctx, o] { add_rule(ctx, *o); }});

  auto id = std::make_shared<std::string>();
  CLI::App* remove = add_command(*sub, "remove", "Remove an agreement (undo brings it back)", "");
  remove->add_option("id", *id, "the rule's id, as 'rebuild rules' shows it")
      ->required()
      ->type_name("ID");
  commands.push_back({remove, [&ctx, id] { remove_entry(ctx, find_of_kind(ctx, *id, "rule")); }});
}

}  // namespace rebuild::cli
