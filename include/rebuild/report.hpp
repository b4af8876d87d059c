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

/// The days a week's figures cover: all seven, or, for the week still running, Monday to
/// today ("so far"), with the same days of the week before beside them.
struct span {
  days_t from;
  days_t to;
  int days() const { return static_cast<int>((to - from).count()) + 1; }
};

struct goal_figures {
  std::string partner;
  std::optional<std::string> problem;  // unset when there is no goal, or --redact
  std::optional<std::string> outcome;
  std::optional<int> months;
  std::optional<days_t> set_on;
  std::vector<int> ratings;  // the week's 0-10 rating (at most one)
};

struct checkin_figures {
  std::string partner;
  int days = 0;  // days with a check-in, of span.days()
  int phones_away_days = 0;
  std::optional<double> mood;  // means over those days, exact
  std::optional<double> stress;
  std::optional<double> minutes;
  std::vector<std::string> appreciations;           // empty under --redact
  std::array<std::optional<int>, 7> mood_by_day{};  // Monday first
  std::array<std::optional<int>, 7> stress_by_day{};
  std::optional<std::string> earliest;  // the spread of start times, HH:MM
  std::optional<std::string> latest;
};

struct gesture_figures {
  int total = 0;
  std::array<int, 7> per_day{};  // both partners, Monday first
  int days_within_2_5 = 0;       // days on which the couple's gestures add up to 2-5
  std::vector<partner_count> by_partner;
  std::vector<partner_count> first_by;        // days each partner made the day's first gesture
  std::array<std::string, 7> first_of_day{};  // who made each day's first ("" for none)
};

/// Words a partner wrote this week, for the therapist; none under --redact.
struct said {
  std::string partner;
  days_t day;
  std::string text;
};

struct repair_item {
  std::string partner;
  days_t day;
  std::string text;  // empty under --redact
  std::optional<bool> accepted;
  bool full_sequence = false;                    // apology, reassurance and commitment, all three
  std::string apology, reassurance, commitment;  // the sequence; empty under --redact
};

/// A transparency agreement in force at the end of a span (000 Step 3: "a short-term
/// bridge"), with the day it ends.
struct transparency_item {
  std::string partner;  // who wrote it down
  days_t agreed;
  days_t until;
  int days_left = 0;  // from the span's last day; 0 or less: it reached its end
  std::string text;   // empty under --redact
};

/// One account of a rupture (001, narrative repair); empty words under --redact.
struct story_account {
  std::string partner;
  days_t day;
  std::string happened, needed, possible;
};
/// A story with an account written in the week: both voices as they stood at its end.
struct story_item {
  std::string title;                    // empty under --redact or when it has none
  std::vector<story_account> accounts;  // the first, then the other partner's
  std::vector<std::string> waiting;     // partners whose account is still to come
};

struct concern_item {
  std::string partner;
  days_t day;
  std::string describe, impact, ask;  // empty under --redact
  std::optional<std::string> answered_by;
  std::optional<days_t> answered_on;
  std::string hear, validate, commit_to, hurdle;  // the answer; empty under --redact
};

struct initiation_figures {
  std::string partner;
  int connection = 0;
  int adventure = 0;
  int accepted = 0;
  int declined = 0;
};

struct stage_move {
  days_t day;
  std::string partner;  // who made the move (for an advance: the second to agree)
  int from = 1;
  int to = 1;
};

struct ritual_figures {
  std::string name;
  std::string every;
  int planned = 0;  // occurrences that fell while it existed and was not paused
  int kept = 0;     // distinct occurrences kept
};

struct touch_window_view {
  std::string weekday;  // mon..sun
  std::string start;    // HH:MM
  bool paused = false;
};

struct week_figures {
  span days;
  std::vector<checkin_figures> checkins;
  gesture_figures gestures;
  struct {
    int toward = 0, away = 0, against = 0;
  } bids;
  struct {
    int total = 0, accepted = 0;
    int full_sequences = 0;     // made as apology, reassurance, commitment (the rest are quick)
    int with_neutral = 0;       // with a return to a neutral activity after (001)
    int other_commitments = 0;  // the other partner's commitment added to a repair (001)
    std::vector<partner_count> by_partner;
    std::vector<repair_item> items;
  } repairs;
  struct {
    int fired = 0, response_used = 0;  // listed, not scored (001)
  } triggers;
  int thoughts = 0;  // automatic thoughts set against the evidence
  struct {
    int count = 0;
    std::vector<said> items;  // who and when; the words empty under --redact
  } celebrations;
  struct {
    int sessions = 0;         // days with a counselling session in the span
    int sessions_so_far = 0;  // from the start of the journal to the span's end
    int homework_set = 0;     // given in the span
    int homework_done = 0;    // done in the span
    int homework_open = 0;    // still open at the span's end
    std::vector<said> open;   // the open homework (words empty under --redact)
  } therapy;
  std::vector<transparency_item> transparency;  // in force at the span's end
  struct {
    int called = 0, returned_within_24h = 0, still_open = 0;
    int under_20_min = 0;     // returns sooner than the guide's 20 minutes
    int arranged = 0;         // called with a return arranged (000: "you arrange the return")
    int arranged_kept = 0;    // of those, back by the time arranged (as the week ended)
    std::vector<said> notes;  // the return notes
  } timeouts;
  struct {
    int raised = 0, answered = 0;
    int validated = 0;  // answers with the validation step ("It makes sense you'd feel ...")
    std::vector<concern_item> items;
  } concerns;
  struct {
    std::vector<owner_balance> by_owner;  // at the end of the week
    int reassigned = 0;
    bool review_due = false;
    int deadlines = 0;  // jobs whose agreed deadline falls in the span
  } tasks;
  struct {
    int current = 1;                // the stage at the end of the span
    int sessions = 0;               // sittings ("each way" is one; so is one both logged)
    int each_way = 0;               // sittings given both ways
    int one_way = 0;                // sittings given one way
    std::array<int, 3> by_stage{};  // sittings by the stage in force at their time
    int target = 0;  // the guide's sittings each way a week at the current stage (0: none)
    std::vector<stage_move> moves;
    int green = 0, yellow = 0, red = 0;
    std::vector<touch_window_view> windows;  // as they stood at the end of the span
  } stage;
  int red_lines_crossed = 0;  // noted, never scored or blamed (000: "guardrails, not weapons")
  struct {
    int added = 0, talked_through = 0;
    int open = 0;  // kept for a day up to the span's end and not talked through by then
  } agenda;
  std::vector<initiation_figures> initiations;  // none before stage 3 or a first initiation
  std::vector<std::string> initiation_turns;    // who initiated, in the order they came
  struct {
    int planned = 0, kept = 0;
    std::vector<ritual_figures> items;
  } rituals;
};

struct agreements {
  std::vector<std::string> stop_phrases, red_lines, touch_rules, script;
};

struct review_voice {
  std::string partner;
  days_t day;
  std::string good, heavy, next;  // empty under --redact
};

/// One row of the trend: a week's headline figures.
struct trend_week {
  std::string label;  // 2026-W47
  days_t monday;
  bool partial = false;
  struct partner_row {
    std::string partner;
    std::optional<int> rating;
    int checkin_days = 0;
    std::optional<double> mood, stress;
  };
  std::vector<partner_row> partners;
  int gestures = 0;
  int repairs = 0;
};

struct weekly_report {
  week w;
  bool partial = false;  // the week is still running: its figures are "so far"
  int days_so_far = 7;
  days_t plan_start;
  int plan_week = 0;
  const plan_phase* phase = nullptr;  // nullptr before or after the 60 days
  std::vector<std::string> asks;      // what the phase asks, as the pair stood (phase_asks)
  std::vector<goal_figures> goals;
  agreements rules;
  std::vector<review_voice> reviews;  // the latest round of the quarterly review by the week's end
  std::vector<std::string> reviews_waiting;  // partners yet to answer that round
  std::vector<story_item> stories;           // stories with an account written in the week
  week_figures current;
  week_figures previous;          // the week before (its same days, while this one runs)
  std::vector<trend_week> trend;  // oldest first, this week last
  std::vector<std::string> micro_wins;
  bool redacted = false;
  /// The partner whose private entries this report counts (report --private); only that
  /// partner ever sees such a report.
  std::optional<std::string> with_private_of;
};

/// Builds the report for week `w` as of `today` (a week holding today is "so far"), with a
/// trend of `trend_weeks` weeks ending with `w`.
weekly_report build_report(journal& j, const week& w, days_t today, bool redact,
                           int trend_weeks = 8);

}  // namespace rebuild
