// The weekly report as one JSON document, with SPEC.md's keys.
#include <cmath>
#include <nlohmann/json.hpp>

#include "rebuild/render.hpp"

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

json figures(const week_figures& f) {
  json checkins = json::array();
  for (const auto& c : f.checkins)
    checkins.push_back({{"partner", c.partner},
                        {"days", c.days},
                        {"mood_mean", number(c.mood)},
                        {"stress_mean", number(c.stress)},
                        {"minutes_mean", number(c.minutes)},
                        {"appreciations", c.appreciations},
                        {"mood_by_day", series(c.mood_by_day)},
                        {"stress_by_day", series(c.stress_by_day)},
                        {"earliest", c.earliest ? json(*c.earliest) : json()},
                        {"latest", c.latest ? json(*c.latest) : json()}});
  auto by_partner = [](const std::vector<partner_count>& list) {
    json out = json::array();
    for (const auto& p : list) out.push_back({{"partner", p.partner}, {"count", p.count}});
    return out;
  };
  json owners = json::array();
  for (const auto& o : f.tasks.by_owner)
    owners.push_back({{"owner", o.owner.empty() ? json() : json(o.owner)},
                      {"count", o.jobs},
                      {"load", o.load}});
  json initiations = json::array();
  for (const auto& i : f.initiations)
    initiations.push_back(
        {{"partner", i.partner}, {"connection", i.connection}, {"adventure", i.adventure}});
  return {{"checkins", checkins},
          {"gestures",
           {{"total", f.gestures.total},
            {"per_day", f.gestures.per_day},
            {"days_within_2_5", f.gestures.days_within_2_5},
            {"by_partner", by_partner(f.gestures.by_partner)}}},
          {"bids", {{"toward", f.bids.toward}, {"away", f.bids.away}, {"against", f.bids.against}}},
          {"repairs",
           {{"total", f.repairs.total},
            {"accepted", f.repairs.accepted},
            {"by_partner", by_partner(f.repairs.by_partner)}}},
          {"timeouts",
           {{"called", f.timeouts.called},
            {"returned_within_24h", f.timeouts.returned_within_24h},
            {"still_open", f.timeouts.still_open}}},
          {"concerns", {{"raised", f.concerns.raised}, {"answered", f.concerns.answered}}},
          {"tasks",
           {{"by_owner", owners},
            {"reassigned", f.tasks.reassigned},
            {"review_due", f.tasks.review_due}}},
          {"stage",
           {{"current", f.stage.current},
            {"sessions", f.stage.sessions},
            {"target", f.stage.target > 0 ? json(f.stage.target) : json()}}},
          {"initiations", initiations},
          {"rituals", {{"planned", f.rituals.planned}, {"kept", f.rituals.kept}}}};
}

}  // namespace

void render_json(const weekly_report& r, std::ostream& out) {
  json goals = json::array();
  for (const auto& g : r.goals)
    goals.push_back({{"partner", g.partner},
                     {"problem", g.problem ? json(*g.problem) : json()},
                     {"outcome", g.outcome ? json(*g.outcome) : json()},
                     {"months", g.months ? json(*g.months) : json()},
                     {"set_on", g.set_on ? json(iso_day(*g.set_on)) : json()},
                     {"ratings", g.ratings}});
  json phase;
  if (r.phase)
    phase = {{"weeks", std::to_string(r.phase->first_week) + "-" + std::to_string(r.phase->last_week)},
             {"title", r.phase->title},
             {"asks", r.phase->asks}};
  json doc = {{"week", r.w.label},
              {"from", iso_day(r.w.monday)},
              {"to", iso_day(r.w.sunday)},
              {"plan", {{"start", iso_day(r.plan_start)}, {"week", r.plan_week}, {"phase", phase}}},
              {"goals", goals}};
  const json current = figures(r.current);
  for (const auto& [key, value] : current.items()) doc[key] = value;
  doc["micro_wins"] = r.micro_wins;
  doc["redacted"] = r.redacted;
  doc["previous"] = figures(r.previous);
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace rebuild
