#pragma once
/// The practices beyond the daily loop, read from the journal: time-outs and their returns,
/// concerns and their answers, the job ledger, the touch stage, rituals, the quarterly
/// review, the 60-day plan, and the journal's settings.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rebuild/entries.hpp"

namespace rebuild {

// ---- settings (`config`) -------------------------------------------------------------------
struct setting_spec {
  std::string_view key;
  std::string_view description;
  std::string_view fallback;  // the value when none is set
};
const std::vector<setting_spec>& setting_specs();
/// The value in force for a known key. Throws data_error for an unknown key.
std::string setting(journal& j, std::string_view key);
/// The value `config` would store for `value` of a known key ("07:30" for "7:30", the date
/// "mon" names): what a setting read from elsewhere (`import`) is checked against. Throws
/// data_error.
std::string setting_value(std::string_view key, std::string_view value, days_t today);
/// Checks and stores a value, inside a write transaction. Throws data_error.
void set_config(journal& j, std::string_view key, std::string_view value, const clock& now);

/// Settings each partner keeps for themselves: their own consent (inventory.show-maybe), one
/// value a partner, which only they set and read, with their passphrase (`config KEY VALUE
/// --as NAME`): sealed under their key (inventory.hpp), not kept with these.
const std::vector<setting_spec>& partner_setting_specs();
bool is_partner_setting(std::string_view key);

/// The pair's rhythm ("avoid big discussions after 9 p.m."): the time of day after which
/// big talks wait for another day (config talks.until); nullopt when it is off.
std::optional<minutes_t> talks_until(journal& j);

// ---- the 60-day plan ------------------------------------------------------------------------
struct plan_ask {
  std::string_view text;
  /// Windows or sex: asked only once the pair is at stage 2 or has added windows itself
  /// ("Pressure kills play"; PRACTICES.md, "No pressure around sex").
  bool closer = false;
};
struct plan_phase {
  int first_week;
  int last_week;
  std::string_view title;
  std::vector<plan_ask> asks;
};
const std::vector<plan_phase>& plan_phases();
/// What `phase` asks of a pair at touch stage `stage`, with windows added or not.
std::vector<std::string> phase_asks(const plan_phase& phase, int stage, bool windows_added);
days_t plan_start(journal& j);
/// Day 1 of the plan as it stood at the end of `day`: a week reported reads the plan.start it
/// had, not one set later (issue 26 item 1).
days_t plan_start_as_of(journal& j, days_t day);
/// The plan lasts 60 days: day 1 is its start, day 60 its last.
inline constexpr int plan_days = 60;
/// The plan's last day: start + 59 days.
days_t plan_end(days_t start);
/// Seven-day weeks counted from the start: 1 to 8 for days 1-56, 0 before the start, 9 and
/// more from day 57. Days 57-60 are in week 9 by this count yet still inside the plan: ask
/// phase_on for the phase of a day.
int plan_week(days_t start, days_t today);
const plan_phase* phase_of_week(int week);
/// The phase in force on `today`: the last days of the plan (57-60) keep the weeks 7-8 phase;
/// nullptr before the start and after day 60.
const plan_phase* phase_on(days_t start, days_t today);

// ---- rules ----------------------------------------------------------------------------------
/// The rules in force now (none removed), of one kind.
std::vector<entry> rules_of_type(journal& j, std::string_view type);
/// Every rule in force now, or as it stood at the end of day `until`: agreed by then, not
/// removed by then (`rules remove`, a dated rule-end), its words as they were (as_of_end).
std::vector<entry> rules_in_force(journal& j, std::optional<days_t> until);
/// The day a rule was removed (`rules remove`), if it was.
std::optional<days_t> rule_removed_on(journal& j, const entry& rule);

// ---- time-outs ------------------------------------------------------------------------------
struct timeout_view {
  entry called;
  std::optional<entry> returned;
};
/// The return a time-out arranged ("YYYY-MM-DD HH:MM", local), if any.
std::optional<std::string> arranged_return(const entry& timeout);
/// Whether a return at local `day` and `time` keeps the arrangement `by` (at or before it).
bool keeps_arrangement(const std::string& by, days_t day, std::optional<minutes_t> time);
/// Oldest first, each with its first return.
std::vector<timeout_view> timeouts(journal& j);
/// The same, handed to `visit` one by one (newest first if asked), read a page at a time:
/// ten years of time-outs are never held at once.
void each_timeout(journal& j, bool newest_first,
                  const std::function<void(const timeout_view&)>& visit);
/// The latest time-out that has no return yet.
std::optional<entry> open_timeout(journal& j);
/// Minutes between a time-out and its return (or `until`, while it is open).
long pause_minutes(const entry& called, const std::string& until_utc);

// ---- concerns -------------------------------------------------------------------------------
struct concern_view {
  entry concern;
  std::optional<entry> answer;
};
/// Oldest first, each with its latest answer.
std::vector<concern_view> concerns(journal& j);
/// The same, handed to `visit` one by one (newest first if asked), a page at a time.
void each_concern(journal& j, bool newest_first,
                  const std::function<void(const concern_view&)>& visit);
/// A concern's latest answer, if it has one.
std::optional<entry> latest_answer(journal& j, const entry& concern);

// ---- the job ledger -------------------------------------------------------------------------
struct task_view {
  entry task;
  std::optional<std::string> owner;  // nullopt: nobody owns it yet
  std::vector<entry> assignments;    // in the order they were made
};
/// The jobs and their owners now, or as they stood at the end of day `until` (their name,
/// cadence, load, standard and deadline too: an edit after it is taken back, as_of_end).
std::vector<task_view> tasks(journal& j, std::optional<days_t> until = std::nullopt);
/// Lasting entries of one kind (jobs, rituals, rules, transparency agreements) as they stood
/// at the end of day `until`: each edit dated after it (an entry of the kind's history_kind,
/// holding the fields as they were) is taken back, the latest first.
void as_of_end(journal& j, std::vector<entry>& lasting, days_t until);
struct owner_balance {
  std::string owner;  // a partner's name, or "" for jobs nobody owns
  int jobs = 0;
  int load = 0;  // the sum of the jobs' loads (1-5; a job without a load counts 0)
};
std::vector<owner_balance> task_balance(journal& j, const std::vector<task_view>& list);
/// The day the monthly review of the jobs falls due, as they stood at the end of `until` (or
/// now): 30 days after the jobs were first listed or last reviewed, whichever came later
/// (the guide: "revisit monthly"). nullopt while no job is listed.
std::optional<days_t> jobs_review_due(journal& j, std::optional<days_t> until = std::nullopt);
/// The same, for `jobs` as tasks(j, until) read them (a caller that has them already).
std::optional<days_t> jobs_review_due(journal& j, const std::vector<task_view>& jobs,
                                      std::optional<days_t> until);

// ---- staged touch ---------------------------------------------------------------------------
struct stage_state {
  int stage = 1;
  std::optional<days_t> since;       // unset: stage 1 since the start
  std::vector<std::string> waiting;  // who asked to move on from this stage
};
/// The stage now, or as it stood at the end of day `until`.
stage_state touch_stage(journal& j, std::optional<days_t> until = std::nullopt);

/// One partner's log of a touch session, as sittings are made of them.
struct touch_log {
  std::int64_t id = 0;
  std::int64_t author = 0;
  std::string at_utc;
  int stage = 0;          // the stage in force at its time
  bool each_way = false;  // logged as given both ways (--giver both)
  std::string giver;      // who gave, when not each way
};
/// One sitting, however many logged it (PRACTICES.md: "Both partners logging the same sitting
/// (within 30 minutes, same stage, one device or two) is one sitting").
struct sitting {
  std::vector<touch_log> logs;  // at most one a partner, in the order of their times
  int stage = 0;
  /// Given both ways ("five minutes each way"): a log says so, or the logs name both givers.
  bool each_way = false;
};
/// `logs` (in any order) as sittings, in the order of their first log: a log joins the
/// sitting begun at most 30 minutes before it at the same stage by the other partner, if that
/// sitting has no log of its author yet; else it begins one.
std::vector<sitting> group_sittings(std::vector<touch_log> logs);
/// The sittings whose logs are dated `from` to `to`.
std::vector<sitting> touch_sittings(journal& j, days_t from, days_t to);
/// How many of `sittings` were given each way.
int given_each_way(const std::vector<sitting>& sittings);
/// The day stage 1 began in practice: the first touch session on or before `until`. Stage 1
/// has no move that starts it, and a journal begun weeks before the first session is not
/// "weeks at this stage".
std::optional<days_t> first_session(journal& j, days_t until);

struct window_view {
  entry window;
  bool paused = false;
};
/// The touch windows as they stood at the end of day `until`: a window is paused when the pair
/// stepped back a stage after adding it and has not been at stage 3 since. Oldest first; a
/// window removed (`stage window remove`, a dated touch-window-end) on or before `until` is
/// left out, one removed later is in; one deleted as a mistake keeps no day or time to show.
std::vector<window_view> touch_windows(journal& j, days_t until);
/// The windows removed on or before `until` (their entries live, each with a dated end).
std::vector<entry> windows_removed(journal& j, days_t until);
/// The day a window was removed, if it was (its first live end).
std::optional<days_t> window_removed_on(journal& j, const entry& window);
/// A window's calendar revision: its entry_revision, plus each stage move and window removal
/// after it (a move may pause or resume it; a removal may be this window's). It only grows, so it
/// serves as the event's SEQUENCE (RFC 5545): a calendar that imported the window takes each new
/// version.
int window_revision(journal& j, const entry& window);
/// An entry's calendar revision (a ritual's SEQUENCE), which only grows: the seconds from its
/// creation to its last change, which every copy of the journal shares and which a version
/// taken in by merge or import raises; plus each change made to it in this copy (an edit, a
/// ritual's pause and resume, its removal, an undo, which counts twice: made and taken back),
/// so two changes within one second still raise it.
int entry_revision(journal& j, const entry& e);
/// The guide's weekly target of sittings given each way at a stage (stage 1: three, "5
/// minutes each way"); 0 where the guide gives none.
int touch_target(int stage);

// ---- rituals --------------------------------------------------------------------------------
struct ritual_view {
  entry ritual;
  std::optional<days_t> last_kept;
};
/// The rituals and their last keeping now, or as they stood at the end of day `until`.
std::vector<ritual_view> rituals(journal& j, std::optional<days_t> until = std::nullopt);
/// A ritual paused or picked up again, on a day.
struct ritual_pause_change {
  days_t day;
  bool paused = false;
};
/// Each ritual's pauses and resumes (by the ritual's UUID), oldest first.
std::map<std::string, std::vector<ritual_pause_change>> ritual_pause_history(journal& j);
/// Whether a ritual was paused on `day`, by its dated pauses and resumes. A ritual paused
/// before schema 6 has none: it counts as paused from its last change.
bool paused_on(const entry& ritual, const std::vector<ritual_pause_change>& history, days_t day);
/// The next day it is due; nullopt while it is paused.
std::optional<days_t> next_due(const ritual_view& r, days_t today);
/// A monthly ritual's day ("1st Saturday", "last fri") as stored: "first sat". Throws
/// data_error.
std::string parse_monthly_on(std::string_view text);
/// The day a monthly ritual's `on` ("first sat", "last fri") falls on in a month.
days_t monthly_occurrence(std::string_view on, date::year_month month);
/// The first of a month's last seven days: when a monthly ritual with no day is due (`due`)
/// and reminded of (the calendar's BYMONTHDAY=-7).
days_t monthly_last_week(date::year_month month);
/// How a ritual's cadence reads: "daily", "weekly", "every thu", "monthly", "monthly, first
/// sat".
std::string cadence_text(const entry& ritual);
/// Whether a ritual was kept on a day from `from` to `to` (a live keeping the reader may count).
bool ritual_kept_between(journal& j, const std::string& uuid, days_t from, days_t to);

// ---- the quarterly review --------------------------------------------------------------------
/// The reviews come in rounds, one a quarter: a round opens with its first answer, and every
/// answer within the 90 days after that belongs to it; the first answer after them opens the
/// next. Each partner answers once a round (a second answer in one round stands in for the
/// first).
inline constexpr int review_days = 90;
struct review_round {
  days_t opened;
  std::vector<entry> voices;  // each partner's latest answer in the round, oldest first
  /// The partner's answer in this round, or nullptr.
  const entry* voice_of(std::int64_t partner_id) const;
};
/// The rounds of reviews dated on or before `until` (every one, when unset), oldest first.
std::vector<review_round> review_rounds(journal& j, std::optional<days_t> until = std::nullopt);
/// The latest round by `until`, with its voices read whole; nullopt before the first.
std::optional<review_round> latest_review_round(journal& j, days_t until);
/// The review as it stands on `today`, read once: the latest round, when the next is due,
/// and for whom it is due.
struct review_standing {
  std::optional<review_round> latest;
  days_t next_due;
  /// Due for this partner: the next round is due, or the latest is open and they have not
  /// answered it.
  bool due_for(std::int64_t partner_id, days_t today) const;
};
review_standing review_standing_on(journal& j, days_t today);
/// The latest review, or the latest dated on or before `until`.
std::optional<entry> last_review(journal& j, std::optional<days_t> until = std::nullopt);
/// When the next round is due: 90 days after the latest round opened (by `until`, when
/// given), or after the plan's start when there is none.
days_t review_due(journal& j, std::optional<days_t> until = std::nullopt);
/// Whether the review is due for partner `p` on `today`: the next round is due, or a round is
/// open that the other partner has answered and `p` has not.
bool review_due_for(journal& j, const partner& p, days_t today);

// ---- the week's activity, for the report ----------------------------------------------------
/// One live entry of the kinds the weekly report counts, with only the fields it reads: a
/// lean row, so that a fortnight is read with one query instead of one per kind.
struct activity {
  std::int64_t id = 0;
  std::string kind;
  std::int64_t author = 0;
  days_t day;
  std::optional<minutes_t> time;  // local time of day, when known
  std::string at_utc;
  std::optional<std::int64_t> mood, stress, minutes;  // checkin
  std::optional<std::int64_t> phones_away;            // checkin
  std::string appreciation;                           // checkin
  std::string response;                               // bid
  std::optional<std::int64_t> accepted;               // repair, initiation
  std::string tier;                                   // initiation
  std::int64_t stage = 0;                             // touch: the stage in force then
  std::string signal;                                 // touch
  bool each_way = false;                              // touch: given both ways
  std::string giver;                                  // touch: who gave (a partner's id)
  std::string ritual;                                 // ritual-kept: the ritual's uuid
  std::optional<std::string> returned_utc;            // timeout: its first live return
  std::optional<days_t> returned_day;                 // timeout: that return's local day
  std::string return_by;             // timeout: the return arranged, "YYYY-MM-DD HH:MM" (or empty)
  std::string returned_local;        // timeout with a return arranged: its first return, local
  bool neutral = false;              // repair: a neutral activity after it
  bool validated = false;            // concern-answer: with its validation step
  bool full_sequence = false;        // repair: all three parts given
  std::optional<std::int64_t> used;  // trigger-hit: response used
  bool sealed = false;  // a private entry the reader may not open: no mood, stress, words
};
/// The live entries dated `from` to `to`, oldest first: private ones too, which count as
/// days and events (the day is not secret), their figures and words left out unless the
/// journal was opened for their author (journal::visible).
std::vector<activity> activity_between(journal& j, days_t from, days_t to);

/// One live check-in, gesture or repair, for the trend: its day, kind and author, and a
/// check-in's mood and stress.
struct day_tally {
  days_t day;
  std::string kind;
  std::int64_t author = 0;
  double mood = 0, stress = 0;
  bool figures = true;  // false: a private check-in the reader may not open (no mood, stress)
};
std::vector<day_tally> tallies_between(journal& j, days_t from, days_t to);

/// Whether any live entry of `kind` is dated on or before `until` (an index lookup: cheap on
/// a journal of any age).
bool any_by(journal& j, std::string_view kind, days_t until);
// ---- counts for the plan --------------------------------------------------------------------
int count_in(journal& j, std::string_view kind, days_t from, days_t to,
             std::optional<std::int64_t> author = std::nullopt);

}  // namespace rebuild
