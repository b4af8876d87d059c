// rebuild tasks · tasks add NAME [--owner P] [--cadence C] [--load 1-5] [--standard S] [--by D]
// tasks edit NAME/ID [--name S] [--cadence C] [--load 1-5] [--standard S] [--by D/none]
// tasks assign NAME/ID --owner P · tasks review [--note S]
// A job's quality standard and deadline are the pair's agreement (000: "agree on quality
// thresholds and deadlines").
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/practices.hpp"
#include "rebuild/text.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"
#include "shared/record.hpp"

namespace rebuild::cli {
namespace {

constexpr std::size_t guide_jobs = 12;

struct add_options {
  std::string name, owner, cadence, standard, by;
  int load = 0;
  CLI::Option* load_flag = nullptr;
  CLI::Option* standard_flag = nullptr;
  CLI::Option* by_flag = nullptr;
  when_options at;
};

struct edit_options {
  std::string job, name, cadence, standard, by;
  int load = 0;
  CLI::Option *name_flag = nullptr, *cadence_flag = nullptr, *load_flag = nullptr,
              *standard_flag = nullptr, *by_flag = nullptr;
};

/// --by: the deadline, a day still to come or any day (YYYY-MM-DD, tomorrow, a weekday: the
/// next one); "none" clears it.
value deadline_of(context& ctx, const std::string& text) {
  const std::string lower = ascii_lower(text);
  if (lower == "none" || lower == "no") return {};
  return iso_day(parse_coming_day(text, ctx.now().today()));
}

struct assign_options {
  std::string job, owner;
  when_options at;
};

struct review_options {
  std::string note;
  CLI::Option* note_flag = nullptr;
  when_options at;
};

std::string pad(const std::string& s, std::size_t width) {
  const std::size_t len = utf8_length(s).value_or(s.size());
  return len >= width ? s : s + std::string(width - len, ' ');
}

/// "--owner nobody" (or none) leaves a job unowned.
std::optional<std::string> owner_name(context& ctx, const std::string& flag) {
  const std::string lower = ascii_lower(flag);
  if (flag.empty() || lower == "nobody" || lower == "none") return std::nullopt;
  return find_partner(ctx.journal(), flag).name;
}

std::string balance_line(const std::vector<owner_balance>& balance) {
  std::vector<std::string> parts;
  for (const auto& b : balance)
    if (!b.owner.empty() || b.jobs > 0)
      parts.push_back(fmt::format("{} {} job{} (load {})", b.owner.empty() ? "nobody" : b.owner,
                                  b.jobs, b.jobs == 1 ? "" : "s", b.load));
  return fmt::format("{}", fmt::join(parts, " · "));
}

nlohmann::ordered_json balance_json(const std::vector<owner_balance>& balance) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& b : balance)
    out.push_back(
        {{"owner", b.owner.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(b.owner)},
         {"jobs", b.jobs},
         {"load", b.load}});
  return out;
}

void list_tasks(context& ctx) {
  auto& j = ctx.journal();
  const auto all = tasks(j);
  const auto balance = task_balance(j, all);
  const auto review = entries_of_kind(j, "task-review");
  if (ctx.globals.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& t : all) {
      nlohmann::ordered_json history = nlohmann::ordered_json::array();
      nlohmann::ordered_json from;  // null: nobody, before the first assignment
      for (const auto& a : t.assignments) {
        const nlohmann::ordered_json to = a.get("owner").index() == 2
                                              ? nlohmann::ordered_json(a.text("owner"))
                                              : nlohmann::ordered_json();
        history.push_back({{"id", a.uuid},
                           {"date", iso_day(a.day)},
                           {"from", from},
                           {"to", to},
                           {"by", a.author.name}});
        from = to;
      }
      list.push_back(
          {{"id", t.task.uuid},
           {"name", t.task.text("name")},
           {"owner", t.owner ? nlohmann::ordered_json(*t.owner) : nlohmann::ordered_json()},
           {"cadence", t.task.get("cadence").index() == 2
                           ? nlohmann::ordered_json(t.task.text("cadence"))
                           : nlohmann::ordered_json()},
           {"load", t.task.get("load").index() == 1
                        ? nlohmann::ordered_json(std::get<std::int64_t>(t.task.get("load")))
                        : nlohmann::ordered_json()},
           {"standard", t.task.text("standard").empty()
                            ? nlohmann::ordered_json()
                            : nlohmann::ordered_json(t.task.text("standard"))},
           {"deadline", t.task.text("deadline").empty()
                            ? nlohmann::ordered_json()
                            : nlohmann::ordered_json(t.task.text("deadline"))},
           {"assignments", history}});
    }
    return print_json(
        {{"tasks", list},
         {"balance", balance_json(balance)},
         {"last_review", review.empty() ? nlohmann::ordered_json()
                                        : nlohmann::ordered_json(iso_day(review.back().day))}});
  }
  if (all.empty()) {
    fmt::print(
        "No jobs listed yet. Start with the top 12 recurring ones:\n"
        "  rebuild tasks add \"Plan meals\" --owner NAME --cadence weekly --load 3\n");
    return;
  }
  const bool color = ctx.color();
  std::size_t width = 4;
  for (const auto& t : all) width = std::max(width, utf8_length(t.task.text("name")).value_or(0));
  int owned = 0;
  for (const auto& t : all) {
    owned += t.owner ? 1 : 0;
    const std::string load =
        t.task.get("load").index() == 1
            ? fmt::format("load {}", std::get<std::int64_t>(t.task.get("load")))
            : std::string();
    std::string line = fmt::format(
        "{}  {}  {}  {}  {}", paint(t.task.short_id(), fmt::fg(fmt::terminal_color::yellow), color),
        pad(t.task.text("name"), width), pad(t.owner.value_or("(nobody yet)"), 12),
        pad(t.task.text("cadence"), 9), load);
    if (const std::string by = t.task.text("deadline"); !by.empty())
      line += fmt::format("{}by {}", load.empty() ? "" : " · ", human_day(day_from_iso(by)));
    while (!line.empty() && line.back() == ' ') line.pop_back();
    fmt::print("{}\n", line);
    if (const std::string standard = t.task.text("standard"); !standard.empty())
      fmt::print("{:10}done when: {}\n", "", standard);
  }
  fmt::print("\n{} jobs listed, {} with an owner.{}\n", all.size(), owned,
             all.size() > guide_jobs ? " The guide suggests keeping to the top 12." : "");
  fmt::print("Balance: {}\n", balance_line(balance));
  fmt::print("Last monthly review: {}\n", review.empty()
                                              ? std::string("none yet ('rebuild tasks review')")
                                              : human_day(review.back().day));
}

void add_task(context& ctx, const add_options& o) {
  const partner who = ctx.writer();
  const when at = o.at.resolve(ctx, "a job");
  field_values fields{{"name", ctx.text(o.name)}};
  if (!o.cadence.empty()) fields["cadence"] = o.cadence;
  if (*o.load_flag) fields["load"] = std::int64_t{o.load};
  if (*o.standard_flag) fields["standard"] = ctx.text(o.standard);
  if (*o.by_flag) fields["deadline"] = deadline_of(ctx, o.by);
  const auto owner = owner_name(ctx, o.owner);
  auto& j = ctx.journal();
  write_transaction txn(j);
  added result = add_entry(j, kind_named("task"), who, at, fields, ctx.now());
  if (owner)
    add_entry(j, kind_named("task-assignment"), who, at,
              {{"task", result.item.uuid}, {"owner", *owner}}, ctx.now());
  txn.commit();
  const std::size_t count = tasks(j).size();
  std::string extra = owner ? fmt::format("{} owns it, from noticing to finishing.", *owner)
                            : std::string("Nobody owns it yet: rebuild tasks assign \"") +
                                  result.item.text("name") + "\" --owner NAME";
  if (count > guide_jobs)
    extra += fmt::format("\n{} jobs are listed; the guide suggests keeping to the top 12.", count);
  print_recorded(ctx, result, extra);
}

void edit_task(context& ctx, const edit_options& o) {
  field_values changes;
  if (*o.name_flag) changes["name"] = ctx.text(o.name);
  if (*o.cadence_flag) changes["cadence"] = o.cadence;
  if (*o.load_flag) changes["load"] = std::int64_t{o.load};
  if (*o.standard_flag) changes["standard"] = ctx.text(o.standard);
  if (*o.by_flag) changes["deadline"] = deadline_of(ctx, o.by);
  if (changes.empty())
    throw usage_error(
        "give what to change: --name, --cadence, --load, --standard or --by (the owner changes "
        "with 'rebuild tasks assign')");
  const partner who = ctx.writer();
  auto& j = ctx.journal();
  write_transaction txn(j);
  const entry task = find_named(j, "task", o.job);
  // What is given as it already stands is no change; nothing left, nothing is written.
  for (auto it = changes.begin(); it != changes.end();)
    it = it->second == task.get(it->first) ? changes.erase(it) : std::next(it);
  if (changes.empty())
    return print_unchanged(
        ctx, fmt::format("{} stays as it was; nothing changed.", task.text("name")), &task);
  const entry updated = edit_entry(j, task, who, std::nullopt, changes, ctx.now());
  txn.commit();
  if (ctx.globals.json) return print_json(entry_json(updated));
  std::vector<std::string> said;
  for (const auto& [name, v] : changes) {
    const field_spec& f = *updated.kind->field(name);
    if (std::holds_alternative<std::monostate>(v))
      said.push_back(fmt::format("no {} now", f.label));
    else if (const auto* n = std::get_if<std::int64_t>(&v))
      said.push_back(fmt::format("{} {}", f.label, *n));
    else
      said.push_back(fmt::format("{} {}", f.label, std::get<std::string>(v)));
  }
  fmt::print("Updated job {} ({}): {}.\n'rebuild undo' puts it back as it was.\n",
             paint(updated.short_id(), fmt::fg(fmt::terminal_color::yellow), ctx.color()),
             updated.text("name"), fmt::join(said, " · "));
}

void assign_task(context& ctx, const assign_options& o) {
  const partner who = ctx.writer();
  auto& j = ctx.journal();
  const entry task = find_named(j, "task", o.job);
  const auto owner = owner_name(ctx, o.owner);
  std::optional<std::string> before;
  for (const auto& t : tasks(j))
    if (t.task.id == task.id) before = t.owner;
  if (before == owner) {
    print_unchanged(ctx,
                    fmt::format("{} is already {}; nothing changed.", task.text("name"),
                                owner ? "owned by " + *owner : std::string("without an owner")),
                    &task);
    return;
  }
  const when at = o.at.resolve(ctx, "an assignment");
  field_values fields{{"task", task.uuid}};
  if (owner) fields["owner"] = *owner;
  const added result = record_entry(ctx, kind_named("task-assignment"), who, at, fields);
  print_recorded(ctx, result,
                 fmt::format("{}: {} -> {}.", task.text("name"), before.value_or("nobody"),
                             owner.value_or("nobody")));
}

void review_tasks(context& ctx, const review_options& o) {
  const partner who = ctx.writer();
  const when at = o.at.resolve(ctx, "a review");
  field_values fields;
  if (*o.note_flag) fields["note"] = ctx.text(o.note);
  const added result = record_entry(ctx, kind_named("task-review"), who, at, fields);
  auto& j = ctx.journal();
  const auto all = tasks(j);
  const auto balance = task_balance(j, all);
  if (ctx.globals.json)
    return print_json({{"review", entry_json(result.item)}, {"balance", balance_json(balance)}});
  print_recorded(ctx, result);
  fmt::print("Balance by count and by load:\n");
  for (const auto& b : balance)
    if (!b.owner.empty() || b.jobs > 0)
      fmt::print("  {}  {} job{}, load {}\n", pad(b.owner.empty() ? "nobody" : b.owner, 12), b.jobs,
                 b.jobs == 1 ? "" : "s", b.load);
  fmt::print("The next review is due around {}.\n", human_day(at.day + date::days{30}));
}

}  // namespace

void setup_tasks(CLI::App& app, context& ctx, command_list& commands) {
  const kind_spec& task = kind_named("task");
  CLI::App* sub =
      add_command(app, "tasks", "The invisible-work ledger: the recurring jobs and who owns each",
                  "  rebuild tasks\n"
                  "  rebuild tasks add \"Plan meals\" --owner Sam --cadence weekly --load 3\n"
                  "  rebuild tasks assign \"Plan meals\" --owner Dan\n"
                  "  rebuild tasks edit \"Taxes\" --standard \"Filed, copies in the blue box\" "
                  "--by 2026-05-31\n"
                  "  rebuild tasks review\n");
  commands.push_back({sub, [&ctx] { list_tasks(ctx); }});

  auto a = std::make_shared<add_options>();
  CLI::App* add = add_command(*sub, "add", "List a recurring job (names are unique)", "");
  add->add_option("name", a->name, "the job ('-': stdin)")->required()->type_name("NAME");
  add->add_option("--owner", a->owner, "who owns it, from noticing to finishing")->type_name("P");
  std::vector<std::string> cadences(task.field("cadence")->choices.begin(),
                                    task.field("cadence")->choices.end());
  add->add_option("--cadence", a->cadence, "how often it comes round")
      ->type_name("C")
      ->check(CLI::IsMember(cadences));
  a->load_flag = add_number(add, "--load", a->load, *task.field("load"), "how heavy it is, 1-5");
  a->standard_flag =
      add->add_option("--standard", a->standard, "the quality you agree it is done to ('-': stdin)")
          ->type_name("S");
  a->by_flag = add->add_option("--by", a->by, "its deadline: YYYY-MM-DD, tomorrow or a weekday")
                   ->type_name("D");
  a->at.add_to(add, "it was listed");
  commands.push_back({add, [&ctx, a] { add_task(ctx, *a); }});

  auto e = std::make_shared<edit_options>();
  CLI::App* edit = add_command(*sub, "edit",
                               "Change a job: its name, cadence, load, standard "
                               "or deadline (the change is kept for undo)",
                               "");
  edit->add_option("job", e->job, "the job's name or id")->required()->type_name("NAME/ID");
  e->name_flag = edit->add_option("--name", e->name, "a new name ('-': stdin)")->type_name("S");
  e->cadence_flag = edit->add_option("--cadence", e->cadence, "how often it comes round")
                        ->type_name("C")
                        ->check(CLI::IsMember(cadences));
  e->load_flag = add_number(edit, "--load", e->load, *task.field("load"), "how heavy it is, 1-5");
  e->standard_flag = edit->add_option("--standard", e->standard, "the quality agreed ('-': stdin)")
                         ->type_name("S");
  e->by_flag =
      edit->add_option("--by", e->by, "the deadline: a day, or 'none' to clear it")->type_name("D");
  commands.push_back({edit, [&ctx, e] { edit_task(ctx, *e); }});

  auto s = std::make_shared<assign_options>();
  CLI::App* assign =
      add_command(*sub, "assign", "Give a job to a partner (the change is kept)", "");
  assign->add_option("job", s->job, "the job's name or id")->required()->type_name("NAME/ID");
  assign->add_option("--owner", s->owner, "the new owner ('nobody' to leave it unowned)")
      ->required()
      ->type_name("P");
  s->at.add_to(assign, "it changed hands");
  commands.push_back({assign, [&ctx, s] { assign_task(ctx, *s); }});

  auto r = std::make_shared<review_options>();
  CLI::App* review = add_command(*sub, "review", "Record the monthly review; show the balance", "");
  r->note_flag = review->add_option("--note", r->note, "a note ('-': stdin)")->type_name("S");
  r->at.add_to(review, "you reviewed");
  commands.push_back({review, [&ctx, r] { review_tasks(ctx, *r); }});
}

}  // namespace rebuild::cli
