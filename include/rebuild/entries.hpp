#pragma once
/// Entries and their corrections.
///
/// Every entry has a random UUID, an author, the local civil day it belongs to, a UTC
/// instant, created and updated times and a tombstone flag, so that two partners' copies can
/// later be merged by UUID. Each kind of entry keeps its own fields in a typed table; the
/// kinds are described once, in `kinds()`, and the generic operations (add, list, edit,
/// delete, undo) work from that description.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "rebuild/dates.hpp"
#include "rebuild/journal.hpp"
#include "rebuild/partners.hpp"

namespace rebuild {

inline constexpr std::size_t max_text_length = 10000;  // characters (code points)

/// integer: a whole number in [min, max]; text: free text; boolean: 0 or 1; choice: one of
/// `choices`; clock: HH:MM; partner: a partner's name (stored as the partners row);
/// reference: the UUID of a live entry of kind `refers_to`; day: YYYY-MM-DD; moment: a local
/// day and time, "YYYY-MM-DD HH:MM".
enum class field_type { integer, text, boolean, choice, clock, partner, reference, day, moment };

struct field_spec {
  std::string_view name;   // column and JSON key
  std::string_view label;  // for people
  field_type type = field_type::text;
  bool required = false;
  int min = 0;  // integer range, inclusive
  int max = 0;
  std::vector<std::string_view> choices = {};
  std::string_view refers_to = {};
};

enum class once_per { none, day, week };

struct kind_spec {
  std::string_view name;   // as in `log --type` and JSON
  std::string_view label;  // for people: "check-in"
  std::string_view table;
  std::vector<field_spec> fields;
  once_per once = once_per::none;  // a second one in the period replaces the first
  bool shared = false;             // the pair's: either partner may edit or delete it
  std::string_view unique = {};    // a text field no two live entries share (any case)
  /// The kind whose edits this one keeps (task-change: "task"): its first field refers to the
  /// entry edited, "changed" names the fields, the rest hold what they were (issue 26 item 1).
  std::string_view history_of = {};

  const field_spec* field(std::string_view field_name) const;
};

const std::vector<kind_spec>& kinds();
/// A monthly ritual's days: "first mon" ... "last sun".
const std::vector<std::string_view>& monthly_days();
/// Throws data_error listing the kinds.
const kind_spec& kind_named(std::string_view name);
/// The kind that keeps the history of `kind`'s edits (task: task-change), or nullptr.
const kind_spec* history_kind(const kind_spec& kind);

using value = std::variant<std::monostate, std::int64_t, std::string>;
using field_values = std::map<std::string, value, std::less<>>;

/// Checks free text: valid UTF-8, not blank, at most max_text_length characters.
/// Throws data_error naming `label`.
void validate_text(std::string_view label, std::string_view text);
/// Checks one value against its field; throws data_error.
void validate_value(const field_spec& field, const value& v);

struct when {
  days_t day;
  std::optional<minutes_t> time;  // unset: only the day is known
};

struct entry {
  std::int64_t id = 0;
  std::string uuid;
  const kind_spec* kind = nullptr;
  partner author;
  days_t day;
  std::optional<minutes_t> time;
  std::string at_utc;
  std::string created_utc;
  std::string updated_utc;
  bool deleted = false;
  bool is_private = false;  // its author's alone (--private)
  bool sealed = false;      // private and not opened here: its fields are not known
  std::string hlc;          // this version's clock reading (change_log.hpp); empty: not known
  std::string base;         // readings of the versions it was made from, newest first; empty:
                            // none (an add), or not known
  std::string changed_by;   // the partner who made this version; empty: its author
  field_values fields;

  std::string short_id() const { return uuid.substr(0, 8); }
  const value& get(std::string_view field) const;
  /// A text field's words; empty when it is unset.
  std::string text(std::string_view field) const;
  /// A whole-number (or yes/no) field; nullopt when it is unset.
  std::optional<std::int64_t> number(std::string_view field) const;
};

struct added {
  entry item;
  std::optional<entry> replaced;  // the earlier one of the same day (or week)
};

namespace crypto {
class key;
}

/// Each of these runs inside the caller's write transaction. With `seal` (the author's data
/// key, keys.hpp), the entry is private: its fields are sealed, never written as they are.
added add_entry(journal& j, const kind_spec& kind, const partner& author, const when& at,
                const field_values& fields, const clock& now, const crypto::key* seal = nullptr);
/// Any entry, private ones too (sealed, unless opened on this connection).
entry get_entry(journal& j, std::int64_t id);
/// A full UUID or a unique prefix of at least 4 characters, among the entries this connection
/// shows (journal::visible) and, given `private_of`, that partner's private ones (sealed).
/// Throws data_error.
entry find_entry(journal& j, std::string_view id,
                 std::optional<std::int64_t> private_of = std::nullopt);

struct log_filter {
  std::optional<days_t> since;
  std::optional<days_t> until;
  const kind_spec* kind = nullptr;
  std::optional<std::int64_t> author;
  std::optional<int> limit;
  bool with_deleted = false;  // tombstones too
  bool oldest_first = false;
  /// Only entries whose words (any text or choice field the reader can see: a sealed private
  /// entry has none) hold this, in any case of ASCII letters (SQL's LIKE); `limit` counts those.
  std::optional<std::string> grep;
  /// The timeline a person reads (`log`): without the kept history of jobs' and rituals'
  /// edits (task-change, ritual-change), unless `kind` asks for one of them.
  bool timeline = false;
};
/// Live entries (and tombstones, if asked), newest first unless asked otherwise.
std::vector<entry> list_entries(journal& j, const log_filter& filter);
/// The same entries, handed to `visit` one by one, read a few hundred at a time: for the
/// whole of a journal, without holding it all in memory.
void each_entry(journal& j, const log_filter& filter, const std::function<void(entry&)>& visit);
/// Every live entry of one kind, oldest first.
std::vector<entry> entries_of_kind(journal& j, std::string_view kind);
/// Whether this connection shows any live entry of one kind (one row read, not the kind).
bool any_of_kind(journal& j, std::string_view kind);
/// The live entry of `kind` whose `unique` field is `name` in any case, or whose id starts
/// with `name`. Throws data_error listing what there is.
entry find_named(journal& j, std::string_view kind, std::string_view name);

/// Changes fields (and perhaps the day) of an entry by its author. A private entry's fields
/// change only with its author's data key (`key`), which opens and seals them again; its day
/// alone changes without. Throws data_error.
entry edit_entry(journal& j, const entry& e, const partner& by, const std::optional<when>& at,
                 const field_values& changes, const clock& now, const crypto::key* key = nullptr);
/// Tombstones an entry by its author. Throws data_error.
void delete_entry(journal& j, const entry& e, const partner& by, const clock& now);

}  // namespace rebuild
