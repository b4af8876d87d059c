// rebuild review --good S --heavy S --next S · rebuild review
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/practices.hpp"
#include "rebuild/text.hpp"
#include "shared/columns.hpp"
#include "shared/editor.hpp"
#include "shared/options.hpp"
#include "shared/pager.hpp"
#include "shared/present.hpp"
#include "shared/record.hpp"
#include "shared/terminal.hpp"
#include "shared/wrap.hpp"

namespace rebuild::cli {
namespace {

struct review_options {
  std::string good, heavy, next;
  CLI::Option *good_flag = nullptr, *heavy_flag = nullptr, *next_flag = nullptr;
  when_options at;
  bool page = true;
};

/// A round's heading: when it opened, and who has answered.
std::string round_heading(const review_round& r, std::size_t index, std::size_t count) {
  return fmt::format("{} quarterly review, opened {}", index + 1 == count ? "The latest" : "A",
                     human_day(r.opened));
}

void show_review(context& ctx, bool page) {
  auto& j = ctx.journal();
  const read_transaction snapshot(j);
  const auto pair = partners(j);
  const auto rounds = review_rounds(j);
  const days_t due = review_due(j);
  const days_t today = ctx.now().today();
  if (ctx.globals.json) {
    const auto last = last_review(j);
    nlohmann::ordered_json latest = nlohmann::ordered_json::array();
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (auto it = rounds.rbegin(); it != rounds.rend(); ++it) {
      nlohmann::ordered_json voices = nlohmann::ordered_json::array();
      nlohmann::ordered_json waiting = nlohmann::ordered_json::array();
      for (const auto& p : pair) {
        if (const entry* v = it->voice_of(p.id))
          voices.push_back(entry_json(*v));
        else
          waiting.push_back(p.name);
      }
      if (it == rounds.rbegin()) latest = voices;
      list.push_back({{"opened", iso_day(it->opened)}, {"voices", voices}, {"waiting", waiting}});
    }
    nlohmann::ordered_json due_for = nlohmann::ordered_json::array();
    const review_standing standing = review_standing_on(j, today);
    for (const auto& p : pair)
      if (standing.due_for(p.id, today)) due_for.push_back(p.name);
    return print_json({{"last", last ? entry_json(*last) : nlohmann::ordered_json()},
                       {"latest", latest},
                       {"rounds", list},
                       {"next_due", iso_day(due)},
                       {"due_for", due_for}});
  }
  if (rounds.empty()) {
    fmt::print("No quarterly review yet. The first is due around {}.\n", human_day(due));
    fmt::print("  rebuild review --good \"...\" --heavy \"...\" --next \"...\"\n");
    return;
  }
  const std::size_t width = output_width();
  const bool color = ctx.color();
  const pager out(page);
  // Newest first; in each round both voices side by side, one column a partner.
  for (std::size_t i = rounds.size(); i-- > 0;) {
    const auto& r = rounds[i];
    if (i + 1 != rounds.size()) fmt::print("\n");
    fmt::print("{}\n", paint(round_heading(r, i, rounds.size()), fmt::emphasis::bold, color));
    std::vector<std::string> heads;
    std::vector<voice_row> rows = {
        {"What felt good", {}}, {"What felt heavy", {}}, {"Next experiment", {}}};
    for (const auto& p : pair) {
      const entry* v = r.voice_of(p.id);
      heads.push_back(v ? fmt::format("{}, {}", p.name, human_day(v->day))
                        : fmt::format("{}: not yet", p.name));
      rows[0].cells.push_back(v ? v->text("good") : "");
      rows[1].cells.push_back(v ? v->text("heavy") : "");
      rows[2].cells.push_back(v ? v->text("next") : "");
    }
    print_side_by_side(heads, rows, width);
  }
  fmt::print("\n");
  for (const auto& p : pair)
    if (rounds.back().voice_of(p.id) == nullptr && due > today)
      fmt::print("{} can add theirs: rebuild review --as {} --good ... --heavy ... --next ...\n",
                 p.name, p.name);
  fmt::print("The next one is due around {}.\n", human_day(due));
}

void run_review(context& ctx, const review_options& o) {
  const auto given = o.good_flag->count() + o.heavy_flag->count() + o.next_flag->count();
  if (given == 0 && !o.at.given()) return show_review(ctx, o.page);
  const bool missing = !*o.good_flag || !*o.heavy_flag || !*o.next_flag;
  if (missing && !ctx.interactive())
    throw usage_error(
        "a review has three answers: --good, --heavy and --next (or none, to see "
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
  // Where this answer leaves the round: the other partner's voice still to come, or the
  // next round's date.
  auto& j = ctx.journal();
  std::string extra;
  const auto round = latest_review_round(j, ctx.now().today());
  for (const auto& p : partners(j))
    if (round && round->voice_of(p.id) == nullptr)
      extra += fmt::format(
          "{}'s answers are still to come; 'rebuild review' shows the two "
          "side by side.\n",
          p.name);
  extra += fmt::format("The next review is due around {}.", human_day(review_due(j)));
  print_recorded(ctx, result, extra);
}

}  // namespace

void setup_review(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<review_options>();
  CLI::App* sub =
      add_command(app, "review", "The quarterly review: what felt good, what felt heavy, what next",
                  "  rebuild review\n"
                  "  rebuild review --good \"Sunday walks\" --heavy \"Bedtime logistics\" \\\n"
                  "                 --next \"Phones out of the bedroom for a month\"\n");
  o->good_flag = sub->add_option("--good", o->good, "what felt good ('-': stdin)")->type_name("S");
  o->heavy_flag =
      sub->add_option("--heavy", o->heavy, "what felt heavy ('-': stdin)")->type_name("S");
  o->next_flag =
      sub->add_option("--next", o->next, "the experiment to try next ('-': stdin)")->type_name("S");
  o->at.add_to(sub, "you reviewed");
  add_no_pager(sub, o->page);
  commands.push_back({sub, [&ctx, o] { run_review(ctx, *o); }});
}

}  // namespace rebuild::cli
