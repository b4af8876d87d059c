// rebuild: builds the command line, runs the one command asked for, and turns every failure
// into one `rebuild: error:` line and the exit code SPEC.md gives it. Nothing else prints
// errors or chooses exit codes.
#include <SQLiteCpp/Exception.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <stdio_ext.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string_view>
#include <system_error>
#include <vector>

#include "cli/commands.hpp"
#include "cli/shared/context.hpp"
#include "cli/shared/editor.hpp"
#include "cli/shared/suggest.hpp"
#include "cli/shared/terminal.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/text.hpp"

namespace {

using rebuild::exit_code;
using rebuild::cli::closest_name;
using rebuild::cli::did_you_mean;

int fail(exit_code code, std::string message) {
  std::replace(message.begin(), message.end(), '\n', ' ');
  std::fflush(stdout);
  // One line, and words from the journal or the command line never drive the terminal.
  fmt::print(stderr, "rebuild: error: {}\n", rebuild::escape_controls(message));
  return static_cast<int>(code);
}

/// Standard output could not take what the command wrote. A reader that closed the pipe
/// early (`rebuild log | head`) got what it wanted: the command ends quietly. Anything else
/// (a full disk, a closed file) is exit 74.
int output_failure(int error) {
  __fpurge(stdout);  // nothing more of it is tried
  if (error == EPIPE) return 0;
  return fail(exit_code::io, fmt::format("cannot write the output: {}", std::strerror(error)));
}

/// The deepest subcommand the parser reached, for naming it in a hint.
CLI::App* deepest(CLI::App* app) {
  for (CLI::App* sub : app->get_subcommands())
    if (sub->parsed()) return deepest(sub);
  return app;
}

std::string command_name(const CLI::App* app) {
  std::string name;
  for (; app != nullptr; app = app->get_parent())
    name = app->get_name() + (name.empty() ? "" : " " + name);
  return name;
}

/// What CLI11's IsMember says of a word it refused: "FLAG: WORD not in {A,B,C}".
struct refused_choice {
  std::string flag, given;
  std::vector<std::string> allowed;
};
std::optional<refused_choice> not_a_choice(const std::string& what) {
  const auto colon = what.find(": ");
  const auto at = what.find(" not in {");
  const auto close = what.rfind('}');
  if (colon == std::string::npos || at == std::string::npos || colon > at ||
      close == std::string::npos || close < at)
    return std::nullopt;
  refused_choice out{what.substr(0, colon), what.substr(colon + 2, at - colon - 2), {}};
  const std::string list = what.substr(at + 9, close - at - 9);
  for (std::size_t from = 0;;) {
    const auto comma = list.find(',', from);
    out.allowed.push_back(list.substr(from, comma - from));
    if (comma == std::string::npos) break;
    from = comma + 1;
  }
  return out;
}

int parse_failure(CLI::App& app, const CLI::ParseError& e) {
  CLI::App* where = deepest(&app);
  const std::string hint = fmt::format("see '{} --help'", command_name(where));
  const std::string what = e.what();
  // A word outside the ones a flag takes (`--format pdf`) is a usage error, as sysexits has
  // it; a value out of range (`--mood 11`) is bad data (65). CLI11's IsMember says the first
  // as "--format: pdf not in {text,markdown,...}".
  if (dynamic_cast<const CLI::ValidationError*>(&e) != nullptr)
    if (const auto choice = not_a_choice(what))
      return fail(
          exit_code::usage,
          fmt::format("{} takes {}, not '{}';{} {}", choice->flag, fmt::join(choice->allowed, ", "),
                      choice->given, did_you_mean(choice->given, choice->allowed), hint));
  if (dynamic_cast<const CLI::ValidationError*>(&e) != nullptr ||
      dynamic_cast<const CLI::ConversionError*>(&e) != nullptr)
    return fail(exit_code::data, what);
  if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
    const auto extras = app.remaining(true);
    const std::string first = extras.empty() ? std::string() : extras.front();
    std::vector<std::string> choices;
    for (const CLI::App* sub : where->get_subcommands({}))
      if (sub->get_name().front() != '_') choices.push_back(sub->get_name());
    if (where == &app && !first.empty() && first.front() != '-')
      return fail(exit_code::usage,
                  fmt::format("there is no command '{}';{} 'rebuild --help' lists them", first,
                              did_you_mean(first, choices)));
    if (!first.empty() && first.front() == '-') {
      std::vector<std::string> flags;
      for (const CLI::App* at = where; at != nullptr; at = at->get_parent())
        for (const CLI::Option* opt : at->get_options())
          for (const auto& name : opt->get_lnames()) flags.push_back("--" + name);
      const std::string bare = first.substr(0, first.find('='));
      return fail(exit_code::usage, fmt::format("{} has no flag {};{} {}", command_name(where),
                                                bare, did_you_mean(bare, flags), hint));
    }
    if (!choices.empty())
      return fail(
          exit_code::usage,
          fmt::format("{} has no '{}'; it takes {}{}", command_name(where), fmt::join(extras, " "),
                      fmt::join(choices, ", "),
                      closest_name(first, choices) ? ";" + did_you_mean(first, choices) : ""));
    return fail(exit_code::usage, fmt::format("{} did not expect '{}'; {}", command_name(where),
                                              fmt::join(extras, " "), hint));
  }
  return fail(exit_code::usage, fmt::format("{}; {}", e.what(), hint));
}

/// Where the first word on the command line that is not a global flag or its value is;
/// argc when there is none.
int command_index(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--journal" || arg == "--as") {
      ++i;
      continue;
    }
    if (arg == "--") return argc;
    if (!arg.empty() && arg.front() == '-') continue;
    return i;
  }
  return argc;
}

/// That word, or "" when there is none.
std::string command_word(int argc, char** argv) {
  const int at = command_index(argc, argv);
  return at < argc ? std::string(argv[at]) : std::string();
}

int sqlite_failure(const SQLite::Exception& e, const std::string& path) {
  switch (e.getErrorCode()) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return fail(exit_code::busy,
                  "the journal is busy: another writer held it past the 5-second wait; nothing was "
                  "written, so try again in a moment");
    case SQLITE_READONLY: {
      // SQLite writes its -wal and -shm files beside the journal: a folder the user may not
      // write makes a writable journal read-only.
      const std::string folder = std::filesystem::path(path).parent_path().string();
      if (!folder.empty() && ::access(folder.c_str(), W_OK) != 0 &&
          ::access(path.c_str(), W_OK) == 0)
        return fail(exit_code::io,
                    fmt::format("the folder {} is read-only for you, and SQLite keeps its -wal "
                                "and -shm files there beside the journal; nothing was written "
                                "(check the folder's owner and mode with ls -ld)",
                                folder));
      return fail(exit_code::io, fmt::format("the journal at {} is read-only for you; nothing "
                                             "was written (check its owner and mode with ls -l)",
                                             path));
    }
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return fail(exit_code::io, fmt::format("the journal at {} is damaged ({}); restore it from "
                                             "a backup with: rebuild restore FILE",
                                             path, e.what()));
    case SQLITE_FULL:
      return fail(exit_code::io, "the disk is full; nothing was written");
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return fail(exit_code::io,
                  fmt::format("cannot read or write the journal at {} ({})", path, e.what()));
    default:
      return fail(exit_code::internal,
                  fmt::format("internal error from SQLite ({}); nothing was written; please "
                              "report this",
                              e.what()));
  }
}

}  // namespace

int main(int argc, char** argv) {
  ::umask(077);  // anything rebuild creates is its owner's alone
  // Keys and private words live in this process's memory for a while: no core dump holds them,
  // and no other process of the same user (the other partner's shell) may attach to read them.
  const rlimit no_core{0, 0};
  ::setrlimit(RLIMIT_CORE, &no_core);
#if !defined(__SANITIZE_ADDRESS__)  // LeakSanitizer attaches to the process to look at it
  ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
  // A closed pipe is an error from write() (EPIPE), so that the command can end quietly and
  // clean up after itself, rather than a signal that ends it wherever it is.
  std::signal(SIGPIPE, SIG_IGN);
  rebuild::cli::guard_terminal_output(rebuild::cli::color_forced(argc, argv));
  rebuild::cli::context ctx;
  CLI::App app{"A private journal for two people rebuilding closeness, one day at a time.",
               "rebuild"};
  app.fallthrough();  // global flags work after the command name too
  app.add_option("--journal", ctx.globals.journal,
                 "the journal file (default: $REBUILD_JOURNAL, then "
                 "$XDG_DATA_HOME/rebuild/journal.db)")
      ->type_name("PATH");
  app.add_option("--as", ctx.globals.as, "who is writing (default: $REBUILD_PARTNER)")
      ->type_name("NAME");
  app.add_flag("--json", ctx.globals.json, "print one JSON document instead of text");
  app.add_flag("--no-color", ctx.globals.no_color, "no colour, even on a terminal");
  app.add_option("--color", ctx.globals.color,
                 "colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->type_name("WHEN");
  app.set_version_flag("--version", REBUILD_VERSION);
  app.footer(
      "\nEnvironment: REBUILD_JOURNAL, REBUILD_PARTNER, REBUILD_NOW (YYYY-MM-DDTHH:MM), TZ, "
      "NO_COLOR, TERM, PAGER, VISUAL, EDITOR.\nRun 'rebuild help COMMAND' (or 'rebuild COMMAND "
      "--help') for a command's flags; "
      "'man rebuild' for more.");

  rebuild::cli::command_list commands;
  using namespace rebuild::cli;
  using setup_fn = void (*)(CLI::App&, context&, command_list&);
  // Every command, in the order --help lists them.
  static const std::pair<const char*, setup_fn> all[] = {{"init", setup_init},
                                                         {"goal", setup_goal},
                                                         {"checkin", setup_checkin},
                                                         {"gesture", setup_gesture},
                                                         {"bid", setup_bid},
                                                         {"repair", setup_repair},
                                                         {"rules", setup_rules},
                                                         {"timeout", setup_timeout},
                                                         {"agenda", setup_agenda},
                                                         {"concern", setup_concern},
                                                         {"tasks", setup_tasks},
                                                         {"stage", setup_stage},
                                                         {"initiate", setup_initiate},
                                                         {"ritual", setup_ritual},
                                                         {"review", setup_review},
                                                         {"trigger", setup_trigger},
                                                         {"thought", setup_thought},
                                                         {"story", setup_story},
                                                         {"transparency", setup_transparency},
                                                         {"celebrate", setup_celebrate},
                                                         {"therapy", setup_therapy},
                                                         {"inventory", setup_inventory},
                                                         {"passphrase", setup_passphrase},
                                                         {"plan", setup_plan},
                                                         {"config", setup_config},
                                                         {"report", setup_report},
                                                         {"due", setup_due},
                                                         {"calendar", setup_calendar},
                                                         {"log", setup_log},
                                                         {"show", setup_show},
                                                         {"edit", setup_edit},
                                                         {"delete", setup_delete},
                                                         {"undo", setup_undo},
                                                         {"export", setup_export},
                                                         {"import", setup_import},
                                                         {"merge", setup_merge},
                                                         {"backup", setup_backup},
                                                         {"restore", setup_restore},
                                                         {"sync", setup_sync},
                                                         {"conflicts", setup_conflicts},
                                                         {"help", setup_help}};
  // `rebuild help stage window` is `rebuild stage window --help` (and `rebuild help` is
  // `rebuild --help`), as git and cargo read it.
  std::vector<char*> args(argv, argv + argc);
  std::string named = command_word(argc, argv);
  static char help_flag[] = "--help";
  const bool asked_help = named == "help";
  if (asked_help) {
    args.erase(args.begin() + command_index(argc, argv));
    args.push_back(help_flag);
    argc = static_cast<int>(args.size());
    argv = args.data();
    named = command_word(argc, argv);
    if (!named.empty() && std::none_of(std::begin(all), std::end(all),
                                       [&](const auto& c) { return named == c.first; })) {
      std::vector<std::string> names;
      for (const auto& c : all) names.emplace_back(c.first);
      return fail(exit_code::usage,
                  fmt::format("there is no command '{}';{} 'rebuild help' lists them", named,
                              did_you_mean(named, names)));
    }
  }
  // Only the command named on the line is built (most of a command's start-up time is
  // building the parser); without one, or with an unknown one, all are, for help and errors.
  const auto one =
      std::find_if(std::begin(all), std::end(all), [&](const auto& c) { return named == c.first; });
  if (one != std::end(all))
    one->second(app, ctx, commands);
  else
    for (const auto& [name, setup] : all) setup(app, ctx, commands);
  if (asked_help) {  // each word after the command names one of its subcommands, or it is 64
    CLI::App* at = &app;
    for (int w = command_index(argc, argv); w < argc; ++w) {
      const std::string_view word = argv[w];
      if (word == "--journal" || word == "--as") ++w;
      if (word.empty() || word.front() == '-') continue;
      std::vector<std::string> names;
      for (const CLI::App* sub : at->get_subcommands({})) names.push_back(sub->get_name());
      if (std::find(names.begin(), names.end(), word) == names.end())
        return fail(exit_code::usage,
                    names.empty()
                        ? fmt::format("{} has no subcommands; its help is 'rebuild help{}'",
                                      command_name(at), command_name(at).substr(7))
                        : fmt::format("{} has no '{}'; it takes {}", command_name(at), word,
                                      fmt::join(names, ", ")));
      at = at->get_subcommand(std::string(word));
    }
  }

  setup_complete(app, ctx, commands);
  // Tab completion answers before anything is parsed or opened, so that nothing typed so far
  // can make it print an error.
  if (argc > 1 && std::string_view(argv[1]) == "__complete")
    return complete(app, std::vector<std::string>(argv + 2, argv + argc));

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return parse_failure(app, e);
  }

  // The deepest command parsed runs: `goal rate` rather than `goal`.
  auto chosen = std::find_if(commands.rbegin(), commands.rend(),
                             [](const command& c) { return c.app->parsed(); });
  if (chosen == commands.rend()) {
    fmt::print("{}", app.help());
    return 0;
  }
  // An option of a command given after one of its subcommands (`repair commit ID --then S`)
  // falls through to the command, which does not run: refused, never dropped in silence.
  // Only the global options (rebuild's own) may come after a subcommand, and `due`'s, whose
  // items (`due checkin -q`) are subcommands that share its options.
  for (const CLI::App* up = chosen->app->get_parent();
       up != nullptr && up->get_parent() != nullptr && up->get_name() != "due";
       up = up->get_parent())
    for (const CLI::Option* opt : up->get_options())
      if (opt->count() > 0) {
        // "repair commit", without the program's own name.
        const auto path = [](const CLI::App* a) {
          const std::string name = command_name(a);
          return name.substr(name.find(' ') + 1);
        };
        return fail(exit_code::usage,
                    fmt::format("{} is an option of '{}', not of '{}'; 'rebuild help {}' lists "
                                "what it takes",
                                opt->get_name(), path(up), path(chosen->app), path(chosen->app)));
      }
  // Private words never go to a file for an editor (it, and its swap and backup files, would
  // hold them where the other partner can read).
  if (const CLI::Option* mine = chosen->app->get_option_no_throw("--private");
      mine != nullptr && mine->count() > 0)
    rebuild::cli::keep_words_off_files();
  std::string path;
  try {
    path = ctx.journal_path().string();
    chosen->run();
    errno = 0;
    if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0)
      return output_failure(errno != 0 ? errno : EIO);
    // The last of it, and the close itself, can fail too (a full disk on a network share).
    errno = 0;
    if (std::fclose(stdout) != 0) {
      const int why = errno != 0 ? errno : EIO;
      if (why == EPIPE) return 0;
      fmt::print(stderr, "rebuild: error: cannot write the output: {}\n", std::strerror(why));
      return static_cast<int>(exit_code::io);
    }
    for (const auto& line : ctx.unread) fmt::print(stderr, "rebuild: error: {}\n", line);
    if (!ctx.unread.empty()) return static_cast<int>(exit_code::io);
    return static_cast<int>(ctx.status);
  } catch (const rebuild::error& e) {
    return fail(e.code(), e.what());
  } catch (const SQLite::Exception& e) {
    return sqlite_failure(e, path);
  } catch (const std::system_error& e) {  // fmt could not write to standard output
    if (e.code().category() == std::generic_category() ||
        e.code().category() == std::system_category())
      return output_failure(e.code().value());
    return fail(
        exit_code::internal,
        fmt::format("internal error: {}; nothing was written; please report this", e.what()));
  } catch (const std::exception& e) {
    return fail(
        exit_code::internal,
        fmt::format("internal error: {}; nothing was written; please report this", e.what()));
  }
}
