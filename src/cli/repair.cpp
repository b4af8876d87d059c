// rebuild repair S [--accepted/--not-accepted] [--apology S --reassurance S --commitment S]
//   [--date D] [--time HH:MM]
// A repair attempt; with the three flags, the second guide's full sequence (001: "begin with
// apology, move toward reassurance, and end with a mutual commitment to protect the bond").
#include "commands.hpp"
#include "rebuild/errors.hpp"
#include "shared/editor.hpp"
#include "shared/options.hpp"
#include "shared/record.hpp"

namespace rebuild::cli {
namespace {

struct repair_options {
  std::string text, apology, reassurance, commitment;
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
  print_recorded(ctx, record_entry(ctx, kind_named("repair"), who, at, fields),
                 sequence ? "The full sequence: apology, reassurance, commitment." : "");
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
      "      --commitment \"Next time I'll say 'pause' and stay in the room\" --accepted\n");
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
  o->at.add_to(sub, "it happened");
  commands.push_back({sub, [&ctx, o] { run_repair(ctx, *o); }});
}

}  // namespace rebuild::cli
