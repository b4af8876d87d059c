#include "passphrase_input.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "rebuild/crypto.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/keys.hpp"

namespace rebuild::cli {
namespace {

constexpr std::size_t longest = 1024;  // bytes

/// A line from `fd`, read a byte at a time so that nothing after it is taken (two
/// passphrases may come on one descriptor). nullopt at once at the end of input.
std::optional<std::string> read_line(int fd, const std::string& what) {
  std::string line;
  char c = 0;
  bool any = false;
  while (true) {
    const ssize_t n = ::read(fd, &c, 1);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      crypto::wipe(line);
      throw usage_error(fmt::format("cannot read {}: {}", what, std::strerror(err)));
    }
    if (n == 0) break;
    any = true;
    if (c == '\n') break;
    if (line.size() >= longest) {
      crypto::wipe(line);
      throw usage_error(
          fmt::format("the passphrase from {} is longer than {} bytes", what, longest));
    }
    line.push_back(c);
  }
  if (!any) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// The terminal as it was, put back if a signal ends rebuild while echo is off.
int tty_fd = -1;
struct termios saved {};
struct sigaction old_int {
}, old_term{};

extern "C" void restore_and_raise(int sig) {
  if (tty_fd >= 0) ::tcsetattr(tty_fd, TCSAFLUSH, &saved);
  ::sigaction(SIGINT, &old_int, nullptr);
  ::sigaction(SIGTERM, &old_term, nullptr);
  ::raise(sig);
}

/// Asks on the terminal with echo off; nullopt when the person ends input (Ctrl-D).
std::optional<std::string> ask_quietly(std::string_view prompt) {
  const int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (fd < 0)
    throw usage_error(
        "a passphrase is asked on the terminal, and there is none; give it with --passphrase-fd N");
  if (::tcgetattr(fd, &saved) != 0) {
    ::close(fd);
    throw usage_error(
        "cannot turn off the terminal's echo; give the passphrase with --passphrase-fd N");
  }
  tty_fd = fd;
  struct sigaction on_signal {};
  on_signal.sa_handler = restore_and_raise;
  ::sigemptyset(&on_signal.sa_mask);
  ::sigaction(SIGINT, &on_signal, &old_int);
  ::sigaction(SIGTERM, &on_signal, &old_term);
  struct termios quiet = saved;
  quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
  quiet.c_lflag |= ECHONL;
  ::tcsetattr(fd, TCSAFLUSH, &quiet);
  const std::string text = std::string(prompt) + " ";
  [[maybe_unused]] const ssize_t w = ::write(fd, text.data(), text.size());
  std::optional<std::string> line;
  try {
    line = read_line(fd, "the terminal");
  } catch (...) {
    ::tcsetattr(fd, TCSAFLUSH, &saved);
    throw;
  }
  ::tcsetattr(fd, TCSAFLUSH, &saved);
  ::sigaction(SIGINT, &old_int, nullptr);
  ::sigaction(SIGTERM, &old_term, nullptr);
  tty_fd = -1;
  ::close(fd);
  return line;
}

}  // namespace

void add_passphrase_fd(CLI::App* app, passphrase_source& source, const std::string& name,
                       const std::string& help) {
  const CLI::Validator descriptor(
      [](std::string& value) -> std::string {
        if (!value.empty() && value.size() <= 4 &&
            value.find_first_not_of("0123456789") == std::string::npos)
          return {};
        return "give the number of an open file descriptor, such as 3 (got '" + value + "')";
      },
      "N");
  source.flag = app->add_option("--" + name, source.fd, help)->type_name("N")->check(descriptor);
}

void add_encrypt_flags(CLI::App* app, bool& encrypt, passphrase_source& source,
                       const std::string& what) {
  CLI::Option* flag = app->add_flag("--encrypt", encrypt, what);
  add_passphrase_fd(app, source, "passphrase-fd",
                    "with --encrypt, read the passphrase from this file descriptor (its first "
                    "line)");
  source.flag->needs(flag);
}

std::string read_passphrase(const context& ctx, const passphrase_source& source,
                            std::string_view prompt, bool confirm) {
  if (source.flag != nullptr && *source.flag) {
    const std::string what = fmt::format("{} {}", source.flag->get_name(), source.fd);
    auto line = read_line(source.fd, what);
    if (!line || line->empty()) throw data_error(fmt::format("no passphrase came on {}", what));
    return std::move(*line);
  }
  if (!ctx.interactive())
    throw usage_error(fmt::format(
        "a passphrase comes from the terminal or from {} N (a file "
        "descriptor), never from a flag's value or the environment",
        source.flag != nullptr ? source.flag->get_name() : std::string("--passphrase-fd")));
  auto first = ask_quietly(prompt);
  if (!first) throw usage_error("cancelled; nothing was saved");
  if (first->empty()) throw data_error("no passphrase was typed; nothing was saved");
  if (confirm) {
    auto again = ask_quietly("The same again, to be sure:");
    const bool same = again && *again == *first;
    if (again) crypto::wipe(*again);
    if (!same) {
      crypto::wipe(*first);
      throw data_error("the two passphrases were not the same; nothing was saved");
    }
  }
  return std::move(*first);
}

std::string read_new_file_passphrase(const context& ctx, const passphrase_source& source,
                                     std::string_view prompt) {
  std::string passphrase = read_passphrase(ctx, source, prompt, true);
  try {
    check_new_passphrase(passphrase);
  } catch (...) {
    crypto::wipe(passphrase);
    throw;
  }
  return passphrase;
}

}  // namespace rebuild::cli
