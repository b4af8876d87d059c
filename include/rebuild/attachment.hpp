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

/// A trigger mapped to the pair's agreed response, with the times it fired (oldest first).
struct trigger_view {
  entry trigger;
  std::vector<entry> hits;
  /// Times it fired between `from` and `to`, and how many of those met the agreed response.
  int fired(days_t from, days_t to) const;
  int response_used(days_t from, days_t to) const;
};
/// The live triggers agreed on or before `until`, oldest first, each with its firings by then.
std::vector<trigger_view> triggers(journal& j, days_t until);

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
/// The story an account belongs to (either account's id). Throws data_error.
story_view story_of(journal& j, const entry& account);

/// One supportive exchange of the last weeks, offered as evidence against an automatic
/// thought (001: "reframing these beliefs with evidence gathered from recent supportive
/// exchanges").
struct evidence_item {
  std::string source;  // "appreciation", "bid", "repair"
  days_t day;
  std::string text;    // the sentence offered, such as: Sam appreciated: "You made coffee"
};
inline constexpr int evidence_days = 28;
/// For partner `p`: the appreciations the other partner wrote in check-ins, the bids `p` made
/// that were turned toward, the repairs `p` made that were accepted and those made to `p` and
/// accepted, dated in the `evidence_days` days to `today`, newest first.
std::vector<evidence_item> evidence_for(journal& j, const partner& p, days_t today);

}  // namespace rebuild
