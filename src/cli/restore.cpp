// rebuild restore FILE [--passphrase-fd N]
#include "rebuild/restore.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "rebuild/crypto.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/sealed_files.hpp"
#include "rebuild/temp_files.hpp"
#include "shared/options.hpp"
#include "shared/passphrase_input.hpp"
#include "shared/present.hpp"
#include "shared/progress.hpp"

namespace rebuild::cli {
namespace {

namespace fs = std::filesystem;

struct restore_options {
  std::string file;
  passphrase_source source;
};

void run_restore(context& ctx, const restore_options& o) {
  auto& j = ctx.journal();
  // The backup is read through a scratch copy in a private folder beside this journal, so
  // that it is never written to (or beside); the folder goes on every way out. An encrypted
  // backup is opened into that copy, so its words are never in the open anywhere else.
  temp_folder scratch(temp_beside(j.path(), "scratch"));
  const bool sealed = is_sealed_file(o.file);
  std::string passphrase;
  if (sealed) passphrase = read_passphrase(ctx, o.source, "The backup's passphrase:", false);
  restore_made made;
  try {
    progress shown("Restoring " + o.file, "");
    made = restore_journal(
        j, o.file, scratch.file("backup.db"), ctx.now(),
        sealed ? std::optional<std::string_view>(passphrase) : std::nullopt,
        [&shown](std::int64_t done, std::int64_t total) { shown.share(done, total); });
  } catch (...) {
    crypto::wipe(passphrase);
    throw;
  }
  crypto::wipe(passphrase);
  if (ctx.globals.json)
    return print_json({{"restored", fs::absolute(o.file).string()},
                       {"journal", fs::absolute(j.path()).string()},
                       {"kept", fs::absolute(made.kept).string()},
                       {"entries", made.entries},
                       {"encrypted", sealed}});
  fmt::print("Restored the journal from {}{}: {} {}.\n", o.file, sealed ? " (encrypted)" : "",
             made.entries, made.entries == 1 ? "entry" : "entries");
  const std::string where =
      ctx.globals.journal.empty() ? std::string() : " --journal " + j.path().string();
  fmt::print("The journal as it was is kept at {}.\n", made.kept.string());
  fmt::print("To go back to it: rebuild restore{} {}\n", where, made.kept.string());
}

}  // namespace

void setup_restore(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<restore_options>();
  CLI::App* sub =
      add_command(app, "restore",
                  "Put a backup in place of the journal, keeping the journal as it was beside it",
                  "  rebuild restore ~/private/rebuild-backup.db\n"
                  "  rebuild restore /media/usb/rebuild/rebuild-2026-03-04-0800.db\n"
                  "  rebuild restore /media/usb/rebuild/rebuild-2026-03-04-0800.db.enc   (asks "
                  "for its passphrase)\n");
  sub->add_option("file", o->file,
                  "a backup that rebuild backup made (read, never written); checked before "
                  "anything changes")
      ->required()
      ->type_name("FILE");
  add_passphrase_fd(sub, o->source, "passphrase-fd",
                    "for an encrypted backup, read its passphrase from this file descriptor (its "
                    "first line)");
  commands.push_back({sub, [&ctx, o] { run_restore(ctx, *o); }});
}

}  // namespace rebuild::cli
