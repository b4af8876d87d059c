// rebuild __complete [--] WORD...: the candidates the shells' completion scripts offer
// (completions/rebuild.bash, _rebuild, rebuild.fish), worked out in one place.
//
// Hidden from --help. A script hands over the words typed after `rebuild`, as the shell split
// and unquoted them; the last is the word being completed (empty when the cursor starts a new
// one). The answer is one candidate a line, `candidate<TAB>description` where there is a
// description, then one last line saying what the shell should do with them: `:files` to
// complete file names itself (its own quoting, folders and `~`), `:dirs` to complete only
// folders' names (beside the candidates listed: `sync` offers `init` and folders), else `:`.
//
// Commands, subcommands and flags come from the CLI11 tree itself, so a new one is offered
// without touching this file. A flag's values come from its check where it has one
// (IsMember), else from the fields of the kinds of entry (edit's --signal, --weekday...),
// else from the small table below; names and ids from the journal, opened read-only as it
// is. Completion never fails and never changes anything: whatever is wrong with the journal
// (missing, locked, unreadable, newer) leaves only what needs no journal, and the exit is 0.
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "commands.hpp"
#include "rebuild/completion.hpp"
#include "rebuild/conflicts.hpp"
#include "rebuild/entries.hpp"
#include "rebuild/inventory.hpp"
#include "rebuild/partners.hpp"
#include "rebuild/practices.hpp"
#include "rebuild/text.hpp"

namespace rebuild::cli {
namespace {

constexpr int most_ids = 50;

struct candidate {
  std::string value;
  std::string description;
};

/// Where the values of a flag or positional come from, when not from the flag's own check.
enum class source {
  none,              // anything the user types: nothing to offer
  files,             // the shell completes file names
  dirs,              // the shell completes folders' names
  days,              // D: today, yesterday, mon..sun
  weekdays,          // mon..sun
  week,              // --week
  kinds,             // the kinds of entry, as `log --type` takes them
  settings,          // the keys `config` knows
  setting_value,     // the value for the key before it
  partners,          // the partners' names
  partners_or_both,  // ...or `both`
  rituals,
  running_rituals,
  paused_rituals,
  tasks,
  entries,    // the id of any entry
  conflicts,  // the id of an entry with a version kept aside
  concerns,
  rules,
  windows,
  triggers,
  stories,
  transparency,
  homework,
  red_lines,          // the rules that are red lines, for `rules crossed`
  agenda,             // agenda items still open
  repairs,            // repairs, for `repair commit`
  monthly_days,       // "first sat" ... "last sun"
  inventory_items,    // the inventory's keys (s07), never their words
  inventory_answers,  // yes, no, maybe, skip
  inventory_tiers,
  commands,  // the commands (after `help`), or the subcommands of those typed before
};

/// A value whose source the flag itself does not tell: `command` is the path under rebuild
/// ("stage window add"), empty for any command; `name` a flag ("--as") or a positional ("id").
struct value_rule {
  std::string_view command;
  std::string_view name;
  source from;
};

constexpr value_rule value_rules[] = {
    {"", "--journal", source::files},
    {"", "--output", source::files},
    {"", "--as", source::partners},
    {"", "--by", source::partners},
    {"", "--owner", source::partners},
    {"", "--giver", source::partners},
    {"stage log", "--giver", source::partners_or_both},
    {"init", "--partner", source::none},  // a new partner's name
    {"", "--date", source::days},
    {"", "--since", source::days},
    {"", "--until", source::days},
    {"init", "--start", source::days},
    {"transparency add", "--until", source::none},  // a day to come: nothing to offer
    {"tasks add", "--by", source::none},            // a deadline, a day to come
    {"tasks edit", "--by", source::none},
    {"tasks edit", "job", source::tasks},
    {"agenda add", "--for", source::weekdays},
    {"agenda done", "id", source::agenda},
    {"rules crossed", "id", source::red_lines},
    {"repair commit", "id", source::repairs},
    {"ritual add", "--on", source::monthly_days},
    {"", "--week", source::week},
    {"log", "--type", source::kinds},
    {"show", "id", source::entries},
    {"edit", "id", source::entries},
    {"delete", "id", source::entries},
    {"concern answer", "id", source::concerns},
    {"rules remove", "id", source::rules},
    {"stage window remove", "id", source::windows},
    {"stage window add", "day", source::weekdays},
    {"trigger hit", "trigger", source::triggers},
    {"story", "id", source::stories},
    {"story", "--about", source::stories},
    {"transparency end", "id", source::transparency},
    {"therapy homework done", "id", source::homework},
    {"inventory answer", "item", source::inventory_items},
    {"inventory answer", "answer", source::inventory_answers},
    {"inventory add", "--tier", source::inventory_tiers},
    {"ritual done", "name", source::rituals},
    {"ritual pause", "name", source::running_rituals},
    {"ritual resume", "name", source::paused_rituals},
    {"tasks assign", "job", source::tasks},
    {"config", "key", source::settings},
    {"config", "value", source::setting_value},
    {"backup", "dest", source::files},
    {"restore", "file", source::files},
    {"import", "file", source::files},
    {"merge", "other", source::files},
    {"sync", "dir", source::dirs},
    {"conflicts", "id", source::conflicts},
    {"help", "command", source::commands},
};

std::string path_of(const CLI::App* app) {
  std::string path;
  for (; app != nullptr && app->get_parent() != nullptr; app = app->get_parent())
    path = app->get_name() + (path.empty() ? "" : " " + path);
  return path;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

/// The journal, opened on first need, read-only; nullptr when there is none to read.
class journal_reader {
 public:
  void set_flag(std::string path) { flag_ = std::move(path); }
  journal* get() {
    if (!tried_) {
      tried_ = true;
      try {
        std::string flag = flag_;
        // The shell leaves `~` as typed in a word it has not run yet.
        if (const char* home = std::getenv("HOME");
            home != nullptr && (flag == "~" || starts_with(flag, "~/")))
          flag = home + flag.substr(1);
        journal_ = journal::open_read_only(journal_path(flag));
      } catch (...) {  // no path can be worked out: nothing to read
      }
    }
    return journal_ ? &*journal_ : nullptr;
  }

 private:
  std::string flag_;
  bool tried_ = false;
  std::optional<journal> journal_;
};

/// What the words typed so far say: the command reached, the flags given, the positionals.
struct line_state {
  CLI::App* app = nullptr;
  std::set<const CLI::Option*> given;
  std::vector<std::string> positionals;  // of `app`
  bool only_positionals = false;         // after `--`
  CLI::Option* pending = nullptr;        // the flag whose value the next word is
};

/// The option of `app` or an app above it (global flags work anywhere) called `name`.
CLI::Option* find_option(CLI::App* app, std::string_view name) {
  if (name.size() < 2 || name[0] != '-') return nullptr;
  const bool is_long = name[1] == '-';
  const std::string bare(name.substr(is_long ? 2 : 1));
  for (; app != nullptr; app = app->get_parent()) {
    for (CLI::Option* opt : app->get_options()) {
      const auto& names = is_long ? opt->get_lnames() : opt->get_snames();
      for (const auto& n : names)
        if (n == bare) return opt;
    }
  }
  return nullptr;
}

bool takes_value(const CLI::Option* opt) { return opt->get_items_expected_max() > 0; }

CLI::App* find_subcommand(CLI::App* app, std::string_view name) {
  for (CLI::App* sub : app->get_subcommands([](CLI::App*) { return true; }))
    if (!sub->get_name().empty() && sub->get_name() == name) return sub;
  return nullptr;
}

/// The values a validator allows, as CLI11 describes an IsMember check: "{a,b,c}".
std::vector<std::string> checked_values(CLI::Option* opt) {
  std::vector<std::string> out;
  for (int i = 0;; ++i) {
    CLI::Validator* v = nullptr;
    try {
      v = opt->get_validator(i);
    } catch (const CLI::OptionNotFound&) {
      break;
    }
    const std::string d = v->get_description();
    if (d.size() < 2 || d.front() != '{' || d.back() != '}') continue;
    std::string item;
    for (const char c : d.substr(1, d.size() - 2)) {
      if (c == ',') {
        out.push_back(item);
        item.clear();
      } else {
        item += c;
      }
    }
    out.push_back(item);
  }
  return out;
}

std::string flag_of(const field_spec& f) {
  if (f.name == "commit_to") return "--commit";
  std::string out = "--" + std::string(f.name);
  for (char& c : out)
    if (c == '_') c = '-';
  return out;
}

/// The field of a kind of entry whose flag (as `edit` makes them) is `name`.
const field_spec* field_for_flag(std::string_view name) {
  for (const auto& k : kinds())
    for (const auto& f : k.fields)
      if (flag_of(f) == name) return &f;
  return nullptr;
}

source source_of(const CLI::App* app, const std::string& name) {
  const std::string path = path_of(app);
  for (const auto& r : value_rules)
    if (r.command == path && r.name == name) return r.from;
  for (const auto& r : value_rules)
    if (r.command.empty() && r.name == name) return r.from;
  return source::none;
}

const char* const weekday_names[][2] = {
    {"mon", "Monday"}, {"tue", "Tuesday"},  {"wed", "Wednesday"}, {"thu", "Thursday"},
    {"fri", "Friday"}, {"sat", "Saturday"}, {"sun", "Sunday"}};

class completer {
 public:
  explicit completer(CLI::App& root) : root_(root) {}

  /// The candidates for the last of `words`, and whether the shell should complete files.
  bool complete(const std::vector<std::string>& words, std::vector<candidate>& out);
  /// After complete() said files: only folders.
  bool only_dirs() const { return only_dirs_; }

 private:
  line_state walk(const std::vector<std::string>& done);
  void flags(const line_state& s, const std::string& current, std::vector<candidate>& out);
  void subcommands(const line_state& s, std::vector<candidate>& out);
  /// Values of `opt` (flag or positional) of `app`; true when they are file names.
  bool values(const line_state& s, CLI::Option* opt, std::vector<candidate>& out,
              const std::string& current);
  bool from_source(source from, const line_state& s, std::vector<candidate>& out,
                   const std::string& current);

  CLI::App& root_;
  journal_reader journal_;
  bool only_dirs_ = false;
};

line_state completer::walk(const std::vector<std::string>& done) {
  line_state s;
  s.app = &root_;
  for (std::size_t i = 0; i < done.size(); ++i) {
    const std::string& w = done[i];
    if (!s.only_positionals && w == "--") {
      s.only_positionals = true;
      continue;
    }
    if (!s.only_positionals && w.size() > 1 && w[0] == '-') {
      const auto eq = w.find('=');
      const std::string name = w.substr(0, eq);
      CLI::Option* opt = find_option(s.app, name);
      if (opt == nullptr) continue;
      s.given.insert(opt);
      if (!takes_value(opt) || eq != std::string::npos) {
        if (name == "--journal") journal_.set_flag(w.substr(eq + 1));
        continue;
      }
      if (i + 1 == done.size()) {
        s.pending = opt;
        break;
      }
      ++i;
      if (name == "--journal") journal_.set_flag(done[i]);
      continue;
    }
    if (!s.only_positionals) {
      if (CLI::App* sub = find_subcommand(s.app, w)) {
        s.app = sub;
        s.positionals.clear();
        continue;
      }
    }
    s.positionals.push_back(w);
  }
  return s;
}

void completer::flags(const line_state& s, const std::string& current,
                      std::vector<candidate>& out) {
  std::set<std::string> seen;
  for (CLI::App* app = s.app; app != nullptr; app = app->get_parent()) {
    for (CLI::Option* opt : app->get_options()) {
      if (opt->get_group().empty() || opt->get_positional()) continue;
      // Above the command, only the global flags: its own --help is the one that applies.
      if (app != s.app && (opt == app->get_help_ptr() || opt == app->get_version_ptr())) continue;
      if (s.given.count(opt) != 0 && opt->get_items_expected_max() <= 1) continue;
      std::vector<std::string> names;
      for (const auto& n : opt->get_lnames()) names.push_back("--" + n);
      // A short name only where there is no long one: -h beside --help is noise in a menu.
      if (names.empty())
        for (const auto& n : opt->get_snames()) names.push_back("-" + n);
      for (const auto& n : names)
        if (starts_with(n, current) && seen.insert(n).second)
          out.push_back({n, opt->get_description()});
    }
  }
}

void completer::subcommands(const line_state& s, std::vector<candidate>& out) {
  for (const CLI::App* sub : s.app->get_subcommands([](const CLI::App*) { return true; }))
    if (!sub->get_name().empty() && !sub->get_group().empty())
      out.push_back({sub->get_name(), sub->get_description()});
}

bool completer::values(const line_state& s, CLI::Option* opt, std::vector<candidate>& out,
                       const std::string& current) {
  const auto allowed = checked_values(opt);
  for (const auto& v : allowed) out.push_back({v, ""});
  if (!allowed.empty()) return false;
  const std::string name = opt->get_name();
  const source from = source_of(s.app, name);
  if (from != source::none || !opt->nonpositional()) return from_source(from, s, out, current);
  if (const field_spec* f = field_for_flag(name)) {
    if (f->type == field_type::choice)
      for (const auto c : f->choices) out.push_back({std::string(c), ""});
    if (f->type == field_type::partner) return from_source(source::partners, s, out, current);
  }
  return false;
}

bool completer::from_source(source from, const line_state& s, std::vector<candidate>& out,
                            const std::string& current) {
  const auto names = [&](const std::vector<std::string>& list, const char* what) {
    for (const auto& n : list) out.push_back({n, what});
  };
  const auto ids = [&](std::vector<std::string_view> kinds) {
    if (journal* j = journal_.get())
      for (const auto& e : recent_ids(*j, current, kinds, most_ids))
        out.push_back({e.short_id, e.kind + ", " + e.day});
  };
  switch (from) {
    case source::none:
      return false;
    case source::files:
      return true;
    case source::dirs:
      only_dirs_ = true;
      return true;
    case source::days:
      out.push_back({"today", ""});
      out.push_back({"yesterday", ""});
      for (const auto& d : weekday_names)
        out.push_back({d[0], fmt::format("the last {}, today included", d[1])});
      return false;
    case source::weekdays:
      for (const auto& d : weekday_names) out.push_back({d[0], d[1]});
      return false;
    case source::week:
      out.push_back({"last", "the week before this one"});
      return false;
    case source::kinds:
      for (const auto& k : kinds()) out.push_back({std::string(k.name), std::string(k.label)});
      return false;
    case source::settings:
      for (const auto* list : {&setting_specs(), &partner_setting_specs()})
        for (const auto& k : *list) out.push_back({std::string(k.key), std::string(k.description)});
      return false;
    case source::setting_value: {
      const std::string key = s.positionals.empty() ? std::string() : s.positionals.front();
      if (key == "calendar.titles") {
        out.push_back({"discreet", "titles that never name touch or sex"});
        out.push_back({"private", "no ritual's name either: 'A ritual of ours'"});
        out.push_back({"plain", "titles that say what the window is"});
      }
      if (key == "touch.lead") return from_source(source::partners, s, out, current);
      if (key == "plan.start") return from_source(source::days, s, out, current);
      if (is_partner_setting(key)) {
        out.push_back({"yes", "you agree"});
        out.push_back({"no", "you do not"});
      }
      return false;
    }
    case source::partners_or_both:
      out.push_back({"both", "one sitting, given each way"});
      [[fallthrough]];
    case source::partners:
      if (journal* j = journal_.get())
        for (const auto& p : partners(*j)) out.push_back({p.name, "partner"});
      return false;
    case source::rituals:
    case source::running_rituals:
    case source::paused_rituals:
      if (journal* j = journal_.get()) {
        std::optional<bool> paused;
        if (from != source::rituals) paused = from == source::paused_rituals;
        names(live_names(*j, "ritual", paused), "ritual");
      }
      return false;
    case source::tasks:
      if (journal* j = journal_.get()) names(live_names(*j, "task"), "job");
      return false;
    case source::entries:
      ids({});
      return false;
    case source::conflicts:
      // Never a private entry: nothing is revealed in this connection.
      if (journal* j = journal_.get())
        for (const auto& c : list_conflicts(*j))
          if (starts_with(c.current.uuid, ascii_lower(current)))
            out.push_back({c.current.short_id(),
                           fmt::format("{}, {}", c.current.kind->label, iso_day(c.current.day))});
      return false;
    case source::concerns:
      ids({"concern"});
      return false;
    case source::rules:  // the rules in force: one removed is not offered again
      if (journal* j = journal_.get())
        for (const auto& r : rules_in_force(*j, std::nullopt))
          if (starts_with(r.uuid, ascii_lower(current)))
            out.push_back({r.short_id(), "rule, " + iso_day(r.day)});
      return false;
    case source::windows:
      ids({"touch-window"});
      return false;
    case source::triggers:
      ids({"trigger"});
      return false;
    case source::stories:
      ids({"story"});
      return false;
    case source::transparency:
      ids({"transparency"});
      return false;
    case source::homework:
      ids({"homework"});
      return false;
    case source::agenda:
      ids({"agenda"});
      return false;
    case source::red_lines:
      if (journal* j = journal_.get())
        for (const auto& r : rules_of_type(*j, "red-line"))
          if (starts_with(r.uuid, ascii_lower(current)))
            out.push_back({r.short_id(), "red line, " + iso_day(r.day)});
      return false;
    case source::repairs:
      ids({"repair"});
      return false;
    case source::monthly_days:
      // One word each, as the shells complete words: "first-sat" (--on takes either).
      for (const auto d : monthly_days()) {
        std::string word(d);
        std::replace(word.begin(), word.end(), ' ', '-');
        out.push_back({word, ""});
      }
      return false;
    case source::inventory_items:
      if (journal* j = journal_.get())
        for (const auto& it : inventory_items(*j))
          out.push_back({it.short_key(), it.tier ? fmt::format("tier {}", *it.tier) : "your own"});
      return false;
    case source::inventory_answers:
      for (const char* a : {"yes", "no", "maybe", "skip"}) out.push_back({a, ""});
      return false;
    case source::commands: {
      // `help stage <TAB>`: the subcommands of stage; `help <TAB>`: every command.
      CLI::App* at = s.app->get_parent();
      for (const auto& w : s.positionals) {
        CLI::App* next = at != nullptr ? find_subcommand(at, w) : nullptr;
        if (next == nullptr) return false;
        at = next;
      }
      if (at == nullptr) return false;
      for (const CLI::App* sub : at->get_subcommands([](const CLI::App*) { return true; }))
        if (!sub->get_name().empty() && sub->get_name().front() != '_')
          out.push_back({sub->get_name(), sub->get_description()});
      return false;
    }
    case source::inventory_tiers:
      for (int t = 1; t <= inventory_tiers; ++t)
        out.push_back({std::to_string(t), std::string(tier_label(t))});
      return false;
  }
  return false;
}

/// The positional of `app` that the next plain word fills, given those already there.
CLI::Option* next_positional(const line_state& s) {
  std::size_t filled = s.positionals.size();
  for (CLI::Option* opt : s.app->get_options()) {
    if (!opt->get_positional() || opt->nonpositional()) continue;
    const int width = opt->get_items_expected_max();
    if (width <= 0) continue;
    if (filled < static_cast<std::size_t>(width)) return opt;
    filled -= static_cast<std::size_t>(width);
  }
  return nullptr;
}

bool completer::complete(const std::vector<std::string>& words, std::vector<candidate>& out) {
  if (words.empty()) return false;
  const std::string current = words.back();
  line_state s = walk({words.begin(), words.end() - 1});
  // The value of the flag just before: `--format <TAB>`.
  if (s.pending != nullptr) return values(s, s.pending, out, current);
  // `--format=ma<TAB>`: the values, each written whole.
  if (!s.only_positionals && starts_with(current, "--") && current.find('=') != std::string::npos) {
    const auto eq = current.find('=');
    CLI::Option* opt = find_option(s.app, current.substr(0, eq));
    if (opt == nullptr || !takes_value(opt)) return false;
    const std::string value = current.substr(eq + 1);
    const bool files = values(s, opt, out, value);
    for (auto& c : out) c.value = current.substr(0, eq + 1) + c.value;
    return files;
  }
  if (!s.only_positionals && !current.empty() && current[0] == '-') {
    flags(s, current, out);
    return false;
  }
  if (!s.only_positionals) subcommands(s, out);
  bool files = false;
  if (CLI::Option* next = next_positional(s)) files = values(s, next, out, current);
  // Nothing else to type here but flags: offer them.
  if (out.empty() && !files && current.empty() && next_positional(s) == nullptr)
    flags(s, current, out);
  return files;
}

/// A candidate the shell can put on the command line as it is: valid UTF-8 without control
/// or direction-changing characters (a name in the journal could hold any of them).
bool printable(std::string_view text) {
  return !text.empty() && utf8_length(text).has_value() && !first_control(text, false) &&
         !first_bidi_control(text);
}

std::string one_line(std::string text) {
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  return text;
}

}  // namespace

int complete(CLI::App& app, std::vector<std::string> words) {
  if (!words.empty() && words.front() == "--") words.erase(words.begin());
  if (words.empty()) words.emplace_back();
  std::vector<candidate> found;
  bool files = false;
  bool dirs = false;
  completer completing(app);
  try {
    files = completing.complete(words, found);
    dirs = completing.only_dirs();
  } catch (...) {  // a journal that fails halfway: offer what was found before
  }
  // Only what starts with the word being completed, in any case (rebuild matches names so).
  const std::string prefix = ascii_lower(words.back());
  std::set<std::string> printed;
  std::string text;
  for (const auto& c : found) {
    if (!printable(c.value) || !printed.insert(c.value).second) continue;
    if (!starts_with(ascii_lower(c.value), prefix)) continue;
    text += c.value;
    if (!c.description.empty()) text += "\t" + one_line(c.description);
    text += "\n";
  }
  text += files ? (dirs ? ":dirs\n" : ":files\n") : ":\n";
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}

void setup_complete(CLI::App& app, context& ctx, command_list& commands) {
  // Hidden (no group): it is for the completion scripts, not for people. main() answers
  // `rebuild __complete` before parsing; this is for `rebuild --journal J __complete ...`.
  auto words = std::make_shared<std::vector<std::string>>();
  CLI::App* sub = app.add_subcommand("__complete", "Candidates for the shells' completion")
                      ->group("")
                      ->fallthrough(false);
  sub->add_option("words", *words, "the words after rebuild, the last one being completed");
  commands.push_back({sub, [&app, &ctx, words] {
                        std::vector<std::string> line = *words;
                        if (!ctx.globals.journal.empty())
                          line.insert(line.begin(), {"--journal", ctx.globals.journal});
                        ctx.status = static_cast<exit_code>(complete(app, line));
                      }});
}

}  // namespace rebuild::cli
