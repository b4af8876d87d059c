// rebuild concern --describe S --impact S --ask S
// rebuild concern answer ID --hear S --commit S [--hurdle S] · concern list
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/practices.hpp"
#include "shared/editor.hpp"
#include "shared/options.hpp"
#include "shared/pager.hpp"
#include "shared/present.hpp"
#include "shared/record.hpp"

namespace rebuild::cli {
namespace {

struct concern_options {
  std::string describe, impact, ask;
  CLI::Option *describe_flag = nullptr, *impact_flag = nullptr, *ask_flag = nullptr;
  when_options at;
};

struct answer_options {
  std::string id, hear, validate, commit, hurdle;
  CLI::App* app = nullptr;
  CLI::Option *hear_flag = nullptr, *validate_flag = nullptr, *commit_flag = nullptr,
              *hurdle_flag = nullptr;
  when_options at;
};

void raise_concern(context& ctx, const concern_options& o) {
  std::vector<std::string> missing;
  if (!*o.describe_flag) missing.emplace_back("--describe");
  if (!*o.impact_flag) missing.emplace_back("--impact");
  if (!*o.ask_flag) missing.emplace_back("--ask");
  if (!missing.empty() && !ctx.interactive())
    throw usage_error(
        fmt::format("a concern has three parts, --describe, --impact and --ask; "
                    "missing: {}",
                    fmt::join(missing, ", ")));
  const partner who = ctx.writer();
  const when at = o.at.resolve(ctx, "a concern");
  std::vector<std::string> parts;
  for (const auto& [flag, value] :
       {std::pair{o.describe_flag, &o.describe}, {o.impact_flag, &o.impact}, {o.ask_flag, &o.ask}})
    parts.push_back(*flag ? ctx.text(*value) : std::string());
  if (!missing.empty())  // on a terminal: the three parts in the editor, with those given
    parts = edit_parts(
        "concern",
        "A concern in three parts, describe, impact and ask: write each under its heading.",
        {{"Describe",
          "what happened, plainly (\"When you checked your phone at dinner last night\")",
          parts[0]},
         {"Impact", "how it felt for you (\"I shut down; I felt unimportant\")", parts[1]},
         {"Ask", "what you ask for (\"Tonight, can we keep phones on the counter?\")", parts[2]}});
  const added result =
      record_entry(ctx, kind_named("concern"), who, at,
                   {{"describe", parts[0]}, {"impact", parts[1]}, {"ask", parts[2]}});
  print_recorded(ctx, result,
                 fmt::format("Your partner can answer it with: rebuild concern answer {} --hear "
                             "\"...\" --commit \"...\"{}",
                             result.item.short_id(), after_talks_note(ctx.journal(), at)));
}

/// `text` as comment lines, each behind "#   > " (so that none reads as a heading).
std::string quoted(const std::string& text) {
  std::string out = "#   > ";
  for (const char c : text) out += c == '\n' ? std::string("\n#   > ") : std::string(1, c);
  return out;
}

void answer_concern(context& ctx, const answer_options& o) {
  const bool ask = editor_can_ask(ctx, o.app, {o.hear_flag, o.commit_flag});
  const entry concern = find_of_kind(ctx, o.id, "concern");
  const partner who = ctx.writer();
  if (concern.author.id == who.id)
    throw data_error(fmt::format("concern {} is {}'s own; the other partner answers it",
                                 concern.short_id(), who.name));
  if (const auto answer = latest_answer(ctx.journal(), concern))
    throw data_error(fmt::format(
        "concern {} is answered already ({}); change that answer with 'rebuild edit {}'",
        concern.short_id(), answer->short_id(), answer->short_id()));
  const when at = o.at.resolve(ctx, "an answer");
  std::string hear = *o.hear_flag ? ctx.text(o.hear) : std::string();
  std::string commit = *o.commit_flag ? ctx.text(o.commit) : std::string();
  std::string hurdle = *o.hurdle_flag ? ctx.text(o.hurdle) : std::string();
  std::string validate = *o.validate_flag ? ctx.text(o.validate) : std::string();
  if (ask) {  // on a terminal: the answer in the editor, under the concern it answers
    const std::string intro = fmt::format(
        "Your answer to {}'s concern {} of {}:\n{}\n{}\n{}\n"
        "# Write each part of your answer under its heading.",
        concern.author.name, concern.short_id(), human_day(concern.day),
        quoted("When: " + concern.text("describe")), quoted("I felt: " + concern.text("impact")),
        quoted("Could we: " + concern.text("ask")));
    const auto parts = edit_parts(
        "answer", intro,
        {{"Hear", "what you hear (\"What I hear is...\")", hear},
         {"Validate",
          "why it makes sense (\"It makes sense you'd feel..., given...\"); may stay empty",
          validate, false},
         {"Commit", "what you can commit to (\"I can commit to...\")", commit},
         {"Hurdle", "what you will need support with; may stay empty", hurdle, false}});
    hear = parts[0];
    validate = parts[1];
    commit = parts[2];
    hurdle = parts[3];
  }
  field_values fields{{"concern", concern.uuid}, {"hear", hear}, {"commit_to", commit}};
  if (ask ? !hurdle.empty() : bool(*o.hurdle_flag)) fields["hurdle"] = hurdle;
  if (ask ? !validate.empty() : bool(*o.validate_flag)) fields["validate"] = validate;
  print_recorded(ctx, record_entry(ctx, kind_named("concern-answer"), who, at, fields));
}

void list_concerns(context& ctx, bool page) {
  auto& j = ctx.journal();
  const read_transaction snapshot(j);  // one consistent view, locks taken once
  // Each concern is printed as it is read: ten years of them are never held at once.
  if (ctx.globals.json) {
    json_list list("concerns");
    each_concern(j, false, [&](const concern_view& c) {
      nlohmann::ordered_json item = {{"id", c.concern.uuid},
                                     {"raised_by", c.concern.author.name},
                                     {"date", iso_day(c.concern.day)},
                                     {"describe", c.concern.text("describe")},
                                     {"impact", c.concern.text("impact")},
                                     {"ask", c.concern.text("ask")},
                                     {"answered", c.answer.has_value()}};
      item["answer"] = c.answer ? entry_json(*c.answer) : nlohmann::ordered_json();
      list.add(item);
    });
    list.end();
    return;
  }
  if (!any_of_kind(j, "concern")) {
    fmt::print("No concerns raised yet.\n");
    return;
  }
  const bool color = ctx.color();  // before the pager: it looks at the terminal
  const pager paging(page);
  int raised = 0;
  int open = 0;
  each_concern(j, true, [&](const concern_view& c) {  // newest first
    ++raised;
    open += c.answer ? 0 : 1;
    fmt::print("{}  {}  raised by {}  {}\n",
               paint(c.concern.short_id(), fmt::fg(fmt::terminal_color::yellow), color),
               human_day(c.concern.day), c.concern.author.name,
               c.answer ? "answered by " + c.answer->author.name : std::string("open"));
    fmt::print("    When: {}\n    I felt: {}\n    Could we: {}\n", c.concern.text("describe"),
               c.concern.text("impact"), c.concern.text("ask"));
    if (c.answer) {
      fmt::print("    I hear: {}\n", c.answer->text("hear"));
      if (const std::string v = c.answer->text("validate"); !v.empty())
        fmt::print("    It makes sense: {}\n", v);
      fmt::print("    I can commit to: {}\n", c.answer->text("commit_to"));
      if (const std::string h = c.answer->text("hurdle"); !h.empty())
        fmt::print("    I will need support with: {}\n", h);
    }
  });
  fmt::print("{} raised, {} answered, {} open.\n", raised, raised - open, open);
}

}  // namespace

void setup_concern(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<concern_options>();
  CLI::App* sub = add_command(
      app, "concern", "Raise a concern as describe, impact, ask; 'answer' to reply",
      "  rebuild concern --describe \"When plans change last minute\" \\\n"
      "                  --impact \"I feel unimportant\" --ask \"Could you text me first?\"\n"
      "  rebuild concern answer 3f2a --hear \"It stings when plans shift\" \\\n"
      "                  --commit \"I'll text before I change plans\" --hurdle \"Busy days\"\n"
      "  rebuild concern list\n");
  o->describe_flag =
      sub->add_option("--describe", o->describe, "what happened, plainly ('-': stdin)")
          ->type_name("S");
  o->impact_flag =
      sub->add_option("--impact", o->impact, "how it felt for you ('-': stdin)")->type_name("S");
  o->ask_flag = sub->add_option("--ask", o->ask, "what you ask for ('-': stdin)")->type_name("S");
  o->at.add_to(sub, "it was raised");
  commands.push_back({sub, [&ctx, o] { raise_concern(ctx, *o); }});

  auto a = std::make_shared<answer_options>();
  CLI::App* answer = add_command(
      *sub, "answer", "Answer your partner's concern: what you hear, what you commit to", "");
  answer->add_option("id", a->id, "the concern's id")->required()->type_name("ID");
  a->app = answer;
  a->hear_flag = answer->add_option("--hear", a->hear, "what I hear ('-': stdin)")->type_name("S");
  a->validate_flag = answer
                         ->add_option("--validate", a->validate,
                                      "why it makes sense: \"It makes sense you'd feel ..., given "
                                      "...\" ('-': stdin)")
                         ->type_name("S");
  a->commit_flag = answer->add_option("--commit", a->commit, "what I can commit to ('-': stdin)")
                       ->type_name("S");
  a->hurdle_flag =
      answer->add_option("--hurdle", a->hurdle, "what I will need support with")->type_name("S");
  a->at.add_to(answer, "you answered");
  commands.push_back({answer, [&ctx, a] { answer_concern(ctx, *a); }});

  auto page = std::make_shared<bool>(true);
  CLI::App* list = add_command(*sub, "list", "Concerns raised, open and answered", "");
  add_no_pager(list, *page);
  commands.push_back({list, [&ctx, page] { list_concerns(ctx, *page); }});
}

}  // namespace rebuild::cli
