#pragma once
/// Folding in another copy of the journal (`import`, `merge`), entry by entry, by UUID.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "rebuild/entries.hpp"

namespace rebuild {

/// One entry that a fold overwrote or that gave way, for the fold to say so. Kind, author,
/// day, id and (for rituals and jobs, which both partners share) the name: never the words,
/// since the other partner may see what a merge prints.
struct fold_change {
  enum class what {
    updated,     // a live entry here took the other copy's later version
    deleted,     // a live entry here was deleted in the other copy, later
    restored,    // an entry deleted here is live again: the other copy changed it later
    replaced,    // an entry here gave way to the other copy's one of its day (or week), later
    gave_way,    // the other copy's entry gave way to the one here of its day (or week), later
    kept_aside,  // two copies changed it at once: one version kept, the other kept aside
    refused,     // the other copy's change was not made by the entry's author: not taken
    renamed,     // two of one name (rituals, jobs) between replicas: the later renamed (`name`)
  };
  what happened;
  const kind_spec* kind = nullptr;
  std::string uuid;
  std::string author;  // this journal's name for the partner
  days_t day;
  std::string name;  // the kind's `unique` field (a ritual's or job's name), else empty
};

struct fold_counts {
  int partners_added = 0;
  int added = 0;       // entries new to this journal
  int updated = 0;     // known entries the other copy changed later
  int same = 0;        // known entries already as new here
  int replaced = 0;    // entries kept once a day (or week) that gave way to a later one
  int kept_aside = 0;  // versions kept aside (conflicts) because two copies changed one entry
  int refused = 0;     // changes not taken: not made by the entry's author
  /// Whether what is folded in goes on to other replicas at the next `sync` (a copy merged
  /// or imported), or came from one through `sync` (which every other replica reads too).
  bool pass_on = true;
  /// Each entry here that was overwritten, and each that gave way, in the order folded.
  std::vector<fold_change> changes;
};
/// The partner of this journal that `other` (a partner of another copy) is: the same UUID,
/// else the same name in any case; added, with its UUID, when there is none (data_error when
/// that would make more than two). Inside the caller's write transaction.
partner fold_partner(journal& j, const partner& other, const clock& now, fold_counts& counts);
/// Folds in one version of an entry of another copy by its UUID; `e.author`, `e.changed_by`
/// and the partner fields already name this journal's partners. A version not made by the
/// entry's author (pair-owned kinds excepted) is refused. A new entry comes in as it is
/// (times and tombstone too); a known one keeps whichever version has the later clock reading
/// (change_log.hpp; the updated time for a copy from before sync), on every replica alike, and
/// when neither version was made from the other and they differ, the other is kept aside
/// (conflicts.hpp). Where that leaves
/// two live entries of a kind kept once a day (or week) for one partner, the one written
/// later stays and the other is deleted, as a second would replace the first. data_error when
/// the entry does not hold (a value out of range, a name already taken, one id for two
/// kinds). Inside the caller's write transaction; nothing goes to the undo history.
void fold_entry(journal& j, const entry& e, const clock& now, fold_counts& counts);

/// Folding one other copy in, as import, merge and sync do: its partners first (each found
/// here or added), then its entries, whose author, changer and partner fields are taken from
/// the other copy's names to this journal's partners. Inside the caller's write transaction.
class fold_session {
 public:
  fold_session(journal& j, const clock& now) : j_(j), now_(now) {}
  /// A partner of the other copy: found here (by UUID, else name) or added.
  void partner(const rebuild::partner& theirs);
  /// An entry of the other copy, its partner fields naming the other copy's partners (each
  /// given to partner() before; else one of this journal's by name). An entry it refers to
  /// that is here must be of the kind the field names (data_error).
  void entry(rebuild::entry e);
  /// What is folded in came through `sync` from another replica, which every replica reads
  /// for itself: it is not sent on.
  void from_replica() { counts_.pass_on = false; }
  const fold_counts& counts() const { return counts_; }
  /// `seen` is called after each entry folded in, with how many so far (a command's progress
  /// line for a long sync; it must not print to standard output).
  void on_entry(std::function<void(std::size_t)> seen) { seen_ = std::move(seen); }

 protected:
  journal& j_;
  const clock& now_;
  std::map<std::string, rebuild::partner> ours_;  // their partner's name, in lower case
  fold_counts counts_;
  std::function<void(std::size_t)> seen_;
  std::size_t entries_seen_ = 0;
};

}  // namespace rebuild
