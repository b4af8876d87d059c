// The weekly report as one JSON document, with SPEC.md's keys.
#include <cmath>
#include <nlohmann/json.hpp>

#include "common.hpp"

namespace rebuild {
namespace {

using json = nlohmann::ordered_json;

json number(std::optional<double> v) {
  if (!v) return nullptr;
  return std::round(*v * 100) / 100;
}

template <std::size_t N>
json series(const std::array<std::optional<int>, N>& values) {
  json out = json::array();
  for (const auto& v : values) out.push_back(v ? json(*v) : json());
  return out;
}

/// A partner's words, or null under --redact.
json words(const std::string& text, bool redacted) {
  if (redacted) return nullptr;
  return text;
}

json figures(const week_figures& f, const weekly_report& r) {
  const bool redacted = r.redacted;
  json checkins = json::array();
  for (const auto& c : f.checkins)
    checkins.push_back({{"partner", c.partner},
                        {"days", c.days},
                        {"phones_away_days", c.phones_away_days},
                        {"mood_mean", number(c.mood)},
                        {"stress_mean", number(c.stress)},
                        {"minutes_mean", number(c.minutes)},
                        {"appreciations", redacted ? std::vector<std::string>{} : c.appreciations},
                        {"mood_by_day", series(c.mood_by_day)},
                        {"stress_by_day", series(c.stress_by_day)},
                        {"earliest", c.earliest ? json(*c.earliest) : json()},
                        {"latest", c.latest ? json(*c.latest) : json()}});
  auto by_partner = [](const std::vector<partner_count>& list, const char* key) {
    json out = json::array();
    for (const auto& p : list) out.push_back({{"partner", p.partner}, {key, p.count}});
    return out;
  };
  json owners = json::array();
  for (const auto& o : f.tasks.by_owner)
    owners.push_back(
        {{"owner", o.owner.empty() ? json() : json(o.owner)}, {"count", o.jobs}, {"load", o.load}});
  json initiations = json::array();
  for (const auto& i : f.initiations)
    initiations.push_back({{"partner", i.partner},
                           {"connection", i.connection},
                           {"adventure", i.adventure},
                           {"accepted", i.accepted},
                           {"declined", i.declined}});
  json repairs = json::array();
  for (const auto& x : f.repairs.items) {
    const auto part = [&](const std::string& text) {
      return x.full_sequence ? words(text, redacted) : json();
    };
    repairs.push_back({{"partner", x.partner},
                       {"date", iso_day(x.day)},
                       {"text", words(x.text, redacted)},
                       {"accepted", x.accepted ? json(*x.accepted) : json()},
                       {"full_sequence", x.full_sequence},
                       {"apology", part(x.apology)},
                       {"reassurance", part(x.reassurance)},
                       {"commitment", part(x.commitment)}});
  }
  json celebrations = json::array();
  for (const auto& c : f.celebrations.items)
    celebrations.push_back(
        {{"partner", c.partner}, {"date", iso_day(c.day)}, {"text", words(c.text, redacted)}});
  json homework = json::array();
  for (const auto& h : f.therapy.open)
    homework.push_back(
        {{"partner", h.partner}, {"set_on", iso_day(h.day)}, {"text", words(h.text, redacted)}});
  json transparency = json::array();
  for (const auto& t : f.transparency)
    transparency.push_back({{"partner", t.partner},
                            {"agreed", iso_day(t.agreed)},
                            {"until", iso_day(t.until)},
                            {"days_left", t.days_left},
                            {"text", words(t.text, redacted)}});
  json notes = json::array();
  for (const auto& n : f.timeouts.notes)
    notes.push_back(
        {{"partner", n.partner}, {"date", iso_day(n.day)}, {"text", words(n.text, redacted)}});
  json concerns = json::array();
  for (const auto& c : f.concerns.items)
    concerns.push_back({{"partner", c.partner},
                        {"date", iso_day(c.day)},
                        {"describe", words(c.describe, redacted)},
                        {"impact", words(c.impact, redacted)},
                        {"ask", words(c.ask, redacted)},
                        {"answered_by", c.answered_by ? json(*c.answered_by) : json()},
                        {"answered_on", c.answered_on ? json(iso_day(*c.answered_on)) : json()},
                        {"hear", c.answered_by ? words(c.hear, redacted) : json()},
                        {"validate", c.answered_by && (redacted || !c.validate.empty())
                                         ? words(c.validate, redacted)
                                         : json()},
                        {"commit_to", c.answered_by ? words(c.commit_to, redacted) : json()},
                        {"hurdle", c.answered_by ? words(c.hurdle, redacted) : json()}});
  json moves = json::array();
  for (const auto& m : f.stage.moves)
    moves.push_back(
        {{"date", iso_day(m.day)}, {"partner", m.partner}, {"from", m.from}, {"to", m.to}});
  json windows = json::array();
  for (const auto& w : f.stage.windows)
    windows.push_back({{"day", w.weekday}, {"time", w.start}, {"paused", w.paused}});
  json rituals = json::array();
  for (const auto& x : f.rituals.items)
    rituals.push_back(
        {{"name", x.name}, {"every", x.every}, {"planned", x.planned}, {"kept", x.kept}});
  return {
      {"checkins", checkins},
      {"gestures",
       {{"total", f.gestures.total},
        {"per_day", f.gestures.per_day},
        {"days_within_2_5", f.gestures.days_within_2_5},
        {"by_partner", by_partner(f.gestures.by_partner, "count")},
        {"first_by", by_partner(f.gestures.first_by, "days")}}},
      {"bids", {{"toward", f.bids.toward}, {"away", f.bids.away}, {"against", f.bids.against}}},
      {"repairs",
       {{"total", f.repairs.total},
        {"accepted", f.repairs.accepted},
        {"full_sequences", f.repairs.full_sequences},
        {"quick", f.repairs.total - f.repairs.full_sequences},
        {"with_neutral", f.repairs.with_neutral},
        {"other_commitments", f.repairs.other_commitments},
        {"by_partner", by_partner(f.repairs.by_partner, "count")},
        {"items", repairs}}},
      {"timeouts",
       {{"called", f.timeouts.called},
        {"returned_within_24h", f.timeouts.returned_within_24h},
        {"still_open", f.timeouts.still_open},
        {"under_20_min", f.timeouts.under_20_min},
        {"arranged", f.timeouts.arranged},
        {"arranged_kept", f.timeouts.arranged_kept},
        {"notes", notes}}},
      {"concerns",
       {{"raised", f.concerns.raised},
        {"answered", f.concerns.answered},
        {"validated", f.concerns.validated},
        {"items", concerns}}},
      {"tasks",
       {{"by_owner", owners},
        {"reassigned", f.tasks.reassigned},
        {"review_due", f.tasks.review_due},
        {"deadlines", f.tasks.deadlines}}},
      {"stage",
       {{"current", f.stage.current},
        {"sessions", f.stage.sessions},
        {"each_way", f.stage.each_way},
        {"one_way", f.stage.one_way},
        {"by_stage", f.stage.by_stage},
        {"target", f.stage.target > 0 ? json(f.stage.target) : json()},
        {"moves", moves},
        {"signals", {{"green", f.stage.green}, {"yellow", f.stage.yellow}, {"red", f.stage.red}}},
        {"windows", windows}}},
      {"red_lines", {{"crossed", f.red_lines_crossed}}},
      {"agenda",
       {{"added", f.agenda.added},
        {"talked_through", f.agenda.talked_through},
        {"open", f.agenda.open}}},
      {"initiations", initiations},
      {"initiation_turns", f.initiation_turns},
      {"rituals", {{"planned", f.rituals.planned}, {"kept", f.rituals.kept}, {"items", rituals}}},
      {"triggers", {{"fired", f.triggers.fired}, {"response_used", f.triggers.response_used}}},
      {"thoughts", {{"count", f.thoughts}}},
      {"celebrations", {{"count", f.celebrations.count}, {"items", celebrations}}},
      {"therapy",
       {{"sessions", f.therapy.sessions},
        {"sessions_so_far", f.therapy.sessions_so_far},
        {"homework_set", f.therapy.homework_set},
        {"homework_done", f.therapy.homework_done},
        {"homework_open", f.therapy.homework_open},
        {"open", homework}}},
      {"transparency", {{"active", transparency}}}};
}

json agreements_of(const weekly_report& r) {
  auto list = [&](const std::vector<std::string>& items) {
    return r.redacted ? json::array() : json(items);
  };
  return {{"stop_phrases", list(r.rules.stop_phrases)},
          {"red_lines", list(r.rules.red_lines)},
          {"touch_rules", list(r.rules.touch_rules)},
          {"script", list(r.rules.script)}};
}

json trend_of(const weekly_report& r) {
  json out = json::array();
  for (const auto& w : r.trend) {
    json partners = json::array();
    for (const auto& p : w.partners)
      partners.push_back({{"partner", p.partner},
                          {"rating", p.rating ? json(*p.rating) : json()},
                          {"checkin_days", p.checkin_days},
                          {"mood_mean", number(p.mood)},
                          {"stress_mean", number(p.stress)}});
    out.push_back({{"week", w.label},
                   {"from", iso_day(w.monday)},
                   {"partial", w.partial},
                   {"partners", partners},
                   {"gestures", w.gestures},
                   {"repairs", w.repairs}});
  }
  return out;
}

}  // namespace

void render_json(const weekly_report& r, std::ostream& out) {
  json goals = json::array();
  for (const auto& g : r.goals)
    goals.push_back({{"partner", g.partner},
                     {"problem", g.problem && !r.redacted ? json(*g.problem) : json()},
                     {"outcome", g.outcome && !r.redacted ? json(*g.outcome) : json()},
                     {"months", g.months ? json(*g.months) : json()},
                     {"set_on", g.set_on ? json(iso_day(*g.set_on)) : json()},
                     {"ratings", g.ratings}});
  json phase;
  if (r.phase)
    phase = {
        {"weeks", std::to_string(r.phase->first_week) + "-" + std::to_string(r.phase->last_week)},
        {"title", r.phase->title},
        {"asks", r.asks}};
  json reviews = json::array();
  for (const auto& v : r.reviews)
    reviews.push_back({{"partner", v.partner},
                       {"date", iso_day(v.day)},
                       {"good", words(v.good, r.redacted)},
                       {"heavy", words(v.heavy, r.redacted)},
                       {"next", words(v.next, r.redacted)}});
  json stories = json::array();
  for (const auto& st : r.stories) {
    json accounts = json::array();
    for (const auto& a : st.accounts)
      accounts.push_back({{"partner", a.partner},
                          {"date", iso_day(a.day)},
                          {"happened", words(a.happened, r.redacted)},
                          {"needed", words(a.needed, r.redacted)},
                          {"possible", words(a.possible, r.redacted)}});
    stories.push_back({{"title", r.redacted || st.title.empty() ? json() : json(st.title)},
                       {"accounts", accounts},
                       {"waiting", st.waiting}});
  }
  json doc = {{"week", r.w.label},
              {"from", iso_day(r.w.monday)},
              {"to", iso_day(r.w.sunday)},
              {"partial", r.partial},
              {"days_so_far", report_detail::whole_days(r)},
              {"plan", {{"start", iso_day(r.plan_start)}, {"week", r.plan_week}, {"phase", phase}}},
              {"goals", goals},
              {"agreements", agreements_of(r)}};
  const json current = figures(r.current, r);
  for (const auto& [key, value] : current.items()) doc[key] = value;
  doc["reviews"] = reviews;
  doc["reviews_waiting"] = r.reviews_waiting;
  doc["stories"] = stories;
  doc["trend"] = trend_of(r);
  doc["micro_wins"] = r.micro_wins;
  doc["redacted"] = r.redacted;
  if (r.with_private_of) doc["private_of"] = *r.with_private_of;  // report --private only
  doc["previous"] = figures(r.previous, r);
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace rebuild
