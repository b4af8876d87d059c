#pragma once
// A calendar day for tests: ymd(2026, 3, 4).
#include "rebuild/dates.hpp"

inline rebuild::days_t ymd(int y, unsigned m, unsigned d) {
  return rebuild::days_t{date::year{y} / date::month{m} / date::day{d}};
}
