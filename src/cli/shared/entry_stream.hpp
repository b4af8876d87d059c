#pragma once
// The whole of a long journal, entry by entry, in bounded memory: what `log` and `export`
// print as they read.
#include <functional>

#include "rebuild/entries.hpp"

namespace rebuild::cli {

/// The entries `filter` names, in its order, handed to `visit` one by one, as each_entry
/// does; but read a few days at a time (as many as hold about 200 entries, at the pace of
/// the days read before), so that what each_entry keeps of one reading (the id and kind of
/// every entry it will hand over, and a batch of entries) stays that small. Ten years of a
/// journal: 200 entries at a time instead of 76,000 ids and batches of 500.
void stream_entries(journal& j, const log_filter& filter, const std::function<void(entry&)>& visit);

}  // namespace rebuild::cli
