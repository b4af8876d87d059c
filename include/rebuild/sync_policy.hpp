#pragma once
/// What sync, merge and import do when a version meets what the journal holds: the whole
/// rule, as pure functions of the two sides, apart from the code that carries a decision out
/// (fold.hpp) and the code that moves files (sync_folder.hpp). Modelled on TaskChampion's
/// `SyncOp::transform`: one function, one commented arm per case, tested case by case with no
/// journal (tests/unit/sync_policy.test.cpp).
///
/// Whatever order versions arrive in, every replica decides alike, and nothing a partner
/// wrote is lost: a version that does not stand is kept aside, never dropped.
#include <cstdint>
#include <optional>
#include <string_view>

#include "rebuild/change_log.hpp"

namespace rebuild::sync {

/// One version of an entry (or a setting's value), as the rule needs to see it.
struct version {
  hlc reading;
  std::string_view base;     // the readings it was made from, newest first, space-separated
  std::string_view content;  // what it says (content_json): equal for two that say the same
  /// False for a version from a copy made before sync: its reading is its updated time and it
  /// has no history to tell an edit made after another from one made at once.
  bool has_history = true;
  bool tombstone = false;  // a deleted entry's (or one set aside, as export and merge carry it)
};

/// The version this journal holds, when it holds one of that id.
struct held {
  version v;
  bool is_private = false;  // its author's alone: sealed, never sent
  bool same_author = true;  // the incoming version names the same author
  bool same_kind = true;    // the incoming version is of the same kind
};

/// The version arriving from another copy.
struct arriving {
  version v;
  /// Made by the entry's author (or by either partner, for the pair's kinds).
  bool made_by_author = true;
};

enum class decision {
  take,                // the arriving version replaces the one here
  keep,                // the one here stays; the arriving one is already here or older
  take_and_set_aside,  // made at once: the arriving one is later; the one here is kept aside
  keep_and_set_aside,  // made at once: the one here is later; the arriving one is kept aside
  refuse,              // not the author's change to make: not taken, and said
  invalid,             // one id for two kinds: the arriving line is damaged
};

/// The decision, and whether the version set aside says something other than the one kept
/// (a set-aside version that says the same is kept quietly, for what it was made from, so
/// that every replica lists the same ones; see conflicts.hpp).
struct verdict {
  decision what;
  bool words_differ = false;
};

/// The rule for one entry (or setting) that both sides hold, or that only arrives.
verdict decide(const std::optional<held>& here, const arriving& incoming);

/// Two live entries of a kind kept once a day (or week), for one author and period: which of
/// them stands. The other is kept aside with its words (never deleted because of the one
/// that stands), to take back with `conflicts ID --take-other`.
struct period_entry {
  hlc reading;
  std::string_view uuid;
  bool is_private = false;
};
enum class stands { here, incoming };
stands which_stands(const period_entry& here, const period_entry& incoming);

/// Two entries of the pair's kinds (rituals, jobs) with one name, added on two replicas: the
/// one added first keeps the name; the other is renamed on every replica alike.
struct named_entry {
  std::string_view created_utc;
  std::string_view uuid;
};
stands which_keeps_name(const named_entry& here, const named_entry& incoming);

}  // namespace rebuild::sync
