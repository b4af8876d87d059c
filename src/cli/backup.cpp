// rebuild backup DEST [--encrypt [--passphrase-fd N]]
#include <fmt/format.h>

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

namespace rebuild::cli {
namespace {

namespace fs = std::filesystem;

struct backup_options {
  std::string dest;
  bool encrypt = false;
  passphrase_source source;
};

/// A folder gets a copy named for the local time, so that a daily job keeps every day's; an
/// encrypted one ends in .db.enc, as it is no journal until `restore` opens it.
fs::path backup_path(context& ctx, const fs::path& dest, bool encrypt) {
  std::error_code ec;
  if (!fs::is_directory(dest, ec)) return dest;
  const minutes_t time = ctx.now().time_of_day();
  return dest / fmt::format("rebuild-{}-{}.db{}", iso_day(ctx.now().today()),
                            hh_mm(time).erase(2, 1), encrypt ? ".enc" : "");
}

std::string size_text(std::uintmax_t bytes) {
  if (bytes >= 1000 * 1000) return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6);
  return fmt::format("{} kB", (bytes + 999) / 1000);
}

/// The backup made as a plain one is, in a private scratch folder beside the journal (never
/// beside `dest`, which may be a USB stick), then sealed from there into `dest`. The folder,
/// and the plain copy in it, go on every way out.
backup_made sealed_backup(context& ctx, journal& j, const fs::path& dest,
                          const passphrase_source& source) {
  check_backup_dest(dest);  // before the passphrase is asked for
  std::string passphrase = read_new_file_passphrase(ctx, source, "A passphrase for the backup:");
  try {
    temp_folder scratch(temp_beside(j.path(), "scratch"));
    const fs::path plain = scratch.file("backup.db");
    backup_made made = backup_journal(j, plain);
    made.bytes = seal_backup(plain, dest, passphrase, crypto::interactive());
    crypto::wipe(passphrase);
    return made;
  } catch (...) {
    crypto::wipe(passphrase);
    throw;
  }
}

void run_backup(context& ctx, const backup_options& o) {
  auto& j = ctx.journal();
  const fs::path dest = backup_path(ctx, o.dest, o.encrypt);
  std::error_code ec;
  if (fs::equivalent(dest, j.path(), ec))
    throw cant_create_error(fmt::format(
        "{} is the journal itself; back it up to a new file, or a folder", dest.string()));
  const backup_made made =
      o.encrypt ? sealed_backup(ctx, j, dest, o.source) : backup_journal(j, dest);
  if (ctx.globals.json)
    return print_json({{"backup", fs::absolute(dest).string()},
                       {"journal", fs::absolute(j.path()).string()},
                       {"bytes", made.bytes},
                       {"entries", made.entries},
                       {"encrypted", o.encrypt}});
  const std::string entries = fmt::format(
      "{} {}, {}", made.entries, made.entries == 1 ? "entry" : "entries", size_text(made.bytes));
  if (o.encrypt)
    fmt::print(
        "Backed up the journal to {}, encrypted with the passphrase you gave: {}. "
        "Nobody, rebuild included, can open it without that passphrase, so keep it "
        "somewhere safe.\n",
        dest.string(), entries);
  else
    fmt::print("Backed up the journal to {}: {}, readable by you only.\n", dest.string(), entries);
  const std::string where =
      ctx.globals.journal.empty() ? std::string() : " --journal " + j.path().string();
  fmt::print("To put it back later, run: rebuild restore{} {}{}\n", where, dest.string(),
             o.encrypt ? " (it asks for the passphrase)" : "");
}

}  // namespace

void setup_backup(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<backup_options>();
  CLI::App* sub = add_command(
      app, "backup",
      "A checked copy of the whole journal, made safely while partners may be writing",
      "  rebuild backup ~/private/rebuild-backup.db\n"
      "  rebuild backup /media/usb/rebuild/      (a folder: rebuild-YYYY-MM-DD-HHMM.db in it)\n"
      "  rebuild backup /media/usb/rebuild/ --encrypt   (asks for a passphrase, twice)\n");
  sub->add_option("dest", o->dest,
                  "a new file to write (never an existing one), or a folder to put a dated "
                  "copy in")
      ->required()
      ->type_name("DEST");
  add_encrypt_flags(sub, o->encrypt, o->source,
                    "seal the copy under a passphrase of its own (in a folder: "
                    "rebuild-YYYY-MM-DD-HHMM.db.enc)");
  commands.push_back({sub, [&ctx, o] { run_backup(ctx, *o); }});
}

}  // namespace rebuild::cli
