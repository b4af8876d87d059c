#pragma once
/// Private entries: their author's alone (`--private`). A private entry keeps its row in
/// `entries`, so that it exists, its kind, author and day are not hidden, but it has no row in
/// its kind's table: its fields are one box in `sealed_words`, sealed under its author's data
/// key (keys.hpp) with its id, kind, author, day and time bound in (box_binding), so that a box
/// moved to another entry, or an entry moved to another day or author with sqlite3, does not
/// open. Only its author, with the passphrase, reads it again.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rebuild/crypto.hpp"
#include "rebuild/entries.hpp"

namespace rebuild {

/// Whether entries of `kind` may be private: a partner's own entries that the other partner
/// never has to act on. The pair's agreements, jobs, rituals and windows, the stage plan, a
/// time-out the other comes back from, a concern the other answers, a goal the report measures
/// the week against, and entries another entry refers to stay shared.
bool may_be_private(const kind_spec& kind);
/// Throws data_error, saying why, for a kind that may not be private.
void require_may_be_private(const kind_spec& kind);

/// What a private entry's box is bound to (authenticated, not stored in it): its entry's id,
/// its kind, its author (their UUID), its day and its time ("" when none).
struct box_binding {
  std::string uuid;
  const kind_spec* kind = nullptr;
  std::string author;
  std::string day;
  std::string time;
};
box_binding binding_of(const entry& e);

/// A private entry's fields, sealed (and padded, so that the box tells little of their length)
/// and bound to `binding`.
std::string seal_fields(const crypto::key& k, const box_binding& binding,
                        const field_values& fields);
/// The fields in a private entry's box. Throws io_error (exit 74) naming the entry when it does
/// not open with `k`: another key, or a box changed, moved from another entry, or its entry
/// moved to another day, time or author. `bound` false: a box sealed before schema 13, bound
/// to the entry's id and kind alone.
field_values open_fields(const crypto::key& k, const entry& e, std::string_view box,
                         bool bound = true);
/// The fields in the box stored for `e`, as open_fields() opens them.
field_values open_stored(journal& j, const entry& e, const crypto::key& k);

/// The box of entry `id`; nullopt when it has none.
std::optional<std::string> sealed_box(journal& j, std::int64_t id);
/// Writes (or replaces) the box of entry `id`; inside the caller's write transaction. `bound`
/// false only for a box put back as it was (undo) from before schema 13.
void store_box(journal& j, std::int64_t id, std::string_view box, bool bound = true);

/// Seals again, bound to all of box_binding, every box of `author`'s from before schema 13
/// (bound to id and kind alone) that opens with `k`; returns how many. Called at each of the
/// author's private writes, when the key is at hand; inside the caller's write transaction.
int bind_boxes(journal& j, const partner& author, const crypto::key& k);

/// Seals every private box of `author` again, from their data key `from` to `to` (a new
/// passphrase makes a new key); returns how many. One that does not open under `from`
/// (damaged, or moved from another entry) is left as it is, its entry's id added to
/// `unopened`. Inside the caller's write transaction.
int reseal_private(journal& j, const partner& author, const crypto::key& from,
                   const crypto::key& to, std::vector<std::string>& unopened);

/// Fills in the fields of `e`, a live private entry of the partner whose key `k` is.
void open_entry(journal& j, entry& e, const crypto::key& k);

/// Opens every live private entry of `author` for reading, on this connection only: their
/// fields go into TEMP copies (kept in memory) of their kinds' tables, which SQLite reads in
/// place of the journal's own, and journal::visible() lets them through; so every list,
/// figure and report on this connection counts them as their author's own. Nothing is written
/// to the journal, and no write may follow on this connection (write_transaction refuses).
/// Call it before any read transaction. A box that does not open (changed, or moved from
/// another entry) is left sealed, its entry passed by, and named in what it returns: one line
/// each, to say once the rest is shown.
std::vector<std::string> reveal_private(journal& j, const partner& author, const crypto::key& k);

}  // namespace rebuild
