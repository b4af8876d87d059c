// The trend (a row a week, for the last N weeks) and the micro-wins.
#include <fmt/format.h>

#include <map>

#include "build.hpp"

namespace rebuild::report_build {
namespace {

std::optional<double> mean_of(double sum, int count) {
  if (count == 0) return std::nullopt;
  return sum / count;
}

std::string plural(int n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

template <typename T>
const T* same_partner(const std::vector<T>& list, const std::string& name) {
  for (const auto& item : list)
    if (item.partner == name) return &item;
  return nullptr;
}

int checkin_days(const week_figures& f) {
  int n = 0;
  for (const auto& c : f.checkins) n += c.days;
  return n;
}

}  // namespace

std::vector<trend_week> trend(journal& j, const std::vector<partner>& pair, const week& last,
                              int count, days_t today) {
  std::vector<trend_week> out;
  if (count <= 0) return out;
  const days_t first = last.monday - date::days{7 * (count - 1)};
  // One read for all the weeks: the entries, and the ratings (one a week each).
  const auto tallies = tallies_between(j, first, last.sunday);
  log_filter ratings;
  ratings.since = first;
  ratings.until = last.sunday;
  ratings.kind = &kind_named("rating");
  ratings.oldest_first = true;
  std::map<std::pair<days_t, std::int64_t>, int> rating;  // (monday, partner) -> the latest
  for (const auto& r : list_entries(j, ratings))
    rating[{week_of(r.day).monday, r.author.id}] = static_cast<int>(r.number("rating").value_or(0));

  for (int i = 0; i < count; ++i) {
    const week w = week_of(first + date::days{7 * i});
    trend_week row;
    row.label = w.label;
    row.monday = w.monday;
    row.partial = today >= w.monday && today < w.sunday;
    struct sums {
      int days = 0;
      int with_figures = 0;  // days whose mood and stress the reader may see
      double mood = 0, stress = 0;
    };
    std::map<std::int64_t, sums> by;
    for (const auto& t : tallies) {
      if (t.day < w.monday || t.day > w.sunday) continue;
      if (t.kind == "gesture")
        row.gestures += 1;
      else if (t.kind == "repair")
        row.repairs += 1;
      else if (t.kind == "checkin") {  // one a day
        auto& s = by[t.author];
        s.days += 1;
        if (!t.figures) continue;
        s.with_figures += 1;
        s.mood += t.mood;
        s.stress += t.stress;
      }
    }
    for (const auto& p : pair) {
      const sums& s = by[p.id];
      trend_week::partner_row pr{p.name, std::nullopt, s.days, mean_of(s.mood, s.with_figures),
                                 mean_of(s.stress, s.with_figures)};
      if (const auto it = rating.find({w.monday, p.id}); it != rating.end()) pr.rating = it->second;
      row.partners.push_back(std::move(pr));
    }
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<std::string> micro_wins(const weekly_report& r) {
  const week_figures& now = r.current;
  const week_figures& before = r.previous;
  const std::string so_far = r.partial ? " so far" : "";
  std::vector<std::string> wins;

  // A full run of check-ins, for each partner who made one.
  for (const auto& c : now.checkins)
    if (c.days == now.days.days())
      wins.push_back(r.partial ? fmt::format("{} checked in every day so far", c.partner)
                               : fmt::format("{} checked in every day of the week", c.partner));
  const int days_now = checkin_days(now), days_before = checkin_days(before);
  if (days_now > days_before)
    wins.push_back(fmt::format("{} more {} than the week before{}", days_now - days_before,
                               days_now - days_before == 1 ? "check-in day" : "check-in days",
                               so_far));
  for (const auto& c : now.checkins) {
    const auto* b = same_partner(before.checkins, c.partner);
    if (!b) continue;
    if (c.stress && b->stress && *c.stress < *b->stress - 0.05)
      wins.push_back(
          fmt::format("{}'s stress eased: {:.1f} after {:.1f}", c.partner, *c.stress, *b->stress));
    if (c.mood && b->mood && *c.mood > *b->mood + 0.05)
      wins.push_back(
          fmt::format("{}'s mood rose: {:.1f} after {:.1f}", c.partner, *c.mood, *b->mood));
  }
  // Ratings: this week's against the last one given before it.
  if (r.trend.size() >= 2)
    for (const auto& p : r.trend.back().partners) {
      if (!p.rating) continue;
      for (auto it = r.trend.rbegin() + 1; it != r.trend.rend(); ++it) {
        const auto* earlier = same_partner(it->partners, p.partner);
        if (!earlier || !earlier->rating) continue;
        if (*p.rating > *earlier->rating)
          wins.push_back(fmt::format("{} feels closer to the outcome: {} of 10, after {}",
                                     p.partner, *p.rating, *earlier->rating));
        break;
      }
    }
  for (const auto& m : now.stage.moves)
    if (m.to > m.from)
      wins.push_back(fmt::format("together you moved on to stage {} of touch", m.to));
  if (now.timeouts.called < before.timeouts.called)
    wins.push_back(
        fmt::format("fewer time-outs: {} after {}", now.timeouts.called, before.timeouts.called));
  const int bids_now = now.bids.toward + now.bids.away + now.bids.against;
  const int bids_before = before.bids.toward + before.bids.away + before.bids.against;
  if (bids_now > 0 &&
      (bids_before == 0 ? now.bids.toward > 0
                        : now.bids.toward * bids_before > before.bids.toward * bids_now))
    wins.push_back(fmt::format("more bids turned toward: {} of {}", now.bids.toward, bids_now));
  if (now.repairs.accepted > before.repairs.accepted)
    wins.push_back(fmt::format("{} accepted", plural(now.repairs.accepted, "repair", "repairs")));
  if (now.gestures.total > before.gestures.total)
    wins.push_back(fmt::format(
        "{} more {} than the week before{}", now.gestures.total - before.gestures.total,
        now.gestures.total - before.gestures.total == 1 ? "gesture" : "gestures", so_far));
  if (now.gestures.days_within_2_5 > before.gestures.days_within_2_5)
    wins.push_back(fmt::format("{} with 2 to 5 gestures between you",
                               plural(now.gestures.days_within_2_5, "day", "days")));
  if (now.stage.sessions > before.stage.sessions)
    wins.push_back(fmt::format("{} of touch", plural(now.stage.sessions, "session", "sessions")));
  if (now.rituals.kept > before.rituals.kept)
    wins.push_back(now.rituals.kept == 1 ? std::string("a ritual kept")
                                         : fmt::format("rituals kept {} times", now.rituals.kept));
  if (now.concerns.answered > before.concerns.answered)
    wins.push_back(
        fmt::format("{} answered", plural(now.concerns.answered, "concern", "concerns")));
  int phones_now = 0, phones_before = 0;
  for (const auto& c : now.checkins) phones_now += c.phones_away_days;
  for (const auto& c : before.checkins) phones_before += c.phones_away_days;
  if (phones_now > phones_before)
    wins.push_back(fmt::format("{} with phones away", plural(phones_now, "check-in", "check-ins")));
  // The second guide: a trigger met with its agreed response is a micro-win each time.
  if (now.triggers.response_used > 0)
    wins.push_back(now.triggers.response_used == 1
                       ? std::string("a trigger met with the response you agreed on")
                       : fmt::format("triggers met with the response you agreed on, {} times",
                                     now.triggers.response_used));
  if (now.repairs.full_sequences > before.repairs.full_sequences)
    wins.push_back(fmt::format("{} as the full sequence: apology, reassurance, commitment",
                               plural(now.repairs.full_sequences, "repair", "repairs")));
  if (now.celebrations.count > 0)
    wins.push_back(
        fmt::format("{} celebrated", plural(now.celebrations.count, "change", "changes")));
  return wins;
}

}  // namespace rebuild::report_build
