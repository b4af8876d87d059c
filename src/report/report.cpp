#include "rebuild/report.hpp"

#include <date/iso_week.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "build.hpp"
#include "rebuild/attachment.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/goals.hpp"
#include "rebuild/text.hpp"

namespace rebuild {
week parse_week(std::string_view text, days_t today) {
  if (text.empty()) return week_of(today);
  if (ascii_lower(text) == "last") return week_of(today - date::days{7});
  // YYYY-Www
  if (text.size() == 8 && text[4] == '-' && (text[5] == 'W' || text[5] == 'w')) {
    const std::string digits = std::string(text.substr(0, 4)) + std::string(text.substr(6, 2));
    if (digits.find_first_not_of("0123456789") == std::string::npos) {
      const int year = std::stoi(std::string(text.substr(0, 4)));
      const unsigned number = static_cast<unsigned>(std::stoi(std::string(text.substr(6, 2))));
      const iso_week::year_weeknum_weekday monday{iso_week::year{year}, iso_week::weeknum{number},
                                                  iso_week::mon};
      if (!monday.ok())
        throw data_error(
            fmt::format("{} has no week {}; use YYYY-Www with a week that year has", year, number));
      return week_of(days_t{date::sys_days{monday}.time_since_epoch()});
    }
  }
  try {
    return week_of(parse_day(text, today));
  } catch (const data_error& e) {
    // A day that is written as one but is not on the calendar says why (2026-02-29).
    const bool looks_like_a_day = text.size() == 10 && text[4] == '-' && text[7] == '-';
    if (looks_like_a_day) throw data_error(fmt::format("for --week: {}", e.what()));
    throw data_error(
        fmt::format("cannot read the week '{}'; use last, YYYY-Www (such as "
                    "2026-W10) or a day",
                    text));
  }
}

namespace {

agreements agreements_by(journal& j, days_t until) {
  agreements out;
  for (const auto& r : rules_in_force(j, until)) {
    const std::string type = r.text("type");
    auto& list = type == "stop-phrase" ? out.stop_phrases
                 : type == "red-line"  ? out.red_lines
                 : type == "touch"     ? out.touch_rules
                                       : out.script;
    list.push_back(r.text("text"));
  }
  return out;
}

/// The latest round of the quarterly review by `until`, in both voices, and who is yet to
/// answer it.
void reviews_by(journal& j, const std::vector<partner>& pair, days_t until, bool redact,
                weekly_report& r) {
  const auto round = latest_review_round(j, until);
  if (!round) return;
  for (const auto& p : pair) {
    const entry* v = round->voice_of(p.id);
    if (v == nullptr) {
      r.reviews_waiting.push_back(p.name);
      continue;
    }
    r.reviews.push_back({p.name, v->day, redact ? "" : v->text("good"),
                         redact ? "" : v->text("heavy"), redact ? "" : v->text("next")});
  }
}

/// The stories with an account written in the span, both voices as they stood at its end.
std::vector<story_item> stories_in(journal& j, const std::vector<partner>& pair, const span& s,
                                   bool redact) {
  std::vector<story_item> out;
  const auto account = [&](const entry& e) {
    return story_account{e.author.name, e.day, redact ? "" : e.text("happened"),
                         redact ? "" : e.text("needed"), redact ? "" : e.text("possible")};
  };
  for (const auto& v : stories_between(j, s.from, s.to)) {
    story_item item{redact ? "" : v.title(), {account(v.first)}, {}};
    if (v.second) item.accounts.push_back(account(*v.second));
    for (const auto& p : pair)
      if (p.id != v.first.author.id && !(v.second && v.second->author.id == p.id))
        item.waiting.push_back(p.name);
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

weekly_report build_report(journal& j, const week& w, days_t today, bool redact, int trend_weeks) {
  weekly_report r;
  r.w = w;
  r.redacted = redact;
  // The week still running is counted so far, beside the same days of the week before.
  r.partial = today >= w.monday && today < w.sunday;
  r.days_so_far = r.partial ? static_cast<int>((today - w.monday).count()) + 1 : 7;
  const span now_span{w.monday, w.monday + date::days{r.days_so_far - 1}};
  const span before_span{now_span.from - date::days{7}, now_span.to - date::days{7}};

  r.plan_start = plan_start_as_of(j, w.sunday);
  r.plan_week = plan_week(r.plan_start, w.monday > r.plan_start ? w.monday : w.sunday);
  r.phase = phase_of_week(r.plan_week);
  const auto pair = partners(j);
  const auto goals = entries_of_kind(j, "goal");  // read once, not once a partner
  for (const auto& p : pair) {
    goal_figures g;
    g.partner = p.name;
    // The goal in force at the end of the week.
    std::optional<entry> goal;
    for (const auto& e : goals)
      if (e.author.id == p.id && e.day <= w.sunday) goal = e;
    if (goal) {
      g.months = static_cast<int>(goal->number("months").value_or(0));
      g.set_on = goal->day;
      if (!redact) {
        g.problem = goal->text("problem");
        g.outcome = goal->text("outcome");
      }
    }
    if (const auto rating = rating_in_week(j, p, w))
      g.ratings.push_back(static_cast<int>(rating->number("rating").value_or(0)));
    r.goals.push_back(std::move(g));
  }
  r.rules = agreements_by(j, now_span.to);
  reviews_by(j, pair, now_span.to, redact, r);
  r.stories = stories_in(j, pair, now_span, redact);

  const auto fortnight = activity_between(j, before_span.from, now_span.to);
  const auto support = report_build::support_by(j, before_span.from, now_span.to);
  r.current = report_build::figures_for(j, pair, now_span, fortnight, support, redact, true);
  r.previous = report_build::figures_for(j, pair, before_span, fortnight, support, redact, false);
  if (r.phase)
    r.asks = phase_asks(*r.phase, r.current.stage.current, !r.current.stage.windows.empty());
  r.trend = report_build::trend(j, pair, w, trend_weeks, today);
  r.micro_wins = report_build::micro_wins(r);
  return r;
}

}  // namespace rebuild
