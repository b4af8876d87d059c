#include "options.hpp"

#include <fmt/format.h>

#include <charconv>

#include "passphrase_input.hpp"
#include "rebuild/private_words.hpp"

namespace rebuild::cli {

std::optional<int> parse_whole(std::string_view text) {
  int n = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, n);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return n;
}

CLI::Option* add_number(CLI::App* app, const std::string& flag, int& target,
                        const field_spec& field, const std::string& help) {
  const int lo = field.min;
  const int hi = field.max;
  CLI::Validator range(
      [lo, hi](std::string& input) -> std::string {
        const auto n = parse_whole(input);
        if (!n || *n < lo || *n > hi)
          return fmt::format("give a whole number from {} to {} (got '{}')", lo, hi, input);
        return {};
      },
      fmt::format("{}-{}", lo, hi));
  return app->add_option(flag, target, help)->check(range)->type_name("N");
}

void when_options::add_to(CLI::App* app, const std::string& what) {
  app->add_option("--date", date,
                  fmt::format("the day {}: today, yesterday, YYYY-MM-DD, mon..sun or -Nd", what))
      ->type_name("D");
  app->add_option("--time", time, "the time of day, HH:MM (24-hour)")->type_name("HH:MM");
  app->add_flag("--private", private_entry,
                "yours alone: its words sealed with your passphrase, never shown to your "
                "partner");
  add_passphrase_fd(app, passphrase, "passphrase-fd",
                    "with --private: read your passphrase from this file descriptor");
}

void private_read_options::add_to(CLI::App* app) {
  app->add_flag("--private", on, "show your private entries too (asks your passphrase)");
  add_passphrase_fd(app, passphrase, "passphrase-fd",
                    "with --private: read your passphrase from this file descriptor");
}

void private_read_options::reveal(context& ctx) const {
  if (!on) return;
  ctx.ask_privately(passphrase);
  for (auto& line : reveal_private(ctx.journal(), ctx.writer(), ctx.private_key()))
    ctx.unread.push_back(std::move(line));
}

when when_options::resolve(context& ctx, std::string_view what) const {
  const auto& now = ctx.now();
  when at{now.today(), now.time_of_day()};
  if (!date.empty()) {
    at.day = parse_day(date, now.today());
    if (at.day != now.today()) at.time.reset();
  }
  if (!time.empty()) at.time = parse_time_of_day(time);
  require_not_future(at.day, at.time, now, what);
  if (private_entry) ctx.ask_privately(passphrase);
  return at;
}

when when_options::resolve_over(context& ctx, const when& current, std::string_view what) const {
  const auto& now = ctx.now();
  when at = current;
  if (!date.empty()) at.day = parse_day(date, now.today());
  if (!time.empty()) at.time = parse_time_of_day(time);
  require_not_future(at.day, at.time, now, what);
  return at;
}

CLI::App* add_command(CLI::App& parent, const std::string& name, const std::string& description,
                      const std::string& examples) {
  CLI::App* sub = parent.add_subcommand(name, description);
  if (!examples.empty()) sub->footer("\nExamples:\n" + examples);
  return sub;
}

}  // namespace rebuild::cli
