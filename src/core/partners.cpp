#include "rebuild/partners.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <cstdlib>

#include "entry_rows.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/text.hpp"

namespace rebuild {

std::vector<partner> partners(journal& j) {
  SQLite::Statement& st = j.statement("SELECT id, uuid, name FROM partners ORDER BY id");
  std::vector<partner> out;
  while (st.executeStep())
    out.push_back(
        {st.getColumn(0).getInt64(), st.getColumn(1).getString(), st.getColumn(2).getString()});
  return out;
}

std::string partner_names(const std::vector<partner>& list) {
  std::string out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i > 0) out += i + 1 == list.size() ? " and " : ", ";
    out += list[i].name;
  }
  return out;
}

void validate_partner_name(std::string_view name) {
  if (name.find_first_not_of(" \t") == std::string_view::npos)
    throw data_error("a partner's name cannot be empty");
  if (const auto c = first_control(name, false))
    throw data_error(
        fmt::format("a partner's name is one line of plain text; it cannot hold "
                    "line breaks, tabs or other control characters ({})",
                    code_point_name(*c)));
  if (const auto c = first_bidi_control(name))
    throw data_error(
        fmt::format("a partner's name cannot hold a character that changes the "
                    "direction of text ({})",
                    code_point_name(*c)));
  validate_text("partner's name", name);
  if (name.size() > 64)
    throw data_error(fmt::format("the name '{}' is long; use at most 64 characters", name));
  if (name.front() == '-' || name.front() == ' ' || name.back() == ' ')
    throw data_error(
        fmt::format("the name '{}' cannot start with '-' or begin or end with a space", name));
}

partner add_partner(journal& j, std::string_view name, const clock& now) {
  validate_partner_name(name);
  SQLite::Statement check(j.db(), "SELECT name FROM partners WHERE name = ?");
  check.bind(1, std::string(name));
  if (check.executeStep())
    throw data_error(
        fmt::format("there is already a partner named {}", check.getColumn(0).getString()));
  partner p{0, rows::new_uuid(), std::string(name)};
  SQLite::Statement st(j.db(), "INSERT INTO partners (uuid, name, created_utc) VALUES (?, ?, ?)");
  st.bind(1, p.uuid);
  st.bind(2, p.name);
  st.bind(3, iso_utc(now.now_utc()));
  st.exec();
  p.id = j.db().getLastInsertRowid();
  return p;
}

partner find_partner(journal& j, std::string_view name) {
  const auto all = partners(j);
  for (const auto& p : all)
    if (ascii_lower(p.name) == ascii_lower(name)) return p;
  throw data_error(
      fmt::format("there is no partner named '{}' in this journal; the partners are {}", name,
                  partner_names(all)));
}

partner resolve_partner(journal& j, const std::string& as_flag) {
  if (!as_flag.empty()) return find_partner(j, as_flag);
  if (const char* env = std::getenv("REBUILD_PARTNER"); env != nullptr && *env != '\0')
    return find_partner(j, env);
  const auto all = partners(j);
  if (all.size() == 1) return all.front();
  throw data_error(fmt::format(
      "this journal has two partners, {}; say who is writing with --as NAME or REBUILD_PARTNER",
      partner_names(all)));
}

}  // namespace rebuild
