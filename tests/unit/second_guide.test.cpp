// The core of issue 12: triggers and their firings, stories in two voices, the evidence a
// reframe draws on, the quarterly review's rounds, counselling and transparency, each read as
// it stood on a day.
#include <doctest/doctest.h>

#include "couple.hpp"
#include "rebuild/attachment.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/practices.hpp"
#include "rebuild/settings.hpp"
#include "rebuild/support.hpp"
#include "ymd.hpp"

using namespace rebuild;

namespace {

const rebuild::clock now = rebuild::clock::fixed("2026-03-04T08:00", "Europe/Paris");

/// The fixture, with the plan started on 5 January, and entries written without a time.
struct couple : test_fixture::couple {
  couple() : test_fixture::couple("2026-01-05") {}
  entry add(const partner& who, const char* kind, const field_values& fields, days_t day) {
    return test_fixture::couple::add(who, kind, fields, day, std::nullopt);
  }
};

std::string s(const char* text) { return text; }

}  // namespace

TEST_CASE("a trigger's firings, and those met with the response, by the day asked") {
  couple c;
  const auto t = c.add(c.sam, "trigger", {{"text", s("Plans changed")}, {"response", s("Pause")}},
                       ymd(2026, 2, 1));
  c.add(c.dan, "trigger-hit", {{"trigger", t.uuid}, {"used", std::int64_t{1}}}, ymd(2026, 2, 10));
  c.add(c.sam, "trigger-hit", {{"trigger", t.uuid}, {"used", std::int64_t{0}}}, ymd(2026, 2, 20));
  c.add(c.sam, "trigger-hit", {{"trigger", t.uuid}}, ymd(2026, 3, 1));
  auto all = triggers(c.j, ymd(2026, 3, 4));
  REQUIRE(all.size() == 1);
  CHECK(all[0].hits.size() == 3);
  CHECK(all[0].fired(ymd(2026, 2, 1), ymd(2026, 2, 28)) == 2);
  CHECK(all[0].response_used(ymd(2026, 2, 1), ymd(2026, 2, 28)) == 1);
  // As it stood on 15 February: one firing, and nothing mapped before the trigger was.
  all = triggers(c.j, ymd(2026, 2, 15));
  REQUIRE(all.size() == 1);
  CHECK(all[0].hits.size() == 1);
  CHECK(triggers(c.j, ymd(2026, 1, 31)).empty());
  // The same words twice, in any case, are one trigger.
  write_transaction txn(c.j);
  CHECK_THROWS_AS(add_entry(c.j, kind_named("trigger"), c.dan, when{ymd(2026, 3, 1), std::nullopt},
                            {{"text", s("PLANS CHANGED")}, {"response", s("x")}}, now),
                  data_error);
}

TEST_CASE("a story holds each partner's account, the second as written by the day asked") {
  couple c;
  const auto first = c.add(c.sam, "story",
                           {{"title", s("The dinner")},
                            {"happened", s("Late")},
                            {"needed", s("To matter")},
                            {"possible", s("A call")}},
                           ymd(2026, 2, 19));
  const auto second = c.add(c.dan, "story",
                            {{"happened", s("Phone died")},
                             {"needed", s("Trust")},
                             {"possible", s("A text")},
                             {"about", first.uuid}},
                            ymd(2026, 2, 24));
  auto all = stories(c.j);
  REQUIRE(all.size() == 1);
  CHECK(all[0].title() == "The dinner");
  REQUIRE(all[0].second);
  CHECK(all[0].second->author.name == "Dan");
  CHECK(all[0].last_day() == ymd(2026, 2, 24));
  // The week before Dan wrote: one voice.
  all = stories(c.j, ymd(2026, 2, 22));
  REQUIRE(all.size() == 1);
  CHECK_FALSE(all[0].second);
  // Either account finds the story.
  CHECK(story_of(c.j, second).first.uuid == first.uuid);
  CHECK(story_of(c.j, first).second->uuid == second.uuid);
  // An account whose first was deleted stands as a story of its own.
  {
    write_transaction txn(c.j);
    delete_entry(c.j, first, c.sam, now);
    txn.commit();
  }
  all = stories(c.j);
  REQUIRE(all.size() == 1);
  CHECK(all[0].first.uuid == second.uuid);
  CHECK_FALSE(all[0].second);
}

TEST_CASE(
    "evidence for a thought: the other's appreciations, bids turned toward, accepted repairs") {
  couple c;
  const days_t today = ymd(2026, 3, 4);
  const auto checkin = [&](const partner& p, const char* words, days_t day) {
    c.add(p, "checkin",
          {{"mood", std::int64_t{6}}, {"stress", std::int64_t{4}}, {"appreciation", s(words)}},
          day);
  };
  checkin(c.sam, "You listened", ymd(2026, 3, 3));
  checkin(c.dan, "Dan's own", ymd(2026, 3, 3));      // his own: not evidence for him
  checkin(c.sam, "Too old", ymd(2026, 2, 4));        // 29 days before: out of reach
  checkin(c.sam, "Just in reach", ymd(2026, 2, 5));  // the 28th day
  c.add(c.dan, "bid", {{"text", s("The photo")}, {"response", s("toward")}}, ymd(2026, 3, 2));
  c.add(c.dan, "bid", {{"text", s("A call")}, {"response", s("away")}}, ymd(2026, 3, 2));
  c.add(c.sam, "bid", {{"text", s("Her bid")}, {"response", s("toward")}}, ymd(2026, 3, 2));
  c.add(c.sam, "repair", {{"text", s("Sorry")}, {"accepted", std::int64_t{1}}}, ymd(2026, 3, 1));
  c.add(c.dan, "repair", {{"text", s("Mine")}, {"accepted", std::int64_t{1}}}, ymd(2026, 2, 28));
  c.add(c.dan, "repair", {{"text", s("Not yet")}, {"accepted", std::int64_t{0}}}, ymd(2026, 2, 28));
  const auto found = evidence_for(c.j, c.dan, today);
  std::vector<std::string> texts;
  for (const auto& e : found) texts.push_back(e.text);
  CHECK(texts == std::vector<std::string>{"Sam appreciated: \"You listened\"",
                                          "your bid was turned toward: \"The photo\"",
                                          "Sam repaired, and you accepted: \"Sorry\"",
                                          "your repair was accepted: \"Mine\"",
                                          "Sam appreciated: \"Just in reach\""});
  CHECK(found.front().source == "appreciation");
  CHECK(evidence_for(c.j, c.dan, ymd(2026, 1, 1)).empty());
}

TEST_CASE("a full repair sequence has all three parts") {
  couple c;
  const auto full = c.add(c.dan, "repair",
                          {{"text", s("About last night")},
                           {"apology", s("Sorry")},
                           {"reassurance", s("Here")},
                           {"commitment", s("Pause")}},
                          ymd(2026, 3, 1));
  const auto part =
      c.add(c.dan, "repair", {{"text", s("Half")}, {"apology", s("Sorry")}}, ymd(2026, 3, 1));
  CHECK(is_full_sequence(full));
  CHECK_FALSE(is_full_sequence(part));
}

TEST_CASE("the quarterly review comes in rounds, and stays due for the partner yet to answer") {
  couple c;  // the plan starts on 5 January: the first round is due on 5 April
  const auto review = [&](const partner& p, days_t day, const char* good) {
    c.add(p, "review", {{"good", s(good)}, {"heavy", s("h")}, {"next", s("n")}}, day);
  };
  CHECK(review_due(c.j) == ymd(2026, 4, 5));
  CHECK_FALSE(review_due_for(c.j, c.dan, ymd(2026, 4, 4)));
  CHECK(review_due_for(c.j, c.dan, ymd(2026, 4, 5)));
  review(c.sam, ymd(2026, 4, 6), "Walks");
  // Sam answered: the round is open for Dan only, and the next is due 90 days on.
  CHECK(review_due(c.j) == ymd(2026, 7, 5));
  CHECK(review_due_for(c.j, c.dan, ymd(2026, 4, 7)));
  CHECK_FALSE(review_due_for(c.j, c.sam, ymd(2026, 4, 7)));
  review(c.sam, ymd(2026, 4, 8), "Walks, again");  // stands in for her first
  review(c.dan, ymd(2026, 5, 1), "Tea");
  auto rounds = review_rounds(c.j);
  REQUIRE(rounds.size() == 1);
  CHECK(rounds[0].opened == ymd(2026, 4, 6));
  REQUIRE(rounds[0].voices.size() == 2);
  CHECK(rounds[0].voice_of(c.sam.id)->text("good") == "Walks, again");
  CHECK_FALSE(review_due_for(c.j, c.dan, ymd(2026, 5, 2)));
  // 90 days after the round opened, a new one, due for both.
  CHECK(review_due_for(c.j, c.dan, ymd(2026, 7, 5)));
  CHECK(review_due_for(c.j, c.sam, ymd(2026, 7, 5)));
  review(c.dan, ymd(2026, 7, 5), "The weekend");
  rounds = review_rounds(c.j);
  REQUIRE(rounds.size() == 2);
  CHECK(rounds[1].voice_of(c.sam.id) == nullptr);
  // As they stood on 1 May: one round, Dan not in it yet.
  rounds = review_rounds(c.j, ymd(2026, 4, 30));
  REQUIRE(rounds.size() == 1);
  CHECK(rounds[0].voice_of(c.dan.id) == nullptr);
}

TEST_CASE("counselling: a session is a day, homework open until done, as of a day") {
  couple c;
  c.add(c.dan, "therapy-session", {}, ymd(2026, 2, 10));
  c.add(c.sam, "therapy-session", {}, ymd(2026, 2, 10));  // the same session
  c.add(c.dan, "therapy-session", {{"note", s("Second")}}, ymd(2026, 2, 24));
  CHECK(therapy_sessions_by(c.j, ymd(2026, 3, 4)) == 2);
  CHECK(therapy_sessions_by(c.j, ymd(2026, 2, 20)) == 1);
  CHECK(therapy_sessions_by(c.j, ymd(2026, 3, 4), ymd(2026, 2, 11)) == 1);
  const auto h = c.add(c.sam, "homework", {{"text", s("Talk nightly")}}, ymd(2026, 2, 10));
  c.add(c.dan, "homework-done", {{"homework", h.uuid}}, ymd(2026, 2, 25));
  auto work = homework_by(c.j, ymd(2026, 2, 20));
  REQUIRE(work.size() == 1);
  CHECK_FALSE(work[0].done);
  work = homework_by(c.j, ymd(2026, 3, 1));
  REQUIRE(work[0].done);
  CHECK(*work[0].done == ymd(2026, 2, 25));
  // Since a day: what was done before it is left out; done on it or later is kept, with the
  // day it was done; what is still open is kept however old.
  const auto old = c.add(c.sam, "homework", {{"text", s("Old, still open")}}, ymd(2026, 1, 5));
  CHECK(homework_by(c.j, ymd(2026, 3, 8), ymd(2026, 2, 26)).size() == 1);  // the old one
  work = homework_by(c.j, ymd(2026, 3, 8), ymd(2026, 2, 25));
  REQUIRE(work.size() == 2);
  CHECK(work[0].uuid == old.uuid);
  CHECK(*work[1].done == ymd(2026, 2, 25));
}

TEST_CASE("transparency: an end date after the day agreed, at most 90 days on, ended by then") {
  couple c;
  const auto a = c.add(c.dan, "transparency",
                       {{"text", s("My calendar")}, {"until", s("2026-03-01")}}, ymd(2026, 2, 1));
  for (const char* bad : {"2026-02-01", "2026-01-31", "2026-05-03"}) {
    CAPTURE(bad);
    write_transaction txn(c.j);
    CHECK_THROWS_AS(
        add_entry(c.j, kind_named("transparency"), c.dan, when{ymd(2026, 2, 1), std::nullopt},
                  {{"text", s("x")}, {"until", s(bad)}}, now),
        data_error);
    CHECK_THROWS_AS(edit_entry(c.j, a, c.dan, std::nullopt, {{"until", s(bad)}}, now), data_error);
  }
  {
    write_transaction txn(c.j);  // 90 days on is the most
    CHECK_NOTHROW(edit_entry(c.j, a, c.dan, std::nullopt, {{"until", s("2026-05-02")}}, now));
  }
  c.add(c.sam, "transparency-end", {{"agreement", a.uuid}}, ymd(2026, 2, 20));
  auto all = transparency_by(c.j, ymd(2026, 2, 19));
  REQUIRE(all.size() == 1);
  CHECK_FALSE(all[0].ended);
  CHECK(all[0].until == ymd(2026, 3, 1));
  all = transparency_by(c.j, ymd(2026, 2, 20));
  CHECK(all[0].ended);
}
