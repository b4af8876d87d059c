// libFuzzer target: the parsers of what people type for a day, a time and a week.
//
// The input, as it is, is the text given to parse_day, parse_time_of_day and parse_week, with
// "today" fixed at Wednesday 2026-03-04. A rebuild::error is their answer to bad input and
// is caught; anything else is a finding: another exception (uncaught, so std::terminate), a
// crash, a sanitizer report, or an invariant below that fails (__builtin_trap).
#include <date/date.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "rebuild/dates.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/report.hpp"

namespace {

const rebuild::days_t today{date::year{2026} / date::March / 4};

/// `f()`, or nullopt when it throws a rebuild::error; any other exception goes on.
template <typename F>
auto unless_rejected(F f) -> std::optional<decltype(f())> {
  try {
    return f();
  } catch (const rebuild::error&) {
    return std::nullopt;
  }
}

void check_time_of_day(std::string_view text) {
  const auto time = unless_rejected([&] { return rebuild::parse_time_of_day(text); });
  if (!time) return;
  FUZZ_CHECK(time->count() >= 0 && time->count() <= 23 * 60 + 59);
  // HH:MM as the journal writes it reads back as the same time (outside the catch: a
  // rejection here is a finding too).
  FUZZ_CHECK(rebuild::parse_time_of_day(rebuild::hh_mm(*time)) == *time);
}

std::optional<rebuild::days_t> check_day(std::string_view text) {
  const auto day = unless_rejected([&] { return rebuild::parse_day(text, today); });
  if (!day) return day;
  // The journal's form of the day reads back as the same day, both ways it is read.
  const std::string iso = rebuild::iso_day(*day);
  FUZZ_CHECK(rebuild::day_from_iso(iso) == *day);
  FUZZ_CHECK(rebuild::parse_day(iso, today) == *day);
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    // Ten characters with dashes where YYYY-MM-DD has them can only be that (no word, -Nd
    // or 'N days ago' has them there): the same date.
    FUZZ_CHECK(iso == text);
  } else {
    // A word, -Nd or 'N days ago' (at most five digits): from 99999 days ago to the end of
    // this week (eow is the coming Sunday; tomorrow is at most that far). 'N weeks ago'
    // reaches further back only past 1900, which parse_day refuses.
    FUZZ_CHECK(*day >= today - date::days{99999} && *day <= today + date::days{6});
  }
  return day;
}

void check_week(std::string_view text, std::optional<rebuild::days_t> day) {
  const auto w = unless_rejected([&] { return rebuild::parse_week(text, today); });
  // Any day parse_day reads is a week too (its week).
  if (day) FUZZ_CHECK(w.has_value());
  if (!w) return;
  FUZZ_CHECK(date::weekday{w->monday} == date::Monday);
  FUZZ_CHECK(w->sunday == w->monday + date::days{6});
  if (day) FUZZ_CHECK(w->monday <= *day && *day <= w->sunday);
  const rebuild::week again = rebuild::week_of(w->monday);
  FUZZ_CHECK(again.monday == w->monday && again.label == w->label);
  // YYYY-Www, as a label is written for years 1000-9999, reads back as the same week.
  if (w->label.size() == 8) FUZZ_CHECK(rebuild::parse_week(w->label, today).monday == w->monday);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_time_of_day(text);
  check_week(text, check_day(text));
  return 0;
}
