#pragma once
/// The shared erotic inventory (000 Step 6: "a Venn diagram of overlapping interests"): a
/// starter list that rebuild carries, in three tiers that follow the touch stages, plus the
/// pair's own items; each partner's yes / no / maybe to each, sealed under that partner's data
/// key, so that neither the other partner nor anyone with the file can read it; and the
/// overlap, worked out only with both keys at hand.
///
/// Each partner's answers, and their consent to see yes+maybe items, are one box (a "sheet"),
/// padded and bound to them: anyone with the file, the other partner too, sees only how many
/// items they have answered, never which, nor when one changed. A box moved to the other
/// partner does not open.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rebuild/crypto.hpp"
#include "rebuild/dates.hpp"
#include "rebuild/partners.hpp"

namespace rebuild {

enum class inventory_answer : char { yes = 'y', no = 'n', maybe = 'm' };

/// "yes", "no", "maybe".
std::string_view answer_word(inventory_answer a);

inline constexpr int inventory_tiers = 3;
/// What a tier holds, after the touch stage it follows: "affectionate (stage 1: non-sexual
/// touch)".
std::string_view tier_label(int tier);

struct inventory_item {
  std::string key;          // a starter item's "s07", or a pair's own item's UUID
  std::optional<int> tier;  // 1-3; a pair's own item may have none
  std::string text;
  bool starter = true;
  /// How it is named on screen and on the command line: "s07", or the UUID's first 8.
  std::string short_key() const;
};

/// Every item: by tier (those without one last), the starter items of a tier before the
/// pair's own, each in the order it came. Listings and the overlap all use this order.
std::vector<inventory_item> inventory_items(journal& j);
/// A starter item by its key (s07, any case), or a pair's own item by a unique start of its
/// UUID, at least 4 characters. Throws data_error.
inventory_item find_inventory_item(journal& j, std::string_view name);
/// One of the pair's own items, inside a write transaction. Throws data_error for a text
/// validate_text refuses, or one that an item has already (in any case).
inventory_item add_inventory_item(journal& j, const partner& by, std::string_view text,
                                  std::optional<int> tier, const clock& now);

/// How many of the items `p` has answered, as their last write counted them: the one figure
/// the file shows without a key.
int answered_count(journal& j, const partner& p);
/// The block a sheet's text is padded to (its box's length is a multiple of it, plus what
/// sealing adds).
std::size_t inventory_sheet_block();

/// `p`'s answers, by item key, opened with `p`'s data key. Throws io_error when their sheet
/// does not open (another key, changed, or moved from the other partner).
std::map<std::string, inventory_answer> inventory_answers(journal& j, const partner& p,
                                                          const crypto::key& k);
/// Keeps `p`'s answers (replacing any earlier one to the same item): the whole sheet sealed
/// again. Inside a write transaction.
void set_inventory_answers(journal& j, const partner& p, const crypto::key& k,
                           const std::vector<std::pair<std::string, inventory_answer>>& answers);
/// Seals `p`'s sheet again, from data key `from` to `to` (a new passphrase makes a new key);
/// returns how many answers it holds. A sheet that does not open under `from` is left as it
/// is. Inside the caller's write transaction.
int reseal_answers(journal& j, const partner& p, const crypto::key& from, const crypto::key& to);

/// Whether partner `p` agrees that `inventory match` shows the items one said yes to and the
/// other maybe (their own `config inventory.show-maybe`): in their sheet, so that only they,
/// with their passphrase, give or read it. No by default, and for a sheet that does not open.
bool shows_maybe(journal& j, const partner& p, const crypto::key& k);
/// Gives or takes back that consent; inside a write transaction.
void set_shows_maybe(journal& j, const partner& p, const crypto::key& k, bool yes);

/// What the pair may see of their answers together.
struct inventory_overlap {
  std::vector<inventory_item> both_yes;
  /// One said yes, the other maybe; only when both partners agreed to see these.
  std::vector<inventory_item> to_talk_about;
  bool maybe_shown = false;
};
/// How many items each partner has still to answer, for the overlap.
struct inventory_left {
  int first = 0;
  int second = 0;
};
/// Of two partners' opened answers; with `tier`, of that tier's items alone.
inventory_left unanswered(journal& j, const std::map<std::string, inventory_answer>& a,
                          const std::map<std::string, inventory_answer>& b,
                          std::optional<int> tier = std::nullopt);
/// The overlap of two partners' answers, each opened with its own key, in item order; with
/// `tier`, of that tier's items alone (so that the affectionate ones can be matched before
/// either answers the sexual ones). Throws data_error, saying how many each has left, unless
/// both have answered every item (of the tier), and io_error as inventory_answers does.
inventory_overlap inventory_match(journal& j, const partner& a, const crypto::key& ka,
                                  const partner& b, const crypto::key& kb,
                                  std::optional<int> tier = std::nullopt);

}  // namespace rebuild
