// rebuild show ID
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"

namespace rebuild::cli {

void setup_show(CLI::App& app, context& ctx, command_list& commands) {
  auto id = std::make_shared<std::string>();
  auto privately = std::make_shared<private_read_options>();
  CLI::App* sub = add_command(app, "show", "One entry in full",
                              "  rebuild show 3f2a91c0\n"
                              "  rebuild show 3f2a --json\n"
                              "  rebuild show 3f2a --private     (one of your private entries)\n");
  sub->add_option("id", *id, "the entry's id, or a unique start of it (4 or more characters)")
      ->required()
      ->type_name("ID");
  privately->add_to(sub);
  commands.push_back({sub, [&ctx, id, privately] {
                        privately->reveal(ctx);
                        const entry e = find_entry(ctx.journal(), *id);
                        if (ctx.globals.json)
                          print_json(entry_json(e));
                        else
                          print_entry(e, ctx.color());
                      }});
}

}  // namespace rebuild::cli
