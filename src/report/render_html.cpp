// The weekly report as one self-contained HTML file: inline CSS and SVG, print-friendly, no
// scripts and no links out, so it can be printed or handed over as it is.
#include <fmt/format.h>

#include <algorithm>

#include "common.hpp"

namespace rebuild {
namespace {

using namespace report_detail;

std::string esc(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\n': out += "<br>"; break;
      default: out += c;
    }
  }
  return out;
}

/// A small bar chart of one value a day, Monday to Sunday; a day without one has no bar.
std::string bars(const std::string& title, const std::array<std::optional<int>, 7>& values,
                 int top, const char* colour) {
  constexpr int width = 280, height = 90, base = 70, bar = 28, gap = 12;
  std::string svg = fmt::format(
      "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" "
      "viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">",
      width, height, width, height, esc(title));
  svg += fmt::format("<line x1=\"0\" y1=\"{0}\" x2=\"{1}\" y2=\"{0}\" stroke=\"#999\"/>", base, width);
  for (std::size_t d = 0; d < 7; ++d) {
    const int x = static_cast<int>(d) * (bar + gap) + 4;
    if (values[d]) {
      const int h = std::max(2, *values[d] * (base - 12) / std::max(1, top));
      svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>", x,
                         base - h, bar, h, colour);
      svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
                         x + bar / 2, base - h - 2, *values[d]);
    }
    svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
                       x + bar / 2, base + 14, weekday_short[d]);
  }
  return svg + fmt::format("</svg><figcaption>{}</figcaption></figure>", esc(title));
}

const char* style = R"css(
body { font-family: Georgia, "DejaVu Serif", serif; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.4; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
h2 { font-size: 1.15em; border-bottom: 1px solid #ccc; margin-top: 1.6em; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
th, td { text-align: left; padding: 0.25em 0.5em; border-bottom: 1px solid #eee; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.section td { font-weight: bold; background: #f6f6f3; }
.goal { margin: 0.6em 0 1em; }
.muted { color: #666; }
figure { display: inline-block; margin: 0.4em 1em 0.4em 0; }
figcaption { font-size: 0.85em; color: #555; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr, figure, .goal { break-inside: avoid; } }
)css";

}  // namespace

void render_html(const weekly_report& r, std::ostream& out) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<title>" << esc(heading(r)) << "</title>\n<style>" << style << "</style>\n</head>\n<body>\n";
  out << "<h1>" << esc(heading(r)) << "</h1>\n<p class=\"muted\">" << esc(plan_line(r)) << "</p>\n";
  if (r.redacted)
    out << "<p class=\"muted\">Redacted: free text is left out; the figures are all here.</p>\n";

  out << "<h2>Goals</h2>\n";
  for (const auto& g : r.goals) {
    out << "<div class=\"goal\"><strong>" << esc(g.partner) << "</strong> <span class=\"muted\">"
        << esc(goal_age(g, r)) << "</span>\n";
    if (g.problem) out << "<p><em>Problem:</em> " << esc(*g.problem) << "</p>\n";
    if (g.outcome) out << "<p><em>Outcome:</em> " << esc(*g.outcome) << "</p>\n";
    out << "<p>" << esc(ratings_text(g)) << "</p></div>\n";
  }

  out << "<h2>This week beside the week before</h2>\n<table>\n<thead><tr><th>Figure</th>"
      << "<th>This week</th><th>Week before</th><th>Change</th><th>Target</th></tr></thead>\n<tbody>\n";
  std::string section;
  for (const auto& row : figure_rows(r)) {
    if (row.section != section) {
      section = row.section;
      out << "<tr class=\"section\"><td colspan=\"5\">" << esc(section) << "</td></tr>\n";
    }
    out << "<tr><td>" << esc(row.label) << "</td><td class=\"n\">" << esc(row.now)
        << "</td><td class=\"n\">" << esc(row.before) << "</td><td class=\"n\">"
        << esc(row.change) << "</td><td>" << esc(row.target) << "</td></tr>\n";
  }
  out << "</tbody>\n</table>\n";

  out << "<h2>Each day</h2>\n";
  for (const auto& c : r.current.checkins) {
    out << bars(c.partner + ": mood, 1 to 10", c.mood_by_day, 10, "#5b8a72");
    out << bars(c.partner + ": stress, 1 to 10", c.stress_by_day, 10, "#b07d4f");
  }
  std::array<std::optional<int>, 7> gestures{};
  int most = 5;
  for (std::size_t d = 0; d < 7; ++d) {
    gestures[d] = r.current.gestures.per_day[d];
    most = std::max(most, r.current.gestures.per_day[d]);
  }
  out << bars("Gestures, both partners", gestures, most, "#6d7fb3") << "\n";
  for (const auto& c : r.current.checkins)
    if (c.earliest) out << "<p class=\"muted\">" << esc(spread_line(c)) << "</p>\n";

  bool any = false;
  for (const auto& c : r.current.checkins) any = any || !c.appreciations.empty();
  if (any) {
    out << "<h2>Appreciations</h2>\n<ul>\n";
    for (const auto& c : r.current.checkins)
      for (const auto& a : c.appreciations)
        out << "<li><strong>" << esc(c.partner) << ":</strong> " << esc(a) << "</li>\n";
    out << "</ul>\n";
  }

  out << "<h2>Micro-wins</h2>\n";
  if (r.micro_wins.empty())
    out << "<p>No figure moved up on the week before. That happens; every entry still counts.</p>\n";
  else {
    out << "<ul>\n";
    for (const auto& w : r.micro_wins) out << "<li>" << esc(w) << "</li>\n";
    out << "</ul>\n";
  }

  out << "<h2>The plan</h2>\n";
  if (r.phase) {
    out << "<p>This phase asks:</p>\n<ul>\n";
    for (const auto& ask : r.phase->asks) out << "<li>" << esc(std::string(ask)) << "</li>\n";
    out << "</ul>\n";
  }
  if (const plan_phase* next = next_phase(r))
    out << "<p>" << esc(fmt::format("Next, weeks {}-{}: {}.", next->first_week, next->last_week,
                                    next->title))
        << "</p>\n";
  else
    out << "<p>Keep what worked; the quarterly review is the place to choose the next experiment.</p>\n";
  out << "</body>\n</html>\n";
}

}  // namespace rebuild
