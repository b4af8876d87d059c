#pragma once
// How entries look on screen and in JSON. No queries here: only what an entry holds.
#include <fmt/color.h>

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "rebuild/entries.hpp"
#include "rebuild/export_line.hpp"
#include "terminal.hpp"

namespace rebuild::cli {

/// The figures of an entry on one line: "mood 7 · stress 3 · 15 min · phones away",
/// "turned toward"; empty for an entry that is only text.
std::string summary(const entry& e);
/// The entry's free-text fields, each as a label and the exact text.
std::vector<std::pair<std::string, std::string>> texts(const entry& e);
/// "Wed 4 Mar 2026 08:00" (the time only where one is known).
std::string when_text(const entry& e);

/// Prints one JSON document and a newline on stdout.
void print_json(const nlohmann::ordered_json& doc);

/// `{"KEY": [...]}` as print_json would print it, printed one element at a time: a list of
/// ten years is never held as one document.
class json_list {
 public:
  explicit json_list(std::string key) : key_(std::move(key)) {}
  void add(const nlohmann::ordered_json& element);
  /// Closes the list; call it once, after the last element.
  void end() const;

 private:
  std::string key_;
  std::size_t count_ = 0;
};

/// The long form, as `show` prints it.
void print_entry(const entry& e, bool color);

/// Whose an entry is, as a message names it: "Dan's", or "the pair's" for the kinds either
/// partner changes (rituals, jobs, rules, windows); capitalised to start a sentence.
std::string whose(const kind_spec& kind, const std::string& author, bool capital = false);

}  // namespace rebuild::cli
