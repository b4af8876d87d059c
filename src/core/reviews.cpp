// The quarterly review (000, "keep doing what worked": "Set a quarterly relationship review"),
// answered by each partner: its rounds, and when the next is due. The rounds are worked out
// from lean rows (day and author); only the answers shown are read whole.
#include <SQLiteCpp/Statement.h>

#include <algorithm>

#include "rebuild/practices.hpp"

namespace rebuild {
namespace {

struct answer {
  std::int64_t id = 0;
  days_t day;
  std::int64_t author = 0;
};

/// The live answers dated on or before `until` (every one, when unset), oldest first.
std::vector<answer> answers(journal& j, std::optional<days_t> until) {
  SQLite::Statement& st = j.statement(
      "SELECT id, day, author FROM entries WHERE kind = 'review' AND deleted = 0 AND day <= ?1 "
      "ORDER BY day, id");
  st.bind(1, iso_day(until.value_or(every_day_ever)));
  std::vector<answer> out;
  while (st.executeStep())
    out.push_back({st.getColumn(0).getInt64(), day_from_iso(st.getColumn(1).getString()),
                   st.getColumn(2).getInt64()});
  st.reset();
  return out;
}

struct round_shape {
  days_t opened;
  std::vector<answer> voices;  // each partner's latest in the round
};

/// A round opens with its first answer and takes every answer of the 90 days after it; a
/// partner's later answer in a round stands in for their earlier one.
std::vector<round_shape> shapes(const std::vector<answer>& all) {
  std::vector<round_shape> out;
  for (const auto& a : all) {
    if (out.empty() || a.day >= out.back().opened + date::days{review_days})
      out.push_back({a.day, {}});
    auto& voices = out.back().voices;
    voices.erase(std::remove_if(voices.begin(), voices.end(),
                                [&](const answer& v) { return v.author == a.author; }),
                 voices.end());
    voices.push_back(a);
  }
  return out;
}

review_round whole(journal& j, const round_shape& s) {
  review_round r{s.opened, {}};
  for (const auto& v : s.voices) r.voices.push_back(get_entry(j, v.id));
  return r;
}

days_t next_due(journal& j, const std::vector<round_shape>& rounds) {
  return (rounds.empty() ? plan_start(j) : rounds.back().opened) + date::days{review_days};
}

}  // namespace

const entry* review_round::voice_of(std::int64_t partner_id) const {
  for (const auto& v : voices)
    if (v.author.id == partner_id) return &v;
  return nullptr;
}

std::vector<review_round> review_rounds(journal& j, std::optional<days_t> until) {
  std::vector<review_round> out;
  for (const auto& s : shapes(answers(j, until))) out.push_back(whole(j, s));
  return out;
}

std::optional<review_round> latest_review_round(journal& j, days_t until) {
  const auto rounds = shapes(answers(j, until));
  if (rounds.empty()) return std::nullopt;
  return whole(j, rounds.back());
}

std::optional<entry> last_review(journal& j, std::optional<days_t> until) {
  const auto all = answers(j, until);
  if (all.empty()) return std::nullopt;
  return get_entry(j, all.back().id);
}

days_t review_due(journal& j, std::optional<days_t> until) {
  return next_due(j, shapes(answers(j, until)));
}

bool review_standing::due_for(std::int64_t partner_id, days_t today) const {
  if (next_due <= today) return true;
  return latest && latest->voice_of(partner_id) == nullptr;
}

review_standing review_standing_on(journal& j, days_t today) {
  const auto rounds = shapes(answers(j, today));
  review_standing out{std::nullopt, next_due(j, rounds)};
  if (!rounds.empty()) out.latest = whole(j, rounds.back());
  return out;
}

bool review_due_for(journal& j, const partner& p, days_t today) {
  return review_standing_on(j, today).due_for(p.id, today);
}

}  // namespace rebuild
