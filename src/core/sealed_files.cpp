#include "rebuild/sealed_files.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <istream>
#include <ostream>
#include <streambuf>

#include "journal_files.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/journal.hpp"
#include "rebuild/temp_files.hpp"

namespace rebuild {
namespace fs = std::filesystem;
namespace {

/// Bytes in memory, read as a stream (without a copy).
class view_reader : public std::streambuf {
 public:
  explicit view_reader(std::string_view bytes) {
    char* at = const_cast<char*>(bytes.data());  // only read: the get area is never written
    setg(at, at, at + bytes.size());
  }
};

/// A stream that appends to a string, which the caller sized (so that no copy of what it
/// holds is left behind in freed memory by a reallocation).
class string_writer : public std::streambuf {
 public:
  explicit string_writer(std::string& out) : out_(out) {}

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    out_.append(s, static_cast<std::size_t>(n));
    return n;
  }
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof()))
      out_.push_back(traits_type::to_char_type(c));
    return traits_type::not_eof(c);
  }

 private:
  std::string& out_;
};

/// A stream into a file descriptor; the first errno of a failed write is kept.
class fd_writer : public std::streambuf {
 public:
  explicit fd_writer(int fd) : fd_(fd) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  int failure() const { return failure_; }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool drain() {
    for (const char* at = pbase(); at < pptr() && failure_ == 0;) {
      const ssize_t put = ::write(fd_, at, static_cast<std::size_t>(pptr() - at));
      if (put < 0 && errno == EINTR) continue;
      if (put < 0)
        failure_ = errno;
      else
        at += put;
    }
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return failure_ == 0;
  }
  int fd_;
  int failure_ = 0;
  std::array<char, 64 * 1024> buffer_{};
};

/// The same error, its message led by the file it is about.
[[noreturn]] void rethrow_naming(const error& e, std::string_view name) {
  const std::string message = fmt::format("{}: {}", name, e.what());
  if (e.code() == exit_code::data) throw data_error(message);
  if (e.code() == exit_code::io) throw io_error(message);
  throw error(e.code(), message);
}

/// A new private file, written through `write` (given a stream into it), closed; true when
/// done, else false with errno set (the file is left for the caller to remove).
template <typename Write>
bool write_new_file(const fs::path& path, bool durable, Write write) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return false;
  fd_writer buffer(fd);
  std::ostream out(&buffer);
  try {
    write(out);
  } catch (...) {
    ::close(fd);
    throw;
  }
  out.flush();
  int failure = buffer.failure();
  if (failure == 0 && durable && ::fsync(fd) != 0) failure = errno;
  if (::close(fd) != 0 && failure == 0) failure = errno;
  errno = failure;
  return failure == 0;
}

}  // namespace

bool is_sealed_file(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return false;
  struct stat st {};
  std::array<char, 8> head{};
  const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  const ssize_t got = regular ? ::read(fd, head.data(), head.size()) : -1;
  ::close(fd);
  return got == static_cast<ssize_t>(head.size()) &&
         crypto::is_sealed_stream(std::string_view(head.data(), head.size()));
}

std::uintmax_t seal_backup(const fs::path& plain, const fs::path& dest, std::string_view passphrase,
                           crypto::kdf_cost cost) {
  check_backup_dest(dest);
  std::ifstream in(plain, std::ios::binary);
  if (!in) throw io_error(fmt::format("cannot read {} to seal it", plain.string()));
  // Written under a temporary name beside `dest` (the name a killed backup's file has, so the
  // next backup sweeps it), and renamed there once whole and durable.
  sweep_stale(dest, {"backup"});
  temp_file sealed(temp_beside(dest, "backup"));
  const bool written = write_new_file(sealed.path(), true, [&](std::ostream& out) {
    crypto::seal_stream(in, out, passphrase, cost);
  });
  if (!written) {
    const int why = errno;
    sealed.discard();
    if (why == ENOENT || why == ENOTDIR || why == EACCES || why == EROFS || why == EEXIST)
      throw cant_create_error(fmt::format("cannot create the backup at {}: {}; nothing was written",
                                          dest.string(), std::strerror(why)));
    throw io_error(fmt::format("cannot write the backup at {}: {}; nothing was left there",
                               dest.string(), std::strerror(why)));
  }
  try {
    files::put_backup_in_place(sealed.path(), dest);
  } catch (const io_error& e) {
    throw io_error(fmt::format("cannot write the backup at {}: {}; nothing was left there",
                               dest.string(), e.what()));
  }
  sealed.keep();
  return fs::file_size(dest);
}

void open_sealed_file(const fs::path& source, const fs::path& plain, std::string_view passphrase) {
  std::ifstream in(source, std::ios::binary);
  if (!in) throw io_error(fmt::format("cannot read {}: {}", source.string(), std::strerror(errno)));
  try {
    if (!write_new_file(plain, false,
                        [&](std::ostream& out) { crypto::open_stream(in, out, passphrase); }))
      throw io_error(fmt::format("cannot make a scratch copy of {} beside the journal: {}",
                                 source.string(), std::strerror(errno)));
  } catch (const error& e) {
    files::remove_quietly(plain);
    if (std::string_view(e.what()).find(source.string()) != std::string_view::npos) throw;
    rethrow_naming(e, source.string());
  } catch (...) {
    files::remove_quietly(plain);
    throw;
  }
}

std::string seal_text(std::string_view plain, std::string_view passphrase, crypto::kdf_cost cost) {
  view_reader from(plain);
  std::istream in(&from);
  std::string sealed;
  sealed.reserve(plain.size() + plain.size() / 1024 + 128);  // a chunk's length and tag per 64 KiB
  string_writer to(sealed);
  std::ostream out(&to);
  crypto::seal_stream(in, out, passphrase, cost);
  return sealed;
}

std::string open_sealed_text(std::string_view sealed, std::string_view passphrase,
                             std::string_view name) {
  view_reader from(sealed);
  std::istream in(&from);
  std::string plain;
  plain.reserve(sealed.size());  // the text is shorter than its sealed bytes: never moved
  string_writer to(plain);
  std::ostream out(&to);
  try {
    crypto::open_stream(in, out, passphrase);
  } catch (const error& e) {
    crypto::wipe(plain);
    rethrow_naming(e, name);
  }
  return plain;
}

}  // namespace rebuild
