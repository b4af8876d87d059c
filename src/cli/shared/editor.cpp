#include "editor.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>

#include "prompt.hpp"
#include "rebuild/entries.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/temp_files.hpp"

namespace rebuild::cli {
namespace {

namespace fs = std::filesystem;

std::string command_path(const CLI::App* app) {
  std::string name;
  for (; app != nullptr; app = app->get_parent())
    name = app->get_name() + (name.empty() ? "" : " " + name);
  return name;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

bool on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return false;
  std::string_view rest = path;
  while (true) {
    const std::size_t colon = rest.find(':');
    const std::string dir(rest.substr(0, colon));
    if (!dir.empty() && ::access((fs::path(dir) / program).c_str(), X_OK) == 0) return true;
    if (colon == std::string_view::npos) return false;
    rest.remove_prefix(colon + 1);
  }
}

bool dumb_terminal() {
  const char* term = std::getenv("TERM");
  return term == nullptr || std::strcmp(term, "dumb") == 0;
}

/// `$VISUAL`, else `$EDITOR`, else Debian's `editor` when there is one, else `vi`: git's order.
/// On a dumb terminal (TERM=dumb or unset) no editor was asked for and vi cannot draw, so,
/// as git does, nothing opens.
std::string chosen_editor() {
  for (const char* name : {"VISUAL", "EDITOR"})
    if (const char* value = std::getenv(name); value != nullptr && !blank(value)) return value;
  if (dumb_terminal())
    throw usage_error(
        "the terminal is dumb (TERM) and neither $VISUAL nor $EDITOR is set, so no editor "
        "can open; give the text on the command line, or set $EDITOR; nothing was saved");
  return on_path("editor") ? "editor" : "vi";
}

/// A name nobody can guess ahead, so that nobody can take it first in a shared /tmp.
std::string random_hex() {
  std::random_device random;
  return fmt::format("{:08x}{:08x}", random(), random());
}

void write_file(const fs::path& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  bool ok = fd >= 0;
  for (std::string_view rest = text; ok && !rest.empty();) {
    const ssize_t n = ::write(fd, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) rest.remove_prefix(static_cast<std::size_t>(n));
  }
  const int why = errno;
  if (fd >= 0 && ::close(fd) != 0) ok = false;
  if (!ok)
    throw io_error(fmt::format("cannot write the file for the editor at {}: {}; nothing was saved",
                               path.string(), std::strerror(why)));
}

/// Runs `editor` on `file` through the shell, as git does (so that EDITOR="code --wait"
/// works), with the terminal as its input and output; returns its wait status.
int run_editor(const std::string& editor, const fs::path& file) {
  std::fflush(stdout);
  std::fflush(stderr);
  // Ctrl-C belongs to the editor while it is open (vi uses it); as git does, this command
  // waits for it either way. SIGTERM and SIGHUP still end it, removing the file.
  struct sigaction ignore {
  }, old_int{}, old_quit{};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGINT, &ignore, &old_int);
  ::sigaction(SIGQUIT, &ignore, &old_quit);
  const std::string script = editor + " \"$@\"";
  const pid_t pid = ::fork();
  if (pid == 0) {
    // What this process ignores, a program it runs would ignore too.
    for (int sig : {SIGINT, SIGQUIT, SIGPIPE}) ::signal(sig, SIG_DFL);
    if (::isatty(STDOUT_FILENO) == 0) {  // output sent elsewhere: the editor still needs a screen
      const int tty = ::open("/dev/tty", O_RDWR);
      if (tty >= 0) ::dup2(tty, STDOUT_FILENO);
    }
    ::execl("/bin/sh", "sh", "-c", script.c_str(), editor.c_str(), file.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  const int why = errno;
  int status = 0;
  if (pid > 0)
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  ::sigaction(SIGINT, &old_int, nullptr);
  ::sigaction(SIGQUIT, &old_quit, nullptr);
  if (pid < 0)
    throw io_error(
        fmt::format("cannot start the editor: {}; nothing was saved", std::strerror(why)));
  return status;
}

/// The file as the editor left it; what is far longer than any text could be is refused
/// without reading it all.
std::string read_back(const fs::path& path, std::size_t most) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};  // an editor that removed the file left an empty text
  std::string all(most + 1, '\0');
  in.read(all.data(), static_cast<std::streamsize>(all.size()));
  all.resize(static_cast<std::size_t>(in.gcount()));
  if (all.size() > most)
    throw data_error(
        fmt::format("the text written in the editor is longer than the {} "
                    "characters a text can hold; nothing was saved",
                    max_text_length));
  return all;
}

/// The part a comment line heads ("# Ask: ..."), if it is a heading.
std::optional<std::size_t> heading_of(std::string_view line, const std::vector<text_part>& parts) {
  line.remove_prefix(std::min(line.find_first_not_of("# \t"), line.size()));
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& h = parts[i].heading;
    if (h.empty() || line.size() <= h.size() || line[h.size()] != ':') continue;
    if (std::equal(h.begin(), h.end(), line.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        }))
      return i;
  }
  return std::nullopt;
}

/// Each line without the spaces at its end; no blank lines before or after.
std::string trimmed(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::string line = text.substr(start, end - start);
    line.erase(line.find_last_not_of(" \t\r") + 1);
    lines.push_back(std::move(line));
    start = end + 1;
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  std::string out;
  for (const auto& line : lines) {
    if (out.empty() && line.empty()) continue;
    out += (out.empty() ? "" : "\n") + line;
  }
  return out;
}

std::string and_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i)
    out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  return out;
}

/// Runs the editor on `file` and turns a failure into the usage error that cancels.
void run_editor_checked(const std::string& editor, const fs::path& file, std::string_view what) {
  const bool hint = ::isatty(STDERR_FILENO) != 0;
  if (hint) std::fprintf(stderr, "Waiting for your editor to close the file... ");
  const int status = run_editor(editor, file);
  if (hint) {  // as git does: the line goes once the editor is closed
    std::fprintf(stderr, "%s", dumb_terminal() ? "\n" : "\r\033[K");
  }
  if (WIFSIGNALED(status))
    throw usage_error(
        fmt::format("the editor ({}) was ended by {}; the {} was cancelled and "
                    "nothing was saved",
                    editor, ::strsignal(WTERMSIG(status)), what));
  if (WEXITSTATUS(status) == 127)
    throw usage_error(
        fmt::format("the editor ({}) could not be run; set $VISUAL or $EDITOR to "
                    "one that can, or give the text on the command line; nothing "
                    "was saved",
                    editor));
  if (WEXITSTATUS(status) != 0)
    throw usage_error(
        fmt::format("the editor ({}) exited with status {}; the {} was cancelled "
                    "and nothing was saved",
                    editor, WEXITSTATUS(status), what));
}

/// Asks on the terminal, after `why`, whether to open the editor again; yes unless "n..." or
/// the end of input.
bool ask_edit_again(const std::string& why) {
  const auto typed = ask_line(why + " Edit again? [Y/n] ");
  if (!typed) {
    std::fprintf(stderr, "\n");
    return false;
  }
  const std::string& answer = *typed;
  const auto first = answer.find_first_not_of(" \t");
  return first == std::string::npos ||
         std::tolower(static_cast<unsigned char>(answer[first])) != 'n';
}

/// The file's text cut at its headings into one text per part, trimmed, comments left out.
std::vector<std::string> split_parts(const std::string& back, const std::vector<text_part>& parts) {
  std::vector<std::string> texts(parts.size());
  std::size_t current = 0;  // words above every heading belong to the first part
  for (std::size_t start = 0; start < back.size();) {
    const std::size_t end = std::min(back.find('\n', start), back.size());
    const std::string_view line(back.data() + start, end - start);
    start = end + 1;
    if (!line.empty() && line.front() == '#') {
      if (const auto part = heading_of(line, parts)) current = *part;
      continue;
    }
    texts[current].append(line).push_back('\n');
  }
  for (auto& t : texts) t = trimmed(t);
  return texts;
}

constexpr std::string_view rules_of_the_file =
    "# Lines starting with '#' are left out, and an empty text cancels: nothing is saved.\n";

bool words_off_files = false;

}  // namespace

void keep_words_off_files() { words_off_files = true; }

namespace {

usage_error words_not_to_editor(std::string_view what) {
  return usage_error(fmt::format(
      "private words never go to an editor (its file, and the copies it keeps, would hold "
      "them); give the {} on the command line, or '-' to type it on standard input (end with "
      "Ctrl-D); nothing was saved",
      what));
}

}  // namespace

bool editor_can_ask(const context& ctx, const CLI::App* command,
                    std::initializer_list<const CLI::Option*> options) {
  const auto missing = std::find_if(options.begin(), options.end(),
                                    [](const CLI::Option* o) { return o->count() == 0; });
  if (missing == options.end()) return false;
  // Before a passphrase is asked: the words could not be written anyway.
  if (words_off_files && ctx.interactive()) throw words_not_to_editor((*missing)->get_name());
  if (ctx.interactive()) return true;
  // The same words CLI11 has for a required argument left out.
  throw usage_error(fmt::format("{} is required; see '{} --help'", (*missing)->get_name(),
                                command_path(command)));
}

std::vector<std::string> edit_parts(std::string_view what, std::string_view intro,
                                    const std::vector<text_part>& parts) {
  if (words_off_files) throw words_not_to_editor(fmt::format("{}'s text", what));
  std::string text;
  if (parts.size() == 1 && parts.front().heading.empty()) {
    // As git has it: the words first, where the editor puts the cursor; the notes below.
    text =
        parts.front().given + "\n\n# " + std::string(intro) + "\n" + std::string(rules_of_the_file);
  } else {
    text = "# " + std::string(intro) + "\n" + std::string(rules_of_the_file);
    for (const auto& p : parts) text += fmt::format("\n# {}: {}\n{}\n", p.heading, p.hint, p.given);
  }

  const std::string editor = chosen_editor();
  fs::path folder_at;
  try {
    folder_at = fs::temp_directory_path();
  } catch (const fs::filesystem_error& e) {
    throw io_error(
        fmt::format("cannot find a folder for the editor's file ({}); set TMPDIR to "
                    "one; nothing was saved",
                    e.code().message()));
  }
  sweep_stale(folder_at / "edit", {"edit"});  // what a killed command left there
  temp_folder folder(temp_beside(folder_at / ("edit-" + random_hex()), "edit"));
  std::string name = "rebuild-" + std::string(what) + ".txt";
  std::replace(name.begin(), name.end(), ' ', '-');
  const fs::path file = folder.file(name);
  write_file(file, text);

  // A required part left empty: as `crontab -e` does, ask whether to edit again, and reopen
  // the file as it came back, with a line on top naming what is missing, so nothing written
  // is lost to a slip. No (or end of input) cancels. Emptying the whole file still cancels.
  const std::size_t most = text.size() + parts.size() * (max_text_length * 4 + 2) + 64 * 1024;
  for (;;) {
    run_editor_checked(editor, file, what);
    const std::string back = read_back(file, most);
    const std::vector<std::string> texts = split_parts(back, parts);
    if (std::all_of(texts.begin(), texts.end(), [](const std::string& t) { return t.empty(); }))
      throw usage_error(
          fmt::format("the {} was cancelled: its text was left empty; nothing was saved", what));
    std::vector<std::string> empty;
    for (std::size_t i = 0; i < parts.size(); ++i)
      if (parts[i].required && texts[i].empty()) empty.push_back(parts[i].heading);
    if (empty.empty()) return texts;
    const std::string missing =
        fmt::format("{} {} left empty", and_list(empty), empty.size() == 1 ? "was" : "were");
    if (!ask_edit_again(fmt::format("The {}'s {}.", what, missing)))
      throw usage_error(fmt::format(
          "the {} was not saved: its {}; write a few words under each heading", what, missing));
    std::string again = fmt::format(
        "# Not saved yet: {}. Write it below its heading, or empty "
        "the whole file to cancel.\n",
        missing);
    for (std::size_t start = 0; start < back.size();) {  // the earlier such line goes
      const std::size_t end = std::min(back.find('\n', start), back.size());
      const std::string_view line(back.data() + start, end - start);
      if (line.rfind("# Not saved yet: ", 0) != 0) again.append(line).push_back('\n');
      start = end + 1;
    }
    fs::remove(file);
    write_file(file, again);
  }
}

std::string edit_text(std::string_view what, std::string_view hint) {
  return edit_parts(what, fmt::format("The {}: {}. Write it above.", what, hint),
                    {{"", std::string(hint), "", true}})
      .front();
}

}  // namespace rebuild::cli
