#pragma once
// The rows behind entries: how an entry is read from and written to the `entries` table and
// its kind's own table, and the undo history's record of each change. Private to the core;
// shared by entries.cpp (add, find, edit, delete), history.cpp (undo) and fold.cpp (import
// and merge).
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rebuild/entries.hpp"

namespace rebuild::rows {

std::string new_uuid();
void bind_value(SQLite::Statement& st, int index, const value& v);
value column_value(const SQLite::Column& c);
/// Binds a field's value as its column holds it: a partner by their row, anything else as is.
void bind_field(journal& j, SQLite::Statement& st, int index, const field_spec& f, const value& v);

/// The live entry of the same kind, author and period as `day`, other than `except`.
std::optional<std::int64_t> same_period(journal& j, const kind_spec& kind, std::int64_t author,
                                        days_t day, std::int64_t except);
std::string period_word(once_per once);
/// The UTC instant of an entry's day and time (noon when only the day is known).
utc_seconds instant_of(const when& at, const clock& now);

/// The SQL for an entry's updated_utc on a change made now: now, or a second after the time
/// it has when that is not earlier (a version taken in from a copy whose clock runs ahead, or
/// two changes within one second). So each version of an entry is later than the one before,
/// which merge needs to tell them apart, and a calendar SEQUENCE built on it only grows.
/// Binds nothing itself: `now_param` names the parameter that holds now ("?2").
std::string next_updated_sql(std::string_view now_param);
void set_deleted(journal& j, std::int64_t id, bool deleted, const clock& now);
/// Deletes an entry and its words: the tombstone keeps id, kind, author, day and times, and
/// its kind's row (every field) goes. What undo needs is kept, first, in the undo history.
void tombstone(journal& j, std::int64_t id, const kind_spec& kind, const clock& now);
/// `VERB INTO table (entry_id, fields...) VALUES (?, ...)` for a kind's own row.
std::string body_insert_sql(const kind_spec& kind, std::string_view verb);
/// A kind named in the journal. Throws io_error for a kind this build does not know.
const kind_spec& known_kind(std::string_view name);
/// Entries of `kind` matching `where_and_order`, which must keep to that kind.
std::vector<entry> query_entries(journal& j, const kind_spec& kind,
                                 const std::string& where_and_order,
                                 const std::function<void(SQLite::Statement&)>& bind);
const kind_spec* kind_of_row(journal& j, std::int64_t id);

/// Throws data_error unless `by` may change `e` (its author, or either partner for the pair's
/// own kinds).
void require_author(const entry& e, const partner& by, std::string_view verb);
/// A live entry of a kind with a `unique` field, found by that field.
struct named {
  std::int64_t id;
  std::string uuid;
  std::string name;  // as that entry spells it
};
/// The live entry of `kind`, other than `self`, whose `unique` field is `name` in any case;
/// nullopt when there is none, or the kind has no such field. The one test of a name taken,
/// for add, edit, merge and undo alike.
std::optional<named> name_holder(journal& j, const kind_spec& kind, std::string_view name,
                                 std::int64_t self);
/// What validate_value cannot see alone: that a partner and a referenced entry exist, and
/// that a unique name is free.
void check_against_journal(journal& j, const kind_spec& kind, const field_values& fields,
                           std::int64_t self);

// ---- the undo history (history.cpp) -------------------------------------------------------
/// One change of the command under way, kept for undo.
void record_change(journal& j, std::int64_t entry_id, const partner& by, std::string_view action,
                   const std::optional<std::string>& before, std::optional<std::int64_t> replaced,
                   const clock& now);
/// The entry as a JSON object of its day, time, instant and fields, for undoing an edit or a
/// delete.
std::string snapshot(journal& j, const entry& e);
/// Puts an entry's day, time, instant and fields back as `snapshot` took them.
void restore_snapshot(journal& j, const entry& e, const std::string& json, const clock& now);

}  // namespace rebuild::rows
