// The quarterly review (000, "keep doing what worked": "Set a quarterly relationship review"),
// answered by each partner: its rounds, and when the next is due.
#include <algorithm>

#include "rebuild/practices.hpp"

namespace rebuild {

const entry* review_round::voice_of(std::int64_t partner_id) const {
  for (const auto& v : voices)
    if (v.author.id == partner_id) return &v;
  return nullptr;
}

std::vector<review_round> review_rounds(journal& j, std::optional<days_t> until) {
  std::vector<review_round> out;
  for (auto& r : entries_of_kind(j, "review")) {  // oldest first
    if (until && r.day > *until) continue;
    if (out.empty() || r.day >= out.back().opened + date::days{review_days})
      out.push_back({r.day, {}});
    auto& voices = out.back().voices;
    voices.erase(std::remove_if(voices.begin(), voices.end(),
                                [&](const entry& v) { return v.author.id == r.author.id; }),
                 voices.end());
    voices.push_back(std::move(r));
  }
  return out;
}

std::optional<entry> last_review(journal& j, std::optional<days_t> until) {
  auto all = entries_of_kind(j, "review");
  if (until)
    all.erase(std::remove_if(all.begin(), all.end(),
                             [&](const entry& e) { return e.day > *until; }),
              all.end());
  if (all.empty()) return std::nullopt;
  return all.back();
}

days_t review_due(journal& j, std::optional<days_t> until) {
  const auto rounds = review_rounds(j, until);
  return (rounds.empty() ? plan_start(j) : rounds.back().opened) + date::days{review_days};
}

bool review_due_for(journal& j, const partner& p, days_t today) {
  const auto rounds = review_rounds(j, today);
  const days_t next = (rounds.empty() ? plan_start(j) : rounds.back().opened) +
                      date::days{review_days};
  if (next <= today) return true;
  return !rounds.empty() && rounds.back().voice_of(p.id) == nullptr;
}

}  // namespace rebuild
