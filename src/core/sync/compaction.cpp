// Old files folded into a snapshot, once every other replica has read them.
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "exchange_parts.hpp"
#include "rebuild/change_log.hpp"
#include "rebuild/conflicts.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/practices.hpp"
#include "rebuild/settings.hpp"
#include "rebuild/text.hpp"

namespace rebuild::sync {
namespace {

using json = nlohmann::ordered_json;

/// Files read by every replica that a replica keeps before it folds them into a snapshot:
/// about a month of daily syncs. (REBUILD_SYNC_COMPACT_AFTER sets another number, for tests
/// and bench/ to reach it in a few syncs.)
int compact_after() {
  if (const char* n = std::getenv("REBUILD_SYNC_COMPACT_AFTER"); n != nullptr) {
    const int value = std::atoi(n);
    if (value >= 1) return value;
  }
  return 30;
}

}  // namespace

void compact(exchange& x) {
  auto& j = x.j;
  auto& out = x.out;
  auto& progress = x.progress;
  const std::string me = progress.replica;
  // How far every other replica has read this one's files, by the position each keeps in the
  // folder (a replica with none, or that has read none of them, holds everything back). One
  // that gave up its id reads no more.
  std::int64_t upto = progress.next_file - 1;
  json live = json::array();
  for (const auto& replica : x.files.replicas()) {
    if (replica == me || is_retired(j, replica)) continue;
    live.push_back(replica);
    std::int64_t next = 1;
    if (const auto read = x.files.position(replica))
      for (const auto& [peer, n] : *read)
        if (peer == me) next = n;
    upto = std::min(upto, next - 1);
  }
  upto = std::max(upto, progress.compacted);
  // The files that would go: every one read by all, and the snapshot's before. Folded once
  // there are a month of daily syncs' worth, or at once when a file of the snapshot went
  // missing (a device that joins would otherwise wait for the numbers it folded in).
  const std::vector<own_file> written = own_files(j, me, progress.compacted);
  int foldable = 0;
  std::vector<std::int64_t> old_snapshot;
  for (const auto& f : written) {
    if (f.number <= progress.compacted || f.compacts < 0) continue;
    if (f.compacts > 0) {
      if (f.number > upto) old_snapshot.push_back(f.number);
    } else if (f.number <= upto) {
      ++foldable;
    }
  }
  if (!x.snapshot_lost && foldable < compact_after()) return;

  file_writer files(x);
  files.compacts = upto;
  files.must_write = true;
  // The snapshot's files before, past `upto`: covered by the new one, which holds all they
  // held and more (a reader that has not read them takes them as read).
  files.covers = old_snapshot;
  int settings = 0;
  files.settings = settings_lines(j, true, settings);
  // What stands of this replica's own: every entry whose standing version it made, took in by
  // import or held from before sync (it has a change number), or that no other replica in the
  // folder holds (one made by a replica gone from it), and the versions it made that are kept
  // aside. A version another replica made, or held from before sync, stands in that replica's
  // files, where the same rule keeps it.
  std::vector<std::int64_t> ids;
  {
    SQLite::Statement st(j.db(),
                         "SELECT id FROM entries WHERE private = 0 AND (seq IS NOT NULL OR "
                         "(hlc NOT LIKE '%.' AND substr(hlc, -16) NOT IN (SELECT value FROM "
                         "json_each(?)))) ORDER BY day, at_utc, id");
    st.bind(1, live.dump());
    while (st.executeStep()) ids.push_back(st.getColumn(0).getInt64());
  }
  const std::vector<entry> kept = kept_aside_versions_of(j, me);
  const auto total = static_cast<std::int64_t>(ids.size() + kept.size());
  files.parts = std::max<std::int64_t>(1, (total + entries_per_file - 1) / entries_per_file);
  for (const auto id : ids) files.add(get_entry(j, id));
  for (const auto& version : kept) files.add(version);
  files.flush();
  // What it folds in goes from the folder once the sync is saved: the files up to `upto`
  // (those it already folded in before, left by a sync cut short, too) and the snapshot's
  // before.
  for (const auto& f : written)
    if (f.number > progress.compacted && (f.number <= upto || f.compacts > 0)) {
      if (f.compacts > 0) supersede_own_file(j, me, f.number);
      x.to_remove.push_back(file_name(f.number));
    }
  out.files_compacted = foldable;
  progress.compacted = upto;
  SQLite::Statement record(j.db(), "UPDATE sync_state SET compacted = ? WHERE id = 1");
  record.bind(1, upto);
  record.exec();
}

}  // namespace rebuild::sync
