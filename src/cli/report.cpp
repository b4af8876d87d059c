// rebuild report [--week W] [--weeks N] [--format text/markdown/json/html] [--output FILE]
// [--redact] [--no-pager]
#include <fmt/format.h>

#include <sstream>

#include "commands.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/render.hpp"
#include "shared/options.hpp"
#include "shared/output_file.hpp"
#include "shared/pager.hpp"
#include "shared/terminal.hpp"

namespace rebuild::cli {
namespace {

struct report_options {
  std::string week;
  std::string format;
  std::string output;
  bool redact = false;
  private_read_options privately;
  int weeks = 8;
  bool page = true;
  CLI::Option* week_flag = nullptr;
};

void run_report(context& ctx, const report_options& o) {
  if (ctx.globals.json && !o.format.empty() && o.format != "json")
    throw usage_error(fmt::format(
        "--json asks for JSON but --format {0} for {1}; use --format json for JSON, or drop "
        "--json for {1}",
        o.format,
        o.format == "md" || o.format == "markdown" ? "Markdown"
        : o.format == "html"                       ? "HTML"
                                                   : "text"));
  const week w = parse_week(o.week, ctx.now().today());
  report_format format = report_format::text;
  if (o.format == "markdown" || o.format == "md")
    format = report_format::markdown;
  else if (o.format == "json" || (o.format.empty() && ctx.globals.json))
    format = report_format::json;
  else if (o.format == "html")
    format = report_format::html;
  o.privately.reveal(ctx);
  weekly_report r = [&] {
    const read_transaction snapshot(ctx.journal());
    return build_report(ctx.journal(), w, ctx.now().today(), o.redact, o.weeks);
  }();
  if (o.privately.on) r.with_private_of = ctx.writer().name;
  std::ostringstream out;
  const bool color = o.output.empty() && ctx.color();
  render(r, format, out,
         {[color](std::string_view s) { return paint(s, fmt::emphasis::bold, color); }});
  if (o.output.empty()) {
    const pager paging(o.page);  // on a terminal: a report is longer than a screen
    fmt::print("{}", out.str());
    return;
  }
  write_private_file(o.output, out.str());
  if (!ctx.globals.json)
    fmt::print("Wrote the report for {} to {} (readable by you only).\n", w.label, o.output);
}

}  // namespace

void setup_report(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<report_options>();
  CLI::App* sub = add_command(
      app, "report", "The weekly summary against your two-sentence goals, beside the week before",
      "  rebuild report\n"
      "  rebuild report --week last --format markdown\n"
      "  rebuild report --week 2026-W10 --format html --output week10.html --redact\n"
      "  rebuild report --private     (your private entries counted too, for you alone)\n");
  o->week_flag = sub->add_option("--week", o->week,
                                 "the week: last, YYYY-Www, or any day D (default this week)")
                     ->type_name("W");
  sub->add_option("--format", o->format, "text (default), markdown, json or html")
      ->type_name("F")
      ->check(CLI::IsMember({"text", "markdown", "md", "json", "html"}));
  add_no_pager(sub, o->page);
  sub->add_option("--output", o->output, "write to FILE (mode 0600) instead of stdout")
      ->type_name("FILE");
  static const field_spec weeks{"weeks", "number of weeks", field_type::integer, false, 1, 104};
  add_number(sub, "--weeks", o->weeks, weeks,
             "the trend: this many weeks, one row each (default 8)");
  sub->add_flag("--redact", o->redact, "leave out every free-text field; keep the figures");
  o->privately.add_to(sub);
  sub->get_option("--private")
      ->description("count your private entries too (asks your passphrase); for your eyes only");
  commands.push_back({sub, [&ctx, o] { run_report(ctx, *o); }});
}

}  // namespace rebuild::cli
