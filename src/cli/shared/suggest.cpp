#include "suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace rebuild::cli {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

/// Edits from `a` to `b`, a swap of two neighbours counting as one (optimal string alignment).
std::size_t distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t k = 0; k <= m; ++k) d[0][k] = k;
  for (std::size_t i = 1; i <= n; ++i)
    for (std::size_t k = 1; k <= m; ++k) {
      const std::size_t cost = lower(a[i - 1]) == lower(b[k - 1]) ? 0 : 1;
      d[i][k] = std::min({d[i - 1][k] + 1, d[i][k - 1] + 1, d[i - 1][k - 1] + cost});
      if (i > 1 && k > 1 && lower(a[i - 1]) == lower(b[k - 2]) &&
          lower(a[i - 2]) == lower(b[k - 1]))
        d[i][k] = std::min(d[i][k], d[i - 2][k - 2] + 1);
    }
  return d[n][m];
}

}  // namespace

std::optional<std::string> closest_name(std::string_view typed,
                                        const std::vector<std::string>& names) {
  if (typed.empty() || typed.size() > 64) return std::nullopt;
  std::optional<std::string> best;
  std::size_t best_distance = 3;
  bool tie = false;
  for (const auto& name : names) {
    const std::size_t d = distance(typed, name);
    if (d < best_distance) {
      best = name;
      best_distance = d;
      tie = false;
    } else if (d == best_distance && best) {
      tie = true;
    }
  }
  if (!best || tie || best_distance == 0 || best_distance * 2 >= typed.size()) return std::nullopt;
  return best;
}

std::string did_you_mean(std::string_view typed, const std::vector<std::string>& names) {
  const auto near = closest_name(typed, names);
  return near ? fmt::format(" did you mean '{}'?", *near) : std::string();
}

}  // namespace rebuild::cli
