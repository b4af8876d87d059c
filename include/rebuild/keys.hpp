#pragma once
/// Each partner's passphrase and the data key it unlocks. The data key (random) seals that
/// partner's private words and inventory answers; the passphrase only unlocks it. Changing
/// the passphrase makes a new data key and seals every box again under it, so that the old
/// passphrase with an older copy of the key (a backup) opens nothing written after. The journal
/// holds the salt, Argon2id's cost and the sealed data key: without the passphrase, none of it
/// opens.
#include <string>
#include <string_view>
#include <vector>

#include "rebuild/crypto.hpp"
#include "rebuild/partners.hpp"

namespace rebuild {

/// The fewest characters a passphrase may have.
inline constexpr std::size_t shortest_passphrase = 8;

bool has_passphrase(journal& j, const partner& p);
/// Checks a new passphrase: valid UTF-8, at least shortest_passphrase characters, no control
/// characters. Throws data_error.
void check_new_passphrase(std::string_view passphrase);
/// A first passphrase for `p`, and with it a new data key; inside a write transaction.
/// Throws data_error when one is set already, or for a passphrase check_new_passphrase refuses.
void set_passphrase(journal& j, const partner& p, std::string_view passphrase, const clock& now,
                    crypto::kdf_cost cost = crypto::interactive());
/// The data key the passphrase unlocks. Throws data_error when `p` has none, or when the
/// passphrase does not open it (nothing else is said: not which part was wrong).
crypto::key unlock(journal& j, const partner& p, std::string_view passphrase);
/// What a passphrase change sealed again under the new data key.
struct rekeyed {
  int entries = 0;                    // private entries' boxes
  int answers = 0;                    // inventory answers
  std::vector<std::string> unopened;  // ids of private entries whose box did not open (left)
};
/// A new passphrase for `p`, and with it a new data key: every private box and inventory
/// answer of `p`'s, opened with `data` (as unlock() gave it, from the passphrase now), is
/// sealed again under the new key, which is sealed under `next`; the old key opens nothing
/// here from then on. Inside a write transaction. Throws data_error as
/// check_new_passphrase() does.
rekeyed change_passphrase(journal& j, const partner& p, const crypto::key& data,
                          std::string_view next, const clock& now,
                          crypto::kdf_cost cost = crypto::interactive());

}  // namespace rebuild
