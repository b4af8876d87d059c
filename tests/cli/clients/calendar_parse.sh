#!/usr/bin/env bash
# The calendar parses with a real iCalendar parser (Debian's python3-icalendar), has the
# recurring events with alarms, and keeps its UIDs when the journal changes, so importing
# it again updates rather than duplicates.
set -euo pipefail
bin=$(readlink -f "$1")
py=/usr/bin/python3
"$py" -c "import icalendar" 2> /dev/null || { echo "skipped: python3-icalendar is not installed (.ci/run installs it)"; exit 77; }
T=$(mktemp -d /tmp/rebuild-ics.XXXXXX)
trap 'rm -rf "$T"' EXIT
export HOME="$T" TZ=Europe/Paris REBUILD_NOW=2026-03-04T08:00 REBUILD_JOURNAL="$T/journal.db"
r() { "$bin" "$@" > /dev/null; }
r init --partner Dan --partner Sam --start 2026-03-02
r config checkin.time 07:30
r ritual add "Thursday walk, by the river; with tea" --every thu --as Dan
r stage window add sat 10:30 --as Dan
"$bin" calendar > "$T/first.ics"
r ritual add "Goodnight hug" --every daily --as Sam
"$bin" calendar > "$T/second.ics"

"$py" - "$T/first.ics" "$T/second.ics" <<'PY'
import sys
from icalendar import Calendar

def events(path):
    with open(path, "rb") as f:
        cal = Calendar.from_ical(f.read())
    assert cal["VERSION"] == "2.0", cal["VERSION"]
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}

first, second = events(sys.argv[1]), events(sys.argv[2])
summaries = {str(e["SUMMARY"]): e for e in first.values()}
assert set(summaries) == {"Daily check-in", "Thursday walk, by the river; with tea",
                          "Time together", "Monthly review of the jobs", "Quarterly review"}, summaries.keys()
checkin = summaries["Daily check-in"]
assert checkin["RRULE"]["FREQ"] == ["DAILY"], checkin["RRULE"]
start = checkin.decoded("DTSTART")
assert (start.hour, start.minute) == (7, 30), start
walk = summaries["Thursday walk, by the river; with tea"]
assert walk["RRULE"]["BYDAY"] == ["TH"], walk["RRULE"]
assert summaries["Time together"]["RRULE"]["BYDAY"] == ["SA"]
assert summaries["Quarterly review"]["RRULE"]["INTERVAL"] == [3]
for e in first.values():
    alarms = [c for c in e.subcomponents if c.name == "VALARM"]
    assert len(alarms) == 1 and alarms[0]["ACTION"] == "DISPLAY", e["SUMMARY"]
assert set(first) <= set(second), "a UID changed between two exports"
assert len(second) == len(first) + 1, "adding a ritual should add exactly one event"
print(f"{len(first)} events parsed; UIDs stable across exports; alarms on each")
PY
