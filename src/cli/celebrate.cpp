// rebuild celebrate S [--date D] [--time HH:MM]
// "Celebrate at least one change you can feel, even if small" (000, the roadmap's weeks 7-8).
#include "commands.hpp"
#include "shared/options.hpp"
#include "shared/record.hpp"

namespace rebuild::cli {

void setup_celebrate(CLI::App& app, context& ctx, command_list& commands) {
  CLI::App* sub = add_command(app, "celebrate", "A change worth celebrating",
                              "  rebuild celebrate \"We talked about us for an hour on Sunday\"\n"
                              "  rebuild celebrate \"First walk without phones\" --date sat\n");
  bind_text_entry(sub, ctx, commands,
                  {"celebration", "the change you can feel, even if small", "it happened"});
}

}  // namespace rebuild::cli
