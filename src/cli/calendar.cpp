// rebuild calendar [--output FILE]: an RFC 5545 iCalendar of the recurring practices, with
// alarms and stable UIDs, so that importing it again updates the events instead of adding
// them twice. Times are floating local times: the calendar shows them at that hour wherever
// the couple is.
#include <fmt/format.h>

#include "commands.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/history.hpp"
#include "rebuild/practices.hpp"
#include "rebuild/settings.hpp"
#include "shared/options.hpp"
#include "shared/output_file.hpp"

namespace rebuild::cli {
namespace {

/// TEXT as RFC 5545 §3.3.11 escapes it.
std::string ical_text(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == ';' || c == ',')
      out += {'\\', c};
    else if (c == '\n')
      out += "\\n";
    else if (c != '\r')
      out += c;
  }
  return out;
}

/// Folds a content line at 75 octets (§3.1), never inside a UTF-8 sequence, and ends it CRLF.
std::string fold(const std::string& line) {
  std::string out;
  std::size_t width = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    const bool starts_char = (c & 0xC0) != 0x80;
    if (starts_char && width >= 74) {
      out += "\r\n ";
      width = 1;
    }
    out += line[i];
    ++width;
  }
  return out + "\r\n";
}

struct event {
  std::string uid;
  std::string summary;
  std::string description;
  std::string start;     // DTSTART's value and parameters, after "DTSTART"
  std::string duration;  // PT15M, P1D
  std::string rrule;
  std::string trigger;  // the alarm, relative to the start
  bool cancelled = false;
  std::optional<int> sequence = std::nullopt;  // RFC 5545 SEQUENCE, for events that change
};

std::string ical_day(days_t d) { return date::format("%Y%m%d", d); }

/// MO, TU, ... from mon, tue, ...
std::string byday(const std::string& weekday) {
  std::string out = weekday.substr(0, 2);
  for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::vector<event> events_of(journal& j, days_t today) {
  std::vector<event> out;
  const auto pair = partners(j);
  // A journal has no id of its own; its first partner's UUID is as stable.
  const std::string key = pair.empty() ? std::string("journal") : pair.front().uuid;
  const days_t start = plan_start(j);

  // Moving the check-in's time moves DTSTART, and SEQUENCE rises with it, so that a calendar
  // that imported the old time takes the new one.
  const std::string at = setting(j, "checkin.time");
  out.push_back({fmt::format("checkin-{}@rebuild", key), "Daily check-in",
                 "Mood, stress, one appreciation, 10 to 20 minutes, phones away. rebuild checkin",
                 fmt::format(":{}T{}00", ical_day(start), at.substr(0, 2) + at.substr(3, 2)),
                 "PT15M", "FREQ=DAILY", "PT0M", false, setting_revision(j, "checkin.time")});

  // How events are titled (calendar.titles): discreet (the default) never names touch or sex
  // and shows rituals by name; private names nothing of either; plain says what each is.
  const std::string titles = setting(j, "calendar.titles");
  const bool plain = titles == "plain";
  const bool names_hidden = titles == "private";

  // A ritual, live, paused or removed: the same start and RRULE each time, so that a calendar
  // that imported it matches the whole series (a cancelled event with a higher SEQUENCE drops
  // it, never moves it to the day it was removed).
  const auto ritual_event = [&](const std::string& uuid, days_t agreed, const field_values& f,
                                bool paused, bool removed, int revision) {
    const auto text = [&](const char* name) {
      const auto it = f.find(name);
      return it != f.end() && std::holds_alternative<std::string>(it->second)
                 ? std::get<std::string>(it->second)
                 : std::string();
    };
    const std::string every = text("every");
    days_t first = agreed;
    std::string rule = "FREQ=DAILY";
    if (every == "weekly") {
      rule = "FREQ=WEEKLY";
    } else if (every == "monthly" && text("on_day").empty()) {
      // Any day of the month: a reminder as its last seven days begin, when `due` counts it
      // due (BYMONTHDAY=-7: the 25th of a 31-day month), from the first such day on or after
      // the day it was agreed. A plain FREQ=MONTHLY would repeat the day it was agreed, and
      // skip the months without a 31st.
      rule = "FREQ=MONTHLY;BYMONTHDAY=-7";
      const date::year_month_day ymd{agreed};
      first = monthly_last_week(ymd.year() / ymd.month());
      if (first < agreed) first = monthly_last_week(ymd.year() / ymd.month() + date::months{1});
    } else if (every == "monthly") {
      rule = "FREQ=MONTHLY";
      // On a day of the month ("first sat": BYDAY=1SA, "last fri": BYDAY=-1FR), from the
      // first such day on or after the day it was agreed.
      if (const std::string on = text("on_day"); !on.empty()) {
        const auto space = on.find(' ');
        const std::string nth = on.substr(0, space);
        rule += ";BYDAY=" +
                std::string(nth == "last"     ? "-1"
                            : nth == "first"  ? "1"
                            : nth == "second" ? "2"
                            : nth == "third"  ? "3"
                                              : "4") +
                byday(on.substr(space + 1));
        const date::year_month_day ymd{agreed};
        first = monthly_occurrence(on, ymd.year() / ymd.month());
        if (first < agreed)
          first = monthly_occurrence(on, ymd.year() / ymd.month() + date::months{1});
      }
    } else if (const auto day = weekday_named(every)) {
      rule = "FREQ=WEEKLY;BYDAY=" + byday(every);
      // The first occurrence on that weekday, on or after the day it was agreed.
      first = next_on_or_after(first, *day);
    } else if (every != "daily") {
      rule.clear();  // not known here (removed on another device): one cancelled day
    }
    const std::string name = text("name");
    return event{fmt::format("ritual-{}@rebuild", uuid),
                 names_hidden || name.empty() ? std::string("A ritual of ours") : name,
                 removed  ? "Removed."
                 : paused ? "Paused, with intention."
                          : "A ritual of connection. rebuild ritual done",
                 fmt::format(";VALUE=DATE:{}", ical_day(first)),
                 "P1D",
                 rule,
                 "PT9H",
                 paused || removed,
                 revision};
  };
  for (const auto& r : rituals(j)) {
    const bool paused = std::get<std::int64_t>(r.ritual.get("paused")) != 0;
    out.push_back(ritual_event(r.ritual.uuid, r.ritual.day, r.ritual.fields, paused, false,
                               entry_revision(j, r.ritual)));
  }
  // A ritual deleted in the last year stays as a cancelled event, so that a calendar that
  // imported it drops it (and its alarm); after a year the file forgets it.
  log_filter gone_rituals;
  gone_rituals.kind = &kind_named("ritual");
  gone_rituals.with_deleted = true;
  gone_rituals.oldest_first = true;
  const std::string a_year_ago = iso_day(today - date::days{365});
  for (const auto& r : list_entries(j, gone_rituals)) {
    if (!r.deleted || r.updated_utc.substr(0, 10) < a_year_ago) continue;
    out.push_back(ritual_event(r.uuid, r.day, fields_before_delete(j, r).value_or(field_values{}),
                               false, true, entry_revision(j, r)));
  }

  // Touch windows: titled discreetly unless the pair asked for plain titles, so that a
  // reminder on a lock screen or a shared calendar never names touch or sex; their UIDs (which
  // calendars such as khal take for file names) are the window's UUID alone. A paused or
  // removed window stays as a cancelled event with a higher SEQUENCE, so a calendar that
  // imported it drops it.
  const std::string title = plain ? "Touch window" : "Time together";
  const auto window_event = [&](const std::string& uuid, days_t made, const std::string& day,
                                const std::string& time, const std::string& description,
                                bool cancelled, int revision) {
    const auto weekday = weekday_named(day);
    if (!weekday || time.size() != 5)  // removed on another device: what its tombstone keeps
      return event{uuid + "@rebuild",
                   title,
                   description,
                   fmt::format(":{}T000000", ical_day(made)),
                   "PT1H",
                   "",
                   "",
                   cancelled,
                   revision};
    return event{uuid + "@rebuild",
                 title,
                 description,
                 fmt::format(":{}T{}00", ical_day(next_on_or_after(made, *weekday)),
                             time.substr(0, 2) + time.substr(3, 2)),
                 "PT1H",
                 "FREQ=WEEKLY;BYDAY=" + byday(day),
                 "-PT15M",
                 cancelled,
                 revision};
  };
  for (const auto& v : touch_windows(j, today)) {
    const std::string description =
        v.paused ? (plain ? "Touch window, paused since you stepped back a stage; it comes back "
                            "if you both reach stage 3 again."
                          : "Paused for now.")
                 : (plain ? "A touch window: available, not obligatory. rebuild stage"
                          : "Available, not obligatory.");
    out.push_back(window_event(v.window.uuid, v.window.day, v.window.text("weekday"),
                               v.window.text("start"), description, v.paused,
                               window_revision(j, v.window)));
  }
  // Removed from a day on (`stage window remove`): the same event, cancelled.
  for (const auto& w : windows_removed(j, today))
    out.push_back(window_event(w.uuid, w.day, w.text("weekday"), w.text("start"), "Removed.", true,
                               window_revision(j, w)));
  log_filter removed;
  removed.kind = &kind_named("touch-window");
  removed.with_deleted = true;
  removed.oldest_first = true;
  for (const auto& w : list_entries(j, removed)) {
    if (!w.deleted) continue;
    const field_values was = fields_before_delete(j, w).value_or(field_values{});
    const auto text = [&](const char* name) {
      const auto it = was.find(name);
      return it != was.end() && std::holds_alternative<std::string>(it->second)
                 ? std::get<std::string>(it->second)
                 : std::string();
    };
    out.push_back(window_event(w.uuid, w.day, text("weekday"), text("start"), "Removed.", true,
                               window_revision(j, w)));
  }

  // Each review done moves the next one's start: SEQUENCE counts them, so that a calendar
  // takes the moved series.
  const auto reviews = entries_of_kind(j, "task-review");
  const days_t jobs_from = jobs_review_due(j).value_or(start + date::days{28});
  out.push_back({fmt::format("tasks-review-{}@rebuild", key), "Monthly review of the jobs",
                 "Who owns which job, from noticing to finishing? rebuild tasks review",
                 fmt::format(";VALUE=DATE:{}", ical_day(std::max(jobs_from, today))), "P1D",
                 "FREQ=MONTHLY", "PT9H", false, static_cast<int>(reviews.size())});
  out.push_back({fmt::format("quarterly-review-{}@rebuild", key), "Quarterly review",
                 "What felt good, what felt heavy, what to try next. rebuild review",
                 fmt::format(";VALUE=DATE:{}", ical_day(review_due(j))), "P1D",
                 "FREQ=MONTHLY;INTERVAL=3", "PT9H", false,
                 static_cast<int>(entries_of_kind(j, "review").size())});
  return out;
}

std::string calendar_text(context& ctx) {
  auto& j = ctx.journal();
  const read_transaction snapshot(j);  // one consistent view, locks taken once
  const std::string stamp = date::format("%Y%m%dT%H%M%SZ", ctx.now().now_utc());
  std::string out;
  for (const char* line :
       {"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//rebuild//rebuild " REBUILD_VERSION "//EN",
        "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:rebuild"})
    out += fold(line);
  for (const auto& e : events_of(j, ctx.now().today())) {
    out += fold("BEGIN:VEVENT");
    out += fold("UID:" + e.uid);
    out += fold("DTSTAMP:" + stamp);
    out += fold("DTSTART" + e.start);
    out += fold("DURATION:" + e.duration);
    if (!e.rrule.empty()) out += fold("RRULE:" + e.rrule);
    if (e.sequence) out += fold(fmt::format("SEQUENCE:{}", *e.sequence));
    out += fold("SUMMARY:" + ical_text(e.summary));
    out += fold("DESCRIPTION:" + ical_text(e.description));
    out += fold(e.cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
    out += fold("TRANSP:TRANSPARENT");
    if (!e.cancelled) {
      out += fold("BEGIN:VALARM");
      out += fold("ACTION:DISPLAY");
      out += fold("TRIGGER:" + e.trigger);
      out += fold("DESCRIPTION:" + ical_text(e.summary));
      out += fold("END:VALARM");
    }
    out += fold("END:VEVENT");
  }
  out += fold("END:VCALENDAR");
  return out;
}

}  // namespace

void setup_calendar(CLI::App& app, context& ctx, command_list& commands) {
  auto output = std::make_shared<std::string>();
  CLI::App* sub = add_command(
      app, "calendar",
      "An iCalendar (.ics) of the check-in, rituals, touch windows and reviews, with alarms",
      "  rebuild calendar > rebuild.ics\n"
      "  rebuild calendar --output ~/private/rebuild.ics\n");
  sub->add_option("--output", *output, "write to FILE (mode 0600) instead of stdout")
      ->type_name("FILE");
  commands.push_back({sub, [&ctx, output] {
                        if (ctx.globals.json)
                          throw usage_error(
                              "calendar writes iCalendar (.ics), never JSON; drop --json");
                        const std::string text = calendar_text(ctx);
                        if (output->empty()) {
                          fmt::print("{}", text);
                          return;
                        }
                        write_private_file(*output, text);
                        fmt::print("Wrote the calendar to {} (readable by you only).\n", *output);
                      }});
}

}  // namespace rebuild::cli
