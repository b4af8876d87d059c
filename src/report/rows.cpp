// The figures of a weekly report as rows: this week, the week before, the change, the target.
// Shared by the text, markdown and html renderers so they can never disagree.
#include <fmt/format.h>

#include <cmath>

#include "rebuild/render.hpp"

namespace rebuild {
namespace {

std::string one_decimal(std::optional<double> v) {
  return v ? fmt::format("{:.1f}", *v) : std::string("-");
}

std::string change_of(int now, int before) {
  if (now == before) return "same";
  return fmt::format("{:+d}", now - before);
}

std::string change_of(std::optional<double> now, std::optional<double> before) {
  if (!now || !before) return "";
  // From the figures as shown (one decimal), so that 5.3 beside 3.9 reads +1.4.
  const double d = std::round(*now * 10) / 10 - std::round(*before * 10) / 10;
  if (d == 0) return "same";
  return fmt::format("{:+.1f}", d);
}

struct row_builder {
  std::vector<figure_row>& rows;
  std::string section;
  void count(const std::string& label, int now, int before, const std::string& target = "",
             const std::string& unit = "") {
    rows.push_back({section, label, std::to_string(now) + unit, std::to_string(before) + unit,
                    change_of(now, before), target});
  }
  void of(const std::string& label, int now, int before, int whole, const std::string& target) {
    rows.push_back({section, label, fmt::format("{} of {}", now, whole),
                    fmt::format("{} of {}", before, whole), change_of(now, before), target});
  }
  void average(const std::string& label, std::optional<double> now, std::optional<double> before,
               const std::string& target = "") {
    rows.push_back({section, label, one_decimal(now), one_decimal(before), change_of(now, before),
                    target});
  }
};

template <typename T, typename F>
const T* find_by(const std::vector<T>& list, const std::string& name, F key) {
  for (const auto& item : list)
    if (key(item) == name) return &item;
  return nullptr;
}

}  // namespace

std::vector<figure_row> figure_rows(const weekly_report& r) {
  std::vector<figure_row> rows;
  const week_figures& a = r.current;
  const week_figures& b = r.previous;

  row_builder checkins{rows, "Check-ins"};
  for (const auto& c : a.checkins) {
    const auto* p = find_by(b.checkins, c.partner, [](const checkin_figures& x) { return x.partner; });
    checkins.of(c.partner + ": days with a check-in", c.days, p ? p->days : 0, 7, "every day");
    checkins.average(c.partner + ": mood (mean)", c.mood, p ? p->mood : std::nullopt);
    checkins.average(c.partner + ": stress (mean)", c.stress, p ? p->stress : std::nullopt);
    checkins.average(c.partner + ": minutes (mean)", c.minutes, p ? p->minutes : std::nullopt,
                     "10 to 20");
  }

  row_builder gestures{rows, "Gestures"};
  gestures.count("all gestures", a.gestures.total, b.gestures.total);
  gestures.of("days within 2 to 5 each", a.gestures.days_within_2_5, b.gestures.days_within_2_5,
              7, "2 to 5 a day");
  for (const auto& g : a.gestures.by_partner) {
    const auto* p = find_by(b.gestures.by_partner, g.partner, [](const partner_count& x) { return x.partner; });
    gestures.count(g.partner, g.count, p ? p->count : 0);
  }

  row_builder bids{rows, "Bids"};
  const int bids_now = a.bids.toward + a.bids.away + a.bids.against;
  const int bids_before = b.bids.toward + b.bids.away + b.bids.against;
  bids.count("turned toward", a.bids.toward, b.bids.toward, "a rising share");
  bids.count("turned away", a.bids.away, b.bids.away);
  bids.count("turned against", a.bids.against, b.bids.against);
  rows.push_back({"Bids", "share turned toward",
                  bids_now ? fmt::format("{}%", a.bids.toward * 100 / bids_now) : "-",
                  bids_before ? fmt::format("{}%", b.bids.toward * 100 / bids_before) : "-",
                  bids_now && bids_before
                      ? change_of(a.bids.toward * 100 / bids_now, b.bids.toward * 100 / bids_before)
                      : "",
                  "rising"});

  row_builder repairs{rows, "Repairs"};
  repairs.count("repairs", a.repairs.total, b.repairs.total, "one a day");
  repairs.count("accepted", a.repairs.accepted, b.repairs.accepted);
  for (const auto& x : a.repairs.by_partner) {
    const auto* p = find_by(b.repairs.by_partner, x.partner, [](const partner_count& y) { return y.partner; });
    repairs.count(x.partner, x.count, p ? p->count : 0);
  }

  row_builder timeouts{rows, "Time-outs"};
  timeouts.count("called", a.timeouts.called, b.timeouts.called, "fewer over the weeks");
  timeouts.count("back within 24 h", a.timeouts.returned_within_24h,
                 b.timeouts.returned_within_24h, "within 24 hours");
  timeouts.count("still open", a.timeouts.still_open, b.timeouts.still_open);

  row_builder concerns{rows, "Concerns"};
  concerns.count("raised", a.concerns.raised, b.concerns.raised, "one a week");
  concerns.count("answered", a.concerns.answered, b.concerns.answered);

  row_builder jobs{rows, "Jobs"};
  int listed_now = 0, listed_before = 0;
  for (const auto& o : a.tasks.by_owner) listed_now += o.jobs;
  for (const auto& o : b.tasks.by_owner) listed_before += o.jobs;
  jobs.count("jobs listed", listed_now, listed_before, "the top 12");
  for (const auto& o : a.tasks.by_owner) {
    if (listed_now + listed_before == 0) break;
    if (o.owner.empty() && o.jobs == 0) continue;
    const auto* p = find_by(b.tasks.by_owner, o.owner, [](const owner_balance& x) { return x.owner; });
    const std::string who = o.owner.empty() ? "nobody yet" : o.owner;
    jobs.count(who + ": jobs", o.jobs, p ? p->jobs : 0, o.owner.empty() ? "" : "a fair balance");
    jobs.count(who + ": load", o.load, p ? p->load : 0);
  }
  jobs.count("reassigned", a.tasks.reassigned, b.tasks.reassigned);
  rows.push_back({"Jobs", "monthly review due", a.tasks.review_due ? "yes" : "no",
                  b.tasks.review_due ? "yes" : "no", "", "every month"});

  row_builder touch{rows, "Touch"};
  touch.count("stage", a.stage.current, b.stage.current);
  if (a.stage.target > 0)
    touch.of("sessions (5 min each way)", a.stage.sessions, b.stage.sessions, a.stage.target,
             "3 a week");
  else
    touch.count("sessions", a.stage.sessions, b.stage.sessions);

  row_builder initiations{rows, "Initiations"};
  for (const auto& i : a.initiations) {
    const auto* p = find_by(b.initiations, i.partner, [](const initiation_figures& x) { return x.partner; });
    initiations.count(i.partner + ": connection", i.connection, p ? p->connection : 0, "rotating");
    initiations.count(i.partner + ": adventure", i.adventure, p ? p->adventure : 0);
  }

  row_builder rituals{rows, "Rituals"};
  rows.push_back({"Rituals", "kept", fmt::format("{} of {}", a.rituals.kept, a.rituals.planned),
                  fmt::format("{} of {}", b.rituals.kept, b.rituals.planned),
                  change_of(a.rituals.kept, b.rituals.kept), "as planned"});
  return rows;
}

}  // namespace rebuild
