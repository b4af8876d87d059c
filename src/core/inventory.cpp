#include "rebuild/inventory.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "blob.hpp"
#include "entry_rows.hpp"
#include "rebuild/entries.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/practices.hpp"
#include "rebuild/text.hpp"

namespace rebuild {
namespace {

struct starter {
  const char* key;
  int tier;
  const char* text;
};

// Plain and kind, as a counsellor would put them: nothing graphic, no slang. Tier 1 follows
// the guide's stage one (non-sexual touch, clothes on), tier 2 its stage two (sensual, no sex
// expected), tier 3 its stage three (sexual exploration). Keys never change: answers name
// them.
constexpr starter starters[] = {
    {"s01", 1, "Holding hands on a walk"},
    {"s02", 1, "A long hug when one of us gets home"},
    {"s03", 1, "A kiss hello and goodbye"},
    {"s04", 1, "Sitting close on the sofa, leaning on each other"},
    {"s05", 1, "A hand on the back or shoulder in passing"},
    {"s06", 1, "Stroking each other's hair"},
    {"s07", 1, "A five-minute shoulder or back rub, clothes on"},
    {"s08", 1, "A hand or foot massage"},
    {"s09", 1, "Cuddling in bed in the morning"},
    {"s10", 1, "Falling asleep holding each other"},
    {"s11", 1, "Slow dancing in the kitchen"},
    {"s12", 1, "Touching each other's face gently"},
    {"s13", 1, "Lying with a head in the other's lap"},
    {"s14", 2, "Long kisses, with no need for more"},
    {"s15", 2, "Full-body cuddling, no sex expected"},
    {"s16", 2, "A massage with oil, no sex expected"},
    {"s17", 2, "Showering or bathing together"},
    {"s18", 2, "Lying together without clothes, no sex expected"},
    {"s19", 2, "Kisses on the neck and shoulders"},
    {"s20", 2, "Undressing each other slowly"},
    {"s21", 2, "Touch with eyes closed, saying what feels good"},
    {"s22", 2, "An evening set aside for touch, with candles and music"},
    {"s23", 2, "Sleeping without clothes"},
    {"s24", 2, "Taking turns guiding the other's hand"},
    {"s25", 2, "Flirting messages during the day"},
    {"s26", 2, "Telling each other what we find attractive"},
    {"s27", 2, "A date that ends in long kissing, and stops there"},
    {"s28", 3, "Sex at a time we planned together"},
    {"s29", 3, "Sex that starts slowly, with plenty of time to warm up"},
    {"s30", 3, "Trying a new position"},
    {"s31", 3, "Making love somewhere other than the bedroom"},
    {"s32", 3, "Touching each other to orgasm with our hands"},
    {"s33", 3, "Oral sex, giving"},
    {"s34", 3, "Oral sex, receiving"},
    {"s35", 3, "Using a toy together"},
    {"s36", 3, "Telling each other a fantasy"},
    {"s37", 3, "Touching ourselves while the other watches"},
    {"s38", 3, "Sex with the lights on"},
    {"s39", 3, "Gentle restraint, with a clear word to stop"},
    {"s40", 3, "Wearing something new for the other"},
};

std::vector<inventory_item> own_items(journal& j) {
  std::vector<inventory_item> out;
  SQLite::Statement st(j.db(), "SELECT uuid, tier, text FROM inventory_items ORDER BY id");
  while (st.executeStep()) {
    inventory_item it;
    it.key = st.getColumn(0).getString();
    if (!st.getColumn(1).isNull()) it.tier = st.getColumn(1).getInt();
    it.text = st.getColumn(2).getString();
    it.starter = false;
    out.push_back(std::move(it));
  }
  return out;
}

std::string shown_key(std::string_view key) {
  return std::string(key.substr(0, key.size() > 8 ? 8 : key.size()));
}

}  // namespace

std::string_view answer_word(inventory_answer a) {
  switch (a) {
    case inventory_answer::yes:
      return "yes";
    case inventory_answer::no:
      return "no";
    case inventory_answer::maybe:
      return "maybe";
  }
  return "?";
}

std::string_view tier_label(int tier) {
  switch (tier) {
    case 1:
      return "affectionate (stage 1: non-sexual touch)";
    case 2:
      return "sensual (stage 2: no sex expected)";
    case 3:
      return "sexual (stage 3: exploration)";
  }
  return "your own, without a tier";
}

namespace {
std::set<std::string> item_keys(journal& j) {
  std::set<std::string> out;
  for (const auto& it : inventory_items(j)) out.insert(it.key);
  return out;
}
}  // namespace

std::string inventory_item::short_key() const { return starter ? key : shown_key(key); }

std::vector<inventory_item> inventory_items(journal& j) {
  std::vector<inventory_item> out;
  const auto own = own_items(j);
  for (int tier = 1; tier <= inventory_tiers + 1; ++tier) {
    for (const auto& s : starters)
      if (s.tier == tier) out.push_back({s.key, s.tier, s.text, true});
    for (const auto& it : own)
      if (it.tier.value_or(inventory_tiers + 1) == tier) out.push_back(it);
  }
  return out;
}

inventory_item find_inventory_item(journal& j, std::string_view name) {
  const std::string wanted = ascii_lower(name);
  for (const auto& s : starters)
    if (wanted == s.key) return {s.key, s.tier, s.text, true};
  const bool well_formed =
      !wanted.empty() && wanted.find_first_not_of("0123456789abcdef-") == std::string::npos;
  if (!well_formed)
    throw data_error(
        fmt::format("'{}' is not an inventory item; 'rebuild inventory' lists them "
                    "with their keys, such as s07",
                    name));
  if (wanted.size() < 4)
    throw data_error(
        fmt::format("the key '{}' is too short; give at least 4 characters of an "
                    "item of your own, as 'rebuild inventory' shows it",
                    name));
  std::vector<inventory_item> found;
  for (auto& it : own_items(j))
    if (it.key.compare(0, wanted.size(), wanted) == 0) found.push_back(std::move(it));
  if (found.empty())
    throw data_error(
        fmt::format("no inventory item has the key '{}'; 'rebuild inventory' lists them", name));
  if (found.size() > 1) {
    std::vector<std::string> keys;
    for (const auto& it : found) keys.push_back(it.key.substr(0, 13));
    throw data_error(fmt::format("the key '{}' names more than one item: {}; give more of it", name,
                                 fmt::join(keys, ", ")));
  }
  return found.front();
}

inventory_item add_inventory_item(journal& j, const partner& by, std::string_view text,
                                  std::optional<int> tier, const clock& now) {
  validate_text("the item", text);
  if (tier && (*tier < 1 || *tier > inventory_tiers))
    throw data_error(fmt::format("--tier is 1, 2 or 3, not {}", *tier));
  const std::string lower = ascii_lower(text);
  for (const auto& it : inventory_items(j))
    if (ascii_lower(it.text) == lower)
      throw data_error(fmt::format("the inventory has that item already, as {} (\"{}\")",
                                   it.short_key(), it.text));
  inventory_item made{rows::new_uuid(), tier, std::string(text), false};
  SQLite::Statement st(j.db(),
                       "INSERT INTO inventory_items (uuid, tier, text, added_by, created_utc) "
                       "VALUES (?, ?, ?, ?, ?)");
  st.bind(1, made.key);
  if (tier)
    st.bind(2, *tier);
  else
    st.bind(2);
  st.bind(3, made.text);
  st.bind(4, by.id);
  st.bind(5, iso_utc(now.now_utc()));
  st.exec();
  return made;
}

namespace {

// A partner's answers and consent are one box, padded to a multiple of this: its length says
// little more than how many items they answered, which the row says anyway.
constexpr std::size_t sheet_block = 4096;

/// What a partner's sheet belongs to: them, so that it opens nowhere else.
std::string sheet_label(const partner& p) {
  return fmt::format("rebuild inventory sheet|{}", p.uuid);
}

/// Before schema 13 each answer was a row of its own (the item in the open); these labels
/// opened those rows. They are read once more, into the sheet, at the partner's next write.
std::string row_label(std::string_view item, const partner& p) {
  return fmt::format("rebuild inventory|{}|{}", item, p.uuid);
}
constexpr std::string_view show_maybe_row = "show-maybe";

/// Everything a partner keeps in the inventory: their answers, by item key, and their consent
/// to see yes+maybe items.
struct sheet {
  std::map<std::string, inventory_answer> answers;
  bool show_maybe = false;
};

io_error damaged_sheet(const partner& p) {
  return io_error(fmt::format(
      "{0}'s inventory answers do not open with {0}'s key: they were changed outside rebuild; "
      "put a backup in place with 'rebuild restore FILE'",
      p.name));
}

bool is_answer(char c) { return c == 'y' || c == 'n' || c == 'm'; }

/// The sheet's box, if `p` has one.
std::optional<std::string> sheet_box(journal& j, const partner& p) {
  SQLite::Statement st(j.db(), "SELECT box FROM inventory_sheets WHERE partner_id = ?");
  st.bind(1, p.id);
  if (!st.executeStep()) return std::nullopt;
  return blob(st.getColumn(0));
}

/// `p`'s sheet, opened with `k`; empty when they have answered nothing. Throws io_error when
/// the sheet does not open. Rows from before schema 13 are read when there is no sheet yet: with
/// `strict`, one that does not open is io_error naming its item; without, it is passed by (a
/// write then leaves it behind, as it opens under no key).
sheet read_sheet(journal& j, const partner& p, const crypto::key& k, bool strict) {
  sheet out;
  if (const auto box = sheet_box(j, p)) {
    auto plain = crypto::open_padded(k, *box, sheet_label(p), sheet_block);
    if (!plain) throw damaged_sheet(p);
    const auto doc = nlohmann::json::parse(*plain, nullptr, false);
    crypto::wipe(*plain);
    if (!doc.is_object() || !doc.contains("answers") || !doc["answers"].is_object())
      throw damaged_sheet(p);
    for (const auto& [item, a] : doc["answers"].items()) {
      const std::string word = a.is_string() ? a.get<std::string>() : std::string();
      if (word.size() != 1 || !is_answer(word[0])) throw damaged_sheet(p);
      out.answers.emplace(item, static_cast<inventory_answer>(word[0]));
    }
    out.show_maybe = doc.value("show_maybe", false);
    return out;
  }
  SQLite::Statement st(j.db(), "SELECT item, box FROM inventory_answers WHERE partner_id = ?");
  st.bind(1, p.id);
  while (st.executeStep()) {
    const std::string item = st.getColumn(0).getString();
    auto plain = crypto::open(k, blob(st.getColumn(1)), row_label(item, p));
    if (item == show_maybe_row) {
      // One that does not open (changed, or moved from the other partner) is no consent.
      out.show_maybe = plain && *plain == "yes";
      continue;
    }
    const char c = plain && plain->size() == 1 ? plain->front() : '\0';
    if (is_answer(c)) {
      out.answers.emplace(item, static_cast<inventory_answer>(c));
      continue;
    }
    if (strict)
      throw io_error(fmt::format(
          "{}'s answer to the inventory item {} does not open with {}'s key: it was changed "
          "or moved outside rebuild; give it again with 'rebuild inventory answer {} "
          "yes/no/maybe'",
          p.name, shown_key(item), p.name, shown_key(item)));
  }
  return out;
}

/// Keeps `s` as `p`'s sheet under `k`, with how many items there are now it answers (all that
/// is in the open), and takes away any rows from before schema 13. Inside a write transaction.
void write_sheet(journal& j, const partner& p, const crypto::key& k, const sheet& s) {
  nlohmann::json answers = nlohmann::json::object();
  for (const auto& [item, a] : s.answers) answers[item] = std::string(1, static_cast<char>(a));
  std::string plain = nlohmann::json{{"answers", answers}, {"show_maybe", s.show_maybe}}.dump();
  const std::string box = crypto::seal_padded(k, plain, sheet_label(p), sheet_block);
  crypto::wipe(plain);
  const std::set<std::string> exists = item_keys(j);
  int answered = 0;
  for (const auto& [item, a] : s.answers) answered += exists.count(item) != 0 ? 1 : 0;
  SQLite::Statement put(j.db(),
                        "INSERT OR REPLACE INTO inventory_sheets (partner_id, box, answered) "
                        "VALUES (?, ?, ?)");
  put.bind(1, p.id);
  put.bind(2, box.data(), static_cast<int>(box.size()));
  put.bind(3, answered);
  put.exec();
  SQLite::Statement old(j.db(), "DELETE FROM inventory_answers WHERE partner_id = ?");
  old.bind(1, p.id);
  old.exec();
}

bool has_any(journal& j, const partner& p) {
  SQLite::Statement st(j.db(),
                       "SELECT EXISTS (SELECT 1 FROM inventory_sheets WHERE partner_id = ?1) OR "
                       "EXISTS (SELECT 1 FROM inventory_answers WHERE partner_id = ?1)");
  st.bind(1, p.id);
  st.executeStep();
  return st.getColumn(0).getInt() != 0;
}

}  // namespace

int answered_count(journal& j, const partner& p) {
  SQLite::Statement st(j.db(), "SELECT answered FROM inventory_sheets WHERE partner_id = ?");
  st.bind(1, p.id);
  if (st.executeStep()) return st.getColumn(0).getInt();
  // Rows from before schema 13, until the partner's next write.
  const std::set<std::string> exists = item_keys(j);
  int n = 0;
  SQLite::Statement old(j.db(), "SELECT item FROM inventory_answers WHERE partner_id = ?");
  old.bind(1, p.id);
  while (old.executeStep()) n += exists.count(old.getColumn(0).getString()) != 0 ? 1 : 0;
  return n;
}

std::size_t inventory_sheet_block() { return sheet_block; }

int reseal_answers(journal& j, const partner& p, const crypto::key& from, const crypto::key& to) {
  if (!has_any(j, p)) return 0;
  sheet s;
  try {
    s = read_sheet(j, p, from, false);
  } catch (const io_error&) {
    return 0;  // changed outside rebuild: it opens under no key; left as it is
  }
  write_sheet(j, p, to, s);
  return static_cast<int>(s.answers.size());
}

std::map<std::string, inventory_answer> inventory_answers(journal& j, const partner& p,
                                                          const crypto::key& k) {
  const std::set<std::string> exists = item_keys(j);
  std::map<std::string, inventory_answer> out;
  for (const auto& [item, a] : read_sheet(j, p, k, true).answers)
    if (exists.count(item) != 0) out.emplace(item, a);  // not one removed by hand
  return out;
}

void set_inventory_answers(journal& j, const partner& p, const crypto::key& k,
                           const std::vector<std::pair<std::string, inventory_answer>>& answers) {
  // The whole sheet sealed again: which items changed, and when, is the partner's own too.
  sheet s = read_sheet(j, p, k, false);
  for (const auto& [item, a] : answers) s.answers[item] = a;
  write_sheet(j, p, k, s);
}

void set_shows_maybe(journal& j, const partner& p, const crypto::key& k, bool yes) {
  sheet s = read_sheet(j, p, k, false);
  s.show_maybe = yes;
  write_sheet(j, p, k, s);
}

bool shows_maybe(journal& j, const partner& p, const crypto::key& k) {
  try {
    return read_sheet(j, p, k, false).show_maybe;
  } catch (const io_error&) {
    return false;  // a sheet that does not open is no consent
  }
}

inventory_left unanswered(journal& j, const std::map<std::string, inventory_answer>& a,
                          const std::map<std::string, inventory_answer>& b,
                          std::optional<int> tier) {
  inventory_left left;
  for (const auto& it : inventory_items(j)) {
    if (tier && it.tier != tier) continue;
    left.first += a.count(it.key) == 0 ? 1 : 0;
    left.second += b.count(it.key) == 0 ? 1 : 0;
  }
  return left;
}

inventory_overlap inventory_match(journal& j, const partner& a, const crypto::key& ka,
                                  const partner& b, const crypto::key& kb,
                                  std::optional<int> tier) {
  const auto of_a = inventory_answers(j, a, ka);
  const auto of_b = inventory_answers(j, b, kb);
  const inventory_left left = unanswered(j, of_a, of_b, tier);
  if (left.first != 0 || left.second != 0)
    throw data_error(fmt::format(
        "the overlap is shown once both of you have answered every item{}: {} has {} left and "
        "{} has {}; nothing is shown",
        tier ? fmt::format(" of tier {}", *tier) : std::string(), a.name, left.first, b.name,
        left.second));
  inventory_overlap out;
  out.maybe_shown = shows_maybe(j, a, ka) && shows_maybe(j, b, kb);
  const auto yes = inventory_answer::yes, maybe = inventory_answer::maybe;
  for (const auto& it : inventory_items(j)) {
    if (tier && it.tier != tier) continue;  // one tier: the others may be left unanswered
    const inventory_answer x = of_a.at(it.key);
    const inventory_answer y = of_b.at(it.key);
    if (x == yes && y == yes)
      out.both_yes.push_back(it);
    else if (out.maybe_shown && ((x == yes && y == maybe) || (x == maybe && y == yes)))
      out.to_talk_about.push_back(it);
  }
  return out;
}

}  // namespace rebuild
