// The sync secret as BIP39 words and back: its 256 bits and a checksum byte, 11 bits a word.
#include "rebuild/secret_words.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <cstdint>
#include <optional>

#include "rebuild/errors.hpp"
#include "secret_wordlist.hpp"

namespace rebuild {
namespace {

constexpr std::size_t secret_bytes = 32;
constexpr std::size_t bits_a_word = 11;
// The secret and then its checksum byte: 264 bits, 24 words.
constexpr std::size_t all_bytes = secret_bytes + 1;
constexpr std::size_t longest_word = 8;
constexpr std::size_t head_letters = 4;

static_assert(secret_word_count * bits_a_word == all_bytes * 8);
static_assert(bip39_english.size() == std::size_t{1} << bits_a_word);

using bit_buffer = std::array<unsigned char, all_bytes>;

/// A word's first four letters (all of it when shorter): what tells BIP39's words apart.
constexpr std::string_view head(std::string_view w) { return w.substr(0, head_letters); }

/// Whether the list is as number_of() needs it: words of at most longest_word letters, sorted,
/// with their heads sorted and unique too, so that a binary search by head finds the one word.
constexpr bool list_is_sound() {
  for (std::size_t i = 0; i < bip39_english.size(); ++i) {
    if (bip39_english[i].size() > longest_word || bip39_english[i].empty()) return false;
    if (i > 0 && !(bip39_english[i - 1] < bip39_english[i] &&
                   head(bip39_english[i - 1]) < head(bip39_english[i])))
      return false;
  }
  return true;
}
static_assert(list_is_sound(), "the BIP39 list must be sorted and unique by four letters");
static_assert(bip39_english.front() == "abandon" && bip39_english.back() == "zoo");

void ready() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw error(exit_code::internal, "libsodium could not start");
}

/// Wipes a buffer that held secret bits when it goes, however the function leaves.
class wipe_on_exit {
 public:
  wipe_on_exit(void* p, std::size_t n) : p_(p), n_(n) {}
  ~wipe_on_exit() { sodium_memzero(p_, n_); }
  wipe_on_exit(const wipe_on_exit&) = delete;
  wipe_on_exit& operator=(const wipe_on_exit&) = delete;

 private:
  void* p_;
  std::size_t n_;
};

/// BIP39's checksum of a 256-bit secret: the first 8 bits of its SHA-256.
unsigned char checksum(const unsigned char* secret) {
  ready();
  std::array<unsigned char, crypto_hash_sha256_BYTES> hash{};
  const wipe_on_exit wipe_hash(hash.data(), hash.size());
  crypto_hash_sha256(hash.data(), secret, secret_bytes);
  return hash[0];
}

/// Word `i`'s number: its 11 bits of `bits`, the first one highest.
std::uint16_t number_at(const bit_buffer& bits, std::size_t i) {
  unsigned n = 0;
  for (std::size_t b = i * bits_a_word; b < (i + 1) * bits_a_word; ++b)
    n = (n << 1) | ((bits[b / 8] >> (7 - b % 8)) & 1u);
  return static_cast<std::uint16_t>(n);
}

/// Sets word `i`'s 11 bits of `bits` (zeros until then) to `n`.
void put_number(bit_buffer& bits, std::size_t i, unsigned n) {
  for (std::size_t k = 0; k < bits_a_word; ++k) {
    const std::size_t b = i * bits_a_word + k;
    const unsigned bit = (n >> (bits_a_word - 1 - k)) & 1u;
    bits[b / 8] = static_cast<unsigned char>(bits[b / 8] | (bit << (7 - b % 8)));
  }
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/// The number of the word `token` is, whole or by its first four letters or more, in any
/// case; nullopt when it is none.
std::optional<unsigned> number_of(std::string_view token) {
  if (token.size() > longest_word) return std::nullopt;
  std::array<char, longest_word> lower{};  // a word of the secret: wiped
  const wipe_on_exit wipe_lower(lower.data(), lower.size());
  for (std::size_t i = 0; i < token.size(); ++i) {
    const char c = token[i];
    lower[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const std::string_view word(lower.data(), token.size());
  const auto found =
      std::lower_bound(bip39_english.begin(), bip39_english.end(), head(word),
                       [](std::string_view w, std::string_view h) { return head(w) < h; });
  if (found == bip39_english.end() || head(*found) != head(word)) return std::nullopt;
  const bool whole = *found == word;
  const bool by_letters = word.size() >= head_letters && found->substr(0, word.size()) == word;
  if (!whole && !by_letters) return std::nullopt;
  return static_cast<unsigned>(found - bip39_english.begin());
}

/// Says which word is not in the list. It shows the word only when it is short and printable:
/// a paste of something else, or control characters, are not echoed to the terminal.
data_error unknown_word(std::size_t position, std::string_view token) {
  const bool showable = token.size() <= 12 && std::all_of(token.begin(), token.end(), [](char c) {
                          return c > ' ' && c < '\x7f';
                        });
  return data_error(
      fmt::format("word {}{} is not one of the secret's words; check it against the other device",
                  position, showable ? fmt::format(" ('{}')", token) : std::string()));
}

}  // namespace

std::string words_of_secret(const std::array<unsigned char, 32>& secret) {
  static_assert(sizeof secret == secret_bytes);
  bit_buffer bits{};
  const wipe_on_exit wipe_bits(bits.data(), bits.size());
  std::copy(secret.begin(), secret.end(), bits.begin());
  bits[secret_bytes] = checksum(secret.data());
  std::string out;
  // Room for the longest words up front: the string never moves, so it leaves no copy of the
  // words behind in memory it gave back.
  out.reserve(secret_word_count * (longest_word + 1));
  for (std::size_t i = 0; i < secret_word_count; ++i) {
    if (i > 0) out += ' ';
    out += bip39_english[number_at(bits, i)];
  }
  return out;
}

std::array<unsigned char, 32> secret_of_words(std::string_view words) {
  std::array<std::string_view, secret_word_count> tokens;
  std::size_t count = 0;
  for (std::size_t i = 0; i < words.size();) {
    if (is_space(words[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < words.size() && !is_space(words[end])) ++end;
    if (count < tokens.size()) tokens[count] = words.substr(i, end - i);
    ++count;
    i = end;
  }
  if (count != secret_word_count) {
    throw data_error(fmt::format(
        "the sync secret has {}; it needs the {} words that 'rebuild sync init' showed on the "
        "other device",
        count == 0 ? std::string("no words")
                   : fmt::format("{} word{}", count, count == 1 ? "" : "s"),
        secret_word_count));
  }

  bit_buffer bits{};
  const wipe_on_exit wipe_bits(bits.data(), bits.size());
  for (std::size_t i = 0; i < secret_word_count; ++i) {
    const std::optional<unsigned> n = number_of(tokens[i]);
    if (!n) throw unknown_word(i + 1, tokens[i]);
    put_number(bits, i, *n);
  }
  if (checksum(bits.data()) != bits[secret_bytes]) {
    throw data_error(
        "the secret's words do not check out (a word mistyped or two swapped); check them "
        "against the other device");
  }
  std::array<unsigned char, 32> secret{};
  std::copy(bits.begin(), bits.begin() + secret_bytes, secret.begin());
  return secret;
}

}  // namespace rebuild
