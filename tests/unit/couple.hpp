#pragma once
// Dan and Sam on a fresh journal in a temp folder, with a fixed clock, and a one-line way to
// write an entry in its own transaction: the fixture of the tests of the practices.
#include <string>

#include "rebuild/entries.hpp"
#include "rebuild/settings.hpp"
#include "temp_dir.hpp"

namespace test_fixture {

/// Wednesday 4 March 2026, 08:00 in Paris.
inline const rebuild::clock& couple_clock() {
  static const rebuild::clock now = rebuild::clock::fixed("2026-03-04T08:00", "Europe/Paris");
  return now;
}

struct couple {
  explicit couple(const std::string& plan_start = "2026-03-02")
      : j(rebuild::journal::create(tmp / "journal.db", [&](rebuild::journal& jj) {
          rebuild::add_partner(jj, "Dan", couple_clock());
          rebuild::add_partner(jj, "Sam", couple_clock());
          rebuild::set_setting(jj, "plan.start", plan_start);
        })) {}
  temp_dir tmp;
  rebuild::journal j;
  rebuild::partner dan = rebuild::find_partner(j, "Dan");
  rebuild::partner sam = rebuild::find_partner(j, "Sam");

  rebuild::entry add(const rebuild::partner& who, const char* kind,
                     const rebuild::field_values& fields,
                     rebuild::days_t day = couple_clock().today(),
                     std::optional<rebuild::minutes_t> time = std::chrono::hours{8}) {
    rebuild::write_transaction txn(j);
    auto r = rebuild::add_entry(j, rebuild::kind_named(kind), who, rebuild::when{day, time}, fields,
                                couple_clock());
    txn.commit();
    return r.item;
  }
};

}  // namespace test_fixture
