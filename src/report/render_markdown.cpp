// The weekly report as Markdown: tables a therapist can read anywhere.
#include <fmt/format.h>

#include "common.hpp"
#include "rebuild/text.hpp"

namespace rebuild {
namespace {

using namespace report_detail;

std::string cell(const std::string& s) { return markdown_inline(s); }

template <std::size_t N>
std::string day_cells(const std::array<std::optional<int>, N>& values) {
  std::string out;
  for (const auto& v : values) out += " " + (v ? std::to_string(*v) : std::string("-")) + " |";
  return out;
}

}  // namespace

void render_markdown(const weekly_report& r, std::ostream& out) {
  out << "# " << heading(r) << "\n\n" << plan_line(r) << "\n";
  if (r.redacted) out << "\n_Redacted: free text is left out; the figures are all here._\n";

  out << "\n## Goals\n";
  for (const auto& g : r.goals) {
    out << "\n### " << cell(g.partner) << "\n\n";
    out << "- " << goal_age(g, r) << "\n";
    if (g.problem) out << "- **Problem:** " << cell(*g.problem) << "\n";
    if (g.outcome) out << "- **Outcome:** " << cell(*g.outcome) << "\n";
    out << "- " << ratings_text(g) << "\n";
  }

  out << "\n## This week beside the week before\n\n";
  out << "| Practice | Figure | This week | Week before | Change | Target |\n";
  out << "|---|---|---:|---:|---:|---|\n";
  for (const auto& row : figure_rows(r))
    out << "| " << row.section << " | " << cell(row.label) << " | " << row.now << " | "
        << row.before << " | " << row.change << " | " << row.target << " |\n";

  out << "\n## Each day\n\n|   |";
  for (const char* d : weekday_short) out << " " << d << " |";
  out << "\n|---|";
  for (std::size_t i = 0; i < 7; ++i) out << "---:|";
  out << "\n";
  for (const auto& c : r.current.checkins) {
    out << "| " << cell(c.partner) << " mood |" << day_cells(c.mood_by_day) << "\n";
    out << "| " << cell(c.partner) << " stress |" << day_cells(c.stress_by_day) << "\n";
  }
  out << "| gestures |";
  for (int n : r.current.gestures.per_day) out << " " << n << " |";
  out << "\n";
  for (const auto& c : r.current.checkins)
    if (c.earliest) out << "\n" << cell(spread_line(c)) << "\n";

  bool any = false;
  for (const auto& c : r.current.checkins) any = any || !c.appreciations.empty();
  if (any) {
    out << "\n## Appreciations\n\n";
    for (const auto& c : r.current.checkins)
      for (const auto& a : c.appreciations) out << "- **" << cell(c.partner) << ":** " << cell(a) << "\n";
  }

  out << "\n## Micro-wins\n\n";
  if (r.micro_wins.empty())
    out << "No figure moved up on the week before. That happens; every entry still counts.\n";
  for (const auto& w : r.micro_wins) out << "- " << w << "\n";

  out << "\n## The plan\n\n";
  if (r.phase) {
    out << "This phase asks:\n\n";
    for (const auto& ask : r.phase->asks) out << "- " << ask << "\n";
  }
  if (const plan_phase* next = next_phase(r))
    out << fmt::format("\nNext, weeks {}-{}: {}.\n", next->first_week, next->last_week,
                       next->title);
  else
    out << "\nKeep what worked; the quarterly review is the place to choose the next experiment.\n";
}

}  // namespace rebuild
