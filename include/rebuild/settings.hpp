#pragma once
/// The journal's raw key-value settings; the known keys and their checks are `config`'s
/// (practices.hpp).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rebuild/dates.hpp"
#include "rebuild/journal.hpp"

namespace rebuild {

std::optional<std::string> get_setting(journal& j, std::string_view key);
/// The value a setting held at the end of `day` (local): each value replaced is kept with the
/// clock reading of the one that replaced it (set here or taken in by sync), whose day is the
/// day it took over.
std::optional<std::string> setting_as_of(journal& j, std::string_view key, days_t day);
/// Sets a value. Given the clock, its reading is the clock's (so that the day it took over is
/// known here and on the other device, setting_as_of); without, only after every reading here
/// (`init`: a device that joins takes the other's values over its own first ones).
void set_setting(journal& j, std::string_view key, std::string_view value,
                 const clock* now = nullptr);
/// A number that rises each time `key` is set (the seconds of its clock reading since 2020,
/// and its counter, on any device); 0 for a key never set. What a calendar's SEQUENCE follows.
int setting_revision(journal& j, std::string_view key);

/// A setting as sync carries it: its value and clock reading.
struct synced_setting {
  std::string key;
  std::string value;
  std::string hlc;
};
/// Takes another replica's value of a setting when it is the later one (by clock reading;
/// two alike by value); true when taken. The caller has checked the key and value.
bool fold_setting(journal& j, std::string_view key, std::string_view value,
                  std::string_view reading);
/// The settings set here since the last sync (every one, given `all`), for sync to send (not
/// one without a clock reading, which gives way to any other);
/// then mark_settings_sent() once they are in a file.
std::vector<synced_setting> settings_to_send(journal& j, bool all);
void mark_settings_sent(journal& j);

}  // namespace rebuild
