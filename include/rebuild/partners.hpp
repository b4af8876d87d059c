#pragma once
/// The one or two partners a journal is for. Names match case-insensitively (ASCII letters,
/// as SQLite's NOCASE does).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rebuild/dates.hpp"
#include "rebuild/journal.hpp"

namespace rebuild {

struct partner {
  std::int64_t id = 0;
  std::string uuid;
  std::string name;
};

std::vector<partner> partners(journal& j);
/// "Dan", "Dan and Sam".
std::string partner_names(const std::vector<partner>& list);
/// Inside a write transaction. Throws data_error for a bad or taken name.
partner add_partner(journal& j, std::string_view name, const clock& now);
/// Case-insensitive. Throws data_error naming the partners there are.
partner find_partner(journal& j, std::string_view name);
/// Who is writing: `--as`, else $REBUILD_PARTNER, else the only partner. Throws data_error.
partner resolve_partner(journal& j, const std::string& as_flag);
/// Checks a partner's name as `init` would take it; throws data_error.
void validate_partner_name(std::string_view name);

}  // namespace rebuild
