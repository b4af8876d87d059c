// rebuild undo
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "options.hpp"
#include "present.hpp"

namespace rebuild::cli {
namespace {

std::string described(const entry& e, bool color) {
  const std::string figures = summary(e);
  return fmt::format("{} {} of {}{}", e.kind->label,
                     paint(e.short_id(), fmt::fg(fmt::terminal_color::yellow), color),
                     when_text(e), figures.empty() ? "" : " (" + figures + ")");
}

void run_undo(context& ctx) {
  auto& j = ctx.journal();
  const partner who = ctx.writer();
  write_transaction txn(j);
  const auto result = undo_last(j, who, ctx.now());
  txn.commit();
  if (ctx.globals.json) {
    nlohmann::ordered_json doc = {{"undone", result ? nlohmann::ordered_json(result->action)
                                                    : nlohmann::ordered_json()}};
    doc["entry"] = result ? entry_json(result->item) : nlohmann::ordered_json();
    doc["restored"] = result && result->restored ? entry_json(*result->restored)
                                                 : nlohmann::ordered_json();
    return print_json(doc);
  }
  if (!result) {
    fmt::print("Nothing of {}'s to undo.\n", who.name);
    return;
  }
  const bool color = ctx.color();
  if (result->action == "add")
    fmt::print("Undid the {}.\n", described(result->item, color));
  else if (result->action == "edit")
    fmt::print("Undid the edit; the {} is back as it was.\n", described(result->item, color));
  else
    fmt::print("Brought back the {}, deleted before.\n", described(result->item, color));
  if (result->restored)
    fmt::print("The {} it had replaced is back.\n", described(*result->restored, color));
}

}  // namespace

void setup_undo(CLI::App& app, context& ctx, command_list& commands) {
  CLI::App* sub = add_command(app, "undo",
                              "Revert your most recent change: an entry added, edited or deleted",
                              "  rebuild undo\n"
                              "  rebuild undo --as Sam\n");
  commands.push_back({sub, [&ctx] { run_undo(ctx); }});
}

}  // namespace rebuild::cli
