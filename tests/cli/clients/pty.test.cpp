// The interactive commands as a person at a terminal meets them (the check-in, the editor,
// passphrases, the inventory): the real binary runs on a pseudo-terminal, and the test answers
// each prompt as it appears.
#include <doctest/doctest.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "../../unit/temp_dir.hpp"

namespace {

/// One run of `rebuild ARGS...` on a terminal.
class terminal_session {
 public:
  using environment = std::vector<std::pair<std::string, std::string>>;
  /// `env` is set on top of the test's own environment (without the editor, and with no pager
  /// unless one is set). A name `job control` in it runs rebuild as a shell with job control
  /// would: in a process group of its own in the foreground, its parent in the same session;
  /// when rebuild stops (Ctrl-Z), the parent shows "[stopped]", takes the terminal back, and
  /// on the next line typed puts rebuild in the foreground again and continues it.
  terminal_session(const std::filesystem::path& journal, std::initializer_list<std::string> args,
                   const environment& env = {})
      : terminal_session(journal, std::vector<std::string>(args), env) {}
  terminal_session(const std::filesystem::path& journal, const std::vector<std::string>& args,
                   const environment& env) {
    pid_ = ::forkpty(&fd_, nullptr, nullptr, nullptr);
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::setenv("REBUILD_NOW", "2026-03-04T08:00", 1);
      ::setenv("TZ", "Europe/Paris", 1);
      ::unsetenv("REBUILD_PARTNER");
      for (const char* name : {"VISUAL", "EDITOR"}) ::unsetenv(name);
      ::setenv("PAGER", "", 1);
      bool job_control = false;
      for (const auto& [name, value] : env)
        if (name == "job control")
          job_control = true;
        else if (name.front() == '-')  // "-NAME": NAME unset
          ::unsetenv(name.c_str() + 1);
        else
          ::setenv(name.c_str(), value.c_str(), 1);
      std::vector<std::string> argv_s{REBUILD_BINARY, "--journal", journal.string()};
      argv_s.insert(argv_s.end(), args.begin(), args.end());
      std::vector<char*> argv;
      for (auto& a : argv_s) argv.push_back(a.data());
      argv.push_back(nullptr);
      if (job_control) run_as_job(argv);
      ::execv(REBUILD_BINARY, argv.data());
      ::_exit(127);
    }
  }
  ~terminal_session() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (fd_ >= 0) ::close(fd_);
  }

  /// Reads what the program shows until `text` appears (or `timeout` passes); true if it did.
  bool expect(const std::string& text,
              std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (screen_.find(text, seen_) == std::string::npos) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
      char buf[512];
      const ssize_t n = ::read(fd_, buf, sizeof buf);
      if (n <= 0) return false;
      screen_.append(buf, static_cast<size_t>(n));
    }
    seen_ = screen_.find(text, seen_) + text.size();
    return true;
  }
  void type(const std::string& line) {
    const std::string with_enter = line + "\r";
    REQUIRE(::write(fd_, with_enter.data(), with_enter.size()) ==
            static_cast<ssize_t>(with_enter.size()));
  }
  void send(const std::string& bytes) {
    REQUIRE(::write(fd_, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
  }
  pid_t pid() const { return pid_; }
  /// How the program ended: its exit code, or 128 + the signal that ended it.
  int end_status() {
    exit_code();
    return WIFSIGNALED(status_) ? 128 + WTERMSIG(status_) : WEXITSTATUS(status_);
  }
  void end_input() {
    const char eof = 4;  // Ctrl-D
    REQUIRE(::write(fd_, &eof, 1) == 1);
  }
  int exit_code() {
    // Drain what is left so the child is never blocked on a full terminal.
    char buf[512];
    while (true) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 2000) <= 0) break;
      const ssize_t n = ::read(fd_, buf, sizeof buf);
      if (n <= 0) break;
      screen_.append(buf, static_cast<size_t>(n));
    }
    if (!exited_) ::waitpid(pid_, &status_, 0);
    exited_ = true;
    return WIFEXITED(status_) ? WEXITSTATUS(status_) : -1;
  }
  const std::string& screen() const { return screen_; }
  /// Waits until the program reads keys one by one (libedit has the line: the terminal is out
  /// of canonical mode), so that Ctrl-D and the arrows reach it as keys, not as the line
  /// discipline's. libedit draws its prompt a moment before. True if it came in time.
  bool wait_for_keys(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      struct termios t {};
      if (::tcgetattr(fd_, &t) == 0 && (t.c_lflag & ICANON) == 0) return true;
      ::usleep(2000);
    }
    return false;
  }
  /// Waits until the program sleeps (blocked in read(2) on the terminal, as /proc/PID/stat
  /// says, three looks in a row), so that a Ctrl-C sent next finds it there: readpassphrase(3)
  /// acts on a signal that came before its read only once a line ends, as a person would type.
  bool wait_until_reading(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    int asleep = 0;
    while (std::chrono::steady_clock::now() < deadline) {
      std::ifstream stat("/proc/" + std::to_string(pid_) + "/stat");
      std::string line;
      std::getline(stat, line);
      const auto paren = line.rfind(')');
      const char state =
          paren != std::string::npos && paren + 2 < line.size() ? line[paren + 2] : '?';
      asleep = state == 'S' ? asleep + 1 : 0;
      if (asleep >= 3) return true;
      ::usleep(5000);
    }
    return false;
  }
  /// Whether the terminal echoes what is typed (its settings, as the program left them).
  bool echo_on() const {
    struct termios t {};
    REQUIRE(::tcgetattr(fd_, &t) == 0);
    return (t.c_lflag & ECHO) != 0;
  }

 private:
  /// In the child of forkpty: the shell's part (see the constructor). Never returns.
  [[noreturn]] static void run_as_job(std::vector<char*>& argv) {
    ::signal(SIGTTOU, SIG_IGN);  // a background shell may still set the terminal's group
    const pid_t job = ::fork();
    if (job == 0) {
      ::setpgid(0, 0);
      ::tcsetpgrp(STDIN_FILENO, ::getpid());
      ::signal(SIGTTOU, SIG_DFL);
      ::execv(REBUILD_BINARY, argv.data());
      ::_exit(127);
    }
    ::setpgid(job, job);
    ::tcsetpgrp(STDIN_FILENO, job);
    while (true) {
      int status = 0;
      if (::waitpid(job, &status, WUNTRACED) < 0) ::_exit(126);
      if (WIFSTOPPED(status)) {
        ::tcsetpgrp(STDIN_FILENO, ::getpgrp());
        const char said[] = "\n[stopped]\n";
        [[maybe_unused]] const ssize_t w = ::write(STDOUT_FILENO, said, sizeof said - 1);
        char line[64];
        [[maybe_unused]] const ssize_t r = ::read(STDIN_FILENO, line, sizeof line);
        ::tcsetpgrp(STDIN_FILENO, job);
        ::kill(-job, SIGCONT);
        continue;
      }
      ::_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    }
  }

  int fd_ = -1;
  pid_t pid_ = -1;
  bool exited_ = false;
  int status_ = 0;
  std::string screen_;
  std::size_t seen_ = 0;
};

std::string run(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  char buf[512];
  while (size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  ::pclose(p);
  return out;
}

std::string rebuild_cmd(const std::filesystem::path& journal, const std::string& args) {
  return "REBUILD_NOW=2026-03-04T08:00 TZ=Europe/Paris " + std::string(REBUILD_BINARY) +
         " --journal '" + journal.string() + "' " + args + " </dev/null 2>&1";
}

}  // namespace

TEST_CASE("checkin on a terminal asks for what the flags left out") {
  temp_dir tmp;
  const auto journal = tmp / "journal.db";
  run(rebuild_cmd(journal, "init --partner Dan --partner Sam"));

  terminal_session s(journal, {"checkin", "--as", "Sam", "--minutes", "15"});
  REQUIRE(s.expect("Check-in for Sam, Wed 4 Mar 2026 08:00"));
  REQUIRE(s.expect("Mood, 1 (low) to 10 (good):"));
  s.type("11");  // out of range: asked again, calmly
  REQUIRE(s.expect("Please give a whole number from 1 to 10."));
  REQUIRE(s.expect("Mood"));
  s.type("7");
  REQUIRE(s.expect("Stress, 1 (calm) to 10 (very stressed):"));
  s.type("3");
  REQUIRE(s.expect("One thing you appreciate:"));
  s.type("You listened to me \xf0\x9f\x92\x9b");  // with an emoji
  // --minutes was given, so it is not asked.
  REQUIRE(s.expect("Phones away? (y/n):"));
  s.type("y");
  REQUIRE(s.expect("A note, if you like:"));
  s.type("");  // skipped
  REQUIRE(s.expect("Saved check-in"));
  CHECK(s.exit_code() == 0);
  CHECK(s.screen().find("Minutes") == std::string::npos);

  const std::string log = run(rebuild_cmd(journal, "log --json"));
  CHECK(log.find("\"mood\": 7") != std::string::npos);
  CHECK(log.find("\"stress\": 3") != std::string::npos);
  CHECK(log.find("\"minutes\": 15") != std::string::npos);
  CHECK(log.find("\"phones_away\": true") != std::string::npos);
  CHECK(log.find("You listened to me \xf0\x9f\x92\x9b") != std::string::npos);
  CHECK(log.find("\"note\": null") != std::string::npos);
}

TEST_CASE("a check-in left at the prompt with Ctrl-D saves nothing") {
  temp_dir tmp;
  const auto journal = tmp / "journal.db";
  run(rebuild_cmd(journal, "init --partner Dan"));
  terminal_session s(journal, {"checkin"});
  REQUIRE(s.expect("Mood"));
  REQUIRE(s.wait_for_keys());
  s.end_input();
  CHECK(s.exit_code() == 64);
  CHECK(s.screen().find("rebuild: error: the check-in was cancelled; nothing was saved") !=
        std::string::npos);
  CHECK(run(rebuild_cmd(journal, "log")).find("No entries yet") != std::string::npos);
}

TEST_CASE("checkin on a terminal with every flag given asks nothing") {
  temp_dir tmp;
  const auto journal = tmp / "journal.db";
  run(rebuild_cmd(journal, "init --partner Dan --partner Sam"));

  terminal_session s(journal, {"checkin", "--as", "Sam", "--mood", "7", "--stress", "3",
                               "--appreciation", "hi", "--minutes", "10", "--phones-away"});
  // It ends by itself, without waiting for anything typed.
  REQUIRE(s.expect("Saved check-in"));
  CHECK(s.exit_code() == 0);
  CHECK(s.screen().find("Check-in for") == std::string::npos);
  CHECK(s.screen().find("A note, if you like") == std::string::npos);
  CHECK(s.screen().find("?") == std::string::npos);

  const std::string log = run(rebuild_cmd(journal, "log --json"));
  CHECK(log.find("\"mood\": 7") != std::string::npos);
  CHECK(log.find("\"stress\": 3") != std::string::npos);
  CHECK(log.find("\"appreciation\": \"hi\"") != std::string::npos);
  CHECK(log.find("\"minutes\": 10") != std::string::npos);
  CHECK(log.find("\"phones_away\": true") != std::string::npos);
  CHECK(log.find("\"note\": null") != std::string::npos);
  // One entry, nothing else.
  CHECK(log.find("\"kind\"") == log.rfind("\"kind\""));
}

TEST_CASE("checkin on a terminal without --mood asks only for the mood") {
  temp_dir tmp;
  const auto journal = tmp / "journal.db";
  run(rebuild_cmd(journal, "init --partner Dan"));

  terminal_session s(journal, {"checkin", "--stress", "3", "--appreciation", "hi", "--minutes",
                               "10", "--phones-on", "--note", "Short one"});
  REQUIRE(s.expect("Check-in for Dan, Wed 4 Mar 2026 08:00"));
  REQUIRE(s.expect("Mood, 1 (low) to 10 (good):"));
  s.type("6");
  REQUIRE(s.expect("Saved check-in"));
  CHECK(s.exit_code() == 0);
  for (const char* question : {"Stress,", "One thing you appreciate", "Minutes you spent",
                               "Phones away?", "A note, if you like"})
    CHECK_MESSAGE(s.screen().find(question) == std::string::npos, question);

  const std::string log = run(rebuild_cmd(journal, "log --json"));
  CHECK(log.find("\"mood\": 6") != std::string::npos);
  CHECK(log.find("\"stress\": 3") != std::string::npos);
  CHECK(log.find("\"phones_away\": false") != std::string::npos);
  CHECK(log.find("\"note\": \"Short one\"") != std::string::npos);
}

namespace {
std::string file_bytes(const std::filesystem::path& path) {
  std::string out;
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    char buf[4096];
    while (size_t n = std::fread(buf, 1, sizeof buf, f)) out.append(buf, n);
    std::fclose(f);
  }
  return out;
}
/// The journal and its write-ahead log, byte for byte.
std::string journal_bytes(const std::filesystem::path& journal) {
  return file_bytes(journal) + "|" + file_bytes(journal.string() + "-wal");
}
}  // namespace

TEST_CASE("a second check-in on a terminal: given parts update it; one that asks warns first") {
  temp_dir tmp;
  const auto journal = tmp / "journal.db";
  run(rebuild_cmd(journal, "init --partner Dan"));
  run(rebuild_cmd(journal, "checkin --mood 6 --stress 4 --appreciation 'Coffee in bed'"));
  const std::string before = journal_bytes(journal);

  {  // Nothing given: it would ask everything again, so it says what is there and asks first.
    terminal_session s(journal, {"checkin"});
    REQUIRE(
        s.expect("You already checked in today (mood 6 · stress 4); what you answer now "
                 "updates it, and what you skip stays.\r\nGo on? [y/N]"));
    CHECK(s.screen().find("Mood") == std::string::npos);  // the warning comes first
    s.type("n");
    REQUIRE(s.expect("Nothing was saved; your check-in for Wed 4 Mar 2026 08:00 stays as it was."));
    CHECK(s.exit_code() == 0);
    CHECK(s.screen().find("Mood") == std::string::npos);
  }
  {  // Enter alone cancels too.
    terminal_session s(journal, {"checkin"});
    REQUIRE(s.expect("Go on? [y/N]"));
    s.type("");
    REQUIRE(s.expect("Nothing was saved"));
    CHECK(s.exit_code() == 0);
  }
  {  // So does the end of input.
    terminal_session s(journal, {"checkin"});
    REQUIRE(s.expect("Go on? [y/N]"));
    REQUIRE(s.wait_for_keys());
    s.end_input();
    REQUIRE(s.expect("Nothing was saved"));
    CHECK(s.exit_code() == 0);
  }
  CHECK(journal_bytes(journal) == before);

  {  // A quick fix of the mood: nothing asked, the rest kept.
    terminal_session s(journal, {"checkin", "--mood", "8"});
    REQUIRE(s.expect("This updates the check-in you wrote for Wed 4 Mar 2026 08:00"));
    REQUIRE(s.expect("Saved check-in"));
    CHECK(s.exit_code() == 0);
    CHECK(s.screen().find("Go on?") == std::string::npos);
  }
  std::string log = run(rebuild_cmd(journal, "log --json"));
  CHECK(log.find("\"mood\": 8") != std::string::npos);
  CHECK(log.find("\"stress\": 4") != std::string::npos);
  CHECK(log.find("\"appreciation\": \"Coffee in bed\"") != std::string::npos);

  {  // "y" goes on, and only then is each part asked; what is skipped stays.
    terminal_session s(journal, {"checkin"});
    REQUIRE(s.expect("Go on? [y/N]"));
    s.type("y");
    REQUIRE(s.expect("Mood, 1 (low) to 10 (good):"));
    s.type("7");
    REQUIRE(s.expect("Stress, 1 (calm) to 10 (very stressed):"));
    s.type("3");
    REQUIRE(s.expect("One thing you appreciate:"));
    s.type("");
    REQUIRE(s.expect("Minutes you spent on it:"));
    s.type("");
    REQUIRE(s.expect("Phones away? (y/n):"));
    s.type("");
    REQUIRE(s.expect("A note, if you like:"));
    s.type("");
    REQUIRE(s.expect("Saved check-in"));
    CHECK(s.exit_code() == 0);
  }
  log = run(rebuild_cmd(journal, "log --json"));
  CHECK(log.find("\"mood\": 7") != std::string::npos);
  CHECK(log.find("\"stress\": 3") != std::string::npos);
  CHECK(log.find("\"appreciation\": \"Coffee in bed\"") != std::string::npos);
}

// Long text in $VISUAL or $EDITOR. Each editor is a small script: it records the file it was
// given (and a copy of the template), then writes into it as a person would.
namespace {

namespace fs = std::filesystem;

/// An editor script in `dir`: it keeps the path it is given in dir/path and the template in
/// dir/template, then runs `body` on "$1".
std::string editor_script(const fs::path& dir, const std::string& name, const std::string& body) {
  const fs::path path = dir / name;
  {
    std::ofstream out(path);
    out << "#!/bin/sh\n"
        << "printf '%s' \"$1\" > '" << (dir / "path").string() << "'\n"
        << "cp \"$1\" '" << (dir / "template").string() << "'\n"
        << body << "\n";
  }
  fs::permissions(path, fs::perms::owner_all);
  return path.string();
}

/// What the editor was given: its file, which must be gone, and the folder it was in.
fs::path edited_file(const fs::path& dir) { return file_bytes(dir / "path"); }

/// The entries of a folder, by name.
std::vector<std::string> left_in(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(folder)) names.push_back(e.path().filename());
  return names;
}

/// What is in `folder`, sorted, but for SQLite's -wal and -shm beside the journal, which a
/// command ended by a signal leaves as any SQLite program would.
std::vector<std::string> left_but_sqlite_files(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& name : left_in(folder))
    if (name != "journal.db-wal" && name != "journal.db-shm") names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

/// A temp folder for the editor's file, a folder for the scripts, and a journal for Dan.
struct editor_setup {
  temp_dir tmp;
  fs::path journal = tmp / "journal.db";
  fs::path scripts = tmp / "scripts";
  fs::path scratch = tmp / "tmpdir";
  editor_setup() {
    fs::create_directory(scripts);
    fs::create_directory(scratch);
    run(rebuild_cmd(journal, "init --partner Dan --partner Sam"));
  }
  terminal_session::environment env(const std::string& editor) const {
    return {{"EDITOR", editor}, {"TMPDIR", scratch.string()}};
  }
  /// The file the editor was given is gone, and nothing else is left in TMPDIR.
  void check_nothing_left() const {
    const fs::path file = edited_file(scripts);
    REQUIRE(!file.empty());
    CHECK(file.parent_path().parent_path() == scratch);
    CHECK(!fs::exists(file));
    CHECK(!fs::exists(file.parent_path()));
    CHECK(left_in(scratch).empty());
  }
};

}  // namespace

TEST_CASE("a gesture left off the line on a terminal is written in $EDITOR") {
  editor_setup t;
  const auto editor =
      editor_script(t.scripts, "write.sh",
                    "printf 'Left a note\\nin her coat pocket   \\n# not this\\n' > \"$1\"");
  terminal_session s(t.journal, {"gesture", "--as", "Dan"}, t.env(editor));
  REQUIRE(s.expect("Saved gesture"));
  CHECK(s.exit_code() == 0);

  const std::string log = run(rebuild_cmd(t.journal, "log --json"));
  CHECK(log.find("\"text\": \"Left a note\\nin her coat pocket\"") != std::string::npos);
  // The template says what to write, that # lines are left out, and how to cancel.
  const std::string tmpl = file_bytes(t.scripts / "template");
  CHECK(tmpl.rfind("\n\n# The gesture: what you did.", 0) == 0);
  CHECK(tmpl.find("# Lines starting with '#' are left out, and an empty text cancels: nothing "
                  "is saved.") != std::string::npos);
  t.check_nothing_left();
  // The file was the writer's alone.
  CHECK(edited_file(t.scripts).filename() == "rebuild-gesture.txt");
}

TEST_CASE("the editor's file is private while it is open") {
  editor_setup t;
  const auto editor =
      editor_script(t.scripts, "mode.sh",
                    "stat -c %a \"$1\" > '" + (t.scripts / "mode").string() + "'\n" +
                        "stat -c %a \"$(dirname \"$1\")\" >> '" + (t.scripts / "mode").string() +
                        "'\n" + "echo Hug > \"$1\"");
  terminal_session s(t.journal, {"gesture", "--as", "Dan"}, t.env(editor));
  REQUIRE(s.expect("Saved gesture"));
  CHECK(s.exit_code() == 0);
  CHECK(file_bytes(t.scripts / "mode") == "600\n700\n");
  t.check_nothing_left();
}

TEST_CASE("an empty text in the editor cancels: nothing saved, exit 64") {
  editor_setup t;
  run(rebuild_cmd(t.journal, "gesture Hug --as Dan"));
  const std::string before = journal_bytes(t.journal);
  SUBCASE("a file emptied") {
    const auto editor = editor_script(t.scripts, "empty.sh", ": > \"$1\"");
    terminal_session s(t.journal, {"bid", "--toward", "--as", "Dan"}, t.env(editor));
    REQUIRE(
        s.expect("rebuild: error: the bid was cancelled: its text was left empty; nothing was "
                 "saved"));
    CHECK(s.exit_code() == 64);
  }
  SUBCASE("the template left as it was: only comments") {
    const auto editor = editor_script(t.scripts, "keep.sh", "true");
    terminal_session s(t.journal, {"repair", "--as", "Dan"}, t.env(editor));
    REQUIRE(
        s.expect("rebuild: error: the repair was cancelled: its text was left empty; nothing "
                 "was saved"));
    CHECK(s.exit_code() == 64);
  }
  SUBCASE("blank lines and comments only") {
    const auto editor =
        editor_script(t.scripts, "blank.sh", "printf '  \\n\\t\\n# hi\\n' >> \"$1\"");
    terminal_session s(t.journal, {"gesture", "--as", "Dan"}, t.env(editor));
    REQUIRE(s.expect("the gesture was cancelled"));
    CHECK(s.exit_code() == 64);
  }
  CHECK(journal_bytes(t.journal) == before);
  t.check_nothing_left();
}

TEST_CASE("an editor that fails saves nothing, whatever it wrote") {
  editor_setup t;
  const std::string before = journal_bytes(t.journal);
  SUBCASE("exit 1") {
    const auto editor =
        editor_script(t.scripts, "fail.sh", "echo 'Half a thought' > \"$1\"\nexit 1");
    terminal_session s(t.journal, {"gesture", "--as", "Dan"}, t.env(editor));
    REQUIRE(s.expect("exited with status 1; the gesture was cancelled and nothing was saved"));
    CHECK(s.exit_code() == 64);
  }
  SUBCASE("Ctrl-C goes to the editor; rebuild waits for it, then saves nothing") {
    const auto editor =
        editor_script(t.scripts, "wait.sh", "echo 'Half a thought' > \"$1\"\necho ready\nsleep 5");
    terminal_session s(t.journal, {"gesture", "--as", "Dan"}, t.env(editor));
    REQUIRE(s.expect("ready"));
    // Ctrl-C: the terminal sends SIGINT to the editor and rebuild alike. Again until it
    // ends: a shell that gets it between two commands waits for the next to end first.
    bool ended = false;
    for (int i = 0; i < 20 && !ended; ++i) {
      s.send("\x03");
      ended = s.expect("was ended by Interrupt; the gesture was cancelled and nothing was saved",
                       std::chrono::milliseconds(250));
    }
    REQUIRE(ended);
    CHECK(s.exit_code() == 64);
  }
  CHECK(journal_bytes(t.journal) == before);
  t.check_nothing_left();
}

TEST_CASE("rebuild ended by SIGTERM while the editor is open leaves no file behind") {
  editor_setup t;
  const std::string before = journal_bytes(t.journal);
  const auto editor =
      editor_script(t.scripts, "slow.sh", "echo 'Half a thought' > \"$1\"\necho ready\nsleep 5");
  terminal_session s(t.journal, {"gesture", "--as", "Dan"}, t.env(editor));
  REQUIRE(s.expect("ready"));
  REQUIRE(::kill(s.pid(), SIGTERM) == 0);
  CHECK(s.end_status() == 128 + SIGTERM);
  CHECK(journal_bytes(t.journal) == before);
  const fs::path file = edited_file(t.scripts);
  CHECK(!fs::exists(file));
  CHECK(!fs::exists(file.parent_path()));
}

TEST_CASE("a folder an editor left behind (its swap file kept it) goes at the next edit") {
  editor_setup t;
  // As vim's swap file keeps a folder that SIGHUP could not remove, for a process now gone.
  const pid_t gone = ::fork();
  if (gone == 0) ::_exit(0);
  ::waitpid(gone, nullptr, 0);
  const fs::path left = t.scratch / (".edit-0123.rebuild-edit-" + std::to_string(gone));
  fs::create_directory(left);
  std::ofstream(left / ".rebuild-gesture.txt.swp") << "swap";
  // A folder of another name is not rebuild's: it stays.
  const fs::path other = t.scratch / ".edit-0123.other-1";
  fs::create_directory(other);
  const auto editor = editor_script(t.scripts, "write.sh", "echo Hug > \"$1\"");
  terminal_session s(t.journal, {"gesture", "--as", "Dan"}, t.env(editor));
  REQUIRE(s.expect("Saved gesture"));
  CHECK(s.exit_code() == 0);
  CHECK(!fs::exists(left));
  CHECK(fs::exists(other));
  fs::remove(other);
  t.check_nothing_left();
}

TEST_CASE("$VISUAL wins over $EDITOR") {
  editor_setup t;
  const auto visual = editor_script(t.scripts, "visual.sh", "echo 'From VISUAL' > \"$1\"");
  const auto editor = editor_script(t.scripts, "editor.sh", "echo 'From EDITOR' > \"$1\"");
  auto env = t.env(editor);
  env.emplace_back("VISUAL", visual);
  terminal_session s(t.journal, {"gesture", "--as", "Dan"}, env);
  REQUIRE(s.expect("Saved gesture"));
  CHECK(s.exit_code() == 0);
  const std::string log = run(rebuild_cmd(t.journal, "log --json"));
  CHECK(log.find("From VISUAL") != std::string::npos);
  CHECK(log.find("From EDITOR") == std::string::npos);
}

TEST_CASE("$EDITOR with arguments runs through the shell") {
  editor_setup t;
  // As EDITOR="code --wait": the editor's own words, then the file.
  const auto editor = editor_script(t.scripts, "args.sh", "echo \"$1 $2\" > \"$2\"");
  terminal_session s(t.journal, {"gesture", "--as", "Dan"}, t.env(editor + " --wait"));
  REQUIRE(s.expect("Saved gesture"));
  CHECK(s.exit_code() == 0);
  CHECK(run(rebuild_cmd(t.journal, "log --json")).find("\"text\": \"--wait ") != std::string::npos);
}

TEST_CASE("text from the editor is checked like any text") {
  editor_setup t;
  const std::string before = journal_bytes(t.journal);
  SUBCASE("a control character") {
    const auto editor =
        editor_script(t.scripts, "esc.sh", "printf 'Hi \\033[2J there\\n' > \"$1\"");
    terminal_session s(t.journal, {"gesture", "--as", "Dan"}, t.env(editor));
    REQUIRE(s.expect("rebuild: error: the gesture holds a control character"));
    CHECK(s.exit_code() == 65);
  }
  SUBCASE("longer than 10,000 characters") {
    const auto editor =
        editor_script(t.scripts, "long.sh", "head -c 10001 /dev/zero | tr '\\0' a > \"$1\"");
    terminal_session s(t.journal, {"gesture", "--as", "Dan"}, t.env(editor));
    REQUIRE(
        s.expect("rebuild: error: the gesture is 10001 characters long; the most a text can "
                 "hold is 10000"));
    CHECK(s.exit_code() == 65);
  }
  SUBCASE("far longer: refused without reading it all") {
    const auto editor =
        editor_script(t.scripts, "huge.sh", "head -c 5000000 /dev/zero | tr '\\0' a > \"$1\"");
    terminal_session s(t.journal, {"gesture", "--as", "Dan"}, t.env(editor));
    REQUIRE(s.expect("longer than the 10000 characters a text can hold; nothing was saved"));
    CHECK(s.exit_code() == 65);
  }
  CHECK(journal_bytes(t.journal) == before);
  t.check_nothing_left();
}

TEST_CASE("without a terminal, a missing text is exit 64 and no editor opens") {
  editor_setup t;
  const auto editor = editor_script(t.scripts, "write.sh", "echo 'Never' > \"$1\"");
  const std::string before = journal_bytes(t.journal);
  const std::string env = "EDITOR='" + editor + "' VISUAL='" + editor + "' ";
  const std::string code = "; echo \"[exit $?]\"";
  CHECK(run(env + rebuild_cmd(t.journal, "gesture --as Dan") + code) ==
        "rebuild: error: text is required; see 'rebuild gesture --help'\n[exit 64]\n");
  CHECK(run(env + rebuild_cmd(t.journal, "concern --describe x --as Dan") + code) ==
        "rebuild: error: a concern has three parts, --describe, --impact and --ask; missing: "
        "--impact, --ask\n[exit 64]\n");
  CHECK(run(env + rebuild_cmd(t.journal, "review --good x --as Dan") + code) ==
        "rebuild: error: a review has three answers: --good, --heavy and --next (or none, to see "
        "the last review)\n[exit 64]\n");
  CHECK(!fs::exists(t.scripts / "path"));
  CHECK(journal_bytes(t.journal) == before);
}

TEST_CASE("concern on a terminal: one template, three parts, those given filled in") {
  editor_setup t;
  // Words under two headings; the describe given on the line stays as it was.
  const auto editor =
      editor_script(t.scripts, "concern.sh",
                    "sed -i -e '/^# Impact:/a I shut down;\\nI felt unimportant' "
                    "-e '/^# Ask:/a Tonight, can we keep phones on the counter?' \"$1\"");
  terminal_session s(t.journal,
                     {"concern", "--as", "Dan", "--describe", "When the phone came to dinner"},
                     t.env(editor));
  REQUIRE(s.expect("Saved concern"));
  CHECK(s.exit_code() == 0);

  const std::string tmpl = file_bytes(t.scripts / "template");
  const auto describe = tmpl.find("# Describe: what happened, plainly");
  const auto impact = tmpl.find("# Impact: how it felt for you");
  const auto ask = tmpl.find("# Ask: what you ask for");
  CHECK(describe < impact);
  CHECK(impact < ask);
  CHECK(ask != std::string::npos);
  CHECK(tmpl.find("\nWhen the phone came to dinner\n") > describe);
  CHECK(tmpl.find("\nWhen the phone came to dinner\n") < impact);

  const std::string list = run(rebuild_cmd(t.journal, "--json concern list"));
  CHECK(list.find("\"describe\": \"When the phone came to dinner\"") != std::string::npos);
  CHECK(list.find("\"impact\": \"I shut down;\\nI felt unimportant\"") != std::string::npos);
  CHECK(list.find("\"ask\": \"Tonight, can we keep phones on the counter?\"") != std::string::npos);
  t.check_nothing_left();
}

TEST_CASE("concern on a terminal: a part left empty is named, and nothing is saved") {
  editor_setup t;
  const std::string before = journal_bytes(t.journal);
  const auto editor =
      editor_script(t.scripts, "two.sh", "sed -i -e '/^# Describe:/a When plans change' \"$1\"");
  terminal_session s(t.journal, {"concern", "--as", "Dan", "--impact", "I feel second"},
                     t.env(editor));
  REQUIRE(s.expect("The concern's Ask was left empty. Edit again? [Y/n] "));
  SUBCASE("no") { s.type("n"); }
  SUBCASE("the end of input") {
    REQUIRE(s.wait_for_keys());
    s.end_input();
  }
  REQUIRE(
      s.expect("rebuild: error: the concern was not saved: its Ask was left empty; write a "
               "few words under each heading"));
  CHECK(s.exit_code() == 64);
  CHECK(journal_bytes(t.journal) == before);
  t.check_nothing_left();
}

TEST_CASE("concern on a terminal: edit again keeps what was written and names what is missing") {
  editor_setup t;
  // First round: only Describe. Second: the file comes back with a note on top; fill Ask.
  const auto editor = editor_script(
      t.scripts, "again.sh",
      "if grep -q '^# Not saved yet: Impact and Ask were left empty' \"$1\"; then\n"
      "  cp \"$1\" '" +
          (t.scripts / "second").string() +
          "'\n"
          "  sed -i -e '/^# Impact:/a I feel second' -e '/^# Ask:/a Text me first?' \"$1\"\n"
          "else sed -i -e '/^# Describe:/a When plans change' \"$1\"; fi");
  terminal_session s(t.journal, {"concern", "--as", "Dan"}, t.env(editor));
  REQUIRE(s.expect("The concern's Impact and Ask were left empty. Edit again? [Y/n] "));
  s.type("");
  REQUIRE(s.expect("Saved concern"));
  CHECK(s.exit_code() == 0);
  const std::string second = file_bytes(t.scripts / "second");
  CHECK(second.rfind("# Not saved yet: Impact and Ask were left empty. Write it below its "
                     "heading, or empty the whole file to cancel.\n",
                     0) == 0);
  CHECK(second.find("\nWhen plans change\n") != std::string::npos);  // the first round's words
  const std::string list = run(rebuild_cmd(t.journal, "--json concern list"));
  CHECK(list.find("\"describe\": \"When plans change\"") != std::string::npos);
  CHECK(list.find("\"impact\": \"I feel second\"") != std::string::npos);
  CHECK(list.find("\"ask\": \"Text me first?\"") != std::string::npos);
  t.check_nothing_left();
}

TEST_CASE("on a dumb terminal with no editor set, nothing opens: exit 64") {
  editor_setup t;
  const std::string before = journal_bytes(t.journal);
  SUBCASE("TERM=dumb") {
    terminal_session s(t.journal, {"gesture", "--as", "Dan"},
                       {{"TERM", "dumb"}, {"TMPDIR", t.scratch.string()}});
    REQUIRE(
        s.expect("rebuild: error: the terminal is dumb (TERM) and neither $VISUAL nor "
                 "$EDITOR is set, so no editor can open; give the text on the command "
                 "line, or set $EDITOR; nothing was saved"));
    CHECK(s.exit_code() == 64);
  }
  SUBCASE("TERM=dumb, EDITOR set: it opens") {
    const auto editor = editor_script(t.scripts, "hug.sh", "echo Hug > \"$1\"");
    auto env = t.env(editor);
    env.emplace_back("TERM", "dumb");
    terminal_session s(t.journal, {"gesture", "--as", "Dan"}, env);
    REQUIRE(s.expect("Saved gesture"));
    CHECK(s.exit_code() == 0);
    return;
  }
  CHECK(journal_bytes(t.journal) == before);
  CHECK(left_in(t.scratch).empty());
}

TEST_CASE("concern answer on a terminal: the concern quoted, the hurdle optional") {
  editor_setup t;
  run(rebuild_cmd(t.journal,
                  "concern --as Sam --describe 'When plans change' --impact 'I feel "
                  "second' --ask 'Text me first?'"));
  const std::string list = run(rebuild_cmd(t.journal, "--json concern list"));
  const auto at = list.find("\"id\": \"") + 7;
  const std::string concern = list.substr(at, 8);
  const auto editor = editor_script(
      t.scripts, "answer.sh",
      "sed -i -e '/^# Hear:/a It stings when plans shift' -e '/^# Commit:/a I will text first' "
      "\"$1\"");
  terminal_session s(t.journal, {"concern", "answer", concern, "--as", "Dan"}, t.env(editor));
  REQUIRE(s.expect("Saved answer to a concern"));
  CHECK(s.exit_code() == 0);
  const std::string tmpl = file_bytes(t.scripts / "template");
  CHECK(tmpl.find("# Your answer to Sam's concern " + concern) != std::string::npos);
  CHECK(tmpl.find("#   > When: When plans change\n") != std::string::npos);
  CHECK(tmpl.find("#   > I felt: I feel second\n") != std::string::npos);
  CHECK(tmpl.find("# Hurdle: what you will need support with; may stay empty") !=
        std::string::npos);
  const std::string log = run(rebuild_cmd(t.journal, "--json concern list"));
  CHECK(log.find("\"hear\": \"It stings when plans shift\"") != std::string::npos);
  CHECK(log.find("\"commit_to\": \"I will text first\"") != std::string::npos);
  CHECK(log.find("\"hurdle\": null") != std::string::npos);
  t.check_nothing_left();
}

TEST_CASE("goal and review on a terminal: the sentences left out are written in the editor") {
  editor_setup t;
  SUBCASE("goal") {
    const auto editor = editor_script(
        t.scripts, "goal.sh", "sed -i -e '/^# Outcome:/a We talk about us twice a week.' \"$1\"");
    terminal_session s(t.journal,
                       {"goal", "--as", "Dan", "--problem", "Only logistics.", "--months", "3"},
                       t.env(editor));
    REQUIRE(s.expect("Saved goal"));
    CHECK(s.exit_code() == 0);
    CHECK(file_bytes(t.scripts / "template").find("the outcome you want in 3 months") !=
          std::string::npos);
    const std::string goals = run(rebuild_cmd(t.journal, "--json goal"));
    CHECK(goals.find("\"problem\": \"Only logistics.\"") != std::string::npos);
    CHECK(goals.find("\"outcome\": \"We talk about us twice a week.\"") != std::string::npos);
  }
  SUBCASE("review") {
    const auto editor = editor_script(
        t.scripts, "review.sh",
        "sed -i -e '/^# Heavy:/a Bedtime logistics' -e '/^# Next:/a Phones out of the bedroom' "
        "\"$1\"");
    terminal_session s(t.journal, {"review", "--as", "Dan", "--good", "Sunday walks"},
                       t.env(editor));
    REQUIRE(s.expect("Saved quarterly review"));
    CHECK(s.exit_code() == 0);
    const std::string log = run(rebuild_cmd(t.journal, "log --json"));
    CHECK(log.find("\"good\": \"Sunday walks\"") != std::string::npos);
    CHECK(log.find("\"heavy\": \"Bedtime logistics\"") != std::string::npos);
    CHECK(log.find("\"next\": \"Phones out of the bedroom\"") != std::string::npos);
  }
  t.check_nothing_left();
}

TEST_CASE("timeout list and concern list go through $PAGER on a terminal, as log does") {
  editor_setup t;
  run(rebuild_cmd(t.journal, "timeout 'I need a pause' --as Dan"));
  run(rebuild_cmd(t.journal,
                  "concern --as Sam --describe 'When plans change' --impact 'I feel "
                  "second' --ask 'Text me first?'"));
  const fs::path paged = t.tmp / "paged";
  const terminal_session::environment env{{"PAGER", "cat > '" + paged.string() + "'"}};
  for (const auto& [list, words] :
       {std::pair<std::string, std::string>{"timeout", "\"I need a pause\""},
        {"concern", "Could we: Text me first?"}}) {
    CAPTURE(list);
    fs::remove(paged);
    {
      terminal_session s(t.journal, {list, "list"}, env);
      CHECK(s.exit_code() == 0);
      CHECK(s.screen().find(words) == std::string::npos);  // the pager had it, not the screen
    }
    CHECK(file_bytes(paged).find(words) != std::string::npos);
    fs::remove(paged);
    {
      terminal_session s(t.journal, {list, "list", "--no-pager"}, env);
      REQUIRE(s.expect(words));
      CHECK(s.exit_code() == 0);
    }
    CHECK(!fs::exists(paged));
    // A pipe never gets a pager.
    const std::string piped =
        run("PAGER=\"cat > '" + paged.string() + "'\" " + rebuild_cmd(t.journal, list + " list"));
    CHECK(piped.find(words) != std::string::npos);
    CHECK(!fs::exists(paged));
  }
}

TEST_CASE("story on a terminal: one template, a heading a part, those given filled in") {
  editor_setup t;
  const auto editor = editor_script(t.scripts, "story.sh",
                                    "sed -i -e '/^# Needed:/a To feel that I matter' "
                                    "-e '/^# Possible:/a A call when plans change' \"$1\"");
  terminal_session s(
      t.journal,
      {"story", "--as", "Sam", "--title", "The dinner", "--happened", "I came home at nine"},
      t.env(editor));
  REQUIRE(s.expect("Saved story"));
  CHECK(s.exit_code() == 0);
  const std::string tmpl = file_bytes(t.scripts / "template");
  const auto happened = tmpl.find("# Happened: what happened, as events");
  const auto needed = tmpl.find("# Needed: the need of yours that went unmet");
  const auto possible = tmpl.find("# Possible: what is still possible between you");
  CHECK(happened < needed);
  CHECK(needed < possible);
  CHECK(possible != std::string::npos);
  CHECK(tmpl.find("not a verdict on anyone's character") != std::string::npos);
  CHECK(tmpl.find("\nI came home at nine\n") > happened);
  const std::string list = run(rebuild_cmd(t.journal, "--json story"));
  CHECK(list.find("\"needed\": \"To feel that I matter\"") != std::string::npos);
  CHECK(list.find("\"possible\": \"A call when plans change\"") != std::string::npos);
  t.check_nothing_left();
}

TEST_CASE("repair on a terminal: a sequence left half-written opens all four parts") {
  editor_setup t;
  const auto editor =
      editor_script(t.scripts, "repair.sh",
                    "sed -i -e '/^# Reassurance:/a I was overwhelmed, not leaving' "
                    "-e '/^# Commitment:/a I say pause and stay in the room' \"$1\"");
  terminal_session s(
      t.journal,
      {"repair", "About last night", "--apology", "I'm sorry I walked out", "--as", "Dan"},
      t.env(editor));
  REQUIRE(s.expect("The full sequence: apology, reassurance, commitment."));
  CHECK(s.exit_code() == 0);
  const std::string tmpl = file_bytes(t.scripts / "template");
  CHECK(tmpl.find("\nAbout last night\n") < tmpl.find("# Apology:"));
  CHECK(tmpl.find("\nI'm sorry I walked out\n") > tmpl.find("# Apology:"));
  const std::string log = run(rebuild_cmd(t.journal, "log --json"));
  CHECK(log.find("\"reassurance\": \"I was overwhelmed, not leaving\"") != std::string::npos);
  CHECK(log.find("\"commitment\": \"I say pause and stay in the room\"") != std::string::npos);
  t.check_nothing_left();
}

TEST_CASE("thought --find-evidence on a terminal: the person picks, by number") {
  editor_setup t;
  run(rebuild_cmd(t.journal,
                  "checkin --as Sam --mood 7 --stress 3 --appreciation 'You made "
                  "coffee' --date yesterday"));
  run(rebuild_cmd(t.journal, "bid 'The photo' --toward --as Dan --date -2d"));
  run(rebuild_cmd(t.journal, "repair 'Sorry for my tone' --accepted --as Sam --date -3d"));
  terminal_session s(t.journal, {"thought", "We'll never recover", "--find-evidence", "--reframe",
                                 "We are recovering", "--as", "Dan"});
  REQUIRE(s.expect("1. Sam appreciated: \"You made coffee\""));
  REQUIRE(s.expect("3. Sam repaired, and you accepted: \"Sorry for my tone\""));
  REQUIRE(s.expect("Which speak against the thought?"));
  s.type("4");  // not offered: asked again
  REQUIRE(s.expect("pick numbers from 1 to 3"));
  REQUIRE(s.expect("Which speak against the thought?"));
  s.type("3 1");
  REQUIRE(s.expect("Saved thought"));
  CHECK(s.exit_code() == 0);
  const std::string list = run(rebuild_cmd(t.journal, "--json thought"));
  CHECK(list.find("\"evidence\": \"Sam repaired, and you accepted: \\\"Sorry for my tone\\\" "
                  "(2026-03-01)\\nSam appreciated: \\\"You made coffee\\\" (2026-03-03)\"") !=
        std::string::npos);
  CHECK(list.find("\"reframe\": \"We are recovering\"") != std::string::npos);
}

TEST_CASE("thought --find-evidence on a terminal: Enter picks none, and the editor asks") {
  editor_setup t;
  run(rebuild_cmd(t.journal,
                  "checkin --as Sam --mood 7 --stress 3 --appreciation 'You made "
                  "coffee' --date yesterday"));
  const auto editor = editor_script(t.scripts, "evidence.sh",
                                    "sed -i -e '/^# Evidence:/a We laughed on Sunday' \"$1\"");
  terminal_session s(t.journal, {"thought", "I'm a burden", "--find-evidence", "--as", "Dan"},
                     t.env(editor));
  REQUIRE(s.expect("Which speak against the thought?"));
  s.type("");
  REQUIRE(s.expect("Saved thought"));
  CHECK(s.exit_code() == 0);
  const std::string list = run(rebuild_cmd(t.journal, "--json thought"));
  CHECK(list.find("\"evidence\": \"We laughed on Sunday\"") != std::string::npos);
  CHECK(list.find("\"reframe\": null") != std::string::npos);
  t.check_nothing_left();
}

TEST_CASE("thought --find-evidence on a terminal: Ctrl-D at the question saves nothing") {
  editor_setup t;
  run(rebuild_cmd(t.journal,
                  "checkin --as Sam --mood 7 --stress 3 --appreciation 'You made "
                  "coffee' --date yesterday"));
  terminal_session s(t.journal, {"thought", "I'm a burden", "--find-evidence", "--as", "Dan"});
  REQUIRE(s.expect("Which speak against the thought?"));
  REQUIRE(s.wait_for_keys());
  s.end_input();
  CHECK(s.exit_code() == 64);
  CHECK(run(rebuild_cmd(t.journal, "--json thought")).find("\"thoughts\": []") !=
        std::string::npos);
}

TEST_CASE("passphrase set on a terminal: asked twice, never shown") {
  editor_setup t;
  terminal_session s(t.journal, {"passphrase", "set", "--as", "Dan"});
  REQUIRE(s.expect("A new passphrase for Dan:"));
  CHECK_FALSE(s.echo_on());
  s.type("correct horse battery");
  REQUIRE(s.expect("The same again, to be sure:"));
  s.type("correct horse battery");
  REQUIRE(s.expect("Set Dan's passphrase."));
  CHECK(s.exit_code() == 0);
  CHECK(s.screen().find("correct horse") == std::string::npos);
  CHECK(s.echo_on());
  CHECK(run(rebuild_cmd(t.journal, "--json passphrase")).find("\"set\": true") !=
        std::string::npos);
}

TEST_CASE("passphrase set on a terminal: two that differ save nothing") {
  editor_setup t;
  terminal_session s(t.journal, {"passphrase", "set", "--as", "Dan"});
  REQUIRE(s.expect("A new passphrase for Dan:"));
  s.type("correct horse battery");
  REQUIRE(s.expect("The same again, to be sure:"));
  s.type("correct horse batterz");
  REQUIRE(s.expect("the two passphrases were not the same; nothing was saved"));
  CHECK(s.exit_code() == 65);
  CHECK(run(rebuild_cmd(t.journal, "--json passphrase")).find("\"set\": true") ==
        std::string::npos);
}

TEST_CASE("passphrase prompt ended with Ctrl-C: the terminal echoes again, nothing saved") {
  editor_setup t;
  terminal_session s(t.journal, {"passphrase", "set", "--as", "Dan"});
  REQUIRE(s.expect("A new passphrase for Dan:"));
  CHECK_FALSE(s.echo_on());
  s.send("secret");
  REQUIRE(s.wait_until_reading());
  s.send("\x03");
  CHECK(s.end_status() == 128 + SIGINT);
  CHECK(s.echo_on());
  CHECK(run(rebuild_cmd(t.journal, "--json passphrase")).find("\"set\": true") ==
        std::string::npos);
}

TEST_CASE("backup --encrypt on a terminal: asked twice, never shown; restore asks once") {
  editor_setup t;
  const fs::path backup = t.tmp / "backup.db.enc";
  {
    terminal_session s(t.journal, {"backup", backup.string(), "--encrypt"});
    REQUIRE(s.expect("A passphrase for the backup:"));
    CHECK_FALSE(s.echo_on());
    s.type("a long walk by the sea");
    REQUIRE(s.expect("The same again, to be sure:"));
    s.type("a long walk by the sea");
    REQUIRE(s.expect("encrypted with the passphrase you gave"));
    CHECK(s.exit_code() == 0);
    CHECK(s.screen().find("long walk") == std::string::npos);
    CHECK(s.echo_on());
  }
  terminal_session s(t.journal, {"restore", backup.string()});
  REQUIRE(s.expect("The backup's passphrase:"));
  CHECK_FALSE(s.echo_on());
  s.type("a long walk by the sea");
  REQUIRE(s.expect("Restored the journal from"));
  CHECK(s.exit_code() == 0);
  CHECK(s.screen().find("The same again") == std::string::npos);
  CHECK(s.screen().find("long walk") == std::string::npos);
}

TEST_CASE("backup --encrypt on a terminal: two passphrases that differ write nothing") {
  editor_setup t;
  const fs::path backup = t.tmp / "backup.db.enc";
  const auto before = left_but_sqlite_files(t.tmp.path);
  terminal_session s(t.journal, {"backup", backup.string(), "--encrypt"});
  REQUIRE(s.expect("A passphrase for the backup:"));
  s.type("a long walk by the sea");
  REQUIRE(s.expect("The same again, to be sure:"));
  s.type("a long walk by the see");
  REQUIRE(s.expect("the two passphrases were not the same"));
  CHECK(s.exit_code() == 65);
  CHECK(left_but_sqlite_files(t.tmp.path) == before);
}

TEST_CASE("restore's passphrase prompt ended with Ctrl-C: no scratch copy left, the journal kept") {
  editor_setup t;
  const fs::path backup = t.tmp / "backup.db.enc";
  run("echo 'a long walk by the sea' | REBUILD_NOW=2026-03-04T08:00 " +
      std::string(REBUILD_BINARY) + " --journal '" + t.journal.string() + "' backup '" +
      backup.string() + "' --encrypt --passphrase-fd 0");
  REQUIRE(fs::exists(backup));
  const auto before = left_but_sqlite_files(t.tmp.path);
  terminal_session s(t.journal, {"restore", backup.string()});
  REQUIRE(s.expect("The backup's passphrase:"));
  s.send("a long");
  REQUIRE(s.wait_until_reading());
  s.send("\x03");
  CHECK(s.end_status() == 128 + SIGINT);
  CHECK(s.echo_on());
  // Nothing of rebuild's own: no scratch folder (.journal.db.rebuild-scratch-PID).
  CHECK(left_but_sqlite_files(t.tmp.path) == before);
  CHECK(run(rebuild_cmd(t.journal, "log")).find("No entries yet") != std::string::npos);
}

TEST_CASE("export --encrypt will not write its bytes to a terminal") {
  editor_setup t;
  terminal_session s(t.journal, {"export", "--encrypt"});
  REQUIRE(s.expect("use --output FILE"));
  CHECK(s.exit_code() == 64);
  CHECK(s.screen().find("passphrase") == std::string::npos);
}

// ---- the inventory ---------------------------------------------------------------------------

namespace {

/// Dan and Sam, each with a passphrase (given on a descriptor, from a file).
struct inventory_setup : editor_setup {
  inventory_setup() {
    for (const auto& [who, words] : {std::pair<std::string, std::string>{"Dan", "dan's own words"},
                                     {"Sam", "sam's own words"}}) {
      const fs::path file = tmp / (who + ".pass");
      std::ofstream(file) << words << "\n";
      passes[who] = file;
      run(rebuild_cmd(
          journal, "passphrase set --as " + who + " --passphrase-fd 3 3< '" + file.string() + "'"));
    }
  }
  /// `inventory ARGS` for `who`, their passphrase on descriptor 3.
  std::string as(const std::string& who, const std::string& args) {
    return run(rebuild_cmd(
        journal, args + " --as " + who + " --passphrase-fd 3 3< '" + passes[who].string() + "'"));
  }
  std::string answers_of(const std::string& who) { return as(who, "--json inventory"); }
  std::map<std::string, fs::path> passes;
};

/// Every starter item, each answered `answer`.
std::string all_answered(const std::string& answer) {
  std::string out;
  for (int i = 1; i <= 40; ++i) out += (i < 10 ? " s0" : " s") + std::to_string(i) + " " + answer;
  return out;
}

}  // namespace

TEST_CASE("inventory answer on a terminal: the unanswered items in turn; q saves what was given") {
  inventory_setup t;
  t.as("Dan", "inventory answer s01 yes");
  terminal_session s(t.journal, {"inventory", "answer", "--as", "Dan"});
  REQUIRE(s.expect("Dan, your passphrase:"));
  CHECK_FALSE(s.echo_on());
  s.type("dan's own words");
  REQUIRE(s.expect("39 items to answer"));
  REQUIRE(s.expect("[1/39] s02"));  // s01 is answered already: not asked again
  s.type("y");
  REQUIRE(s.expect("[2/39] s03"));
  s.type("n");
  REQUIRE(s.expect("[3/39] s04"));
  s.type("maybe");
  REQUIRE(s.expect("[4/39] s05"));
  s.type("perhaps");  // not an answer: asked again, calmly
  REQUIRE(s.expect("Please answer y, n, m or s (or q to stop)."));
  REQUIRE(s.expect("[4/39] s05"));
  s.type("s");
  REQUIRE(s.expect("[5/39] s06"));
  s.type("q");
  REQUIRE(s.expect("Saved your answers to 3 items. You have answered 4 of 40"));
  CHECK(s.exit_code() == 0);
  CHECK(s.screen().find("s07") == std::string::npos);

  const std::string mine = t.answers_of("Dan");
  CHECK(mine.find("\"answered\": 4") != std::string::npos);
  const auto answer_of = [&](const std::string& key) {
    const auto at = mine.find("\"item\": \"" + key + "\"");
    REQUIRE(at != std::string::npos);
    const auto a = mine.find("\"answer\": ", at);
    return mine.substr(a + 10, mine.find_first_of(",\n}", a + 10) - a - 10);
  };
  CHECK(answer_of("s01") == "\"yes\"");
  CHECK(answer_of("s02") == "\"yes\"");
  CHECK(answer_of("s03") == "\"no\"");
  CHECK(answer_of("s04") == "\"maybe\"");
  CHECK(answer_of("s05") == "null");  // skipped: still unanswered
  CHECK(answer_of("s06") == "null");
}

TEST_CASE("inventory answer --again: every item, the answer now shown, changed at the prompt") {
  inventory_setup t;
  t.as("Dan", "inventory answer s01 yes s02 no");
  terminal_session s(t.journal, {"inventory", "answer", "--again", "--as", "Dan"});
  REQUIRE(s.expect("Dan, your passphrase:"));
  s.type("dan's own words");
  REQUIRE(s.expect("40 items to answer"));
  REQUIRE(s.expect("[1/40] s01"));
  REQUIRE(s.expect("(now: yes)"));  // as given: kept with s
  s.type("s");
  REQUIRE(s.expect("[2/40] s02"));
  REQUIRE(s.expect("(now: no)"));
  s.type("maybe");  // changed here, never typed where `ps` or the shell's history keep it
  REQUIRE(s.expect("[3/40] s03"));
  s.type("q");
  REQUIRE(s.expect("Saved your answer to s02"));
  CHECK(s.exit_code() == 0);
  const std::string mine = t.answers_of("Dan");
  CHECK(mine.find("\"answered\": 2") != std::string::npos);
  const auto s02 = mine.find("\"item\": \"s02\"");
  REQUIRE(s02 != std::string::npos);
  CHECK(mine.find("\"answer\": \"maybe\"", s02) < mine.find("\"item\": \"s03\""));
}

TEST_CASE("inventory answer on a terminal: Ctrl-C or Ctrl-D on the way saves nothing") {
  inventory_setup t;
  for (const std::string end : {"ctrl-c", "ctrl-d"}) {
    CAPTURE(end);
    terminal_session s(t.journal, {"inventory", "answer", "--as", "Sam"});
    REQUIRE(s.expect("Sam, your passphrase:"));
    s.type("sam's own words");
    REQUIRE(s.expect("[1/40] s01"));
    s.type("y");
    REQUIRE(s.expect("[2/40] s02"));
    REQUIRE(s.expect("skip? "));  // the prompt itself: the line is being read
    REQUIRE(s.wait_for_keys());
    if (end == "ctrl-c") {
      s.send("\x03");
      CHECK(s.end_status() == 128 + SIGINT);
    } else {
      s.end_input();
      CHECK(s.exit_code() == 64);
      CHECK(s.screen().find("cancelled; nothing was saved") != std::string::npos);
    }
    CHECK(t.answers_of("Sam").find("\"answered\": 0") != std::string::npos);
  }
}

TEST_CASE("inventory match on a terminal asks each partner by name, then shows the yeses") {
  inventory_setup t;
  t.as("Dan", "inventory answer" + all_answered("no") + " s03 yes s07 yes s20 maybe");
  t.as("Sam", "inventory answer" + all_answered("no") + " s07 yes s20 yes s03 maybe");
  terminal_session s(t.journal, {"inventory", "match", "--as", "Sam"});
  REQUIRE(s.expect("Sam, your passphrase:"));
  CHECK_FALSE(s.echo_on());
  s.type("sam's own words");
  REQUIRE(s.expect("Dan, your passphrase:"));
  s.type("dan's own words");
  REQUIRE(s.expect("Where you meet"));
  CHECK(s.exit_code() == 0);
  CHECK(s.screen().find("s07") != std::string::npos);
  CHECK(s.screen().find("s03") == std::string::npos);  // a yes and a maybe: not shown
  CHECK(s.screen().find("s20") == std::string::npos);
  CHECK(s.screen().find("dan's own words") == std::string::npos);
}

TEST_CASE("inventory match on a terminal: a wrong passphrase shows nothing") {
  inventory_setup t;
  t.as("Dan", "inventory answer" + all_answered("yes"));
  t.as("Sam", "inventory answer" + all_answered("yes"));
  terminal_session s(t.journal, {"inventory", "match", "--as", "Dan"});
  REQUIRE(s.expect("Dan, your passphrase:"));
  s.type("dan's own words");
  REQUIRE(s.expect("Sam, your passphrase:"));
  s.type("dan's own words");
  REQUIRE(s.expect("that is not Sam's passphrase; nothing is shown"));
  CHECK(s.exit_code() == 65);
  CHECK(s.screen().find("s01") == std::string::npos);
}

TEST_CASE("every read on a colour terminal paints real colours and shows no escape as text") {
  // The report once printed `\x1b[1m` as text around its headings: its renderer painted with
  // fmt directly, and the terminal filter (rightly) escaped an ESC it did not know as
  // rebuild's own. Every read runs here as a person runs it, on a terminal that says it has
  // colour, with words in the journal for each to show.
  editor_setup t;
  for (const char* line :
       {"goal --as Dan --problem 'We drift apart' --outcome 'We talk each evening'",
        "checkin --as Dan --mood 7 --stress 3 --appreciation 'the soup' --minutes 15",
        "gesture --as Sam 'a note in the bag'", "gesture --as Sam 'a \u202e gnp.exe'",
        "bid --as Dan 'look at this' --toward", "repair --as Sam 'I was short, sorry' --accepted",
        "timeout --as Dan 'I need a pause'",
        "concern --as Sam --describe 'When plans change' --impact 'I feel second' --ask 'Text?'",
        "ritual add --as Dan 'Thursday walk' --every thu",
        "rules add --as Dan --red-line 'No "
        "name-calling'",
        "tasks add --as Sam 'Bins' --owner Sam --load 2"}) {
    CAPTURE(line);
    REQUIRE(run(rebuild_cmd(t.journal, line)).find("error") == std::string::npos);
  }
  const terminal_session::environment colour{
      {"TERM", "xterm-256color"}, {"NO_COLOR", ""}, {"PAGER", "cat"}, {"COLUMNS", "80"}};
  const std::vector<std::vector<std::string>> reads{{"report"},
                                                    {"report", "--week", "last"},
                                                    {"log"},
                                                    {"plan"},
                                                    {"goal"},
                                                    {"due"},
                                                    {"stage"},
                                                    {"tasks"},
                                                    {"ritual"},
                                                    {"rules"},
                                                    {"review"},
                                                    {"timeout", "list"},
                                                    {"concern", "list"},
                                                    {"conflicts"},
                                                    {"config"},
                                                    {"trigger"},
                                                    {"thought"},
                                                    {"transparency"},
                                                    {"therapy"},
                                                    {"story"}};
  for (const auto& args : reads) {
    std::string shown;
    for (const auto& a : args) shown += a + " ";
    CAPTURE(shown);
    std::vector<std::string> full{"--as", "Dan"};
    full.insert(full.end(), args.begin(), args.end());
    terminal_session s(t.journal, full, colour);
    const int code = s.exit_code();
    CHECK((code == 0 || (args[0] == "due" && code == 1)));
    const std::string& screen = s.screen();
    CHECK(screen.find("\\x1b") == std::string::npos);  // an escape shown as text
    CHECK(screen.find("\\x1B") == std::string::npos);
    CHECK(screen.find("error") == std::string::npos);
    // Every ESC that reached the terminal starts one of the colours rebuild paints
    // (ESC [ digits and semicolons m), nothing else.
    for (std::size_t at = screen.find('\x1b'); at != std::string::npos;
         at = screen.find('\x1b', at + 1)) {
      std::size_t end = at + 1;
      bool sgr = end < screen.size() && screen[end] == '[';
      for (++end; sgr && end < screen.size() && screen[end] != 'm'; ++end)
        sgr = std::isdigit(static_cast<unsigned char>(screen[end])) != 0 || screen[end] == ';';
      CHECK_MESSAGE(sgr, "not a colour: " << screen.substr(at, 12));
    }
    if (args[0] == "report")
      CHECK(screen.find("\x1b[1mGoals\x1b[0m") != std::string::npos);  // bold, as painted
    if (args[0] == "log") {
      // A bidirectional override in the journal's words is shown, never obeyed.
      CHECK(screen.find("a \\u202e gnp.exe") != std::string::npos);
      CHECK(screen.find("\u202e") == std::string::npos);
    }
    if (args.size() == 1 && (args[0] == "report" || args[0] == "goal"))
      CHECK(screen.find("We talk each evening") != std::string::npos);
  }
}

TEST_CASE("private words never go to an editor: refused before anything is asked, nothing left") {
  editor_setup t;
  run("printf 'dan secret words\\n' > '" + (t.tmp / "pass").string() + "'");
  run(rebuild_cmd(t.journal, "passphrase set --as Dan --passphrase-fd 3 3< '" +
                                 (t.tmp / "pass").string() + "'"));
  const std::string before = journal_bytes(t.journal);
  const auto editor = editor_script(t.scripts, "never.sh",
                                    "echo opened > '" + (t.scripts / "opened").string() + "'");
  SUBCASE("a private gesture") {
    terminal_session s(t.journal, {"gesture", "--as", "Dan", "--private"}, t.env(editor));
    REQUIRE(s.expect("private words never go to an editor"));
    CHECK(s.exit_code() == 64);
    // Refused before the passphrase was asked.
    CHECK(s.screen().find("passphrase:") == std::string::npos);
  }
  SUBCASE("a private repair, its parts left out") {
    terminal_session s(t.journal, {"repair", "--as", "Dan", "--private"}, t.env(editor));
    REQUIRE(s.expect("private words never go to an editor"));
    CHECK(s.exit_code() == 64);
  }
  CHECK_FALSE(fs::exists(t.scripts / "opened"));  // the editor never ran
  CHECK(left_in(t.scratch).empty());              // and no file was made for it
  CHECK(journal_bytes(t.journal) == before);
}

TEST_CASE("private words typed on standard input, as the README shows: sealed, in no file") {
  editor_setup t;
  run("printf 'dan secret words\n' > '" + (t.tmp / "pass").string() + "'");
  run(rebuild_cmd(t.journal, "passphrase set --as Dan --passphrase-fd 3 3< '" +
                                 (t.tmp / "pass").string() + "'"));
  terminal_session s(t.journal, {"gesture", "-", "--as", "Dan", "--private"},
                     t.env(editor_script(t.scripts, "never.sh", "exit 1")));
  s.type("Left a PELICAN note");
  s.end_input();
  REQUIRE(s.expect("Dan's passphrase:"));
  CHECK_FALSE(s.echo_on());
  s.type("dan secret words");
  REQUIRE(s.expect("Saved private gesture"));
  CHECK(s.exit_code() == 0);
  CHECK(left_in(t.scratch).empty());
  CHECK(journal_bytes(t.journal).find("PELICAN") == std::string::npos);
}

TEST_CASE("Ctrl-Z at the passphrase prompt: the terminal echoes while stopped; asked again after") {
  editor_setup t;
  terminal_session s(t.journal, {"passphrase", "set", "--as", "Dan"}, {{"job control", ""}});
  REQUIRE(s.expect("A new passphrase for Dan:"));
  CHECK_FALSE(s.echo_on());
  s.send("half\x1a");  // Ctrl-Z, as a person suspends it to do something else
  REQUIRE(s.expect("[stopped]"));
  CHECK(s.echo_on());  // the shell the person is back at shows what they type
  s.type("fg");
  REQUIRE(s.expect("A new passphrase for Dan:"));  // asked again, from the start
  CHECK_FALSE(s.echo_on());
  s.type("correct horse battery");
  REQUIRE(s.expect("The same again, to be sure:"));
  s.type("correct horse battery");
  REQUIRE(s.expect("Set Dan's passphrase."));
  CHECK(s.exit_code() == 0);
  CHECK(s.screen().find("correct horse") == std::string::npos);
  CHECK(s.screen().find("half") == std::string::npos);
  CHECK(run(rebuild_cmd(t.journal, "--json passphrase")).find("\"set\": true") !=
        std::string::npos);
}

TEST_CASE("prompts edit as in a shell: Left, Ctrl-A, Ctrl-E, and Up for an earlier answer") {
  temp_dir tmp;
  const auto journal = tmp / "journal.db";
  run(rebuild_cmd(journal, "init --partner Dan"));
  terminal_session s(journal, {"checkin", "--minutes", "10", "--phones-away"}, {{"TERM", "xterm"}});
  REQUIRE(s.expect("Mood, 1 (low) to 10 (good):"));
  REQUIRE(s.wait_for_keys());
  s.send("5\x1b[D7\r");  // 5, Left, 7 before it: 75, out of range, asked again
  REQUIRE(s.expect("Please give a whole number from 1 to 10."));
  REQUIRE(s.expect("Mood, 1 (low) to 10 (good):"));
  REQUIRE(s.wait_for_keys());
  s.send("\x1b[A\x01\x1b[C\x7f\x05\r");  // Up: 75 again; Ctrl-A, Right, Backspace: 5; Ctrl-E
  REQUIRE(s.expect("Stress, 1 (calm) to 10 (very stressed):"));
  s.type("3");
  REQUIRE(s.expect("One thing you appreciate:"));
  REQUIRE(s.wait_for_keys());
  s.send("coffee in bed \xc3\xa9t\xc3\xa9\x01The \r");  // an accent, then Ctrl-A to type before
  REQUIRE(s.expect("A note, if you like:"));
  s.type("");
  REQUIRE(s.expect("Saved check-in"));
  CHECK(s.exit_code() == 0);
  const std::string log = run(rebuild_cmd(journal, "log --json"));
  CHECK(log.find("\"mood\": 5") != std::string::npos);
  CHECK(log.find("The coffee in bed \xc3\xa9t\xc3\xa9") != std::string::npos);
  CHECK(s.screen().find("^[[D") == std::string::npos);  // never typed in as text
}

TEST_CASE("the report through the pager on a terminal: $PAGER, else Debian's pager; --no-pager") {
  editor_setup t;
  run(rebuild_cmd(t.journal, "goal --as Dan --problem 'We drift.' --outcome 'We talk daily.'"));
  const fs::path paged = t.tmp / "paged";
  {
    terminal_session s(t.journal, {"report"}, {{"PAGER", "cat > '" + paged.string() + "'"}});
    CHECK(s.exit_code() == 0);
    CHECK(s.screen().find("We talk daily.") == std::string::npos);
  }
  CHECK(file_bytes(paged).find("We talk daily.") != std::string::npos);
  fs::remove(paged);
  {
    terminal_session s(t.journal, {"report", "--no-pager"},
                       {{"PAGER", "cat > '" + paged.string() + "'"}});
    REQUIRE(s.expect("We talk daily."));
    CHECK(s.exit_code() == 0);
  }
  CHECK(!fs::exists(paged));
  // No $PAGER: Debian's `pager` (its alternative) when it is on PATH, before less; and with
  // neither, straight to the terminal (never to a pager that is not there).
  const fs::path debian_pager = t.scripts / "pager";
  {
    std::ofstream script(debian_pager);
    script << "#!/bin/sh\ncat > '" << paged.string() << "'\n";
  }
  fs::permissions(debian_pager, fs::perms::owner_all);
  {
    terminal_session s(t.journal, {"report"},
                       {{"-PAGER", ""}, {"PATH", t.scripts.string() + ":/usr/bin:/bin"}});
    CHECK(s.exit_code() == 0);
    CHECK(s.screen().find("We talk daily.") == std::string::npos);
  }
  CHECK(file_bytes(paged).find("We talk daily.") != std::string::npos);
  {
    terminal_session s(t.journal, {"report"}, {{"-PAGER", ""}, {"PATH", t.scratch.string()}});
    REQUIRE(s.expect("We talk daily."));
    CHECK(s.exit_code() == 0);
  }
}

TEST_CASE("colour: none for TERM=dumb; --color always through a pipe; --color never") {
  editor_setup t;
  run(rebuild_cmd(t.journal, "goal --as Dan --problem 'We drift.' --outcome 'We talk daily.'"));
  {
    terminal_session s(t.journal, {"report"}, {{"TERM", "dumb"}, {"NO_COLOR", ""}});
    REQUIRE(s.expect("We talk daily."));
    s.exit_code();
    CHECK(s.screen().find('\x1b') == std::string::npos);
  }
  {
    terminal_session s(t.journal, {"report", "--color", "never"},
                       {{"TERM", "xterm-256color"}, {"NO_COLOR", ""}});
    REQUIRE(s.expect("We talk daily."));
    s.exit_code();
    CHECK(s.screen().find('\x1b') == std::string::npos);
  }
  const std::string piped = run("NO_COLOR= " + rebuild_cmd(t.journal, "report --color=always"));
  CHECK(piped.find("\x1b[1mGoals\x1b[0m") != std::string::npos);
  CHECK(piped.find('\x01') == std::string::npos);  // rebuild's own mark never leaks
  CHECK(run(rebuild_cmd(t.journal, "report")).find('\x1b') == std::string::npos);
}

namespace {

/// An export of the editor_setup's journal (its header, partners and settings) with `count`
/// gestures of Dan's after them, at `file`.
void many_gestures(const editor_setup& t, const fs::path& file, int count) {
  run(rebuild_cmd(t.journal, "gesture --as Dan Tea"));
  run(rebuild_cmd(t.journal, "export") + " | head -n 6 > '" + file.string() + "'");
  run("python3 -c 'import json, uuid\nfor i in range(" + std::to_string(count) +
      "): print(json.dumps({\"type\": "
      "\"entry\", \"id\": str(uuid.uuid4()), \"kind\": \"gesture\", \"author\": \"Dan\", "
      "\"date\": \"2026-03-02\", \"time\": \"08:00\", \"at\": \"2026-03-02T07:00:00Z\", "
      "\"created\": \"2026-03-02T07:00:00Z\", \"updated\": \"2026-03-02T07:00:00Z\", "
      "\"deleted\": False, \"fields\": {\"text\": \"Tea %d\" % i}}))' >> '" +
      file.string() + "'");
}

}  // namespace

TEST_CASE("a long import shows progress on a terminal, then clears it; a pipe never gets it") {
  editor_setup t;
  const fs::path big = t.tmp / "big.jsonl";
  // The header, partners and settings of a real export, then 40,000 gestures: over a second.
  many_gestures(t, big, 40000);
  const fs::path other = t.tmp / "other.db";
  run(rebuild_cmd(other, "init --partner Dan --partner Sam"));
  {
    terminal_session s(other, {"import", big.string()});
    REQUIRE(s.expect("lines read", std::chrono::milliseconds(60000)));
    REQUIRE(s.expect("Folded in", std::chrono::milliseconds(120000)));
    CHECK(s.exit_code() == 0);
    CHECK(s.screen().find("\r\x1b[KFolded in") != std::string::npos);  // the line taken away
  }
  const fs::path third = t.tmp / "third.db";
  run(rebuild_cmd(third, "init --partner Dan --partner Sam"));
  const std::string piped = run(rebuild_cmd(third, "import '" + big.string() + "'"));
  CHECK(piped.find("Folded in") != std::string::npos);
  CHECK(piped.find("lines read") == std::string::npos);
}

TEST_CASE("a long sync or restore shows progress on a terminal, then clears it") {
  // REBUILD_PROGRESS_DELAY=0 (as git's GIT_PROGRESS_DELAY=0): shown at once, so 10,000
  // entries are enough to see it; without a terminal it never shows.
  const terminal_session::environment at_once{{"REBUILD_PROGRESS_DELAY", "0"}};
  editor_setup t;
  const fs::path big = t.tmp / "big.jsonl";
  many_gestures(t, big, 10000);
  const fs::path a = t.tmp / "a.db", b = t.tmp / "b.db", dir = t.tmp / "shared";
  fs::create_directory(dir);
  run(rebuild_cmd(a, "init --partner Dan --partner Sam"));
  REQUIRE(run(rebuild_cmd(a, "import '" + big.string() + "'")).find("Folded in") !=
          std::string::npos);
  {  // Restore: how much of the backup is in, as a share.
    run(rebuild_cmd(a, "backup '" + (t.tmp / "a-backup.db").string() + "'"));
    terminal_session s(t.journal, {"restore", (t.tmp / "a-backup.db").string()}, at_once);
    REQUIRE(s.expect("%", std::chrono::milliseconds(60000)));
    REQUIRE(s.expect("Restored the journal", std::chrono::milliseconds(60000)));
    CHECK(s.exit_code() == 0);
    CHECK(s.screen().find("Restoring " + (t.tmp / "a-backup.db").string() + ": ") !=
          std::string::npos);
    CHECK(s.screen().find("\r\x1b[KRestored the journal") != std::string::npos);
  }
  {  // A first sync: the changes read so far.
    const std::string shown = run(rebuild_cmd(a, "sync init"));
    std::istringstream lines(shown);
    std::string line, words;
    for (int n = 1; std::getline(lines, line); ++n)
      if (n >= 3 && n <= 6) words += line + " ";
    run(rebuild_cmd(b, "init --partner Dan --partner Sam"));
    run("printf '%s' '" + words + "' > '" + (t.tmp / "words").string() + "'");
    REQUIRE(
        run(rebuild_cmd(b, "sync init --secret-fd 3") + " 3<'" + (t.tmp / "words").string() + "'")
            .find("rebuild: error") == std::string::npos);
    run(rebuild_cmd(a, "sync '" + dir.string() + "'"));
    terminal_session s(b, {"sync", dir.string()}, at_once);
    REQUIRE(s.expect("changes read", std::chrono::milliseconds(60000)));
    REQUIRE(s.expect("Synced", std::chrono::milliseconds(120000)));
    CHECK(s.exit_code() == 0);
    CHECK(s.screen().find("Syncing with " + dir.string() + ": ") != std::string::npos);
    CHECK(s.screen().find("\r\x1b[KSynced") != std::string::npos);
  }
  // Without a terminal, nothing but the summary.
  const std::string piped =
      run("REBUILD_PROGRESS_DELAY=0 " +
          rebuild_cmd(b, "restore '" + (t.tmp / "a-backup.db").string() + "'"));
  CHECK(piped.find("Restored the journal") != std::string::npos);
  CHECK(piped.find("Restoring") == std::string::npos);
}

TEST_CASE("edit ID with no field flag at a terminal opens the entry's fields in the editor") {
  editor_setup t;
  run(rebuild_cmd(t.journal, "checkin --as Dan --mood 6 --stress 4 --appreciation 'You made tea'"));
  const std::string log = run(rebuild_cmd(t.journal, "--json log"));
  const auto at = log.find("\"id\": \"");
  REQUIRE(at != std::string::npos);
  const std::string id = log.substr(at + 7, 8);
  const auto before = journal_bytes(t.journal);
  {  // Saved as it opened: nothing changes, nothing is written.
    terminal_session s(t.journal, {"edit", id, "--as", "Dan"},
                       t.env(editor_script(t.scripts, "same.sh", "true")));
    REQUIRE(s.expect("Nothing changed; check-in " + id + " stays as it was."));
    CHECK(s.exit_code() == 0);
  }
  CHECK(journal_bytes(t.journal) == before);
  const std::string tmpl = file_bytes(t.scripts / "template");
  CHECK(tmpl.find("# mood: a whole number from 1 to 10\n6\n") != std::string::npos);
  CHECK(tmpl.find("# appreciation: appreciation\nYou made tea\n") != std::string::npos);
  {  // The mood changed, a note added: those two fields, and nothing else.
    terminal_session s(t.journal, {"edit", id, "--as", "Dan"},
                       t.env(editor_script(t.scripts, "change.sh",
                                           "sed -i -e '/^# mood/{n;s/.*/8/}' -e '/^# "
                                           "note/{n;s/^$/A calm morning/}' \"$1\"")));
    REQUIRE(s.expect("Updated check-in"));
    CHECK(s.exit_code() == 0);
  }
  const std::string after = run(rebuild_cmd(t.journal, "--json log"));
  CHECK(after.find("\"mood\": 8") != std::string::npos);
  CHECK(after.find("\"stress\": 4") != std::string::npos);
  CHECK(after.find("\"note\": \"A calm morning\"") != std::string::npos);
  t.check_nothing_left();
  {  // A value that does not fit: said, and nothing saved.
    const auto now = journal_bytes(t.journal);
    terminal_session s(
        t.journal, {"edit", id, "--as", "Dan"},
        t.env(editor_script(t.scripts, "bad.sh", "sed -i -e '/^# mood/{n;s/.*/11/}' \"$1\"")));
    REQUIRE(s.expect("give a whole number from 1 to 10"));
    CHECK(s.exit_code() == 65);
    CHECK(journal_bytes(t.journal) == now);
  }
}
