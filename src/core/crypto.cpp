#include "rebuild/crypto.hpp"

#include <sodium.h>

#include <cstring>
#include <istream>
#include <ostream>
#include <vector>

#include "rebuild/errors.hpp"

namespace rebuild::crypto {
namespace {

constexpr char stream_magic[] = "RBLDENC1";  // 8 bytes, without the NUL
constexpr std::size_t magic_bytes = 8;
constexpr std::size_t chunk_bytes = 64 * 1024;
// A cost that asks for more than this (a forged header or key row) is refused before any
// work: twice the passes and four times the memory of the most rebuild writes (interactive).
constexpr std::uint64_t most_ops = 4;
constexpr std::size_t most_mem = std::size_t{256} << 20;  // 256 MiB

static_assert(key_bytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(key_bytes == crypto_secretstream_xchacha20poly1305_KEYBYTES);
static_assert(salt_bytes == crypto_pwhash_SALTBYTES);

void ready() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw error(exit_code::internal, "libsodium could not start");
}

const unsigned char* bytes_of(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

void put_u64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
std::uint64_t get_u64(std::string_view in) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i)
    v = (v << 8) | static_cast<unsigned char>(in[static_cast<std::size_t>(i)]);
  return v;
}

/// Reads exactly `n` bytes, or fewer at the end of the stream.
std::string read_some(std::istream& in, std::size_t n) {
  std::string out(n, '\0');
  in.read(out.data(), static_cast<std::streamsize>(n));
  out.resize(static_cast<std::size_t>(in.gcount()));
  return out;
}

}  // namespace

const std::size_t sealed_overhead =
    crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES;

key::key() {
  ready();
  bytes_ = static_cast<unsigned char*>(sodium_malloc(key_bytes));
  if (bytes_ == nullptr) throw io_error("no memory for a key");
  sodium_memzero(bytes_, key_bytes);
}

key::~key() {
  if (bytes_ != nullptr) sodium_free(bytes_);  // wipes it first
}

key::key(key&& other) noexcept : bytes_(other.bytes_) { other.bytes_ = nullptr; }

key& key::operator=(key&& other) noexcept {
  if (this != &other) {
    if (bytes_ != nullptr) sodium_free(bytes_);
    bytes_ = other.bytes_;
    other.bytes_ = nullptr;
  }
  return *this;
}

key key::random() {
  key k;
  randombytes_buf(k.bytes_, key_bytes);
  return k;
}

key key::from_bytes(std::string_view bytes) {
  if (bytes.size() != key_bytes) throw data_error("a key is 32 bytes");
  key k;
  std::memcpy(k.bytes_, bytes.data(), key_bytes);
  return k;
}

std::string key::bytes() const {
  return std::string(reinterpret_cast<const char*>(bytes_), key_bytes);
}

void wipe(std::string& s) {
  if (!s.empty()) sodium_memzero(s.data(), s.size());
  s.clear();
}

kdf_cost interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

bool within_bounds(kdf_cost cost) {
  return cost.ops >= crypto_pwhash_OPSLIMIT_MIN && cost.ops <= most_ops &&
         cost.mem >= crypto_pwhash_MEMLIMIT_MIN && cost.mem <= most_mem;
}

std::string random_bytes(std::size_t n) {
  ready();
  std::string out(n, '\0');
  randombytes_buf(out.data(), n);
  return out;
}

key derive(std::string_view passphrase, std::string_view salt, kdf_cost cost) {
  if (salt.size() != salt_bytes) throw data_error("a salt is 16 bytes");
  key k;
  if (crypto_pwhash(k.data(), key_bytes, passphrase.data(), passphrase.size(), bytes_of(salt),
                    cost.ops, cost.mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw io_error(
        "not enough memory to work out the key from the passphrase (Argon2id needs "
        "about " +
        std::to_string(cost.mem >> 20) + " MiB)");
  return k;
}

std::string seal(const key& k, std::string_view plain, std::string_view associated) {
  ready();
  std::string box(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plain.size() +
                      crypto_aead_xchacha20poly1305_ietf_ABYTES,
                  '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &written, bytes_of(plain), plain.size(),
      bytes_of(associated), associated.size(), nullptr, nonce, k.data());
  return box;
}

std::optional<std::string> open(const key& k, std::string_view box, std::string_view associated) {
  ready();
  if (box.size() < sealed_overhead) return std::nullopt;
  const auto* nonce = bytes_of(box);
  const std::size_t body = box.size() - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  std::string plain(body - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(plain.data()), &written, nullptr,
          nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, body, bytes_of(associated),
          associated.size(), nonce, k.data()) != 0)
    return std::nullopt;
  return plain;
}

std::string seal_padded(const key& k, std::string_view plain, std::string_view associated,
                        std::size_t block) {
  ready();
  std::string padded(plain);
  padded.resize(plain.size() + block);  // room for sodium_pad's at most `block` bytes
  std::size_t length = 0;
  if (sodium_pad(&length, reinterpret_cast<unsigned char*>(padded.data()), plain.size(), block,
                 padded.size()) != 0)
    throw error(exit_code::internal, "a text could not be padded");
  padded.resize(length);
  std::string box = seal(k, padded, associated);
  wipe(padded);
  return box;
}

std::optional<std::string> open_padded(const key& k, std::string_view box,
                                       std::string_view associated, std::size_t block) {
  auto plain = open(k, box, associated);
  if (!plain) return std::nullopt;
  std::size_t length = 0;
  if (sodium_unpad(&length, reinterpret_cast<const unsigned char*>(plain->data()), plain->size(),
                   block) != 0) {
    wipe(*plain);
    return std::nullopt;
  }
  plain->resize(length);
  return plain;
}

void push_stream(std::istream& in, std::ostream& out, const key& k, std::string_view header) {
  crypto_secretstream_xchacha20poly1305_state state;
  unsigned char stream_header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  crypto_secretstream_xchacha20poly1305_init_push(&state, stream_header, k.data());
  out.write(header.data(), static_cast<std::streamsize>(header.size()));
  out.write(reinterpret_cast<const char*>(stream_header), sizeof stream_header);
  // Each chunk: its length (4 bytes) and the sealed bytes; the first also authenticates the
  // file's header, the last is marked final, so a file cut short never opens.
  std::string chunk = read_some(in, chunk_bytes);
  bool first = true;
  std::vector<unsigned char> sealed(chunk_bytes + crypto_secretstream_xchacha20poly1305_ABYTES);
  while (true) {
    std::string next = read_some(in, chunk_bytes);
    const bool last = next.empty();
    unsigned long long written = 0;
    crypto_secretstream_xchacha20poly1305_push(
        &state, sealed.data(), &written, bytes_of(chunk), chunk.size(),
        first ? bytes_of(header) : nullptr, first ? header.size() : 0,
        last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
    std::string length;
    for (int i = 0; i < 4; ++i) length.push_back(static_cast<char>((written >> (8 * i)) & 0xff));
    out.write(length.data(), 4);
    out.write(reinterpret_cast<const char*>(sealed.data()), static_cast<std::streamsize>(written));
    wipe(chunk);
    if (last) break;
    chunk = std::move(next);
    first = false;
  }
  sodium_memzero(&state, sizeof state);
  if (!in.eof() && in.fail()) throw io_error("could not read what was to be sealed");
}

key subkey(const key& master, std::uint64_t number, const char (&context)[9]) {
  ready();
  key k;
  crypto_kdf_derive_from_key(k.data(), key_bytes, number, context, master.data());
  return k;
}

void seal_stream(std::istream& in, std::ostream& out, std::string_view passphrase, kdf_cost cost) {
  std::string header(stream_magic, magic_bytes);
  put_u64(header, cost.ops);
  put_u64(header, cost.mem);
  header += random_bytes(salt_bytes);
  const key k = derive(passphrase, std::string_view(header).substr(magic_bytes + 16), cost);
  push_stream(in, out, k, header);
}

bool is_sealed_stream(std::string_view head) {
  return head.size() >= magic_bytes && head.substr(0, magic_bytes) == stream_magic;
}

namespace {

/// Opens what push_stream wrote, chunk by chunk, into `out`; with `first_only`, stops after the
/// first chunk (which authenticates the header) and returns whether it was the last.
bool pull_chunks(std::istream& in, std::ostream& out, const key& k, std::string_view header,
                 bool passphrase, bool first_only) {
  unsigned char stream_header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  in.read(reinterpret_cast<char*>(stream_header), sizeof stream_header);
  if (in.gcount() != static_cast<std::streamsize>(sizeof stream_header))
    throw data_error("the encrypted file is cut short");
  crypto_secretstream_xchacha20poly1305_state state;
  if (crypto_secretstream_xchacha20poly1305_init_pull(&state, stream_header, k.data()) != 0)
    throw data_error("the encrypted file's header is damaged");
  std::vector<unsigned char> plain(chunk_bytes);
  bool first = true, final = false;
  while (!final) {
    const std::string length = read_some(in, 4);
    if (length.size() < 4) throw data_error("the encrypted file is cut short");
    std::size_t n = 0;
    for (int i = 3; i >= 0; --i)
      n = (n << 8) | static_cast<unsigned char>(length[static_cast<std::size_t>(i)]);
    if (n < crypto_secretstream_xchacha20poly1305_ABYTES ||
        n > chunk_bytes + crypto_secretstream_xchacha20poly1305_ABYTES)
      throw data_error("the encrypted file is damaged");
    const std::string sealed = read_some(in, n);
    if (sealed.size() < n) throw data_error("the encrypted file is cut short");
    unsigned long long written = 0;
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(
            &state, plain.data(), &written, &tag, bytes_of(sealed), sealed.size(),
            first ? bytes_of(header) : nullptr, first ? header.size() : 0) != 0)
      throw data_error(first ? passphrase ? "the passphrase does not open this file (or the file "
                                            "was changed)"
                                          : "the file was changed; it does not open"
                             : "the encrypted file was changed; it does not open");
    out.write(reinterpret_cast<const char*>(plain.data()), static_cast<std::streamsize>(written));
    final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    first = false;
    if (first_only) break;
  }
  sodium_memzero(plain.data(), plain.size());
  sodium_memzero(&state, sizeof state);
  if (first_only) return final;
  if (!read_some(in, 1).empty()) throw data_error("the encrypted file has bytes after its end");
  return true;
}

}  // namespace

void pull_stream(std::istream& in, std::ostream& out, const key& k, std::string_view header,
                 bool passphrase) {
  pull_chunks(in, out, k, header, passphrase, false);
}

bool pull_first_chunk(std::istream& in, std::ostream& out, const key& k, std::string_view header) {
  return pull_chunks(in, out, k, header, false, true);
}

void open_stream(std::istream& in, std::ostream& out, std::string_view passphrase) {
  const std::string header = read_some(in, magic_bytes + 16 + salt_bytes);
  if (header.size() < magic_bytes + 16 + salt_bytes || !is_sealed_stream(header))
    throw io_error("this is not a file that 'backup --encrypt' or 'export --encrypt' wrote");
  const kdf_cost cost{
      get_u64(std::string_view(header).substr(magic_bytes, 8)),
      static_cast<std::size_t>(get_u64(std::string_view(header).substr(magic_bytes + 8, 8)))};
  if (!within_bounds(cost))
    throw io_error(
        "this encrypted file asks for a key cost rebuild never writes; it was not "
        "written by rebuild, or it was changed");
  const key k = derive(passphrase, std::string_view(header).substr(magic_bytes + 16), cost);
  pull_stream(in, out, k, header, true);
}

}  // namespace rebuild::crypto
