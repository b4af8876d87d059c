// The couple's sync secret, and the files each replica writes to the folder a sync engine
// carries.
#include "rebuild/sync_folder.hpp"

#include <SQLiteCpp/Statement.h>
#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "rebuild/change_log.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/sync_exchange.hpp"
#include "rebuild/sync_ledger.hpp"
#include "rebuild/temp_files.hpp"

namespace rebuild {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view file_magic = "RBXSYNC1";
constexpr std::size_t header_bytes = 8 + 16 + 16 + 8;  // magic, secret id, replica, number

std::string as_text(const crypto::key& k) {
  return std::string(reinterpret_cast<const char*>(k.data()), crypto::key_bytes);
}

std::string secret_associated(const std::string& replica) {
  return "rebuild sync secret|" + replica;
}

constexpr std::string_view position_magic = "RBXPOSN1";
constexpr std::string_view position_name = "position";

std::string file_header(const std::string& secret_id, const std::string& replica,
                        std::int64_t number, std::string_view magic = file_magic) {
  std::string h(magic);
  h += secret_id;
  h += replica;
  for (int i = 0; i < 8; ++i)
    h.push_back(static_cast<char>((static_cast<std::uint64_t>(number) >> (8 * i)) & 0xff));
  return h;
}

/// The file number a header gives (8 bytes, least significant first).
std::uint64_t number_in(std::string_view header) {
  std::uint64_t number = 0;
  for (int i = 7; i >= 0; --i)
    number = (number << 8) | static_cast<unsigned char>(header[40 + static_cast<std::size_t>(i)]);
  return number;
}

fs::path file_of(const fs::path& dir, const std::string& replica, std::int64_t number) {
  return dir / replica / fmt::format("{}.rbx", number);
}

/// Writes `bytes` to the new file `path` (0600) and makes it durable; false with errno set.
bool write_durably(const fs::path& path, const std::string& bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return false;
  std::size_t done = 0;
  int failure = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      failure = errno;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  if (failure == 0 && ::fsync(fd) != 0) failure = errno;
  if (::close(fd) != 0 && failure == 0) failure = errno;
  errno = failure;
  return failure == 0;
}

/// This device's key for the journal's secret: read, or (`make`) made anew.
std::optional<crypto::key> device_key(const journal& j, bool make) {
  const fs::path path = device_key_path(j);
  if (make) {
    sweep_stale(path, {"sync-key"});
    temp_file fresh(temp_beside(path, "sync-key"));
    const crypto::key k = crypto::key::random();
    if (!write_durably(fresh.path(), as_text(k)))
      throw io_error(fmt::format("cannot write this device's sync key at {}: {}", path.string(),
                                 std::strerror(errno)));
    std::error_code ec;
    fs::rename(fresh.path(), path, ec);
    if (ec)
      throw io_error(fmt::format("cannot write this device's sync key at {}: {}", path.string(),
                                 ec.message()));
    fresh.keep();
    return crypto::key::from_bytes(as_text(k));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes(crypto::key_bytes + 1, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (in.gcount() != static_cast<std::streamsize>(crypto::key_bytes)) {
    crypto::wipe(bytes);
    return std::nullopt;
  }
  bytes.resize(crypto::key_bytes);
  auto k = crypto::key::from_bytes(bytes);
  crypto::wipe(bytes);
  return k;
}

std::string fresh_replica_id() {
  const std::string bytes = crypto::random_bytes(8);
  std::string hex;
  for (const char c : bytes) hex += fmt::format("{:02x}", static_cast<unsigned char>(c));
  return hex;
}

/// A replica id of its own from now on, the secret (`plain`) sealed for it under this device's
/// key, and everything to be sent under it at the next sync.
void become_new_replica(journal& j, const crypto::key& device, const std::string& plain) {
  const std::string fresh = fresh_replica_id();
  const std::string box = crypto::seal(device, plain, secret_associated(fresh));
  SQLite::Statement st(j.db(),
                       "UPDATE sync_state SET replica = ?, secret = ?, next_file = 1, "
                       "sent_seq = -1, compacted = 0 WHERE id = 1");
  st.bind(1, fresh);
  st.bind(2, box.data(), static_cast<int>(box.size()));
  st.exec();
}

}  // namespace

fs::path device_key_path(const journal& j) {
  fs::path p = j.path();
  p += ".sync-key";
  return p;
}

sync_secret new_sync_secret() {
  sync_secret s{};
  const std::string bytes = crypto::random_bytes(s.size());
  std::memcpy(s.data(), bytes.data(), s.size());
  return s;
}

void wipe(sync_secret& secret) { sodium_memzero(secret.data(), secret.size()); }

void init_sync(journal& j, const sync_secret& secret, bool joining) {
  const sync_progress before = read_sync_progress(j);
  // A replica id of its own from now on: the one it had may be another device's too (a copy
  // of the journal), and its files, if it wrote any, are read as that replica's.
  std::string plain(reinterpret_cast<const char*>(secret.data()), secret.size());
  become_new_replica(j, *device_key(j, true), plain);
  crypto::wipe(plain);
  // What this journal held from before sync (a reading that names no replica) is its own:
  // sent with everything, and held by its snapshot (a version taken in from another replica
  // has no change number, and stands in that replica's files).
  j.db().exec("UPDATE entries SET seq = 0 WHERE seq IS NULL AND (hlc = '' OR hlc LIKE '%.')");
  if (joining) {
    j.db().exec("UPDATE settings SET hlc = ''");
  } else {
    // Values set before sync existed take a reading now, to go out and hold their own.
    SQLite::Statement stamp(j.db(), "UPDATE settings SET hlc = ?, sent = 0 WHERE hlc = ''");
    stamp.bind(1, next_tick(j).text());
    stamp.exec();
  }
  if (before.next_file > 1) {
    SQLite::Statement peer(j.db(),
                           "INSERT OR IGNORE INTO sync_peers (replica, next_file) "
                           "VALUES (?, ?)");
    peer.bind(1, before.replica);
    peer.bind(2, before.next_file);
    peer.exec();
  }
}

bool syncs(journal& j) {
  SQLite::Statement& st = j.statement("SELECT secret IS NOT NULL FROM sync_state WHERE id = 1");
  const bool yes = st.executeStep() && st.getColumn(0).getInt() != 0;
  st.reset();
  return yes;
}

void take_new_replica_id(journal& j) {
  const auto secret = stored_sync_secret(j);
  if (!secret) return;
  const sync_progress before = read_sync_progress(j);
  std::string plain(reinterpret_cast<const char*>(secret->data()), crypto::key_bytes);
  become_new_replica(j, *device_key(j, false), plain);
  crypto::wipe(plain);
  // The old id's files written here count as read; a copy's, written under it, are read as
  // another replica's (by number, and every conflict copy). The old id is retired: what this
  // replica wrote under it goes again under the new one.
  SQLite::Statement mine(j.db(),
                         "UPDATE sync_files SET mine = 0, digest = NULL, bytes = NULL, "
                         "mtime_ns = NULL, seq_from = NULL, seq_to = NULL, compacts = NULL "
                         "WHERE replica = ?");
  mine.bind(1, before.replica);
  mine.exec();
  SQLite::Statement peer(j.db(),
                         "INSERT INTO sync_peers (replica, next_file, retired) VALUES (?, 1, 1) "
                         "ON CONFLICT (replica) DO UPDATE SET retired = 1");
  peer.bind(1, before.replica);
  peer.exec();
  j.db().exec("UPDATE settings SET sent = 0 WHERE hlc != ''");
}

std::optional<crypto::key> stored_sync_secret(journal& j) {
  SQLite::Statement st(j.db(), "SELECT replica, secret FROM sync_state WHERE id = 1");
  if (!st.executeStep() || st.getColumn(1).isNull()) return std::nullopt;
  const std::string replica = st.getColumn(0).getString();
  const auto blob = st.getColumn(1);
  const std::string box(static_cast<const char*>(blob.getBlob()),
                        static_cast<std::size_t>(blob.getBytes()));
  const auto device = device_key(j, false);
  const std::string redo =
      "give it the secret again: 'rebuild sync init --secret-fd N' with "
      "the words shown when the secret was made";
  if (!device)
    throw data_error(
        fmt::format("this device has no key for this journal's sync secret ({} is "
                    "missing: the journal was copied or moved here); {}",
                    device_key_path(j).string(), redo));
  auto plain = crypto::open(*device, box, secret_associated(replica));
  if (!plain)
    throw data_error(
        fmt::format("this device's key ({}) does not open this journal's sync "
                    "secret; {}",
                    device_key_path(j).string(), redo));
  auto k = crypto::key::from_bytes(*plain);
  crypto::wipe(*plain);
  return k;
}

sync_keys keys_of(const crypto::key& secret) {
  sync_keys keys{crypto::subkey(secret, 1, "rbxfile_"), {}};
  const crypto::key id = crypto::subkey(secret, 2, "rbxident");
  keys.secret_id = as_text(id).substr(0, 16);
  return keys;
}

namespace {

std::string digest_of(const std::string& bytes) {
  std::array<unsigned char, crypto_generichash_BYTES> out{};
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size(), nullptr, 0);
  std::string hex;
  for (const unsigned char c : out) hex += fmt::format("{:02x}", c);
  return hex;
}

}  // namespace

std::optional<file_stamp> stamp_of(const fs::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return file_stamp{
      "", static_cast<std::int64_t>(st.st_size),
      static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

fs::path sync_file_path(const fs::path& dir, const std::string& replica, std::int64_t number) {
  return file_of(dir, replica, number);
}

std::optional<file_stamp> write_sync_file(const fs::path& dir, const std::string& replica,
                                          std::int64_t number, const std::string& lines,
                                          const sync_keys& keys) {
  const fs::path folder = dir / replica;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    if (::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST)
      throw io_error(fmt::format("cannot make {}: {}", folder.string(), std::strerror(errno)));
  }
  const fs::path target = file_of(dir, replica, number);
  if (fs::exists(fs::symlink_status(target, ec))) return std::nullopt;
  std::istringstream in(lines);
  std::ostringstream out;
  crypto::push_stream(in, out, keys.file_key, file_header(keys.secret_id, replica, number));
  const std::string bytes = out.str();
  sweep_stale(target, {"sync"});
  temp_file fresh(temp_beside(target, "sync"));
  if (!write_durably(fresh.path(), bytes)) {
    const int why = errno;
    fresh.discard();
    throw io_error(fmt::format("cannot write {}: {}; nothing was left there", target.string(),
                               std::strerror(why)));
  }
  if (!rename_no_replace(fresh.path(), target)) {
    const int why = errno;
    fresh.discard();
    if (why == EEXIST) return std::nullopt;
    throw io_error(fmt::format("cannot write {}: {}; nothing was left there", target.string(),
                               std::strerror(why)));
  }
  fresh.keep();
  // The folder's entry made durable too, so the file is there after a power cut.
  if (const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  file_stamp stamp = stamp_of(target).value_or(file_stamp{});
  stamp.digest = digest_of(bytes);
  return stamp;
}

sync_file open_sync_bytes(const std::string& bytes, const sync_keys& keys) {
  sync_file result;
  result.how = sync_file::state::unreadable;
  if (bytes.size() < header_bytes) {
    result.why = "cut short (not carried whole yet?)";
    return result;
  }
  const std::string header = bytes.substr(0, header_bytes);
  if (header.compare(0, file_magic.size(), file_magic) != 0) {
    result.why = "not a file that 'rebuild sync' wrote";
    return result;
  }
  if (header.compare(8, 16, keys.secret_id) != 0) {
    result.why = "made with another sync secret";
    return result;
  }
  const std::string replica = header.substr(24, 16);
  const std::uint64_t number = number_in(header);
  if (!is_replica_id(replica) || number == 0 || number > (1ULL << 53)) {
    result.why = "not a file that 'rebuild sync' wrote";
    return result;
  }
  std::istringstream body(bytes.substr(header_bytes));
  std::ostringstream out;
  try {
    // The header is bound into the stream: a header copied onto another file does not open.
    crypto::pull_stream(body, out, keys.file_key, header);
  } catch (const data_error& e) {
    result.why = std::string(e.what()).find("cut short") != std::string::npos
                     ? "cut short (not carried whole yet?)"
                     : "changed since it was written; it does not open";
    return result;
  }
  result.how = sync_file::state::read;
  result.lines = out.str();
  result.replica = replica;
  result.number = static_cast<std::int64_t>(number);
  result.stamp.digest = digest_of(bytes);
  result.stamp.bytes = static_cast<std::int64_t>(bytes.size());
  return result;
}

namespace {

/// Opens the file at `path` to read it, with its size and time; false when there is none
/// (`result` says missing) or it is no regular file, or does not open (unreadable, and why).
bool open_to_read(const fs::path& path, sync_file& result, std::optional<file_stamp>& stamp,
                  std::ifstream& in) {
  std::error_code ec;
  const auto status = fs::symlink_status(path, ec);
  if (!fs::exists(status)) return false;
  result.how = sync_file::state::unreadable;
  if (!fs::is_regular_file(status)) {
    result.why = "not a regular file";
    return false;
  }
  stamp = stamp_of(path);
  in.open(path, std::ios::binary);
  if (!stamp || !in) {
    result.why = "not readable";
    return false;
  }
  return true;
}

}  // namespace

sync_file read_sync_file_at(const fs::path& path, const sync_keys& keys) {
  sync_file result;
  std::optional<file_stamp> stamp;
  std::ifstream in;
  if (!open_to_read(path, result, stamp, in)) return result;
  // Whole, at most what a file of a few thousand entries holds (a folder may hold anything).
  constexpr std::int64_t most = 256LL * 1024 * 1024;
  if (stamp->bytes > most) {
    result.why = "larger than any file 'rebuild sync' writes";
    return result;
  }
  std::string bytes(static_cast<std::size_t>(stamp->bytes), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  result = open_sync_bytes(bytes, keys);
  if (result.how == sync_file::state::read) {
    const std::string digest = result.stamp.digest;
    result.stamp = *stamp;
    result.stamp.digest = digest;
  }
  return result;
}

sync_file peek_sync_file_at(const fs::path& path, const sync_keys& keys) {
  sync_file result;
  std::optional<file_stamp> stamp;
  std::ifstream in;
  if (!open_to_read(path, result, stamp, in)) return result;
  std::string header(header_bytes, '\0');
  in.read(header.data(), static_cast<std::streamsize>(header.size()));
  if (in.gcount() != static_cast<std::streamsize>(header_bytes) ||
      header.compare(0, file_magic.size(), file_magic) != 0 ||
      header.compare(8, 16, keys.secret_id) != 0) {
    result.why = "does not open";
    return result;
  }
  std::ostringstream out;
  try {
    crypto::pull_first_chunk(in, out, keys.file_key, header);
  } catch (const data_error&) {
    result.why = "does not open";
    return result;
  }
  result.how = sync_file::state::read;
  result.lines = out.str();
  result.replica = header.substr(24, 16);
  result.number = static_cast<std::int64_t>(number_in(header));
  result.stamp = *stamp;
  return result;
}

sync_file read_sync_file(const fs::path& dir, const std::string& replica, std::int64_t number,
                         const sync_keys& keys) {
  sync_file got = read_sync_file_at(file_of(dir, replica, number), keys);
  if (got.how == sync_file::state::read && (got.replica != replica || got.number != number)) {
    got = sync_file{};
    got.how = sync_file::state::unreadable;
    got.why = "moved from another name";
  }
  return got;
}

std::vector<folder_file> files_in(const fs::path& dir, const std::string& replica, bool stamps) {
  std::vector<folder_file> out;
  // readdir itself: each sync lists every file of every replica (until old ones are compacted),
  // and std::filesystem's iterator costs several times as much an entry.
  const std::string folder = (dir / replica).string();
  DIR* d = ::opendir(folder.c_str());
  if (d == nullptr) return out;
  while (const dirent* e = ::readdir(d)) {
    const std::string_view name(e->d_name);
    if (name.empty() || name[0] == '.' || name.size() < 5 || name.substr(name.size() - 4) != ".rbx")
      continue;
    folder_file f{std::string(name), std::nullopt, std::nullopt};
    if (struct stat st{}; stamps &&
                          ::fstatat(::dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                          S_ISREG(st.st_mode))
      f.stamp = file_stamp{
          "", static_cast<std::int64_t>(st.st_size),
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
    const std::string_view stem = name.substr(0, name.size() - 4);
    if (stem.size() <= 15 && stem[0] != '0' &&
        stem.find_first_not_of("0123456789") == std::string_view::npos) {
      std::int64_t n = 0;
      for (const char c : stem) n = n * 10 + (c - '0');
      f.number = n;
    }
    out.push_back(std::move(f));
  }
  ::closedir(d);
  // In number order, the odd names after: files are folded in the order they were written.
  std::sort(out.begin(), out.end(), [](const folder_file& a, const folder_file& b) {
    if (a.number.has_value() != b.number.has_value()) return a.number.has_value();
    return a.number ? *a.number < *b.number : a.name < b.name;
  });
  return out;
}

std::vector<std::string> replicas_in(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (is_replica_id(name) && it->is_directory(ec)) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

fs::path position_path(const fs::path& dir, const std::string& replica) {
  return dir / replica / std::string(position_name);
}

void write_position(const fs::path& dir, const std::string& replica, const read_position& read,
                    const sync_keys& keys) {
  const fs::path folder = dir / replica;
  std::error_code ec;
  if (!fs::is_directory(folder, ec) && ::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST)
    throw io_error(fmt::format("cannot make {}: {}", folder.string(), std::strerror(errno)));
  nlohmann::json doc = nlohmann::json::object();
  for (const auto& [peer, n] : read) doc[peer] = n;
  const std::string body = doc.dump() + "\n";
  std::istringstream in(body);
  std::ostringstream out;
  crypto::push_stream(in, out, keys.file_key,
                      file_header(keys.secret_id, replica, 0, position_magic));
  const fs::path target = position_path(dir, replica);
  sweep_stale(target, {"sync"});
  temp_file fresh(temp_beside(target, "sync"));
  if (!write_durably(fresh.path(), out.str())) {
    const int why = errno;
    fresh.discard();
    throw io_error(fmt::format("cannot write {}: {}", target.string(), std::strerror(why)));
  }
  fs::rename(fresh.path(), target, ec);
  if (ec) {
    fresh.discard();
    throw io_error(fmt::format("cannot write {}: {}", target.string(), ec.message()));
  }
  fresh.keep();
}

std::optional<read_position> read_position_of(const fs::path& dir, const std::string& replica,
                                              const sync_keys& keys) {
  const fs::path path = position_path(dir, replica);
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(path, ec))) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  const std::string header = file_header(keys.secret_id, replica, 0, position_magic);
  std::string got(header.size(), '\0');
  in.read(got.data(), static_cast<std::streamsize>(got.size()));
  if (!in || got != header) return std::nullopt;
  std::ostringstream out;
  try {
    // (One chunk: a few replicas' numbers.)
    if (!crypto::pull_first_chunk(in, out, keys.file_key, header)) return std::nullopt;
  } catch (const data_error&) {
    return std::nullopt;
  }
  // {"REPLICA":N,...}, authenticated: anything else is no position.
  const auto doc = nlohmann::json::parse(out.str(), nullptr, false);
  if (!doc.is_object()) return std::nullopt;
  read_position read;
  for (const auto& [peer, n] : doc.items()) {
    if (!is_replica_id(peer) || !n.is_number_unsigned()) return std::nullopt;
    read.emplace_back(peer, n.get<std::int64_t>());
  }
  return read;
}

sync_progress read_sync_progress(journal& j) {
  sync_progress p;
  {
    SQLite::Statement st(
        j.db(), "SELECT replica, next_file, sent_seq, compacted FROM sync_state WHERE id = 1");
    if (!st.executeStep())
      throw io_error(
          fmt::format("the journal at {} is damaged: it has no replica id; put a "
                      "backup in its place with 'rebuild restore FILE'",
                      j.path().string()));
    p.replica = st.getColumn(0).getString();
    p.next_file = st.getColumn(1).getInt64();
    p.sent_seq = st.getColumn(2).getInt64();
    p.compacted = st.getColumn(3).getInt64();
  }
  SQLite::Statement peers(j.db(), "SELECT replica, next_file FROM sync_peers ORDER BY replica");
  while (peers.executeStep())
    p.peers.emplace_back(peers.getColumn(0).getString(), peers.getColumn(1).getInt64());
  return p;
}

void save_sync_progress(journal& j, const sync_progress& p) {
  SQLite::Statement st(
      j.db(), "UPDATE sync_state SET next_file = ?, sent_seq = ?, compacted = ? WHERE id = 1");
  st.bind(1, p.next_file);
  st.bind(2, p.sent_seq);
  st.bind(3, p.compacted);
  st.exec();
  for (const auto& [replica, next] : p.peers) {
    SQLite::Statement peer(j.db(),
                           "INSERT INTO sync_peers (replica, next_file) VALUES (?, ?) ON "
                           "CONFLICT (replica) DO UPDATE SET next_file = excluded.next_file");
    peer.bind(1, replica);
    peer.bind(2, next);
    peer.exec();
  }
}

}  // namespace rebuild

namespace rebuild::sync {

std::vector<std::string> shared_folder::replicas() { return replicas_in(dir_); }

std::vector<folder_file> shared_folder::files(const std::string& replica, bool stamps) {
  return files_in(dir_, replica, stamps);
}

std::string shared_folder::where(const std::string& replica, const std::string& name) const {
  return (dir_ / replica / name).string();
}

sync_file shared_folder::read(const std::string& replica, const std::string& name) {
  return read_sync_file_at(dir_ / replica / name, keys_);
}

sync_file shared_folder::peek(const std::string& replica, const std::string& name) {
  return peek_sync_file_at(dir_ / replica / name, keys_);
}

std::optional<file_stamp> shared_folder::stamp(const std::string& replica,
                                               const std::string& name) {
  return stamp_of(dir_ / replica / name);
}

std::optional<file_stamp> shared_folder::write(const std::string& replica, std::int64_t number,
                                               const std::string& lines) {
  return write_sync_file(dir_, replica, number, lines, keys_);
}

void shared_folder::remove(const std::string& replica, const std::string& name) {
  std::error_code ec;
  fs::remove(dir_ / replica / name, ec);  // (gone already: as well)
}

std::optional<read_position> shared_folder::position(const std::string& replica) {
  return read_position_of(dir_, replica, keys_);
}

void shared_folder::set_position(const std::string& replica, const read_position& read) {
  write_position(dir_, replica, read, keys_);
}

}  // namespace rebuild::sync
