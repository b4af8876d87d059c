// rebuild help [COMMAND...]: the same as `rebuild COMMAND... --help`, as git and cargo read it.
// main.cpp turns `help X Y` into `X Y --help` before parsing (and checks each word names a
// command); this subcommand is what --help and completion list, and what `help help` shows.
#include <fmt/format.h>

#include "commands.hpp"
#include "shared/options.hpp"

namespace rebuild::cli {

void setup_help(CLI::App& app, context& /*ctx*/, command_list& commands) {
  auto words = std::make_shared<std::vector<std::string>>();
  CLI::App* sub = add_command(app, "help", "A command's flags and examples: help [COMMAND...]",
                              "  rebuild help checkin\n"
                              "  rebuild help stage window\n");
  sub->add_option("command", *words, "a command, and any of its subcommands")
      ->type_name("COMMAND...");
  // Reached only as `rebuild help` with nothing main.cpp turned into --help: the overview.
  CLI::App* root = &app;
  commands.push_back({sub, [root] { fmt::print("{}", root->help()); }});
}

}  // namespace rebuild::cli
