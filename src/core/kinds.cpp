#include <fmt/format.h>

#include <algorithm>

#include "rebuild/dates.hpp"
#include "rebuild/entries.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/text.hpp"

namespace rebuild {

const field_spec* kind_spec::field(std::string_view field_name) const {
  for (const auto& f : fields)
    if (f.name == field_name) return &f;
  return nullptr;
}

const std::vector<std::string_view>& monthly_days() {
  static const std::vector<std::string_view> all = [] {
    static std::vector<std::string> words;
    for (const char* nth : {"first", "second", "third", "fourth", "last"})
      for (const char* day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"})
        words.push_back(std::string(nth) + " " + day);
    return std::vector<std::string_view>(words.begin(), words.end());
  }();
  return all;
}

const std::vector<kind_spec>& kinds() {
  using t = field_type;
  static const std::vector<kind_spec> all = {
      {"checkin",
       "check-in",
       "checkins",
       {{"mood", "mood", t::integer, true, 1, 10},
        {"stress", "stress", t::integer, true, 1, 10},
        {"appreciation", "appreciation", t::text},
        {"minutes", "minutes", t::integer, false, 0, 1440},
        {"phones_away", "phones away", t::boolean},
        {"note", "note", t::text}},
       once_per::day},
      {"gesture", "gesture", "gestures", {{"text", "gesture", t::text, true}}},
      {"bid",
       "bid",
       "bids",
       {{"text", "bid", t::text, true},
        {"response", "response", t::choice, true, 0, 0, {"toward", "away", "against"}}}},
      // A repair; the second guide's sequence (001: "begin with apology, move toward
      // reassurance, and end with a mutual commitment") when all three parts are there.
      {"repair",
       "repair",
       "repairs",
       {{"text", "repair", t::text, true},
        {"accepted", "accepted", t::boolean},
        {"apology", "apology", t::text},
        {"reassurance", "reassurance", t::text},
        {"commitment", "commitment", t::text},
        // 001's repair ritual ends in "a return to a neutral activity that calms the nervous
        // system"; the flag is --then.
        {"neutral", "neutral activity", t::text}}},
      {"goal",
       "goal",
       "goals",
       {{"problem", "problem", t::text, true},
        {"outcome", "outcome", t::text, true},
        {"months", "months", t::integer, true, 1, 12}}},
      {"rating",
       "goal rating",
       "ratings",
       {{"rating", "rating", t::integer, true, 0, 10}, {"note", "note", t::text}},
       once_per::week},
      {"rule",
       "rule",
       "rules",
       {{"type",
         "kind of rule",
         t::choice,
         true,
         0,
         0,
         {"stop-phrase", "red-line", "touch", "script"}},
        {"text", "rule", t::text, true}},
       once_per::none,
       true},
      // 000: "If you do not return, you arrange the return within 24 hours."
      {"timeout",
       "time-out",
       "timeouts",
       {{"phrase", "phrase", t::text}, {"return_by", "arranged return", t::moment}}},
      {"timeout-return",
       "return from a time-out",
       "timeout_returns",
       {{"timeout", "time-out", t::reference, true, 0, 0, {}, "timeout"},
        {"note", "note", t::text}}},
      {"concern",
       "concern",
       "concerns",
       {{"describe", "description", t::text, true},
        {"impact", "impact", t::text, true},
        {"ask", "ask", t::text, true}}},
      {"concern-answer",
       "answer to a concern",
       "concern_answers",
       {{"concern", "concern", t::reference, true, 0, 0, {}, "concern"},
        {"hear", "what you hear", t::text, true},
        {"commit_to", "what you can commit to", t::text, true},
        {"hurdle", "what you will need support with", t::text},
        // 000: "It makes sense you'd feel [feeling], given [situation]".
        {"validate", "validation", t::text}}},
      {"task",
       "job",
       "tasks",
       {{"name", "job's name", t::text, true},
        {"cadence",
         "cadence",
         t::choice,
         false,
         0,
         0,
         {"daily", "weekly", "monthly", "quarterly", "yearly", "as-needed"}},
        {"load", "load", t::integer, false, 1, 5},
        // 000: "agree on quality thresholds and deadlines".
        {"standard", "quality standard", t::text},
        {"deadline", "deadline", t::day}},
       once_per::none,
       true,
       "name"},
      {"task-assignment",
       "job assignment",
       "task_assignments",
       {{"task", "job", t::reference, true, 0, 0, {}, "task"}, {"owner", "owner", t::partner}}},
      {"task-review", "monthly job review", "task_reviews", {{"note", "note", t::text}}},
      {"stage-move",
       "stage move",
       "stage_moves",
       {{"move", "move", t::choice, true, 0, 0, {"advance", "back"}},
        {"stage", "stage", t::integer, true, 1, 3}}},
      {"touch",
       "touch session",
       "touch_sessions",
       {{"stage", "stage", t::integer, true, 1, 3},
        {"minutes", "minutes", t::integer, false, 0, 1440},
        {"giver", "giver", t::partner},
        {"signal", "signal", t::choice, false, 0, 0, {"green", "yellow", "red"}},
        {"note", "note", t::text},
        {"each_way", "each way", t::boolean}}},
      {"touch-window",
       "touch window",
       "touch_windows",
       {{"weekday",
         "day",
         t::choice,
         true,
         0,
         0,
         {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}},
        {"start", "start", t::clock, true}},
       once_per::none,
       true},
      {"initiation",
       "initiation",
       "initiations",
       {{"tier", "tier", t::choice, true, 0, 0, {"connection", "adventure"}},
        {"accepted", "accepted", t::boolean}}},
      {"ritual",
       "ritual",
       "rituals",
       {{"name", "ritual's name", t::text, true},
        {"every",
         "cadence",
         t::choice,
         true,
         0,
         0,
         {"daily", "weekly", "monthly", "mon", "tue", "wed", "thu", "fri", "sat", "sun"}},
        {"paused", "paused", t::boolean, true},
        // A monthly ritual's day ("first sat"); none: any day of the month.
        {"on_day", "day of the month", t::choice, false, 0, 0, monthly_days()}},
       once_per::none,
       true,
       "name"},
      {"ritual-kept",
       "ritual kept",
       "rituals_kept",
       {{"ritual", "ritual", t::reference, true, 0, 0, {}, "ritual"}, {"note", "note", t::text}}},
      {"ritual-pause",
       "ritual paused or resumed",
       "ritual_pauses",
       {{"ritual", "ritual", t::reference, true, 0, 0, {}, "ritual"},
        {"paused", "paused", t::boolean, true}}},
      {"review",
       "quarterly review",
       "reviews",
       {{"good", "what felt good", t::text, true},
        {"heavy", "what felt heavy", t::text, true},
        {"next", "the next experiment", t::text, true}}},
      // Celebrations and counselling (000: the roadmap's weeks 7-8, "expert help").
      {"celebration", "celebration", "celebrations", {{"text", "celebration", t::text, true}}},
      {"therapy-session", "therapy session", "therapy_sessions", {{"note", "note", t::text}}},
      {"homework",
       "homework task",
       "homework",
       {{"text", "homework", t::text, true}},
       once_per::none,
       true},
      {"homework-done",
       "homework done",
       "homework_done",
       {{"homework", "homework", t::reference, true, 0, 0, {}, "homework"},
        {"note", "note", t::text}}},
      // Transparency as a scaffold (000 Step 3): an agreement with the day it ends.
      {"transparency",
       "transparency agreement",
       "transparency",
       {{"text", "agreement", t::text, true}, {"until", "end date", t::day, true}},
       once_per::none,
       true},
      {"transparency-end",
       "end of a transparency agreement",
       "transparency_ends",
       {{"agreement", "agreement", t::reference, true, 0, 0, {}, "transparency"},
        {"note", "note", t::text}}},
      // The second guide (001): triggers mapped to an agreed response, and each time one
      // fires; automatic thoughts with the evidence against them; each partner's account of
      // a rupture, the second referring to the first.
      {"trigger",
       "trigger",
       "triggers",
       {{"text", "trigger", t::text, true}, {"response", "agreed response", t::text, true}},
       once_per::none,
       false,
       "text"},
      {"trigger-hit",
       "trigger fired",
       "trigger_hits",
       {{"trigger", "trigger", t::reference, true, 0, 0, {}, "trigger"},
        {"used", "response used", t::boolean},
        {"note", "note", t::text}}},
      {"thought",
       "thought",
       "thoughts",
       {{"text", "thought", t::text, true},
        {"evidence", "evidence", t::text, true},
        {"reframe", "reframe", t::text}}},
      {"story",
       "story",
       "stories",
       {{"title", "title", t::text},
        {"happened", "account of what happened", t::text, true},
        {"needed", "unmet need", t::text, true},
        {"possible", "possibility", t::text, true},
        {"about", "story", t::reference, false, 0, 0, {}, "story"}}},
      // Added in schema 14 (SPEC turn 3), at the end so that earlier columns keep their order.
      // The other partner's side of a repair's commitment (001: "a mutual commitment").
      {"repair-commitment",
       "commitment to a repair",
       "repair_commitments",
       {{"repair", "repair", t::reference, true, 0, 0, {}, "repair"},
        {"commitment", "commitment", t::text, true}}},
      // A red line crossed: the pair's guardrail, noted without blame (000: "Hold these
      // lines like guardrails, not weapons").
      {"rule-crossing",
       "red line crossed",
       "rule_crossings",
       {{"rule", "red line", t::reference, true, 0, 0, {}, "rule"}, {"note", "note", t::text}}},
      // Agenda items kept for another day than the check-in (000: "You can add agenda items
      // on another day"), and each one talked through.
      {"agenda",
       "agenda item",
       "agenda",
       {{"text", "agenda item", t::text, true}, {"for_day", "day", t::day}},
       once_per::none,
       true},
      // A touch window removed from a day on: the window stays, with its end, so that a
      // week before that day still counts it (issue 26 item 1).
      {"touch-window-end",
       "touch window removed",
       "touch_window_ends",
       {{"window", "touch window", t::reference, true, 0, 0, {}, "touch-window"}}},
      // A job's or a ritual's fields as they were before an edit, dated at the edit, so that a
      // week before it reads them as they stood (issue 26 item 1). Written with the edit.
      {"task-change",
       "job changed",
       "task_changes",
       {{"task", "job", t::reference, true, 0, 0, {}, "task"},
        {"changed", "fields changed", t::text, true},
        {"name", "job's name before", t::text},
        {"cadence",
         "cadence before",
         t::choice,
         false,
         0,
         0,
         {"daily", "weekly", "monthly", "quarterly", "yearly", "as-needed"}},
        {"load", "load before", t::integer, false, 1, 5},
        {"standard", "quality standard before", t::text},
        {"deadline", "deadline before", t::day}},
       once_per::none,
       false,
       {},
       "task"},
      {"ritual-change",
       "ritual changed",
       "ritual_changes",
       {{"ritual", "ritual", t::reference, true, 0, 0, {}, "ritual"},
        {"changed", "fields changed", t::text, true},
        {"name", "ritual's name before", t::text},
        {"every",
         "cadence before",
         t::choice,
         false,
         0,
         0,
         {"daily", "weekly", "monthly", "mon", "tue", "wed", "thu", "fri", "sat", "sun"}},
        {"on_day", "day of the month before", t::choice, false, 0, 0, monthly_days()}},
       once_per::none,
       false,
       {},
       "ritual"},
      {"agenda-done",
       "agenda item talked through",
       "agenda_done",
       {{"agenda", "agenda item", t::reference, true, 0, 0, {}, "agenda"},
        {"note", "note", t::text}}},
      // A rule's or a transparency agreement's words as they were before an edit, and a rule
      // removed from a day on (`rules remove`), so that a week before it reads the pair's
      // agreements as they stood (issue 26 item 1).
      {"rule-change",
       "rule changed",
       "rule_changes",
       {{"rule", "rule", t::reference, true, 0, 0, {}, "rule"},
        {"changed", "fields changed", t::text, true},
        {"type",
         "kind of rule before",
         t::choice,
         false,
         0,
         0,
         {"stop-phrase", "red-line", "touch", "script"}},
        {"text", "rule before", t::text}},
       once_per::none,
       false,
       {},
       "rule"},
      {"transparency-change",
       "transparency agreement changed",
       "transparency_changes",
       {{"agreement", "agreement", t::reference, true, 0, 0, {}, "transparency"},
        {"changed", "fields changed", t::text, true},
        {"text", "agreement before", t::text},
        {"until", "end date before", t::day}},
       once_per::none,
       false,
       {},
       "transparency"},
      {"rule-end",
       "rule removed",
       "rule_ends",
       {{"rule", "rule", t::reference, true, 0, 0, {}, "rule"}}},
  };
  return all;
}

const kind_spec* history_kind(const kind_spec& kind) {
  for (const auto& k : kinds())
    if (k.history_of == kind.name) return &k;
  return nullptr;
}

const kind_spec& kind_named(std::string_view name) {
  for (const auto& k : kinds())
    if (k.name == name) return k;
  std::string names;
  for (const auto& k : kinds()) names += (names.empty() ? "" : ", ") + std::string(k.name);
  throw data_error(fmt::format("there is no entry type '{}'; the types are {}", name, names));
}

void validate_text(std::string_view label, std::string_view text) {
  const auto length = utf8_length(text);
  if (!length)
    throw data_error(
        fmt::format("the {} is not valid UTF-8 text; check your terminal's encoding", label));
  if (std::all_of(text.begin(), text.end(),
                  [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }))
    throw data_error(fmt::format(
        "the {} is empty; write a few words, or '-' to type them on standard input", label));
  if (*length > max_text_length)
    throw data_error(fmt::format("the {} is {} characters long; the most a text can hold is {}",
                                 label, *length, max_text_length));
  if (const auto c = first_control(text, true))
    throw data_error(
        fmt::format("the {} holds a control character ({}); text may hold line "
                    "breaks and tabs, but no other control characters",
                    label, code_point_name(*c)));
}

void validate_value(const field_spec& field, const value& v) {
  if (std::holds_alternative<std::monostate>(v)) {
    if (field.required) throw data_error(fmt::format("the {} cannot be left out", field.label));
    return;
  }
  switch (field.type) {
    case field_type::integer:
    case field_type::boolean: {
      const auto* n = std::get_if<std::int64_t>(&v);
      const int lo = field.type == field_type::boolean ? 0 : field.min;
      const int hi = field.type == field_type::boolean ? 1 : field.max;
      if (n == nullptr || *n < lo || *n > hi)
        throw data_error(
            fmt::format("the {} must be a whole number from {} to {}", field.label, lo, hi));
      return;
    }
    case field_type::text: {
      const auto* s = std::get_if<std::string>(&v);
      if (s == nullptr) throw data_error(fmt::format("the {} must be text", field.label));
      validate_text(field.label, *s);
      return;
    }
    case field_type::clock: {
      const auto* s = std::get_if<std::string>(&v);
      if (s == nullptr) throw data_error(fmt::format("the {} must be a time, HH:MM", field.label));
      parse_time_of_day(*s);
      return;
    }
    case field_type::moment: {
      const auto* s = std::get_if<std::string>(&v);
      bool ok = s != nullptr && s->size() == 16 && (*s)[10] == ' ';
      if (ok) try {
          ok = iso_day(day_from_iso(s->substr(0, 10))) == s->substr(0, 10) &&
               hh_mm(parse_time_of_day(s->substr(11))) == s->substr(11);
        } catch (const error&) {
          ok = false;
        }
      if (!ok)
        throw data_error(
            fmt::format("the {} must be a day and time, YYYY-MM-DD HH:MM", field.label));
      return;
    }
    case field_type::day: {
      const auto* s = std::get_if<std::string>(&v);
      bool ok = s != nullptr && s->size() == 10;
      if (ok) try {
          ok = iso_day(day_from_iso(*s)) == *s;
        } catch (const io_error&) {
          ok = false;
        }
      if (!ok) throw data_error(fmt::format("the {} must be a day, YYYY-MM-DD", field.label));
      return;
    }
    case field_type::partner:
    case field_type::reference: {
      // Checked against the journal where it is written (add_entry, edit_entry).
      const auto* s = std::get_if<std::string>(&v);
      if (s == nullptr || s->empty())
        throw data_error(fmt::format("the {} is missing", field.label));
      return;
    }
    case field_type::choice: {
      const auto* s = std::get_if<std::string>(&v);
      if (s == nullptr ||
          std::find(field.choices.begin(), field.choices.end(), *s) == field.choices.end())
        throw data_error(
            fmt::format("the {} must be one of: {}", field.label, fmt::join(field.choices, ", ")));
      return;
    }
  }
}

}  // namespace rebuild
