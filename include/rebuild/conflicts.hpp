#pragma once
/// Versions kept aside: when two copies changed one entry without either seeing the other's
/// change, every replica keeps the same one (the later clock reading) and saves the other
/// here, so that nothing a partner wrote is lost and either can be taken back.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rebuild/entries.hpp"

namespace rebuild {

struct conflict {
  std::int64_t id = 0;
  entry current;         // the entry as it is here now
  entry other;           // the version kept aside: the same entry, with its own day, words,
                         // tombstone, clock reading and partner who made it
  std::string kept_hlc;  // the version that was kept over it
  std::string found_utc;
};

/// The version `e` (of an entry here, `entry_id`), as a JSON text of its day, time, instant,
/// tombstone and fields (partners by their row here), with its clock reading and maker: what
/// conflicts keep, and what tells two versions' words apart.
std::string version_json(journal& j, const entry& e);
/// The same without the clock reading and maker: equal for two versions that say the same.
std::string content_json(journal& j, const entry& e);
/// Keeps `version` aside, the version with reading `kept_hlc` kept over it. Nothing when that
/// version is already kept aside. Inside the caller's transaction.
void keep_aside(journal& j, std::int64_t entry_id, const entry& version,
                const std::string& kept_hlc, const clock& now);
/// Sets live entry `id` aside: one of a kind kept once a day (or week) over which another of
/// its author and period stands (the one with reading `standing_hlc`). Its version is kept
/// aside with its words, to take back with take_other(), and the entry leaves every list,
/// count and report as a deleted one does; but no change is made of it (its clock reading and
/// change number stay), for every replica sets it aside alike from what it holds. Nothing for
/// a private entry, which never gives way. Inside the caller's transaction.
void set_aside(journal& j, std::int64_t id, const std::string& standing_hlc, const clock& now);
/// After an entry of a kind kept once a day (or week) left its period (deleted, here or on
/// another device): when no live one of `author`'s is left in the period of `day`, the one set
/// aside with the latest clock reading stands again, as it does on a replica that never saw
/// the one deleted, so every replica ends alike. No change is made of it. Inside the caller's
/// transaction.
/// Returns the entry that stands again, if one does.
std::optional<std::int64_t> settle_period(journal& j, const kind_spec& kind, std::int64_t author,
                                          days_t day);
/// Whether live entry `e` is one that was set aside and stands again (settle_period()): its
/// own version, of its current reading, is kept aside.
bool was_set_aside(journal& j, const entry& e);
/// The version set aside of entry `e` (set_aside()), as it was when set aside: what sync sends
/// of it, so that no replica takes it for a tombstone. nullopt when `e` is not set aside.
std::optional<entry> set_aside_version(journal& j, const entry& e);
/// This replica's own versions that were kept aside before they went out (one a second
/// check-in of the day replaced here, then another replica's later one won), for sync to send
/// as they are; then mark_own_versions_sent().
std::vector<entry> own_versions_to_send(journal& j);
void mark_own_versions_sent(journal& j);
/// Every version kept aside here that replica `me` made (by its clock reading): what a
/// snapshot of this replica's files holds of them, for a device that joins later.
std::vector<entry> kept_aside_versions_of(journal& j, const std::string& me);
/// Every version kept aside that says something other than its entry says now, and that the
/// version here was not made from, oldest first; of one entry only when `of` is not 0.
std::vector<conflict> list_conflicts(journal& j, std::int64_t of = 0);
/// Takes the version kept aside in place of the one here: a change by `by` (its author, or
/// either partner for the pair's kinds) that every other copy takes in its turn, and that
/// `undo` takes back (the version taken is listed again then). Throws data_error.
entry take_other(journal& j, const conflict& c, const partner& by, const clock& now);
/// Forgets a version kept aside (the one here stays). Throws data_error unless `by` may
/// change the entry.
void dismiss_conflict(journal& j, const conflict& c, const partner& by);

}  // namespace rebuild
