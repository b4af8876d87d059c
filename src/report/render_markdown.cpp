// The weekly report as Markdown: tables a therapist can read anywhere. Every text from the
// journal, names too, goes through markdown_escape, so no viewer makes markup of it.
#include <fmt/format.h>

#include "common.hpp"
#include "rebuild/text.hpp"

namespace rebuild {

namespace {

using namespace report_detail;

std::string cell(const std::string& s) { return markdown_escape(s); }

template <std::size_t N>
std::string day_cells(const std::array<std::optional<int>, N>& values) {
  std::string out;
  for (const auto& v : values) out += " " + (v ? std::to_string(*v) : std::string("-")) + " |";
  return out;
}

void trend_table(std::ostream& out, const weekly_report& r) {
  if (r.trend.empty()) return;
  const auto names = trend_partners(r);
  out << fmt::format("\n## The last {} weeks\n\n| Week |", r.trend.size());
  for (const auto& n : names)
    out << " " << cell(n) << ": rating | " << cell(n) << ": check-in days | " << cell(n)
        << ": mood | " << cell(n) << ": stress |";
  out << " Gestures | Repairs |\n|---|";
  for (std::size_t i = 0; i < names.size() * 4 + 2; ++i) out << "---:|";
  out << "\n";
  for (const auto& w : r.trend) {
    out << "| " << cell(trend_label(w)) << " |";
    for (const auto& n : names) {
      const auto* p = trend_row(w, n);
      out << " " << (p && p->rating ? std::to_string(*p->rating) : "-") << " | "
          << (p ? std::to_string(p->checkin_days) : "-") << " | "
          << (p ? one_decimal(p->mood) : "-") << " | " << (p ? one_decimal(p->stress) : "-")
          << " |";
    }
    out << " " << w.gestures << " | " << w.repairs << " |\n";
  }
  out << "\nOldest first, one mark a week (· where nothing was written):\n\n";
  for (const auto& s : trend_lines(r)) out << "- " << cell(s.name) << " `" << sparkline(s) << "`\n";
}

}  // namespace

void render_markdown(const weekly_report& r, std::ostream& out) {
  out << "# " << cell(heading(r)) << "\n\n" << cell(plan_line(r)) << "\n";
  if (r.redacted) out << "\n_" << redacted_line << "_\n";
  if (r.with_private_of) out << "\n_" << cell(private_line(*r.with_private_of)) << "_\n";

  out << "\n## Goals\n";
  for (const auto& g : r.goals) {
    out << "\n### " << cell(g.partner) << "\n\n";
    out << "- " << cell(goal_age(g, r)) << "\n";
    if (g.problem && !r.redacted) out << "- **Problem:** " << cell(*g.problem) << "\n";
    if (g.outcome && !r.redacted) out << "- **Outcome:** " << cell(*g.outcome) << "\n";
    out << "- " << cell(ratings_text(g)) << "\n";
  }

  if (r.partial)
    out << "\n## " << cell(span_words(r)) << " so far, beside the same days of the week before\n\n";
  else
    out << "\n## This week beside the week before\n\n";
  out << "| Practice | Figure | " << cell(now_heading(r)) << " | " << cell(before_heading(r))
      << " | Change | Target |\n";
  out << "|---|---|---:|---:|---:|---|\n";
  for (const auto& row : figure_rows(r))
    out << "| " << row.section << " | " << cell(row.label) << " | " << row.now << " | "
        << row.before << " | " << row.change << " | " << row.target << " |\n";

  const auto& stage = r.current.stage;
  if (!stage.moves.empty() || stage.red > 0 || !stage.windows.empty()) {
    out << "\n## Touch\n\n";
    for (const auto& m : stage.moves) out << "- " << cell(move_line(m)) << "\n";
    if (stage.red > 0) out << "- " << cell(red_line(stage.red)) << "\n";
    if (!stage.windows.empty()) out << "- " << cell(windows_line(r)) << "\n";
  }
  if (const std::string turns = turns_line(r); !turns.empty())
    out << "\n## Initiations\n\n- " << cell(turns) << "\n";

  if (!r.current.transparency.empty()) {
    out << "\n## Transparency, a short-term bridge\n\n";
    for (const auto& t : r.current.transparency) {
      out << "- " << cell(transparency_line(t)) << "\n";
      if (!r.redacted) out << "  - " << cell(t.text) << "\n";
    }
  }

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
  for (std::size_t d = 0; d < 7; ++d)
    out << " " << (in_span(r, d) ? std::to_string(r.current.gestures.per_day[d]) : "-") << " |";
  out << "\n| began the day |";
  for (const auto& who : r.current.gestures.first_of_day)
    out << " " << (who.empty() ? "-" : cell(who)) << " |";
  out << "\n";
  for (const auto& c : r.current.checkins)
    if (c.earliest) out << "\n" << cell(spread_line(c)) << "\n";

  trend_table(out, r);

  bool any = false;
  for (const auto& c : r.current.checkins) any = any || !c.appreciations.empty();
  if (any && !r.redacted) {
    out << "\n## Appreciations\n\n";
    for (const auto& c : r.current.checkins)
      for (const auto& a : c.appreciations)
        out << "- **" << cell(c.partner) << ":** " << cell(a) << "\n";
  }

  out << "\n## Micro-wins\n\n";
  if (r.micro_wins.empty())
    out << "No figure moved up on the week before. That happens; every entry still counts.\n";
  for (const auto& w : r.micro_wins) out << "- " << cell(w) << "\n";

  if (any_words(r)) {
    const auto& now = r.current;
    out << "\n## Words for the therapist\n";
    if (!now.concerns.items.empty()) {
      out << "\n### Concerns\n\n";
      for (const auto& c : now.concerns.items) {
        out << "- **" << cell(who_when(c.partner, c.day)) << "**\n";
        out << "  - **Describe:** " << cell(c.describe) << "\n";
        out << "  - **Impact:** " << cell(c.impact) << "\n";
        out << "  - **Ask:** " << cell(c.ask) << "\n";
        if (c.answered_by) {
          out << "  - **Answered by "
              << cell(c.answered_on ? who_when(*c.answered_by, *c.answered_on) : *c.answered_by)
              << "**\n";
          if (!c.hear.empty()) out << "    - **What I hear:** " << cell(c.hear) << "\n";
          if (!c.validate.empty()) out << "    - **It makes sense:** " << cell(c.validate) << "\n";
          if (!c.commit_to.empty())
            out << "    - **I can commit to:** " << cell(c.commit_to) << "\n";
          if (!c.hurdle.empty())
            out << "    - **I will need support with:** " << cell(c.hurdle) << "\n";
        }
      }
    }
    if (!now.repairs.items.empty()) {
      out << "\n### Repairs\n\n";
      for (const auto& x : now.repairs.items) {
        out << "- **" << cell(repair_heading(x)) << ":** " << cell(x.text) << "\n";
        if (x.full_sequence)
          for (const auto& [label, text] : sequence_parts(x))
            out << "  - **" << cell(label) << "**" << cell(text) << "\n";
      }
    }
    // Each story in a table, one column a voice: side by side, neither a verdict.
    for (const auto& st : r.stories) {
      out << "\n### " << cell(story_title(st)) << "\n\n|   |";
      for (const auto& a : st.accounts) out << " " << cell(who_when(a.partner, a.day)) << " |";
      out << "\n|---|";
      for (std::size_t i = 0; i < st.accounts.size(); ++i) out << "---|";
      out << "\n";
      for (std::size_t part = 0; part < 3; ++part) {
        out << "| " << story_parts(st.accounts.front())[part].first << " |";
        for (const auto& a : st.accounts) out << " " << cell(story_parts(a)[part].second) << " |";
        out << "\n";
      }
      if (!st.waiting.empty()) out << "\n" << cell(story_waiting(st)) << "\n";
    }
    if (!now.celebrations.items.empty()) {
      out << "\n### Celebrations\n\n";
      for (const auto& c : now.celebrations.items)
        out << "- **" << cell(who_when(c.partner, c.day)) << ":** " << cell(c.text) << "\n";
    }
    if (!now.therapy.open.empty()) {
      out << "\n### Homework still open\n\n";
      for (const auto& h : now.therapy.open)
        out << "- **" << cell(homework_heading(h)) << ":** " << cell(h.text) << "\n";
    }
    if (!now.timeouts.notes.empty()) {
      out << "\n### Coming back after a time-out\n\n";
      for (const auto& n : now.timeouts.notes)
        out << "- **" << cell(who_when(n.partner, n.day)) << ":** " << cell(n.text) << "\n";
    }
  }

  if (!r.reviews.empty()) {
    out << "\n## The latest quarterly review\n\n|   |";
    for (const auto& v : r.reviews) out << " " << cell(who_when(v.partner, v.day)) << " |";
    out << "\n|---|";
    for (std::size_t i = 0; i < r.reviews.size(); ++i) out << "---|";
    out << "\n";
    if (!r.redacted) {
      auto answers = [&](const char* title, std::string review_voice::*field) {
        out << "| " << title << " |";
        for (const auto& v : r.reviews) out << " " << cell(v.*field) << " |";
        out << "\n";
      };
      answers("What felt good", &review_voice::good);
      answers("What felt heavy", &review_voice::heavy);
      answers("Next experiment", &review_voice::next);
    }
    if (!r.reviews_waiting.empty()) out << "\n" << cell(reviews_waiting_line(r)) << "\n";
  }

  if (!r.redacted && any_agreements(r.rules)) {
    out << "\n## Your agreements\n";
    for (const auto& [title, list] : agreement_lists(r.rules)) {
      if (list->empty()) continue;
      out << "\n### " << title << "\n\n";
      for (const auto& item : *list) out << "- " << cell(item) << "\n";
    }
  }

  out << "\n## The plan\n\n";
  if (r.phase) {
    out << "This phase asks:\n\n";
    for (const auto& ask : r.asks) out << "- " << cell(ask) << "\n";
  }
  if (const plan_phase* next = next_phase(r))
    out << "\n"
        << cell(fmt::format("Next, weeks {}-{}: {}.", next->first_week, next->last_week,
                            next->title))
        << "\n";
  else
    out << "\nKeep what worked; the quarterly review is the place to choose the next experiment.\n";
}

}  // namespace rebuild
