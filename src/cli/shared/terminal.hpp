#pragma once
// What reaches a terminal: text from the journal is shown, never obeyed. An escape sequence in
// old or hand-edited text (a window title, a cleared screen) is printed as visible
// characters; only the colours rebuild itself paints pass through.
#include <fmt/color.h>

#include <string>
#include <string_view>

namespace rebuild::cli {

/// When standard output is a terminal, or colour is forced (`--color always`, for a pager or
/// `less -R` at the other end of a pipe), routes it through a filter that escapes every control
/// character but line breaks, tabs and rebuild's own colours. Call once, before any output.
void guard_terminal_output(bool color_forced);
/// Whether the command line forces colour: `--color always` or `--color=always`, before any
/// `--` (read before the parser runs, as the filter must be in place first).
bool color_forced(int argc, char** argv);

/// The text in a style when colour is on; the text alone otherwise. The style's escape
/// sequences are marked as rebuild's own, so the terminal filter lets them through.
std::string paint(std::string_view text, fmt::text_style style, bool color);

}  // namespace rebuild::cli
