#include "rebuild/temp_files.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <string>

#include "rebuild/errors.hpp"

namespace rebuild {
namespace fs = std::filesystem;
namespace {

// What the signal handler removes: fixed slots, so that it reads no heap and takes no lock.
constexpr int slot_count = 32;
constexpr std::size_t path_room = 4096 - 16;  // leaves room for "-journal"
struct slot {
  volatile sig_atomic_t used = 0;
  bool folder = false;
  char path[path_room] = {};
};
slot slots[slot_count];
constexpr const char* sqlite_suffixes[] = {"", "-wal", "-shm", "-journal"};

void remove_file_and_sidecars(const char* path) {
  char with_suffix[path_room + 16];
  const std::size_t n = std::strlen(path);
  for (const char* suffix : sqlite_suffixes) {
    std::memcpy(with_suffix, path, n);
    std::memcpy(with_suffix + n, suffix, std::strlen(suffix) + 1);
    ::unlink(with_suffix);
  }
}

void remove_everything_registered() {
  for (auto& s : slots)
    if (s.used && !s.folder) remove_file_and_sidecars(s.path);
  for (auto& s : slots)
    if (s.used && s.folder) ::rmdir(s.path);
}

extern "C" void on_signal(int sig) {
  remove_everything_registered();
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

void install_handlers_once() {
  static bool installed = false;
  if (installed) return;
  installed = true;
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old {};
    if (::sigaction(sig, nullptr, &old) != 0 || old.sa_handler == SIG_IGN) continue;  // nohup
    struct sigaction act {};
    act.sa_handler = on_signal;
    sigemptyset(&act.sa_mask);
    ::sigaction(sig, &act, nullptr);
  }
}

/// A slot for `path`; -1 when every slot is taken or the path is too long (then only the
/// destructor and the next sweep remove it).
int take_slot(const fs::path& path, bool folder) {
  install_handlers_once();
  const std::string& p = path.native();
  if (p.size() >= path_room) return -1;
  sigset_t all, old;
  sigfillset(&all);
  ::sigprocmask(SIG_BLOCK, &all, &old);
  int found = -1;
  for (int i = 0; i < slot_count; ++i) {
    if (slots[i].used) continue;
    std::memcpy(slots[i].path, p.c_str(), p.size() + 1);
    slots[i].folder = folder;
    slots[i].used = 1;
    found = i;
    break;
  }
  ::sigprocmask(SIG_SETMASK, &old, nullptr);
  return found;
}

void free_slot(int i) {
  if (i >= 0) slots[i].used = 0;
}

/// The process id in a name that `temp_beside` made with `tag` (for any file's name); 0 if
/// it is not one.
pid_t owner_of(std::string_view name, std::string_view tag) {
  const std::string marker = ".rebuild-" + std::string(tag) + "-";
  const std::size_t at = name.rfind(marker);
  if (name.empty() || name[0] != '.' || at == std::string_view::npos || at == 0) return 0;
  const std::string_view rest = name.substr(at + marker.size());
  pid_t pid = 0;
  const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), pid);
  if (ec != std::errc() || pid <= 0) return 0;
  const std::string_view suffix(end, static_cast<std::size_t>(rest.data() + rest.size() - end));
  for (const char* known : sqlite_suffixes)
    if (suffix == known) return pid;
  return 0;
}

}  // namespace

fs::path temp_beside(const fs::path& final_path, std::string_view tag) {
  const fs::path folder = final_path.has_parent_path() ? final_path.parent_path() : ".";
  return folder / fmt::format(".{}.rebuild-{}-{}", final_path.filename().string(), tag, ::getpid());
}

void sweep_stale(const fs::path& final_path, std::initializer_list<std::string_view> tags) {
  const fs::path folder = final_path.has_parent_path() ? final_path.parent_path() : ".";
  std::error_code ec;
  fs::directory_iterator it(folder, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() < 2 || name[0] != '.' || name.find(".rebuild-") == std::string::npos) continue;
    for (const std::string_view tag : tags) {
      const pid_t pid = owner_of(name, tag);
      if (pid == 0 || pid == ::getpid()) continue;
      if (::kill(pid, 0) == 0 || errno != ESRCH) continue;  // still running (or not ours)
      std::error_code ignored;
      fs::remove_all(it->path(), ignored);
    }
  }
}

temp_file::temp_file(fs::path path) : path_(std::move(path)), slot_(take_slot(path_, false)) {}

temp_file::~temp_file() { discard(); }

void temp_file::discard() {
  if (slot_ == -2) return;  // kept, or already removed
  remove_file_and_sidecars(path_.c_str());
  free_slot(slot_);
  slot_ = -2;
}

void temp_file::keep() {
  free_slot(slot_);
  slot_ = -2;
}

temp_folder::temp_folder(fs::path path) : path_(std::move(path)) {
  // Made and registered with the signals held back, so that a SIGTERM between the two cannot
  // leave the folder behind.
  sigset_t all, old;
  sigfillset(&all);
  ::sigprocmask(SIG_BLOCK, &all, &old);
  const int made = ::mkdir(path_.c_str(), 0700);
  const int why = errno;
  if (made == 0) slot_ = take_slot(path_, true);
  ::sigprocmask(SIG_SETMASK, &old, nullptr);
  if (made != 0)
    throw io_error(
        fmt::format("cannot make a private scratch folder at {}: {}; nothing was "
                    "changed",
                    path_.string(), std::strerror(why)));
}

fs::path temp_folder::file(std::string_view name) {
  const fs::path p = path_ / name;
  if (files_ < 4) file_slots_[files_++] = take_slot(p, false);
  return p;
}

temp_folder::~temp_folder() {
  std::error_code ec;
  fs::remove_all(path_, ec);
  for (int i = 0; i < files_; ++i) free_slot(file_slots_[i]);
  free_slot(slot_);
}

bool rename_no_replace(const fs::path& from, const fs::path& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return true;
  if (errno != EINVAL) return false;
  // A file system that cannot rename without replacing (some USB sticks): look, then rename.
  struct stat there {};
  if (::lstat(to.c_str(), &there) == 0) {
    errno = EEXIST;
    return false;
  }
  return ::rename(from.c_str(), to.c_str()) == 0;
}

}  // namespace rebuild
