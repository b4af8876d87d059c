// rebuild delete ID
#include <fmt/format.h>

#include "commands.hpp"
#include "options.hpp"
#include "present.hpp"

#include <nlohmann/json.hpp>

namespace rebuild::cli {

void setup_delete(CLI::App& app, context& ctx, command_list& commands) {
  auto id = std::make_shared<std::string>();
  CLI::App* sub = add_command(app, "delete",
                              "Delete an entry you wrote (kept as a tombstone; undo brings it back)",
                              "  rebuild delete 3f2a91c0\n");
  sub->add_option("id", *id, "the entry's id, or a unique start of it")
      ->required()
      ->type_name("ID");
  commands.push_back({sub, [&ctx, id] {
                        auto& j = ctx.journal();
                        const entry e = find_entry(j, *id);
                        const partner who = ctx.writer();
                        write_transaction txn(j);
                        delete_entry(j, e, who, ctx.now());
                        txn.commit();
                        if (ctx.globals.json) return print_json(entry_json(get_entry(j, e.id)));
                        fmt::print("Deleted {} {} of {}. 'rebuild undo' brings it back.\n",
                                   e.kind->label,
                                   paint(e.short_id(), fmt::fg(fmt::terminal_color::yellow),
                                         ctx.color()),
                                   when_text(e));
                      }});
}

}  // namespace rebuild::cli
