// The change log that two devices sync by: clock readings, and each change this replica makes.
#include "rebuild/change_log.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "rebuild/errors.hpp"

namespace rebuild {
namespace {

constexpr std::size_t ms_digits = 13;
constexpr std::size_t counter_digits = 6;
constexpr std::int64_t counter_limit = 999999;
/// Readings of earlier versions a version carries: enough to tell a few edits in a row on one
/// device (or a copy's edits of a version both had) from edits made at once.
constexpr int max_ancestry = 16;

bool digits_only(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

std::int64_t number_of(std::string_view s) {
  std::int64_t n = 0;
  std::from_chars(s.data(), s.data() + s.size(), n);
  return n;
}

}  // namespace

std::string hlc::text() const {
  return fmt::format("{:0{}}.{:0{}}.{}", ms, ms_digits, counter, counter_digits, replica);
}

std::optional<hlc> hlc::parse(std::string_view text) {
  if (text.size() < ms_digits + counter_digits + 2 || text[ms_digits] != '.' ||
      text[ms_digits + counter_digits + 1] != '.')
    return std::nullopt;
  const auto ms = text.substr(0, ms_digits);
  const auto counter = text.substr(ms_digits + 1, counter_digits);
  const auto replica = text.substr(ms_digits + counter_digits + 2);
  if (!digits_only(ms) || !digits_only(counter)) return std::nullopt;
  if (!replica.empty() && !is_replica_id(replica)) return std::nullopt;
  const std::int64_t at = number_of(ms);
  if (at > reading_ceiling_ms) return std::nullopt;  // no clock rebuild keeps reads that
  return hlc{at, number_of(counter), std::string(replica)};
}

hlc hlc::of_updated(std::string_view updated_utc) {
  const auto seconds = utc_from_iso(std::string(updated_utc)).time_since_epoch().count();
  return hlc{static_cast<std::int64_t>(seconds) * 1000, 0, ""};
}

bool is_replica_id(std::string_view text) {
  return text.size() == 16 && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

std::string replica_id(journal& j) {
  SQLite::Statement& st = j.statement("SELECT replica FROM sync_state WHERE id = 1");
  if (!st.executeStep()) {
    st.reset();
    throw io_error(
        fmt::format("the journal at {} is damaged: it has no replica id; put a "
                    "backup in its place with 'rebuild restore FILE'",
                    j.path().string()));
  }
  std::string id = st.getColumn(0).getString();
  st.reset();
  return id;
}

hlc next_reading(journal& j, const clock& now) {
  return next_reading_after(
      j, static_cast<std::int64_t>(now.now_utc().time_since_epoch().count()) * 1000);
}

hlc next_tick(journal& j) { return next_reading_after(j, 0); }

hlc next_reading_after(journal& j, std::int64_t wall) {
  // Every reading here: the entries' versions and the settings' values; of those past the
  // followed ceiling (forged, or kept from before readings were bounded), none: following one
  // could take this replica's readings past what other replicas take in.
  SQLite::Statement& latest = j.statement(
      "SELECT max(coalesce((SELECT max(hlc) FROM entries WHERE hlc <= ?1), ''), "
      "coalesce((SELECT max(hlc) FROM settings WHERE hlc <= ?1), ''))");
  static const std::string ceiling =
      hlc{hlc::followed_ceiling_ms, counter_limit, "ffffffffffffffff"}.text();
  latest.bind(1, ceiling);
  std::optional<hlc> seen;
  if (latest.executeStep() && !latest.getColumn(0).isNull())
    seen = hlc::parse(latest.getColumn(0).getString());  // '' (none yet) does not parse
  latest.reset();
  hlc next{std::min(wall, hlc::clock_ceiling_ms), 0, replica_id(j)};
  if (seen && seen->ms >= next.ms) {
    // Behind (or level with) a reading already here: the same millisecond, counted on.
    next.ms = seen->ms;
    next.counter = seen->counter + 1;
    if (next.counter > counter_limit) {
      ++next.ms;
      next.counter = 0;
    }
  }
  return next;
}

bool made_from(std::string_view base, std::string_view reading) {
  std::size_t start = 0;
  while (start < base.size()) {
    const auto end = std::min(base.find(' ', start), base.size());
    if (base.substr(start, end - start) == reading) return true;
    start = end + 1;
  }
  return false;
}

void log_change(journal& j, std::int64_t id, std::int64_t by, const clock& now) {
  const std::string reading = next_reading(j, now).text();
  SQLite::Statement& read = j.statement("SELECT hlc, coalesce(base, '') FROM entries WHERE id = ?");
  read.bind(1, id);
  std::string before, base;
  if (read.executeStep()) {
    before = read.getColumn(0).getString();
    base = read.getColumn(1).getString();
  }
  read.reset();
  // The versions this one is made from, newest first: the one here before it, then those it
  // was made from, a few at most.
  std::string ancestry = before;
  int kept = ancestry.empty() ? 0 : 1;
  std::size_t start = 0;
  while (!before.empty() && start < base.size() && kept < max_ancestry) {
    const auto end = std::min(base.find(' ', start), base.size());
    ancestry += " " + base.substr(start, end - start);
    ++kept;
    start = end + 1;
  }
  SQLite::Statement& st =
      j.statement(std::string("UPDATE entries SET base = ?1, hlc = ?2, seq = ") + next_seq_sql +
                  ", changed_by = ?3 WHERE id = ?4");
  if (ancestry.empty())
    st.bind(1);
  else
    st.bind(1, ancestry);
  st.bind(2, reading);
  st.bind(3, by);
  st.bind(4, id);
  st.exec();
  st.reset();
}

}  // namespace rebuild
