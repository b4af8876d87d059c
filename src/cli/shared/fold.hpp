#pragma once
// Folding another copy of the journal in, by UUID: what `import` and `merge` share. They
// differ only in where the other copy's partners and entries come from.
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "context.hpp"
#include "rebuild/fold.hpp"

namespace rebuild::cli {

/// A fold (rebuild/fold.hpp) that a command prints: what was folded in, for people or as
/// JSON.
class fold : public fold_session {
 public:
  explicit fold(context& ctx) : fold_session(ctx.journal(), ctx.now()), ctx_(ctx) {}
  /// A setting of the other copy was taken (import), which changes the journal too.
  void setting_taken() { ++settings_taken_; }
  /// What was folded in, for people or as JSON.
  void print(const std::string& source) const;
  /// What was folded in, as print() gives it with --json.
  nlohmann::ordered_json to_json(const std::string& source) const;

 private:
  context& ctx_;
  int settings_taken_ = 0;
};

}  // namespace rebuild::cli
