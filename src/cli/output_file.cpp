#include "output_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "rebuild/errors.hpp"

namespace rebuild::cli {

void write_private_file(const std::filesystem::path& path, const std::string& content) {
  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : ".";
  std::string temp = (folder / ("." + path.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());  // created 0600
  auto fail = [&](const std::string& what) {
    const std::string why = std::strerror(errno);
    if (fd >= 0) {
      ::close(fd);
      ::unlink(temp.c_str());
    }
    throw io_error(fmt::format("cannot write {}: {} ({}); nothing was written", path.string(),
                               why, what));
  };
  if (fd < 0) fail("creating it");
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("writing");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, 0600) != 0 || ::fsync(fd) != 0) fail("saving");
  if (::close(fd) != 0) {
    ::unlink(temp.c_str());
    throw io_error(fmt::format("cannot write {}: {}", path.string(), std::strerror(errno)));
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temp.c_str());
    throw io_error(fmt::format("cannot write {}: {}; nothing was written", path.string(), why));
  }
}

}  // namespace rebuild::cli
