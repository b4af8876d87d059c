#pragma once
// A BLOB column's bytes as a string: the sealed boxes of keys, private words and inventory
// answers. Private to the core.
#include <SQLiteCpp/Column.h>

#include <string>

namespace rebuild {

inline std::string blob(const SQLite::Column& c) {
  return std::string(static_cast<const char*>(c.getBlob()), static_cast<std::size_t>(c.getBytes()));
}

}  // namespace rebuild
