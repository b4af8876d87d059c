// The crypto module: what seals opens with the same key and what it belongs to, and with
// nothing else; files sealed under a passphrase open only with it, whole and unchanged.
#include "rebuild/crypto.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "rebuild/errors.hpp"

using namespace rebuild;
using namespace rebuild::crypto;

namespace {
// Argon2id at its least, so the tests take no time; rebuild itself never goes below
// interactive().
const kdf_cost cheap{1, 8192};
}  // namespace

TEST_CASE("a sealed text opens with its key and its associated data, and nothing else") {
  const key k = key::random();
  const std::string box = seal(k, "I'm unlovable", "entry 6f1c…|thought");
  CHECK(box.size() == std::string("I'm unlovable").size() + sealed_overhead);
  CHECK(box.find("unlovable") == std::string::npos);
  CHECK(open(k, box, "entry 6f1c…|thought") == std::optional<std::string>("I'm unlovable"));
  // Moved to another entry, or read as another kind: it does not open.
  CHECK_FALSE(open(k, box, "entry 7a2d…|thought"));
  CHECK_FALSE(open(k, box, "entry 6f1c…|gesture"));
  // Another key.
  CHECK_FALSE(open(key::random(), box, "entry 6f1c…|thought"));
  // A byte changed anywhere, or cut short.
  for (std::size_t i = 0; i < box.size(); i += 7) {
    std::string bad = box;
    bad[i] = static_cast<char>(bad[i] ^ 1);
    CHECK_FALSE(open(k, bad, "entry 6f1c…|thought"));
  }
  CHECK_FALSE(open(k, box.substr(0, box.size() - 1), "entry 6f1c…|thought"));
  CHECK_FALSE(open(k, "", "entry 6f1c…|thought"));
  // The same text twice seals differently (a fresh nonce each time).
  CHECK(seal(k, "same", "a") != seal(k, "same", "a"));
  CHECK(open(k, seal(k, "", "a"), "a") == std::optional<std::string>(""));
}

TEST_CASE("a passphrase and a salt always make the same key; another of either, another key") {
  const std::string salt = random_bytes(salt_bytes);
  const key a = derive("correct horse", salt, cheap);
  const key b = derive("correct horse", salt, cheap);
  CHECK(a.bytes() == b.bytes());
  CHECK(derive("correct horsf", salt, cheap).bytes() != a.bytes());
  CHECK(derive("correct horse", random_bytes(salt_bytes), cheap).bytes() != a.bytes());
  CHECK_THROWS_AS(derive("x", "short", cheap), data_error);
  // A data key sealed under a passphrase's key (what `passphrase change` re-wraps).
  const key data = key::random();
  std::string raw = data.bytes();
  const std::string wrapped = seal(a, raw, "data key");
  wipe(raw);
  CHECK(raw.empty());
  const auto unwrapped = open(b, wrapped, "data key");
  REQUIRE(unwrapped);
  CHECK(key::from_bytes(*unwrapped).bytes() == data.bytes());
  CHECK_THROWS_AS(key::from_bytes("too short"), data_error);
  // Keys move, never copy, and a moved-from key holds nothing.
  key moved = key::random();
  const std::string before = moved.bytes();
  key taken = std::move(moved);
  CHECK(taken.bytes() == before);
}

TEST_CASE("a sealed file opens with its passphrase, whole; changed or cut short, it does not") {
  for (const std::size_t size :
       {std::size_t{0}, std::size_t{10}, std::size_t{65536}, std::size_t{200000}}) {
    CAPTURE(size);
    std::string plain(size, '\0');
    for (std::size_t i = 0; i < size; ++i) plain[i] = static_cast<char>('a' + i % 26);
    std::istringstream in(plain);
    std::ostringstream sealed;
    seal_stream(in, sealed, "a long passphrase", cheap);
    const std::string file = sealed.str();
    CHECK(is_sealed_stream(file));
    if (size >= 26) CHECK(file.find(plain.substr(0, 26)) == std::string::npos);
    {
      std::istringstream back(file);
      std::ostringstream out;
      open_stream(back, out, "a long passphrase");
      CHECK(out.str() == plain);
    }
    const auto fails = [&](const std::string& bytes, const std::string& passphrase) {
      std::istringstream back(bytes);
      std::ostringstream out;
      CHECK_THROWS_AS(open_stream(back, out, passphrase), data_error);
    };
    fails(file, "another passphrase");
    fails(file.substr(0, file.size() - 1), "a long passphrase");
    if (size > 65536) fails(file.substr(0, 8 + 16 + 16 + 24 + 4 + 65536 + 17), "a long passphrase");
    std::string changed = file;
    changed[changed.size() / 2 + 20] = static_cast<char>(changed[changed.size() / 2 + 20] ^ 1);
    fails(changed, "a long passphrase");
    fails(file + "x", "a long passphrase");
  }
  // Not a sealed file at all, or one whose header asks for a cost rebuild never writes.
  std::istringstream plain_text("SQLite format 3\0 and so on");
  std::ostringstream out;
  CHECK_THROWS_AS(open_stream(plain_text, out, "x"), io_error);
  std::istringstream in("x");
  std::ostringstream sealed;
  seal_stream(in, sealed, "p", cheap);
  std::string forged = sealed.str();
  forged[8 + 8 + 7] = '\x7f';  // memory: petabytes
  std::istringstream back(forged);
  CHECK_THROWS_AS(open_stream(back, out, "p"), io_error);
}

TEST_CASE("interactive() is libsodium's interactive limits, the least rebuild uses") {
  CHECK(interactive().ops >= 2);
  CHECK(interactive().mem >= std::size_t{64} << 20);
}

// ---- passphrases in a journal ---------------------------------------------------------------

#include "couple.hpp"
#include "rebuild/keys.hpp"

TEST_CASE("a passphrase unlocks its partner's data key; changed, the same key under the new one") {
  test_fixture::couple c;
  const auto& now = test_fixture::couple_clock();
  CHECK_FALSE(has_passphrase(c.j, c.dan));
  CHECK_THROWS_AS(unlock(c.j, c.dan, "anything at all"), data_error);
  {
    write_transaction txn(c.j);
    CHECK_THROWS_AS(set_passphrase(c.j, c.dan, "short", now, cheap), data_error);
    CHECK_THROWS_AS(set_passphrase(c.j, c.dan, "has a \x1b control", now, cheap), data_error);
    set_passphrase(c.j, c.dan, "correct horse battery", now, cheap);
    CHECK_THROWS_AS(set_passphrase(c.j, c.dan, "another one here", now, cheap), data_error);
    set_passphrase(c.j, c.sam, "sam's own words", now, cheap);
    txn.commit();
  }
  const std::string data = unlock(c.j, c.dan, "correct horse battery").bytes();
  CHECK(data != unlock(c.j, c.sam, "sam's own words").bytes());  // a key each
  CHECK_THROWS_AS(unlock(c.j, c.dan, "correct horse batterz"), data_error);
  CHECK_THROWS_AS(unlock(c.j, c.sam, "correct horse battery"), data_error);
  {
    write_transaction txn(c.j);
    const key data_key = unlock(c.j, c.dan, "correct horse battery");
    CHECK_THROWS_AS(change_passphrase(c.j, c.dan, data_key, "short", now, cheap), data_error);
    change_passphrase(c.j, c.dan, data_key, "new words for dan", now, cheap);
    txn.commit();
  }
  // A new passphrase is a new key: the old one, kept from before (a backup's key row), opens
  // nothing written after.
  CHECK(unlock(c.j, c.dan, "new words for dan").bytes() != data);
  CHECK_THROWS_AS(unlock(c.j, c.dan, "correct horse battery"), data_error);
  // Dan's sealed key copied onto Sam's row does not open with Dan's passphrase: it is bound
  // to its partner.
  c.j.db().exec(
      "UPDATE partner_keys SET salt = (SELECT salt FROM partner_keys WHERE partner_id = 1), "
      "wrapped = (SELECT wrapped FROM partner_keys WHERE partner_id = 1) WHERE partner_id = 2");
  CHECK_THROWS_AS(unlock(c.j, c.sam, "new words for dan"), data_error);
}

TEST_CASE("key costs are bounded near what rebuild writes, in files and in the journal") {
  CHECK(within_bounds(interactive()));
  CHECK(within_bounds(cheap));
  CHECK_FALSE(within_bounds({64, std::size_t{1} << 30}));  // 111 s, then refused (before)
  CHECK_FALSE(within_bounds({4000000000ULL, std::size_t{64} << 20}));  // never ends
  CHECK_FALSE(within_bounds({2, std::size_t{8000000000ULL}}));         // 7.8 GB
  CHECK_FALSE(within_bounds({0, std::size_t{64} << 20}));
  // A file whose header asks for more is refused before any derivation.
  std::istringstream in("x");
  std::ostringstream sealed;
  seal_stream(in, sealed, "p", cheap);
  std::string forged = sealed.str();
  forged[8] = 5;  // five passes: past the bound
  std::istringstream back(forged);
  std::ostringstream out;
  CHECK_THROWS_AS(open_stream(back, out, "p"), io_error);
  // A key row changed in the journal: refused the same way, naming the partner.
  test_fixture::couple c;
  {
    write_transaction txn(c.j);
    set_passphrase(c.j, c.dan, "correct horse battery", test_fixture::couple_clock(), cheap);
    txn.commit();
  }
  c.j.db().exec("UPDATE partner_keys SET ops = 4000000000");
  try {
    (void)unlock(c.j, c.dan, "correct horse battery");
    FAIL("a key cost past the bound was derived");
  } catch (const io_error& e) {
    CHECK(std::string(e.what()).find("Dan's key") != std::string::npos);
  }
}
