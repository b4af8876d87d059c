// libFuzzer target: one line of an export file, as `rebuild import` reads it.
//
// The input, as it is, is given to parse_export_line twice: as the file's first line and as
// a later one, with "today" fixed at Wednesday 2026-03-04. A rebuild::error is its answer to
// a bad line and is caught; anything else is a finding: another exception (nlohmann's must
// not escape the parser; uncaught, so std::terminate), a crash, a sanitizer report, or an
// invariant below that fails (__builtin_trap): what the parser takes is what the journal
// would take from the command line.
#include <date/date.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <variant>

#include "fuzz_check.hpp"
#include "rebuild/dates.hpp"
#include "rebuild/entries.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/export_line.hpp"
#include "rebuild/journal.hpp"
#include "rebuild/practices.hpp"
#include "rebuild/text.hpp"

namespace {

const rebuild::days_t today{date::year{2026} / date::March / 4};
const rebuild::days_t first_day{date::year{1900} / date::January / 1};

/// An instant as the journal writes it, read back as the same text.
void check_instant(const std::string& text) {
  FUZZ_CHECK(rebuild::iso_utc(rebuild::utc_from_iso(text)) == text);
}

void check_entry(const rebuild::entry& e) {
  FUZZ_CHECK(e.id == 0);
  FUZZ_CHECK(rebuild::is_uuid(e.uuid));
  FUZZ_CHECK(e.kind != nullptr);
  FUZZ_CHECK(e.day >= first_day && e.day <= today + date::days{1});
  if (e.time) FUZZ_CHECK(e.time->count() >= 0 && e.time->count() < 24 * 60);
  check_instant(e.at_utc);
  check_instant(e.created_utc);
  check_instant(e.updated_utc);
  FUZZ_CHECK(e.created_utc <= e.updated_utc);
  rebuild::validate_partner_name(e.author.name);  // outside any catch: a rejection is a finding
  for (const auto& [name, v] : e.fields) {
    FUZZ_CHECK(!e.deleted);  // a tombstone keeps no words
    FUZZ_CHECK(e.kind->field(name) != nullptr);
    FUZZ_CHECK(!std::holds_alternative<std::monostate>(v));
  }
  if (!e.deleted)
    for (const auto& f : e.kind->fields) {
      rebuild::validate_value(f, e.get(f.name));
      if (f.type == rebuild::field_type::reference)
        if (const auto* id = std::get_if<std::string>(&e.get(f.name)))
          FUZZ_CHECK(rebuild::is_uuid(*id));
    }
}

void check(std::string_view text, bool first) {
  rebuild::export_line line;
  try {
    line = rebuild::parse_export_line(text, first, today);
  } catch (const rebuild::error&) {
    return;
  }
  FUZZ_CHECK(rebuild::utf8_length(text).has_value());
  if (const auto* h = std::get_if<rebuild::export_header>(&line)) {
    FUZZ_CHECK(first);
    FUZZ_CHECK(h->version == 1);
    FUZZ_CHECK(h->schema >= 0 && h->schema <= rebuild::journal::latest_schema());
  } else if (const auto* p = std::get_if<rebuild::partner>(&line)) {
    FUZZ_CHECK(!first);
    FUZZ_CHECK(p->id == 0 && rebuild::is_uuid(p->uuid));
    rebuild::validate_partner_name(p->name);
  } else if (const auto* e = std::get_if<rebuild::entry>(&line)) {
    FUZZ_CHECK(!first);
    check_entry(*e);
  } else if (const auto* s = std::get_if<rebuild::export_setting>(&line)) {
    FUZZ_CHECK(!first);
    // A known key, and a value `config` stores as it is (or none, for a key without one).
    // setting_value outside any catch: a rejection is a finding.
    const rebuild::setting_spec* spec = nullptr;
    for (const auto& known : rebuild::setting_specs())
      if (known.key == s->key) spec = &known;
    FUZZ_CHECK(spec != nullptr);
    if (s->value.empty())
      FUZZ_CHECK(spec->fallback.empty());
    else
      FUZZ_CHECK(rebuild::setting_value(s->key, s->value, today) == s->value);
  } else {
    FUZZ_CHECK(false);  // no other kind of line
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check(text, true);
  check(text, false);
  return 0;
}
