#include "rebuild/dates.hpp"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <string>

#include "rebuild/errors.hpp"
#include "ymd.hpp"

using namespace rebuild;
using date::days;

TEST_CASE("parse_day reads every form SPEC.md names") {
  const days_t wed = ymd(2026, 3, 4);  // a Wednesday
  CHECK(parse_day("today", wed) == wed);
  CHECK(parse_day("Yesterday", wed) == ymd(2026, 3, 3));
  CHECK(parse_day("2026-02-28", wed) == ymd(2026, 2, 28));
  CHECK(parse_day("2024-02-29", wed) == ymd(2024, 2, 29));
  CHECK(parse_day("-0d", wed) == wed);
  CHECK(parse_day("-9d", wed) == ymd(2026, 2, 23));
  SUBCASE("a weekday is the most recent one, today included") {
    CHECK(parse_day("wed", wed) == wed);
    CHECK(parse_day("Wednesday", wed) == wed);
    CHECK(parse_day("tue", wed) == ymd(2026, 3, 3));
    CHECK(parse_day("mon", wed) == ymd(2026, 3, 2));
    CHECK(parse_day("thu", wed) == ymd(2026, 2, 26));
    CHECK(parse_day("sun", wed) == ymd(2026, 3, 1));
    CHECK(parse_day("sat", wed) == ymd(2026, 2, 28));
  }
}

TEST_CASE("parse_day reads dates as Taskwarrior and Timewarrior users say them") {
  const days_t wed = ymd(2026, 3, 4);                      // a Wednesday
  CHECK(parse_day("sow", wed) == ymd(2026, 3, 2));         // this week's Monday
  CHECK(parse_day("EOW", wed) == ymd(2026, 3, 8));         // and Sunday
  CHECK(parse_day("last week", wed) == ymd(2026, 2, 23));  // the Monday of the week before
  CHECK(parse_day("last mon", wed) == ymd(2026, 3, 2));
  CHECK(parse_day("last wed", wed) == ymd(2026, 2, 25));  // before today, never today
  CHECK(parse_day("last Thursday", wed) == ymd(2026, 2, 26));
  CHECK(parse_day("1 day ago", wed) == ymd(2026, 3, 3));
  CHECK(parse_day("2 days ago", wed) == ymd(2026, 3, 2));
  CHECK(parse_day("3 weeks ago", wed) == ymd(2026, 2, 11));
  CHECK(parse_day("0 days ago", wed) == wed);
  const days_t sun = ymd(2026, 3, 8);
  CHECK(parse_day("sow", sun) == ymd(2026, 3, 2));  // ISO weeks: Sunday ends the week
  CHECK(parse_day("last sun", sun) == ymd(2026, 3, 1));
  for (const char* bad : {"last", "last month", "2 months ago", "days ago", "-2 days ago", "2 ago",
                          "2days ago", "lastmon"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(parse_day(bad, wed), data_error);
  }
}

TEST_CASE("parse_day refuses what is not a date, with exit 65") {
  const days_t wed = ymd(2026, 3, 4);
  for (const char* bad : {"2026-02-30", "2025-02-29", "2026-13-01", "13/01/2026", "2026-3-4",
                          "someday", "", "-d", "3d", "mo", "2026-03-04x"}) {
    CAPTURE(bad);
    try {
      parse_day(bad, wed);
      FAIL("accepted");
    } catch (const data_error& e) {
      CHECK(e.code() == exit_code::data);
    }
  }
}

TEST_CASE("parse_time_of_day takes 24-hour HH:MM") {
  CHECK(parse_time_of_day("07:30") == std::chrono::minutes{7 * 60 + 30});
  CHECK(parse_time_of_day("7:05") == std::chrono::minutes{7 * 60 + 5});
  CHECK(parse_time_of_day("23:59") == std::chrono::minutes{23 * 60 + 59});
  for (const char* bad : {"24:00", "12:60", "7pm", "0730", "12:5", ":30", ""})
    CHECK_THROWS_AS(parse_time_of_day(bad), data_error);
}

TEST_CASE("ISO weeks run Monday to Sunday, across year ends") {
  const week w = week_of(ymd(2026, 3, 4));
  CHECK(w.label == "2026-W10");
  CHECK(w.monday == ymd(2026, 3, 2));
  CHECK(w.sunday == ymd(2026, 3, 8));
  CHECK(week_of(ymd(2026, 1, 1)).label == "2026-W01");    // a Thursday
  CHECK(week_of(ymd(2027, 1, 1)).label == "2026-W53");    // a Friday: the old year's week
  CHECK(week_of(ymd(2024, 12, 30)).label == "2025-W01");  // a Monday: the new year's week
  CHECK(week_of(ymd(2026, 3, 8)).monday == ymd(2026, 3, 2));
}

TEST_CASE("the clock honours REBUILD_NOW and the zone it is given") {
  const rebuild::clock paris = rebuild::clock::fixed("2026-03-04T08:00", "Europe/Paris");
  CHECK(paris.today() == ymd(2026, 3, 4));
  CHECK(paris.time_of_day() == std::chrono::hours{8});
  CHECK(iso_utc(paris.now_utc()) == "2026-03-04T07:00:00Z");
  const rebuild::clock ny = rebuild::clock::fixed("2026-07-01T23:30", "America/New_York");
  CHECK(iso_utc(ny.now_utc()) == "2026-07-02T03:30:00Z");  // summer time, UTC-4
  SUBCASE("a local time in the spring-forward gap still has an instant") {
    // 02:30 does not exist that night; read in the time before the change (UTC+1).
    const rebuild::clock c = rebuild::clock::fixed("2026-03-29T02:30", "Europe/Paris");
    CHECK(iso_utc(c.now_utc()) == "2026-03-29T01:30:00Z");
  }
  SUBCASE("TZ given to a fixed clock does not leak into the environment") {
    ::setenv("TZ", "Asia/Tokyo", 1);
    const rebuild::clock c = rebuild::clock::fixed("2026-03-04T08:00", "America/New_York");
    CHECK(iso_utc(c.now_utc()) == "2026-03-04T13:00:00Z");
    CHECK(std::string(std::getenv("TZ")) == "Asia/Tokyo");
    ::unsetenv("TZ");
  }
  SUBCASE("an unknown zone falls back to UTC, as glibc does") {
    const rebuild::clock c = rebuild::clock::fixed("2026-03-04T08:00", "Nowhere/Atlantis");
    CHECK(iso_utc(c.now_utc()) == "2026-03-04T08:00:00Z");
  }
  CHECK_THROWS_AS(rebuild::clock::fixed("2026-03-04", "UTC"), data_error);
  CHECK_THROWS_AS(rebuild::clock::fixed("2026-03-04T25:00", "UTC"), data_error);
}

TEST_CASE("the future is refused for what already happened") {
  const rebuild::clock c = rebuild::clock::fixed("2026-03-04T08:00", "UTC");
  CHECK_NOTHROW(require_not_future(ymd(2026, 3, 4), std::chrono::hours{8}, c, "a check-in"));
  CHECK_NOTHROW(require_not_future(ymd(2026, 3, 3), std::chrono::hours{23}, c, "a check-in"));
  CHECK_THROWS_AS(require_not_future(ymd(2026, 3, 5), std::nullopt, c, "a check-in"), data_error);
  CHECK_THROWS_AS(require_not_future(ymd(2026, 3, 4), std::chrono::minutes{8 * 60 + 1}, c, "x"),
                  data_error);
}

TEST_CASE("days print for people and for the journal") {
  CHECK(iso_day(ymd(2026, 3, 4)) == "2026-03-04");
  CHECK(human_day(ymd(2026, 3, 4)) == "Wed 4 Mar 2026");
  CHECK(hh_mm(std::chrono::minutes{65}) == "01:05");
  CHECK(day_from_iso("2026-03-04") == ymd(2026, 3, 4));
  CHECK(human_day(ymd(2026, 12, 31)) == "Thu 31 Dec 2026");
  CHECK(iso_day(ymd(999, 1, 2)) == "0999-01-02");
  // A week of names, whatever the process's locale.
  const char* names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  for (int i = 0; i < 7; ++i) CHECK(short_weekday(ymd(2026, 3, 2) + days{i}) == names[i]);
  const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (unsigned m = 1; m <= 12; ++m)
    CHECK(human_day(ymd(2027, m, 1)).find(std::string(" 1 ") + months[m - 1] + " 2027") !=
          std::string::npos);
}

TEST_CASE("every day from 1970 to 2100 prints as date::format does and reads back") {
  for (days_t d = ymd(1970, 1, 1); d <= ymd(2100, 12, 31); d += days{1}) {
    const std::string text = iso_day(d);
    if (text != date::format("%F", d) || day_from_iso(text) != d ||
        human_day(d).substr(0, 3) != date::format("%a", d)) {
      FAIL_CHECK(text);
      break;
    }
    const utc_seconds noon =
        date::sys_days{d.time_since_epoch()} + std::chrono::hours{12} + std::chrono::seconds{59};
    if (iso_utc(noon) != date::format("%FT%TZ", noon)) {
      FAIL_CHECK(iso_utc(noon));
      break;
    }
  }
}

TEST_CASE("journal instants read back as written, and a malformed one is an I/O error") {
  const utc_seconds t = date::sys_days{date::year{2026} / 3 / 4} + std::chrono::hours{7} +
                        std::chrono::minutes{5} + std::chrono::seconds{9};
  CHECK(iso_utc(t) == "2026-03-04T07:05:09Z");
  CHECK(utc_from_iso("2026-03-04T07:05:09Z") == t);
  for (const char* bad : {"2026-03-04T24:00:00Z", "2026-03-04T07:60:00Z", "2026-03-04 07:05:09Z",
                          "2026-03-04T07:05:09", "2026-02-30T07:05:09Z", "2026-03-04T7:05:09Z",
                          "2026-03-04T07:05:09Z "})
    CHECK_THROWS_AS(utc_from_iso(bad), io_error);
}

TEST_CASE("a malformed date in the journal is an I/O error (exit 74), not a wrong day") {
  CHECK(day_from_iso("2024-02-29") == ymd(2024, 2, 29));
  for (const char* bad : {"2026-02-30", "2026-13-01", "2026-3-04", "2026/03/04", "", "2026-03-04x"})
    CHECK_THROWS_AS(day_from_iso(bad), io_error);
}

TEST_CASE("an arranged return is a local day and time after the call (timeout --return-by)") {
  const days_t wed = ymd(2026, 3, 4);
  const minutes_t at_21 = std::chrono::hours{21};
  const auto parse_moment = [&](std::string_view text, days_t day, minutes_t time) {
    return rebuild::parse_moment(text, day, time, wed);
  };
  // HH:MM: the next such time, later that day or the day after.
  CHECK(parse_moment("22:30", wed, at_21) == "2026-03-04 22:30");
  CHECK(parse_moment("19:00", wed, at_21) == "2026-03-05 19:00");
  CHECK(parse_moment("21:00", wed, at_21) == "2026-03-05 21:00");  // now is not after now
  // A day and a time; a weekday is the next one, today included.
  CHECK(parse_moment("tomorrow 19:00", wed, at_21) == "2026-03-05 19:00");
  CHECK(parse_moment("Tomorrow  7:05", wed, at_21) == "2026-03-05 07:05");
  CHECK(parse_moment("sat 10:00", wed, at_21) == "2026-03-07 10:00");
  CHECK(parse_moment("2026-03-06 08:00", wed, at_21) == "2026-03-06 08:00");
  CHECK(parse_moment("  tomorrow   19:00  ", wed, at_21) == "2026-03-05 19:00");
  // Called yesterday (back-dated): the day words still count from today.
  CHECK(parse_moment("today 08:00", wed - date::days{1}, at_21) == "2026-03-04 08:00");
  // Before the call, or unreadable: refused, saying why.
  for (const char* bad : {"today 20:00", "yesterday 19:00", "2026-03-01 10:00", "25:00", "7pm",
                          "someday 19:00", "", " "})
    CHECK_THROWS_AS(parse_moment(bad, wed, at_21), data_error);
}

TEST_CASE("a day still to come: a weekday is the next one, other words as parse_day") {
  const days_t wed = ymd(2026, 3, 4);
  CHECK(parse_coming_day("thu", wed) == ymd(2026, 3, 5));
  CHECK(parse_coming_day("wed", wed) == wed);
  CHECK(parse_coming_day("Monday", wed) == ymd(2026, 3, 9));
  CHECK(parse_coming_day("tomorrow", wed) == ymd(2026, 3, 5));
  CHECK(parse_coming_day("2026-04-30", wed) == ymd(2026, 4, 30));
  CHECK_THROWS_AS(parse_coming_day("someday", wed), data_error);
}
