#pragma once
// The journal as files on disk: what opening, creating, backing up and copying a journal
// share. Private to the core.
#include <SQLiteCpp/Database.h>

#include <filesystem>

namespace rebuild::files {

inline constexpr int busy_timeout_ms = 5000;
inline constexpr int application_id = 0x52424c44;  // "RBLD"
// A journal's connection is used by one thread only, so SQLite need not take its mutex on
// every call (multi-thread mode; about 5% of the instructions of a command that reads many
// rows).
inline const int open_flags = SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX;

/// Creates `path` empty, 0600 whatever the umask, never over an existing file or through a
/// symbolic link. 0 when done, else the errno.
int create_private(const std::filesystem::path& path);
/// Every page of `from` into the new, empty file `dest`, under one read snapshot.
void copy_pages(SQLite::Database& from, const std::filesystem::path& dest);
/// Makes what was written to `path` durable; 0 when done, else -1 with errno set.
int fsync_file(const std::filesystem::path& path);
/// 1 MiB of page cache, not SQLite's 2: a command reads each page about once. And all of
/// SQLite's memory, every connection together, kept near 2 MiB (a soft limit, for the whole
/// process): a restore holds four connections at once (the journal, the backup's scratch
/// copy, the journal as it was and the copy of it kept), a merge two, each reading every
/// page; past the limit SQLite reuses the pages it read longest ago.
void small_cache(SQLite::Database& db);
/// The tables every schema has; a file without them lost them.
bool has_journal_tables(SQLite::Database& db);
/// Renames the finished backup `from` to `dest`, never over a file that appeared meanwhile
/// (cant_create_error); io_error with the system's words otherwise.
void put_backup_in_place(const std::filesystem::path& from, const std::filesystem::path& dest);
/// Removes a file and the files SQLite keeps beside it (-wal, -shm, -journal).
void remove_quietly(const std::filesystem::path& file);

}  // namespace rebuild::files
