#pragma once
// The lines of what `rebuild export` (jsonl) writes, and sync files carry: an entry as JSON,
// and one line read back and checked as strictly as the command line checks what people
// type (what `import` and `sync` take). No SQL and no printing here, so that a fuzzer can call
// it on any bytes.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "rebuild/dates.hpp"
#include "rebuild/entries.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/partners.hpp"

namespace rebuild {

/// An entry as `show --json`, `log --json` and `export` write it, and as sync carries it: its
/// id, kind, author, day, times, whether deleted (and private), and its fields (null when
/// sealed).
nlohmann::ordered_json entry_json(const entry& e);

/// The most bytes one line may hold (its line break not counted).
inline constexpr std::size_t max_export_line = 1024 * 1024;

/// The first line: what the file is.
struct export_header {
  int version = 0;
  int schema = 0;        // 0 when the line does not say (a file written by hand)
  std::string exported;  // when it was written, by the writer's clock (UTC); may be empty
  /// A sync file's: the numbers of its replica's files whose changes it holds again (they
  /// went missing or were damaged in the folder), read as read.
  std::vector<std::int64_t> covers;
  /// A sync file's: the id its replica gave up when it found a copy of its journal writing
  /// under it (all it wrote went again under the new one), else empty.
  std::string retires;
  /// A sync file's: it is one of its replica's snapshot, which folds in that replica's files
  /// numbered up to this one (gone from the folder); 0 for any other file. A snapshot holds
  /// nothing but what stands of the files before it, so a reader that read those passes it by.
  std::int64_t compacts = 0;
  /// With `compacts`: which of the snapshot's files this is, and how many there are (its
  /// numbers are read only once all are).
  std::int64_t part = 0;
  std::int64_t parts = 0;
};
/// A journal setting (`config`): a known key and its value as `config` stores it; an empty
/// value for a key that has none until it is set (plan.start) means the other journal had
/// none. `import` takes it into a journal without entries, and otherwise keeps the journal's.
struct export_setting {
  std::string key;
  std::string value;
  std::string hlc;  // a sync file's: the value's clock reading (change_log.hpp)
};

using export_line = std::variant<export_header, partner, export_setting, entry>;

/// Reads one line (without its line break). `first`: it is the file's first line, which
/// must be the header and nothing else may be. `today`: the importing clock's local date
/// (no entry is dated after tomorrow). A partner comes back with id 0 and an entry with
/// id 0, its author and partner fields naming the other copy's partners. A deleted entry
/// (a tombstone) comes back without its words: no field values. Throws data_error with a
/// short reason (no file name or line number) for anything else.
export_line parse_export_line(std::string_view text, bool first, days_t today);

/// A line whose clock reading (or one it was made from) no rebuild could have made: not a
/// reading, or past hlc::reading_ceiling_ms. That change alone is refused, and said; the rest
/// of the file is taken (one forged line must not stop a sync, nor push the clock).
class refused_reading : public data_error {
 public:
  using data_error::data_error;
};

/// Whether `text` is a UUID as rebuild writes them: lowercase 8-4-4-4-12 hex, RFC 4122
/// variant, version 1 to 5.
bool is_uuid(std::string_view text);

}  // namespace rebuild
