#pragma once
/// The one place rebuild does cryptography, all of it through libsodium's high-level calls
/// (STYLE.md: never by hand): Argon2id turns a passphrase into a key, XChaCha20-Poly1305
/// seals short texts with what they belong to as associated data, and secretstream seals
/// whole files in chunks. Keys live in guarded memory and are wiped when they go.
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace rebuild::crypto {

/// Bytes in a key, a salt, and what seal() adds to a text (a nonce and a tag).
inline constexpr std::size_t key_bytes = 32;
inline constexpr std::size_t salt_bytes = 16;
extern const std::size_t sealed_overhead;

/// A 32-byte secret key, held in memory that sodium_malloc guards (and locks away from swap
/// where the system allows); wiped and freed when it goes. Moves, never copies.
class key {
 public:
  key();  // all zeros
  ~key();
  key(key&& other) noexcept;
  key& operator=(key&& other) noexcept;
  key(const key&) = delete;
  key& operator=(const key&) = delete;

  static key random();
  /// Exactly key_bytes bytes; throws data_error otherwise.
  static key from_bytes(std::string_view bytes);
  unsigned char* data() { return bytes_; }
  const unsigned char* data() const { return bytes_; }
  /// The key's bytes as a string, to be sealed under another key (then wiped by the caller
  /// with wipe()).
  std::string bytes() const;

 private:
  unsigned char* bytes_ = nullptr;
};

/// Overwrites a string's bytes (sodium_memzero) and empties it.
void wipe(std::string& s);

/// Argon2id's cost: operations and memory.
struct kdf_cost {
  std::uint64_t ops = 0;
  std::size_t mem = 0;
};
/// libsodium's interactive limits (2 passes, 64 MiB): the least rebuild uses.
kdf_cost interactive();
/// Whether a cost read back (from a file's header, or the journal) is near what rebuild writes:
/// at most 4 passes over 256 MiB. A forged or changed one that asks for more (an hour of work,
/// gigabytes of memory) is refused before any derivation.
bool within_bounds(kdf_cost cost);

std::string random_bytes(std::size_t n);
/// The key a passphrase and salt make (Argon2id, at `cost`). Throws io_error when the
/// machine cannot give the memory it needs.
key derive(std::string_view passphrase, std::string_view salt, kdf_cost cost);

/// `plain` sealed with XChaCha20-Poly1305: a random nonce, then the ciphertext and its tag.
/// `associated` (what the text belongs to) is authenticated, not stored.
std::string seal(const key& k, std::string_view plain, std::string_view associated);
/// The text, or nullopt when the box does not open: another key, other associated data, or
/// bytes changed.
std::optional<std::string> open(const key& k, std::string_view box, std::string_view associated);

/// As seal() and open(), with the text padded (ISO/IEC 7816-4, libsodium's sodium_pad) to a
/// multiple of `block` bytes first, so that a box tells only roughly how long its text is.
/// open_padded() gives nullopt, as open() does, for a box that does not open or is not padded.
std::string seal_padded(const key& k, std::string_view plain, std::string_view associated,
                        std::size_t block);
std::optional<std::string> open_padded(const key& k, std::string_view box,
                                       std::string_view associated, std::size_t block);

/// Whole files under a passphrase: a header (magic, Argon2id's cost and salt), then
/// secretstream chunks, the last one marked final. Writes to `out` as it reads `in`.
void seal_stream(std::istream& in, std::ostream& out, std::string_view passphrase, kdf_cost cost);
/// Whole files under a key (a sync file): `header` written as it is and authenticated by the
/// first chunk, then secretstream chunks, the last marked final.
void push_stream(std::istream& in, std::ostream& out, const key& k, std::string_view header);
/// Opens what push_stream wrote, `header` already read from `in`. Throws data_error for another
/// key or header, or a file changed or cut short; `passphrase` words the first as a passphrase
/// that does not open it.
void pull_stream(std::istream& in, std::ostream& out, const key& k, std::string_view header,
                 bool passphrase = false);
/// The first chunk alone of what push_stream wrote (at most 64 KiB, the header authenticated
/// with it), to read what a large file is without opening all of it; returns whether it was
/// also the last. Throws as pull_stream does.
bool pull_first_chunk(std::istream& in, std::ostream& out, const key& k, std::string_view header);
/// One of the keys a master key makes (libsodium's crypto_kdf): `context` is 8 characters that
/// say what for, `number` which one.
key subkey(const key& master, std::uint64_t number, const char (&context)[9]);
/// Whether `head` (a file's first bytes, at least 8) starts like a sealed file.
bool is_sealed_stream(std::string_view head);
/// Opens what seal_stream wrote. Throws data_error for a wrong passphrase or a file changed
/// or cut short (nothing after the failing chunk is written; the caller discards `out`), and
/// io_error for a file that is not one.
void open_stream(std::istream& in, std::ostream& out, std::string_view passphrase);

}  // namespace rebuild::crypto
