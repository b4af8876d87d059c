#include "fold.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "present.hpp"
#include "rebuild/dates.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/text.hpp"
#include "terminal.hpp"

namespace rebuild::cli {

namespace {

std::string_view what_word(fold_change::what happened) {
  switch (happened) {
    case fold_change::what::updated:
      return "updated";
    case fold_change::what::deleted:
      return "deleted";
    case fold_change::what::restored:
      return "restored";
    case fold_change::what::replaced:
      return "replaced";
    case fold_change::what::gave_way:
      return "gave-way";
    case fold_change::what::kept_aside:
      return "kept-aside";
    case fold_change::what::refused:
      return "refused";
    case fold_change::what::renamed:
      return "renamed";
  }
  return "";
}

/// One line for an entry the fold overwrote or that gave way: its kind, author, day and id
/// (and a ritual's or job's name), never its words.
std::string change_line(const fold_change& c, const std::string& source, bool color) {
  const std::string who = fmt::format(
      "{} {}{} (id {}) of {}", whose(*c.kind, c.author, true), c.kind->label,
      c.name.empty() ? std::string() : fmt::format(" '{}'", c.name),
      paint(c.uuid.substr(0, 8), fmt::fg(fmt::terminal_color::yellow), color), human_day(c.day));
  switch (c.happened) {
    case fold_change::what::updated:
      return fmt::format("{} was updated from {}.", who, source);
    case fold_change::what::deleted:
      return fmt::format("{} was deleted in {}.", who, source);
    case fold_change::what::restored:
      return fmt::format("{}, deleted here, is back: {} changed it later.", who, source);
    case fold_change::what::replaced:
      return fmt::format(
          "{} is set aside, not lost: the one of its day (or week) from {} stands ('rebuild "
          "conflicts {}').",
          who, source, c.uuid.substr(0, 8));
    case fold_change::what::gave_way:
      return fmt::format(
          "{} from {} is set aside, not lost: the one of its day (or week) here stands "
          "('rebuild conflicts {}').",
          who, source, c.uuid.substr(0, 8));
    case fold_change::what::kept_aside:
      return fmt::format(
          "{} was changed here and in {} at once: one version is kept, the other "
          "set aside ('rebuild conflicts {}').",
          who, source, c.uuid.substr(0, 8));
    case fold_change::what::refused:
      return fmt::format("{}: a change from {} not made by its author was refused.", who, source);
    case fold_change::what::renamed:
      return fmt::format("{} is now '{}': another of its name came from {}.", who, c.name, source);
  }
  return who;
}

}  // namespace

nlohmann::ordered_json fold::to_json(const std::string& source) const {
  nlohmann::ordered_json changes = nlohmann::ordered_json::array();
  for (const auto& c : counts_.changes) {
    const auto name = c.name.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(c.name);
    changes.push_back({{"kind", std::string(c.kind->name)},
                       {"id", c.uuid},
                       {"day", iso_day(c.day)},
                       {"author", c.author},
                       {"name", name},
                       {"what", std::string(what_word(c.happened))}});
  }
  return {{"from", source},
          {"partners_added", counts_.partners_added},
          {"added", counts_.added},
          {"updated", counts_.updated},
          {"already_here", counts_.same},
          {"replaced", counts_.replaced},
          {"kept_aside", counts_.kept_aside},
          {"refused", counts_.refused},
          {"changes", changes}};
}

void fold::print(const std::string& source) const {
  if (ctx_.globals.json) return print_json(to_json(source));
  const auto entries = [](int n) { return fmt::format("{} {}", n, n == 1 ? "entry" : "entries"); };
  fmt::print("Folded in {}: {} added, {} updated, {} already here.\n", source,
             entries(counts_.added), counts_.updated, counts_.same);
  if (counts_.partners_added > 0)
    fmt::print("{} new partner{} came with it.\n", counts_.partners_added,
               counts_.partners_added == 1 ? "" : "s");
  if (counts_.replaced > 0)
    fmt::print(
        "{} of a day (or week) that now had two set aside, not lost ('rebuild conflicts' "
        "lists them).\n",
        entries(counts_.replaced));
  const bool color = ctx_.color();
  for (const auto& c : counts_.changes) fmt::print("{}\n", change_line(c, source, color));
  if (counts_.added + counts_.updated + counts_.partners_added + settings_taken_ == 0)
    fmt::print("Nothing new; the journal is unchanged.\n");
}

}  // namespace rebuild::cli
