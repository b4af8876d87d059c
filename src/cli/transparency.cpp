// rebuild transparency · transparency add S --until D · transparency end ID [--note S]
// Transparency as a scaffold (000 Step 3): after a betrayal, a time-limited agreement ("a
// short-term bridge ... infantilizing if used permanently"), so every one has an end date, at
// most 90 days on, and is reviewed together when it reaches it.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/support.hpp"
#include "rebuild/text.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"
#include "shared/record.hpp"
#include "shared/terminal.hpp"
#include "shared/wrap.hpp"

namespace rebuild::cli {
namespace {

struct add_options {
  std::string text, until;
  when_options at;
};

struct end_options {
  std::string id, note;
  CLI::Option* note_flag = nullptr;
  when_options at;
};

/// --until: a day (YYYY-MM-DD, tomorrow, a weekday) or +Nd, N days after the day it is agreed.
days_t end_day(const std::string& text, days_t agreed, days_t today) {
  const std::string hint = "use YYYY-MM-DD, tomorrow, or +Nd for N days on, such as +30d";
  if (text.size() >= 3 && text.front() == '+' && (text.back() == 'd' || text.back() == 'D')) {
    const auto n = parse_whole(text.substr(1, text.size() - 2));
    if (!n || *n < 1 || *n > 10000)
      throw data_error(fmt::format("--until: cannot read '{}'; {}", text, hint));
    return agreed + date::days{*n};
  }
  try {
    return parse_day(text, today);
  } catch (const data_error&) {
    throw data_error(fmt::format("--until: cannot read '{}'; {}", text, hint));
  }
}

/// How an agreement stands on `today`, in a few words.
std::string standing(const transparency_view& v, days_t today) {
  if (v.ended) return "ended " + human_day(*v.ended);
  const auto left = (v.until - today).count();
  if (left > 1) return fmt::format("until {} · {} days left", human_day(v.until), left);
  if (left == 1) return fmt::format("until {} · ends tomorrow", human_day(v.until));
  if (left == 0) return "ends today: review it together";
  return fmt::format("reached its end on {}: review it together", human_day(v.until));
}

void list_transparency(context& ctx) {
  auto& j = ctx.journal();
  const days_t today = ctx.now().today();
  const auto all = transparency_by(j, today);
  if (ctx.globals.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& v : all)
      list.push_back({{"id", v.uuid},
                      {"text", v.text},
                      {"agreed", iso_day(v.day)},
                      {"until", iso_day(v.until)},
                      {"days_left", v.ended ? nlohmann::ordered_json()
                                            : nlohmann::ordered_json((v.until - today).count())},
                      {"ended", v.ended ? nlohmann::ordered_json(iso_day(*v.ended))
                                        : nlohmann::ordered_json()}});
    return print_json({{"transparency", list}});
  }
  if (all.empty()) {
    fmt::print(
        "No transparency agreements. One is a short-term bridge with an end date:\n"
        "  rebuild transparency add \"I share my calendar each Sunday\" --until +30d\n");
    return;
  }
  const std::size_t width = output_width();
  const std::size_t text_w = width > 12 ? width - 12 : width;
  // Those still running first, then the ended ones.
  for (const bool ended : {false, true})
    for (const auto& v : all) {
      if (v.ended.has_value() != ended) continue;
      const std::string id = paint(v.short_id(), fmt::fg(fmt::terminal_color::yellow), ctx.color());
      const auto lines = wrap_text(v.text, text_w);
      fmt::print("  {}  {}\n", id, lines.front());
      for (std::size_t i = 1; i < lines.size(); ++i) fmt::print("{:12}{}\n", "", lines[i]);
      for (const auto& line : wrap_text(standing(v, today), text_w))
        fmt::print("{:12}{}\n", "", line);
    }
}

void add_transparency(context& ctx, const add_options& o) {
  const partner who = ctx.writer();
  const when at = o.at.resolve(ctx, "a transparency agreement");
  // The span (after the day it is agreed, at most 90 days on) is checked where it is
  // written, for `edit` alike.
  const days_t until = end_day(o.until, at.day, ctx.now().today());
  print_recorded(ctx, record_entry(ctx, kind_named("transparency"), who, at,
                                   {{"text", ctx.text(o.text)}, {"until", iso_day(until)}}));
}

void end_transparency(context& ctx, const end_options& o) {
  const partner who = ctx.writer();
  auto& j = ctx.journal();
  const entry a = find_of_kind(ctx, o.id, "transparency");
  const when at = o.at.resolve(ctx, "the end of a transparency agreement");
  for (const auto& v : transparency_by(j, every_day_ever))
    if (v.uuid == a.uuid && v.ended)
      return print_unchanged(
          ctx,
          fmt::format("That agreement ended on {} already; nothing changed.", human_day(*v.ended)),
          &a);
  if (at.day < a.day)
    throw data_error(
        fmt::format("an agreement cannot end before the day it was agreed ({})", iso_day(a.day)));
  field_values fields{{"agreement", a.uuid}};
  if (*o.note_flag) fields["note"] = ctx.text(o.note);
  print_recorded(ctx, record_entry(ctx, kind_named("transparency-end"), who, at, fields));
}

}  // namespace

void setup_transparency(CLI::App& app, context& ctx, command_list& commands) {
  CLI::App* sub =
      add_command(app, "transparency", "Time-limited transparency agreements: add, end",
                  "  rebuild transparency\n"
                  "  rebuild transparency add \"I share my calendar each Sunday\" --until +30d\n"
                  "  rebuild transparency end 3f2a91c0 --note \"We trust the Sunday talk now\"\n");
  commands.push_back({sub, [&ctx] { list_transparency(ctx); }});

  auto a = std::make_shared<add_options>();
  CLI::App* add =
      add_command(*sub, "add", "An agreement, with the day it ends (at most 90 days on)", "");
  add->add_option("text", a->text, "what you agree to share ('-': stdin)")
      ->required()
      ->type_name("S");
  add->add_option("--until", a->until,
                  "the day it ends: YYYY-MM-DD, tomorrow or +Nd (at most 90 days on)")
      ->required()
      ->type_name("D");
  a->at.add_to(add, "it was agreed");
  commands.push_back({add, [&ctx, a] { add_transparency(ctx, *a); }});

  auto e = std::make_shared<end_options>();
  CLI::App* end = add_command(*sub, "end", "End an agreement, having reviewed it together", "");
  end->add_option("id", e->id, "the agreement's id, or a unique start of it")
      ->required()
      ->type_name("ID");
  e->note_flag =
      end->add_option("--note", e->note, "what you decided ('-': stdin)")->type_name("S");
  e->at.add_to(end, "it ended");
  commands.push_back({end, [&ctx, e] { end_transparency(ctx, *e); }});
}

}  // namespace rebuild::cli
