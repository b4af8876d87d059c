#include "output_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "rebuild/errors.hpp"

namespace rebuild::cli {

private_file::private_file(std::filesystem::path path) : path_(std::move(path)) {
  const std::filesystem::path folder = path_.has_parent_path() ? path_.parent_path() : ".";
  temp_ = (folder / ("." + path_.filename().string() + ".XXXXXX")).string();
  fd_ = ::mkstemp(temp_.data());  // created 0600
  if (fd_ < 0) fail("creating it");
}

private_file::~private_file() {
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlink(temp_.c_str());
  }
}

void private_file::fail(const std::string& what) {
  const std::string why = std::strerror(errno);
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlink(temp_.c_str());
    fd_ = -1;
  }
  throw io_error(fmt::format("cannot write {}: {} ({}); nothing was written", path_.string(),
                             why, what));
}

void private_file::write(std::string_view text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("writing");
    }
    done += static_cast<std::size_t>(n);
  }
}

void private_file::commit() {
  if (::fchmod(fd_, 0600) != 0 || ::fsync(fd_) != 0) fail("saving");
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temp_.c_str());
    throw io_error(fmt::format("cannot write {}: {}; nothing was written", path_.string(), why));
  }
  if (::rename(temp_.c_str(), path_.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temp_.c_str());
    throw io_error(fmt::format("cannot write {}: {}; nothing was written", path_.string(), why));
  }
}

void write_private_file(const std::filesystem::path& path, const std::string& content) {
  private_file file(path);
  file.write(content);
  file.commit();
}

}  // namespace rebuild::cli
