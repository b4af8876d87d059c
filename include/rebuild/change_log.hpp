#pragma once
/// The change log that two devices sync by (issue 14): every version of an entry carries a
/// hybrid logical clock reading, the version it was made from and the partner who made it,
/// and this replica numbers its own changes so that `sync` sends each once. Kept beside the
/// undo history (history.hpp), which is this journal's alone and never sent.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

#include "rebuild/dates.hpp"
#include "rebuild/journal.hpp"

namespace rebuild {

/// A hybrid logical clock reading: wall milliseconds, a counter for readings within one
/// millisecond (or behind a clock seen from another replica), and the replica that made it.
/// Readings are ordered by all three (operator<), which is also the order of their texts
/// ("1765000000000.000000.3f9a0c11d2e4b5a6", fixed width), so SQL's max() finds the latest.
struct hlc {
  std::int64_t ms = 0;
  std::int64_t counter = 0;
  std::string replica;  // 16 hex digits; empty for a version from before sync existed

  /// The latest wall time this replica's clock reads (2200-01-01T00:00Z): a device clock set
  /// past it (a flat battery's 2287, say) counts on from here, so readings never stop rising.
  static constexpr std::int64_t clock_ceiling_ms = 7258118400000;
  /// The latest reading the clock counts on from: a reading taken in that lies past it (only a
  /// forged or hand-made one can) is taken but not followed, so that every reading this
  /// replica makes (at most a millisecond a million changes past it) lies before...
  static constexpr std::int64_t followed_ceiling_ms = clock_ceiling_ms + 365LL * 86400000;
  /// ...the latest reading taken from another copy at all; past it, a change is refused
  /// (that change alone, and said). Both leave the text's 13 digits decades to spare.
  static constexpr std::int64_t reading_ceiling_ms = clock_ceiling_ms + 366LL * 86400000;

  std::string text() const;
  /// nullopt for anything that is not such a text, or lies past reading_ceiling_ms.
  static std::optional<hlc> parse(std::string_view text);
  /// The reading a version from before sync had: its updated time, no counter, no replica.
  static hlc of_updated(std::string_view updated_utc);

  friend bool operator<(const hlc& a, const hlc& b) {
    return std::tie(a.ms, a.counter, a.replica) < std::tie(b.ms, b.counter, b.replica);
  }
  friend bool operator>(const hlc& a, const hlc& b) { return b < a; }
  friend bool operator<=(const hlc& a, const hlc& b) { return !(b < a); }
  friend bool operator>=(const hlc& a, const hlc& b) { return !(a < b); }
  friend bool operator==(const hlc& a, const hlc& b) {
    return std::tie(a.ms, a.counter, a.replica) == std::tie(b.ms, b.counter, b.replica);
  }
  friend bool operator!=(const hlc& a, const hlc& b) { return !(a == b); }
};

/// Whether `base` (readings, space-separated) holds `reading`: a version made from it.
bool made_from(std::string_view base, std::string_view reading);
/// Whether `text` is a replica id: 16 lowercase hex digits.
bool is_replica_id(std::string_view text);
/// This copy of the journal's replica id.
std::string replica_id(journal& j);
/// The next reading of this replica's clock: later than `now` and than every version this
/// journal holds (so an edit made after seeing another copy's version is later than it,
/// however far ahead that copy's clock ran).
hlc next_reading(journal& j, const clock& now);
/// The same without a wall clock: just after every reading this journal holds (a setting's,
/// which `config` sets without one).
hlc next_tick(journal& j);
/// The reading after every one here and after `wall` (milliseconds since 1970).
hlc next_reading_after(journal& j, std::int64_t wall);

/// SQL for this replica's next change number: after every number still on an entry and every
/// number already sent (a version taken in from another replica clears its entry's number, so
/// the highest one left may be lower than one sent before; a number is never given twice).
inline constexpr const char* next_seq_sql =
    "(SELECT max(coalesce((SELECT max(seq) FROM entries), 0), (SELECT sent_seq FROM sync_state "
    "WHERE id = 1)) + 1)";

/// Marks a change this replica made to entry `id` (add, edit, delete, undo, or a fold's own
/// replacement) by partner `by`: a new reading; the readings of the versions it was made from
/// (`base`: the one here before it, then the ones that one was made from, newest first, sixteen
/// at most), which tell an edit made after another from one made at once; and the next change
/// number, for `sync` to send. Inside the caller's transaction.
void log_change(journal& j, std::int64_t id, std::int64_t by, const clock& now);

}  // namespace rebuild
