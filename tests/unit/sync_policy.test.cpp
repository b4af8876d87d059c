// The sync rule, case by case, with no journal: what a version arriving from another copy
// does to the one here (include/rebuild/sync_policy.hpp).
#include "rebuild/sync_policy.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using namespace rebuild;
using namespace rebuild::sync;

const std::string replica_a = "aaaaaaaaaaaaaaaa";
const std::string replica_b = "bbbbbbbbbbbbbbbb";

hlc at(std::int64_t ms, const std::string& replica = replica_a, std::int64_t counter = 0) {
  return hlc{ms, counter, replica};
}

}  // namespace

TEST_CASE("decide: a version new here is taken") {
  const arriving in{{at(1000), "", "{\"mood\":7}"}};
  CHECK(decide(std::nullopt, in).what == decision::take);
}

TEST_CASE("decide: a version not made by the entry's author is refused, new or known") {
  arriving in{{at(2000), "", "x"}};
  in.made_by_author = false;
  CHECK(decide(std::nullopt, in).what == decision::refuse);
  const held here{{at(1000), "", "x"}};
  CHECK(decide(here, in).what == decision::refuse);
}

TEST_CASE("decide: the same id said to be another partner's is refused") {
  held here{{at(1000), "", "x"}};
  here.same_author = false;
  CHECK(decide(here, arriving{{at(2000, replica_b), "", "y"}}).what == decision::refuse);
}

TEST_CASE("decide: one id for two kinds is invalid") {
  held here{{at(1000), "", "x"}};
  here.same_kind = false;
  CHECK(decide(here, arriving{{at(2000), "", "y"}}).what == decision::invalid);
}

TEST_CASE("decide: a private entry here is kept, however late the other version") {
  held here{{at(1000), "", "sealed"}};
  here.is_private = true;
  CHECK(decide(here, arriving{{at(9000, replica_b), "", "y"}}).what == decision::keep);
}

TEST_CASE("decide: the same version again is kept, quietly") {
  const held here{{at(1000), "", "x"}};
  const verdict v = decide(here, arriving{{at(1000), "", "x"}});
  CHECK(v.what == decision::keep);
  CHECK_FALSE(v.words_differ);
}

TEST_CASE("decide: an edit made from the version here is taken, whatever the clocks say") {
  const std::string mine = at(5000).text();
  const held here{{at(5000), "", "x"}};
  // Made from the one here, on a replica whose clock was behind: its reading is still later
  // (the clock is hybrid), so it is taken.
  const verdict v = decide(here, arriving{{at(5000, replica_b, 1), mine, "y"}});
  CHECK(v.what == decision::take);
}

TEST_CASE("decide: an older version the one here was made from is kept, quietly") {
  const std::string theirs = at(1000, replica_b).text();
  const held here{{at(2000), theirs, "y"}};
  const verdict v = decide(here, arriving{{at(1000, replica_b), "", "x"}});
  CHECK(v.what == decision::keep);
}

TEST_CASE("decide: two made at once: the later reading stands, the other is set aside") {
  const held here{{at(1000), "", "mine"}};
  const verdict later = decide(here, arriving{{at(2000, replica_b), "", "theirs"}});
  CHECK(later.what == decision::take_and_set_aside);
  CHECK(later.words_differ);
  const held here_later{{at(3000), "", "mine"}};
  const verdict earlier = decide(here_later, arriving{{at(2000, replica_b), "", "theirs"}});
  CHECK(earlier.what == decision::keep_and_set_aside);
  CHECK(earlier.words_differ);
}

TEST_CASE("decide: two made at once that say the same are set aside quietly") {
  const held here{{at(1000), "", "same"}};
  const verdict v = decide(here, arriving{{at(2000, replica_b), "", "same"}});
  CHECK(v.what == decision::take_and_set_aside);
  CHECK_FALSE(v.words_differ);
}

TEST_CASE("decide: both replicas decide alike, whichever version each holds") {
  // Replica A holds a, replica B holds b; each gets the other's.
  const version a{at(1000, replica_a, 3), "", "a"};
  const version b{at(1000, replica_b, 3), "", "b"};
  const verdict on_a = decide(held{a}, arriving{b});
  const verdict on_b = decide(held{b}, arriving{a});
  // The same readings but for the replica: b's sorts later, so b stands on both.
  CHECK(on_a.what == decision::take_and_set_aside);
  CHECK(on_b.what == decision::keep_and_set_aside);
}

TEST_CASE("decide: a version from before sync has no history: the later is taken") {
  const held here{{at(5000), "", "x"}};
  arriving old{{hlc{1000, 0, ""}, "", "y"}};
  old.v.has_history = false;
  CHECK(decide(here, old).what == decision::keep);
  arriving newer{{hlc{9000, 0, ""}, "", "y"}};
  newer.v.has_history = false;
  CHECK(decide(here, newer).what == decision::take);
}

TEST_CASE("which_stands: of two of one day, the later reading stands; a private one always") {
  const period_entry early{at(1000), "1111"};
  const period_entry late{at(2000, replica_b), "2222"};
  CHECK(which_stands(early, late) == stands::incoming);
  CHECK(which_stands(late, early) == stands::here);
  // The same reading (copies of one replica): the id decides, alike on both sides.
  const period_entry twin{at(1000), "0000"};
  CHECK(which_stands(early, twin) == stands::here);
  CHECK(which_stands(twin, early) == stands::incoming);
  // A private entry never gives way, earlier or not.
  period_entry sealed{at(500), "3333"};
  sealed.is_private = true;
  CHECK(which_stands(sealed, late) == stands::here);
  CHECK(which_stands(late, sealed) == stands::incoming);
}

TEST_CASE("which_keeps_name: the one added first keeps the name, alike on both sides") {
  const named_entry first{"2026-03-01T08:00:00Z", "bbbb"};
  const named_entry second{"2026-03-02T08:00:00Z", "aaaa"};
  CHECK(which_keeps_name(first, second) == stands::here);
  CHECK(which_keeps_name(second, first) == stands::incoming);
  const named_entry same_time{"2026-03-01T08:00:00Z", "aaaa"};
  CHECK(which_keeps_name(first, same_time) == stands::incoming);
  CHECK(which_keeps_name(same_time, first) == stands::here);
}

TEST_CASE(
    "decide: a version with no history that says the same is kept (an export imported again)") {
  const held here{{at(5000), "", "x"}};
  arriving again{{hlc{6000, 0, ""}, "", "x"}};
  again.v.has_history = false;
  CHECK(decide(here, again).what == decision::keep);
}

TEST_CASE("decide: two versions with one reading (two copies of one replica) differ by words") {
  const held here{{at(1000), "", "a"}};
  const verdict v = decide(here, arriving{{at(1000), "", "b"}});
  CHECK(v.what == decision::take_and_set_aside);
  CHECK(v.words_differ);
  const held there{{at(1000), "", "b"}};
  CHECK(decide(there, arriving{{at(1000), "", "a"}}).what == decision::keep_and_set_aside);
}

TEST_CASE("decide: a tombstone of the very reading of a live version here is the same version") {
  // An entry set aside on the other side travels by export and merge as a tombstone of its
  // reading; a deletion is a change of its own, with a later reading.
  const held here{{at(1000), "", "live"}};
  version gone{at(1000), "", "deleted"};
  gone.tombstone = true;
  CHECK(decide(here, arriving{gone}).what == decision::keep);
}
