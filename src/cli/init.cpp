// rebuild init --partner NAME [--partner NAME] [--start D]
#include <fmt/format.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/settings.hpp"
#include "rebuild/text.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"

namespace rebuild::cli {
namespace {

void print_result(const std::filesystem::path& path, const std::vector<partner>& list,
                  const std::optional<std::string>& start, bool created) {
  nlohmann::ordered_json names = nlohmann::ordered_json::array();
  for (const auto& p : list) names.push_back(p.name);
  print_json({{"journal", path.string()},
              {"created", created},
              {"partners", names},
              {"plan_start", start ? nlohmann::ordered_json(*start) : nlohmann::ordered_json()}});
}

struct init_options {
  std::vector<std::string> partners;
  std::string start;
};

void run_init(context& ctx, const init_options& opts) {
  if (opts.partners.size() > 2)
    throw usage_error(
        fmt::format("a journal is for one or two partners; {} --partner names were "
                    "given",
                    opts.partners.size()));
  for (const auto& name : opts.partners) validate_partner_name(name);
  if (opts.partners.size() == 2 && ascii_lower(opts.partners[0]) == ascii_lower(opts.partners[1]))
    throw data_error(
        fmt::format("the two partners need different names (both are '{}')", opts.partners[0]));
  const auto& now = ctx.now();
  const days_t start = opts.start.empty() ? now.today() : parse_day(opts.start, now.today());

  const auto path = ctx.journal_path();
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    auto& j = ctx.journal();  // refuses a file that is not a journal (74)
    if (ctx.globals.json)
      return print_result(path, partners(j), get_setting(j, "plan.start"), false);
    fmt::print("A journal already exists at {}, for {}. Nothing was changed.\n", path.string(),
               partner_names(partners(j)));
    return;
  }
  rebuild::journal::create(path, [&](rebuild::journal& j) {
    for (const auto& name : opts.partners) add_partner(j, name, now);
    set_setting(j, "plan.start", iso_day(start));
  });
  std::vector<partner> names;
  for (const auto& n : opts.partners) names.push_back({0, {}, n});
  if (ctx.globals.json) return print_result(path, names, iso_day(start), true);
  fmt::print("Started a journal for {} at {}.\n", partner_names(names), path.string());
  fmt::print("Day 1 of the 60-day plan: {}.\n", human_day(start));
  fmt::print("Next, each of you can write a two-sentence goal:\n");
  const bool two = names.size() == 2;
  fmt::print("  rebuild goal{} --problem \"...\" --outcome \"...\"\n",
             two ? " --as " + names.front().name : std::string());
}

}  // namespace

void setup_init(CLI::App& app, context& ctx, command_list& commands) {
  auto opts = std::make_shared<init_options>();
  CLI::App* sub = add_command(app, "init", "Create the journal for one or two partners",
                              "  rebuild init --partner Dan --partner Sam\n"
                              "  rebuild init --partner Dan --partner Sam --start mon\n"
                              "  rebuild --journal ~/private/us.db init --partner Ana\n");
  sub->add_option("--partner", opts->partners, "a partner's name (once or twice)")
      ->required()
      ->type_name("NAME");
  sub->add_option("--start", opts->start, "day 1 of the 60-day plan (default today)")
      ->type_name("D");
  commands.push_back({sub, [&ctx, opts] { run_init(ctx, *opts); }});
}

}  // namespace rebuild::cli
