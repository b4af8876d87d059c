// The weekly report for a terminal: readable in 80 columns, colour only when asked.
#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "common.hpp"
#include "rebuild/text.hpp"

namespace rebuild {
namespace {

using namespace report_detail;

constexpr std::size_t columns = 80;

std::size_t width_of(const std::string& s) { return display_width(s); }

std::string pad(const std::string& s, std::size_t width) {
  const std::size_t len = width_of(s);
  return len >= width ? s + " " : s + std::string(width - len, ' ');
}

std::string trimmed(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
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

/// The label, then the text wrapped beside it; later lines start under the text's first.
void indented_text(std::ostream& out, const std::string& label, const std::string& text,
                   std::size_t indent) {
  const std::size_t used = indent + width_of(label);
  const std::size_t room = used + 20 < columns ? columns - used : 20;
  const auto lines = wrap_text(text, room);
  const std::size_t hang = used + 20 < columns ? width_of(label) : 2;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i == 0)
      out << std::string(indent, ' ') << label;
    else
      out << std::string(indent + hang, ' ');
    out << lines[i] << '\n';
  }
}

/// The figure table, with columns as wide as their widest cell; a target too long for what
/// is left of the line wraps under its column.
void figure_table(std::ostream& out, const weekly_report& r,
                  const std::function<std::string(const std::string&)>& bold) {
  const auto rows = figure_rows(r);
  const std::string now_head = r.partial ? "so far" : "this week";
  const std::string before_head = r.partial ? "same days" : "before";
  std::size_t label_w = 0, now_w = width_of(now_head), before_w = width_of(before_head),
              change_w = width_of("change");
  for (const auto& x : rows) {
    if (width_of(x.label) <= 40) label_w = std::max(label_w, width_of(x.label));
    now_w = std::max(now_w, width_of(x.now));
    before_w = std::max(before_w, width_of(x.before));
    change_w = std::max(change_w, width_of(x.change));
  }
  std::size_t longest_target = 0;
  for (const auto& x : rows) longest_target = std::max(longest_target, width_of(x.target));
  // Two spaces after the label and the week before, or one when a target would not fit.
  const std::size_t gutter =
      2 + label_w + 2 + now_w + 1 + before_w + 2 + change_w + 1 + longest_target <= columns ? 2 : 1;
  label_w += gutter, now_w += 1, before_w += gutter, change_w += 1;
  const std::size_t target_at = 2 + label_w + now_w + before_w + change_w;
  const std::size_t target_w = target_at + 8 < columns ? columns - target_at : 8;

  if (r.partial)
    out << "  " << span_words(r) << " so far, beside the same days of the week before.\n";
  out << std::string(2 + label_w, ' ') << pad(now_head, now_w) << pad(before_head, before_w)
      << pad("change", change_w) << "target\n";
  std::string section;
  for (const auto& x : rows) {
    if (x.section != section) {
      section = x.section;
      out << bold(section) << '\n';
    }
    std::string line = "  ";
    if (width_of(x.label) > label_w) {  // a very long name: the label on a line of its own
      out << "  " << x.label << '\n';
      line = "  " + std::string(label_w, ' ');
    } else {
      line += pad(x.label, label_w);
    }
    line += pad(x.now, now_w) + pad(x.before, before_w) + pad(x.change, change_w);
    const auto target =
        x.target.empty() ? std::vector<std::string>{""} : wrap_text(x.target, target_w);
    out << trimmed(line + target[0]) << '\n';
    for (std::size_t i = 1; i < target.size(); ++i)
      out << std::string(target_at, ' ') << target[i] << '\n';
  }
}

void trend_block(std::ostream& out, const weekly_report& r,
                 const std::function<std::string(const std::string&)>& bold) {
  if (r.trend.empty()) return;
  const auto names = trend_partners(r);
  out << '\n' << bold(fmt::format("The last {} weeks", r.trend.size())) << '\n';
  // A group of four columns a partner: rating, check-in days, mood, stress.
  constexpr std::size_t week_w = 10, group_w = 24;
  std::string head1 = std::string(2 + week_w, ' '), head2 = "  " + pad("week", week_w);
  for (const auto& name : names) {
    std::string shown = name;
    if (width_of(shown) > group_w - 2) shown = wrap_text(shown, group_w - 3).front() + "…";
    head1 += pad(shown, group_w);
    head2 += pad("rating", 7) + pad("days", 5) + pad("mood", 5) + pad("stress", 7);
  }
  out << trimmed(head1) << '\n' << trimmed(head2 + pad("gestures", 9) + "repairs") << '\n';
  for (const auto& w : r.trend) {
    std::string line = "  " + pad(w.partial ? w.label + "*" : w.label, week_w);
    for (const auto& name : names) {
      const auto* p = trend_row(w, name);
      line += pad(p && p->rating ? std::to_string(*p->rating) : "-", 7) +
              pad(p ? std::to_string(p->checkin_days) : "-", 5) +
              pad(p ? one_decimal(p->mood) : "-", 5) + pad(p ? one_decimal(p->stress) : "-", 7);
    }
    out << trimmed(line + pad(std::to_string(w.gestures), 9) + std::to_string(w.repairs)) << '\n';
  }
  if (r.trend.back().partial) out << "  * so far: " << span_words(r) << '\n';
  out << "  Oldest first, one mark a week (· where nothing was written):\n";
  for (const auto& s : trend_lines(r)) {
    std::string label = s.name;
    if (width_of(label) > 30) label = wrap_text(label, 29).front() + "…";
    out << "    " << pad(label, 32) << sparkline(s) << '\n';
  }
}

}  // namespace

void render_text(const weekly_report& r, std::ostream& out, const render_options& options) {
  const std::function<std::string(const std::string&)> bold = [&](const std::string& s) {
    return options.bold ? options.bold(s) : s;
  };
  for (const auto& l : wrap_text(heading(r), columns)) out << bold(l) << '\n';
  for (const auto& l : wrap_text(plan_line(r), columns)) out << l << '\n';
  if (r.redacted) out << "(" << redacted_line << ")\n";
  if (r.with_private_of) out << "(" << private_line(*r.with_private_of) << ")\n";

  out << '\n' << bold("Goals") << '\n';
  for (const auto& g : r.goals) {
    indented_text(out, g.partner + ": ", goal_age(g, r), 2);
    if (g.problem && !r.redacted) indented_text(out, "Problem: ", *g.problem, 4);
    if (g.outcome && !r.redacted) indented_text(out, "Outcome: ", *g.outcome, 4);
    out << "    " << ratings_text(g) << "\n";
  }

  out << '\n';
  figure_table(out, r, bold);

  const auto& stage = r.current.stage;
  if (!stage.moves.empty() || stage.red > 0 || !stage.windows.empty()) {
    out << '\n' << bold("Touch") << '\n';
    for (const auto& m : stage.moves) indented_text(out, "", move_line(m), 2);
    if (stage.red > 0) indented_text(out, "", red_line(stage.red), 2);
    if (!stage.windows.empty()) indented_text(out, "", windows_line(r), 2);
  }
  if (const std::string turns = turns_line(r); !turns.empty()) {
    out << '\n' << bold("Initiations") << '\n';
    indented_text(out, "", turns, 2);
  }

  if (!r.current.transparency.empty()) {
    out << '\n' << bold("Transparency, a short-term bridge") << '\n';
    for (const auto& t : r.current.transparency) {
      indented_text(out, "", transparency_line(t), 2);
      if (!r.redacted) indented_text(out, "", t.text, 4);
    }
  }

  auto line = [&](const std::string& label, const std::string& series) {
    out << trimmed("  " + pad(label, 26) + series) << '\n';
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
    if (in_span(r, d)) gestures[d] = r.current.gestures.per_day[d];
    most = std::max(most, r.current.gestures.per_day[d]);
  }
  line("gestures", spark(gestures, 0, most));
  // Who began each day: the rotation, one line a partner.
  for (const auto& p : r.current.gestures.by_partner) {
    std::string marks;
    bool any = false;
    for (std::size_t d = 0; d < 7; ++d) {
      const bool first = r.current.gestures.first_of_day[d] == p.partner;
      any = any || first;
      marks += first ? " ●  " : " ·  ";
    }
    if (any) line(p.partner + " began", marks);
  }
  for (const auto& c : r.current.checkins)
    if (c.earliest) indented_text(out, "", spread_line(c), 2);

  trend_block(out, r, bold);

  bool any = false;
  for (const auto& c : r.current.checkins) any = any || !c.appreciations.empty();
  if (any && !r.redacted) {
    out << '\n' << bold("Appreciations") << '\n';
    for (const auto& c : r.current.checkins)
      for (const auto& a : c.appreciations) indented_text(out, c.partner + ": ", a, 2);
  }

  out << '\n' << bold("Micro-wins") << '\n';
  if (r.micro_wins.empty())
    out << "  No figure moved up on the week before. That happens; every entry still counts.\n";
  for (const auto& w : r.micro_wins) indented_text(out, "- ", w, 2);

  if (any_words(r)) {
    const auto& now = r.current;
    out << '\n' << bold("Words for the therapist") << '\n';
    if (!now.concerns.items.empty()) {
      out << "  Concerns\n";
      for (const auto& c : now.concerns.items) {
        out << "    " << who_when(c.partner, c.day) << '\n';
        indented_text(out, "Describe: ", c.describe, 6);
        indented_text(out, "Impact: ", c.impact, 6);
        indented_text(out, "Ask: ", c.ask, 6);
        if (c.answered_by) {
          out << "      Answered by "
              << (c.answered_on ? who_when(*c.answered_by, *c.answered_on) : *c.answered_by)
              << '\n';
          if (!c.hear.empty()) indented_text(out, "What I hear: ", c.hear, 8);
          if (!c.validate.empty()) indented_text(out, "It makes sense: ", c.validate, 8);
          if (!c.commit_to.empty()) indented_text(out, "I can commit to: ", c.commit_to, 8);
          if (!c.hurdle.empty()) indented_text(out, "I will need support with: ", c.hurdle, 8);
        }
      }
    }
    if (!now.repairs.items.empty()) {
      out << "  Repairs\n";
      for (const auto& x : now.repairs.items) {
        out << "    " << repair_heading(x) << '\n';
        indented_text(out, "", x.text, 6);
        if (x.full_sequence)
          for (const auto& [label, text] : sequence_parts(x)) indented_text(out, label, text, 6);
      }
    }
    if (!r.stories.empty()) {
      out << "  Stories, in each voice\n";
      for (const auto& st : r.stories) {
        out << "    " << story_title(st) << '\n';
        for (const auto& a : st.accounts) {
          out << "      " << who_when(a.partner, a.day) << '\n';
          for (const auto& [label, text] : story_parts(a))
            indented_text(out, label + ": ", text, 8);
        }
        if (!st.waiting.empty()) indented_text(out, "", story_waiting(st), 6);
      }
    }
    if (!now.celebrations.items.empty()) {
      out << "  Celebrations\n";
      for (const auto& c : now.celebrations.items) {
        out << "    " << who_when(c.partner, c.day) << '\n';
        indented_text(out, "", c.text, 6);
      }
    }
    if (!now.therapy.open.empty()) {
      out << "  Homework still open\n";
      for (const auto& h : now.therapy.open) {
        out << "    " << homework_heading(h) << '\n';
        indented_text(out, "", h.text, 6);
      }
    }
    if (!now.timeouts.notes.empty()) {
      out << "  Coming back after a time-out\n";
      for (const auto& n : now.timeouts.notes) {
        out << "    " << who_when(n.partner, n.day) << '\n';
        indented_text(out, "", n.text, 6);
      }
    }
  }

  if (!r.reviews.empty()) {
    out << '\n' << bold("The latest quarterly review") << '\n';
    for (const auto& v : r.reviews) {
      out << "  " << who_when(v.partner, v.day) << '\n';
      if (r.redacted) continue;
      indented_text(out, "What felt good: ", v.good, 4);
      indented_text(out, "What felt heavy: ", v.heavy, 4);
      indented_text(out, "Next experiment: ", v.next, 4);
    }
    if (!r.reviews_waiting.empty()) indented_text(out, "", reviews_waiting_line(r), 2);
  }

  if (!r.redacted && any_agreements(r.rules)) {
    out << '\n' << bold("Your agreements") << '\n';
    for (const auto& [title, list] : agreement_lists(r.rules)) {
      if (list->empty()) continue;
      out << "  " << title << '\n';
      for (const auto& item : *list) indented_text(out, "- ", item, 4);
    }
  }

  out << '\n' << bold("The plan") << '\n';
  if (r.phase) {
    out << "  This phase asks:\n";
    for (const auto& ask : r.asks) indented_text(out, "- ", ask, 4);
  }
  if (const plan_phase* next = next_phase(r))
    indented_text(
        out, "",
        fmt::format("Next, weeks {}-{}: {}.", next->first_week, next->last_week, next->title), 2);
  else
    out << "  Keep what worked; the quarterly review is the place to choose the next experiment.\n";
}

}  // namespace rebuild
