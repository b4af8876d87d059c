#include "context.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <iterator>

#include "rebuild/errors.hpp"

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
  if (globals.no_color) return false;
  if (const char* no = std::getenv("NO_COLOR"); no != nullptr && *no != '\0') return false;
  return ::isatty(STDOUT_FILENO) != 0;
}

bool context::interactive() const { return ::isatty(STDIN_FILENO) != 0; }

std::string context::text(const std::string& argument) {
  if (argument != "-") return argument;
  if (stdin_used_)
    throw usage_error("only one text can be read from standard input ('-') in one command");
  stdin_used_ = true;
  std::string all{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  while (!all.empty() && (all.back() == '\n' || all.back() == '\r')) all.pop_back();
  return all;
}

}  // namespace rebuild::cli
