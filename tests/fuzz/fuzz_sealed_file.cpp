// libFuzzer target: an encrypted backup or export (`backup --encrypt`, `export --encrypt`), as
// `restore` and `import` open it.
//
// The first byte chooses. Even: the rest is the file as it lies on disk (anyone may hand one
// over), opened with a fixed passphrase: never opened unless made with it, and never a key
// derived at a cost past what rebuild writes (a forged header asking for an hour or gigabytes
// is refused first). Odd: the rest is sealed with that passphrase at the cheapest cost, changed
// as the second byte says (none, one bit, cut short, the cost raised past the bound), and
// opened again: whole only when nothing was changed. A rebuild::error is an answer; anything
// else is a finding.
#include <sodium.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string>

#include "fuzz_check.hpp"
#include "rebuild/crypto.hpp"
#include "rebuild/errors.hpp"

namespace {

const rebuild::crypto::kdf_cost cheapest{crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};

/// Opens `bytes`; true when it opened, with what it held in `out`.
bool opens(const std::string& bytes, std::string& out) {
  std::istringstream in(bytes);
  std::ostringstream plain;
  try {
    rebuild::crypto::open_stream(in, plain, "the fuzzer's passphrase");
  } catch (const rebuild::error&) {
    return false;
  }
  out = plain.str();
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  std::string out;
  if ((data[0] & 1) == 0) {
    const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    // The cost in the header, if it is one: past the bound, it must not open (nor be derived,
    // which a timeout or out-of-memory would show).
    if (bytes.size() >= 24 && bytes.compare(0, 8, "RBLDENC1") == 0) {
      rebuild::crypto::kdf_cost cost{0, 0};
      for (int i = 7; i >= 0; --i) {
        cost.ops =
            (cost.ops << 8) | static_cast<unsigned char>(bytes[8 + static_cast<std::size_t>(i)]);
        cost.mem =
            (cost.mem << 8) | static_cast<unsigned char>(bytes[16 + static_cast<std::size_t>(i)]);
      }
      if (!rebuild::crypto::within_bounds(cost)) FUZZ_CHECK(!opens(bytes, out));
      return 0;  // within the bound: a derivation per input is too slow to fuzz; tested below
    }
    FUZZ_CHECK(!opens(bytes, out));
    return 0;
  }
  const std::string plain(reinterpret_cast<const char*>(data) + 2, size - 2);
  std::istringstream in(plain);
  std::ostringstream sealed;
  rebuild::crypto::seal_stream(in, sealed, "the fuzzer's passphrase", cheapest);
  std::string bytes = sealed.str();
  const int change = data[1] % 4;
  if (change == 1) bytes[bytes.size() - 1 - data[1] % 16] ^= 0x01;
  if (change == 2) bytes.resize(bytes.size() - 1 - data[1] % 17);
  if (change == 3) bytes[8] = 5;  // five passes: past the bound
  const bool opened = opens(bytes, out);
  FUZZ_CHECK(opened == (change == 0));
  if (opened) FUZZ_CHECK(out == plain);
  return 0;
}
