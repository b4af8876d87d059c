// The weekly report for a terminal: readable in 80 columns, colour only when asked.
#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>

#include "common.hpp"
#include "rebuild/text.hpp"

namespace rebuild {
namespace {

using namespace report_detail;

std::string pad(const std::string& s, std::size_t width) {
  const std::size_t len = utf8_length(s).value_or(s.size());
  return len >= width ? s + " " : s + std::string(width - len, ' ');
}

/// One character a day: ▁ to █ for a value in [lo, hi], · for a day with none.
template <std::size_t N>
std::string spark(const std::array<std::optional<int>, N>& values, int lo, int hi) {
  static const char* bars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  std::string out;
  for (const auto& v : values) {
    if (!v) {
      out += " ·  ";
      continue;
    }
    const int span = std::max(1, hi - lo);
    const int level = std::clamp((*v - lo) * 7 / span, 0, 7);
    out += fmt::format(" {}{:<2}", bars[level], *v);
  }
  return out;
}

void indented_text(std::ostream& out, const std::string& label, const std::string& text,
                   std::size_t indent) {
  const auto lines = wrap(text, 76 - indent - label.size());
  for (std::size_t i = 0; i < lines.size(); ++i)
    out << std::string(indent, ' ') << (i == 0 ? label : std::string(label.size(), ' '))
        << lines[i] << '\n';
}

}  // namespace

void render_text(const weekly_report& r, std::ostream& out, const render_options& options) {
  auto bold = [&](const std::string& s) {
    return options.color ? fmt::format(fmt::emphasis::bold, "{}", s) : s;
  };
  out << bold(heading(r)) << '\n' << plan_line(r) << '\n';
  if (r.redacted) out << "(Redacted: free text is left out; the figures are all here.)\n";

  out << '\n' << bold("Goals") << '\n';
  for (const auto& g : r.goals) {
    out << "  " << g.partner << ": " << goal_age(g, r) << '\n';
    if (g.problem) indented_text(out, "Problem: ", *g.problem, 4);
    if (g.outcome) indented_text(out, "Outcome: ", *g.outcome, 4);
    out << "    " << ratings_text(g) << "\n";
  }

  out << '\n'
      << pad("", 32) << pad("this week", 10) << pad("before", 10) << pad("change", 7)
      << "target\n";
  std::string section;
  for (const auto& row : figure_rows(r)) {
    if (row.section != section) {
      section = row.section;
      out << bold(section) << '\n';
    }
    std::string line = "  " + pad(row.label, 30) + pad(row.now, 10) + pad(row.before, 10) +
                       pad(row.change, 7) + row.target;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  }

  auto line = [&](const std::string& label, const std::string& series) {
    std::string l = "  " + pad(label, 26) + series;
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out << l << '\n';
  };
  out << '\n' << bold("Each day") << std::string(20, ' ');
  for (const char* d : weekday_short) out << fmt::format(" {:<3}", d);
  out << '\n';
  for (const auto& c : r.current.checkins) {
    line(c.partner + " mood", spark(c.mood_by_day, 1, 10));
    line(c.partner + " stress", spark(c.stress_by_day, 1, 10));
  }
  std::array<std::optional<int>, 7> gestures{};
  int most = 5;
  for (std::size_t d = 0; d < 7; ++d) {
    gestures[d] = r.current.gestures.per_day[d];
    most = std::max(most, r.current.gestures.per_day[d]);
  }
  line("gestures", spark(gestures, 0, most));
  for (const auto& c : r.current.checkins)
    if (c.earliest) out << "  " << spread_line(c) << '\n';

  bool any = false;
  for (const auto& c : r.current.checkins) any = any || !c.appreciations.empty();
  if (any) {
    out << '\n' << bold("Appreciations") << '\n';
    for (const auto& c : r.current.checkins)
      for (const auto& a : c.appreciations) indented_text(out, c.partner + ": ", a, 2);
  }

  out << '\n' << bold("Micro-wins") << '\n';
  if (r.micro_wins.empty())
    out << "  No figure moved up on the week before. That happens; every entry still counts.\n";
  for (const auto& w : r.micro_wins) out << "  - " << w << '\n';

  out << '\n' << bold("The plan") << '\n';
  if (r.phase) {
    out << "  This phase asks:\n";
    for (const auto& ask : r.phase->asks) out << "    - " << ask << '\n';
  }
  if (const plan_phase* next = next_phase(r))
    out << fmt::format("  Next, weeks {}-{}: {}.\n", next->first_week, next->last_week,
                       next->title);
  else
    out << "  Keep what worked; the quarterly review is the place to choose the next experiment.\n";
}

}  // namespace rebuild
