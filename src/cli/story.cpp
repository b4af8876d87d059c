// rebuild story --happened S --needed S --possible S [--title S] · story --about ID ...
//   · story [ID]
// Narrative repair (001): each partner narrates a rupture "not as a verdict on character, but
// as a set of events that illuminate needs unmet", "highlighting what is still possible". One
// partner starts a story; the other adds their account with --about; `story ID` shows the two
// side by side.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "rebuild/attachment.hpp"
#include "rebuild/errors.hpp"
#include "shared/columns.hpp"
#include "shared/editor.hpp"
#include "shared/options.hpp"
#include "shared/pager.hpp"
#include "shared/present.hpp"
#include "shared/record.hpp"
#include "shared/terminal.hpp"
#include "shared/wrap.hpp"

namespace rebuild::cli {
namespace {

struct story_options {
  std::string id, about, title, happened, needed, possible;
  bool page = true;
  CLI::Option *id_arg = nullptr, *about_flag = nullptr, *title_flag = nullptr,
              *happened_flag = nullptr, *needed_flag = nullptr, *possible_flag = nullptr;
  when_options at;
};

std::string title_of(const story_view& s) {
  const std::string t = s.title();
  return t.empty() ? "(no title)" : t;
}

nlohmann::ordered_json story_json(const story_view& s) {
  return {
      {"id", s.first.uuid},
      {"title", s.title().empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(s.title())},
      {"first", entry_json(s.first)},
      {"second", s.second ? entry_json(*s.second) : nlohmann::ordered_json()}};
}

/// Who has not told this story yet, of the partners.
std::vector<partner> still_to_tell(journal& j, const story_view& s) {
  std::vector<partner> out;
  for (const auto& p : partners(j))
    if (s.first.author.id != p.id && !(s.second && s.second->author.id == p.id)) out.push_back(p);
  return out;
}

void show_story(context& ctx, const story_options& o) {
  auto& j = ctx.journal();
  const read_transaction snapshot(j);
  const story_view s = story_of(j, find_of_kind(ctx, o.id, "story"));
  if (ctx.globals.json) return print_json({{"story", story_json(s)}});
  const bool color = ctx.color();
  fmt::print("{}\n", paint(title_of(s), fmt::emphasis::bold, color));
  std::vector<const entry*> accounts = {&s.first};
  if (s.second) accounts.push_back(&*s.second);
  std::vector<std::string> heads;
  std::vector<voice_row> rows = {
      {"What happened", {}}, {"The need that went unmet", {}}, {"What is still possible", {}}};
  for (const entry* a : accounts) {
    heads.push_back(fmt::format("{}, {}", a->author.name, human_day(a->day)));
    rows[0].cells.push_back(a->text("happened"));
    rows[1].cells.push_back(a->text("needed"));
    rows[2].cells.push_back(a->text("possible"));
  }
  const auto missing = still_to_tell(j, s);
  for (const auto& p : missing) {
    heads.push_back(fmt::format("{}: not yet", p.name));
    for (auto& r : rows) r.cells.emplace_back();
  }
  print_side_by_side(heads, rows, output_width());
  for (const auto& p : missing)
    fmt::print(
        "{} can add theirs: rebuild story --as {} --about {} --happened ... --needed ... "
        "--possible ...\n",
        p.name, p.name, s.first.short_id());
}

void list_stories(context& ctx, bool page) {
  auto& j = ctx.journal();
  const read_transaction snapshot(j);
  const auto all = stories(j, ctx.now().today());
  if (ctx.globals.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (auto it = all.rbegin(); it != all.rend(); ++it) list.push_back(story_json(*it));
    return print_json({{"stories", list}});
  }
  if (all.empty()) {
    fmt::print(
        "No stories yet. After a rupture, each of you can tell it, as events and needs, "
        "never a verdict:\n"
        "  rebuild story --title \"The dinner\" --happened \"...\" --needed \"...\" "
        "--possible \"...\"\n");
    return;
  }
  const std::size_t width = output_width();
  const bool color = ctx.color();
  const pager out(page);
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    const auto lines = wrap_text(title_of(*it), width > 12 ? width - 12 : width);
    fmt::print("  {}  {}\n",
               paint(it->first.short_id(), fmt::fg(fmt::terminal_color::yellow), color),
               lines.front());
    for (std::size_t i = 1; i < lines.size(); ++i) fmt::print("{:12}{}\n", "", lines[i]);
    std::string voices = fmt::format("{}, {}", it->first.author.name, human_day(it->first.day));
    if (it->second)
      voices += fmt::format("; {}, {}", it->second->author.name, human_day(it->second->day));
    for (const auto& p : still_to_tell(j, *it)) voices += fmt::format("; {}: not yet", p.name);
    for (const auto& line : wrap_text(voices, width > 12 ? width - 12 : width))
      fmt::print("{:12}{}\n", "", line);
  }
  fmt::print("Both accounts side by side: rebuild story ID\n");
}

void tell_story(context& ctx, const story_options& o) {
  const std::size_t given =
      o.happened_flag->count() + o.needed_flag->count() + o.possible_flag->count();
  if (given < 3 && !ctx.interactive()) {
    std::vector<std::string> missing;
    if (!*o.happened_flag) missing.emplace_back("--happened");
    if (!*o.needed_flag) missing.emplace_back("--needed");
    if (!*o.possible_flag) missing.emplace_back("--possible");
    throw usage_error(
        fmt::format("an account has three parts, --happened, --needed and "
                    "--possible; missing: {}",
                    fmt::join(missing, ", ")));
  }
  const partner who = ctx.writer();
  auto& j = ctx.journal();
  std::optional<story_view> story;
  if (*o.about_flag) {
    story = story_of(j, find_of_kind(ctx, o.about, "story"));
    const entry* mine = story->first.author.id == who.id                      ? &story->first
                        : story->second && story->second->author.id == who.id ? &*story->second
                                                                              : nullptr;
    if (mine != nullptr)
      throw data_error(
          fmt::format("story {} has your account already ({}); 'rebuild edit {}' "
                      "changes it",
                      story->first.short_id(), mine->short_id(), mine->short_id()));
    if (story->second)
      throw data_error(fmt::format("story {} has both accounts already", story->first.short_id()));
  }
  const when at = o.at.resolve(ctx, "an account");
  if (story && at.day < story->first.day)
    throw data_error(
        fmt::format("the story was started on {}; an account of it cannot come "
                    "before",
                    iso_day(story->first.day)));
  std::vector<std::string> parts;
  for (const auto& [flag, value] : {std::pair{o.happened_flag, &o.happened},
                                    {o.needed_flag, &o.needed},
                                    {o.possible_flag, &o.possible}})
    parts.push_back(*flag ? ctx.text(*value) : std::string());
  std::string title = *o.title_flag ? ctx.text(o.title) : std::string();
  if (given < 3)  // on a terminal: the three parts in the editor, with those given
    parts = edit_parts(
        "story",
        "Your account of what happened: events and needs, not a verdict on anyone's character. "
        "Write each part under its heading.",
        {{"Happened", "what happened, as events (\"We planned dinner; I came home at nine\")",
          parts[0]},
         {"Needed", "the need of yours that went unmet (\"To feel that I come first\")", parts[1]},
         {"Possible", "what is still possible between you (\"A call when plans change\")",
          parts[2]}});
  field_values fields{{"happened", parts[0]}, {"needed", parts[1]}, {"possible", parts[2]}};
  if (!title.empty()) fields["title"] = title;
  if (story) fields["about"] = story->first.uuid;
  const added result = record_entry(ctx, kind_named("story"), who, at, fields);
  if (story)
    return print_recorded(
        ctx, result,
        fmt::format("Both accounts side by side: rebuild story {}", story->first.short_id()));
  std::string extra;
  for (const auto& p : partners(j))
    if (p.id != who.id)
      extra = fmt::format(
          "{} can add theirs: rebuild story --as {} --about {} --happened ... "
          "--needed ... --possible ...",
          p.name, p.name, result.item.short_id());
  print_recorded(ctx, result, extra);
}

void run_story(context& ctx, const story_options& o) {
  const bool writing = o.about_flag->count() + o.title_flag->count() + o.happened_flag->count() +
                           o.needed_flag->count() + o.possible_flag->count() >
                       0;
  if (*o.id_arg) {
    if (writing || o.at.given())
      throw usage_error(
          "an id alone shows that story; to add your account of it, use "
          "--about ID with --happened, --needed and --possible");
    return show_story(ctx, o);
  }
  if (!writing && !o.at.given()) return list_stories(ctx, o.page);
  tell_story(ctx, o);
}

}  // namespace

void setup_story(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<story_options>();
  CLI::App* sub = add_command(
      app, "story", "Narrative repair: each partner's account of a rupture, side by side",
      "  rebuild story\n"
      "  rebuild story --title \"The dinner\" --happened \"I came home at nine\" \\\n"
      "      --needed \"To feel I matter more than work\" --possible \"A call when plans change\"\n"
      "  rebuild story --as Sam --about 3f2a91c0 --happened \"...\" --needed \"...\" "
      "--possible \"...\"\n"
      "  rebuild story 3f2a91c0\n");
  o->id_arg =
      sub->add_option("id", o->id, "a story's id: both accounts side by side")->type_name("ID");
  o->about_flag =
      sub->add_option("--about", o->about, "the story your account is of (the other partner's)")
          ->type_name("ID");
  o->title_flag = sub->add_option("--title", o->title, "a few words to know it by ('-': stdin)")
                      ->type_name("S");
  o->happened_flag =
      sub->add_option("--happened", o->happened, "what happened, as events ('-': stdin)")
          ->type_name("S");
  o->needed_flag = sub->add_option("--needed", o->needed, "the need that went unmet ('-': stdin)")
                       ->type_name("S");
  o->possible_flag =
      sub->add_option("--possible", o->possible, "what is still possible between you ('-': stdin)")
          ->type_name("S");
  o->at.add_to(sub, "you wrote it");
  add_no_pager(sub, o->page);
  commands.push_back({sub, [&ctx, o] { run_story(ctx, *o); }});
}

}  // namespace rebuild::cli
