#include "context.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <iterator>

#include "passphrase_input.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/keys.hpp"

namespace rebuild::cli {

const rebuild::clock& context::now() {
  if (!clock_) clock_ = rebuild::clock::from_environment();
  return *clock_;
}

std::filesystem::path context::journal_path() const {
  return rebuild::journal_path(globals.journal);
}

rebuild::journal& context::journal() {
  if (!journal_) {
    const auto path = journal_path();
    try {
      journal_.emplace(rebuild::journal::open(path));
    } catch (const no_journal_error&) {
      const std::string where =
          globals.journal.empty() ? std::string() : fmt::format(" --journal {}", path.string());
      throw no_journal_error(fmt::format(
          "no journal at {}; start one with: rebuild init{} --partner NAME [--partner NAME]",
          path.string(), where));
    }
  }
  return *journal_;
}

partner context::writer() { return resolve_partner(journal(), globals.as); }

bool context::color() const {
  if (globals.no_color || globals.color == "never") return false;
  if (globals.color == "always") return true;
  if (const char* no = std::getenv("NO_COLOR"); no != nullptr && *no != '\0') return false;
  // A terminal that cannot show colour (or none named) gets none, as git and ls have it.
  const char* term = std::getenv("TERM");
  if (term == nullptr || *term == '\0' || std::string_view(term) == "dumb") return false;
  return ::isatty(STDOUT_FILENO) != 0;
}

bool context::interactive() const { return ::isatty(STDIN_FILENO) != 0; }

std::string context::text(const std::string& argument) {
  if (argument != "-") return argument;
  if (stdin_used_)
    throw usage_error("only one text can be read from standard input ('-') in one command");
  stdin_used_ = true;
  // At most 10,000 characters of UTF-8 (4 bytes each at most) and a line end: anything
  // longer is refused without reading it all into memory.
  constexpr std::size_t most = max_text_length * 4 + 2;
  std::string all(most + 1, '\0');
  std::cin.read(all.data(), static_cast<std::streamsize>(all.size()));
  all.resize(static_cast<std::size_t>(std::cin.gcount()));
  if (all.size() > most)
    throw data_error(
        fmt::format("the text on standard input is longer than the {} characters a "
                    "text can hold",
                    max_text_length));
  if (std::cin.bad()) throw io_error("cannot read the text from standard input");
  // Line ends as Windows writes them read as plain line breaks.
  std::string text;
  text.reserve(all.size());
  for (std::size_t i = 0; i < all.size(); ++i)
    if (!(all[i] == '\r' && i + 1 < all.size() && all[i + 1] == '\n')) text += all[i];
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

void context::ask_privately(const passphrase_source& source) {
  private_source_ = source;
  // Said before anything else is asked or written (an editor, the passphrase).
  const partner who = writer();
  if (!has_passphrase(journal(), who))
    throw data_error(
        fmt::format("{0} has no passphrase yet, and private words are sealed with "
                    "it: set one with 'rebuild passphrase set --as {0}', then try "
                    "again",
                    who.name));
}

const crypto::key& context::private_key() {
  if (private_key_) return *private_key_;
  const partner who = writer();
  std::string passphrase = read_passphrase(*this, private_source_.value_or(passphrase_source{}),
                                           fmt::format("{}'s passphrase:", who.name), false);
  try {
    private_key_ = std::make_unique<crypto::key>(unlock(journal(), who, passphrase));
  } catch (...) {
    crypto::wipe(passphrase);
    throw;
  }
  crypto::wipe(passphrase);
  return *private_key_;
}

}  // namespace rebuild::cli
