// rebuild log [--since D] [--until D] [--type T] [--by P] [--grep S] [-n N] [--no-pager]
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "rebuild/conflicts.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/text.hpp"
#include "shared/options.hpp"
#include "shared/pager.hpp"
#include "shared/present.hpp"
#include "shared/wrap.hpp"

namespace rebuild::cli {
namespace {

struct log_options {
  std::string since;
  std::string until;
  std::string type;
  std::string by;
  std::string grep;
  CLI::Option* grep_flag = nullptr;
  int limit = 0;
  CLI::Option* limit_flag = nullptr;
  bool page = true;
  private_read_options privately;
};

using json = nlohmann::ordered_json;

constexpr std::size_t text_indent = 10;     // where an entry's words start: under its date
constexpr std::size_t max_kind_width = 13;  // a longer kind's label pushes its figures along
constexpr std::size_t min_figures = 16;     // narrower than this, the figures go under the row

/// How rows are laid out: the width to fit and the columns of the head of a row.
struct layout {
  std::size_t width;
  std::size_t author_width;
  std::size_t kind_width;
  bool color;
};

std::string spaces(std::size_t n) { return std::string(n, ' '); }

/// `lines`, the first after `first` and the others indented by `indent`, into `out`.
void hang(std::string& out, const std::string& first, const std::vector<std::string>& lines,
          std::size_t indent) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string line = (i == 0 ? first : spaces(indent)) + lines[i];
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + '\n';
  }
}

/// The row of an entry: its id, day and time, author, kind and figures, the figures wrapped
/// in their column; then each of its texts, wrapped under it. One string, ending in a line
/// break.
std::string entry_rows(const entry& e, const layout& l) {
  const std::string id = paint(e.short_id(), fmt::fg(fmt::terminal_color::yellow), l.color);
  const std::string day = fmt::format("{} {}", short_weekday(e.day), iso_day(e.day));
  const std::string kind(e.kind->label);
  auto figures = split_parts(summary(e), " · ");
  if (e.is_private && !e.sealed) figures.insert(figures.begin(), "private");
  std::string out;
  const std::size_t head_width =
      8 + 2 + 20 + 2 + l.author_width + 2 + std::max(l.kind_width, display_width(kind)) + 2;
  if (l.width >= head_width + min_figures) {
    // The table: columns padded, the figures wrapped in the last one.
    const std::string head =
        fmt::format("{}  {} {}  {}  {}  ", id, day, e.time ? hh_mm(*e.time) : std::string("     "),
                    pad_right(e.author.name, l.author_width),
                    paint(pad_right(kind, l.kind_width), fmt::emphasis::bold, l.color));
    hang(out, head, pack_parts(figures, " · ", l.width - head_width, l.width - head_width),
         head_width);
  } else {
    // Too narrow for the table: the head's parts as they fit, the figures under them.
    std::vector<std::string> parts = {e.short_id(), e.time ? day + " " + hh_mm(*e.time) : day,
                                      e.author.name, kind};
    auto head = pack_parts(parts, "  ", l.width, l.width - text_indent);
    if (l.color) {  // painted after the layout, which counts only what shows
      head.front().replace(0, 8, id);
      for (auto& line : head)
        if (const auto at = line.rfind(kind);
            at != std::string::npos && at + kind.size() == line.size())
          line.replace(at, kind.size(), paint(kind, fmt::emphasis::bold, true));
    }
    hang(out, "", head, text_indent);
    if (!figures.empty())
      hang(out, spaces(text_indent),
           pack_parts(figures, " · ", l.width - text_indent, l.width - text_indent), text_indent);
  }
  for (const auto& f : e.kind->fields) {
    const auto* s = std::get_if<std::string>(&e.get(f.name));
    if (f.type != field_type::text || s == nullptr) continue;
    const std::string label =
        f.name == "text" || f.name == "name" ? std::string() : std::string(f.label) + ": ";
    const std::size_t indent = text_indent + display_width(label);
    if (l.width >= indent + min_figures) {
      hang(out, spaces(text_indent) + label, wrap_text(*s, l.width - indent), indent);
    } else {  // a long label on a narrow screen: the label, then the words under it
      hang(out, spaces(text_indent), wrap_text(label, l.width - text_indent), text_indent);
      hang(out, spaces(text_indent + 2), wrap_text(*s, l.width - text_indent - 2), text_indent + 2);
    }
  }
  return out;
}

void run_log(context& ctx, const log_options& o) {
  o.privately.reveal(ctx);
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
  filter.timeline = true;  // the edits kept of jobs and rituals only with --type
  if (!o.by.empty()) filter.author = find_partner(j, o.by).id;
  if (*o.limit_flag) filter.limit = o.limit;
  if (*o.grep_flag) {
    if (o.grep.empty()) throw usage_error("--grep needs words to look for, such as --grep tea");
    filter.grep = o.grep;
  }

  // Each entry is printed as it is read: a journal of ten years is never held whole.
  if (ctx.globals.json) {
    json_list list("entries");
    each_entry(j, filter, [&](entry& e) { list.add(entry_json(e)); });
    list.end();
    return;
  }
  layout l{output_width(), 0, 0, ctx.color()};  // before the pager: they look at the terminal
  for (const auto& p : partners(j))
    l.author_width = std::max(l.author_width, display_width(p.name));
  for (const auto& k : kinds())
    if (filter.kind == nullptr || filter.kind == &k)
      l.kind_width = std::max(l.kind_width, std::min(max_kind_width, display_width(k.label)));
  const pager paging(o.page);
  bool any = false;
  each_entry(j, filter, [&](entry& e) {
    any = true;
    fmt::print("{}", entry_rows(e, l));
  });
  if (!any)
    fmt::print("No entries{}.\n",
               filter.since || filter.until || filter.kind || filter.author || filter.grep
                   ? " match those filters"
                   : " yet; 'rebuild checkin' is a good first one");
  // Versions sync kept aside are in no list but their own: said, so none is forgotten.
  if (const auto aside = list_conflicts(j).size(); aside > 0)
    fmt::print("\n{} kept aside, nothing lost: 'rebuild conflicts' shows {}.\n",
               aside == 1 ? std::string("1 version") : fmt::format("{} versions", aside),
               aside == 1 ? "it" : "them");
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
  o->grep_flag = sub->add_option("--grep", o->grep,
                                 "only entries whose words hold S (any case), as git log --grep")
                     ->type_name("S");
  static const field_spec limit{"limit", "limit", field_type::integer, false, 1, 1000000};
  o->limit_flag = add_number(sub, "-n,--limit", o->limit, limit, "at most N entries");
  add_no_pager(sub, o->page);
  o->privately.add_to(sub);
  commands.push_back({sub, [&ctx, o] { run_log(ctx, *o); }});
}

}  // namespace rebuild::cli
