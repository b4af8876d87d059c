// rebuild import FILE [--passphrase-fd N]
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "commands.hpp"
#include "rebuild/crypto.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/export_line.hpp"
#include "rebuild/practices.hpp"
#include "rebuild/sealed_files.hpp"
#include "rebuild/settings.hpp"
#include "shared/fold.hpp"
#include "shared/options.hpp"
#include "shared/passphrase_input.hpp"
#include "shared/present.hpp"
#include "shared/progress.hpp"

namespace rebuild::cli {
namespace {

/// The lines of a file or of standard input, read a block at a time: a line longer than
/// max_export_line is refused as soon as that much of it is read, never held whole.
class line_reader {
 public:
  explicit line_reader(const std::string& file) : name_(file) {
    if (file == "-") {
      file_ = stdin;
      return;
    }
    file_ = std::fopen(file.c_str(), "rb");
    struct stat info {};
    if (file_ == nullptr || ::fstat(::fileno(file_), &info) != 0 || S_ISDIR(info.st_mode)) {
      if (file_ != nullptr) std::fclose(file_);
      throw data_error(
          fmt::format("cannot read {}; give the path of a file 'rebuild export' "
                      "wrote, or - for standard input",
                      file));
    }
  }
  ~line_reader() {
    if (file_ != nullptr && file_ != stdin) std::fclose(file_);
    crypto::wipe(text_);
  }
  line_reader(const line_reader&) = delete;
  line_reader& operator=(const line_reader&) = delete;

  /// Whether the input starts like a sealed file (`export --encrypt`); reads its first block,
  /// takes nothing from it.
  bool sealed() {
    if (!started_) refill();
    return crypto::is_sealed_stream(std::string_view(block_ + at_, end_ - at_));
  }

  /// Everything not read yet, whole: a sealed file is opened in one piece.
  std::string rest() {
    std::string all;
    while (at_ < end_ || refill()) {
      all.append(block_ + at_, end_ - at_);
      at_ = end_;
    }
    return all;
  }

  /// From now on, the lines of `text` (what a sealed file held) instead of the input's.
  void read_instead(std::string text) {
    crypto::wipe(text_);
    text_ = std::move(text);
    text_at_ = 0;
    from_text_ = true;
    at_ = end_ = 0;
  }

  /// The next line, without its line break; false at the end. A last line without a line
  /// break is a line; nothing after the last line break is not. Throws data_error for a line
  /// that is too long, io_error when the input cannot be read.
  bool next(std::string& line) {
    line.clear();
    bool any = false;  // a byte of this line (or its line break) was read
    while (true) {
      if (at_ == end_ && !refill()) return any;
      any = true;
      const char* from = block_ + at_;
      const auto* found = static_cast<const char*>(std::memchr(from, '\n', end_ - at_));
      const std::size_t taken = found != nullptr ? found - from : end_ - at_;
      if (line.size() + taken > max_export_line)
        throw data_error(
            fmt::format("the line is longer than {} bytes (1 MiB), the most an "
                        "export line may be",
                        max_export_line));
      line.append(from, taken);
      at_ += taken;
      if (found != nullptr) {
        ++at_;
        return true;
      }
    }
  }

 private:
  /// The next block; false at the end. Throws io_error when the input cannot be read.
  bool refill() {
    started_ = true;
    at_ = 0;
    if (from_text_) {
      end_ = std::min(sizeof block_, text_.size() - text_at_);
      std::memcpy(block_, text_.data() + text_at_, end_);
      text_at_ += end_;
      return end_ > 0;
    }
    end_ = std::fread(block_, 1, sizeof block_, file_);
    if (end_ == 0 && std::ferror(file_))
      throw io_error(
          fmt::format("cannot read {} ({}); nothing was imported", name_, std::strerror(errno)));
    return end_ > 0;
  }

  std::string name_;
  std::FILE* file_ = nullptr;
  char block_[64 * 1024];
  std::size_t at_ = 0;
  std::size_t end_ = 0;
  bool started_ = false;
  bool from_text_ = false;
  std::string text_;
  std::size_t text_at_ = 0;
};

bool blank(const std::string& line) { return line.find_first_not_of(" \t\r") == std::string::npos; }

/// An entry whose reference names an entry of this journal, or of the file (before or after
/// it): the file is written day by day, so an entry dated before the one it refers to (a
/// ritual kept yesterday, added to the journal today) comes first. Such an entry waits until
/// the end of the file.
struct waiting {
  int line;
  entry item;
};
constexpr std::size_t max_waiting = 10000;

/// What the entry refers to that is not in the journal (any kind: fold checks the kind), as
/// a reason; empty when everything it names is here.
std::string missing_reference(journal& j, const entry& e) {
  if (e.deleted) return {};
  for (const auto& f : e.kind->fields) {
    if (f.type != field_type::reference) continue;
    const auto* id = std::get_if<std::string>(&e.get(f.name));
    if (id == nullptr) continue;
    try {
      find_entry(j, *id);
    } catch (const data_error&) {
      return fmt::format("{} {}: the {} {} is neither in this journal nor in the file",
                         e.kind->label, e.short_id(), f.label, id->substr(0, 8));
    }
  }
  return {};
}

bool has_entries(journal& j) {
  log_filter any;
  any.with_deleted = true;
  any.limit = 1;
  bool found = false;
  each_entry(j, any, [&found](entry&) { found = true; });
  return found;
}

/// The settings of the file (`config`: plan.start, checkin.time). A journal without entries
/// yet (just made by `init` to take the file) takes the file's, as a clone takes the
/// settings of what it copies; a journal with entries of its own keeps its own, and says
/// which of the file's differ.
class settings_fold {
 public:
  settings_fold(journal& j, fold& folding) : j_(j), folding_(folding), fresh_(!has_entries(j)) {}

  void take(const export_setting& s) {
    if (!seen_.insert(s.key).second)
      throw data_error(fmt::format("a second line for the setting {}", s.key));
    if (s.value.empty()) return;  // the other journal had none
    const std::string ours = setting(j_, s.key);
    if (ours == s.value) return;
    if (fresh_) {
      set_setting(j_, s.key, s.value);
      folding_.setting_taken();
      taken_.emplace_back(s.key, s.value);
    } else {
      kept_.push_back({s.key, ours, s.value});
    }
  }

  void add_to(nlohmann::ordered_json& doc) const {
    auto taken = nlohmann::ordered_json::object();
    for (const auto& [key, value] : taken_) taken[key] = value;
    auto kept = nlohmann::ordered_json::object();
    for (const auto& k : kept_) kept[k.key] = k.ours;
    doc["settings_taken"] = taken;
    doc["settings_kept"] = kept;
  }

  void print() const {
    std::vector<std::string> parts;
    for (const auto& [key, value] : taken_) parts.push_back(fmt::format("{} {}", key, value));
    if (!parts.empty())
      fmt::print("Took the file's settings, as this journal had no entries yet: {}.\n",
                 fmt::join(parts, ", "));
    parts.clear();
    for (const auto& k : kept_)
      parts.push_back(fmt::format("{} {} (the file has {}; 'rebuild config {} {}' takes it)", k.key,
                                  k.ours, k.theirs, k.key, k.theirs));
    if (!parts.empty())
      fmt::print("Kept this journal's settings, as it has entries of its own: {}.\n",
                 fmt::join(parts, "; "));
  }

 private:
  struct kept_setting {
    std::string key, ours, theirs;
  };
  journal& j_;
  fold& folding_;
  bool fresh_;
  std::set<std::string> seen_;
  std::vector<std::pair<std::string, std::string>> taken_;
  std::vector<kept_setting> kept_;
};

struct import_options {
  std::string file;
  passphrase_source source;
};

/// A sealed export (`export --encrypt`) is opened whole, in memory only, with its passphrase;
/// its lines are then read as a plain file's.
void open_if_sealed(context& ctx, line_reader& in, const import_options& o) {
  if (!in.sealed()) return;
  std::string passphrase = read_passphrase(ctx, o.source, "The export's passphrase:", false);
  std::string text;
  try {
    text = open_sealed_text(in.rest(), passphrase, o.file);
  } catch (const error& e) {
    crypto::wipe(passphrase);
    if (e.code() == exit_code::data)
      throw data_error(fmt::format("{}; nothing was imported", e.what()));
    if (e.code() == exit_code::io)
      throw io_error(fmt::format("{}; nothing was imported", e.what()));
    throw;
  }
  crypto::wipe(passphrase);
  if (text.rfind("SQLite format 3", 0) == 0) {
    crypto::wipe(text);
    throw data_error(
        fmt::format("{} is an encrypted backup, not an export; 'rebuild restore {}' "
                    "puts a backup in place of the journal",
                    o.file, o.file));
  }
  in.read_instead(std::move(text));
}

void run_import(context& ctx, const import_options& o) {
  const std::string& file = o.file;
  line_reader in(file);
  auto& j = ctx.journal();
  open_if_sealed(ctx, in, o);
  const days_t today = ctx.now().today();
  fold folding(ctx);
  write_transaction txn(j);
  settings_fold settings(j, folding);
  int number = 0;
  const auto at_line = [&file](int line, const std::string& why) {
    return data_error(fmt::format("{} line {}: {}; nothing was imported", file, line, why));
  };
  std::vector<waiting> later;
  std::vector<std::string> refused;  // lines with a clock reading no device could have made
  std::string text;
  std::optional<progress> shown;  // gone before anything else is printed
  shown.emplace("Importing " + (file == "-" ? std::string("standard input") : file), "lines read");
  while (true) {
    ++number;
    shown->tick(static_cast<std::size_t>(number));
    try {
      if (!in.next(text)) break;
      if (blank(text))
        throw data_error("a blank line, which a file 'rebuild export' wrote never has");
      export_line line = parse_export_line(text, number == 1, today);
      if (const auto* p = std::get_if<partner>(&line)) {
        folding.partner(*p);
      } else if (auto* e = std::get_if<entry>(&line)) {
        if (missing_reference(j, *e).empty()) {
          folding.entry(std::move(*e));
        } else {
          if (later.size() >= max_waiting)
            throw data_error(
                fmt::format("more than {} entries refer to entries further on", max_waiting));
          later.push_back({number, std::move(*e)});
        }
      } else if (const auto* s = std::get_if<export_setting>(&line)) {
        settings.take(*s);
      }  // the header was checked
    } catch (const refused_reading& e) {
      // That change alone: the rest of the file is taken, and the line is named.
      if (number == 1) throw at_line(number, e.what());
      refused.push_back(fmt::format("{} line {}: not taken: {}", file, number, e.what()));
    } catch (const data_error& e) {
      throw at_line(number, e.what());
    }
  }
  if (number == 1) throw data_error(fmt::format("{} is empty; nothing was imported", file));
  for (auto& w : later) {
    try {
      if (const std::string why = missing_reference(j, w.item); !why.empty()) throw data_error(why);
      folding.entry(std::move(w.item));
    } catch (const data_error& e) {
      throw at_line(w.line, e.what());
    }
  }
  txn.commit();
  shown.reset();
  for (const auto& line : refused) fmt::print(stderr, "rebuild: warning: {}\n", line);
  if (ctx.globals.json) {
    auto doc = folding.to_json(file);
    settings.add_to(doc);
    doc["refused_lines"] = refused.size();
    return print_json(doc);
  }
  folding.print(file);
  settings.print();
}

}  // namespace

void setup_import(CLI::App& app, context& ctx, command_list& commands) {
  auto o = std::make_shared<import_options>();
  CLI::App* sub = add_command(
      app, "import",
      "Fold in what 'rebuild export' wrote, by entry id; importing twice changes nothing",
      "  rebuild import rebuild.jsonl\n"
      "  ssh laptop rebuild export | rebuild import -\n"
      "  rebuild import rebuild.jsonl.enc        (encrypted: asks for its passphrase)\n");
  sub->add_option("file", o->file, "a JSON-lines file from 'rebuild export', or - for stdin")
      ->required()
      ->type_name("FILE");
  add_passphrase_fd(sub, o->source, "passphrase-fd",
                    "for an encrypted export, read its passphrase from this file descriptor (its "
                    "first line)");
  commands.push_back({sub, [&ctx, o] { run_import(ctx, *o); }});
}

}  // namespace rebuild::cli
