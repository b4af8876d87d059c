#pragma once
/// The journal's raw key-value settings; the known keys and their checks are `config`'s
/// (practices.hpp).
#include <optional>
#include <string>
#include <string_view>

#include "rebuild/journal.hpp"

namespace rebuild {

std::optional<std::string> get_setting(journal& j, std::string_view key);
void set_setting(journal& j, std::string_view key, std::string_view value);

}  // namespace rebuild
