// rebuild merge OTHER.db
#include <fmt/format.h>

#include <filesystem>
#include <optional>

#include "commands.hpp"
#include "rebuild/conflicts.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/temp_files.hpp"
#include "shared/fold.hpp"
#include "shared/options.hpp"
#include "shared/progress.hpp"

namespace rebuild::cli {
namespace {

namespace fs = std::filesystem;

void run_merge(context& ctx, const std::string& other) {
  auto& j = ctx.journal();
  std::error_code ec;
  if (fs::equivalent(other, j.path(), ec))
    throw data_error(fmt::format("{} is this journal; merge takes another copy of it", other));
  // The other copy is read through a scratch copy in a private folder beside this journal,
  // so that it is never written to (or beside), even to bring it up to this build's schema.
  // The folder goes on every way out; one a killed merge left is swept by the next command.
  temp_folder scratch(temp_beside(j.path(), "scratch"));
  journal theirs = open_copy(other, scratch.file("theirs.db"));
  const read_transaction snapshot(theirs);
  fold folding(ctx);
  write_transaction txn(j);
  for (const auto& p : partners(theirs)) folding.partner(p);
  log_filter everything;
  everything.with_deleted = true;
  everything.oldest_first = true;
  std::optional<progress> shown(std::in_place, "Merging " + other, "entries read");
  std::size_t read = 0;
  // One set aside there (another of its day stood) comes as it was, with its words, never as
  // a tombstone: the same rule sets one of the two aside here, and nothing is lost.
  each_entry(theirs, everything, [&](entry& e) {
    auto aside = e.deleted ? set_aside_version(theirs, e) : std::nullopt;
    folding.entry(aside ? std::move(*aside) : std::move(e));
    shown->tick(++read);
  });
  txn.commit();
  shown.reset();
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
