#pragma once
/// What tab completion offers from a journal: the names people type and the ids of entries.
/// Quick questions for a journal opened with journal::open_read_only; they write nothing.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rebuild/journal.hpp"

namespace rebuild {

/// The names of the live entries of a kind that has unique names (`ritual`, `task`), oldest
/// first; with `paused`, only the rituals that are (or are not) paused.
std::vector<std::string> live_names(journal& j, std::string_view kind,
                                    std::optional<bool> paused = std::nullopt);

/// An entry as completion shows it: its short id, and what and when it is, never its words
/// (a partner's words stay off the terminal's completion menu).
struct id_hint {
  std::string short_id;
  std::string kind;  // the kind's label: "check-in"
  std::string day;   // YYYY-MM-DD
};
/// Live entries whose id starts with `prefix` (any case), of the kinds named (any kind when
/// none), newest first, at most `limit`.
std::vector<id_hint> recent_ids(journal& j, std::string_view prefix,
                                const std::vector<std::string_view>& kinds, int limit);

}  // namespace rebuild
