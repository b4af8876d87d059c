// rebuild rules · rules add --stop-phrase S / --red-line S / --touch S / --script S ·
// rules remove ID · rules crossed ID [--note S]
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/practices.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"
#include "shared/record.hpp"

namespace rebuild::cli {
namespace {

constexpr int guide_stop_phrases = 2;

struct rules_add_options {
  std::string stop_phrase, red_line, touch, script;
  CLI::Option* stop_phrase_flag = nullptr;
  CLI::Option* red_line_flag = nullptr;
  CLI::Option* touch_flag = nullptr;
  CLI::Option* script_flag = nullptr;
  when_options at;
};

std::string touch_lead(journal& j) { return setting(j, "touch.lead"); }

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
  const read_transaction snapshot(j);  // one consistent view
  const auto phrases = rules_of_type(j, "stop-phrase");
  const auto lines = rules_of_type(j, "red-line");
  const auto touch = rules_of_type(j, "touch");
  const auto script = rules_of_type(j, "script");
  if (ctx.globals.json)
    return print_json({{"stop_phrases", rules_json(phrases)},
                       {"red_lines", rules_json(lines)},
                       {"touch_rules", rules_json(touch)},
                       {"script", rules_json(script)}});
  const bool color = ctx.color();
  auto print_list = [&](const std::vector<entry>& list, const std::string& empty,
                        bool numbered = false) {
    if (list.empty()) fmt::print("  {}\n", empty);
    int n = 0;
    for (const auto& r : list)
      fmt::print("  {}  {}{}\n", paint(r.short_id(), fmt::fg(fmt::terminal_color::yellow), color),
                 numbered ? fmt::format("{}. ", ++n) : std::string(),
                 std::get<std::string>(r.get("text")));
  };
  fmt::print("{} ({} of the guide's {})\n", paint("Stop-phrases", fmt::emphasis::bold, color),
             phrases.size(), guide_stop_phrases);
  print_list(phrases, "none yet: rebuild rules add --stop-phrase \"...\"");
  fmt::print("{}\n", paint("Red lines", fmt::emphasis::bold, color));
  print_list(lines, "none yet: rebuild rules add --red-line \"...\"");
  fmt::print("{}\n", paint("De-escalation script", fmt::emphasis::bold, color));
  print_list(script, "no steps yet: rebuild rules add --script \"...\"", true);
  // Stage-3 rules only once the pair has some, or is at stage 3: nothing about sex is
  // suggested before then.
  if (touch.empty() && touch_stage(j, ctx.now().today()).stage < 3) return;
  const std::string lead = touch_lead(j);
  fmt::print("{}\n", paint(lead.empty() ? std::string("Stage-3 rules")
                                        : fmt::format("Stage-3 rules, set by {}", lead),
                           fmt::emphasis::bold, color));
  print_list(touch, lead.empty() ? "none. The partner with lower desire sets them, once named: "
                                   "rebuild config touch.lead NAME"
                                 : fmt::format("none. They are {0}'s to set, if and when {0} "
                                               "wishes: rebuild rules add --touch \"...\"",
                                               lead));
}

void add_rule(context& ctx, const rules_add_options& o) {
  const std::pair<CLI::Option*, const char*> flags[] = {{o.stop_phrase_flag, "stop-phrase"},
                                                        {o.red_line_flag, "red-line"},
                                                        {o.touch_flag, "touch"},
                                                        {o.script_flag, "script"}};
  const char* type = nullptr;
  int given = 0;
  for (const auto& [flag, name] : flags)
    if (flag->count() > 0) {
      type = name;
      ++given;
    }
  if (given != 1)
    throw usage_error(
        "give one rule at a time: --stop-phrase S, --red-line S, --touch S or "
        "--script S");
  const std::string_view t = type;
  const std::string& text = t == "stop-phrase" ? o.stop_phrase
                            : t == "red-line"  ? o.red_line
                            : t == "touch"     ? o.touch
                                               : o.script;
  const partner who = ctx.writer();
  std::size_t count = 0;
  const added result = record_entry(ctx, kind_named("rule"), who, o.at.resolve(ctx, "a rule"),
                                    {{"type", std::string(type)}, {"text", ctx.text(text)}},
                                    [&](journal& j) { count = rules_of_type(j, t).size(); });
  std::string extra;
  if (t == "stop-phrase")
    extra = fmt::format("{} stop-phrase{} agreed; the guide suggests {}.", count,
                        count == 1 ? "" : "s", guide_stop_phrases);
  else if (t == "script")
    extra = fmt::format("Step {} of your de-escalation script.", count);
  print_recorded(ctx, result, extra);
}

struct crossed_options {
  std::string id, note;
  CLI::Option* note_flag = nullptr;
  when_options at;
};

// A red line crossed, said plainly and without blame (000: "Hold these lines like
// guardrails, not weapons"): who noted it is kept, as every entry's author, but not said.
void note_crossed(context& ctx, const crossed_options& o) {
  const partner who = ctx.writer();
  const entry rule = find_of_kind(ctx, o.id, "rule");
  if (rule.text("type") != "red-line")
    throw data_error(fmt::format("{} is a {}, not a red line; 'rebuild rules' lists the red lines",
                                 rule.short_id(), rule.text("type")));
  const when at = o.at.resolve(ctx, "a red line crossed");
  if (const auto removed = rule_removed_on(ctx.journal(), rule); removed && at.day >= *removed)
    throw data_error(
        fmt::format("that red line was removed on {}; 'rebuild undo' brings it back "
                    "if that was a mistake",
                    iso_day(*removed)));
  if (at.day < rule.day)
    throw data_error(fmt::format("that red line was agreed on {}; it cannot be crossed before",
                                 iso_day(rule.day)));
  field_values fields{{"rule", rule.uuid}};
  if (*o.note_flag) fields["note"] = ctx.text(o.note);
  print_recorded(ctx, record_entry(ctx, kind_named("rule-crossing"), who, at, fields),
                 fmt::format("Noted: \"{}\" was crossed. A guardrail, not a weapon: when you are "
                             "both calm, a repair can follow.",
                             rule.text("text")));
}

// A rule removed from today on: an entry of its own, so that the weeks before keep the
// agreement they had (issue 26 item 1); `delete ID` still takes out one added by mistake.
void remove_rule(context& ctx, const std::string& id) {
  const entry rule = find_of_kind(ctx, id, "rule");
  end_from_today(ctx, rule, "rule-end", rule_removed_on(ctx.journal(), rule),
                 fmt::format("\"{}\"", rule.text("text")));
}

}  // namespace

void setup_rules(CLI::App& app, context& ctx, command_list& commands) {
  CLI::App* sub =
      add_command(app, "rules",
                  "The pair's agreements: stop-phrases, red lines, the de-escalation "
                  "script and stage-3 rules",
                  "  rebuild rules\n"
                  "  rebuild rules add --stop-phrase \"I need a pause\"\n"
                  "  rebuild rules add --red-line \"No threats of leaving\"\n"
                  "  rebuild rules add --script \"Breathe out slowly, three times\"\n"
                  "  rebuild rules remove 3f2a91c0\n"
                  "  rebuild rules crossed 5be0c7d1 --note \"Raised voices at dinner\"\n");
  commands.push_back({sub, [&ctx] { show_rules(ctx); }});

  auto o = std::make_shared<rules_add_options>();
  CLI::App* add = add_command(
      *sub, "add", "Agree a stop-phrase, a red line, a script step or a stage-3 rule", "");
  o->stop_phrase_flag = add->add_option("--stop-phrase", o->stop_phrase,
                                        "a phrase that calls a time-out ('-': stdin)")
                            ->type_name("S");
  o->red_line_flag =
      add->add_option("--red-line", o->red_line, "something neither of you will do ('-': stdin)")
          ->type_name("S");
  o->touch_flag = add->add_option("--touch", o->touch,
                                  "a stage-3 rule, set by the touch.lead partner ('-': stdin)")
                      ->type_name("S");
  o->script_flag = add->add_option("--script", o->script,
                                   "the next step of your de-escalation script ('-': stdin)")
                       ->type_name("S");
  o->at.add_to(add, "it was agreed");
  commands.push_back({add, [&ctx, o] { add_rule(ctx, *o); }});

  auto id = std::make_shared<std::string>();
  CLI::App* remove =
      add_command(*sub, "remove", "Remove an agreement from today on (undo brings it back)", "");
  remove->add_option("id", *id, "the rule's id, as 'rebuild rules' shows it")
      ->required()
      ->type_name("ID");
  commands.push_back({remove, [&ctx, id] { remove_rule(ctx, *id); }});

  auto c = std::make_shared<crossed_options>();
  CLI::App* crossed = add_command(*sub, "crossed", "Note that a red line was crossed", "");
  crossed->add_option("id", c->id, "the red line's id, as 'rebuild rules' shows it")
      ->required()
      ->type_name("ID");
  c->note_flag =
      crossed->add_option("--note", c->note, "what happened, plainly ('-': stdin)")->type_name("S");
  c->at.add_to(crossed, "it happened");
  commands.push_back({crossed, [&ctx, c] { note_crossed(ctx, *c); }});
}

}  // namespace rebuild::cli
