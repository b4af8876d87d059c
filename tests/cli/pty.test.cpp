// The interactive check-in, as a person at a terminal meets it: the real binary runs on a
// pseudo-terminal, and the test answers each prompt as it appears.
#include <doctest/doctest.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "../unit/temp_dir.hpp"

namespace {

/// One run of `rebuild ARGS...` on a terminal.
class terminal_session {
 public:
  terminal_session(const std::filesystem::path& journal, std::initializer_list<std::string> args) {
    pid_ = ::forkpty(&fd_, nullptr, nullptr, nullptr);
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::setenv("REBUILD_NOW", "2026-03-04T08:00", 1);
      ::setenv("TZ", "Europe/Paris", 1);
      ::unsetenv("REBUILD_PARTNER");
      std::vector<std::string> argv_s{REBUILD_BINARY, "--journal", journal.string()};
      argv_s.insert(argv_s.end(), args.begin(), args.end());
      std::vector<char*> argv;
      for (auto& a : argv_s) argv.push_back(a.data());
      argv.push_back(nullptr);
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

  /// Reads what the program shows until `text` appears (or 5 s pass); true if it did.
  bool expect(const std::string& text) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
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
    int status = 0;
    ::waitpid(pid_, &status, 0);
    exited_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  const std::string& screen() const { return screen_; }

 private:
  int fd_ = -1;
  pid_t pid_ = -1;
  bool exited_ = false;
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

TEST_CASE("a second check-in on a terminal warns first, and 'n' keeps the first") {
  temp_dir tmp;
  const auto journal = tmp / "journal.db";
  run(rebuild_cmd(journal, "init --partner Dan"));
  run(rebuild_cmd(journal, "checkin --mood 6 --stress 4"));
  const std::string before = journal_bytes(journal);

  {
    terminal_session s(journal, {"checkin"});
    REQUIRE(s.expect("You already checked in today (mood 6 · stress 4); this one will replace "
                     "it. Go on? [y/N]"));
    CHECK(s.screen().find("Mood") == std::string::npos);  // the warning comes first
    s.type("n");
    REQUIRE(s.expect("Nothing was saved; your check-in for Wed 4 Mar 2026 08:00 stays as it was."));
    CHECK(s.exit_code() == 0);
    CHECK(s.screen().find("Mood") == std::string::npos);
  }
  CHECK(journal_bytes(journal) == before);

  {  // Enter alone cancels too, even with every figure given.
    terminal_session s(journal, {"checkin", "--mood", "8", "--stress", "2"});
    REQUIRE(s.expect("Go on? [y/N]"));
    s.type("");
    REQUIRE(s.expect("Nothing was saved"));
    CHECK(s.exit_code() == 0);
  }
  {  // So does the end of input.
    terminal_session s(journal, {"checkin", "--mood", "8", "--stress", "2"});
    REQUIRE(s.expect("Go on? [y/N]"));
    s.end_input();
    REQUIRE(s.expect("Nothing was saved"));
    CHECK(s.exit_code() == 0);
  }
  CHECK(journal_bytes(journal) == before);

  {  // "y" goes on, and only then are the missing parts asked.
    terminal_session s(journal, {"checkin", "--stress", "2", "--appreciation", "hi", "--minutes",
                                 "5", "--phones-away", "--note", "Better"});
    REQUIRE(s.expect("Go on? [y/N]"));
    s.type("y");
    REQUIRE(s.expect("Mood, 1 (low) to 10 (good):"));
    s.type("8");
    REQUIRE(s.expect("This replaces the check-in you wrote for Wed 4 Mar 2026 08:00"));
    REQUIRE(s.expect("Saved check-in"));
    CHECK(s.exit_code() == 0);
  }
  const std::string log = run(rebuild_cmd(journal, "log --json"));
  CHECK(log.find("\"mood\": 8") != std::string::npos);
  CHECK(log.find("\"mood\": 6") == std::string::npos);
}
