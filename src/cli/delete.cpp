// rebuild delete ID
#include <fmt/format.h>

#include "commands.hpp"
#include "rebuild/errors.hpp"
#include "shared/options.hpp"
#include "shared/record.hpp"

namespace rebuild::cli {

void setup_delete(CLI::App& app, context& ctx, command_list& commands) {
  auto id = std::make_shared<std::string>();
  auto mine = std::make_shared<bool>(false);
  CLI::App* sub = add_command(
      app, "delete", "Delete an entry you wrote (kept as a tombstone; undo brings it back)",
      "  rebuild delete 3f2a91c0\n"
      "  rebuild delete 5c0d --private   (a private entry of yours)\n");
  sub->add_option("id", *id, "the entry's id, or a unique start of it")
      ->required()
      ->type_name("ID");
  sub->add_flag("--private", *mine, "one of your private entries (its words are not needed)");
  commands.push_back({sub, [&ctx, id, mine] {
                        std::optional<std::int64_t> private_of;
                        if (*mine) private_of = ctx.writer().id;
                        const entry e = find_entry(ctx.journal(), *id, private_of);
                        if (e.deleted)
                          throw data_error(
                              fmt::format("{} {} is already deleted", e.kind->label, e.short_id()));
                        remove_entry(ctx, e);
                      }});
}

}  // namespace rebuild::cli
