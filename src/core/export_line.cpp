#include "rebuild/export_line.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <nlohmann/json.hpp>

#include "rebuild/change_log.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/journal.hpp"
#include "rebuild/practices.hpp"
#include "rebuild/text.hpp"

namespace rebuild {
namespace {

using json = nlohmann::json;

/// A piece of the line, quoted back in a reason: at most 40 bytes, and nothing but printable
/// ASCII (anything else as '?'), so that a reason never carries the file's bytes to a terminal.
std::string shown(std::string_view s) {
  std::string out;
  for (const char c : s.substr(0, 40)) out += c >= 0x20 && c < 0x7f ? c : '?';
  return s.size() > 40 ? out + "..." : out;
}

/// Refuses any key of `line` that is not one of `known`.
void only_keys(const json& line, std::initializer_list<std::string_view> known,
               std::string_view what) {
  for (const auto& item : line.items()) {
    bool found = false;
    for (const auto k : known) found = found || item.key() == k;
    if (!found)
      throw data_error(fmt::format("{} has an unknown key '{}'", what, shown(item.key())));
  }
}

/// A string key; data_error when it is missing or not a string.
std::string text_of(const json& line, const char* key) {
  const auto it = line.find(key);
  if (it == line.end() || !it->is_string())
    throw data_error(fmt::format("'{}' is missing or not a string", key));
  return it->get<std::string>();
}

/// A JSON whole number that fits in 64 bits (never true or false).
bool whole_number(const json& v, std::int64_t& out) {
  if (v.is_number_unsigned()) {
    const auto n = v.get<std::uint64_t>();
    if (n > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return false;
    out = static_cast<std::int64_t>(n);
    return true;
  }
  if (!v.is_number_integer()) return false;
  out = v.get<std::int64_t>();
  return true;
}

/// Day counts since 1970-01-01, whatever the clock (a local or a UTC day).
std::int64_t day_number(days_t day) { return day.time_since_epoch().count(); }

const days_t first_day{date::year{1900} / date::January / 1};

/// A date as the journal writes it (YYYY-MM-DD), on the calendar, from 1900-01-01 to
/// tomorrow.
days_t day_of(const json& line, const char* key, days_t today) {
  const std::string text = text_of(line, key);
  days_t day;
  try {
    day = day_from_iso(text);
  } catch (const io_error&) {
    throw data_error(fmt::format("'{}' is not a date like 2026-03-04", key));
  }
  if (iso_day(day) != text)
    throw data_error(fmt::format("'{}' is not a date like 2026-03-04", key));
  if (day < first_day)
    throw data_error(fmt::format("'{}' is {}; dates start at 1900-01-01", key, text));
  if (day > today + date::days{1})
    throw data_error(fmt::format("'{}' is {}, later than tomorrow ({})", key, text,
                                 iso_day(today + date::days{1})));
  return day;
}

/// An instant as the journal writes them (YYYY-MM-DDTHH:MM:SSZ, read back as written), from
/// the day before 1900-01-01 to the day after tomorrow (the UTC day of a local one is at
/// most a day away).
utc_seconds instant_of(const json& line, const char* key, days_t today) {
  const std::string text = text_of(line, key);
  const auto bad = [&] {
    return data_error(fmt::format("'{}' is not a time like 2026-03-04T07:00:00Z", key));
  };
  utc_seconds instant;
  try {
    instant = utc_from_iso(text);
  } catch (const io_error&) {
    throw bad();
  }
  if (iso_utc(instant) != text) throw bad();  // 60 seconds, or a day that is not on the calendar
  const auto day = day_number(days_t{std::chrono::floor<date::days>(instant).time_since_epoch()});
  if (day < day_number(first_day) - 1)
    throw data_error(fmt::format("'{}' is {}; times start at 1900-01-01", key, text));
  if (day > day_number(today) + 2)
    throw data_error(
        fmt::format("'{}' is {}, in the future; check the clock of the device "
                    "that wrote it",
                    key, text));
  return instant;
}

/// A partner's name, as `init` takes it.
void named(const std::string& name, const char* key) {
  try {
    validate_partner_name(name);
  } catch (const data_error& bad) {
    throw data_error(fmt::format("'{}': {}", key, bad.what()));
  }
}

const kind_spec& kind_of(const std::string& name) {
  for (const auto& k : kinds())
    if (k.name == name) return k;
  std::string names;
  for (const auto& k : kinds()) names += (names.empty() ? "" : ", ") + std::string(k.name);
  throw data_error(
      fmt::format("there is no entry type '{}'; the types are {}", shown(name), names));
}

/// One field's value as the journal holds it, of the JSON type the field takes.
value value_of(const field_spec& f, const json& v) {
  if (v.is_null()) return {};
  switch (f.type) {
    case field_type::integer: {
      std::int64_t n = 0;
      if (!whole_number(v, n))
        throw data_error(
            fmt::format("the {} must be a whole number from {} to {}", f.label, f.min, f.max));
      return n;
    }
    case field_type::boolean:
      if (!v.is_boolean()) throw data_error(fmt::format("the {} must be true or false", f.label));
      return std::int64_t{v.get<bool>() ? 1 : 0};
    case field_type::text:
    case field_type::choice:
    case field_type::clock:
    case field_type::day:
    case field_type::moment:
    case field_type::partner:
    case field_type::reference:
      if (!v.is_string()) throw data_error(fmt::format("the {} must be a string", f.label));
      return v.get<std::string>();
  }
  return {};
}

entry entry_of(const json& line, days_t today) {
  only_keys(line,
            {"type", "id", "kind", "author", "date", "time", "at", "created", "updated", "deleted",
             "fields", "hlc", "base", "by"},
            "an entry");
  entry e;
  e.uuid = text_of(line, "id");
  if (!is_uuid(e.uuid))
    throw data_error(fmt::format("'id' {} is not an entry id (a lowercase UUID)", shown(e.uuid)));
  e.kind = &kind_of(text_of(line, "kind"));
  e.author.name = text_of(line, "author");
  named(e.author.name, "author");
  e.day = day_of(line, "date", today);
  if (const auto t = line.find("time"); t != line.end() && !t->is_null()) {
    const auto bad = data_error("'time' is not a time of day like 07:30");
    if (!t->is_string()) throw bad;
    const std::string text = t->get<std::string>();
    try {
      e.time = parse_time_of_day(text);
    } catch (const data_error&) {
      throw bad;
    }
    if (hh_mm(*e.time) != text) throw bad;
  }
  instant_of(line, "at", today);
  const utc_seconds created = instant_of(line, "created", today);
  const utc_seconds updated = instant_of(line, "updated", today);
  if (created > updated) throw data_error("'created' is later than 'updated'");
  e.at_utc = text_of(line, "at");
  e.created_utc = text_of(line, "created");
  e.updated_utc = text_of(line, "updated");
  if (const auto d = line.find("deleted"); d != line.end()) {
    if (!d->is_boolean()) throw data_error("'deleted' is neither true nor false");
    e.deleted = d->get<bool>();
  }
  // What a sync file adds to a version: its clock reading, the version it was made from, and
  // the partner who made it (change_log.hpp).
  if (line.contains("hlc")) {
    e.hlc = text_of(line, "hlc");
    if (!hlc::parse(e.hlc))
      throw refused_reading(
          fmt::format("its clock reading {} is not one a device could have made", shown(e.hlc)));
  }
  if (const auto b = line.find("base"); b != line.end() && !b->is_null()) {
    e.base = text_of(line, "base");
    // The readings of the versions it was made from, newest first, one space between.
    std::size_t start = 0, count = 0;
    while (start <= e.base.size()) {
      const auto end = std::min(e.base.find(' ', start), e.base.size());
      if (!hlc::parse(std::string_view(e.base).substr(start, end - start)) || ++count > 16)
        throw refused_reading(fmt::format(
            "'base' {} is not a few clock readings a device could have made", shown(e.base)));
      start = end + 1;
    }
  }
  if (line.contains("by")) {
    e.changed_by = text_of(line, "by");
    named(e.changed_by, "by");
  }

  const auto fields = line.find("fields");
  const bool none = fields == line.end() || fields->is_null();
  if (!none && !fields->is_object()) throw data_error("'fields' is not an object");
  if (none && !e.deleted) throw data_error("'fields' is missing");
  if (none) return e;
  for (const auto& item : fields->items())
    if (e.kind->field(item.key()) == nullptr)
      throw data_error(fmt::format("'fields' has '{}', which a {} does not have", shown(item.key()),
                                   e.kind->label));
  // A tombstone carries no words: what it has is neither checked nor kept.
  if (e.deleted) return e;
  try {
    for (const auto& f : e.kind->fields) {
      const auto v = fields->find(std::string(f.name));
      const value got = v == fields->end() ? value{} : value_of(f, *v);
      validate_value(f, got);
      if (const auto* s = std::get_if<std::string>(&got)) {
        if (f.type == field_type::partner) validate_partner_name(*s);
        if (f.type == field_type::reference && !is_uuid(*s))
          throw data_error(fmt::format("the {} is not an entry id (a lowercase UUID)", f.label));
      }
      if (!std::holds_alternative<std::monostate>(got)) e.fields[std::string(f.name)] = got;
    }
  } catch (const data_error& bad) {
    throw data_error(fmt::format("{} {}: {}", e.kind->label, e.short_id(), bad.what()));
  }
  return e;
}

export_header header_of(const json& line) {
  only_keys(
      line,
      {"type", "version", "schema", "exported", "covers", "retires", "compacts", "part", "parts"},
      "the first line");
  export_header h;
  std::int64_t n = 0;
  const auto version = line.find("version");
  if (version == line.end() || !whole_number(*version, n) || n != 1)
    throw data_error(
        "this is a rebuild export of a version this rebuild cannot read (it reads "
        "version 1)");
  h.version = 1;
  if (const auto schema = line.find("schema"); schema != line.end()) {
    if (!whole_number(*schema, n) || n < 1) throw data_error("'schema' is not a schema number");
    if (n > journal::latest_schema())
      throw data_error(fmt::format("written by a newer rebuild (schema {}); update rebuild", n));
    h.schema = static_cast<int>(n);
  }
  if (line.contains("exported")) h.exported = text_of(line, "exported");
  if (const auto retires = line.find("retires"); retires != line.end()) {
    if (!retires->is_string() || !is_replica_id(retires->get<std::string>()))
      throw data_error("'retires' is not a replica id");
    h.retires = retires->get<std::string>();
  }
  if (const auto compacts = line.find("compacts"); compacts != line.end()) {
    if (!whole_number(*compacts, n) || n < 1 || n > (std::int64_t{1} << 53))
      throw data_error("'compacts' is not a file number");
    h.compacts = n;
    std::int64_t part = 0, parts = 0;
    const auto p = line.find("part"), ps = line.find("parts");
    if (p == line.end() || ps == line.end() || !whole_number(*p, part) ||
        !whole_number(*ps, parts) || part < 1 || parts < part || parts > 1'000'000)
      throw data_error("a snapshot's file does not say which of its files it is");
    h.part = part;
    h.parts = parts;
  }
  if (const auto covers = line.find("covers"); covers != line.end()) {
    if (!covers->is_array() || covers->size() > 100000)
      throw data_error("'covers' is not a list of file numbers");
    for (const auto& n : *covers) {
      std::int64_t number = 0;
      if (!whole_number(n, number) || number < 1)
        throw data_error("'covers' is not a list of file numbers");
      h.covers.push_back(number);
    }
  }
  return h;
}

partner partner_of(const json& line) {
  only_keys(line, {"type", "id", "name"}, "a partner");
  partner p{0, text_of(line, "id"), text_of(line, "name")};
  if (!is_uuid(p.uuid))
    throw data_error(fmt::format("'id' {} is not a partner id (a lowercase UUID)", shown(p.uuid)));
  named(p.name, "name");
  return p;
}

/// A setting: a key `config` knows, and a value as `config` writes it (07:30, 2026-03-01).
export_setting setting_of(const json& line, days_t today) {
  only_keys(line, {"type", "key", "value", "hlc"}, "a setting");
  export_setting s{text_of(line, "key"), text_of(line, "value"), {}};
  if (line.contains("hlc")) {
    s.hlc = text_of(line, "hlc");
    if (!hlc::parse(s.hlc))
      throw refused_reading(
          fmt::format("its clock reading {} is not one a device could have made", shown(s.hlc)));
  }
  const setting_spec* spec = nullptr;
  std::string keys;
  for (const auto& known : setting_specs()) {
    if (known.key == s.key) spec = &known;
    keys += (keys.empty() ? "" : ", ") + std::string(known.key);
  }
  if (spec == nullptr)
    throw data_error(
        fmt::format("there is no setting '{}'; the settings are {}", shown(s.key), keys));
  if (s.value.empty() && spec->fallback.empty()) return s;  // the other journal had none
  std::string stored;
  try {
    stored = setting_value(s.key, s.value, today);
  } catch (const data_error& e) {
    // The parser's reason quotes the value: only when it is short and plain.
    throw data_error(shown(s.value) == s.value
                         ? fmt::format("the setting {}: {}", s.key, e.what())
                         : fmt::format("the setting {} is '{}', which 'rebuild config {}' would "
                                       "not take",
                                       s.key, shown(s.value), s.key));
  }
  if (stored != s.value)
    throw data_error(fmt::format("the setting {} is '{}'; an export writes it as {}", s.key,
                                 shown(s.value), stored));
  return s;
}

/// The JSON of a line: an object at most three levels deep (an entry's fields are the
/// second), so that no line builds a deep tree.
json parse_json(std::string_view text) {
  const json::parser_callback_t shallow = [](int depth, json::parse_event_t, json&) {
    if (depth > 3) throw data_error("not an export line (JSON nested too deeply)");
    return true;
  };
  try {
    return json::parse(text.begin(), text.end(), shallow);
  } catch (const json::parse_error& e) {
    // The reason, without what nlohmann read last (the file's own bytes).
    std::string why = e.what();
    if (const auto dash = why.find(" - "); dash != std::string::npos) why.erase(0, dash + 3);
    if (const auto semi = why.find("; last read"); semi != std::string::npos) why.erase(semi);
    throw data_error(fmt::format("not JSON (at byte {}: {})", e.byte, why));
  } catch (const json::out_of_range&) {  // 406: a number past what a double holds
    throw data_error("not JSON (a number too large to read)");
  } catch (const json::exception&) {
    throw data_error("not JSON");
  }
}

}  // namespace

bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  const char version = s[14];
  const char variant = s[19];
  return version >= '1' && version <= '5' &&
         (variant == '8' || variant == '9' || variant == 'a' || variant == 'b');
}

export_line parse_export_line(std::string_view text, bool first, days_t today) {
  // A first line that is not even a JSON object: some other file (a journal, a CSV export).
  const auto not_lines = [first](const std::string& why) {
    return data_error(first ? fmt::format("this is not a file 'rebuild export' wrote ({})", why)
                            : why);
  };
  if (!utf8_length(text)) throw not_lines("not UTF-8 text");
  json line;
  try {
    line = parse_json(text);
  } catch (const data_error& bad) {
    throw not_lines(bad.what());
  }
  if (!line.is_object()) throw not_lines("not a JSON object");
  try {
    const std::string type = text_of(line, "type");
    if (first) {
      if (type != "rebuild-export")
        throw data_error(
            "this is not a file 'rebuild export' wrote (its first line says what it "
            "is)");
      return header_of(line);
    }
    if (type == "rebuild-export")
      throw data_error("a second first line; only the file's first line says what it is");
    if (type == "partner") return partner_of(line);
    if (type == "setting") return setting_of(line, today);
    if (type == "entry") return entry_of(line, today);
    throw data_error(fmt::format("unknown line type '{}'", shown(type)));
  } catch (const json::exception& e) {
    // Not expected (every access above checks its type first); still a bad line, not a bug
    // of the caller's.
    throw data_error(fmt::format("not an export line ({})", e.id));
  }
}

nlohmann::ordered_json entry_json(const entry& e) {
  nlohmann::ordered_json fields = nlohmann::ordered_json::object();
  for (const auto& f : e.kind->fields) {
    const value& v = e.get(f.name);
    if (std::holds_alternative<std::monostate>(v))
      fields[std::string(f.name)] = nullptr;
    else if (const auto* n = std::get_if<std::int64_t>(&v))
      fields[std::string(f.name)] = f.type == field_type::boolean ? nlohmann::ordered_json(*n != 0)
                                                                  : nlohmann::ordered_json(*n);
    else
      fields[std::string(f.name)] = std::get<std::string>(v);
  }
  nlohmann::ordered_json doc = {
      {"id", e.uuid},
      {"kind", e.kind->name},
      {"author", e.author.name},
      {"date", iso_day(e.day)},
      {"time", e.time ? nlohmann::ordered_json(hh_mm(*e.time)) : nlohmann::ordered_json()},
      {"at", e.at_utc},
      {"created", e.created_utc},
      {"updated", e.updated_utc},
      {"deleted", e.deleted}};
  if (e.is_private) doc["private"] = true;  // only its author ever sees one
  doc["fields"] = e.sealed ? nlohmann::ordered_json() : fields;
  return doc;
}

}  // namespace rebuild
