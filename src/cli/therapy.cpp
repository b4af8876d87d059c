// rebuild therapy · therapy session [--note S] · therapy homework [add S | done ID [--note S]]
// Counselling (000, "expert help": "8 to twelve sessions", "homework between sessions"): the
// sessions, and the homework between them, so the therapist sees what was done.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/practices.hpp"
#include "rebuild/support.hpp"
#include "shared/options.hpp"
#include "shared/present.hpp"
#include "shared/record.hpp"
#include "shared/terminal.hpp"
#include "shared/wrap.hpp"

namespace rebuild::cli {
namespace {

struct note_options {
  std::string note;
  CLI::Option* note_flag = nullptr;
  when_options at;
};

struct done_options {
  std::string id;
  note_options rest;
};

void list_therapy(context& ctx, bool homework_only) {
  auto& j = ctx.journal();
  const read_transaction snapshot(j);
  const days_t today = ctx.now().today();
  const int sessions = therapy_sessions_by(j, today);
  log_filter last_session;
  last_session.kind = &kind_named("therapy-session");
  last_session.until = today;
  last_session.limit = 1;
  const auto last = list_entries(j, last_session);
  const auto work = homework_by(j, today);
  if (ctx.globals.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& h : work)
      list.push_back({{"id", h.uuid},
                      {"text", h.text},
                      {"set_on", iso_day(h.day)},
                      {"done_on", h.done ? nlohmann::ordered_json(iso_day(*h.done))
                                         : nlohmann::ordered_json()}});
    if (homework_only) return print_json({{"homework", list}});
    return print_json(
        {{"sessions", sessions},
         {"last_session", last.empty() ? nlohmann::ordered_json()
                                       : nlohmann::ordered_json(iso_day(last.front().day))},
         {"homework", list}});
  }
  if (!homework_only) {
    if (sessions == 0)
      fmt::print("No therapy sessions yet. After one: rebuild therapy session --note \"...\"\n");
    else
      fmt::print("{} so far, the last on {} (the guide speaks of 8 to 12).\n",
                 sessions == 1 ? std::string("1 therapy session")
                               : fmt::format("{} therapy sessions", sessions),
                 human_day(last.front().day));
  }
  std::size_t open = 0, done = 0;
  for (const auto& h : work) (h.done ? done : open) += 1;
  if (work.empty()) {
    fmt::print("No homework yet: rebuild therapy homework add \"...\"\n");
    return;
  }
  const std::size_t width = output_width();
  if (open == 0)
    fmt::print("No open homework.\n");
  else
    fmt::print("Open homework:\n");
  for (const auto& h : work) {
    if (h.done) continue;
    const std::string id = paint(h.short_id(), fmt::fg(fmt::terminal_color::yellow), ctx.color());
    const auto lines =
        wrap_text(h.text + " (since " + human_day(h.day) + ")", width > 12 ? width - 12 : width);
    fmt::print("  {}  {}\n", id, lines.front());
    for (std::size_t i = 1; i < lines.size(); ++i) fmt::print("{:12}{}\n", "", lines[i]);
  }
  if (done > 0) fmt::print("Done: {} (rebuild log --type homework-done)\n", done);
}

void add_session(context& ctx, const note_options& o) {
  const partner who = ctx.writer();
  const when at = o.at.resolve(ctx, "a therapy session");
  field_values fields;
  if (*o.note_flag) fields["note"] = ctx.text(o.note);
  print_recorded(ctx, record_entry(ctx, kind_named("therapy-session"), who, at, fields));
}

void homework_done(context& ctx, const done_options& o) {
  const partner who = ctx.writer();
  auto& j = ctx.journal();
  const entry h = find_of_kind(ctx, o.id, "homework");
  const when at = o.rest.at.resolve(ctx, "homework done");
  for (const auto& v : homework_by(j, every_day_ever))
    if (v.uuid == h.uuid && v.done)
      return print_unchanged(
          ctx,
          fmt::format("That homework was done on {} already; nothing changed.", human_day(*v.done)),
          &h);
  if (at.day < h.day)
    throw data_error(
        fmt::format("that homework was given on {}; it cannot be done before", iso_day(h.day)));
  field_values fields{{"homework", h.uuid}};
  if (*o.rest.note_flag) fields["note"] = ctx.text(o.rest.note);
  print_recorded(ctx, record_entry(ctx, kind_named("homework-done"), who, at, fields));
}

}  // namespace

void setup_therapy(CLI::App& app, context& ctx, command_list& commands) {
  CLI::App* sub =
      add_command(app, "therapy", "Counselling: sessions and the homework between them",
                  "  rebuild therapy\n"
                  "  rebuild therapy session --note \"We practised the repair script\"\n"
                  "  rebuild therapy homework add \"Ten minutes of talk each night\"\n"
                  "  rebuild therapy homework done 3f2a91c0\n");
  commands.push_back({sub, [&ctx] { list_therapy(ctx, false); }});

  auto s = std::make_shared<note_options>();
  CLI::App* session = add_command(*sub, "session", "A counselling session you went to", "");
  s->note_flag = session->add_option("--note", s->note, "a note ('-': stdin)")->type_name("S");
  s->at.add_to(session, "it took place");
  commands.push_back({session, [&ctx, s] { add_session(ctx, *s); }});

  CLI::App* homework = add_command(*sub, "homework", "Homework between sessions: add, done", "");
  commands.push_back({homework, [&ctx] { list_therapy(ctx, true); }});

  CLI::App* add = add_command(*homework, "add", "Homework a session gave you", "");
  bind_text_entry(add, ctx, commands,
                  {"homework", "what the session asked of you before the next", "it was given"});

  auto d = std::make_shared<done_options>();
  CLI::App* done = add_command(*homework, "done", "Homework you have done", "");
  done->add_option("id", d->id, "the homework's id, or a unique start of it")
      ->required()
      ->type_name("ID");
  d->rest.note_flag =
      done->add_option("--note", d->rest.note, "a note ('-': stdin)")->type_name("S");
  d->rest.at.add_to(done, "it was done");
  commands.push_back({done, [&ctx, d] { homework_done(ctx, *d); }});
}

}  // namespace rebuild::cli
