#include "prompt.hpp"

#include <histedit.h>
#include <langinfo.h>
#include <unistd.h>

#include <clocale>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string_view>

namespace rebuild::cli {
namespace {

/// libedit reads characters as the locale's LC_CTYPE says, and drops what it cannot decode:
/// under the C locale, every accent and emoji. So while it reads, LC_CTYPE is the user's when
/// that is UTF-8, else C.UTF-8 (Debian always has it); put back after.
class utf8_ctype {
 public:
  utf8_ctype() {
    const char* now = std::setlocale(LC_CTYPE, nullptr);
    saved_ = now != nullptr ? now : "C";
    ok_ = (std::setlocale(LC_CTYPE, "") != nullptr && is_utf8()) ||
          (std::setlocale(LC_CTYPE, "C.UTF-8") != nullptr && is_utf8());
  }
  ~utf8_ctype() { std::setlocale(LC_CTYPE, saved_.c_str()); }
  utf8_ctype(const utf8_ctype&) = delete;
  utf8_ctype& operator=(const utf8_ctype&) = delete;
  bool ok() const { return ok_; }

 private:
  static bool is_utf8() {
    const std::string_view set = ::nl_langinfo(CODESET);
    return set == "UTF-8" || set == "utf8";
  }
  std::string saved_;
  bool ok_ = false;
};

std::string shown;  // the prompt libedit draws (and draws again as the line changes)
const char* prompt_of(EditLine*) { return shown.c_str(); }

/// One editor for the whole command, so that Up brings back its earlier answers.
struct line_editor {
  EditLine* el = nullptr;
  History* history = nullptr;
  HistEvent event{};
  line_editor() {
    el = ::el_init("rebuild", stdin, stderr, stderr);
    if (el == nullptr) return;
    history = ::history_init();
    ::history(history, &event, H_SETSIZE, 100);
    ::el_set(el, EL_HIST, ::history, history);
    ::el_set(el, EL_EDITOR, "emacs");
    ::el_set(el, EL_PROMPT, prompt_of);
    // The terminal put back as it was if a signal (Ctrl-C, Ctrl-Z) comes while a line is read.
    ::el_set(el, EL_SIGNAL, 1);
    ::el_source(el, nullptr);  // ~/.editrc, as other libedit programs read it
  }
  ~line_editor() {
    if (history != nullptr) ::history_end(history);
    if (el != nullptr) ::el_end(el);
  }
  line_editor(const line_editor&) = delete;
  line_editor& operator=(const line_editor&) = delete;
};

std::string without_line_end(std::string line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  return line;
}

}  // namespace

std::optional<std::string> ask_line(const std::string& prompt) {
  if (::isatty(STDIN_FILENO) != 0 && ::isatty(STDERR_FILENO) != 0) {
    const utf8_ctype ctype;
    if (ctype.ok()) {
      static line_editor editor;
      if (editor.el != nullptr) {
        shown = prompt;
        int count = 0;
        const char* got = ::el_gets(editor.el, &count);
        if (got == nullptr || count <= 0) return std::nullopt;
        std::string line = without_line_end(std::string(got, static_cast<std::size_t>(count)));
        if (!line.empty()) ::history(editor.history, &editor.event, H_ENTER, line.c_str());
        return line;
      }
    }
  }
  std::fputs(prompt.c_str(), stderr);
  std::fflush(stderr);
  std::string line;
  if (!std::getline(std::cin, line)) return std::nullopt;
  return without_line_end(std::move(line));
}

}  // namespace rebuild::cli
