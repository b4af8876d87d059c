#include "rebuild/settings.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>

#include "rebuild/change_log.hpp"
#include "rebuild/sync_policy.hpp"

namespace rebuild {

std::optional<std::string> get_setting(journal& j, std::string_view key) {
  SQLite::Statement st(j.db(), "SELECT value FROM settings WHERE key = ?");
  st.bind(1, std::string(key));
  if (st.executeStep()) return st.getColumn(0).getString();
  return std::nullopt;
}

int setting_revision(journal& j, std::string_view key) {
  SQLite::Statement st(j.db(), "SELECT hlc FROM settings WHERE key = ?");
  st.bind(1, std::string(key));
  if (!st.executeStep()) return 0;
  const auto reading = hlc::parse(st.getColumn(0).getString());
  if (!reading) return 0;
  // SEQUENCE is a 32-bit integer: seconds from 2020 on leave it decades. Within one second
  // (or under a fixed clock, REBUILD_NOW, whose readings keep one time) the counter rises.
  constexpr std::int64_t from_2020 = 1577836800;
  const std::int64_t seconds = std::max<std::int64_t>(reading->ms / 1000 - from_2020, 0);
  return static_cast<int>(std::clamp<std::int64_t>(seconds + reading->counter, 0, 2'000'000'000));
}

namespace {

/// Writes a value with its clock reading; `sent` says whether it has gone out (or came in).
/// The value it replaces, if another, is kept with that reading: the day it stopped holding.
void store_setting(journal& j, std::string_view key, std::string_view value,
                   std::string_view reading, bool sent) {
  if (const auto was = get_setting(j, key); was && *was != value) {
    SQLite::Statement keep(
        j.db(), "INSERT INTO setting_history (key, value, replaced_by) VALUES (?, ?, ?)");
    keep.bind(1, std::string(key));
    keep.bind(2, *was);
    keep.bind(3, std::string(reading));
    keep.exec();
  }
  SQLite::Statement st(j.db(),
                       "INSERT INTO settings (key, value, hlc, sent) VALUES (?1, ?2, ?3, ?4) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value, hlc = "
                       "excluded.hlc, sent = excluded.sent");
  st.bind(1, std::string(key));
  st.bind(2, std::string(value));
  st.bind(3, std::string(reading));
  st.bind(4, sent ? 1 : 0);
  st.exec();
}

}  // namespace

std::optional<std::string> setting_as_of(journal& j, std::string_view key, days_t day) {
  // Each value the key held before, with the reading of the one that replaced it: the first
  // replaced after `day` was the value at its end. None: the value now.
  SQLite::Statement st(j.db(), "SELECT value, replaced_by FROM setting_history WHERE key = ?");
  st.bind(1, std::string(key));
  std::optional<std::pair<hlc, std::string>> first;
  while (st.executeStep()) {
    const auto reading = hlc::parse(st.getColumn(1).getString());
    if (!reading) continue;
    const days_t replaced = local_day_of(utc_seconds{
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::milliseconds{reading->ms})});
    if (replaced <= day) continue;
    if (!first || *reading < first->first) first.emplace(*reading, st.getColumn(0).getString());
  }
  if (first) return first->second;
  return get_setting(j, key);
}

void set_setting(journal& j, std::string_view key, std::string_view value, const clock* now) {
  // A clock reading, after every one this journal holds, for sync to tell the later value;
  // and not sent yet.
  store_setting(j, key, value, (now ? next_reading(j, *now) : next_tick(j)).text(), false);
}

bool fold_setting(journal& j, std::string_view key, std::string_view value,
                  std::string_view reading) {
  const auto incoming = hlc::parse(reading);
  if (!incoming) return false;  // (checked as it was read: never here)
  SQLite::Statement here(j.db(), "SELECT value, hlc FROM settings WHERE key = ?");
  here.bind(1, std::string(key));
  std::optional<sync::held> held;
  std::string value_here, reading_here;
  if (here.executeStep()) {
    value_here = here.getColumn(0).getString();
    reading_here = here.getColumn(1).getString();
    // (A value from before sync, set by `init` on a device that joined, has no reading: it
    // gives way to any other.)
    held.emplace();
    held->v.reading = hlc::parse(reading_here).value_or(hlc{});
    held->v.content = value_here;
  }
  // One value a key, with no record of what it was set from: every two values are made at
  // once. The later reading stands; the other is forgotten, not kept aside (a setting is set
  // again, never written).
  const sync::verdict v = sync::decide(held, sync::arriving{{*incoming, "", value}});
  if (v.what != sync::decision::take && v.what != sync::decision::take_and_set_aside) return false;
  store_setting(j, key, value, reading, true);
  return true;
}

std::vector<synced_setting> settings_to_send(journal& j, bool all) {
  std::vector<synced_setting> out;
  // One without a reading (a joining replica's, from before) gives way to any other: not sent.
  SQLite::Statement st(j.db(), std::string("SELECT key, value, hlc FROM settings WHERE hlc != ''") +
                                   (all ? "" : " AND sent = 0") + " ORDER BY key");
  while (st.executeStep())
    out.push_back(
        {st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getString()});
  return out;
}

void mark_settings_sent(journal& j) { j.db().exec("UPDATE settings SET sent = 1 WHERE sent = 0"); }

}  // namespace rebuild
