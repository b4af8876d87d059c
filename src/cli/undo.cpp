// rebuild undo
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "rebuild/history.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"

namespace rebuild::cli {
namespace {

std::string described(const entry& e, bool color) {
  const std::string figures = summary(e);
  return fmt::format("{} {} of {}{}", e.kind->label,
                     paint(e.short_id(), fmt::fg(fmt::terminal_color::yellow), color), when_text(e),
                     figures.empty() ? "" : " (" + figures + ")");
}

void run_undo(context& ctx) {
  auto& j = ctx.journal();
  const partner who = ctx.writer();
  write_transaction txn(j);
  const auto results = undo_last(j, who, ctx.now());
  txn.commit();
  if (ctx.globals.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& r : results)
      list.push_back(
          {{"action", r.action},
           {"entry", entry_json(r.item)},
           {"restored", r.restored ? entry_json(*r.restored) : nlohmann::ordered_json()}});
    return print_json({{"undone", list}});
  }
  if (results.empty()) {
    fmt::print("Nothing of {}'s to undo.\n", who.name);
    return;
  }
  const bool color = ctx.color();
  for (const auto& r : results) {
    // The history an edit kept (of a job, a ritual, a rule…) goes with the edit, unsaid.
    if (r.action == "add" && !r.before.kind->history_of.empty()) continue;
    if (r.action == "add")
      fmt::print("Undid the {}.\n", described(r.before, color));
    else if (r.action == "edit")
      fmt::print("Undid the edit; the {} is back as it was.\n", described(r.item, color));
    else
      fmt::print("Brought back the {}, deleted before.\n", described(r.item, color));
    if (r.restored) fmt::print("The {} it had replaced is back.\n", described(*r.restored, color));
    if (r.stands)
      fmt::print("The {}, which sync had set aside for it, stands again.\n",
                 described(*r.stands, color));
  }
}

}  // namespace

void setup_undo(CLI::App& app, context& ctx, command_list& commands) {
  CLI::App* sub =
      add_command(app, "undo", "Revert your most recent command: entries added, edited or deleted",
                  "  rebuild undo\n"
                  "  rebuild undo --as Sam\n");
  commands.push_back({sub, [&ctx] { run_undo(ctx); }});
}

}  // namespace rebuild::cli
