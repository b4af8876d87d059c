#pragma once
/// The weekly report: plain data built once from the journal for one ISO week, with the week
/// before beside it. Renderers (render.hpp) only draw it; nothing here prints.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "rebuild/entries.hpp"
#include "rebuild/practices.hpp"

namespace rebuild {

/// What `--week` takes: nothing (this week), "last", YYYY-Www, or any day D (its week).
/// Throws data_error.
week parse_week(std::string_view text, days_t today);

struct partner_count {
  std::string partner;
  int count = 0;
};

struct goal_figures {
  std::string partner;
  std::optional<std::string> problem;  // unset when there is no goal, or --redact
  std::optional<std::string> outcome;
  std::optional<int> months;
  std::optional<days_t> set_on;
  std::vector<int> ratings;            // this week's 0-10 ratings
};

struct checkin_figures {
  std::string partner;
  int days = 0;                             // days with a check-in, of 7
  std::optional<double> mood;               // means over those days
  std::optional<double> stress;
  std::optional<double> minutes;
  std::vector<std::string> appreciations;   // empty under --redact
  std::array<std::optional<int>, 7> mood_by_day{};    // Monday first
  std::array<std::optional<int>, 7> stress_by_day{};
  std::optional<std::string> earliest;      // the spread of start times, HH:MM
  std::optional<std::string> latest;
};

struct gesture_figures {
  int total = 0;
  std::array<int, 7> per_day{};  // both partners, Monday first
  int days_within_2_5 = 0;       // days on which every partner made 2 to 5
  std::vector<partner_count> by_partner;
};

struct initiation_figures {
  std::string partner;
  int connection = 0;
  int adventure = 0;
};

struct week_figures {
  std::vector<checkin_figures> checkins;
  gesture_figures gestures;
  struct {
    int toward = 0, away = 0, against = 0;
  } bids;
  struct {
    int total = 0, accepted = 0;
    std::vector<partner_count> by_partner;
  } repairs;
  struct {
    int called = 0, returned_within_24h = 0, still_open = 0;
  } timeouts;
  struct {
    int raised = 0, answered = 0;
  } concerns;
  struct {
    std::vector<owner_balance> by_owner;  // at the end of the week
    int reassigned = 0;
    bool review_due = false;
  } tasks;
  struct {
    int current = 1, sessions = 0, target = 0;
  } stage;
  std::vector<initiation_figures> initiations;
  struct {
    int planned = 0, kept = 0;
  } rituals;
};

struct weekly_report {
  week w;
  days_t plan_start;
  int plan_week = 0;
  const plan_phase* phase = nullptr;  // nullptr before or after the 60 days
  std::vector<goal_figures> goals;
  week_figures current;
  week_figures previous;  // the week before
  std::vector<std::string> micro_wins;
  bool redacted = false;
};

/// Builds the report for week `w`. `now` is the instant "still open" is judged at.
weekly_report build_report(journal& j, const week& w, utc_seconds now, bool redact);

}  // namespace rebuild
