#pragma once
/// The practices of the second guide (attachment-focused repair), read from the journal:
/// triggers and each time one fired, each partner's account of a rupture, and the evidence a
/// reframe can draw on. Each reader takes a day, so that what it shows for a past week never
/// changes because of what was written later.
#include <optional>
#include <string>
#include <vector>

#include "rebuild/entries.hpp"

namespace rebuild {

/// A repair made as the full sequence: an apology, reassurance and a commitment, all three.
bool is_full_sequence(const entry& repair);

/// One time a trigger fired: the day, and whether the agreed response was used.
struct trigger_hit {
  days_t day;
  std::optional<bool> used;  // unset: not said
};
/// A trigger mapped to the pair's agreed response, with the times it fired (oldest first).
struct trigger_view {
  entry trigger;
  std::vector<trigger_hit> hits;
  /// Times it fired between `from` and `to`, and how many of those met the agreed response.
  int fired(days_t from, days_t to) const;
  int response_used(days_t from, days_t to) const;
};
/// The live triggers agreed on or before `until`, oldest first, each with its firings by then.
std::vector<trigger_view> triggers(journal& j, days_t until);

/// The triggers mapped by `to`, and their firings from `from` to `to`: counts alone.
struct trigger_count {
  int mapped = 0, fired = 0, response_used = 0;
};
trigger_count count_triggers(journal& j, days_t from, days_t to);

/// A rupture told in each partner's voice: the first account, and the other partner's, which
/// refers to it. A second account whose first was deleted stands as a story of its own.
struct story_view {
  entry first;
  std::optional<entry> second;
  /// The title of either account (the first's when both have one).
  std::string title() const;
  /// The last day an account was written.
  days_t last_day() const;
};
/// The stories with an account written on or before `until` (every one, when unset), oldest
/// first, each with only the accounts written by then.
std::vector<story_view> stories(journal& j, std::optional<days_t> until = std::nullopt);
/// The stories with an account written between `from` and `until`, oldest first, each with
/// the accounts written by `until`: read from those accounts alone, not every story there is.
std::vector<story_view> stories_between(journal& j, days_t from, days_t until);
/// The story an account belongs to (either account's id). Throws data_error.
story_view story_of(journal& j, const entry& account);
/// How many stories there are by `until`, and how many of them are told in both voices.
struct story_count {
  int stories = 0;
  int both = 0;
};
story_count count_stories(journal& j, days_t until);

/// One supportive exchange of the last weeks, offered as evidence against an automatic
/// thought (001: "reframing these beliefs with evidence gathered from recent supportive
/// exchanges").
struct evidence_item {
  std::string source;  // "appreciation", "bid", "repair"
  days_t day;
  std::string text;  // the sentence offered, such as: Sam appreciated: "You made coffee"
};
inline constexpr int evidence_days = 28;
/// For partner `p`: the appreciations the other partner wrote in check-ins, the bids `p` made
/// that were turned toward, the repairs `p` made that were accepted and those made to `p` and
/// accepted, dated in the `evidence_days` days to `today`, newest first.
std::vector<evidence_item> evidence_for(journal& j, const partner& p, days_t today);

}  // namespace rebuild
