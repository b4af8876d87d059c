#pragma once
/// The undo history: every change a command makes, kept in this journal only, so that
/// `undo` takes a whole command back. Export, merge and sync never carry it.
#include <optional>
#include <string>
#include <vector>

#include "rebuild/entries.hpp"

namespace rebuild {

struct undone {
  std::string action;             // "add", "edit" or "delete"
  entry item;                     // as it is after the undo
  entry before;                   // as it was before (an undone add: what it said)
  std::optional<entry> restored;  // an entry the undone add had replaced
  std::optional<entry> stands;    // one of its day that sync had set aside, standing again
};
/// The fields a deleted entry had just before it was deleted, from this journal's undo history
/// (a delete keeps them there for undo); nullopt when it has none here (deleted on another
/// device and synced, or private).
std::optional<field_values> fields_before_delete(journal& j, const entry& tombstone);

/// Reverts this partner's most recent command: every change it made, newest first. Empty
/// when there is nothing left to undo.
std::vector<undone> undo_last(journal& j, const partner& by, const clock& now);

}  // namespace rebuild
