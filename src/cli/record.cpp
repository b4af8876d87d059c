#include "record.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "present.hpp"

namespace rebuild::cli {

added record_entry(context& ctx, const kind_spec& kind, const partner& author, const when& at,
                   const field_values& fields) {
  auto& j = ctx.journal();
  write_transaction txn(j);
  added result = add_entry(j, kind, author, at, fields, ctx.now());
  txn.commit();
  return result;
}

void print_recorded(context& ctx, const added& result, const std::string& extra) {
  if (ctx.globals.json) {
    print_json({{"entry", entry_json(result.item)},
                {"replaced", result.replaced ? entry_json(*result.replaced)
                                             : nlohmann::ordered_json()}});
    return;
  }
  if (result.replaced)
    fmt::print("This replaces the {} you wrote for {} ({}).\n", result.replaced->kind->label,
               when_text(*result.replaced), summary(*result.replaced));
  const entry& e = result.item;
  const std::string figures = summary(e);
  fmt::print("Saved {} {} for {}, {}{}.\n", e.kind->label,
             paint(e.short_id(), fmt::fg(fmt::terminal_color::yellow), ctx.color()), e.author.name,
             when_text(e), figures.empty() ? "" : ": " + figures);
  if (!extra.empty()) fmt::print("{}\n", extra);
}

}  // namespace rebuild::cli
