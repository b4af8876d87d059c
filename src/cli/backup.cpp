// rebuild backup DEST
#include <fmt/format.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"
#include "rebuild/errors.hpp"

namespace rebuild::cli {
namespace {

namespace fs = std::filesystem;

/// A folder gets a copy named for the local time, so that a daily job keeps every day's.
fs::path backup_path(context& ctx, const fs::path& dest) {
  std::error_code ec;
  if (!fs::is_directory(dest, ec)) return dest;
  const minutes_t time = ctx.now().time_of_day();
  return dest / fmt::format("rebuild-{}-{}.db", iso_day(ctx.now().today()),
                            hh_mm(time).erase(2, 1));
}

std::string size_text(std::uintmax_t bytes) {
  if (bytes >= 1000 * 1000) return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6);
  return fmt::format("{} kB", (bytes + 999) / 1000);
}

void run_backup(context& ctx, const std::string& dest_flag) {
  auto& j = ctx.journal();
  const fs::path dest = backup_path(ctx, dest_flag);
  std::error_code ec;
  if (fs::equivalent(dest, j.path(), ec))
    throw cant_create_error(fmt::format(
        "{} is the journal itself; back it up to a new file, or a folder", dest.string()));
  const backup_made made = backup_journal(j, dest);
  if (ctx.globals.json)
    return print_json({{"backup", fs::absolute(dest).string()},
                       {"journal", fs::absolute(j.path()).string()},
                       {"bytes", made.bytes},
                       {"entries", made.entries}});
  fmt::print("Backed up the journal to {}: {} {}, {}, readable by you only.\n", dest.string(),
             made.entries, made.entries == 1 ? "entry" : "entries", size_text(made.bytes));
  const std::string where =
      ctx.globals.journal.empty() ? std::string() : " --journal " + j.path().string();
  fmt::print("To put it back later, run: rebuild restore{} {}\n", where, dest.string());
}

}  // namespace

void setup_backup(CLI::App& app, context& ctx, command_list& commands) {
  auto dest = std::make_shared<std::string>();
  CLI::App* sub = add_command(
      app, "backup",
      "A checked copy of the whole journal, made safely while partners may be writing",
      "  rebuild backup ~/private/rebuild-backup.db\n"
      "  rebuild backup /media/usb/rebuild/      (a folder: rebuild-YYYY-MM-DD-HHMM.db in it)\n");
  sub->add_option("dest", *dest,
                  "a new file to write (never an existing one), or a folder to put a dated "
                  "copy in")
      ->required()
      ->type_name("DEST");
  commands.push_back({sub, [&ctx, dest] { run_backup(ctx, *dest); }});
}

}  // namespace rebuild::cli
