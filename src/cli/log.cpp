// rebuild log [--since D] [--until D] [--type T] [--by P] [-n N]
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/text.hpp"

namespace rebuild::cli {
namespace {

struct log_options {
  std::string since;
  std::string until;
  std::string type;
  std::string by;
  int limit = 0;
  CLI::Option* limit_flag = nullptr;
};

std::string pad(const std::string& s, std::size_t width) {
  const std::size_t len = utf8_length(s).value_or(s.size());
  return len >= width ? s : s + std::string(width - len, ' ');
}

void print_line(const entry& e, std::size_t author_width, std::size_t kind_width, bool color) {
  const std::string when = fmt::format("{} {} {}", short_weekday(e.day), iso_day(e.day),
                                       e.time ? hh_mm(*e.time) : std::string("     "));
  std::string line = fmt::format("{}  {}  {}  {}  {}",
                                 paint(e.short_id(), fmt::fg(fmt::terminal_color::yellow), color),
                                 when, pad(e.author.name, author_width),
                                 paint(pad(std::string(e.kind->label), kind_width), fmt::emphasis::bold,
                                       color),
                                 summary(e));
  while (!line.empty() && line.back() == ' ') line.pop_back();
  fmt::print("{}\n", line);
  for (const auto& f : e.kind->fields) {
    const auto* s = std::get_if<std::string>(&e.get(f.name));
    if (f.type != field_type::text || s == nullptr) continue;
    const std::string label =
        f.name == "text" || f.name == "name" ? std::string() : std::string(f.label) + ": ";
    const std::string indent(10 + utf8_length(label).value_or(0), ' ');
    std::size_t start = 0;
    bool first = true;
    while (true) {
      const auto end = s->find('\n', start);
      const std::string piece = s->substr(start, end == std::string::npos ? end : end - start);
      fmt::print("{}\n", piece.empty() && !first
                             ? std::string()
                             : (first ? std::string(10, ' ') + label : indent) + piece);
      first = false;
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }
}

void run_log(context& ctx, const log_options& o) {
  auto& j = ctx.journal();
  const read_transaction snapshot(j);  // one consistent view, locks taken once
  const days_t today = ctx.now().today();
  log_filter filter;
  if (!o.since.empty()) filter.since = parse_day(o.since, today);
  if (!o.until.empty()) filter.until = parse_day(o.until, today);
  if (filter.since && filter.until && *filter.since > *filter.until)
    throw data_error(fmt::format("--since {} is after --until {}; swap them",
                                 iso_day(*filter.since), iso_day(*filter.until)));
  if (!o.type.empty()) filter.kind = &kind_named(o.type);
  if (!o.by.empty()) filter.author = find_partner(j, o.by).id;
  if (*o.limit_flag) filter.limit = o.limit;
  const auto entries = list_entries(j, filter);

  if (ctx.globals.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& e : entries) list.push_back(entry_json(e));
    print_json({{"entries", list}});
    return;
  }
  if (entries.empty()) {
    fmt::print("No entries{}.\n", filter.since || filter.until || filter.kind || filter.author
                                      ? " match those filters"
                                      : " yet; 'rebuild checkin' is a good first one");
    return;
  }
  std::size_t author_width = 0;
  for (const auto& p : partners(j))
    author_width = std::max(author_width, utf8_length(p.name).value_or(p.name.size()));
  std::size_t kind_width = 0;
  for (const auto& e : entries) kind_width = std::max(kind_width, e.kind->label.size());
  for (const auto& e : entries) print_line(e, author_width, kind_width, ctx.color());
}

}  // namespace

void setup_log(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<log_options>();
  std::string types;
  for (const auto& k : kinds()) types += (types.empty() ? "" : ", ") + std::string(k.name);
  CLI::App* sub = add_command(app, "log", "The timeline of entries, newest first",
                              "  rebuild log\n"
                              "  rebuild log --since mon --type checkin\n"
                              "  rebuild log --by Sam --since 2026-03-01 --until 2026-03-31\n"
                              "  rebuild log -n 5 --json\n");
  sub->add_option("--since", o->since, "from this day on (D)")->type_name("D");
  sub->add_option("--until", o->until, "up to and including this day (D)")->type_name("D");
  sub->add_option("--type", o->type, "only this kind: " + types)->type_name("T");
  sub->add_option("--by", o->by, "only this partner's entries")->type_name("P");
  static const field_spec limit{"limit", "limit", field_type::integer, false, 1, 1000000};
  o->limit_flag = add_number(sub, "-n,--limit", o->limit, limit, "at most N entries");
  commands.push_back({sub, [&ctx, o] { run_log(ctx, *o); }});
}

}  // namespace rebuild::cli
