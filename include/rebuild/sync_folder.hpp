#pragma once
/// Two devices, one journal (issue 14): the couple's sync secret, and the files each replica
/// writes to a folder that an existing sync engine carries (Syncthing, a USB stick).
///
/// A replica writes only `DIR/<replica>/<n>.rbx`, numbered from 1, each written under a
/// temporary name and renamed, never rewritten, so that the engine never sees two writers on
/// one file. A file is a header (what it is, which secret, which replica and number: all
/// authenticated) and secretstream chunks under a key the secret makes: nothing in DIR is
/// plaintext, and a file that is cut short, moved, changed or made with another secret never
/// opens.
///
/// The secret is kept in the journal sealed under a key of this device, in a file beside the
/// journal (`JOURNAL.sync-key`, 0600) that no backup, export or copy of the journal carries:
/// a copy on another device must be given the secret with `sync init --secret-fd`, and takes
/// a replica id of its own there.
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "rebuild/crypto.hpp"
#include "rebuild/journal.hpp"

namespace rebuild {

using sync_secret = std::array<unsigned char, 32>;

/// A new secret: 32 random bytes from libsodium.
sync_secret new_sync_secret();
/// Overwrites a secret's bytes (sodium_memzero).
void wipe(sync_secret& secret);
/// Makes this copy of the journal a replica that syncs with `secret`: a replica id of its own
/// (the one it had is read as another's from then on, so a copy made before keeps its files),
/// the secret sealed under a new key of this device, and every entry to be sent at the next
/// sync. Writes the device's key file; inside the caller's transaction (which, should it fail,
/// leaves the old key file's journal without a secret, as it was). `joining`: the secret came
/// from the other device, whose settings (the plan's start, set by its `init`) come first: the
/// ones here give way to any value the other device sends.
void init_sync(journal& j, const sync_secret& secret, bool joining);
/// The secret this journal syncs with; nullopt when `sync init` never ran. Throws data_error
/// when this device's key file is missing or does not open it (a copy of the journal, or one
/// moved): the message says to run `sync init --secret-fd`.
std::optional<crypto::key> stored_sync_secret(journal& j);
/// Whether this journal syncs with another device (`sync init` ran): then something that
/// seems missing may only not have been synced yet, and messages say so.
bool syncs(journal& j);
/// The hint such a message ends with.
inline constexpr const char* sync_first_hint =
    "; if it happened on your other device, run 'rebuild sync DIR' first";
/// Where this device keeps the key that seals the secret.
std::filesystem::path device_key_path(const journal& j);

/// The keys of one secret: the one that seals files, and an id that a file carries so that a
/// file made with another secret is told from one changed.
struct sync_keys {
  crypto::key file_key;
  std::string secret_id;  // 16 bytes
};
sync_keys keys_of(const crypto::key& secret);

/// What a sync file is on disk: the digest of its bytes (BLAKE2b, hex), to tell a file written
/// here from another of the same name, and its size and modification time, to tell cheaply
/// that it has not changed since it was last checked.
struct file_stamp {
  std::string digest;
  std::int64_t bytes = 0;
  std::int64_t mtime_ns = 0;
};

/// Writes file `number` of `replica` into `dir` with `lines` sealed in it: under a temporary
/// name in the replica's folder (made 0700 when missing), made durable, then linked into place,
/// never over an existing file (nullopt then, and nothing is left). io_error when it cannot be
/// written; a full disk leaves nothing behind.
std::optional<file_stamp> write_sync_file(const std::filesystem::path& dir,
                                          const std::string& replica, std::int64_t number,
                                          const std::string& lines, const sync_keys& keys);

struct sync_file {
  enum class state { read, missing, unreadable } how = state::missing;
  std::string lines;        // what it holds, when read
  std::string why;          // when unreadable: why, in a few words
  std::string replica;      // when read: the replica and number its authenticated header gives,
  std::int64_t number = 0;  // which make it what it is, whatever its name
  file_stamp stamp;         // when read
};
/// Opens the bytes of a sync file: its header read, its stream authenticated and opened.
sync_file open_sync_bytes(const std::string& bytes, const sync_keys& keys);
/// Reads the sync file at `path`: known by its authenticated header, whatever its name (a
/// sync engine's conflict copy, a file moved into another folder).
sync_file read_sync_file_at(const std::filesystem::path& path, const sync_keys& keys);
/// The first chunk alone of the sync file at `path` (its first 64 KiB of lines, the header
/// authenticated), to see what a large file is without opening all of it: `lines` holds what
/// the chunk holds, whole lines and part of one. Its replica and number are the header's.
sync_file peek_sync_file_at(const std::filesystem::path& path, const sync_keys& keys);
/// Reads file `number` of `replica` from `dir` by its usual name; unreadable when its header
/// names another replica or number.
sync_file read_sync_file(const std::filesystem::path& dir, const std::string& replica,
                         std::int64_t number, const sync_keys& keys);
/// The size and modification time of the file at `path`; nullopt when there is none (or it
/// is not a regular file).
std::optional<file_stamp> stamp_of(const std::filesystem::path& path);
/// The replicas with a folder in `dir` (folders named as replica ids; anything else there,
/// such as Syncthing's own, is passed by).
std::vector<std::string> replicas_in(const std::filesystem::path& dir);
/// One file in a replica's folder that may be a sync file: named N.rbx, or anything else
/// ending .rbx (a conflict copy, "3.sync-conflict-20260304-081500-ABCDEFG.rbx"). Hidden names
/// (a temporary file being written) are passed by.
struct folder_file {
  std::string name;
  std::optional<std::int64_t> number;  // from a name N.rbx
  std::optional<file_stamp> stamp;     // with `stamps`: size and time (no digest); none for
                                       // what is not a regular file
};
std::vector<folder_file> files_in(const std::filesystem::path& dir, const std::string& replica,
                                  bool stamps = false);
/// The name of file `number`: N.rbx.
std::filesystem::path sync_file_path(const std::filesystem::path& dir, const std::string& replica,
                                     std::int64_t number);

/// Gives this replica a new id, the secret sealed again for it: a copy of the journal was
/// found writing under the old one. The old id's files are read as another replica's from
/// then on (those written here count as read), and every entry is to be sent again under the
/// new id. Inside the caller's transaction.
void take_new_replica_id(journal& j);

/// Where this replica stands: its own next file number and what it has sent; each other
/// replica's next file to read.
struct sync_progress {
  std::string replica;
  std::int64_t next_file = 1;
  std::int64_t sent_seq = 0;   // -1: everything is to be sent
  std::int64_t compacted = 0;  // this replica's files up to here are folded into its snapshot
  std::vector<std::pair<std::string, std::int64_t>> peers;
};
sync_progress read_sync_progress(journal& j);

/// How far a replica has read each other replica's files: for each, the number of its next
/// file to read (every one before it read or folded into a later one). Each replica keeps
/// its own in `DIR/<replica>/position` (sealed like its files, rewritten as it reads on), so
/// that a replica folds its old files into a snapshot only once every other has read them.
using read_position = std::vector<std::pair<std::string, std::int64_t>>;
void write_position(const std::filesystem::path& dir, const std::string& replica,
                    const read_position& read, const sync_keys& keys);
/// The position `replica` last wrote; nullopt when there is none, or it does not open.
std::optional<read_position> read_position_of(const std::filesystem::path& dir,
                                              const std::string& replica, const sync_keys& keys);
/// Inside the caller's transaction.
void save_sync_progress(journal& j, const sync_progress& progress);

}  // namespace rebuild
