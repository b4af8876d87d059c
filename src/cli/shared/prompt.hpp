#pragma once
// Questions at the terminal (the check-in's, the inventory's, "Edit again?"): a line that
// edits as in a shell, through libedit.
#include <optional>
#include <string>

namespace rebuild::cli {

/// A line typed after `prompt` (shown on standard error), without its line end; nullopt at the
/// end of input (Ctrl-D on an empty line). When standard input and standard error are
/// terminals, the line edits as in a shell (libedit, emacs keys: Left, Right, Ctrl-A, Ctrl-E,
/// Up for this command's earlier answers, ~/.editrc honoured); otherwise a plain line is read
/// from standard input. Nothing typed is kept after the command ends.
std::optional<std::string> ask_line(const std::string& prompt);

}  // namespace rebuild::cli
