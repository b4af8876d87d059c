#include "present.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "rebuild/text.hpp"

namespace rebuild::cli {

std::string summary(const entry& e) {
  if (e.deleted) return {};        // a tombstone keeps no figures or words
  if (e.sealed) return "private";  // and not opened here: its words are not known
  const std::string_view kind = e.kind->name;
  std::vector<std::string> parts;
  if (kind == "checkin") {
    parts.push_back(fmt::format("mood {}", e.number("mood").value_or(0)));
    parts.push_back(fmt::format("stress {}", e.number("stress").value_or(0)));
    if (auto m = e.number("minutes")) parts.push_back(fmt::format("{} min", *m));
    if (auto p = e.number("phones_away")) parts.emplace_back(*p ? "phones away" : "phones on");
  } else if (kind == "bid") {
    parts.push_back("turned " + e.text("response"));
  } else if (kind == "repair") {
    if (auto a = e.number("accepted")) parts.emplace_back(*a ? "accepted" : "not accepted");
  } else if (kind == "goal") {
    parts.push_back(fmt::format("hoped for in {} months", e.number("months").value_or(0)));
  } else if (kind == "rating") {
    parts.push_back(fmt::format("{} of 10", e.number("rating").value_or(0)));
  } else {
    // Every other kind: its figures in order, as plainly as they read.
    for (const auto& f : e.kind->fields) {
      const value& v = e.get(f.name);
      if (std::holds_alternative<std::monostate>(v) || f.type == field_type::text) continue;
      const auto* n = std::get_if<std::int64_t>(&v);
      const auto* s = std::get_if<std::string>(&v);
      switch (f.type) {
        case field_type::integer:
          parts.push_back(f.name == "minutes" ? fmt::format("{} min", *n)
                                              : fmt::format("{} {}", f.label, *n));
          break;
        case field_type::boolean:
          if (*n != 0)
            parts.emplace_back(f.label);
          else if (kind == "initiation")
            parts.emplace_back("declined");
          else if (f.name == "used")
            parts.emplace_back("response not used");
          else if (f.name != "paused")
            parts.push_back("not " + std::string(f.label));
          break;
        case field_type::choice:
          parts.push_back(f.name == "on_day" ? "on the " + *s
                          : f.name == "every" && *s != "daily" && *s != "weekly" && *s != "monthly"
                              ? "every " + *s
                              : *s);
          break;
        case field_type::partner:
          parts.push_back(fmt::format("{} {}", f.label, *s));
          break;
        case field_type::reference:
          parts.push_back(fmt::format("{} {}", f.label, s->substr(0, 8)));
          break;
        case field_type::day:
          parts.push_back(
              fmt::format("{} {}", f.name == "for_day" ? std::string_view("for") : f.name, *s));
          break;
        case field_type::moment:
          parts.push_back(fmt::format("{} {}", f.label, *s));
          break;
        case field_type::clock:
        case field_type::text:
          parts.push_back(*s);
          break;
      }
    }
  }
  return fmt::format("{}", fmt::join(parts, " · "));
}

std::vector<std::pair<std::string, std::string>> texts(const entry& e) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& f : e.kind->fields)
    if (f.type == field_type::text)
      if (const auto* s = std::get_if<std::string>(&e.get(f.name)))
        out.emplace_back(std::string(f.label), *s);
  return out;
}

std::string when_text(const entry& e) {
  return e.time ? fmt::format("{} {}", human_day(e.day), hh_mm(*e.time)) : human_day(e.day);
}

void print_json(const nlohmann::ordered_json& doc) {
  fmt::print("{}\n", doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

void json_list::add(const nlohmann::ordered_json& element) {
  const std::string text =
      element.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  std::string out = count_++ == 0 ? fmt::format("{{\n  \"{}\": [\n    ", key_) : ",\n    ";
  for (const char c : text) {
    out += c;
    if (c == '\n') out += "    ";  // a line break is only ever between keys (JSON escapes them)
  }
  fmt::print("{}", out);
}

void json_list::end() const {
  if (count_ == 0)
    fmt::print("{{\n  \"{}\": []\n}}\n", key_);
  else
    fmt::print("\n  ]\n}}\n");
}

void print_entry(const entry& e, bool color) {
  fmt::print("{} {}{}{}\n", paint(e.kind->label, fmt::emphasis::bold, color),
             paint(e.uuid, fmt::fg(fmt::terminal_color::yellow), color),
             e.is_private ? " (private)" : "", e.deleted ? " (deleted)" : "");
  fmt::print("  by       {}\n", e.author.name);
  fmt::print("  date     {}\n", when_text(e));
  if (const std::string line = summary(e); !line.empty()) fmt::print("  {}\n", line);
  for (const auto& [label, text] : texts(e)) {
    fmt::print("  {}:\n", label);
    std::size_t start = 0;
    while (true) {
      const auto end = text.find('\n', start);
      const std::string piece = text.substr(start, end == std::string::npos ? end : end - start);
      fmt::print("{}\n", piece.empty() ? std::string() : "    " + piece);
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }
  fmt::print("  created  {}\n", e.created_utc);
  if (e.updated_utc != e.created_utc) fmt::print("  updated  {}\n", e.updated_utc);
}

std::string whose(const kind_spec& kind, const std::string& author, bool capital) {
  if (!kind.shared) return author + "'s";
  return capital ? "The pair's" : "the pair's";
}

}  // namespace rebuild::cli
