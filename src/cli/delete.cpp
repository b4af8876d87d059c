// rebuild delete ID
#include "commands.hpp"
#include "shared/options.hpp"
#include "shared/record.hpp"
#include "rebuild/errors.hpp"

#include <fmt/format.h>

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
                        const entry e = find_entry(ctx.journal(), *id);
                        if (e.deleted)
                          throw data_error(fmt::format("{} {} is already deleted", e.kind->label,
                                                       e.short_id()));
                        remove_entry(ctx, e);
                      }});
}

}  // namespace rebuild::cli
