#pragma once
/// Local civil dates, the clock and ISO weeks.
///
/// Everything a person types is a local civil date in their own time zone, `TZ` honoured.
/// Calendar arithmetic and ISO weeks are Howard Hinnant's date; the one conversion between
/// local time and UTC is the C library's (mktime, localtime_r), which reads only the zone in
/// use, where date's OS tz database first walks every file under /usr/share/zoneinfo (about
/// 700 system calls, most of a command's run time). `REBUILD_NOW` fixes "now" so tests and
/// scripts are deterministic.
#include <date/date.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace rebuild {

using days_t = date::local_days;
using minutes_t = std::chrono::minutes;
using utc_seconds = date::sys_seconds;

class clock {
 public:
  /// Reads `REBUILD_NOW` (YYYY-MM-DDTHH:MM, local) and `TZ` from the environment.
  static clock from_environment();
  /// A fixed clock in a named zone (an IANA name, as TZ takes it); for tests.
  static clock fixed(std::string_view local_now, std::string_view zone_name);

  utc_seconds now_utc() const;
  date::local_seconds now_local() const;
  days_t today() const;
  minutes_t time_of_day() const;
  /// The UTC instant of a local civil time; one in a DST gap is read in the time before
  /// the change, as mktime does.
  utc_seconds to_utc(date::local_seconds local) const;

 private:
  std::optional<date::local_seconds> fixed_local_;
  std::optional<std::string> zone_;  // a zone to use instead of the environment's TZ
};

/// Parses what SPEC.md allows for `--date`: today, yesterday, tomorrow, YYYY-MM-DD, a
/// weekday name (the most recent, today included) or -Nd. Throws data_error.
days_t parse_day(std::string_view text, days_t today);
/// Parses HH:MM (24-hour). Throws data_error.
minutes_t parse_time_of_day(std::string_view text);
/// A day still to come, for what is planned (`agenda add --for`): as parse_day, but a weekday
/// name is the next one, today included. Throws data_error.
days_t parse_coming_day(std::string_view text, days_t today);
/// A local day and time after a call at `day` and `time` (`timeout --return-by`): "HH:MM" is
/// the next such time (later that day, else the day after); "DAY HH:MM" takes DAY as
/// parse_coming_day does from `today`. Returns "YYYY-MM-DD HH:MM". Throws data_error.
std::string parse_moment(std::string_view text, days_t day, minutes_t time, days_t today);
/// Throws data_error when a day (and time) that already happened lies in the future.
void require_not_future(days_t day, std::optional<minutes_t> time, const clock& now,
                        std::string_view what);

struct week {
  days_t monday;
  days_t sunday;
  std::string label;  // "2026-W10"
};
week week_of(days_t day);

/// A day of the week by name: "thu", "Thurs", "thursday" (three letters or more).
std::optional<date::weekday> weekday_named(std::string_view name);
/// "mon" ... "sun", as the journal stores a weekday.
std::string weekday_word(date::weekday day);
/// The first day on or after `from` that falls on `day`.
days_t next_on_or_after(days_t from, date::weekday day);

/// A day after any a journal holds (9999-12-31): for "by now or ever".
inline const days_t every_day_ever{date::year{9999} / 12 / 31};
std::string iso_day(days_t day);           // 2026-03-04
std::string human_day(days_t day);         // Wed 4 Mar 2026
std::string short_weekday(days_t day);     // Wed
std::string hh_mm(minutes_t time);         // 08:05
std::string iso_utc(utc_seconds instant);  // 2026-03-04T07:00:00Z
/// Parses what iso_utc wrote (from the journal); throws io_error if it is not that.
utc_seconds utc_from_iso(std::string_view text);
/// Parses what iso_day wrote (from the journal); throws io_error if it is not that.
days_t day_from_iso(std::string_view text);
/// The local day (the environment's TZ) of a UTC instant.
days_t local_day_of(utc_seconds instant);

}  // namespace rebuild
