// rebuild passphrase · passphrase set [--passphrase-fd N] ·
//   passphrase change [--passphrase-fd N] [--new-passphrase-fd M]
// A partner's passphrase, which unlocks the key that seals their private words (issue 13).
// Argon2id makes the passphrase's key (libsodium's interactive cost: about 64 MiB and a few
// tenths of a second); a wrong passphrase changes nothing, exit 65.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "rebuild/crypto.hpp"
#include "rebuild/keys.hpp"
#include "shared/options.hpp"
#include "shared/passphrase_input.hpp"
#include "shared/present.hpp"

namespace rebuild::cli {
namespace {

struct set_options {
  passphrase_source source;
};

struct change_options {
  passphrase_source current, next;
};

void show_passphrases(context& ctx) {
  auto& j = ctx.journal();
  const auto pair = partners(j);
  if (ctx.globals.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& p : pair) list.push_back({{"partner", p.name}, {"set", has_passphrase(j, p)}});
    return print_json({{"passphrases", list}});
  }
  for (const auto& p : pair)
    fmt::print("{}: {}\n", p.name,
               has_passphrase(j, p)
                   ? "a passphrase is set"
                   : fmt::format("no passphrase yet (rebuild passphrase set --as {})", p.name));
}

void print_done(context& ctx, const partner& who, const char* what) {
  if (ctx.globals.json) return print_json({{"partner", who.name}, {"passphrase", what}});
  fmt::print(
      "{} {}'s passphrase. It protects {}'s private words; nobody, rebuild included, "
      "can open them without it, so keep it somewhere safe.\n",
      what[0] == 's' ? "Set" : "Changed", who.name, who.name);
}

void set_command(context& ctx, const set_options& o) {
  const partner who = ctx.writer();
  auto& j = ctx.journal();
  if (has_passphrase(j, who))  // said before any passphrase is asked
    throw data_error(
        fmt::format("{} has a passphrase already; 'rebuild passphrase change' "
                    "changes it",
                    who.name));
  std::string passphrase =
      read_passphrase(ctx, o.source, fmt::format("A new passphrase for {}:", who.name), true);
  try {
    write_transaction txn(j);
    set_passphrase(j, who, passphrase, ctx.now());
    txn.commit();
  } catch (...) {
    crypto::wipe(passphrase);
    throw;
  }
  crypto::wipe(passphrase);
  print_done(ctx, who, "set");
}

void change_command(context& ctx, const change_options& o) {
  const partner who = ctx.writer();
  auto& j = ctx.journal();
  if (!has_passphrase(j, who))
    throw data_error(
        fmt::format("{} has no passphrase yet; set one with 'rebuild passphrase set'", who.name));
  std::string current =
      read_passphrase(ctx, o.current, fmt::format("{}'s passphrase now:", who.name), false);
  std::string next;
  rekeyed done;
  try {
    // The one now is checked before the new one is asked for.
    const crypto::key data = unlock(j, who, current);
    // With one descriptor for both, the new passphrase is its next line.
    const passphrase_source& from = *o.next.flag ? o.next : o.current;
    next = read_passphrase(ctx, from, "The new passphrase:", !*o.current.flag);
    write_transaction txn(j);
    done = change_passphrase(j, who, data, next, ctx.now());
    txn.commit();
  } catch (...) {
    crypto::wipe(current);
    crypto::wipe(next);
    throw;
  }
  crypto::wipe(current);
  crypto::wipe(next);
  if (ctx.globals.json)
    return print_json({{"partner", who.name},
                       {"passphrase", "changed"},
                       {"entries_sealed_again", done.entries},
                       {"answers_sealed_again", done.answers},
                       {"not_opened", done.unopened}});
  print_done(ctx, who, "changed");
  if (done.entries + done.answers > 0)
    fmt::print(
        "{}'s private words have a new key: {} private {} and {} inventory {} {} sealed "
        "again under it.\n",
        who.name, done.entries, done.entries == 1 ? "entry" : "entries", done.answers,
        done.answers == 1 ? "answer" : "answers", done.entries + done.answers == 1 ? "is" : "are");
  fmt::print(
      "A backup made before now still opens with the old passphrase; what is written from now "
      "on, only with the new one.\n");
  for (const auto& id : done.unopened)
    fmt::print(stderr,
               "rebuild: warning: the private words of entry {} did not open (changed or moved "
               "outside rebuild) and were left as they were; 'rebuild delete {} --private' "
               "removes them\n",
               id.substr(0, 8), id.substr(0, 8));
}

}  // namespace

void setup_passphrase(CLI::App& app, context& ctx, command_list& commands) {
  CLI::App* sub = add_command(
      app, "passphrase", "Your passphrase, which protects your private words: set, change",
      "  rebuild passphrase\n"
      "  rebuild passphrase set --as Dan              (asks twice, without echo)\n"
      "  rebuild passphrase set --as Dan --passphrase-fd 3 3< ~/.secret\n"
      "  rebuild passphrase change --as Dan\n");
  commands.push_back({sub, [&ctx] { show_passphrases(ctx); }});

  auto s = std::make_shared<set_options>();
  CLI::App* set = add_command(*sub, "set", "A first passphrase (asked twice on a terminal)", "");
  add_passphrase_fd(set, s->source, "passphrase-fd",
                    "read the passphrase from this file descriptor (its first line)");
  commands.push_back({set, [&ctx, s] { set_command(ctx, *s); }});

  auto c = std::make_shared<change_options>();
  CLI::App* change = add_command(*sub, "change", "A new passphrase, given the one now", "");
  add_passphrase_fd(change, c->current, "passphrase-fd",
                    "read the passphrase now from this descriptor (and, without "
                    "--new-passphrase-fd, the new one from its next line)");
  add_passphrase_fd(change, c->next, "new-passphrase-fd",
                    "read the new passphrase from this descriptor");
  commands.push_back({change, [&ctx, c] { change_command(ctx, *c); }});
}

}  // namespace rebuild::cli
