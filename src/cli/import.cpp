// rebuild import FILE
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "shared/fold.hpp"
#include "shared/options.hpp"
#include "rebuild/errors.hpp"

namespace rebuild::cli {
namespace {

using json = nlohmann::json;

/// A string key of an export line; data_error when it is missing or not a string.
std::string text_of(const json& line, const char* key) {
  const auto it = line.find(key);
  if (it == line.end() || !it->is_string())
    throw data_error(fmt::format("'{}' is missing or not a string", key));
  return it->get<std::string>();
}

/// An instant as the journal writes them (YYYY-MM-DDTHH:MM:SSZ).
std::string instant_of(const json& line, const char* key) {
  std::string text = text_of(line, key);
  try {
    utc_from_iso(text);
  } catch (const io_error&) {
    throw data_error(fmt::format("'{}' is not a time like 2026-03-04T07:00:00Z", key));
  }
  return text;
}

/// An entry line, as `show --json` prints an entry.
entry entry_of(const json& line) {
  entry e;
  e.uuid = text_of(line, "id");
  if (e.uuid.size() < 8) throw data_error("'id' is not an entry id");
  e.kind = &kind_named(text_of(line, "kind"));
  e.author.name = text_of(line, "author");
  try {
    e.day = day_from_iso(text_of(line, "date"));
  } catch (const io_error&) {
    throw data_error("'date' is not a date like 2026-03-04");
  }
  if (const auto t = line.find("time"); t != line.end() && !t->is_null()) {
    if (!t->is_string()) throw data_error("'time' is not HH:MM");
    e.time = parse_time_of_day(t->get<std::string>());
  }
  e.at_utc = instant_of(line, "at");
  e.created_utc = instant_of(line, "created");
  e.updated_utc = instant_of(line, "updated");
  const auto deleted = line.find("deleted");
  e.deleted = deleted != line.end() && deleted->is_boolean() && deleted->get<bool>();
  const auto fields = line.find("fields");
  if (fields == line.end() || !fields->is_object()) throw data_error("'fields' is missing");
  for (const auto& f : e.kind->fields) {
    const auto v = fields->find(std::string(f.name));
    if (v == fields->end() || v->is_null()) continue;
    if (v->is_boolean()) e.fields[std::string(f.name)] = std::int64_t{v->get<bool>() ? 1 : 0};
    else if (v->is_number_integer()) e.fields[std::string(f.name)] = v->get<std::int64_t>();
    else if (v->is_string()) e.fields[std::string(f.name)] = v->get<std::string>();
    else throw data_error(fmt::format("the field '{}' is neither text nor a whole number", f.name));
  }
  return e;
}

void run_import(context& ctx, const std::string& file) {
  std::ifstream opened;
  if (file != "-") {
    opened.open(file);
    if (!opened)
      throw data_error(fmt::format("cannot read {}; give the path of a file 'rebuild export' "
                                   "wrote, or - for standard input",
                                   file));
  }
  std::istream& in = file == "-" ? std::cin : opened;
  auto& j = ctx.journal();
  fold folding(ctx);
  write_transaction txn(j);
  std::string text;
  for (int number = 1; std::getline(in, text); ++number) {
    try {
      if (text.empty()) continue;
      const json line = json::parse(text);
      if (!line.is_object()) throw data_error("not a JSON object");
      const std::string type = line.value("type", "");
      if (number == 1) {
        if (type != "rebuild-export" || line.value("version", 0) != 1)
          throw data_error("this is not a file 'rebuild export' wrote (its first line says what "
                           "it is)");
      } else if (type == "partner") {
        folding.partner({0, text_of(line, "id"), text_of(line, "name")});
      } else if (type == "entry") {
        folding.entry(entry_of(line));
      } else if (type != "setting") {  // settings stay as they are here
        throw data_error(fmt::format("unknown line type '{}'", type));
      }
    } catch (const json::exception& e) {
      throw data_error(fmt::format("{} line {}: not JSON ({}); nothing was imported", file,
                                   number, e.what()));
    } catch (const data_error& e) {
      throw data_error(fmt::format("{} line {}: {}; nothing was imported", file, number, e.what()));
    }
  }
  if (in.bad()) throw io_error(fmt::format("cannot read {}; nothing was imported", file));
  txn.commit();
  folding.print(file);
}

}  // namespace

void setup_import(CLI::App& app, context& ctx, command_list& commands) {
  auto file = std::make_shared<std::string>();
  CLI::App* sub = add_command(
      app, "import",
      "Fold in what 'rebuild export' wrote, by entry id; importing twice changes nothing",
      "  rebuild import rebuild.jsonl\n"
      "  ssh laptop rebuild export | rebuild import -\n");
  sub->add_option("file", *file, "a JSON-lines file from 'rebuild export', or - for stdin")
      ->required()
      ->type_name("FILE");
  commands.push_back({sub, [&ctx, file] { run_import(ctx, *file); }});
}

}  // namespace rebuild::cli
