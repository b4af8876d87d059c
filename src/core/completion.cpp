#include "rebuild/completion.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "rebuild/entries.hpp"
#include "rebuild/text.hpp"

namespace rebuild {

std::vector<std::string> live_names(journal& j, std::string_view kind_name,
                                    std::optional<bool> paused) {
  const kind_spec& kind = kind_named(kind_name);
  std::vector<std::string> out;
  if (kind.unique.empty()) return out;
  const bool by_pause = paused.has_value() && kind.field("paused") != nullptr;
  SQLite::Statement st(j.db(),
                       fmt::format("SELECT k.{} FROM entries e JOIN {} k ON k.entry_id = e.id "
                                   "WHERE e.kind = ? AND e.deleted = 0{} ORDER BY e.id",
                                   kind.unique, kind.table, by_pause ? " AND k.paused = ?" : ""));
  st.bind(1, std::string(kind.name));
  if (by_pause) st.bind(2, *paused ? 1 : 0);
  while (st.executeStep()) out.push_back(st.getColumn(0).getString());
  return out;
}

std::vector<id_hint> recent_ids(journal& j, std::string_view prefix,
                                const std::vector<std::string_view>& kind_names, int limit) {
  std::string where = "e.deleted = 0 AND substr(e.uuid, 1, length(:prefix)) = :prefix";
  // Private entries are nobody's to pick from a list (completion is never migrated: a journal
  // older than schema 9 has none).
  if (j.schema_version() >= 9) where += " AND e.private = 0";
  if (!kind_names.empty()) {
    std::string list;
    for (std::size_t i = 0; i < kind_names.size(); ++i)
      list += fmt::format("{}:kind{}", i == 0 ? "" : ", ", i);
    where += " AND e.kind IN (" + list + ")";
  }
  SQLite::Statement st(j.db(), "SELECT e.uuid, e.kind, e.day FROM entries e WHERE " + where +
                                   " ORDER BY e.day DESC, e.at_utc DESC, e.id DESC LIMIT :limit");
  st.bind(":prefix", ascii_lower(prefix));
  for (std::size_t i = 0; i < kind_names.size(); ++i)
    st.bind(fmt::format(":kind{}", i), std::string(kind_names[i]));
  st.bind(":limit", limit);
  std::vector<id_hint> out;
  while (st.executeStep()) {
    const std::string kind = st.getColumn(1).getString();
    std::string label = kind;
    for (const auto& k : kinds())
      if (k.name == kind) label = std::string(k.label);
    out.push_back({st.getColumn(0).getString().substr(0, 8), label, st.getColumn(2).getString()});
  }
  return out;
}

}  // namespace rebuild
