// rebuild export [--format jsonl/json/csv/markdown] [--output FILE] [--encrypt [--passphrase-fd N]]
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "commands.hpp"
#include "rebuild/conflicts.hpp"
#include "rebuild/crypto.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/practices.hpp"
#include "rebuild/sealed_files.hpp"
#include "rebuild/text.hpp"
#include "shared/options.hpp"
#include "shared/output_file.hpp"
#include "shared/passphrase_input.hpp"
#include "shared/present.hpp"

namespace rebuild::cli {
namespace {

using json = nlohmann::ordered_json;
using sink = std::function<void(std::string_view)>;

std::string one_line(const json& doc) {
  return doc.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

/// jsonl: the whole journal, one JSON object a line, to be read back by a program: a first
/// line saying what the file is, the partners, the settings, then every entry oldest first,
/// deleted ones (tombstones) included, as `show --json` prints them.
void write_jsonl(journal& j, const clock& now, const sink& out) {
  out(one_line({{"type", "rebuild-export"},
                {"version", 1},
                {"schema", j.schema_version()},
                {"exported", iso_utc(now.now_utc())}}));
  for (const auto& p : partners(j))
    out(one_line({{"type", "partner"}, {"id", p.uuid}, {"name", p.name}}));
  for (const auto& s : setting_specs())  // a setting with no value (no touch.lead yet) is left out
    if (const std::string v = setting(j, s.key); !v.empty())
      out(one_line({{"type", "setting"}, {"key", s.key}, {"value", v}}));
  log_filter all;
  all.with_deleted = true;
  all.oldest_first = true;
  each_entry(j, all, [&](entry& e) {
    json line = {{"type", "entry"}};
    // One set aside (another of its day stands) goes as it was, with its words, never as a
    // tombstone: read back, the same rule sets one of the two aside again, and nothing is lost.
    const auto aside = e.deleted ? set_aside_version(j, e) : std::nullopt;
    line.update(entry_json(aside ? *aside : e));
    out(one_line(line));
  });
}

/// json: the same objects as jsonl, as one JSON array (for a program that reads one
/// document, such as jq without --slurp): written as they come, one a line, so that a journal
/// of any size takes no more memory than jsonl does.
void write_json_array(journal& j, const clock& now, const sink& out) {
  bool first = true;
  write_jsonl(j, now, [&](std::string_view line) {
    out(first ? "[\n" : ",\n");
    first = false;
    out(line.substr(0, line.size() - 1));  // without its line end
  });
  out(first ? "[]\n" : "\n]\n");
}

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string quoted = "\"";
  for (char c : s) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string csv_value(const json& v) {
  if (v.is_null()) return {};
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    // A text a spreadsheet would take for a formula (=HYPERLINK(...), +, -, @, or a tab or
    // line end first) starts with an apostrophe, which the spreadsheet shows as text: OWASP's
    // advice against CSV injection. Only words are texts here; figures are numbers.
    if (!s.empty() && std::string_view("=+-@\t\r\n").find(s.front()) != std::string_view::npos)
      s.insert(0, 1, '\'');
    return s;
  }
  return v.dump();  // numbers, and true/false
}

/// csv: one row per live entry, oldest first, for a spreadsheet: the columns every entry
/// has, then a column for each field any kind has (empty where a kind has no such field).
void write_csv(journal& j, const sink& out) {
  std::vector<std::string> columns = {"id",   "kind", "author",  "date",
                                      "time", "at",   "created", "updated"};
  const std::size_t common = columns.size();
  for (const auto& k : kinds())
    for (const auto& f : k.fields)
      if (std::find(columns.begin() + common, columns.end(), f.name) == columns.end())
        columns.emplace_back(f.name);
  std::string header;
  for (const auto& c : columns) header += (header.empty() ? "" : ",") + c;
  out(header + "\r\n");
  log_filter live;
  live.oldest_first = true;
  each_entry(j, live, [&](entry& e) {
    const json doc = entry_json(e);
    std::string row;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) row += ',';
      const json* v = nullptr;
      if (i < common)
        v = &doc.at(columns[i]);
      else if (const auto it = doc.at("fields").find(columns[i]); it != doc.at("fields").end())
        v = &*it;
      if (v != nullptr) row += csv_field(csv_value(*v));
    }
    out(row + "\r\n");
  });
}

/// markdown: the live entries as a document to read, oldest first, a heading a day.
void write_markdown(journal& j, const clock& now, const sink& out) {
  out(fmt::format("# rebuild journal: {}\n\nExported {}. Deleted entries are left out.\n",
                  markdown_escape(partner_names(partners(j))), human_day(now.today())));
  std::optional<days_t> day;
  log_filter live;
  live.oldest_first = true;
  each_entry(j, live, [&](entry& e) {
    std::string text;
    if (day != e.day) {
      day = e.day;
      text += fmt::format("\n## {}\n\n", human_day(e.day));
    }
    const std::string figures = summary(e);
    text += fmt::format("- **{}{} · {}**{}\n", e.time ? hh_mm(*e.time) + " · " : "",
                        markdown_escape(e.author.name), e.kind->label,
                        figures.empty() ? "" : " · " + markdown_escape(figures));
    for (const auto& [label, words] : texts(e))
      text += fmt::format("  - {}: {}\n", label, markdown_escape(words));
    out(text);
  });
}

struct export_options {
  std::string format = "jsonl";
  std::string output;
  bool encrypt = false;
  passphrase_source source;
};

/// What --encrypt asks of the other flags, checked before the passphrase is asked for.
void check_encrypt(const export_options& o) {
  if (o.format != "jsonl")
    throw usage_error(
        fmt::format("--encrypt writes JSON lines only, for 'rebuild import' to read "
                    "back; drop --format {} (or --encrypt)",
                    o.format));
  if (o.output.empty() && ::isatty(STDOUT_FILENO) != 0)
    throw usage_error(
        "--encrypt writes bytes a terminal cannot show; use --output FILE (or send "
        "standard output to a file or a pipe)");
  if (!o.output.empty()) check_output_target(o.output);
}

void run_export(context& ctx, const export_options& o) {
  if (ctx.globals.json)
    throw usage_error(
        "export chooses its format with --format: drop --json, and use --format json for one "
        "JSON document (or jsonl, csv, markdown)");
  auto& j = ctx.journal();
  std::string passphrase;
  if (o.encrypt) {
    check_encrypt(o);
    passphrase = read_new_file_passphrase(ctx, o.source, "A passphrase for the export:");
  }
  std::string plain;  // with --encrypt, the whole export before it is sealed (in memory only)
  try {
    const read_transaction snapshot(j);  // one consistent journal, however long it is
    std::unique_ptr<private_file> file;
    if (!o.output.empty()) file = std::make_unique<private_file>(o.output);
    const sink write = [&](std::string_view text) {
      if (file)
        file->write(text);
      else
        fmt::print("{}", text);
    };
    const sink out = o.encrypt ? sink([&plain](std::string_view text) { plain += text; }) : write;
    if (o.format == "jsonl")
      write_jsonl(j, ctx.now(), out);
    else if (o.format == "json")
      write_json_array(j, ctx.now(), out);
    else if (o.format == "csv")
      write_csv(j, out);  // markdown (or md)
    else
      write_markdown(j, ctx.now(), out);
    if (o.encrypt) write(seal_text(plain, passphrase, crypto::interactive()));
    crypto::wipe(plain);
    crypto::wipe(passphrase);
    if (file) {
      file->commit();
      if (o.encrypt)
        fmt::print(
            "Wrote the journal as jsonl, encrypted with the passphrase you gave, to {} "
            "(readable by you only). 'rebuild import {}' asks for that passphrase.\n",
            o.output, o.output);
      else
        fmt::print("Wrote the journal as {} to {} (readable by you only).\n",
                   o.format == "md" ? "markdown" : o.format, o.output);
    }
  } catch (...) {
    crypto::wipe(plain);
    crypto::wipe(passphrase);
    throw;
  }
}

}  // namespace

void setup_export(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<export_options>();
  CLI::App* sub = add_command(
      app, "export",
      "The whole journal as JSON lines (everything), CSV or Markdown (what is not deleted)",
      "  rebuild export > rebuild.jsonl\n"
      "  rebuild export --format csv --output ~/private/rebuild.csv\n"
      "  rebuild export --format markdown | less\n"
      "  rebuild export --encrypt --output ~/private/rebuild.jsonl.enc   (asks for a "
      "passphrase)\n");
  sub->add_option("--format", o->format,
                  "jsonl (the default; what import reads), json (one array), csv or markdown")
      ->type_name("F")
      ->check(CLI::IsMember({"jsonl", "json", "csv", "markdown", "md"}));
  sub->add_option("--output", o->output, "write to FILE (mode 0600) instead of stdout")
      ->type_name("FILE");
  add_encrypt_flags(sub, o->encrypt, o->source,
                    "seal the JSON lines under a passphrase of their own ('rebuild import' asks "
                    "for it)");
  commands.push_back({sub, [&ctx, o] { run_export(ctx, *o); }});
}

}  // namespace rebuild::cli
