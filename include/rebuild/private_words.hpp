#pragma once
/// Private entries: their author's alone (`--private`). A private entry keeps its row in
/// `entries`, so that it exists, its kind, author and day are not hidden, but it has no row in
/// its kind's table: its fields are one box in `sealed_words`, sealed under its author's data
/// key (keys.hpp) with its id and kind bound in, so that a box moved to another entry does
/// not open. Only its author, with the passphrase, reads it again.
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

/// A private entry's fields, sealed (and padded, so that the box tells little of their length).
std::string seal_fields(const crypto::key& k, std::string_view uuid, const kind_spec& kind,
                        const field_values& fields);
/// The fields in a private entry's box. Throws io_error (exit 74) naming the entry when it does
/// not open with `k`: another key, or a box changed or moved from another entry.
field_values open_fields(const crypto::key& k, const entry& e, std::string_view box);

/// The box of entry `id`; nullopt when it has none.
std::optional<std::string> sealed_box(journal& j, std::int64_t id);
/// Writes (or replaces) the box of entry `id`; inside the caller's write transaction.
void store_box(journal& j, std::int64_t id, std::string_view box);

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
