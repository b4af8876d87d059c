#include "record.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "editor.hpp"
#include "present.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/practices.hpp"
#include "rebuild/private_words.hpp"

namespace rebuild::cli {

added record_entry(context& ctx, const kind_spec& kind, const partner& author, const when& at,
                   const field_values& fields, const std::function<void(journal&)>& then) {
  auto& j = ctx.journal();
  const crypto::key* seal = nullptr;
  if (ctx.privately()) {
    require_may_be_private(kind);  // before the passphrase is asked
    seal = &ctx.private_key();     // and asked before the journal is locked
  }
  write_transaction txn(j);
  added result = add_entry(j, kind, author, at, fields, ctx.now(), seal);
  if (then) then(j);
  txn.commit();
  return result;
}

void bind_text_entry(CLI::App* sub, context& ctx, command_list& commands,
                     const text_entry_words& words) {
  struct options {
    std::string text;
    CLI::Option* text_arg = nullptr;
    when_options at;
  };
  auto o = std::make_shared<options>();
  o->text_arg =
      sub->add_option("text", o->text,
                      fmt::format("{} ('-': from stdin; left out: in your editor)", words.argument))
          ->type_name("S");
  o->at.add_to(sub, std::string(words.when));
  const kind_spec& kind = kind_named(words.kind);
  commands.push_back({sub, [&ctx, o, sub, &kind, words] {
                        const bool ask = editor_can_ask(ctx, sub, {o->text_arg});
                        const partner who = ctx.writer();
                        const when at = o->at.resolve(ctx, fmt::format("a {}", kind.label));
                        const std::string text =
                            ask ? edit_text(words.kind, words.argument) : ctx.text(o->text);
                        print_recorded(ctx, record_entry(ctx, kind, who, at, {{"text", text}}));
                      }});
}

namespace {
/// "a job", "an agenda item".
std::string with_article(std::string_view label) {
  const bool vowel =
      !label.empty() && std::string_view("aeiou").find(label.front()) != std::string_view::npos;
  return fmt::format("{} {}", vowel ? "an" : "a", label);
}
}  // namespace

entry find_of_kind(context& ctx, const std::string& id, std::string_view kind) {
  entry e = find_entry(ctx.journal(), id);
  const kind_spec& wanted = kind_named(kind);
  if (e.kind != &wanted)
    throw data_error(fmt::format("{} is {}, not {}", e.short_id(), with_article(e.kind->label),
                                 with_article(wanted.label)));
  if (e.deleted)
    throw data_error(fmt::format("{} {} was deleted; 'rebuild undo' can bring it back first",
                                 e.kind->label, e.short_id()));
  return e;
}

void remove_entry(context& ctx, const entry& e) {
  auto& j = ctx.journal();
  const partner who = ctx.writer();
  write_transaction txn(j);
  delete_entry(j, e, who, ctx.now());
  txn.commit();
  if (ctx.globals.json) return print_json(entry_json(get_entry(j, e.id)));
  fmt::print("Deleted {} {} of {}. 'rebuild undo' brings it back.\n", e.kind->label,
             paint(e.short_id(), fmt::fg(fmt::terminal_color::yellow), ctx.color()), when_text(e));
}

void end_from_today(context& ctx, const entry& e, std::string_view end_kind,
                    std::optional<days_t> ended_on, const std::string& what) {
  std::string sentence = what;
  if (!sentence.empty() && sentence[0] >= 'a' && sentence[0] <= 'z') sentence[0] -= 'a' - 'A';
  if (ended_on)
    return print_unchanged(
        ctx, fmt::format("{} was removed on {}; nothing changed.", sentence, human_day(*ended_on)),
        &e);
  const kind_spec& end = kind_named(end_kind);
  const added result = record_entry(ctx, end, ctx.writer(), when_options{}.resolve(ctx, end.label),
                                    {{std::string(end.fields.front().name), e.uuid}});
  if (ctx.globals.json) return print_recorded(ctx, result);
  fmt::print(
      "Removed {} from today; the weeks before keep it as they had it.\n"
      "'rebuild undo' brings it back.\n",
      what);
}

void print_unchanged(context& ctx, const std::string& message, const entry* about) {
  if (ctx.globals.json)
    return print_json({{"changed", false},
                       {"message", message},
                       {"entry", about ? entry_json(*about) : nlohmann::ordered_json()}});
  fmt::print("{}\n", message);
}

std::string after_talks_note(journal& j, const when& at) {
  const auto until = talks_until(j);
  if (!until || !at.time || *at.time < *until) return "";
  return fmt::format(
      "\nIt is after {}, when you agreed big talks wait for another day; if you both like, "
      "this can wait until the morning.",
      hh_mm(*until));
}

void print_recorded(context& ctx, const added& result, const std::string& extra, bool updated) {
  if (ctx.globals.json) {
    print_json(
        {{"entry", entry_json(result.item)},
         {"replaced", result.replaced ? entry_json(*result.replaced) : nlohmann::ordered_json()}});
    return;
  }
  if (result.replaced && updated)
    fmt::print("This updates the {} you wrote for {} ({}); what you left out is kept.\n",
               result.replaced->kind->label, when_text(*result.replaced),
               summary(*result.replaced));
  else if (result.replaced)
    fmt::print("This replaces the {} you wrote for {} ({}).\n", result.replaced->kind->label,
               when_text(*result.replaced), summary(*result.replaced));
  const entry& e = result.item;
  const std::string figures = summary(e);
  fmt::print("Saved {}{} {} for {}, {}{}.\n", e.is_private ? "private " : "", e.kind->label,
             paint(e.short_id(), fmt::fg(fmt::terminal_color::yellow), ctx.color()), e.author.name,
             when_text(e), figures.empty() ? "" : ": " + figures);
  if (!extra.empty()) fmt::print("{}\n", extra);
}

}  // namespace rebuild::cli
