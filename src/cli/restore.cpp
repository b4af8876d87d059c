// rebuild restore FILE
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/restore.hpp"
#include "rebuild/temp_files.hpp"

namespace rebuild::cli {
namespace {

namespace fs = std::filesystem;

void run_restore(context& ctx, const std::string& file) {
  auto& j = ctx.journal();
  // The backup is read through a scratch copy in a private folder beside this journal, so
  // that it is never written to (or beside); the folder goes on every way out.
  temp_folder scratch(temp_beside(j.path(), "scratch"));
  const restore_made made = restore_journal(j, file, scratch.file("backup.db"), ctx.now());
  if (ctx.globals.json)
    return print_json({{"restored", fs::absolute(file).string()},
                       {"journal", fs::absolute(j.path()).string()},
                       {"kept", fs::absolute(made.kept).string()},
                       {"entries", made.entries}});
  fmt::print("Restored the journal from {}: {} {}.\n", file, made.entries,
             made.entries == 1 ? "entry" : "entries");
  const std::string where =
      ctx.globals.journal.empty() ? std::string() : " --journal " + j.path().string();
  fmt::print("The journal as it was is kept at {}.\n", made.kept.string());
  fmt::print("To go back to it: rebuild restore{} {}\n", where, made.kept.string());
}

}  // namespace

void setup_restore(CLI::App& app, context& ctx, command_list& commands) {
  auto file = std::make_shared<std::string>();
  CLI::App* sub =
      add_command(app, "restore",
                  "Put a backup in place of the journal, keeping the journal as it was beside it",
                  "  rebuild restore ~/private/rebuild-backup.db\n"
                  "  rebuild restore /media/usb/rebuild/rebuild-2026-03-04-0800.db\n");
  sub->add_option("file", *file,
                  "a backup that rebuild backup made (read, never written); checked before "
                  "anything changes")
      ->required()
      ->type_name("FILE");
  commands.push_back({sub, [&ctx, file] { run_restore(ctx, *file); }});
}

}  // namespace rebuild::cli
