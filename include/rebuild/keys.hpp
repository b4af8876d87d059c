#pragma once
/// Each partner's passphrase and the data key it unlocks. The data key (random, made once)
/// seals that partner's private words; the passphrase only unlocks it, so changing the
/// passphrase seals the data key again and touches nothing else. The journal holds the salt,
/// Argon2id's cost and the sealed data key: without the passphrase, none of it opens.
#include <string_view>

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
/// Seals `p`'s data key (as unlock() gave it, from the passphrase now) under `next`; inside a
/// write transaction. Throws data_error as check_new_passphrase() does.
void change_passphrase(journal& j, const partner& p, const crypto::key& data, std::string_view next,
                       const clock& now, crypto::kdf_cost cost = crypto::interactive());

}  // namespace rebuild
