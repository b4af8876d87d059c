// libFuzzer target: a file in the shared folder, as `rebuild sync` reads it.
//
// The first byte chooses. Even: the rest is the file's bytes as they lie in the folder (what
// anyone with the folder may put there), opened with a fixed secret: it must never open unless
// made with that secret, and what opens names a replica and a number. Odd: the rest is what a
// replica seals (its lines); the target seals it as `sync` does, changes the sealed bytes as the
// second byte says (none, one bit, cut short, a header copied onto another number), and opens
// them again: the lines come back whole only when nothing was changed, and each line is read as
// `sync` reads it. A rebuild::error is an answer; anything else is a finding.
#include <date/date.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "rebuild/change_log.hpp"
#include "rebuild/crypto.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/export_line.hpp"
#include "rebuild/sync_folder.hpp"

namespace {

const rebuild::sync_keys& keys() {
  static const rebuild::sync_keys k =
      rebuild::keys_of(rebuild::crypto::key::from_bytes(std::string(32, '\x2a')));
  return k;
}

const std::string replica = "0123456789abcdef";

/// The header `sync` writes before a file's stream (sync_folder.cpp), for file `number`.
std::string header_of(std::int64_t number) {
  std::string h = "RBXSYNC1" + keys().secret_id + replica;
  for (int i = 0; i < 8; ++i)
    h.push_back(static_cast<char>((static_cast<std::uint64_t>(number) >> (8 * i)) & 0xff));
  return h;
}

/// Each line as `sync` reads a file's lines: a line it refuses is that change alone.
void read_lines(const std::string& text) {
  const rebuild::days_t any_day{date::year{9000} / date::January / 1};
  std::size_t start = 0;
  bool first = true;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    const auto line = std::string_view(text).substr(
        start, (end == std::string::npos ? text.size() : end) - start);
    try {
      const auto parsed = rebuild::parse_export_line(line, first, any_day);
      if (const auto* e = std::get_if<rebuild::entry>(&parsed))
        if (!e->hlc.empty()) {
          const auto reading = rebuild::hlc::parse(e->hlc);
          FUZZ_CHECK(reading && reading->ms <= rebuild::hlc::reading_ceiling_ms);
          FUZZ_CHECK(reading->text() == e->hlc);  // a reading taken is one written back
        }
    } catch (const rebuild::error&) {
    }
    first = false;
    if (end == std::string::npos) break;
    start = end + 1;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::string rest(reinterpret_cast<const char*>(data) + 2, size - 2);
  if ((data[0] & 1) == 0) {
    const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    const rebuild::sync_file got = rebuild::open_sync_bytes(bytes, keys());
    if (got.how == rebuild::sync_file::state::read) {
      FUZZ_CHECK(rebuild::is_replica_id(got.replica));
      FUZZ_CHECK(got.number >= 1);
      read_lines(got.lines);
    } else {
      FUZZ_CHECK(!got.why.empty());
    }
    return 0;
  }
  const std::int64_t number = 1 + data[1] % 7;
  std::istringstream in(rest);
  std::ostringstream sealed;
  rebuild::crypto::push_stream(in, sealed, keys().file_key, header_of(number));
  std::string bytes = sealed.str();
  const int change = data[1] / 7 % 4;
  if (change == 1) bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x10);
  if (change == 2) bytes.resize(bytes.size() - 1 - data[1] % (bytes.size() - 1));
  if (change == 3) bytes.replace(0, header_of(number).size(), header_of(number + 1));
  const rebuild::sync_file got = rebuild::open_sync_bytes(bytes, keys());
  if (change == 0) {
    FUZZ_CHECK(got.how == rebuild::sync_file::state::read);
    FUZZ_CHECK(got.lines == rest);
    FUZZ_CHECK(got.replica == replica && got.number == number);
    read_lines(got.lines);
  } else {
    FUZZ_CHECK(got.how == rebuild::sync_file::state::unreadable);  // never a changed file
  }
  return 0;
}
