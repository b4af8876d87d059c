#include "rebuild/inventory.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
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

/// What an answer box belongs to: its item and its partner, so that it opens nowhere else.
std::string answer_label(std::string_view item, const partner& p) {
  return fmt::format("rebuild inventory|{}|{}", item, p.uuid);
}

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

std::vector<std::string> answered_keys(journal& j, const partner& p) {
  const std::set<std::string> exists = item_keys(j);
  std::vector<std::string> out;
  SQLite::Statement st(j.db(), "SELECT item FROM inventory_answers WHERE partner_id = ?");
  st.bind(1, p.id);
  while (st.executeStep())
    if (std::string key = st.getColumn(0).getString(); exists.count(key) != 0)
      out.push_back(std::move(key));
  return out;
}

int answered_count(journal& j, const partner& p) {
  return static_cast<int>(answered_keys(j, p).size());
}

std::string seal_answer(const crypto::key& k, const partner& p, std::string_view item,
                        inventory_answer a) {
  const char byte = static_cast<char>(a);
  return crypto::seal(k, std::string_view(&byte, 1), answer_label(item, p));
}

int reseal_answers(journal& j, const partner& p, const crypto::key& from, const crypto::key& to) {
  std::vector<std::pair<std::string, std::string>> boxes;
  {
    SQLite::Statement st(j.db(), "SELECT item, box FROM inventory_answers WHERE partner_id = ?");
    st.bind(1, p.id);
    while (st.executeStep()) boxes.emplace_back(st.getColumn(0).getString(), blob(st.getColumn(1)));
  }
  int sealed = 0;
  for (const auto& [item, box] : boxes) {
    auto plain = crypto::open(from, box, answer_label(item, p));
    if (!plain) continue;  // changed outside rebuild: it opens under no key; left as it is
    const std::string again = crypto::seal(to, *plain, answer_label(item, p));
    crypto::wipe(*plain);
    SQLite::Statement put(j.db(),
                          "UPDATE inventory_answers SET box = ? WHERE item = ? AND partner_id = ?");
    put.bind(1, again.data(), static_cast<int>(again.size()));
    put.bind(2, item);
    put.bind(3, p.id);
    put.exec();
    ++sealed;
  }
  return sealed;
}

std::map<std::string, inventory_answer> inventory_answers(journal& j, const partner& p,
                                                          const crypto::key& k) {
  const std::set<std::string> exists = item_keys(j);
  std::map<std::string, inventory_answer> out;
  SQLite::Statement st(j.db(), "SELECT item, box FROM inventory_answers WHERE partner_id = ?");
  st.bind(1, p.id);
  while (st.executeStep()) {
    const std::string item = st.getColumn(0).getString();
    if (exists.count(item) == 0) continue;  // an item no longer there (removed by hand)
    auto plain = crypto::open(k, blob(st.getColumn(1)), answer_label(item, p));
    const char c = plain && plain->size() == 1 ? plain->front() : '\0';
    if (c != 'y' && c != 'n' && c != 'm')
      throw io_error(fmt::format(
          "{}'s answer to the inventory item {} does not open with {}'s key: it was changed "
          "or moved outside rebuild; give it again with 'rebuild inventory answer {} "
          "yes/no/maybe'",
          p.name, shown_key(item), p.name, shown_key(item)));
    out.emplace(item, static_cast<inventory_answer>(c));
  }
  return out;
}

void set_inventory_answers(journal& j, const partner& p, const crypto::key& k,
                           const std::vector<std::pair<std::string, inventory_answer>>& answers) {
  // No time kept: when each answer was given or changed is the partner's own too.
  SQLite::Statement st(j.db(),
                       "INSERT OR REPLACE INTO inventory_answers (item, partner_id, box, "
                       "answered_utc) VALUES (?, ?, ?, '')");
  for (const auto& [item, a] : answers) {
    const std::string box = seal_answer(k, p, item, a);
    st.bind(1, item);
    st.bind(2, p.id);
    st.bind(3, box.data(), static_cast<int>(box.size()));
    st.exec();
    st.reset();
  }
}

namespace {

/// A partner's consent to `match` showing yes+maybe items, kept as a sealed row beside their
/// answers (never an item's key): only their key sets it, or reads it.
constexpr std::string_view show_maybe_row = "show-maybe";

}  // namespace

void set_shows_maybe(journal& j, const partner& p, const crypto::key& k, bool yes) {
  const std::string box = crypto::seal(k, yes ? "yes" : "no", answer_label(show_maybe_row, p));
  SQLite::Statement st(j.db(),
                       "INSERT OR REPLACE INTO inventory_answers (item, partner_id, box, "
                       "answered_utc) VALUES (?, ?, ?, '')");
  st.bind(1, std::string(show_maybe_row));
  st.bind(2, p.id);
  st.bind(3, box.data(), static_cast<int>(box.size()));
  st.exec();
}

bool shows_maybe(journal& j, const partner& p, const crypto::key& k) {
  SQLite::Statement st(j.db(),
                       "SELECT box FROM inventory_answers WHERE item = ? AND partner_id = ?");
  st.bind(1, std::string(show_maybe_row));
  st.bind(2, p.id);
  if (!st.executeStep()) return false;
  // A row that does not open (changed, or moved from the other partner) is no consent.
  auto plain = crypto::open(k, blob(st.getColumn(0)), answer_label(show_maybe_row, p));
  const bool yes = plain && *plain == "yes";
  if (plain) crypto::wipe(*plain);
  return yes;
}

inventory_left unanswered(journal& j, const partner& a, const partner& b, std::optional<int> tier) {
  std::set<std::string> of_tier;
  for (const auto& it : inventory_items(j))
    if (!tier || it.tier == tier) of_tier.insert(it.key);
  const auto left = [&](const partner& p) {
    int answered = 0;
    for (const auto& key : answered_keys(j, p)) answered += of_tier.count(key) != 0 ? 1 : 0;
    return static_cast<int>(of_tier.size()) - answered;
  };
  return {left(a), left(b)};
}

inventory_overlap inventory_match(journal& j, const partner& a, const crypto::key& ka,
                                  const partner& b, const crypto::key& kb,
                                  std::optional<int> tier) {
  const inventory_left left = unanswered(j, a, b, tier);
  if (left.first != 0 || left.second != 0)
    throw data_error("the overlap is shown only when both of you have answered every item");
  const auto of_a = inventory_answers(j, a, ka);
  const auto of_b = inventory_answers(j, b, kb);
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
