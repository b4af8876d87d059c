// rebuild inventory [--passphrase-fd N] · inventory add S [--tier 1-3] ·
//   inventory answer [ITEM yes/no/maybe/skip]... | - [--again] [--passphrase-fd N] ·
//   inventory match [--tier 1-3] [--passphrase-fd N --other-passphrase-fd M]
// The shared erotic inventory (000 Step 6): each partner's yes / no / maybe, sealed under their
// own key, and the overlap of the yeses, shown only with both partners there (both
// passphrases) and only once both have answered every item. A no is never shown, and nothing
// shown says who answered what.
#include "rebuild/inventory.hpp"

#include <fmt/format.h>

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "commands.hpp"
#include "rebuild/keys.hpp"
#include "rebuild/text.hpp"
#include "shared/options.hpp"
#include "shared/pager.hpp"
#include "shared/passphrase_input.hpp"
#include "shared/present.hpp"
#include "shared/prompt.hpp"
#include "shared/terminal.hpp"
#include "shared/wrap.hpp"

namespace rebuild::cli {
namespace {

struct list_options {
  passphrase_source source;
  bool page = true;
};

struct add_options {
  std::string text;
  int tier = 0;
  CLI::Option* tier_flag = nullptr;
};

struct answer_options {
  std::string item, answer;
  std::vector<std::string> more;  // further ITEM ANSWER pairs, for scripts
  passphrase_source source;
  bool again = false;  // at the terminal: every item, answered ones too
};

struct match_options {
  passphrase_source mine, other;
  int tier = 0;
  CLI::Option* tier_flag = nullptr;
};

/// An answer as typed: 'y', 'n', 'm', 's' (skip), 'q' (stop: at the terminal only), or 0.
char reply_of(std::string_view word) {
  static const std::map<std::string, char, std::less<>> words = {
      {"y", 'y'},     {"yes", 'y'}, {"n", 'n'},    {"no", 'n'}, {"m", 'm'},
      {"maybe", 'm'}, {"s", 's'},   {"skip", 's'}, {"q", 'q'},  {"quit", 'q'}};
  const auto it = words.find(ascii_lower(word));
  return it == words.end() ? '\0' : it->second;
}

void need_passphrase(journal& j, const partner& who) {
  if (!has_passphrase(j, who))
    throw data_error(
        fmt::format("{}'s inventory answers are sealed with {}'s passphrase, and "
                    "there is none yet; set one first with 'rebuild passphrase set "
                    "--as {}'",
                    who.name, who.name, who.name));
}

/// `who`'s data key, from the passphrase on `source` (or asked on the terminal). A wrong
/// passphrase is exit 65, ending with `after` ("nothing was saved").
crypto::key unlock_key(context& ctx, const partner& who, const passphrase_source& source,
                       std::string_view prompt, std::string_view after) {
  std::string passphrase = read_passphrase(ctx, source, prompt, false);
  try {
    crypto::key k = unlock(ctx.journal(), who, passphrase);
    crypto::wipe(passphrase);
    return k;
  } catch (const data_error&) {
    crypto::wipe(passphrase);
    throw data_error(fmt::format("that is not {}'s passphrase; {}", who.name, after));
  } catch (...) {
    crypto::wipe(passphrase);
    throw;
  }
}

/// The other partner, if the journal has two.
std::optional<partner> other_than(journal& j, const partner& who) {
  for (const auto& p : partners(j))
    if (p.id != who.id) return p;
  return std::nullopt;
}

std::string tier_heading(const std::optional<int>& tier) {
  return tier ? fmt::format("Tier {} · {}", *tier, tier_label(*tier))
              : std::string("Your own items, without a tier");
}

nlohmann::ordered_json tier_json(const inventory_item& it) {
  return it.tier ? nlohmann::ordered_json(*it.tier) : nlohmann::ordered_json();
}

/// Items under their tier's heading, each as its key, an optional column, and its text
/// wrapped under itself.
void print_items(const std::vector<inventory_item>& items, bool color,
                 const std::function<std::string(const inventory_item&)>& column) {
  std::size_t key_w = 3;
  for (const auto& it : items) key_w = std::max(key_w, it.short_key().size());
  std::size_t column_w = 0;
  for (const auto& it : items) column_w = std::max(column_w, display_width(column(it)));
  const std::size_t indent = 2 + key_w + 2 + (column_w > 0 ? column_w + 2 : 0);
  const std::size_t width = output_width();
  const std::size_t text_w = width > indent + 20 ? width - indent : 20;
  bool first = true;
  std::optional<int> tier_now = -1;
  for (const auto& it : items) {
    if (first || it.tier != tier_now) {
      fmt::print("{}{}\n", first ? "" : "\n",
                 paint(tier_heading(it.tier), fmt::emphasis::bold, color));
      tier_now = it.tier;
      first = false;
    }
    const auto lines = wrap_text(it.text, text_w);
    const std::string key =
        paint(pad_right(it.short_key(), key_w), fmt::fg(fmt::terminal_color::yellow), color);
    fmt::print("  {}  {}{}\n", key, column_w > 0 ? pad_right(column(it), column_w) + "  " : "",
               lines.front());
    for (std::size_t i = 1; i < lines.size(); ++i) fmt::print("{:{}}{}\n", "", indent, lines[i]);
  }
}

void list_inventory(context& ctx, const list_options& o) {
  auto& j = ctx.journal();
  const partner who = ctx.writer();
  need_passphrase(j, who);
  const crypto::key k = unlock_key(
      ctx, who, o.source, fmt::format("{}, your passphrase:", who.name), "nothing is shown");
  const auto mine = inventory_answers(j, who, k);
  const auto items = inventory_items(j);
  const auto other = other_than(j, who);
  const int of = static_cast<int>(items.size());
  int answered = 0;
  for (const auto& it : items) answered += mine.count(it.key) != 0 ? 1 : 0;
  const int other_answered = other ? answered_count(j, *other) : 0;
  const auto answer_of = [&](const inventory_item& it) {
    const auto a = mine.find(it.key);
    return a == mine.end() ? std::string("not answered") : std::string(answer_word(a->second));
  };
  if (ctx.globals.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& it : items) {
      const auto a = mine.find(it.key);
      nlohmann::ordered_json answer;  // null: not answered
      if (a != mine.end()) answer = answer_word(a->second);
      list.push_back(
          {{"item", it.key}, {"tier", tier_json(it)}, {"text", it.text}, {"answer", answer}});
    }
    nlohmann::ordered_json doc = {{"partner", who.name},
                                  {"answered", answered},
                                  {"of", of},
                                  {"items", list},
                                  {"other", nullptr}};
    if (other) doc["other"] = {{"partner", other->name}, {"answered", other_answered}, {"of", of}};
    return print_json(doc);
  }
  const bool color = ctx.color();  // before the pager: it looks at the terminal
  const pager paging(o.page);
  fmt::print("{}'s answers, which only {} can see.\n\n", who.name, who.name);
  print_items(items, color, answer_of);
  fmt::print("\nYou have answered {} of {}.", answered, of);
  if (other) fmt::print(" {} has answered {} of {}.", other->name, other_answered, of);
  fmt::print("\n");
  if (answered < of)
    fmt::print("Answer the rest, one at a time: rebuild inventory answer\n");
  else if (other && other_answered == of)
    fmt::print(
        "You have both answered every item; together, see where you meet: rebuild "
        "inventory match\n");
}

void add_item(context& ctx, const add_options& o) {
  auto& j = ctx.journal();
  const partner who = ctx.writer();
  const std::string text = ctx.text(o.text);
  std::optional<int> tier;
  if (*o.tier_flag) tier = o.tier;
  write_transaction txn(j);
  const inventory_item made = add_inventory_item(j, who, text, tier, ctx.now());
  txn.commit();
  if (ctx.globals.json)
    return print_json({{"item", made.key}, {"tier", tier_json(made)}, {"text", made.text}});
  fmt::print(
      "Added {} to the inventory{}. Each of you can answer it:\n"
      "  rebuild inventory answer {} yes/no/maybe\n",
      made.short_key(), tier ? fmt::format(", in tier {}", *tier) : std::string(),
      made.short_key());
}

void print_saved(context& ctx, const partner& who, const std::vector<std::string>& saved,
                 const std::vector<std::string>& skipped) {
  auto& j = ctx.journal();
  const int of = static_cast<int>(inventory_items(j).size());
  const int answered = answered_count(j, who);
  if (ctx.globals.json)
    return print_json({{"partner", who.name},
                       {"saved", saved},
                       {"skipped", skipped},
                       {"answered", answered},
                       {"of", of}});
  if (saved.empty())
    fmt::print("Nothing was saved.");
  else if (saved.size() == 1)
    fmt::print("Saved your answer to {}.", saved.front());
  else
    fmt::print("Saved your answers to {} items.", saved.size());
  fmt::print(" You have answered {} of {}; only you can see your answers.\n", answered, of);
}

/// The answers given, saved in one transaction.
void save_answers(context& ctx, const partner& who, const crypto::key& k,
                  const std::vector<std::pair<inventory_item, char>>& given) {
  std::vector<std::pair<std::string, inventory_answer>> answers;
  std::vector<std::string> saved, skipped;
  for (const auto& [it, reply] : given) {
    if (reply == 's') {
      skipped.push_back(it.short_key());
      continue;
    }
    answers.emplace_back(it.key, static_cast<inventory_answer>(reply));
    saved.push_back(it.short_key());
  }
  auto& j = ctx.journal();
  if (!answers.empty()) {
    write_transaction txn(j);
    set_inventory_answers(j, who, k, answers);
    txn.commit();
  }
  print_saved(ctx, who, saved, skipped);
}

/// The unanswered items one by one at the terminal; q stops (what was answered is saved),
/// Ctrl-D or Ctrl-C saves nothing.
std::vector<std::pair<inventory_item, char>> walk(
    const std::vector<inventory_item>& todo,
    const std::map<std::string, inventory_answer>& now = {}) {
  fmt::print(stderr,
             "{} {} to answer. For each: y (yes), n (no), m (maybe), s (skip for now{}),\n"
             "or q to stop and save what you have answered. Only you will see your answers.\n",
             todo.size(), todo.size() == 1 ? "item" : "items",
             now.empty() ? "" : "; an answer you gave stays as it is");
  std::vector<std::pair<inventory_item, char>> given;
  std::optional<int> tier_now = -1;
  for (std::size_t i = 0; i < todo.size(); ++i) {
    const auto& it = todo[i];
    if (it.tier != tier_now) fmt::print(stderr, "\n{}\n", tier_heading(it.tier));
    tier_now = it.tier;
    char reply = '\0';
    while (reply == '\0') {
      const auto given_now = now.find(it.key);
      fmt::print(stderr, "[{}/{}] {}  {}{}\n", i + 1, todo.size(), it.short_key(),
                 escape_controls(it.text),
                 given_now == now.end()
                     ? std::string()
                     : fmt::format("  (now: {})", answer_word(given_now->second)));
      const auto answer = ask_line("  yes / no / maybe / skip? ");
      if (!answer) {
        fmt::print(stderr, "\n");
        throw usage_error("cancelled; nothing was saved");
      }
      const std::string& line = *answer;
      const auto first = line.find_first_not_of(" \t");
      const auto last = line.find_last_not_of(" \t");
      reply = first == std::string::npos ? '\0' : reply_of(line.substr(first, last - first + 1));
      if (reply == '\0') fmt::print(stderr, "Please answer y, n, m or s (or q to stop).\n");
    }
    if (reply == 'q') break;
    given.emplace_back(it, reply);
  }
  return given;
}

/// ITEM ANSWER pairs, checked; all of them before any passphrase is asked.
std::vector<std::pair<inventory_item, char>> given_pairs(journal& j,
                                                         const std::vector<std::string>& words) {
  if (words.size() % 2 != 0)
    throw usage_error(
        fmt::format("give an answer after {}: yes, no, maybe or skip, such as "
                    "'rebuild inventory answer {} yes'",
                    words.back(), words.back()));
  std::vector<std::pair<inventory_item, char>> given;
  for (std::size_t i = 0; i < words.size(); i += 2) {
    const inventory_item it = find_inventory_item(j, words[i]);
    const char reply = reply_of(words[i + 1]);
    if (reply == '\0' || reply == 'q')
      throw data_error(fmt::format("'{}' is not an answer to {}; answer yes, no, maybe or skip",
                                   words[i + 1], it.short_key()));
    given.emplace_back(it, reply);
  }
  return given;
}

/// ITEM ANSWER pairs on standard input, so that a script keeps them out of argv: separated by
/// spaces or lines; a line starting with # is passed by.
std::vector<std::string> words_on_stdin(context& ctx) {
  std::vector<std::string> words;
  std::istringstream lines(ctx.text("-"));
  std::string line;
  while (std::getline(lines, line)) {
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    std::istringstream in(line);
    for (std::string w; in >> w;) words.push_back(w);
  }
  if (words.empty())
    throw usage_error(
        "no answers on standard input; give one 'ITEM ANSWER' a line, such as 's07 yes'");
  return words;
}

void answer_items(context& ctx, const answer_options& o) {
  auto& j = ctx.journal();
  const partner who = ctx.writer();
  if (o.item.empty()) {  // at the terminal, one item after another
    if (!ctx.interactive())
      throw usage_error(
          "without a terminal, give the items and answers on standard input, one 'ITEM "
          "ANSWER' a line: rebuild inventory answer - --passphrase-fd N");
    need_passphrase(j, who);
    const auto items = inventory_items(j);
    // How many are answered is in the open; which, only behind the passphrase.
    if (!o.again && answered_count(j, who) >= static_cast<int>(items.size())) {
      fmt::print(
          "You have answered every item. To change any, here, without typing your answers "
          "where others may see them: rebuild inventory answer --again\n");
      return;
    }
    const crypto::key k = unlock_key(
        ctx, who, o.source, fmt::format("{}, your passphrase:", who.name), "nothing was saved");
    const auto now = inventory_answers(j, who, k);
    std::vector<inventory_item> todo;
    for (const auto& it : items)
      if (o.again || now.count(it.key) == 0) todo.push_back(it);
    // Again: each answer given so far shown beside its item, to keep (skip) or change.
    return save_answers(ctx, who, k,
                        walk(todo, o.again ? now : std::map<std::string, inventory_answer>{}));
  }
  std::vector<std::pair<inventory_item, char>> given;
  if (o.item == "-" && o.answer.empty() && o.more.empty()) {
    if (!*o.source.flag && !ctx.interactive())
      throw usage_error(
          "with the answers on standard input, give the passphrase on another: "
          "--passphrase-fd N");
    given = given_pairs(j, words_on_stdin(ctx));
  } else {
    std::vector<std::string> words{o.item};
    if (!o.answer.empty()) words.push_back(o.answer);
    words.insert(words.end(), o.more.begin(), o.more.end());
    given = given_pairs(j, words);
  }
  need_passphrase(j, who);
  const crypto::key k = unlock_key(
      ctx, who, o.source, fmt::format("{}, your passphrase:", who.name), "nothing was saved");
  save_answers(ctx, who, k, given);
}

nlohmann::ordered_json items_json(const std::vector<inventory_item>& items) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& it : items)
    list.push_back({{"item", it.key}, {"tier", tier_json(it)}, {"text", it.text}});
  return list;
}

void match_answers(context& ctx, const match_options& o) {
  auto& j = ctx.journal();
  const partner me = ctx.writer();
  const auto other = other_than(j, me);
  if (!other)
    throw data_error(
        fmt::format("the overlap needs both partners' answers, and this journal is "
                    "for {} alone",
                    me.name));
  need_passphrase(j, me);
  need_passphrase(j, *other);
  std::optional<int> tier;
  if (*o.tier_flag) tier = o.tier;
  // From how many each has answered (in the open), before any passphrase is asked; which
  // items, and a tier's, are known only once both have opened theirs (inventory_match).
  const int of = static_cast<int>(inventory_items(j).size());
  const int left_mine = of - answered_count(j, me), left_theirs = of - answered_count(j, *other);
  if (!tier && (left_mine > 0 || left_theirs > 0))
    throw data_error(fmt::format(
        "the overlap is shown once both of you have answered every item: {} has {} left and "
        "{} has {}; nothing is shown",
        me.name, std::max(left_mine, 0), other->name, std::max(left_theirs, 0)));
  if (!ctx.interactive() && (!*o.mine.flag || !*o.other.flag))
    throw usage_error(
        fmt::format("the overlap needs both passphrases: {}'s on --passphrase-fd N "
                    "and {}'s on --other-passphrase-fd M, or a terminal to ask "
                    "them on",
                    me.name, other->name));
  const crypto::key mine =
      unlock_key(ctx, me, o.mine, fmt::format("{}, your passphrase:", me.name), "nothing is shown");
  const crypto::key theirs = unlock_key(
      ctx, *other, o.other, fmt::format("{}, your passphrase:", other->name), "nothing is shown");
  const inventory_overlap overlap = inventory_match(j, me, mine, *other, theirs, tier);
  if (ctx.globals.json)
    return print_json({{"partners", nlohmann::ordered_json::array({me.name, other->name})},
                       {"both_yes", items_json(overlap.both_yes)},
                       {"to_talk_about", overlap.maybe_shown ? items_json(overlap.to_talk_about)
                                                             : nlohmann::ordered_json()}});
  const bool color = ctx.color();
  const auto none = [](const inventory_item&) { return std::string(); };
  if (overlap.both_yes.empty()) {
    fmt::print(
        "No item has a yes from both of you yet. That is common, and it is not a "
        "verdict: not everything needs to match. Items of your own (rebuild inventory "
        "add) or a counsellor can help you find where you meet.\n");
  } else {
    fmt::print("Where you meet: the items you both said yes to.\n\n");
    print_items(overlap.both_yes, color, none);
  }
  if (!overlap.to_talk_about.empty()) {
    fmt::print("\n{}\n\n", paint("To talk about: one of you said yes, the other maybe",
                                 fmt::emphasis::bold, color));
    print_items(overlap.to_talk_about, color, none);
  }
  fmt::print("\nEverything else stays with each of you: nothing here says who answered what.\n");
}

}  // namespace

void setup_inventory(CLI::App& app, context& ctx, command_list& commands) {
  CLI::App* sub = add_command(
      app, "inventory",
      "The shared inventory: your yes / no / maybe, and where you meet: add, answer, match",
      "  rebuild inventory --as Dan                  (your answers; asks your passphrase)\n"
      "  rebuild inventory answer --as Dan           (each unanswered item in turn)\n"
      "  rebuild inventory answer s07 yes --as Sam\n"
      "  rebuild inventory answer - --passphrase-fd 3 --as Sam < answers 3< passfile\n"
      "  rebuild inventory add \"Reading to each other in bed\" --tier 1\n"
      "  rebuild inventory match --as Dan            (both of you, both passphrases)\n");
  auto l = std::make_shared<list_options>();
  add_passphrase_fd(sub, l->source, "passphrase-fd",
                    "read your passphrase from this file descriptor (its first line)");
  add_no_pager(sub, l->page);
  commands.push_back({sub, [&ctx, l] { list_inventory(ctx, *l); }});

  auto a = std::make_shared<add_options>();
  CLI::App* add = add_command(*sub, "add", "An item of your own, for both of you to answer", "");
  add->add_option("text", a->text, "the item, plainly put ('-': stdin)")
      ->required()
      ->type_name("S");
  a->tier_flag =
      add->add_option("--tier", a->tier, "1 affectionate, 2 sensual, 3 sexual (default: none)")
          ->type_name("1-3");
  commands.push_back({add, [&ctx, a] { add_item(ctx, *a); }});

  auto r = std::make_shared<answer_options>();
  CLI::App* answer = add_command(
      *sub, "answer",
      "Your answer to an item (yes, no, maybe, skip), or each unanswered item in turn", "");
  answer
      ->add_option("item", r->item,
                   "the item's key, as 'rebuild inventory' shows it; '-': 'ITEM ANSWER' "
                   "lines on stdin, kept out of argv")
      ->type_name("ITEM");
  answer->add_option("answer", r->answer, "yes, no, maybe or skip")->type_name("ANSWER");
  answer->add_option("more", r->more, "more items and their answers, in pairs")
      ->type_name("ITEM ANSWER");
  add_passphrase_fd(answer, r->source, "passphrase-fd",
                    "read your passphrase from this file descriptor (its first line)");
  answer->add_flag("--again", r->again,
                   "at the terminal: every item in turn, with your answer now, to change any");
  commands.push_back({answer, [&ctx, r] {
                        if (r->again && !r->item.empty())
                          throw usage_error(
                              "--again asks every item at the terminal; it takes no item");
                        answer_items(ctx, *r);
                      }});

  auto m = std::make_shared<match_options>();
  CLI::App* match =
      add_command(*sub, "match", "The items you both said yes to, with both of you there", "");
  add_passphrase_fd(match, m->mine, "passphrase-fd",
                    "read your passphrase (--as) from this file descriptor");
  add_passphrase_fd(match, m->other, "other-passphrase-fd",
                    "read the other partner's passphrase from this file descriptor (or, with "
                    "the same number, the next line of it)");
  m->tier_flag = match
                     ->add_option("--tier", m->tier,
                                  "one tier alone (1 affectionate, 2 "
                                  "sensual, 3 sexual), when both of you have "
                                  "answered that tier")
                     ->check(CLI::Range(1, 3))
                     ->type_name("1-3");
  commands.push_back({match, [&ctx, m] { match_answers(ctx, *m); }});
}

}  // namespace rebuild::cli
