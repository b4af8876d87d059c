// rebuild merge OTHER.db
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>

#include "commands.hpp"
#include "shared/fold.hpp"
#include "shared/options.hpp"
#include "rebuild/errors.hpp"

namespace rebuild::cli {
namespace {

namespace fs = std::filesystem;

void run_merge(context& ctx, const std::string& other) {
  auto& j = ctx.journal();
  std::error_code ec;
  if (fs::equivalent(other, j.path(), ec))
    throw data_error(fmt::format("{} is this journal; merge takes another copy of it", other));
  // The other copy is read through a scratch copy beside this journal, so that it is never
  // written to, even to bring it up to this build's schema.
  struct scratch_file {
    fs::path path;
    ~scratch_file() { remove_copy(path); }
  } scratch{fs::path(j.path()).replace_filename(
      fmt::format(".{}.merge-{}", j.path().filename().string(), ::getpid()))};
  journal theirs = open_copy(other, scratch.path);
  const read_transaction snapshot(theirs);
  fold folding(ctx);
  write_transaction txn(j);
  for (const auto& p : partners(theirs)) folding.partner(p);
  log_filter everything;
  everything.with_deleted = true;
  everything.oldest_first = true;
  each_entry(theirs, everything, [&](entry& e) { folding.entry(std::move(e)); });
  txn.commit();
  folding.print(other);
}

}  // namespace

void setup_merge(CLI::App& app, context& ctx, command_list& commands) {
  auto other = std::make_shared<std::string>();
  CLI::App* sub = add_command(
      app, "merge",
      "Fold a partner's copy of the journal in, by entry id; merging twice changes nothing",
      "  rebuild merge /media/usb/sam-journal.db\n");
  sub->add_option("other", *other, "the other copy of the journal (read, never written)")
      ->required()
      ->type_name("OTHER.db");
  commands.push_back({sub, [&ctx, other] { run_merge(ctx, *other); }});
}

}  // namespace rebuild::cli
