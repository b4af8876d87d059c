#include "pager.hpp"

#include <fcntl.h>
#include <stdio_ext.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace rebuild::cli {
namespace {

/// Whether `program` is an executable file in one of $PATH's folders.
bool on_path(std::string_view program) {
  const char* path = std::getenv("PATH");
  std::string_view folders = path != nullptr ? path : "/usr/bin:/bin";
  while (true) {
    const auto colon = folders.find(':');
    std::string folder(folders.substr(0, colon));
    if (folder.empty()) folder = ".";
    const std::string file = folder + "/" + std::string(program);
    if (::access(file.c_str(), X_OK) == 0) return true;
    if (colon == std::string_view::npos) return false;
    folders.remove_prefix(colon + 1);
  }
}

}  // namespace

std::optional<std::string> pager_command() {
  if (const char* chosen = std::getenv("PAGER"); chosen != nullptr) {
    const std::string command = chosen;
    if (command.find_first_not_of(" \t") == std::string::npos || command == "cat")
      return std::nullopt;
    return command;
  }
  // As Debian's own tools choose: its `pager` alternative, then less.
  if (on_path("pager")) return std::string("pager");
  if (on_path("less")) return std::string("less -FRX");
  return std::nullopt;  // none here: straight to the terminal, never to nowhere
}

pager::pager(bool wanted) {
  if (!wanted || ::isatty(STDOUT_FILENO) == 0) return;
  const auto chosen = pager_command();
  if (!chosen) return;
  const std::string& command = *chosen;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return;  // no pager: the output goes to the terminal
  std::fflush(stdout);
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return;
  }
  if (pid == 0) {
    ::dup2(fds[0], STDIN_FILENO);  // dup2 clears close-on-exec on the copy
    // A bare `less` (PAGER=less, or `pager` when it is less) quits when all fits, keeps
    // colours and the screen, as git has it do; a LESS of the user's own is theirs. So does
    // `lv`, Debian's other colour-aware pager, with LV=-c.
    ::setenv("LESS", "FRX", 0);
    ::setenv("LV", "-c", 0);
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(fds[0]);
  saved_stdout_ = ::fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
  if (saved_stdout_ < 0 || ::dup2(fds[1], STDOUT_FILENO) < 0) {
    ::close(fds[1]);
    if (saved_stdout_ >= 0) ::close(saved_stdout_);
    saved_stdout_ = -1;
    ::waitpid(pid, nullptr, 0);
    return;
  }
  ::close(fds[1]);
  pid_ = pid;
  // Ctrl-C belongs to the pager while it shows the list (less stops a search with it); this
  // command only reads, and ends when the pager closes the pipe.
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGINT, &ignore, &old_int_);
  ::sigaction(SIGQUIT, &ignore, &old_quit_);
}

pager::~pager() {
  if (pid_ < 0) return;
  // A pager quit before the end (q in less) is a reader that closed the pipe early: what it
  // did not take is not wanted, and no error either (SPEC: `rebuild log | head`).
  if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
    __fpurge(stdout);
    std::clearerr(stdout);
  }
  ::dup2(saved_stdout_, STDOUT_FILENO);  // the pipe's last writer closed: the pager sees the end
  ::close(saved_stdout_);
  while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
  }
  ::sigaction(SIGINT, &old_int_, nullptr);
  ::sigaction(SIGQUIT, &old_quit_, nullptr);
}

void add_no_pager(CLI::App* list, bool& page) {
  list->add_flag_callback(
      "--no-pager", [&page] { page = false; },
      "print straight to the terminal, not through $PAGER (default: pager, then less -FRX)");
}

}  // namespace rebuild::cli
