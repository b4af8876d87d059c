#include "rebuild/dates.hpp"

#include <date/iso_week.h>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <sys/stat.h>

#include <array>
#include <cctype>
#include <cstdlib>
#include <ctime>
#include <sstream>

#include "rebuild/errors.hpp"
#include "rebuild/text.hpp"

namespace rebuild {
namespace {

const char* const date_forms =
    "use YYYY-MM-DD, today, yesterday, a weekday such as mon, 'last mon', -Nd or 'N days ago', "
    "'N weeks ago', 'last week', sow or eow";

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

/// The fields of a YYYY-MM-DD date, unchecked against the calendar; nullopt when `s` has
/// another shape. (date::parse reads through an istream: a hundred times slower, and the
/// journal's own dates are read on every report.)
std::optional<date::year_month_day> iso_fields(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !all_digits(s.substr(0, 4)) ||
      !all_digits(s.substr(5, 2)) || !all_digits(s.substr(8, 2)))
    return std::nullopt;
  return date::year_month_day{date::year{to_int(s.substr(0, 4))},
                              date::month{static_cast<unsigned>(to_int(s.substr(5, 2)))},
                              date::day{static_cast<unsigned>(to_int(s.substr(8, 2)))}};
}

/// Reads the exact local date and time REBUILD_NOW names. Throws data_error.
date::local_seconds parse_fixed_now(std::string_view text) {
  date::local_seconds t;
  std::istringstream in{std::string(text)};
  in >> date::parse("%Y-%m-%dT%H:%M", t);
  if (in.fail() || in.peek() != std::char_traits<char>::eof() || text.size() != 16)
    throw data_error(fmt::format(
        "REBUILD_NOW is '{}'; set it to a local time such as 2026-03-04T08:00, or unset it", text));
  return t;
}

/// Runs `f` with TZ set to `zone` (when given), as the C library's time functions read it.
template <typename F>
auto in_zone(const std::optional<std::string>& zone, F f) {
  if (!zone) {
    ::tzset();
    return f();
  }
  const char* before = std::getenv("TZ");
  const std::optional<std::string> saved =
      before ? std::optional<std::string>(before) : std::nullopt;
  ::setenv("TZ", zone->c_str(), 1);
  ::tzset();
  auto result = f();
  if (saved)
    ::setenv("TZ", saved->c_str(), 1);
  else
    ::unsetenv("TZ");
  ::tzset();
  return result;
}

}  // namespace

/// Throws data_error when TZ names a zone the C library would not find: it would silently
/// use UTC, and every entry would land on the wrong day.
void check_zone_from_environment() {
  const char* tz = std::getenv("TZ");
  if (tz == nullptr || *tz == '\0') return;  // the system's zone
  std::string name = tz[0] == ':' ? tz + 1 : tz;
  if (name.empty()) return;
  struct stat st {};
  if (name[0] == '/') {
    if (::stat(name.c_str(), &st) == 0 && S_ISREG(st.st_mode)) return;
  } else if (name.find("..") == std::string::npos) {
    const char* dir = std::getenv("TZDIR");
    const std::string file =
        std::string(dir != nullptr && *dir != '\0' ? dir : "/usr/share/zoneinfo") + "/" + name;
    if (::stat(file.c_str(), &st) == 0 && S_ISREG(st.st_mode)) return;
  }
  // A POSIX rule (EST5EDT, CET-1CEST,M3.5.0,M10.5.0/3, <+03>-3): a name, then an offset.
  std::size_t i = 0;
  if (name[0] == '<') {
    i = name.find('>');
    i = i == std::string::npos ? 0 : i + 1;
  } else {
    while (i < name.size() && std::isalpha(static_cast<unsigned char>(name[i])) != 0) ++i;
    if (i < 3) i = 0;
  }
  if (i > 0 && i < name.size() && (name[i] == '+' || name[i] == '-')) ++i;
  if (i > 0 && i < name.size() && std::isdigit(static_cast<unsigned char>(name[i])) != 0) return;
  throw data_error(
      fmt::format("TZ={} is not a time zone this machine knows, and rebuild will not "
                  "guess; use a name from /usr/share/zoneinfo such as Europe/Paris "
                  "(install tzdata if it is missing), or unset TZ",
                  tz));
}

clock clock::from_environment() {
  check_zone_from_environment();
  clock c;
  if (const char* now = std::getenv("REBUILD_NOW"); now != nullptr && *now != '\0')
    c.fixed_local_ = parse_fixed_now(now);
  return c;  // the zone is the environment's TZ, as the C library reads it
}

clock clock::fixed(std::string_view local_now, std::string_view zone_name) {
  clock c;
  c.fixed_local_ = parse_fixed_now(local_now);
  c.zone_ = std::string(zone_name);
  return c;
}

utc_seconds clock::to_utc(date::local_seconds local) const {
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<std::chrono::seconds> hms{local - day};
  std::tm tm{};
  tm.tm_year = static_cast<int>(ymd.year()) - 1900;
  tm.tm_mon = static_cast<int>(static_cast<unsigned>(ymd.month())) - 1;
  tm.tm_mday = static_cast<int>(static_cast<unsigned>(ymd.day()));
  tm.tm_hour = static_cast<int>(hms.hours().count());
  tm.tm_min = static_cast<int>(hms.minutes().count());
  tm.tm_sec = static_cast<int>(hms.seconds().count());
  tm.tm_isdst = -1;  // let the zone say
  const std::time_t t = in_zone(zone_, [&] { return std::mktime(&tm); });
  return utc_seconds{std::chrono::seconds{t}};
}

utc_seconds clock::now_utc() const {
  if (fixed_local_) return to_utc(*fixed_local_);
  return date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

days_t local_day_of(utc_seconds instant) {
  const std::time_t t = std::chrono::system_clock::to_time_t(instant);
  std::tm tm{};
  ::localtime_r(&t, &tm);
  return date::local_days{date::year{tm.tm_year + 1900} / (tm.tm_mon + 1) / tm.tm_mday};
}

date::local_seconds clock::now_local() const {
  if (fixed_local_) return *fixed_local_;
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  in_zone(zone_, [&] { return ::localtime_r(&t, &tm); });
  const date::local_days day{date::year{tm.tm_year + 1900} / (tm.tm_mon + 1) / tm.tm_mday};
  return day + std::chrono::hours{tm.tm_hour} + std::chrono::minutes{tm.tm_min} +
         std::chrono::seconds{tm.tm_sec};
}

days_t clock::today() const { return date::floor<date::days>(now_local()); }

minutes_t clock::time_of_day() const {
  auto local = now_local();
  return date::floor<std::chrono::minutes>(local - date::floor<date::days>(local));
}

/// parse_day, before the range is checked.
static days_t parse_any_day(std::string_view text, days_t today) {
  const std::string word = ascii_lower(text);
  if (word == "today") return today;
  if (word == "yesterday") return today - date::days{1};
  if (word == "tomorrow") return today + date::days{1};

  if (word.size() >= 3 && word.front() == '-' && word.back() == 'd' &&
      all_digits(std::string_view(word).substr(1, word.size() - 2)) && word.size() <= 7)
    return today - date::days{to_int(std::string_view(word).substr(1, word.size() - 2))};

  if (const auto target = weekday_named(word))
    return today - (date::weekday{today} - *target);  // the difference is always 0..6 days

  // As Taskwarrior and Timewarrior read them: the week's start and end (ISO: Monday, Sunday),
  // the Monday of the week before, the weekday before today, and so many days or weeks ago.
  const days_t monday = today - (date::weekday{today} - date::Monday);
  if (word == "sow") return monday;
  if (word == "eow") return monday + date::days{6};
  if (word == "last week") return monday - date::days{7};
  if (word.rfind("last ", 0) == 0)
    if (const auto target = weekday_named(std::string_view(word).substr(5))) {
      const auto back = date::weekday{today} - *target;  // 0..6
      return today - (back.count() == 0 ? date::days{7} : back);
    }
  if (const auto ago = word.rfind(" ago"); ago != std::string::npos && ago + 4 == word.size()) {
    const std::string_view amount = std::string_view(word).substr(0, ago);
    const auto space = amount.find(' ');
    const std::string_view number = amount.substr(0, space);
    const std::string_view unit =
        space == std::string_view::npos ? std::string_view() : amount.substr(space + 1);
    if (all_digits(number) && number.size() <= 5) {
      const int n = to_int(number);
      if (unit == "day" || unit == "days") return today - date::days{n};
      if (unit == "week" || unit == "weeks") return today - date::days{7 * n};
    }
  }

  if (const auto ymd = iso_fields(text)) {
    if (!ymd->ok())
      throw data_error(
          fmt::format("{} is not a date on the calendar; check the month and day", text));
    return days_t{*ymd};
  }
  throw data_error(fmt::format("cannot read the date '{}'; {}", text, date_forms));
}

days_t parse_day(std::string_view text, days_t today) {
  const days_t day = parse_any_day(text, today);
  static const days_t first = days_t{date::year{1900} / 1 / 1};
  if (day < first)
    throw data_error(
        fmt::format("{} is before 1900-01-01, the earliest day a journal holds", iso_day(day)));
  return day;
}

minutes_t parse_time_of_day(std::string_view text) {
  const auto colon = text.find(':');
  if (colon != std::string_view::npos && colon >= 1 && colon <= 2 && text.size() - colon == 3 &&
      all_digits(text.substr(0, colon)) && all_digits(text.substr(colon + 1))) {
    const int h = to_int(text.substr(0, colon));
    const int m = to_int(text.substr(colon + 1));
    if (h < 24 && m < 60) return std::chrono::hours{h} + std::chrono::minutes{m};
  }
  throw data_error(
      fmt::format("cannot read the time '{}'; use 24-hour HH:MM, such as 07:30 or 21:15", text));
}

days_t parse_coming_day(std::string_view text, days_t today) {
  const std::string word = ascii_lower(text);
  if (word != "today" && word != "tomorrow" && word != "yesterday")
    if (const auto wd = weekday_named(word)) return next_on_or_after(today, *wd);
  return parse_day(text, today);
}

std::string parse_moment(std::string_view text, days_t day, minutes_t time, days_t today) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  const auto space = text.find_last_of(' ');
  if (space == std::string_view::npos) {
    const minutes_t at = parse_time_of_day(text);
    return fmt::format("{} {}", iso_day(at > time ? day : day + date::days{1}), hh_mm(at));
  }
  const minutes_t at = parse_time_of_day(text.substr(space + 1));
  std::string_view day_text = text.substr(0, space);
  while (!day_text.empty() && day_text.back() == ' ') day_text.remove_suffix(1);
  const days_t on = parse_coming_day(day_text, today);
  if (on < day || (on == day && at <= time))
    throw data_error(fmt::format("{} {} is not after {} {}; give a time still to come", iso_day(on),
                                 hh_mm(at), iso_day(day), hh_mm(time)));
  return fmt::format("{} {}", iso_day(on), hh_mm(at));
}

void require_not_future(days_t day, std::optional<minutes_t> time, const clock& now,
                        std::string_view what) {
  const days_t today = now.today();
  if (day > today || (day == today && time && *time > now.time_of_day()))
    throw data_error(fmt::format("{}{} is in the future; {} can be logged for now or earlier",
                                 iso_day(day), time ? " " + hh_mm(*time) : std::string(), what));
}

namespace {
const std::array<const char*, 7> weekday_names = {"sunday",   "monday", "tuesday", "wednesday",
                                                  "thursday", "friday", "saturday"};
}  // namespace

std::optional<date::weekday> weekday_named(std::string_view name) {
  const std::string word = ascii_lower(name);
  if (word.size() < 3) return std::nullopt;
  for (unsigned i = 0; i < weekday_names.size(); ++i)
    if (std::string_view(weekday_names[i]).substr(0, word.size()) == word) return date::weekday{i};
  return std::nullopt;
}

std::string weekday_word(date::weekday day) {
  return std::string(weekday_names[day.c_encoding()]).substr(0, 3);
}

days_t next_on_or_after(days_t from, date::weekday day) {
  return from + (day - date::weekday{from});
}

week week_of(days_t day) {
  const date::sys_days sys{day.time_since_epoch()};
  const iso_week::year_weeknum_weekday iso{sys};
  const date::sys_days monday{
      iso_week::year_weeknum_weekday{iso.year(), iso.weeknum(), iso_week::mon}};
  const days_t local_monday{monday.time_since_epoch()};
  return {
      local_monday, local_monday + date::days{6},
      fmt::format("{}-W{:02}", static_cast<int>(iso.year()), static_cast<unsigned>(iso.weeknum()))};
}

// Days and instants are written with fmt, from date's calendar fields: date::format builds an
// ostringstream each call (4,000-8,000 instructions), which showed in lists of hundreds.
std::string iso_day(days_t day) {
  const date::year_month_day ymd{day};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

namespace {
/// The fields fmt needs for %a and %b (English names, whatever the locale).
std::tm names_of(days_t day) {
  std::tm tm{};
  tm.tm_wday = static_cast<int>(date::weekday{day}.c_encoding());
  tm.tm_mon = static_cast<int>(static_cast<unsigned>(date::year_month_day{day}.month())) - 1;
  return tm;
}
}  // namespace

std::string short_weekday(days_t day) { return fmt::format("{:%a}", names_of(day)); }

std::string human_day(days_t day) {
  const date::year_month_day ymd{day};
  const std::tm names = names_of(day);
  return fmt::format("{:%a} {} {:%b} {}", names, static_cast<unsigned>(ymd.day()), names,
                     static_cast<int>(ymd.year()));
}

std::string hh_mm(minutes_t time) {
  return fmt::format("{:02}:{:02}", time.count() / 60, time.count() % 60);
}

std::string iso_utc(utc_seconds instant) {
  const auto day = std::chrono::floor<date::days>(instant);
  const date::hh_mm_ss<std::chrono::seconds> time{instant - day};
  return fmt::format("{}T{:02}:{:02}:{:02}Z", iso_day(days_t{day.time_since_epoch()}),
                     time.hours().count(), time.minutes().count(), time.seconds().count());
}

utc_seconds utc_from_iso(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SSZ, as iso_utc writes it; read without an istream, like day_from_iso.
  const auto ymd = iso_fields(text.substr(0, 10));
  const auto two = [&](std::size_t at) {
    const std::string_view d = text.substr(at, 2);
    return all_digits(d) ? to_int(d) : 99;
  };
  if (!ymd || !ymd->ok() || text.size() != 20 || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z' || two(11) > 23 || two(14) > 59 || two(17) > 60)
    throw io_error(fmt::format("the journal holds a malformed time '{}'", text));
  return date::sys_days{*ymd} + std::chrono::hours{two(11)} + std::chrono::minutes{two(14)} +
         std::chrono::seconds{two(17)};
}

days_t day_from_iso(std::string_view text) {
  const auto ymd = iso_fields(text);
  if (!ymd || !ymd->ok())
    throw io_error(fmt::format("the journal holds a malformed date '{}'", text));
  return days_t{*ymd};
}

}  // namespace rebuild
