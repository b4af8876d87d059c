// The four renderings of one weekly report show the same figures: the JSON numbers are the
// model's, and every figure row appears, whole, in the text, markdown and html.
#include "rebuild/render.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "rebuild/errors.hpp"
#include "rebuild/settings.hpp"
#include "rebuild/text.hpp"
#include "sample_report.hpp"
#include "temp_dir.hpp"
#include "ymd.hpp"

using namespace rebuild;

namespace {

const rebuild::clock now = rebuild::clock::fixed("2026-03-04T21:00", "Europe/Paris");

struct fixture {
  temp_dir tmp;
  journal j = journal::create(tmp / "journal.db", [](journal& jj) {
    add_partner(jj, "Dan", now);
    add_partner(jj, "Sam", now);
    set_setting(jj, "plan.start", "2026-02-23");
  });
  partner dan = find_partner(j, "Dan");
  partner sam = find_partner(j, "Sam");

  void add(const partner& who, const char* kind, const field_values& f, days_t day,
           std::optional<minutes_t> time = std::chrono::hours{8}) {
    write_transaction txn(j);
    add_entry(j, kind_named(kind), who, when{day, time}, f, now);
    txn.commit();
  }

  fixture() {
    add(dan, "goal",
        {{"problem", std::string("We only talk logistics.")},
         {"outcome", std::string("We talk about us.")},
         {"months", std::int64_t{3}}},
        ymd(2026, 2, 23));
    for (unsigned d : {2u, 3u, 4u})
      add(dan, "checkin",
          {{"mood", std::int64_t{5 + d}},
           {"stress", std::int64_t{4}},
           {"minutes", std::int64_t{10 + d}},
           {"appreciation", std::string("Thanks <&> | \"you\"")}},
          ymd(2026, 3, d));
    add(sam, "checkin", {{"mood", std::int64_t{7}}, {"stress", std::int64_t{3}}}, ymd(2026, 3, 2));
    add(sam, "checkin", {{"mood", std::int64_t{4}}, {"stress", std::int64_t{8}}}, ymd(2026, 2, 24));
    for (int i = 0; i < 3; ++i)
      add(dan, "gesture", {{"text", std::string("Hug")}}, ymd(2026, 3, 2));
    for (int i = 0; i < 2; ++i)
      add(sam, "gesture", {{"text", std::string("Tea")}}, ymd(2026, 3, 2));
    add(sam, "gesture", {{"text", std::string("Walk")}}, ymd(2026, 2, 25));
    add(dan, "bid", {{"text", std::string("b")}, {"response", std::string("toward")}},
        ymd(2026, 3, 3));
    add(sam, "bid", {{"text", std::string("b")}, {"response", std::string("against")}},
        ymd(2026, 3, 3));
    add(sam, "bid", {{"text", std::string("b")}, {"response", std::string("away")}},
        ymd(2026, 2, 26));
    add(dan, "repair", {{"text", std::string("Sorry")}, {"accepted", std::int64_t{1}}},
        ymd(2026, 3, 3));
    add(sam, "timeout", {}, ymd(2026, 3, 3), std::chrono::hours{20});
    add(sam, "concern",
        {{"describe", std::string("d")}, {"impact", std::string("i")}, {"ask", std::string("a")}},
        ymd(2026, 3, 2));
    add(dan, "touch", {{"stage", std::int64_t{1}}, {"minutes", std::int64_t{5}}}, ymd(2026, 3, 2));
    add(dan, "initiation", {{"tier", std::string("adventure")}}, ymd(2026, 3, 3));
    add(dan, "rating", {{"rating", std::int64_t{6}}}, ymd(2026, 3, 4));
  }
};

std::string rendered(const weekly_report& r, report_format f) {
  std::ostringstream out;
  render(r, f, out);
  return out.str();
}

const figure_row& row(const std::vector<figure_row>& rows, const std::string& label) {
  for (const auto& r : rows)
    if (r.label == label) return r;
  FAIL("no row " << label);
  return rows.front();
}

/// Every figure row appears, whole, in the markdown and html tables and on one line of the
/// text table (but for labels too long to leave room, such as very long names, which have a
/// line of their own); the text fits 80 columns.
void check_rows_drawn(const weekly_report& r, bool labels_fit = true) {
  const std::string text = rendered(r, report_format::text);
  const std::string markdown = rendered(r, report_format::markdown);
  const std::string html = rendered(r, report_format::html);
  for (const auto& x : figure_rows(r)) {
    CAPTURE(x.label);
    CHECK(markdown.find(fmt::format("| {} | {} | {} | {} | {} | {} |", x.section,
                                    markdown_escape(x.label), x.now, x.before, x.change,
                                    x.target)) != std::string::npos);
    CHECK(html.find(fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                                "<td class=\"n\">{}</td><td>{}</td></tr>",
                                html_escape(x.label), x.now, x.before, x.change, x.target)) !=
          std::string::npos);
    // In the text table, the figures follow the label on its own line, in order.
    std::size_t at = std::string::npos;
    for (std::size_t pos = text.find("  " + x.label); pos != std::string::npos;
         pos = text.find("  " + x.label, pos + 1)) {
      const std::string line = text.substr(pos, text.find('\n', pos) - pos);
      const auto a = line.find(" " + x.now + " ", x.label.size());
      if (a != std::string::npos &&
          line.find(" " + x.before, a + x.now.size()) != std::string::npos)
        at = pos;
    }
    if (labels_fit)
      CHECK(at != std::string::npos);
    else
      CHECK(text.find(x.label) != std::string::npos);
  }
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    CAPTURE(line);
    CHECK(utf8_length(line).value_or(0) <= 80);
  }
}

}  // namespace

TEST_CASE("the JSON rendering carries the model's figures under SPEC.md's keys") {
  fixture f;
  const auto r = build_report(f.j, week_of(ymd(2026, 3, 4)), ymd(2026, 3, 8), false);
  const auto doc = nlohmann::json::parse(rendered(r, report_format::json));
  for (const char* key :
       {"week", "from", "to", "plan", "goals", "checkins", "gestures", "bids", "repairs",
        "timeouts", "concerns", "tasks", "stage", "initiations", "rituals", "previous"})
    CHECK_MESSAGE(doc.contains(key), key);
  CHECK(doc["week"] == "2026-W10");
  CHECK(doc["from"] == "2026-03-02");
  CHECK(doc["plan"]["week"] == 2);
  CHECK(doc["checkins"][0]["days"] == 3);
  CHECK(doc["checkins"][0]["mood_mean"] == 8.0);
  CHECK(doc["checkins"][1]["days"] == 1);
  CHECK(doc["gestures"]["total"] == 5);
  CHECK(doc["gestures"]["days_within_2_5"] == 1);
  CHECK(doc["bids"]["toward"] == 1);
  CHECK(doc["bids"]["against"] == 1);
  CHECK(doc["repairs"]["accepted"] == 1);
  CHECK(doc["timeouts"]["still_open"] == 1);
  CHECK(doc["concerns"]["raised"] == 1);
  CHECK(doc["stage"]["sessions"] == 1);
  CHECK(doc["stage"]["target"] == 3);
  CHECK(doc["initiations"][0]["adventure"] == 1);
  CHECK(doc["goals"][0]["ratings"][0] == 6);
  CHECK(doc["previous"]["gestures"]["total"] == 1);
  CHECK(doc["previous"]["bids"]["away"] == 1);
  CHECK(doc["previous"]["checkins"][1]["mood_mean"] == 4.0);

  // The rows the other renderings draw say the same.
  const auto rows = figure_rows(r);
  CHECK(row(rows, "all gestures").now == std::to_string(doc["gestures"]["total"].get<int>()));
  CHECK(row(rows, "all gestures").before ==
        std::to_string(doc["previous"]["gestures"]["total"].get<int>()));
  CHECK(row(rows, "Dan: days with a check-in").now == "3 of 7");
  CHECK(row(rows, "Dan: mood (mean)").now == "8.0");
  CHECK(row(rows, "turned toward").now == "1");
  CHECK(row(rows, "still open").now == "1 of 1");  // of the time-outs called
  CHECK(row(rows, "sittings").now == "1");
  CHECK(row(rows, "sittings").target == "");
  // The target counts the sittings given each way ("5 minutes each way"), shown apart.
  CHECK(doc["stage"]["each_way"].get<int>() + doc["stage"]["one_way"].get<int>() == 1);
  CHECK(row(rows, "given each way").now == std::to_string(doc["stage"]["each_way"].get<int>()));
  CHECK(row(rows, "given each way").target == "3 a week");
  CHECK(row(rows, "given one way").now == std::to_string(doc["stage"]["one_way"].get<int>()));
}

TEST_CASE("text, markdown and html show every figure row, whole") {
  fixture f;
  const auto r = build_report(f.j, week_of(ymd(2026, 3, 4)), ymd(2026, 3, 8), false);
  const std::string markdown = rendered(r, report_format::markdown);
  const std::string html = rendered(r, report_format::html);
  check_rows_drawn(r);
  SUBCASE("free text is escaped for each format") {
    CHECK(html.find("Thanks &lt;&amp;&gt; | &quot;you&quot;") != std::string::npos);
    CHECK(markdown.find("Thanks \\<\\&\\> \\| \"you\"") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("http://") ==
          html.find("http://www.w3.org/2000/svg"));  // only the SVG namespace
    CHECK(html.find("https://") == std::string::npos);
  }
}

TEST_CASE("--redact leaves out every free-text field and keeps the figures") {
  fixture f;
  const auto plain = build_report(f.j, week_of(ymd(2026, 3, 4)), ymd(2026, 3, 8), false);
  const auto redacted = build_report(f.j, week_of(ymd(2026, 3, 4)), ymd(2026, 3, 8), true);
  CHECK(figure_rows(plain).size() == figure_rows(redacted).size());
  for (auto format :
       {report_format::text, report_format::markdown, report_format::json, report_format::html}) {
    const std::string out = rendered(redacted, format);
    CHECK(out.find("Thanks") == std::string::npos);
    CHECK(out.find("logistics") == std::string::npos);
    CHECK(out.find("talk about us") == std::string::npos);
  }
  const auto doc = nlohmann::json::parse(rendered(redacted, report_format::json));
  CHECK(doc["redacted"] == true);
  CHECK(doc["goals"][0]["problem"].is_null());
  CHECK(doc["goals"][0]["months"] == 3);
  CHECK(doc["checkins"][0]["appreciations"].empty());
  CHECK(doc["gestures"]["total"] == 5);
}

TEST_CASE("--week takes this week, last, YYYY-Www or a day") {
  const days_t wed = ymd(2026, 3, 4);
  CHECK(parse_week("", wed).label == "2026-W10");
  CHECK(parse_week("last", wed).label == "2026-W09");
  CHECK(parse_week("2026-W01", wed).monday == ymd(2025, 12, 29));
  CHECK(parse_week("2026-w53", wed).label == "2026-W53");
  CHECK(parse_week("2026-03-08", wed).label == "2026-W10");
  CHECK(parse_week("mon", wed).label == "2026-W10");
  CHECK_THROWS_AS(parse_week("2025-W53", wed), data_error);
  CHECK_THROWS_AS(parse_week("2026-W00", wed), data_error);
  CHECK_THROWS_AS(parse_week("soon", wed), data_error);
}

// ---- the renderers on a hand-built report (every field of the model filled) ----------------

namespace {

bool has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

/// The keys of a JSON object, and of the objects inside it, as "a.b" paths.
std::set<std::string> key_paths(const nlohmann::json& j, const std::string& prefix = "") {
  std::set<std::string> out;
  if (!j.is_object()) return out;
  for (const auto& [k, v] : j.items()) {
    out.insert(prefix + k);
    for (const auto& p : key_paths(v, prefix + k + ".")) out.insert(p);
  }
  return out;
}

}  // namespace

TEST_CASE("a report with every field: the four renderings show the same figures") {
  check_rows_drawn(sample_report());
  check_rows_drawn(sample_report_so_far());
  check_rows_drawn(sample_report(true), false);  // names of 25 and 30 characters

  const auto r = sample_report();
  const auto rows = figure_rows(r);
  const auto doc = nlohmann::json::parse(rendered(r, report_format::json));
  const std::string text = rendered(r, report_format::text);
  const std::string markdown = rendered(r, report_format::markdown);
  const std::string html = rendered(r, report_format::html);

  SUBCASE("JSON has SPEC.md's keys, and previous the same figure keys") {
    for (const char* key : {"partial", "days_so_far", "agreements", "reviews", "trend"})
      CHECK_MESSAGE(doc.contains(key), key);
    for (const char* key : {"stop_phrases", "red_lines", "touch_rules", "script"})
      CHECK_MESSAGE(doc["agreements"].contains(key), key);
    CHECK(doc["partial"] == false);
    CHECK(doc["days_so_far"] == 7);
    CHECK(doc["agreements"]["red_lines"][0] == "No name-calling");
    CHECK(doc["gestures"]["first_by"][0] == nlohmann::json{{"partner", "Dan"}, {"days", 4}});
    CHECK(doc["checkins"][0]["phones_away_days"] == 5);
    CHECK(doc["checkins"][0]["mood_mean"] == 7.14);
    CHECK(doc["timeouts"]["under_20_min"] == 1);
    CHECK(doc["timeouts"]["notes"][0]["text"] == "We came back and listened");
    CHECK(doc["timeouts"]["notes"][0]["date"] == "2026-03-04");
    CHECK(doc["stage"]["moves"][0] ==
          nlohmann::json{{"date", "2026-03-05"}, {"partner", "Sam"}, {"from", 1}, {"to", 2}});
    CHECK(doc["stage"]["signals"] == nlohmann::json{{"green", 2}, {"yellow", 0}, {"red", 1}});
    CHECK(doc["stage"]["windows"][1] ==
          nlohmann::json{{"day", "sat"}, {"time", "10:00"}, {"paused", true}});
    CHECK(doc["stage"]["by_stage"] == nlohmann::json{2, 1, 0});
    CHECK(doc["stage"]["target"].is_null());  // no target at stage 2
    CHECK(doc["previous"]["stage"]["target"] == 3);
    CHECK(doc["initiations"][1]["accepted"] == 1);
    CHECK(doc["initiations"][1]["declined"] == 1);
    CHECK(doc["concerns"]["items"][0]["describe"] == "The dishes sat all weekend");
    CHECK(doc["concerns"]["items"][0]["answered_by"] == "Dan");
    CHECK(doc["concerns"]["items"][0]["commit_to"] == "Sunday nights");
    CHECK(doc["repairs"]["items"][0]["text"] == "Sorry I snapped");
    // The practices of issue 12, with SPEC.md's keys.
    for (const char* key :
         {"triggers", "thoughts", "reviews", "celebrations", "therapy", "transparency", "stories"})
      CHECK_MESSAGE(doc.contains(key), key);
    CHECK(doc["repairs"]["full_sequences"] == 1);
    CHECK(doc["repairs"]["quick"] == 2);
    CHECK(doc["repairs"]["items"][0]["full_sequence"] == true);
    CHECK(doc["repairs"]["items"][0]["reassurance"] == "I'm not going anywhere");
    CHECK(doc["repairs"]["items"][1]["apology"].is_null());
    CHECK(doc["triggers"] == nlohmann::json{{"fired", 3}, {"response_used", 2}});
    CHECK(doc["previous"]["triggers"] == nlohmann::json{{"fired", 2}, {"response_used", 0}});
    CHECK(doc["thoughts"]["count"] == 1);
    CHECK(doc["celebrations"]["count"] == 1);
    CHECK(doc["celebrations"]["items"][0]["text"] == "An hour of talk about us");
    CHECK(doc["therapy"]["sessions_so_far"] == 3);
    CHECK(doc["therapy"]["homework_open"] == 1);
    CHECK(doc["therapy"]["open"][0]["text"] == "Ten minutes of talk each night");
    CHECK(doc["transparency"]["active"][0]["until"] == "2026-03-22");
    CHECK(doc["transparency"]["active"][0]["days_left"] == 14);
    CHECK(doc["previous"]["transparency"]["active"][0]["days_left"] == 21);
    CHECK(doc["stories"][0]["title"] == "The dinner");
    CHECK(doc["stories"][0]["accounts"][1]["needed"] == "To be trusted");
    CHECK(doc["stories"][1]["waiting"] == nlohmann::json{"Sam"});
    CHECK(doc["repairs"]["items"][0]["accepted"] == true);
    CHECK(doc["repairs"]["items"][1]["accepted"].is_null());
    CHECK(doc["rituals"]["items"][1] ==
          nlohmann::json{
              {"name", "Sunday coffee"}, {"every", "weekly"}, {"planned", 1}, {"kept", 0}});
    CHECK(doc["reviews"][1]["partner"] == "Sam");
    CHECK(doc["reviews"][1]["date"] == "2026-03-02");
    CHECK(doc["reviews"][1]["next"] == "Dance class");
    REQUIRE(doc["trend"].size() == 8);
    CHECK(doc["trend"][7]["week"] == "2026-W10");
    CHECK(doc["trend"][7]["from"] == "2026-03-02");
    CHECK(doc["trend"][7]["partial"] == false);
    CHECK(doc["trend"][2]["partners"][0]["rating"].is_null());
    CHECK(doc["trend"][4]["partners"][1]["mood_mean"].is_null());
    CHECK(doc["trend"][7]["partners"][0] == nlohmann::json{{"partner", "Dan"},
                                                           {"rating", 6},
                                                           {"checkin_days", 7},
                                                           {"mood_mean", 7.1},
                                                           {"stress_mean", 3.6}});
    CHECK(doc["trend"][7]["gestures"] == 15);
    // Every figure key of the week is in previous too.
    nlohmann::json figures_now = doc;
    for (const char* k :
         {"week", "from", "to", "partial", "days_so_far", "plan", "goals", "agreements", "reviews",
          "reviews_waiting", "stories", "trend", "micro_wins", "redacted", "previous"})
      figures_now.erase(k);
    CHECK(key_paths(figures_now) == key_paths(doc["previous"]));
  }

  SUBCASE("the rows say what the JSON says") {
    CHECK(row(rows, "Dan: phones-away days").now == "5 of 7");
    CHECK(row(rows, "Dan: phones-away days").before == "3 of 7");
    CHECK(row(rows, "days the two of you made 2 to 5").now ==
          fmt::format("{} of 7", doc["gestures"]["days_within_2_5"].get<int>()));
    CHECK(row(rows, "Dan: gestures").now == "9");
    CHECK(row(rows, "Sam: days they began").now == "3");
    CHECK(row(rows, "Sam: days they began").before == "4");
    CHECK(row(rows, "back sooner than 20 minutes").now == "1 of 2");
    CHECK(row(rows, "back within 24 h").now == "2 of 2");
    CHECK(row(rows, "sittings").now == "3");
    CHECK(row(rows, "sittings").target == "");  // the guide gives none at stage 2
    CHECK(row(rows, "sittings at stage 2").now == "1");
    CHECK(row(rows, "signals: red").now == "1");
    // Initiations as turns, never a score per partner: no row names a partner's declines.
    CHECK(row(rows, "connection").now == "3");
    CHECK(row(rows, "adventure").now == "1");
    CHECK(row(rows, "connection").change == "");  // no score, not even a change
    // Who began, in turn, under the table in every rendering, and in the JSON.
    const std::string turns =
        "Who began, in turn: Dan, then Sam, then Sam, then Dan (the week before: Sam).";
    std::string unwrapped = text;  // the text's lines joined again where it wrapped them
    for (auto at = unwrapped.find("\n  "); at != std::string::npos; at = unwrapped.find("\n  "))
      unwrapped.replace(at, unwrapped.find_first_not_of(' ', at + 1) - at, " ");
    CHECK(unwrapped.find(turns) != std::string::npos);
    CHECK(markdown.find("- " + turns) != std::string::npos);
    CHECK(html.find("<li>" + turns + "</li>") != std::string::npos);
    CHECK(doc["initiation_turns"] == nlohmann::json({"Dan", "Sam", "Sam", "Dan"}));
    CHECK(doc["previous"]["initiation_turns"] == nlohmann::json({"Sam"}));
    for (const auto& r : rows) CHECK(r.label.find("declined") == std::string::npos);
    CHECK(row(rows, "kept").now == "1 of 2");
    CHECK(row(rows, "Sunday coffee (weekly)").now == "0 of 1");
    CHECK(row(rows, "Sunday coffee (weekly)").before == "1 of 1");
    CHECK(row(rows, "full sequences").now == "1");
    CHECK(row(rows, "quick repairs").now == "2");
    CHECK(row(rows, "triggers fired").now == "3");
    CHECK(row(rows, "met with the response").now == "2");
    CHECK(row(rows, "met with the response").change == "");  // listed, not scored
    CHECK(row(rows, "thoughts reframed").before == "2");
    CHECK(row(rows, "changes celebrated").now == "1");
    CHECK(row(rows, "sessions so far").now == "3");
    CHECK(row(rows, "sessions so far").target == "8 to 12");
    CHECK(row(rows, "homework open").now == "1");
    CHECK(row(rows, "agreements in force").now == "1");
  }

  SUBCASE("what is not a row is in every rendering too") {
    for (const std::string* out : {&text, &markdown, &html}) {
      CHECK(has(*out, "Thu 5 Mar 2026: from stage 1 to stage 2 (Sam)."));
      CHECK(has(*out, "1 red: stopping at red is the practice working."));
      CHECK(has(*out, "available, not obligatory"));
      CHECK(has(*out, "Sat 10:00 (paused)"));
      CHECK(has(*out, "The last 8 weeks"));
      CHECK(has(*out, "2026-W03"));
      CHECK(has(*out, "Your agreements"));
      CHECK(has(*out, "Words for the therapist"));
      CHECK(has(*out, "The latest quarterly review"));
      CHECK(has(*out, "Dance class"));
      CHECK(has(*out, "Sunday nights"));
      CHECK(has(*out, "A reminder"));
      CHECK(has(*out, "Sorry I snapped"));
      CHECK(has(*out, "We came back and listened"));
      CHECK(has(*out, "No name-calling"));
      CHECK(has(*out, "We pause before we shout"));        // a full repair's commitment
      CHECK(has(*out, "A text from a colleague"));         // a story's second voice
      CHECK(has(*out, "still to come"));                   // ...and one told in one voice
      CHECK(has(*out, "An hour of talk about us"));        // a celebration
      CHECK(has(*out, "Ten minutes of talk each night"));  // homework still open
      CHECK(has(*out, "until Sun 22 Mar 2026, 14 days left"));
      CHECK(has(*out, "I share my calendar each Sunday"));
      CHECK(!has(*out, "missed"));
      CHECK(!has(*out, "failed"));
    }
    // The trend table: a week's figures, in each rendering's own table.
    CHECK(has(text, "  2026-W10  6      7    7.1  3.6    6      5    6.2  5.3    15       3\n"));
    CHECK(has(markdown, "| 2026-W10 | 6 | 7 | 7.1 | 3.6 | 6 | 5 | 6.2 | 5.3 | 15 | 3 |"));
    CHECK(has(html,
              "<tr><td>2026-W10</td><td class=\"n\">6</td><td class=\"n\">7</td>"
              "<td class=\"n\">7.1</td><td class=\"n\">3.6</td>"));
    // Sparklines: a mark a week, · where a week has none (Dan's rating, the third week).
    CHECK(has(text, "Dan: rating                     ▃▃·▄▅▅▅▅\n"));
    CHECK(has(markdown, "- Dan: rating `▃▃·▄▅▅▅▅`"));
    CHECK(has(text, "Sam: mood                       ▄▄▄▄·▅▅▅\n"));
    // Who began each day.
    CHECK(has(text, "  Dan began                  ●   ·   ●   ·   ●   ·   ●"));
    CHECK(has(markdown, "| began the day | Dan | Sam | Dan | Sam | Dan | Sam | Dan |"));
    CHECK(has(html, "<td>first gesture</td><td>Dan</td><td>Sam</td>"));
    // The reviews: one column a partner in markdown and html, one after the other in text.
    CHECK(has(markdown, "| What felt heavy | Mornings | The jobs |"));
    CHECK(has(html, "<tr><th>What felt heavy</th><td>Mornings</td><td>The jobs</td></tr>"));
    CHECK(text.find("What felt heavy: Mornings") < text.find("What felt heavy: The jobs"));
    // A story: one column a voice in markdown and html.
    CHECK(has(markdown, "| The need that went unmet | To matter | To be trusted |"));
    CHECK(has(html,
              "<tr><th>The need that went unmet</th><td>To matter</td><td>To be "
              "trusted</td></tr>"));
    // The chart: an inline SVG with a title, a line a series, no script.
    CHECK(has(html, "<title id=\"trend-title\">Trend over the last 8 weeks"));
    CHECK(has(html, "<polyline"));
    CHECK(!has(html, "<script"));
  }
}

TEST_CASE("the change column: from exact values, rounded only to show") {
  const auto rows = figure_rows(sample_report());
  // 50/7 = 7.143 beside 48/7 = 6.857: the difference is 0.286, +0.3 (the rounded figures,
  // 7.1 and 6.9, would have said +0.2).
  CHECK(row(rows, "Dan: mood (mean)").now == "7.1");
  CHECK(row(rows, "Dan: mood (mean)").before == "6.9");
  CHECK(row(rows, "Dan: mood (mean)").change == "+0.3");
  // 6.0 beside 6.04: "same" only when the exact difference rounds to 0.0.
  CHECK(row(rows, "Sam: mood (mean)").change == "same");
  CHECK(row(rows, "Sam: stress (mean)").change == "-0.3");  // 5.25 beside 5.5
  CHECK(row(rows, "Dan: stress (mean)").change == "same");
}

TEST_CASE("a week still running is \"so far\", beside the same days of the week before") {
  const auto r = sample_report_so_far();
  const auto rows = figure_rows(r);
  CHECK(row(rows, "Dan: days with a check-in").now == "3 of 3 so far");
  CHECK(row(rows, "Dan: days with a check-in").before == "3 of 3");
  CHECK(row(rows, "Sam: days with a check-in").now == "2 of 3 so far");
  CHECK(row(rows, "days the two of you made 2 to 5").now == "3 of 3 so far");
  for (const auto& x : rows) {
    CAPTURE(x.label);
    CHECK(!has(x.now, "of 7"));
    CHECK(!has(x.before, "of 7"));
  }
  const std::string text = rendered(r, report_format::text);
  const std::string markdown = rendered(r, report_format::markdown);
  const std::string html = rendered(r, report_format::html);
  for (const std::string* out : {&text, &markdown, &html}) {
    CHECK(has(*out, "Week 2026-W10 so far (Mon to Wed): Mon 2 Mar 2026 to Wed 4 Mar 2026"));
    CHECK(has(*out, "Mon to Wed so far, beside the same days of the week before"));
  }
  // The trend's last week.
  CHECK(has(markdown, "| 2026-W10 (so far) |"));
  CHECK(has(html, "<tr><td>2026-W10 (so far)</td>"));
  CHECK(has(text, "  2026-W10* 6 "));
  CHECK(has(text, "  * so far: Mon to Wed\n"));
  CHECK(has(markdown,
            "| Practice | Figure | So far (Mon to Wed) | The same days of the week "
            "before (Mon to Wed) | Change | Target |"));
  CHECK(has(html,
            "<th>So far (Mon to Wed)</th><th>The same days of the week before (Mon to "
            "Wed)</th>"));
  CHECK(has(text, "so far"));
  CHECK(has(text, "same days"));
  // Days after today show nothing, not a zero.
  CHECK(has(markdown, "| gestures | 3 | 2 | 4 | - | - | - | - |"));
  const auto doc = nlohmann::json::parse(rendered(r, report_format::json));
  CHECK(doc["partial"] == true);
  CHECK(doc["days_so_far"] == 3);
  CHECK(doc["trend"][7]["partial"] == true);
}

TEST_CASE("a week without a time-out shows no return as missing") {
  auto r = sample_report();
  r.current.timeouts = {};
  r.previous.timeouts = {};
  const auto rows = figure_rows(r);
  for (const char* label : {"back within 24 h", "back sooner than 20 minutes", "still open"}) {
    CAPTURE(label);
    CHECK(row(rows, label).now == "-");
    CHECK(row(rows, label).before == "-");
    CHECK(row(rows, label).change == "");
    CHECK(row(rows, label).target == "");
  }
  check_rows_drawn(r);
  // One week with time-outs, one without: no change is drawn between "-" and a count.
  r.previous.timeouts.called = 1;
  r.previous.timeouts.returned_within_24h = 1;
  CHECK(row(figure_rows(r), "back within 24 h").before == "1 of 1");
  CHECK(row(figure_rows(r), "back within 24 h").change == "");
}

TEST_CASE("a red signal is visible in the text, in calm words") {
  auto r = sample_report();
  const std::string text = rendered(r, report_format::text);
  CHECK(has(text, "1 red: stopping at red is the practice working."));
  CHECK(has(text, "signals: red"));
  r.current.stage.red = 0;
  CHECK(!has(rendered(r, report_format::text), "stopping at red"));
}

TEST_CASE("--redact: no words in any rendering, said once, the figures kept") {
  auto r = sample_report();
  r.redacted = true;  // even were the model to carry words, none is drawn
  const auto plain_rows = figure_rows(sample_report());
  CHECK(figure_rows(r).size() == plain_rows.size());
  for (auto format :
       {report_format::text, report_format::markdown, report_format::json, report_format::html}) {
    const std::string out = rendered(r, format);
    for (const char* words : {"logistics",
                              "talk about us",
                              "Thanks for the tea",
                              "The dishes",
                              "I felt alone",
                              "Sunday nights",
                              "A reminder",
                              "Sorry I snapped",
                              "not angry",
                              "We came back",
                              "Pause, please",
                              "No name-calling",
                              "Breathe",
                              "The walks",
                              "Mornings",
                              "Dance class",
                              "We pause before we shout",
                              "not going anywhere",
                              "The dinner",
                              "To be trusted",
                              "An hour of talk",
                              "Ten minutes of talk",
                              "I share my calendar"}) {
      CAPTURE(words);
      CHECK(!has(out, words));
    }
    if (format != report_format::json) {
      const std::string said = "free text is left out";
      CHECK(has(out, said));
      CHECK(out.find(said) == out.rfind(said));
      CHECK(!has(out, "Words for the therapist"));
      CHECK(!has(out, "Your agreements"));
    }
  }
  const auto doc = nlohmann::json::parse(rendered(r, report_format::json));
  CHECK(doc["redacted"] == true);
  CHECK(doc["concerns"]["items"][0]["describe"].is_null());
  CHECK(doc["concerns"]["items"][0]["partner"] == "Sam");
  CHECK(doc["repairs"]["items"][0]["text"].is_null());
  CHECK(doc["reviews"][0]["good"].is_null());
  CHECK(doc["agreements"]["red_lines"].empty());
  CHECK(doc["gestures"]["total"] == 17);
  CHECK(doc["repairs"]["full_sequences"] == 1);
  CHECK(doc["repairs"]["items"][0]["commitment"].is_null());
  CHECK(doc["stories"][0]["title"].is_null());
  CHECK(doc["stories"][0]["accounts"][0]["partner"] == "Sam");
  CHECK(doc["stories"][0]["accounts"][0]["happened"].is_null());
  CHECK(doc["celebrations"]["count"] == 1);
  CHECK(doc["celebrations"]["items"][0]["text"].is_null());
  CHECK(doc["transparency"]["active"][0]["text"].is_null());
  CHECK(doc["transparency"]["active"][0]["until"] == "2026-03-22");
  CHECK(doc["therapy"]["open"][0]["text"].is_null());
}

TEST_CASE("html_escape: no text becomes a tag or an attribute") {
  CHECK(html_escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
  CHECK(html_escape("<a href=\"x\" onclick='y'>&amp;</a>") ==
        "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
  CHECK(html_escape("[x](javascript:alert(1)) *Max* | a | b |") ==
        "[x](javascript:alert(1)) *Max* | a | b |");
  CHECK(html_escape("Zoë, 日本") == "Zoë, 日本");
}

TEST_CASE("markdown_escape: no text becomes markup, a link or an image") {
  CHECK(markdown_escape("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>");
  CHECK(markdown_escape("[x](javascript:alert(1))") == "\\[x\\](javascript\\:alert(1))");
  CHECK(markdown_escape("![i](http://x/y.png)") == "\\!\\[i\\](http\\://x/y\\.png)");
  CHECK(markdown_escape("*Max*") == "\\*Max\\*");
  CHECK(markdown_escape("| a | b |") == "\\| a \\| b \\|");
  CHECK(markdown_escape("snake_case `code` ~~gone~~ # & @") ==
        "snake\\_case \\`code\\` \\~\\~gone\\~\\~ \\# \\& \\@");
  CHECK(markdown_escape("- not a list") == "\\- not a list");
  CHECK(markdown_escape("+ nor this") == "\\+ nor this");
  CHECK(markdown_escape("1. nor this") == "1\\. nor this");
  CHECK(markdown_escape("12) nor this") == "12\\) nor this");
  CHECK(markdown_escape("www.example.com x@y.com :smile:") ==
        "www\\.example\\.com x\\@y\\.com \\:smile:");
  CHECK(markdown_escape("one\ntwo\r\n") == "one<br>two<br>");
  // Ordinary prose stays readable.
  CHECK(markdown_escape("At 21:00, a walk - then tea. Yes (really).") ==
        "At 21:00, a walk - then tea. Yes (really).");

  // A whole report of hostile text and names: every < in the markdown is escaped, but for
  // the line breaks it writes itself.
  const std::string markdown = rendered(sample_report(true), report_format::markdown);
  for (std::size_t at = markdown.find('<'); at != std::string::npos;
       at = markdown.find('<', at + 1)) {
    CAPTURE(markdown.substr(at, 30));
    CHECK((markdown.compare(at, 4, "<br>") == 0 || (at > 0 && markdown[at - 1] == '\\')));
  }
  CHECK(!has(markdown, "[x](javascript"));
  CHECK(!has(markdown, "!["));
  const std::string html = rendered(sample_report(true), report_format::html);
  CHECK(!has(html, "<script"));
  CHECK(!has(html, "<img"));
  CHECK(!has(html, "<a "));
  CHECK(has(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
}
