#pragma once
// "Did you mean": the name closest to a mistyped one, as git and Taskwarrior offer it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rebuild::cli {

/// Of `names`, the one closest to `typed` (letters swapped, dropped, added or changed; case
/// ignored), if one is close enough to be what was meant: at most 2 edits, fewer than half the
/// word's length, and no other name as close. nullopt otherwise.
std::optional<std::string> closest_name(std::string_view typed,
                                        const std::vector<std::string>& names);

/// " did you mean 'X'?" for the closest name, or nothing.
std::string did_you_mean(std::string_view typed, const std::vector<std::string>& names);

}  // namespace rebuild::cli
