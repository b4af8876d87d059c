#include "rebuild/keys.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "blob.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/inventory.hpp"
#include "rebuild/private_words.hpp"
#include "rebuild/text.hpp"

namespace rebuild {
namespace {

/// What a sealed data key belongs to: its partner, so that it cannot be moved to another.
std::string data_key_label(const partner& p) { return "rebuild data key|" + p.uuid; }

void store(journal& j, const partner& p, std::string_view passphrase, const crypto::key& data,
           const clock& now, crypto::kdf_cost cost) {
  const std::string salt = crypto::random_bytes(crypto::salt_bytes);
  const crypto::key outer = crypto::derive(passphrase, salt, cost);
  std::string raw = data.bytes();
  const std::string wrapped = crypto::seal(outer, raw, data_key_label(p));
  crypto::wipe(raw);
  SQLite::Statement st(j.db(),
                       "INSERT OR REPLACE INTO partner_keys (partner_id, salt, ops, mem, wrapped, "
                       "set_utc) VALUES (?, ?, ?, ?, ?, ?)");
  st.bind(1, p.id);
  st.bind(2, salt.data(), static_cast<int>(salt.size()));
  st.bind(3, static_cast<std::int64_t>(cost.ops));
  st.bind(4, static_cast<std::int64_t>(cost.mem));
  st.bind(5, wrapped.data(), static_cast<int>(wrapped.size()));
  st.bind(6, iso_utc(now.now_utc()));
  st.exec();
}

}  // namespace

bool has_passphrase(journal& j, const partner& p) {
  SQLite::Statement st(j.db(), "SELECT 1 FROM partner_keys WHERE partner_id = ?");
  st.bind(1, p.id);
  return st.executeStep();
}

void check_new_passphrase(std::string_view passphrase) {
  const auto length = utf8_length(passphrase);
  if (!length) throw data_error("the passphrase is not valid UTF-8 text");
  if (first_control(passphrase, false))
    throw data_error(
        "the passphrase holds a control character; use letters, digits, spaces "
        "and punctuation");
  if (*length < shortest_passphrase)
    throw data_error(
        fmt::format("the passphrase has {} characters; use at least {} (a few "
                    "words you will remember are best)",
                    *length, shortest_passphrase));
}

void set_passphrase(journal& j, const partner& p, std::string_view passphrase, const clock& now,
                    crypto::kdf_cost cost) {
  if (has_passphrase(j, p))
    throw data_error(
        fmt::format("{} has a passphrase already; 'rebuild passphrase change' "
                    "changes it",
                    p.name));
  check_new_passphrase(passphrase);
  store(j, p, passphrase, crypto::key::random(), now, cost);
}

crypto::key unlock(journal& j, const partner& p, std::string_view passphrase) {
  SQLite::Statement st(j.db(),
                       "SELECT salt, ops, mem, wrapped FROM partner_keys WHERE partner_id = ?");
  st.bind(1, p.id);
  if (!st.executeStep())
    throw data_error(
        fmt::format("{} has no passphrase yet; set one with 'rebuild passphrase "
                    "set --as {}'",
                    p.name, p.name));
  const std::string salt = blob(st.getColumn(0));
  const crypto::kdf_cost cost{static_cast<std::uint64_t>(st.getColumn(1).getInt64()),
                              static_cast<std::size_t>(st.getColumn(2).getInt64())};
  const std::string wrapped = blob(st.getColumn(3));
  if (!crypto::within_bounds(cost))
    throw io_error(fmt::format(
        "{}'s key in the journal at {} asks for a key cost rebuild never writes ({} passes over "
        "{} MiB): the journal was changed; put a backup in its place with 'rebuild restore FILE'",
        p.name, j.path().string(), cost.ops, cost.mem >> 20));
  const crypto::key outer = crypto::derive(passphrase, salt, cost);
  auto raw = crypto::open(outer, wrapped, data_key_label(p));
  if (!raw)
    throw data_error(fmt::format("that is not {}'s passphrase; nothing was changed", p.name));
  crypto::key data = crypto::key::from_bytes(*raw);
  crypto::wipe(*raw);
  return data;
}

rekeyed change_passphrase(journal& j, const partner& p, const crypto::key& data,
                          std::string_view next, const clock& now, crypto::kdf_cost cost) {
  check_new_passphrase(next);
  // A new data key, and every box of this partner's sealed under it: the old passphrase, with
  // an older copy of the key row (a backup), opens nothing written from now on, and nothing
  // here. One transaction, the caller's: a kill leaves the old key and boxes, or the new.
  const crypto::key fresh = crypto::key::random();
  rekeyed done;
  done.entries = reseal_private(j, p, data, fresh, done.unopened);
  done.answers = reseal_answers(j, p, data, fresh);
  store(j, p, next, fresh, now, cost);
  return done;
}

}  // namespace rebuild
