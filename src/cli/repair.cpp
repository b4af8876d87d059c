// rebuild repair S [--accepted/--not-accepted] [--apology S --reassurance S --commitment S]
//   [--then S] [--date D] [--time HH:MM] · repair commit ID --commitment S
// A repair attempt; with the three flags, the second guide's full sequence (001: "begin with
// apology, move toward reassurance, and end with a mutual commitment to protect the bond");
// --then, the ritual's "return to a neutral activity that calms the nervous system"; and
// `repair commit`, the other partner's side of that mutual commitment.
#include <fmt/format.h>

#include "commands.hpp"
#include "rebuild/errors.hpp"
#include "shared/editor.hpp"
#include "shared/options.hpp"
#include "shared/record.hpp"

namespace rebuild::cli {
namespace {

struct repair_options {
  std::string text, apology, reassurance, commitment, then;
  CLI::Option* then_flag = nullptr;
  CLI::App* app = nullptr;
  CLI::Option* text_arg = nullptr;
  CLI::Option *apology_flag = nullptr, *reassurance_flag = nullptr, *commitment_flag = nullptr;
  bool accepted = false;
  bool not_accepted = false;
  when_options at;
};

void run_repair(context& ctx, const repair_options& o) {
  const auto parts_given =
      o.apology_flag->count() + o.reassurance_flag->count() + o.commitment_flag->count();
  const bool sequence = parts_given > 0;
  const bool parts_missing = sequence && parts_given < 3;
  if (parts_missing && !ctx.interactive())
    throw usage_error(
        "the repair sequence has three parts: --apology, --reassurance and --commitment; give "
        "all three (or none, for a quick repair)");
  const bool ask = parts_missing || editor_can_ask(ctx, o.app, {o.text_arg});
  const partner who = ctx.writer();
  const when at = o.at.resolve(ctx, "a repair");
  std::vector<std::string> words;
  for (const auto& [flag, text] : {std::pair{o.text_arg, &o.text},
                                   {o.apology_flag, &o.apology},
                                   {o.reassurance_flag, &o.reassurance},
                                   {o.commitment_flag, &o.commitment}})
    words.push_back(*flag ? ctx.text(*text) : std::string());
  if (ask && sequence)  // on a terminal: the sequence in one template, what was given filled in
    words = edit_parts("repair",
                       "A repair in three steps: an apology, then reassurance, then a "
                       "commitment to protect what you have.",
                       {{"Repair", "what you said or did, in a line", words[0]},
                        {"Apology", "what you are sorry for", words[1]},
                        {"Reassurance", "what you want your partner to know now", words[2]},
                        {"Commitment", "what you will both do to protect the bond", words[3]}});
  else if (ask)
    words[0] = edit_text("repair", "what you said or did to repair");
  field_values fields{{"text", words[0]}};
  if (sequence) {
    fields["apology"] = words[1];
    fields["reassurance"] = words[2];
    fields["commitment"] = words[3];
  }
  if (o.accepted || o.not_accepted) fields["accepted"] = std::int64_t{o.accepted ? 1 : 0};
  if (*o.then_flag) fields["neutral"] = ctx.text(o.then);
  const added result = record_entry(ctx, kind_named("repair"), who, at, fields);
  std::string extra = sequence ? "The full sequence: apology, reassurance, commitment." : "";
  if (sequence && !result.item.is_private)
    extra += fmt::format(
        " Your partner can add their side: rebuild repair commit {} --commitment "
        "\"...\"",
        result.item.short_id());
  print_recorded(ctx, result, extra);
}

struct commit_options {
  std::string id, commitment;
  when_options at;
};

// The other partner's side of the commitment that ends the repair ("a mutual commitment to
// protect the bond"): one a partner, for a repair they did not make.
void commit_to_repair(context& ctx, const commit_options& o) {
  const partner who = ctx.writer();
  const entry repair = find_of_kind(ctx, o.id, "repair");
  if (repair.author.id == who.id)
    throw data_error(fmt::format(
        "repair {} is {}'s own; the commitment there is given with --commitment when it is "
        "logged (or 'rebuild edit {} --commitment S'), and 'repair commit' is the other partner's "
        "side",
        repair.short_id(), who.name, repair.short_id()));
  auto& j = ctx.journal();
  for (const auto& c : entries_of_kind(j, "repair-commitment"))
    if (c.text("repair") == repair.uuid && c.author.id == who.id)
      throw data_error(
          fmt::format("you committed to repair {} already ({}); change it with "
                      "'rebuild edit {} --commitment S'",
                      repair.short_id(), c.short_id(), c.short_id()));
  const when at = o.at.resolve(ctx, "a commitment");
  if (at.day < repair.day)
    throw data_error(fmt::format("a commitment cannot come before the repair it answers ({})",
                                 iso_day(repair.day)));
  print_recorded(ctx,
                 record_entry(ctx, kind_named("repair-commitment"), who, at,
                              {{"repair", repair.uuid}, {"commitment", ctx.text(o.commitment)}}),
                 repair.text("commitment").empty()
                     ? "Your side of the commitment is written down."
                     : "Both sides of the commitment are written down.");
}

}  // namespace

void setup_repair(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<repair_options>();
  CLI::App* sub = add_command(
      app, "repair", "A repair attempt you made, quick or as the full sequence",
      "  rebuild repair \"I'm sorry I snapped; can we start over?\" --accepted\n"
      "  rebuild repair \"Let me try that again\" --not-accepted --time 21:05\n"
      "  rebuild repair \"About last night\" --apology \"I'm sorry I walked out\" \\\n"
      "      --reassurance \"I was overwhelmed, not leaving\" \\\n"
      "      --commitment \"Next time I'll say 'pause' and stay in the room\" --accepted \\\n"
      "      --then \"A cup of tea on the balcony\"\n"
      "  rebuild repair commit 3f2a91c0 --commitment \"I'll ask for the pause sooner\"\n");
  o->app = sub;
  o->text_arg = sub->add_option("text", o->text,
                                "what you said or did ('-': from stdin; left out: in your editor)")
                    ->type_name("S");
  auto* yes = sub->add_flag("--accepted", o->accepted, "your partner accepted it");
  auto* no = sub->add_flag("--not-accepted", o->not_accepted, "it was not accepted (this time)");
  yes->excludes(no);
  o->apology_flag = sub->add_option("--apology", o->apology,
                                    "the sequence, first: what you are sorry for ('-': stdin)")
                        ->type_name("S");
  o->reassurance_flag = sub->add_option("--reassurance", o->reassurance,
                                        "then: what you want your partner to know now ('-': stdin)")
                            ->type_name("S");
  o->commitment_flag =
      sub->add_option("--commitment", o->commitment,
                      "last: what you will both do to protect the bond ('-': stdin)")
          ->type_name("S");
  o->then_flag = sub->add_option("--then", o->then,
                                 "the neutral activity you returned to, to calm down together "
                                 "('-': stdin)")
                     ->type_name("S");
  o->at.add_to(sub, "it happened");
  commands.push_back({sub, [&ctx, o] { run_repair(ctx, *o); }});

  auto c = std::make_shared<commit_options>();
  CLI::App* commit = add_command(*sub, "commit",
                                 "Your side of the commitment that ends your partner's repair", "");
  commit->add_option("id", c->id, "the repair's id, as 'rebuild log --type repair' shows it")
      ->required()
      ->type_name("ID");
  commit
      ->add_option("--commitment", c->commitment,
                   "what you will do to protect the bond ('-': stdin)")
      ->required()
      ->type_name("S");
  c->at.add_to(commit, "you committed");
  commands.push_back({commit, [&ctx, c] { commit_to_repair(ctx, *c); }});
}

}  // namespace rebuild::cli
