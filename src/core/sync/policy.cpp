// The sync rule: what a version arriving from another copy does to the one here.
#include <tuple>

#include "rebuild/sync_policy.hpp"

namespace rebuild::sync {

verdict decide(const std::optional<held>& here, const arriving& incoming) {
  // Only an entry's author changes it (either partner, the pair's kinds): a version made by
  // the other partner is refused, whatever it says, and said.
  if (!incoming.made_by_author) return {decision::refuse};
  // New here: taken as it is.
  if (!here) return {decision::take};
  // A private entry here is its author's alone; no copy's version replaces it (none can be
  // of it: private entries never leave their journal).
  if (here->is_private) return {decision::keep};
  // One id for two kinds: no copy rebuild wrote holds that.
  if (!here->same_kind) return {decision::invalid};
  // The same entry said to be another partner's: nobody's words are moved to the other.
  if (!here->same_author) return {decision::refuse};
  const version& mine = here->v;
  const version& theirs = incoming.v;
  const bool words_differ = theirs.content != mine.content;
  if (theirs.reading == mine.reading) {
    // The same version again (a file read twice, a copy merged twice); or one side's is a
    // tombstone of the other's very reading: an entry set aside there, which export and merge
    // carry as a tombstone (a deletion is a change of its own, with a later reading).
    if (!words_differ || theirs.tombstone != mine.tombstone) return {decision::keep};
    // Two versions with one reading: two copies of one journal, writing under one replica id
    // until one finds the other, made them at once. Told apart by their words, alike on every
    // replica; the other is kept aside.
    return {
        theirs.content > mine.content ? decision::take_and_set_aside : decision::keep_and_set_aside,
        true};
  }
  // A version with no history that says what the one here says (this journal's own export
  // imported again, its updated time a second past its reading): nothing to take.
  if (!theirs.has_history && !words_differ) return {decision::keep};
  // One was made from the other: the later one, quietly. A version with no history (a copy
  // from before sync) cannot tell, and the later one is taken, as merge always did.
  const bool related = !theirs.has_history || made_from(theirs.base, mine.reading.text()) ||
                       made_from(mine.base, theirs.reading.text());
  // The later reading wins, in whatever order the versions come, so every replica keeps the
  // same one.
  const bool theirs_later = theirs.reading > mine.reading;
  if (related) return {theirs_later ? decision::take : decision::keep};
  // Made at once, neither from the other: the later stands, the other is kept aside.
  return {theirs_later ? decision::take_and_set_aside : decision::keep_and_set_aside, words_differ};
}

stands which_stands(const period_entry& here, const period_entry& incoming) {
  // A private entry never gives way: it is sealed, and no other copy knows it to keep aside.
  if (here.is_private) return stands::here;
  if (incoming.is_private) return stands::incoming;
  // The later written stands (as a second check-in of the day stands over the first); a
  // version taken back with `conflicts --take-other` is later than both, so it stands
  // everywhere in its turn.
  return std::tie(incoming.reading, incoming.uuid) > std::tie(here.reading, here.uuid)
             ? stands::incoming
             : stands::here;
}

stands which_keeps_name(const named_entry& here, const named_entry& incoming) {
  // The one added first keeps the name, on every replica alike.
  return std::tie(incoming.created_utc, incoming.uuid) < std::tie(here.created_utc, here.uuid)
             ? stands::incoming
             : stands::here;
}

}  // namespace rebuild::sync
