// rebuild sync init [--secret-fd N] · rebuild sync DIR
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "commands.hpp"
#include "shared/export_line.hpp"
#include "shared/fold.hpp"
#include "shared/options.hpp"
#include "shared/passphrase_input.hpp"
#include "shared/present.hpp"
#include "rebuild/change_log.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/practices.hpp"
#include "rebuild/secret_words.hpp"
#include "rebuild/settings.hpp"
#include "rebuild/sync_folder.hpp"
#include "rebuild/text.hpp"

namespace rebuild::cli {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

/// Entries a sync file holds at most: a first sync of ten years goes out as several files,
/// none of which needs more than a few MiB to write or read.
constexpr int entries_per_file = 4000;

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
      throw usage_error(fmt::format("cannot read the secret from descriptor {}: {}", fd,
                                    std::strerror(errno)));
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
    if (ctx.globals.json) return print_json({{"replica", replica}});
    fmt::print("This journal now syncs with the secret you entered (replica {}).\n"
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
  fmt::print("This journal now syncs (replica {}). The couple's sync secret, shown this once:\n\n"
             "{}\n\n"
             "On the other device, after 'rebuild init' there, enter it:\n"
             "  rebuild sync init --secret-fd 0     (type the words, then Ctrl-D)\n"
             "Then run 'rebuild sync DIR' on each, with DIR the folder the devices share.\n",
             replica, lines);
  crypto::wipe(lines);
}

/// A version as a sync file carries it: the entry as export writes it, with its clock
/// reading, the version it was made from and the partner who made it.
std::string sync_line(const entry& e) {
  json line = {{"type", "entry"}};
  line.update(entry_json(e));
  // (A version with no reading at all, written by hand into the journal, goes as one from
  // before sync: its updated time.)
  line["hlc"] = e.hlc.empty() ? hlc::of_updated(e.updated_utc).text() : e.hlc;
  line["base"] = e.base.empty() ? json() : json(e.base);
  line["by"] = e.changed_by.empty() ? e.author.name : e.changed_by;
  return line.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

struct skipped_file {
  std::string file;
  std::string why;
};

struct sync_outcome {
  int settings_taken = 0;
  int settings_sent = 0;
  int sent = 0;
  int files_written = 0;
  int files_read = 0;
  int not_taken = 0;
  std::vector<skipped_file> skipped;
  std::vector<std::string> not_taken_lines;
};

/// Reads one file's lines whole before anything of it is folded in: a file is taken whole or
/// not at all. Throws data_error naming the line.
std::vector<export_line> lines_of(const std::string& text) {
  // No date check against this device's clock: the other device took them, and a clock that
  // runs ahead there is what the clock readings are for.
  const days_t any_day{date::year{9000} / date::January / 1};
  std::vector<export_line> out;
  std::size_t start = 0;
  int number = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    const auto line = std::string_view(text).substr(
        start, (end == std::string::npos ? text.size() : end) - start);
    ++number;
    try {
      out.push_back(parse_export_line(line, number == 1, any_day));
    } catch (const data_error& e) {
      throw data_error(fmt::format("line {}: {}", number, e.what()));
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (out.empty() || !std::holds_alternative<export_header>(out.front()))
    throw data_error("it is empty");
  return out;
}

/// Folds in the files in `dir` not read yet, in number order: this replica's own numbered
/// from its next one (`own`: left by a sync killed before it committed, or written before this
/// journal was put back from a backup), or every other replica's.
void read_files(context& ctx, const fs::path& dir, const sync_keys& keys,
                sync_progress& progress, fold& folding, sync_outcome& out, bool own) {
  auto& j = ctx.journal();
  for (const auto& replica : replicas_in(dir)) {
    const bool mine = replica == progress.replica;
    if (mine != own) continue;
    std::int64_t next = mine ? progress.next_file : 1;
    if (!mine)
      for (const auto& [peer, n] : progress.peers)
        if (peer == replica) next = n;
    while (true) {
      const fs::path file = dir / replica / fmt::format("{}.rbx", next);
      const sync_file got = read_sync_file(dir, replica, next, keys);
      if (got.how == sync_file::state::missing) {
        if (has_later_file(dir, replica, next))
          out.skipped.push_back({file.string(), "missing, and later files wait for it"});
        break;
      }
      if (got.how == sync_file::state::unreadable) {
        out.skipped.push_back({file.string(), got.why});
        break;
      }
      std::vector<export_line> lines;
      try {
        lines = lines_of(got.lines);
      } catch (const data_error& e) {
        out.skipped.push_back({file.string(), fmt::format("not readable here ({})", e.what())});
        break;
      }
      for (auto& line : lines) {
        if (const auto* p = std::get_if<partner>(&line)) folding.partner(*p);
        if (const auto* setting = std::get_if<export_setting>(&line)) {
          // A value for a partner (touch.lead) names one of this journal's partners.
          if (setting->key == "touch.lead" && !setting->value.empty()) {
            try {
              (void)find_partner(j, setting->value);
            } catch (const data_error&) {
              continue;
            }
          }
          if (!setting->value.empty() && !setting->hlc.empty() &&
              fold_setting(j, setting->key, setting->value, setting->hlc))
            ++out.settings_taken;
        }
        auto* e = std::get_if<entry>(&line);
        if (e == nullptr) continue;
        // Each change whole or not at all: one that cannot be taken here (a name another
        // entry has taken meanwhile) is left, and said, and the rest go on.
        const std::string label = fmt::format("{} {}", e->kind->label, e->short_id());
        // (Statements kept for the command: a first sync takes in tens of thousands.)
        const auto run = [&j](const char* sql) {
          SQLite::Statement& st = j.statement(sql);
          st.exec();
          st.reset();
        };
        run("SAVEPOINT sync_change");
        try {
          folding.entry(std::move(*e));
          run("RELEASE sync_change");
        } catch (const data_error& bad) {
          run("ROLLBACK TO sync_change");
          run("RELEASE sync_change");
          ++out.not_taken;
          out.not_taken_lines.push_back(
              fmt::format("A change to {} from {} could not be taken: {}", label,
                          file.string(), bad.what()));
        }
      }
      ++out.files_read;
      ++next;
    }
    if (mine) {
      progress.next_file = next;
    } else {
      bool known = false;
      for (auto& [peer, n] : progress.peers)
        if (peer == replica) {
          n = next;
          known = true;
        }
      if (!known) progress.peers.emplace_back(replica, next);
    }
  }
}

/// Writes this replica's changes since its last sync (all of them after `sync init`), a few
/// thousand a file.
void send_changes(context& ctx, const fs::path& dir, const sync_keys& keys,
                  sync_progress& progress, sync_outcome& out) {
  auto& j = ctx.journal();
  std::string head = json({{"type", "rebuild-export"},
                           {"version", 1},
                           {"schema", j.schema_version()},
                           {"exported", iso_utc(ctx.now().now_utc())}})
                         .dump() +
                     "\n";
  for (const auto& p : partners(j))
    head += json({{"type", "partner"}, {"id", p.uuid}, {"name", p.name}}).dump() + "\n";
  // The pair's settings set here since the last sync (each partner's own are theirs, kept
  // by partner ids each device has its own of: not carried). They go in the first file, or
  // in one of their own when no entry changed.
  std::string settings;
  for (const auto& s : settings_to_send(j, progress.sent_seq < 0)) {
    bool known = false;
    for (const auto& spec : setting_specs()) known = known || spec.key == s.key;
    if (!known) continue;
    settings += json({{"type", "setting"}, {"key", s.key}, {"value", s.value}, {"hlc", s.hlc}})
                    .dump() +
                "\n";
    ++out.settings_sent;
  }
  std::string lines;
  int in_file = 0;
  const auto flush = [&] {
    if (in_file == 0 && settings.empty()) return;
    std::string whole = head + settings + lines;
    settings.clear();
    while (!write_sync_file(dir, progress.replica, progress.next_file, whole, keys))
      ++progress.next_file;  // a number another run took meanwhile: the next one
    crypto::wipe(whole);
    crypto::wipe(lines);
    ++progress.next_file;
    ++out.files_written;
    in_file = 0;
  };
  const auto add = [&](const entry& e) {
    lines += sync_line(e);
    ++out.sent;
    if (++in_file == entries_per_file) flush();
  };
  if (progress.sent_seq < 0) {
    log_filter all;  // every entry, tombstones too; never a private one
    all.with_deleted = true;
    all.oldest_first = true;
    each_entry(j, all, [&](entry& e) { add(e); });
  } else {
    std::vector<std::int64_t> ids;
    SQLite::Statement st(j.db(), "SELECT id FROM entries WHERE seq > ? AND private = 0 ORDER BY seq");
    st.bind(1, progress.sent_seq);
    while (st.executeStep()) ids.push_back(st.getColumn(0).getInt64());
    for (const auto id : ids) add(get_entry(j, id));
  }
  flush();
  mark_settings_sent(j);
  progress.sent_seq = std::max<std::int64_t>(
      progress.sent_seq,
      j.db().execAndGet("SELECT coalesce(max(seq), 0) FROM entries").getInt64());
}

void run_sync(context& ctx, const std::string& dir_text) {
  auto& j = ctx.journal();
  const fs::path dir(dir_text);
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw io_error(fmt::format("there is no folder at {}; make it, or give the folder your "
                               "devices share (through Syncthing, say)",
                               dir_text));
  const auto secret = stored_sync_secret(j);
  if (!secret)
    throw data_error("this journal does not sync yet: run 'rebuild sync init' on one device, "
                     "and 'rebuild sync init --secret-fd N' with its words on the other");
  const sync_keys keys = keys_of(*secret);
  write_transaction txn(j);
  sync_progress progress = read_sync_progress(j);
  const sync_progress before = progress;
  fold folding(ctx);
  folding.from_replica();
  sync_outcome out;
  // This replica's changes go out before the others' come in: a change here that loses to
  // one made at once elsewhere is then kept aside on every device, not on this one alone.
  read_files(ctx, dir, keys, progress, folding, out, true);
  send_changes(ctx, dir, keys, progress, out);
  read_files(ctx, dir, keys, progress, folding, out, false);
  // Nothing new either way: nothing is written, not even the same numbers again.
  if (out.files_read > 0 || out.files_written > 0 || progress.peers != before.peers ||
      progress.sent_seq != before.sent_seq || progress.next_file != before.next_file)
    save_sync_progress(j, progress);
  txn.commit();

  const fold_counts& c = folding.counts();
  for (const auto& s : out.skipped)
    fmt::print(stderr, "rebuild: warning: skipped {}: {}; it will be read at a later sync\n",
               s.file, s.why);
  if (ctx.globals.json) {
    json skipped = json::array();
    for (const auto& s : out.skipped) skipped.push_back({{"file", s.file}, {"why", s.why}});
    json doc = {{"dir", dir_text},
                {"replica", progress.replica},
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
    doc["changes"] = folding.to_json(dir_text)["changes"];
    return print_json(doc);
  }
  const auto changes = [](int n) { return fmt::format("{} {}", n, n == 1 ? "change" : "changes"); };
  const auto files = [](int n) { return fmt::format("{} {}", n, n == 1 ? "file" : "files"); };
  std::string line = fmt::format("Synced with {}: ", dir_text);
  const std::string settings_sent =
      out.settings_sent > 0 ? fmt::format("{} setting{}", out.settings_sent,
                                          out.settings_sent == 1 ? "" : "s")
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
                        out.settings_taken > 0
                            ? fmt::format(", {} setting{}", out.settings_taken,
                                          out.settings_taken == 1 ? "" : "s")
                            : std::string());
  else
    line += "; nothing new from the other device";
  fmt::print("{}.\n", line);
  if (c.kept_aside > 0)
    fmt::print("{} kept aside, changed on two devices at once: see 'rebuild conflicts'.\n",
               c.kept_aside == 1 ? std::string("1 version") : fmt::format("{} versions", c.kept_aside));
  for (const auto& change : c.changes) {
    const std::string who =
        fmt::format("{}'s {}{} (id {}) of {}", change.author, change.kind->label,
                    change.name.empty() ? std::string() : fmt::format(" '{}'", change.name),
                    change.uuid.substr(0, 8), human_day(change.day));
    if (change.happened == fold_change::what::kept_aside)
      fmt::print("{} was changed on two devices at once: one version is kept, the other set "
                 "aside ('rebuild conflicts {}').\n",
                 who, change.uuid.substr(0, 8));
    else if (change.happened == fold_change::what::refused)
      fmt::print("{}: a change from another device, not made by {}, was refused; only an "
                 "entry's author changes it.\n",
                 who, change.author);
    else if (change.happened == fold_change::what::renamed)
      fmt::print("{}'s {} '{}' (id {}) is now '{}': the other device added one of the same name "
                 "(the one added first keeps it).\n",
                 change.author, change.kind->label,
                 change.name.substr(0, change.name.rfind(" (")), change.uuid.substr(0, 8),
                 change.name);
    else if (change.happened == fold_change::what::replaced ||
             change.happened == fold_change::what::gave_way)
      fmt::print("{} gave way to the one of its {} written later.\n", who,
                 change.kind->once == once_per::week ? "week" : "day");
  }
  for (const auto& l : out.not_taken_lines) fmt::print("{}\n", l);
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
