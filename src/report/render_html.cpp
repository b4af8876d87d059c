// The weekly report as one self-contained HTML file: inline CSS and SVG, print-friendly, no
// scripts and no links out, so it can be printed or handed over as it is. Every text from
// the journal, names too, goes through html_escape.
#include <fmt/format.h>

#include <algorithm>

#include "common.hpp"

namespace rebuild {

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

using namespace report_detail;

/// Free text for a page: escaped, its line breaks kept.
std::string esc(const std::string& s) {
  std::string out;
  for (char c : html_escape(s)) {
    if (c == '\n')
      out += "<br>";
    else if (c != '\r')
      out += c;
  }
  return out;
}

/// A small bar chart of one value a day, Monday to Sunday; a day without one has no bar.
std::string bars(const std::string& title, const std::array<std::optional<int>, 7>& values, int top,
                 const char* colour) {
  constexpr int width = 280, height = 90, base = 70, bar = 28, gap = 12;
  std::string svg = fmt::format(
      "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" "
      "viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">",
      width, height, width, height, esc(title));
  svg +=
      fmt::format("<line x1=\"0\" y1=\"{0}\" x2=\"{1}\" y2=\"{0}\" stroke=\"#999\"/>", base, width);
  for (std::size_t d = 0; d < 7; ++d) {
    const int x = static_cast<int>(d) * (bar + gap) + 4;
    if (values[d]) {
      const int h = std::max(2, *values[d] * (base - 12) / std::max(1, top));
      svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>", x,
                         base - h, bar, h, colour);
      svg +=
          fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
                      x + bar / 2, base - h - 2, *values[d]);
    }
    svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
                       x + bar / 2, base + 14, weekday_short[d]);
  }
  return svg + fmt::format("</svg><figcaption>{}</figcaption></figure>", esc(title));
}

/// The trend as a line chart: each partner's rating and mean mood, week by week, on one 0 to
/// 10 scale; a week without a value breaks the line.
std::string trend_chart(const weekly_report& r) {
  static const char* colours[] = {"#1b6ca8", "#c2410c", "#6b4c9a", "#2e7d32"};
  const auto names = trend_partners(r);
  struct line {
    std::string name;
    const char* colour;
    bool dashed;
    std::vector<std::optional<double>> values;
  };
  std::vector<line> lines;
  for (std::size_t i = 0; i < names.size(); ++i) {
    line rating{names[i] + ": rating", colours[i % 4], false, {}};
    line mood{names[i] + ": mood", colours[i % 4], true, {}};
    for (const auto& w : r.trend) {
      const auto* p = trend_row(w, names[i]);
      rating.values.push_back(p && p->rating ? std::optional<double>(*p->rating) : std::nullopt);
      mood.values.push_back(p ? p->mood : std::nullopt);
    }
    lines.push_back(rating);
    lines.push_back(mood);
  }

  const std::size_t n = r.trend.size();
  constexpr double left = 48, right = 596, top = 20, bottom = 210;
  const int legend_rows = static_cast<int>((lines.size() + 3) / 4);
  const int height = 262 + legend_rows * 18;
  auto x = [&](std::size_t i) {
    return n <= 1 ? (left + right) / 2
                  : left + (right - left) * static_cast<double>(i) / static_cast<double>(n - 1);
  };
  auto y = [&](double v) { return bottom - (bottom - top) * std::clamp(v, 0.0, 10.0) / 10; };

  const std::string title = fmt::format(
      "Trend over the last {} weeks: each partner's rating of their goal (0 to 10, solid) and "
      "mean mood (1 to 10, dashed)",
      n);
  std::string svg = fmt::format(
      "<figure class=\"trend\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" "
      "height=\"{0}\" viewBox=\"0 0 640 {0}\" role=\"img\" aria-labelledby=\"trend-title\">"
      "<title id=\"trend-title\">{1}</title>\n",
      height, esc(title));
  // The y axis: 0 to 10, a faint line every 2.
  for (int v = 0; v <= 10; v += 2) {
    svg += fmt::format(
        "<line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2}\" y2=\"{1:.1f}\" stroke=\"{3}\" "
        "stroke-width=\"1\"/><text x=\"{4}\" y=\"{5:.1f}\" font-size=\"10\" "
        "text-anchor=\"end\">{6}</text>\n",
        left, y(v), right, v == 0 ? "#888" : "#e4e4e4", left - 6, y(v) + 3.5, v);
  }
  svg += fmt::format(
      "<text x=\"12\" y=\"{0:.1f}\" font-size=\"10\" text-anchor=\"middle\" "
      "transform=\"rotate(-90 12 {0:.1f})\">0 to 10</text>\n",
      (top + bottom) / 2);
  // The x axis: the weeks, every one or every few when there are many.
  const std::size_t every = std::max<std::size_t>(1, (n + 8) / 9);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& w = r.trend[i];
    svg +=
        fmt::format("<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#888\"/>",
                    x(i), bottom, bottom + 4);
    if (i % every != 0 && i + 1 != n) continue;
    svg +=
        fmt::format("<text x=\"{:.1f}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
                    x(i), bottom + 16, esc(w.label));
    if (w.partial)
      svg += fmt::format(
          "<text x=\"{:.1f}\" y=\"{}\" font-size=\"9\" text-anchor=\"middle\" "
          "fill=\"#666\">so far</text>",
          x(i), bottom + 27);
  }
  svg += fmt::format(
      "\n<text x=\"{:.1f}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\">week</text>\n",
      (left + right) / 2, bottom + 42);
  // The lines: one polyline a run of weeks with a value, a dot on every value.
  for (const auto& l : lines) {
    const std::string dash = l.dashed ? " stroke-dasharray=\"6 4\"" : "";
    svg += fmt::format("<g class=\"series\" stroke=\"{}\" fill=\"{}\"><title>{}</title>", l.colour,
                       l.colour, esc(l.name));
    std::string points;
    auto flush = [&] {
      if (points.find(' ') != std::string::npos)
        svg += fmt::format("<polyline fill=\"none\" stroke-width=\"2.5\"{} points=\"{}\"/>", dash,
                           points);
      points.clear();
    };
    for (std::size_t i = 0; i < l.values.size(); ++i) {
      if (!l.values[i]) {
        flush();
        continue;
      }
      points += fmt::format("{}{:.1f},{:.1f}", points.empty() ? "" : " ", x(i), y(*l.values[i]));
    }
    flush();
    for (std::size_t i = 0; i < l.values.size(); ++i)
      if (l.values[i])
        svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.5\" stroke=\"none\"/>", x(i),
                           y(*l.values[i]));
    svg += "</g>\n";
  }
  // The legend, four to a row.
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const double lx = left + static_cast<double>(i % 4) * 145;
    const double ly = bottom + 62 + static_cast<double>(i / 4) * 18;
    svg += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" stroke=\"{3}\" "
        "stroke-width=\"2.5\"{4}/><text x=\"{5:.1f}\" y=\"{6:.1f}\" font-size=\"10\">{7}</text>\n",
        lx, ly, lx + 24, lines[i].colour, lines[i].dashed ? " stroke-dasharray=\"6 4\"" : "",
        lx + 30, ly + 3.5, esc(lines[i].name));
  }
  return svg + "</svg><figcaption>" + esc(title) + "</figcaption></figure>\n";
}

const char* style = R"css(
body { font-family: Georgia, "DejaVu Serif", serif; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.4; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
h2 { font-size: 1.15em; border-bottom: 1px solid #ccc; margin-top: 1.6em; }
h3 { font-size: 1em; margin-bottom: 0.3em; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
th, td { text-align: left; padding: 0.25em 0.5em; border-bottom: 1px solid #eee; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.section td { font-weight: bold; background: #f6f6f3; }
.goal { margin: 0.6em 0 1em; }
.muted { color: #666; }
figure { display: inline-block; margin: 0.4em 1em 0.4em 0; }
figure.trend { display: block; margin: 0.6em 0; }
figure.trend svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.85em; color: #555; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr, figure, .goal { break-inside: avoid; } }
)css";

}  // namespace

void render_html(const weekly_report& r, std::ostream& out) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<title>" << esc(heading(r)) << "</title>\n<style>" << style
      << "</style>\n</head>\n<body>\n";
  out << "<h1>" << esc(heading(r)) << "</h1>\n<p class=\"muted\">" << esc(plan_line(r)) << "</p>\n";
  if (r.redacted) out << "<p class=\"muted\">" << redacted_line << "</p>\n";
  if (r.with_private_of)
    out << "<p class=\"muted\">" << esc(private_line(*r.with_private_of)) << "</p>\n";

  out << "<h2>Goals</h2>\n";
  for (const auto& g : r.goals) {
    out << "<div class=\"goal\"><strong>" << esc(g.partner) << "</strong> <span class=\"muted\">"
        << esc(goal_age(g, r)) << "</span>\n";
    if (g.problem && !r.redacted) out << "<p><em>Problem:</em> " << esc(*g.problem) << "</p>\n";
    if (g.outcome && !r.redacted) out << "<p><em>Outcome:</em> " << esc(*g.outcome) << "</p>\n";
    out << "<p>" << esc(ratings_text(g)) << "</p></div>\n";
  }

  if (r.partial)
    out << "<h2>" << esc(span_words(r))
        << " so far, beside the same days of the week before</h2>\n";
  else
    out << "<h2>This week beside the week before</h2>\n";
  out << "<table>\n<thead><tr><th>Figure</th><th>" << esc(now_heading(r)) << "</th><th>"
      << esc(before_heading(r)) << "</th><th>Change</th><th>Target</th></tr></thead>\n<tbody>\n";
  std::string section;
  for (const auto& row : figure_rows(r)) {
    if (row.section != section) {
      section = row.section;
      out << "<tr class=\"section\"><td colspan=\"5\">" << esc(section) << "</td></tr>\n";
    }
    out << "<tr><td>" << esc(row.label) << "</td><td class=\"n\">" << esc(row.now)
        << "</td><td class=\"n\">" << esc(row.before) << "</td><td class=\"n\">" << esc(row.change)
        << "</td><td>" << esc(row.target) << "</td></tr>\n";
  }
  out << "</tbody>\n</table>\n";

  const auto& stage = r.current.stage;
  if (!stage.moves.empty() || stage.red > 0 || !stage.windows.empty()) {
    out << "<h2>Touch</h2>\n<ul>\n";
    for (const auto& m : stage.moves) out << "<li>" << esc(move_line(m)) << "</li>\n";
    if (stage.red > 0) out << "<li>" << esc(red_line(stage.red)) << "</li>\n";
    if (!stage.windows.empty()) out << "<li>" << esc(windows_line(r)) << "</li>\n";
    out << "</ul>\n";
  }
  if (const std::string turns = turns_line(r); !turns.empty())
    out << "<h2>Initiations</h2>\n<ul>\n<li>" << esc(turns) << "</li>\n</ul>\n";

  if (!r.current.transparency.empty()) {
    out << "<h2>Transparency, a short-term bridge</h2>\n<ul>\n";
    for (const auto& t : r.current.transparency) {
      out << "<li>" << esc(transparency_line(t));
      if (!r.redacted) out << "<br>" << esc(t.text);
      out << "</li>\n";
    }
    out << "</ul>\n";
  }

  out << "<h2>Each day</h2>\n";
  for (const auto& c : r.current.checkins) {
    out << bars(c.partner + ": mood, 1 to 10", c.mood_by_day, 10, "#5b8a72");
    out << bars(c.partner + ": stress, 1 to 10", c.stress_by_day, 10, "#b07d4f");
  }
  std::array<std::optional<int>, 7> gestures{};
  int most = 5;
  for (std::size_t d = 0; d < 7; ++d) {
    if (in_span(r, d)) gestures[d] = r.current.gestures.per_day[d];
    most = std::max(most, r.current.gestures.per_day[d]);
  }
  out << bars("Gestures, both partners", gestures, most, "#6d7fb3") << "\n";
  bool began = false;
  for (const auto& who : r.current.gestures.first_of_day) began = began || !who.empty();
  if (began) {
    out << "<table>\n<thead><tr><th>Began the day</th>";
    for (const char* d : weekday_short) out << "<th>" << d << "</th>";
    out << "</tr></thead>\n<tbody><tr><td>first gesture</td>";
    for (const auto& who : r.current.gestures.first_of_day)
      out << "<td>" << (who.empty() ? "-" : esc(who)) << "</td>";
    out << "</tr></tbody>\n</table>\n";
  }
  for (const auto& c : r.current.checkins)
    if (c.earliest) out << "<p class=\"muted\">" << esc(spread_line(c)) << "</p>\n";

  if (!r.trend.empty()) {
    const auto names = trend_partners(r);
    out << "<h2>" << esc(fmt::format("The last {} weeks", r.trend.size())) << "</h2>\n"
        << trend_chart(r) << "<table>\n<thead><tr><th>Week</th>";
    for (const auto& n : names)
      out << "<th>" << esc(n) << ": rating</th><th>" << esc(n) << ": check-in days</th><th>"
          << esc(n) << ": mood</th><th>" << esc(n) << ": stress</th>";
    out << "<th>Gestures</th><th>Repairs</th></tr></thead>\n<tbody>\n";
    for (const auto& w : r.trend) {
      out << "<tr><td>" << esc(trend_label(w)) << "</td>";
      for (const auto& n : names) {
        const auto* p = trend_row(w, n);
        out << "<td class=\"n\">" << (p && p->rating ? std::to_string(*p->rating) : "-")
            << "</td><td class=\"n\">" << (p ? std::to_string(p->checkin_days) : "-")
            << "</td><td class=\"n\">" << (p ? one_decimal(p->mood) : "-")
            << "</td><td class=\"n\">" << (p ? one_decimal(p->stress) : "-") << "</td>";
      }
      out << "<td class=\"n\">" << w.gestures << "</td><td class=\"n\">" << w.repairs
          << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n";
  }

  bool any = false;
  for (const auto& c : r.current.checkins) any = any || !c.appreciations.empty();
  if (any && !r.redacted) {
    out << "<h2>Appreciations</h2>\n<ul>\n";
    for (const auto& c : r.current.checkins)
      for (const auto& a : c.appreciations)
        out << "<li><strong>" << esc(c.partner) << ":</strong> " << esc(a) << "</li>\n";
    out << "</ul>\n";
  }

  out << "<h2>Micro-wins</h2>\n";
  if (r.micro_wins.empty())
    out << "<p>No figure moved up on the week before. That happens; every entry still "
           "counts.</p>\n";
  else {
    out << "<ul>\n";
    for (const auto& w : r.micro_wins) out << "<li>" << esc(w) << "</li>\n";
    out << "</ul>\n";
  }

  if (any_words(r)) {
    const auto& now = r.current;
    out << "<h2>Words for the therapist</h2>\n";
    if (!now.concerns.items.empty()) {
      out << "<h3>Concerns</h3>\n<ul>\n";
      for (const auto& c : now.concerns.items) {
        out << "<li><strong>" << esc(who_when(c.partner, c.day)) << "</strong><ul>\n"
            << "<li><em>Describe:</em> " << esc(c.describe) << "</li>\n"
            << "<li><em>Impact:</em> " << esc(c.impact) << "</li>\n"
            << "<li><em>Ask:</em> " << esc(c.ask) << "</li>\n";
        if (c.answered_by) {
          out << "<li><em>Answered by "
              << esc(c.answered_on ? who_when(*c.answered_by, *c.answered_on) : *c.answered_by)
              << "</em><ul>\n";
          if (!c.hear.empty()) out << "<li><em>What I hear:</em> " << esc(c.hear) << "</li>\n";
          if (!c.validate.empty())
            out << "<li><em>It makes sense:</em> " << esc(c.validate) << "</li>\n";
          if (!c.commit_to.empty())
            out << "<li><em>I can commit to:</em> " << esc(c.commit_to) << "</li>\n";
          if (!c.hurdle.empty())
            out << "<li><em>I will need support with:</em> " << esc(c.hurdle) << "</li>\n";
          out << "</ul></li>\n";
        }
        out << "</ul></li>\n";
      }
      out << "</ul>\n";
    }
    if (!now.repairs.items.empty()) {
      out << "<h3>Repairs</h3>\n<ul>\n";
      for (const auto& x : now.repairs.items) {
        out << "<li><strong>" << esc(repair_heading(x)) << ":</strong> " << esc(x.text);
        if (x.full_sequence) {
          out << "<ul>\n";
          for (const auto& [label, text] : sequence_parts(x))
            out << "<li><em>" << esc(label) << "</em>" << esc(text) << "</li>\n";
          out << "</ul>";
        }
        out << "</li>\n";
      }
      out << "</ul>\n";
    }
    // Each story in a table, one column a voice: side by side, neither a verdict.
    for (const auto& st : r.stories) {
      out << "<h3>" << esc(story_title(st))
          << "</h3>\n<table class=\"review\">\n<thead><tr><th></th>";
      for (const auto& a : st.accounts) out << "<th>" << esc(who_when(a.partner, a.day)) << "</th>";
      out << "</tr></thead>\n<tbody>\n";
      for (std::size_t part = 0; part < 3; ++part) {
        out << "<tr><th>" << esc(story_parts(st.accounts.front())[part].first) << "</th>";
        for (const auto& a : st.accounts)
          out << "<td>" << esc(story_parts(a)[part].second) << "</td>";
        out << "</tr>\n";
      }
      out << "</tbody>\n</table>\n";
      if (!st.waiting.empty()) out << "<p class=\"muted\">" << esc(story_waiting(st)) << "</p>\n";
    }
    if (!now.celebrations.items.empty()) {
      out << "<h3>Celebrations</h3>\n<ul>\n";
      for (const auto& c : now.celebrations.items)
        out << "<li><strong>" << esc(who_when(c.partner, c.day)) << ":</strong> " << esc(c.text)
            << "</li>\n";
      out << "</ul>\n";
    }
    if (!now.therapy.open.empty()) {
      out << "<h3>Homework still open</h3>\n<ul>\n";
      for (const auto& h : now.therapy.open)
        out << "<li><strong>" << esc(homework_heading(h)) << ":</strong> " << esc(h.text)
            << "</li>\n";
      out << "</ul>\n";
    }
    if (!now.timeouts.notes.empty()) {
      out << "<h3>Coming back after a time-out</h3>\n<ul>\n";
      for (const auto& n : now.timeouts.notes)
        out << "<li><strong>" << esc(who_when(n.partner, n.day)) << ":</strong> " << esc(n.text)
            << "</li>\n";
      out << "</ul>\n";
    }
  }

  if (!r.reviews.empty()) {
    out << "<h2>The latest quarterly review</h2>\n<table class=\"review\">\n<thead><tr><th></th>";
    for (const auto& v : r.reviews) out << "<th>" << esc(who_when(v.partner, v.day)) << "</th>";
    out << "</tr></thead>\n<tbody>\n";
    if (!r.redacted) {
      auto answers = [&](const char* title, std::string review_voice::*field) {
        out << "<tr><th>" << title << "</th>";
        for (const auto& v : r.reviews) out << "<td>" << esc(v.*field) << "</td>";
        out << "</tr>\n";
      };
      answers("What felt good", &review_voice::good);
      answers("What felt heavy", &review_voice::heavy);
      answers("Next experiment", &review_voice::next);
    }
    out << "</tbody>\n</table>\n";
    if (!r.reviews_waiting.empty())
      out << "<p class=\"muted\">" << esc(reviews_waiting_line(r)) << "</p>\n";
  }

  if (!r.redacted && any_agreements(r.rules)) {
    out << "<h2>Your agreements</h2>\n";
    for (const auto& [title, list] : agreement_lists(r.rules)) {
      if (list->empty()) continue;
      out << "<h3>" << esc(title) << "</h3>\n<ul>\n";
      for (const auto& item : *list) out << "<li>" << esc(item) << "</li>\n";
      out << "</ul>\n";
    }
  }

  out << "<h2>The plan</h2>\n";
  if (r.phase) {
    out << "<p>This phase asks:</p>\n<ul>\n";
    for (const auto& ask : r.asks) out << "<li>" << esc(ask) << "</li>\n";
    out << "</ul>\n";
  }
  if (const plan_phase* next = next_phase(r))
    out << "<p>"
        << esc(fmt::format("Next, weeks {}-{}: {}.", next->first_week, next->last_week,
                           next->title))
        << "</p>\n";
  else
    out << "<p>Keep what worked; the quarterly review is the place to choose the next "
           "experiment.</p>\n";
  out << "</body>\n</html>\n";
}

}  // namespace rebuild
