#pragma once
// Folding another copy of the journal in, by UUID: what `import` and `merge` share. They
// differ only in where the other copy's partners and entries come from.
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "context.hpp"
#include "rebuild/fold.hpp"

namespace rebuild::cli {

class fold {
 public:
  explicit fold(context& ctx) : ctx_(ctx) {}
  /// A partner of the other copy: found here (by UUID, else name) or added.
  void partner(const rebuild::partner& theirs);
  /// An entry of the other copy, its author and partner fields naming the other copy's
  /// partners (each given to partner() before).
  void entry(rebuild::entry e);
  /// A setting of the other copy was taken (import), which changes the journal too.
  void setting_taken() { ++settings_taken_; }
  /// What is folded in came through `sync` from another replica, which every replica reads
  /// for itself: it is not sent on.
  void from_replica() { counts_.pass_on = false; }
  const fold_counts& counts() const { return counts_; }
  /// What was folded in, for people or as JSON.
  void print(const std::string& source) const;
  /// What was folded in, as print() gives it with --json.
  nlohmann::ordered_json to_json(const std::string& source) const;

 private:
  context& ctx_;
  std::map<std::string, rebuild::partner> ours_;  // their partner's name, in lower case
  fold_counts counts_;
  int settings_taken_ = 0;
};

}  // namespace rebuild::cli
