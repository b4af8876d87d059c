// rebuild sync init [--secret-fd N] · rebuild sync DIR
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "commands.hpp"
#include "rebuild/change_log.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/practices.hpp"
#include "rebuild/secret_words.hpp"
#include "rebuild/sync_exchange.hpp"
#include "rebuild/sync_folder.hpp"
#include "shared/fold.hpp"
#include "shared/options.hpp"
#include "shared/passphrase_input.hpp"
#include "shared/present.hpp"
#include "shared/progress.hpp"

namespace rebuild::cli {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

/// Everything a descriptor holds, up to 4 KiB (the secret's words, typed or piped).
/// Read into the string itself, so that no copy of the words is left behind to wipe.
std::string read_all(int fd) {
  std::string text(4096, '\0');
  std::size_t got = 0;
  while (got < text.size()) {
    const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      crypto::wipe(text);
      throw usage_error(
          fmt::format("cannot read the secret from descriptor {}: {}", fd, std::strerror(errno)));
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  text.resize(got);  // what lies past it was never written: the caller wipes all it read
  return text;
}

struct init_options {
  passphrase_source secret;
};

void run_init(context& ctx, const init_options& o) {
  auto& j = ctx.journal();
  sync_secret secret{};
  const bool entered = o.secret.flag != nullptr && o.secret.flag->count() > 0;
  if (entered) {
    std::string words = read_all(o.secret.fd);
    try {
      secret = secret_of_words(words);
    } catch (...) {
      crypto::wipe(words);
      throw;
    }
    crypto::wipe(words);
  } else {
    std::optional<crypto::key> have;
    try {
      have = stored_sync_secret(j);
    } catch (const data_error&) {
      // A copy without this device's key: a new secret is the user's to make.
    }
    if (have)
      throw data_error(fmt::format(
          "this journal already syncs (replica {}); its secret was shown when it was made. On "
          "the other device, enter it with 'rebuild sync init --secret-fd N'",
          replica_id(j)));
    secret = new_sync_secret();
  }
  write_transaction txn(j);
  init_sync(j, secret, entered);
  txn.commit();
  const std::string replica = replica_id(j);
  if (entered) {
    wipe(secret);
    if (ctx.globals.json) return print_json({{"replica", replica}});
    fmt::print(
        "This journal now syncs with the secret you entered (replica {}).\n"
        "Run 'rebuild sync DIR' here, with DIR the folder the devices share.\n",
        replica);
    return;
  }
  std::string words = words_of_secret(secret);
  wipe(secret);
  if (ctx.globals.json) {
    print_json({{"secret", words}});
    crypto::wipe(words);
    return;
  }
  // Six words a line, to copy by hand.
  std::istringstream in(words);
  std::string word, lines;
  int n = 0;
  while (in >> word) lines += (n++ % 6 == 0 ? (n == 1 ? "  " : "\n  ") : " ") + word;
  crypto::wipe(words);
  fmt::print(
      "This journal now syncs (replica {}). The couple's sync secret, shown this once:\n\n"
      "{}\n\n"
      "On the other device, after 'rebuild init' there, enter it:\n"
      "  rebuild sync init --secret-fd 0     (type the words, then Ctrl-D)\n"
      "Then run 'rebuild sync DIR' on each, with DIR the folder the devices share.\n",
      replica, lines);
  crypto::wipe(lines);
}

void run_sync(context& ctx, const std::string& dir_text) {
  auto& j = ctx.journal();
  const fs::path dir(dir_text);
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw io_error(
        fmt::format("there is no folder at {}; make it, or give the folder your "
                    "devices share (through Syncthing, say)",
                    dir_text));
  const auto secret = stored_sync_secret(j);
  if (!secret)
    throw data_error(
        "this journal does not sync yet: run 'rebuild sync init' on one device, "
        "and 'rebuild sync init --secret-fd N' with its words on the other");
  rebuild::sync::shared_folder shared(dir, keys_of(*secret));
  fold folding(ctx);
  std::optional<progress> shown(std::in_place, "Syncing with " + dir_text, "changes read");
  folding.on_entry([&shown](std::size_t n) { shown->tick(n); });
  const rebuild::sync::outcome out = rebuild::sync::run(j, ctx.now(), shared, folding);
  shown.reset();  // the line gone before anything else is printed

  const fold_counts& c = folding.counts();
  for (const auto& s : out.skipped)
    fmt::print(stderr, "rebuild: warning: skipped {}: {}; it will be read at a later sync\n",
               s.file, s.why);
  if (out.not_compacted)
    fmt::print(stderr,
               "rebuild: warning: this device's older files were not folded into a snapshot "
               "({}); they stay as they are, and it is tried again at the next sync\n",
               *out.not_compacted);
  // Said last, after what was done, so that cron's mail shows both.
  const auto fail_if_lasting = [&] {
    if (out.not_sent)
      throw io_error(
          fmt::format("{}; what changed here was not sent, and goes at the next sync "
                      "that can write to {}",
                      *out.not_sent, dir_text));
    const auto& lasting = out.lasting;
    if (lasting.empty()) return;
    throw io_error(fmt::format(
        "{}{}, since the sync before this one; if it was made on your other device, run "
        "'rebuild sync {}' there (it sends what is missing again); otherwise remove the file",
        lasting.front(),
        lasting.size() > 1 ? fmt::format(" (and {} more problem{})", lasting.size() - 1,
                                         lasting.size() == 2 ? "" : "s")
                           : "",
        dir_text));
  };
  if (ctx.globals.json) {
    json skipped = json::array();
    for (const auto& s : out.skipped) skipped.push_back({{"file", s.file}, {"why", s.why}});
    json doc = {{"dir", dir_text},
                {"replica", out.replica},
                {"sent", out.sent},
                {"files_written", out.files_written},
                {"files_read", out.files_read},
                {"added", c.added},
                {"updated", c.updated},
                {"already_here", c.same},
                {"replaced", c.replaced},
                {"kept_aside", c.kept_aside},
                {"refused", c.refused},
                {"not_taken", out.not_taken},
                {"settings_sent", out.settings_sent},
                {"settings_taken", out.settings_taken},
                {"skipped", skipped}};
    json ahead = json::array();
    for (const auto& [replica, ms] : out.clocks_ahead)
      ahead.push_back({{"replica", replica}, {"days", ms / 86'400'000}});
    doc["clocks_ahead"] = ahead;
    doc["changes"] = folding.to_json(dir_text)["changes"];
    doc["files_resent"] = out.files_resent;
    doc["files_compacted"] = out.files_compacted;
    doc["snapshot_remade"] = out.snapshot_remade;
    doc["new_replica"] = out.new_replica.empty() ? json() : json(out.new_replica);
    json problems = json::array();
    for (const auto& p : out.problems) problems.push_back(p);
    doc["problems"] = problems;
    print_json(doc);
    return fail_if_lasting();
  }
  const auto changes = [](int n) { return fmt::format("{} {}", n, n == 1 ? "change" : "changes"); };
  const auto files = [](int n) { return fmt::format("{} {}", n, n == 1 ? "file" : "files"); };
  std::string line = fmt::format("Synced with {}: ", dir_text);
  const std::string settings_sent =
      out.settings_sent > 0
          ? fmt::format("{} setting{}", out.settings_sent, out.settings_sent == 1 ? "" : "s")
          : std::string();
  line += out.files_written > 0
              ? fmt::format("sent {} ({})",
                            out.sent > 0 && !settings_sent.empty()
                                ? changes(out.sent) + " and " + settings_sent
                                : (out.sent > 0 ? changes(out.sent) : settings_sent),
                            files(out.files_written))
              : std::string("nothing to send");
  if (out.files_read > 0)
    line += fmt::format("; took in {}: {} added, {} updated, {} already here{}",
                        files(out.files_read), c.added, c.updated, c.same,
                        out.settings_taken > 0 ? fmt::format(", {} setting{}", out.settings_taken,
                                                             out.settings_taken == 1 ? "" : "s")
                                               : std::string());
  else
    line += "; nothing new from the other device";
  fmt::print("{}.\n", line);
  if (c.kept_aside > 0)
    fmt::print(
        "{} kept aside, changed on two devices at once: see 'rebuild conflicts'.\n",
        c.kept_aside == 1 ? std::string("1 version") : fmt::format("{} versions", c.kept_aside));
  for (const auto& change : c.changes) {
    const std::string who = fmt::format(
        "{} {}{} (id {}) of {}", whose(*change.kind, change.author, true), change.kind->label,
        change.name.empty() ? std::string() : fmt::format(" '{}'", change.name),
        change.uuid.substr(0, 8), human_day(change.day));
    if (change.happened == fold_change::what::kept_aside)
      fmt::print(
          "{} was changed on two devices at once: one version is kept, the other set "
          "aside ('rebuild conflicts {}').\n",
          who, change.uuid.substr(0, 8));
    else if (change.happened == fold_change::what::refused)
      fmt::print(
          "{}: a change from another device, not made by {}, was refused; only an "
          "entry's author changes it.\n",
          who, change.author);
    else if (change.happened == fold_change::what::renamed)
      fmt::print(
          "{} {} '{}' (id {}) is now '{}': the other device added one of the same name "
          "(the one added first keeps it).\n",
          whose(*change.kind, change.author, true), change.kind->label,
          change.name.substr(0, change.name.rfind(" (")), change.uuid.substr(0, 8), change.name);
    else if (change.happened == fold_change::what::replaced ||
             change.happened == fold_change::what::gave_way)
      fmt::print(
          "{} is set aside, not lost: another of its {} stands ('rebuild conflicts {}' "
          "shows both).\n",
          who, change.kind->once == once_per::week ? "week" : "day", change.uuid.substr(0, 8));
  }
  for (const auto& l : out.not_taken_lines) fmt::print("{}\n", l);
  if (out.files_resent > 0)
    fmt::print("{} of this device's files in {} {} missing or damaged: {} changes went again.\n",
               out.files_resent, dir_text, out.files_resent == 1 ? "was" : "were",
               out.files_resent == 1 ? "its" : "their");
  if (out.snapshot_remade)
    fmt::print(
        "This device's snapshot in {} (its older files folded into one) was missing or "
        "damaged: it is made again, nothing lost.\n",
        dir_text);
  else if (out.files_compacted > 0)
    fmt::print(
        "{} older files of this device's, read on every device, are folded into one snapshot "
        "in {}.\n",
        out.files_compacted, dir_text);
  if (!out.new_replica.empty())
    fmt::print(
        "Another copy of this journal was writing to {} under this device's id ({}): this "
        "one is now replica {}, and sent everything again under it. Nothing is lost.\n",
        dir_text, out.old_replica, out.new_replica);
  for (const auto& [replica, ahead] : out.clocks_ahead)
    fmt::print(
        "The device of replica {} has a clock about {} day{} ahead of this one's; changes "
        "still order right, but its dates are off: set its clock.\n",
        replica, ahead / 86'400'000, ahead / 86'400'000 == 1 ? "" : "s");
  fail_if_lasting();
}

}  // namespace

void setup_sync(CLI::App& app, context& ctx, command_list& commands) {
  auto dir = std::make_shared<std::string>();
  CLI::App* sub = add_command(
      app, "sync",
      "Sync with your other device through a folder that Syncthing (or any sync engine) carries",
      "  rebuild sync init                       (once, on the first device: shows the secret)\n"
      "  rebuild sync init --secret-fd 0         (on the other device: type the words)\n"
      "  rebuild sync ~/Sync/rebuild             (on each, now and then; cron can run it)\n");
  sub->add_option("dir", *dir, "the folder the devices share (each writes only its own files)")
      ->type_name("DIR");
  commands.push_back({sub, [&ctx, dir] {
                        if (dir->empty())
                          throw usage_error(
                              "sync needs a folder: 'rebuild sync DIR', or 'rebuild sync init'");
                        run_sync(ctx, *dir);
                      }});
  auto o = std::make_shared<init_options>();
  CLI::App* init = add_command(
      *sub, "init",
      "Make the couple's sync secret (shown once, as words), or enter the other device's", "");
  add_passphrase_fd(init, o->secret, "secret-fd",
                    "read the secret's words (from the other device) from this file descriptor");
  commands.push_back({init, [&ctx, o] { run_init(ctx, *o); }});
}

}  // namespace rebuild::cli
