#include "rebuild/settings.hpp"

#include <SQLiteCpp/Statement.h>

namespace rebuild {

std::optional<std::string> get_setting(journal& j, std::string_view key) {
  SQLite::Statement st(j.db(), "SELECT value FROM settings WHERE key = ?");
  st.bind(1, std::string(key));
  if (st.executeStep()) return st.getColumn(0).getString();
  return std::nullopt;
}

void set_setting(journal& j, std::string_view key, std::string_view value) {
  SQLite::Statement st(j.db(),
                       "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  st.bind(1, std::string(key));
  st.bind(2, std::string(value));
  st.exec();
}

}  // namespace rebuild
