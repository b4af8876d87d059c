#pragma once
// The common path of a command that logs one entry: who, when, one transaction, and the
// answer on screen (or as JSON).
#include <functional>
#include <string>
#include <string_view>

#include "context.hpp"
#include "options.hpp"

namespace rebuild::cli {

/// Validates, writes the entry in one transaction, and returns what was added. `then` runs
/// inside that transaction after the write: a command's follow-up count sees exactly the
/// journal it wrote, and costs no second round of locks.
added record_entry(context& ctx, const kind_spec& kind, const partner& author, const when& at,
                   const field_values& fields, const std::function<void(journal&)>& then = {});

/// What a command that logs one entry of one required text says of it.
struct text_entry_words {
  std::string_view kind;      // the kind of entry: "gesture"
  std::string_view argument;  // the text's help: "what you did"
  std::string_view when;      // the --date help: "it happened"
};
/// Makes `sub` log one entry of `words.kind` with its one text: from the line, `-` for
/// standard input, or written in the editor when left out on a terminal; with --date and
/// --time. (`gesture`, `celebrate`, `therapy homework add`.)
void bind_text_entry(CLI::App* sub, context& ctx, command_list& commands,
                     const text_entry_words& words);

/// The entry with this id, which must be a live entry of `kind`. Throws data_error.
entry find_of_kind(context& ctx, const std::string& id, std::string_view kind);

/// Tombstones one entry in one transaction and says so (or prints it as JSON).
void remove_entry(context& ctx, const entry& e);

/// Ends a lasting entry from today on (a window, a rule) with a dated entry of `end_kind`
/// referring to it, so that the weeks before keep it; or, when it already ended (`ended_on`),
/// says so and writes nothing. `what` names it in a sentence ("the window on thu at 21:00").
void end_from_today(context& ctx, const entry& e, std::string_view end_kind,
                    std::optional<days_t> ended_on, const std::string& what);

/// Says that a command had nothing to do and wrote nothing: `message` for people, or
/// {"changed": false, "message": ..., "entry": ...} as JSON.
void print_unchanged(context& ctx, const std::string& message, const entry* about = nullptr);

/// A gentle line (starting with a line break) when something logged at `at` comes after the
/// pair's talks.until ("avoid big discussions after 9 p.m."); empty when it does not, or
/// when it is off or `at` has no time.
std::string after_talks_note(journal& j, const when& at);

/// Prints what a write did (and `extra`, a line for people), or the entry and any it
/// replaced as JSON. `updated`: the entry it replaced was updated (its parts kept where
/// none was given), and is said so.
void print_recorded(context& ctx, const added& result, const std::string& extra = {},
                    bool updated = false);

}  // namespace rebuild::cli
