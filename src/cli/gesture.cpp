// rebuild gesture S [--date D] [--time HH:MM]
#include "commands.hpp"
#include "shared/options.hpp"
#include "shared/record.hpp"

namespace rebuild::cli {

void setup_gesture(CLI::App& app, context& ctx, command_list& commands) {
  CLI::App* sub = add_command(app, "gesture", "An affectionate gesture you made",
                              "  rebuild gesture \"Left a note in her coat pocket\"\n"
                              "  rebuild gesture \"Long hug after work\" --time 18:40\n"
                              "  rebuild gesture -        (reads the words from stdin)\n"
                              "  rebuild gesture          (writes them in $VISUAL or $EDITOR)\n");
  bind_text_entry(sub, ctx, commands, {"gesture", "what you did", "it happened"});
}

}  // namespace rebuild::cli
