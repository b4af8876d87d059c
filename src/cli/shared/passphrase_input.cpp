#include "passphrase_input.hpp"

#include <bsd/readpassphrase.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sodium.h>
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

/// Asks on the terminal with echo off, through libbsd's readpassphrase(3): it puts the
/// terminal back as it was when a signal comes (Ctrl-C, or Ctrl-Z, after which it asks again
/// once resumed), and echoes the line end. Empty when nothing was typed (or Ctrl-D).
std::string ask_quietly(std::string_view prompt) {
  const std::string text = std::string(prompt) + " ";
  // In libsodium's guarded memory, wiped when done: never swapped out, never left behind.
  constexpr std::size_t size = longest + 2;
  auto* buffer = sodium_init() >= 0 ? static_cast<char*>(sodium_malloc(size)) : nullptr;
  if (buffer == nullptr) throw io_error("cannot set aside memory for the passphrase");
  const char* got = ::readpassphrase(text.c_str(), buffer, size, RPP_REQUIRE_TTY);
  const int err = errno;
  std::string line = got != nullptr ? std::string(buffer) : std::string();
  sodium_free(buffer);  // wipes it first
  if (got == nullptr) {
    if (err == EINTR) throw usage_error("cancelled; nothing was saved");
    throw usage_error(
        "a passphrase is asked on the terminal, and there is none; give it with --passphrase-fd N");
  }
  if (line.size() > longest) {
    crypto::wipe(line);
    throw usage_error(fmt::format("the passphrase typed is longer than {} bytes", longest));
  }
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
  std::string first = ask_quietly(prompt);
  if (first.empty()) throw data_error("no passphrase was typed; nothing was saved");
  if (confirm) {
    std::string again = ask_quietly("The same again, to be sure:");
    const bool same = again == first;
    crypto::wipe(again);
    if (!same) {
      crypto::wipe(first);
      throw data_error("the two passphrases were not the same; nothing was saved");
    }
  }
  return first;
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
