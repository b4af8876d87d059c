// rebuild thought S --evidence S [--reframe S] · thought S --find-evidence [--pick N,...]
//   · thought
// Automatic thoughts that block connection (001: "I'm unlovable", "We'll never recover"), with
// the evidence against them and a reframe, "with evidence gathered from recent supportive
// exchanges": --find-evidence offers those of the last four weeks to pick from.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "commands.hpp"
#include "rebuild/attachment.hpp"
#include "rebuild/errors.hpp"
#include "shared/editor.hpp"
#include "shared/options.hpp"
#include "shared/pager.hpp"
#include "shared/present.hpp"
#include "shared/prompt.hpp"
#include "shared/record.hpp"
#include "shared/terminal.hpp"
#include "shared/wrap.hpp"

namespace rebuild::cli {
namespace {

struct thought_options {
  std::string text, evidence, reframe, pick;
  bool find = false;
  bool page = true;
  CLI::App* app = nullptr;
  CLI::Option *text_arg = nullptr, *evidence_flag = nullptr, *reframe_flag = nullptr,
              *pick_flag = nullptr;
  when_options at;
};

/// The numbers in "1,3" or "1 3": each from 1 to `count`, in the order given, once each.
/// Throws data_error.
std::vector<std::size_t> picked(const std::string& text, std::size_t count) {
  std::vector<std::size_t> out;
  std::set<std::size_t> seen;
  std::string word;
  const auto take = [&] {
    if (word.empty()) return;
    const auto n = parse_whole(word);
    if (!n || *n < 1 || static_cast<std::size_t>(*n) > count)
      throw data_error(count == 0 ? fmt::format("there is no evidence to pick ('{}'): none was "
                                                "found in the last {} days",
                                                word, evidence_days)
                                  : fmt::format("cannot pick '{}'; pick numbers from 1 to {}, "
                                                "such as 1,3",
                                                word, count));
    if (seen.insert(static_cast<std::size_t>(*n)).second)
      out.push_back(static_cast<std::size_t>(*n));
    word.clear();
  };
  for (const char c : text) {
    if (c == ',' || c == ' ' || c == '\t')
      take();
    else
      word += c;
  }
  take();
  return out;
}

void print_candidates(const std::vector<evidence_item>& found, std::size_t width) {
  if (found.empty()) {
    fmt::print(
        "Nothing from the last {} days to offer yet: no appreciation from your partner, "
        "no bid turned toward, no accepted repair.\n",
        evidence_days);
    return;
  }
  fmt::print("From the last {} days, evidence you could set against the thought:\n", evidence_days);
  for (std::size_t i = 0; i < found.size(); ++i) {
    const std::string number = fmt::format("{:>4}. ", i + 1);
    const auto lines = wrap_text(found[i].text + " (" + human_day(found[i].day) + ")",
                                 width > 16 ? width - 8 : width);
    for (std::size_t k = 0; k < lines.size(); ++k)
      fmt::print("{}{}\n", k == 0 ? number : std::string(6, ' '), lines[k]);
  }
}

/// Asks which candidates to take, on the terminal; none when the person just presses Enter.
std::string ask_pick(std::size_t count) {
  while (true) {
    const auto line =
        ask_line("Which speak against the thought? Numbers such as 1 3, or Enter for none: ");
    if (!line) throw usage_error("cancelled; nothing was saved");
    try {
      picked(*line, count);
      return *line;
    } catch (const data_error& e) {
      fmt::print(stderr, "{}.\n", e.what());
    }
  }
}

void list_thoughts(context& ctx, bool page) {
  auto& j = ctx.journal();
  log_filter filter;
  filter.kind = &kind_named("thought");
  filter.until = ctx.now().today();
  const auto all = list_entries(j, filter);  // newest first
  if (ctx.globals.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& t : all) list.push_back(entry_json(t));
    return print_json({{"thoughts", list}});
  }
  if (all.empty()) {
    fmt::print(
        "No thoughts written down yet. When one blocks you, set the evidence against it:\n"
        "  rebuild thought \"We'll never recover\" --find-evidence\n");
    return;
  }
  const std::size_t width = output_width();
  const bool color = ctx.color();
  const pager out(page);
  for (const auto& t : all) {
    fmt::print("  {}  {}, {}\n", paint(t.short_id(), fmt::fg(fmt::terminal_color::yellow), color),
               t.author.name, human_day(t.day));
    for (const auto& [label, field] :
         {std::pair{"Thought: ", "text"}, {"Evidence: ", "evidence"}, {"Reframe: ", "reframe"}}) {
      if (t.text(field).empty()) continue;
      // The words under their label's end, each line of them.
      const std::string head = std::string(12, ' ') + label;
      const auto lines =
          wrap_text(t.text(field), width > head.size() + 10 ? width - head.size() : 10);
      for (std::size_t i = 0; i < lines.size(); ++i)
        fmt::print("{}{}\n", i == 0 ? head : std::string(head.size(), ' '), lines[i]);
    }
  }
}

void run_thought(context& ctx, const thought_options& o) {
  if (!*o.text_arg) {
    if (*o.evidence_flag || *o.reframe_flag || o.find || *o.pick_flag)
      throw usage_error(
          "write the thought itself first: rebuild thought \"...\" --evidence "
          "\"...\" (or --find-evidence)");
    if (o.at.given())
      throw usage_error(
          "--date and --time go with a thought: rebuild thought \"...\" "
          "--evidence \"...\"");
    return list_thoughts(ctx, o.page);
  }
  if (*o.pick_flag && !o.find) throw usage_error("--pick goes with --find-evidence");
  const partner who = ctx.writer();
  const when at = o.at.resolve(ctx, "a thought");
  std::string thought = ctx.text(o.text);
  validate_text("thought", thought);
  std::string evidence = *o.evidence_flag ? ctx.text(o.evidence) : std::string();
  std::string reframe = *o.reframe_flag ? ctx.text(o.reframe) : std::string();
  if (*o.evidence_flag) validate_text("evidence", evidence);
  if (*o.reframe_flag) validate_text("reframe", reframe);

  if (o.find) {
    auto& j = ctx.journal();
    const auto found = evidence_for(j, who, ctx.now().today());
    std::string choice = o.pick;
    if (!*o.pick_flag) {
      if (!ctx.interactive()) {  // a script asks what there is; it picks with --pick
        if (ctx.globals.json) {
          nlohmann::ordered_json list = nlohmann::ordered_json::array();
          for (std::size_t i = 0; i < found.size(); ++i)
            list.push_back({{"number", i + 1},
                            {"source", found[i].source},
                            {"date", iso_day(found[i].day)},
                            {"text", found[i].text}});
          return print_json({{"saved", false}, {"evidence", list}});
        }
        print_candidates(found, output_width());
        fmt::print("Nothing saved yet: pick with --pick{}, or write your own with --evidence.\n",
                   found.empty()       ? " N"
                   : found.size() == 1 ? " 1"
                                       : " 1,2");
        return;
      }
      print_candidates(found, output_width());
      std::fflush(stdout);
      if (!found.empty()) choice = ask_pick(found.size());
    }
    std::vector<std::string> lines;
    for (const std::size_t n : picked(choice, found.size()))
      lines.push_back(fmt::format("{} ({})", found[n - 1].text, iso_day(found[n - 1].day)));
    if (!evidence.empty()) lines.push_back(evidence);
    evidence = fmt::format("{}", fmt::join(lines, "\n"));
  }
  if (evidence.empty()) {
    if (!ctx.interactive())
      throw usage_error(
          "a thought needs the evidence against it: --evidence S, or "
          "--find-evidence to pick from the last weeks");
    const auto parts = edit_parts(
        "thought", "The evidence against the thought, and a kinder way to say it.",
        {{"Evidence", "what happened lately that says otherwise", "", true},
         {"Reframe", "the thought said again, with that evidence (optional)", reframe, false}});
    evidence = parts[0];
    reframe = parts[1];
  }
  field_values fields{{"text", thought}, {"evidence", evidence}};
  if (!reframe.empty()) fields["reframe"] = reframe;
  print_recorded(ctx, record_entry(ctx, kind_named("thought"), who, at, fields));
}

}  // namespace

void setup_thought(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<thought_options>();
  CLI::App* sub = add_command(
      app, "thought", "An automatic thought, the evidence against it, a reframe; or the list",
      "  rebuild thought\n"
      "  rebuild thought \"I'm unlovable\" --evidence \"Sam held my hand all evening\" \\\n"
      "      --reframe \"I am loved, even on a hard day\"\n"
      "  rebuild thought \"We'll never recover\" --find-evidence\n"
      "  rebuild thought \"We'll never recover\" --find-evidence --pick 1,3\n");
  o->app = sub;
  o->text_arg = sub->add_option("text", o->text, "the thought, in its own words ('-': stdin)")
                    ->type_name("S");
  o->evidence_flag =
      sub->add_option("--evidence", o->evidence, "what speaks against it ('-': stdin)")
          ->type_name("S");
  o->reframe_flag =
      sub->add_option("--reframe", o->reframe, "the thought said again, kinder ('-': stdin)")
          ->type_name("S");
  sub->add_flag("--find-evidence", o->find,
                "offer the last four weeks' supportive exchanges to pick from");
  o->pick_flag = sub->add_option("--pick", o->pick,
                                 "with --find-evidence: the numbers it offered, such as 1,3")
                     ->type_name("N,...");
  o->at.add_to(sub, "you had it");
  add_no_pager(sub, o->page);
  commands.push_back({sub, [&ctx, o] { run_thought(ctx, *o); }});
}

}  // namespace rebuild::cli
