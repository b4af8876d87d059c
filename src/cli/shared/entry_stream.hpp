#pragma once
// The whole of a long journal, entry by entry, in bounded memory: what `log` and `export`
// print as they read.
#include <functional>

#include "rebuild/entries.hpp"

namespace rebuild::cli {

/// The entries `filter` names, in its order, handed to `visit` one by one, as each_entry
/// does; but read a season (90 days) at a time, so that what each_entry keeps of a whole
/// reading (the id and kind of every entry it will hand over) stays that season's. Ten years
/// of a journal: about 2,000 entries' ids at a time instead of 76,000.
void stream_entries(journal& j, const log_filter& filter,
                    const std::function<void(entry&)>& visit);

}  // namespace rebuild::cli
