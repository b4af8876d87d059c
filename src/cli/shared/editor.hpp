#pragma once
// Long text written in the user's editor, as `git commit` opens it: when a required text is
// left off the command line and standard input is a terminal, `$VISUAL` (else `$EDITOR`, else
// `editor` or `vi`) opens a private temporary file; what comes back, comment lines left out,
// is the text. Without a terminal nothing opens: a missing text stays a usage error.
#include <CLI/CLI.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "context.hpp"

namespace rebuild::cli {

/// One part of a text written in the editor: its heading in the template, a hint beside it,
/// and what the command line gave already (the editor opens with it filled in).
struct text_part {
  std::string heading;  // "Describe"; empty for a text of one part, which needs none
  std::string hint;     // what to write, with an example
  std::string given;
  bool required = true;
};

/// Whether the texts left out can be written in the editor: standard input is a terminal.
/// Otherwise throws the usage error a missing required argument gets (`--hear is required;
/// see 'rebuild concern answer --help'`) for the first of `options` not given; returns false
/// when every one was.
bool editor_can_ask(const context& ctx, const CLI::App* command,
                    std::initializer_list<const CLI::Option*> options);

/// From now on, no text is written in the editor: the words are private (`--private`), and an
/// editor's file, with its swap and backup copies, would hold them where the other partner
/// can read. edit_parts() then refuses, pointing to '-' (standard input).
void keep_words_off_files();

/// Opens the editor on a template with one heading per part, each filled with what was given,
/// and returns each part's text, trimmed, comment lines left out. `what` names the entry in
/// messages ("concern"). Throws usage_error, with nothing saved, when every part comes back
/// empty (that cancels), when a required part does, or when the editor fails; the file is
/// removed in every case.
std::vector<std::string> edit_parts(std::string_view what, std::string_view intro,
                                    const std::vector<text_part>& parts);

/// The one text of `what` ("gesture"), written in the editor; `hint` says what to write.
std::string edit_text(std::string_view what, std::string_view hint);

}  // namespace rebuild::cli
