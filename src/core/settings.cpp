#include "rebuild/settings.hpp"

#include <SQLiteCpp/Statement.h>

#include "rebuild/change_log.hpp"

namespace rebuild {

std::optional<std::string> get_setting(journal& j, std::string_view key) {
  SQLite::Statement st(j.db(), "SELECT value FROM settings WHERE key = ?");
  st.bind(1, std::string(key));
  if (st.executeStep()) return st.getColumn(0).getString();
  return std::nullopt;
}

void set_setting(journal& j, std::string_view key, std::string_view value) {
  // A clock reading, after every one this journal holds, for sync to tell the later value;
  // and not sent yet.
  const std::string reading = next_tick(j).text();
  SQLite::Statement st(j.db(),
                       "INSERT INTO settings (key, value, hlc, sent) VALUES (?1, ?2, ?3, 0) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value, hlc = "
                       "excluded.hlc, sent = 0");
  st.bind(1, std::string(key));
  st.bind(2, std::string(value));
  st.bind(3, reading);
  st.exec();
}

bool fold_setting(journal& j, std::string_view key, std::string_view value,
                  std::string_view reading) {
  SQLite::Statement here(j.db(), "SELECT value, hlc FROM settings WHERE key = ?");
  here.bind(1, std::string(key));
  if (here.executeStep()) {
    const std::string value_here = here.getColumn(0).getString();
    const std::string reading_here = here.getColumn(1).getString();
    // The later reading; two alike (both set by `init`, before sync) by the value, so that
    // every replica keeps the same one.
    const bool later = reading != reading_here ? reading > reading_here : value > value_here;
    if (!later) return false;
  }
  SQLite::Statement st(j.db(),
                       "INSERT INTO settings (key, value, hlc, sent) VALUES (?1, ?2, ?3, 1) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value, hlc = "
                       "excluded.hlc, sent = 1");
  st.bind(1, std::string(key));
  st.bind(2, std::string(value));
  st.bind(3, std::string(reading));
  st.exec();
  return true;
}

std::vector<synced_setting> settings_to_send(journal& j, bool all) {
  std::vector<synced_setting> out;
  // One without a reading (a joining replica's, from before) gives way to any other: not sent.
  SQLite::Statement st(j.db(), std::string("SELECT key, value, hlc FROM settings WHERE hlc != ''") +
                                   (all ? "" : " AND sent = 0") + " ORDER BY key");
  while (st.executeStep())
    out.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(),
                   st.getColumn(2).getString()});
  return out;
}

void mark_settings_sent(journal& j) { j.db().exec("UPDATE settings SET sent = 1 WHERE sent = 0"); }

}  // namespace rebuild
