// rebuild review --good S --heavy S --next S · rebuild review
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "shared/editor.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"
#include "shared/record.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/practices.hpp"
#include "rebuild/text.hpp"

#include <algorithm>
#include <map>

namespace rebuild::cli {
namespace {

struct review_options {
  std::string good, heavy, next;
  CLI::Option *good_flag = nullptr, *heavy_flag = nullptr, *next_flag = nullptr;
  when_options at;
};

/// "  What felt good: …", the words wrapped to 80 columns under their first line.
void print_wrapped(const std::string& label, const std::string& text) {
  const auto lines = wrap(text, 78 - label.size());
  for (std::size_t i = 0; i < lines.size(); ++i)
    fmt::print("{}{}\n", i == 0 ? label : std::string(label.size(), ' '), lines[i]);
}

/// Each partner's latest answers, in the order the partners joined.
std::vector<entry> latest_voices(journal& j) {
  std::map<std::int64_t, entry> latest;
  for (auto& r : entries_of_kind(j, "review")) latest.insert_or_assign(r.author.id, std::move(r));
  std::vector<entry> out;
  for (const auto& p : partners(j))
    if (const auto it = latest.find(p.id); it != latest.end()) out.push_back(it->second);
  return out;
}

void show_review(context& ctx) {
  auto& j = ctx.journal();
  const auto last = last_review(j);
  const auto voices = latest_voices(j);
  const days_t due = review_due(j);
  if (ctx.globals.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& v : voices) list.push_back(entry_json(v));
    return print_json({{"last", last ? entry_json(*last) : nlohmann::ordered_json()},
                       {"latest", list},
                       {"next_due", iso_day(due)}});
  }
  if (voices.empty()) {
    fmt::print("No quarterly review yet. The first is due around {}.\n", human_day(due));
    fmt::print("  rebuild review --good \"...\" --heavy \"...\" --next \"...\"\n");
    return;
  }
  // Both voices, one after the other: each partner's own latest answers.
  for (const auto& v : voices) {
    fmt::print("{}, {}:\n", v.author.name, human_day(v.day));
    print_wrapped("  What felt good: ", v.text("good"));
    print_wrapped("  What felt heavy: ", v.text("heavy"));
    print_wrapped("  Next experiment: ", v.text("next"));
  }
  for (const auto& p : partners(j))
    if (std::none_of(voices.begin(), voices.end(),
                     [&](const entry& v) { return v.author.id == p.id; }))
      fmt::print("{} has not answered yet: rebuild review --as {} --good ... --heavy ... --next ...\n",
                 p.name, p.name);
  fmt::print("The next one is due around {}.\n", human_day(due));
}

void run_review(context& ctx, const review_options& o) {
  const auto given = o.good_flag->count() + o.heavy_flag->count() + o.next_flag->count();
  if (given == 0 && !o.at.given()) return show_review(ctx);
  const bool missing = !*o.good_flag || !*o.heavy_flag || !*o.next_flag;
  if (missing && !ctx.interactive())
    throw usage_error("a review has three answers: --good, --heavy and --next (or none, to see "
                      "the last review)");
  const partner who = ctx.writer();
  const when at = o.at.resolve(ctx, "a review");
  std::vector<std::string> answers;
  for (const auto& [flag, value] :
       {std::pair{o.good_flag, &o.good}, {o.heavy_flag, &o.heavy}, {o.next_flag, &o.next}})
    answers.push_back(*flag ? ctx.text(*value) : std::string());
  if (missing)  // on a terminal: the three answers in the editor, with those given
    answers = edit_parts("review", "The quarterly review: write each answer under its question.",
                         {{"Good", "what felt good?", answers[0]},
                          {"Heavy", "what felt heavy?", answers[1]},
                          {"Next", "what experiment do we want to try next?", answers[2]}});
  const added result =
      record_entry(ctx, kind_named("review"), who, at,
                   {{"good", answers[0]}, {"heavy", answers[1]}, {"next", answers[2]}});
  print_recorded(ctx, result,
                 fmt::format("The next review is due around {}.",
                             human_day(at.day + date::days{90})));
}

}  // namespace

void setup_review(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<review_options>();
  CLI::App* sub = add_command(
      app, "review", "The quarterly review: what felt good, what felt heavy, what next",
      "  rebuild review\n"
      "  rebuild review --good \"Sunday walks\" --heavy \"Bedtime logistics\" \\\n"
      "                 --next \"Phones out of the bedroom for a month\"\n");
  o->good_flag = sub->add_option("--good", o->good, "what felt good ('-': stdin)")->type_name("S");
  o->heavy_flag = sub->add_option("--heavy", o->heavy, "what felt heavy ('-': stdin)")->type_name("S");
  o->next_flag = sub->add_option("--next", o->next, "the experiment to try next ('-': stdin)")->type_name("S");
  o->at.add_to(sub, "you reviewed");
  commands.push_back({sub, [&ctx, o] { run_review(ctx, *o); }});
}

}  // namespace rebuild::cli
