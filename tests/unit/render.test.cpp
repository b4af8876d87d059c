// The four renderings of one weekly report show the same figures: the JSON numbers are the
// model's, and every figure row appears, whole, in the text, markdown and html.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "rebuild/render.hpp"
#include "rebuild/settings.hpp"
#include "rebuild/text.hpp"
#include "rebuild/errors.hpp"
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
    add(dan, "goal", {{"problem", std::string("We only talk logistics.")},
                      {"outcome", std::string("We talk about us.")},
                      {"months", std::int64_t{3}}},
        ymd(2026, 2, 23));
    for (unsigned d : {2u, 3u, 4u})
      add(dan, "checkin", {{"mood", std::int64_t{5 + d}}, {"stress", std::int64_t{4}},
                           {"minutes", std::int64_t{10 + d}},
                           {"appreciation", std::string("Thanks <&> | \"you\"")}},
          ymd(2026, 3, d));
    add(sam, "checkin", {{"mood", std::int64_t{7}}, {"stress", std::int64_t{3}}}, ymd(2026, 3, 2));
    add(sam, "checkin", {{"mood", std::int64_t{4}}, {"stress", std::int64_t{8}}}, ymd(2026, 2, 24));
    for (int i = 0; i < 3; ++i) add(dan, "gesture", {{"text", std::string("Hug")}}, ymd(2026, 3, 2));
    for (int i = 0; i < 2; ++i) add(sam, "gesture", {{"text", std::string("Tea")}}, ymd(2026, 3, 2));
    add(sam, "gesture", {{"text", std::string("Walk")}}, ymd(2026, 2, 25));
    add(dan, "bid", {{"text", std::string("b")}, {"response", std::string("toward")}}, ymd(2026, 3, 3));
    add(sam, "bid", {{"text", std::string("b")}, {"response", std::string("against")}}, ymd(2026, 3, 3));
    add(sam, "bid", {{"text", std::string("b")}, {"response", std::string("away")}}, ymd(2026, 2, 26));
    add(dan, "repair", {{"text", std::string("Sorry")}, {"accepted", std::int64_t{1}}}, ymd(2026, 3, 3));
    add(sam, "timeout", {}, ymd(2026, 3, 3), std::chrono::hours{20});
    add(sam, "concern", {{"describe", std::string("d")}, {"impact", std::string("i")},
                         {"ask", std::string("a")}},
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

std::string html_escaped(std::string s) {
  std::string out;
  for (char c : s) out += c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;" : std::string(1, c);
  return out;
}

}  // namespace

TEST_CASE("the JSON rendering carries the model's figures under SPEC.md's keys") {
  fixture f;
  const auto r = build_report(f.j, week_of(ymd(2026, 3, 4)), ymd(2026, 3, 8), false);
  const auto doc = nlohmann::json::parse(rendered(r, report_format::json));
  for (const char* key : {"week", "from", "to", "plan", "goals", "checkins", "gestures", "bids",
                          "repairs", "timeouts", "concerns", "tasks", "stage", "initiations",
                          "rituals", "previous"})
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
  CHECK(row(rows, "still open").now == "1");
  CHECK(row(rows, "sessions (5 min each way)").now == "1 of 3");
}

TEST_CASE("text, markdown and html show every figure row, whole") {
  fixture f;
  const auto r = build_report(f.j, week_of(ymd(2026, 3, 4)), ymd(2026, 3, 8), false);
  const std::string text = rendered(r, report_format::text);
  const std::string markdown = rendered(r, report_format::markdown);
  const std::string html = rendered(r, report_format::html);
  for (const auto& x : figure_rows(r)) {
    CAPTURE(x.label);
    CHECK(markdown.find(fmt::format("| {} | {} | {} | {} | {} | {} |", x.section, x.label, x.now,
                                    x.before, x.change, x.target)) != std::string::npos);
    CHECK(html.find(fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                                "<td class=\"n\">{}</td><td>{}</td></tr>",
                                html_escaped(x.label), x.now, x.before, x.change, x.target)) !=
          std::string::npos);
    // In the text table, the figures follow the label on its own line, in order.
    std::size_t at = std::string::npos;
    for (std::size_t pos = text.find("  " + x.label); pos != std::string::npos;
         pos = text.find("  " + x.label, pos + 1)) {
      const std::string line = text.substr(pos, text.find('\n', pos) - pos);
      const auto a = line.find(" " + x.now + " ", x.label.size());
      if (a != std::string::npos && line.find(" " + x.before, a + x.now.size()) != std::string::npos) at = pos;
    }
    CHECK(at != std::string::npos);
  }
  SUBCASE("the text rendering fits 80 columns") {
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      CAPTURE(line);
      CHECK(utf8_length(line).value_or(0) <= 80);
    }
  }
  SUBCASE("free text is escaped for each format") {
    CHECK(html.find("Thanks &lt;&amp;&gt; | &quot;you&quot;") != std::string::npos);
    CHECK(markdown.find("Thanks <&> \\| \"you\"") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg"));  // only the SVG namespace
    CHECK(html.find("https://") == std::string::npos);
  }
}

TEST_CASE("--redact leaves out every free-text field and keeps the figures") {
  fixture f;
  const auto plain = build_report(f.j, week_of(ymd(2026, 3, 4)), ymd(2026, 3, 8), false);
  const auto redacted = build_report(f.j, week_of(ymd(2026, 3, 4)), ymd(2026, 3, 8), true);
  CHECK(figure_rows(plain).size() == figure_rows(redacted).size());
  for (auto format : {report_format::text, report_format::markdown, report_format::json,
                      report_format::html}) {
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
