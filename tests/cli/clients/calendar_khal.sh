#!/usr/bin/env bash
# The calendar as a real calendar program takes it (khal, with `import --batch`): a touch
# window shows up discreetly titled; after the pair steps back a stage, importing the new
# file cancels it (STATUS:CANCELLED with a higher SEQUENCE); at stage 3 again it is back; a
# removed window stays cancelled. python3-icalendar checks the same files field by field.
set -euo pipefail
bin=$(readlink -f "$1")
command -v khal > /dev/null || { echo "skipped: khal is not installed (.ci/run installs it)"; exit 77; }
py=/usr/bin/python3
"$py" -c "import icalendar" 2> /dev/null || { echo "skipped: python3-icalendar is not installed"; exit 77; }
T=$(mktemp -d /tmp/rebuild-khal.XXXXXX)
trap 'rm -rf "$T"' EXIT
export HOME="$T" TZ=Europe/Paris REBUILD_NOW=2026-03-04T08:00 REBUILD_JOURNAL="$T/journal.db"
export XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
. "$(dirname "$0")/khal_setup.sh"
r() { "$bin" "$@" > /dev/null; }
fail() { echo "FAIL: $*" >&2; exit 1; }
# The Thursday window's evening on 2026-03-12, as khal lists it (status and title).
thursday() { k list --format '{status}{title}' 2026-03-12 1d | grep 'Time together' || true; }

r init --partner Dan --partner Sam --start 2026-03-02
for who in Dan Sam Dan Sam; do r stage advance --as $who; done  # stage 3
r stage window add thu 21:00 --as Sam
r stage window add sun 10:30 --as Dan
"$bin" calendar > "$T/1-added.ics"
k import --batch -a rebuild "$T/1-added.ics"
[ "$(thursday)" = "CONFIRMED Time together" ] || fail "after import, khal lists: $(thursday)"

r stage back --as Dan  # stage 2: the windows pause
"$bin" calendar > "$T/2-paused.ics"
k import --batch -a rebuild "$T/2-paused.ics"
[ "$(thursday)" = "CANCELLED Time together" ] || fail "after a step back, khal lists: $(thursday)"

r stage advance --as Dan
r stage advance --as Sam  # stage 3 again: the windows are back
"$bin" calendar > "$T/3-back.ics"
k import --batch -a rebuild "$T/3-back.ics"
[ "$(thursday)" = "CONFIRMED Time together" ] || fail "back at stage 3, khal lists: $(thursday)"

r stage window remove "$("$bin" --json stage | "$py" -c 'import json,sys; print([w["id"] for w in json.load(sys.stdin)["windows"] if w["day"] == "thu"][0])')" --as Sam
"$bin" calendar > "$T/4-removed.ics"
k import --batch -a rebuild "$T/4-removed.ics"
# The whole series is cancelled where it was (its start and RRULE kept), never moved to the
# day it was removed: today's agenda does not show it.
[ "$(thursday)" = "CANCELLED Time together" ] || fail "after removing the window, khal lists: $(thursday)"
if k list --format '{status}{title}' 2026-03-04 1d | grep -q 'Time together'; then
  fail "the removed window shows in the agenda of the day it was removed"
fi
"$bin" calendar | cmp -s - "$T/4-removed.ics" || fail "the same journal gave another file"

"$py" - "$T"/1-added.ics "$T"/2-paused.ics "$T"/3-back.ics "$T"/4-removed.ics <<'PY'
import sys
from icalendar import Calendar

def windows(path):
    with open(path, "rb") as f:
        cal = Calendar.from_ical(f.read())
    # A window's UID is its UUID alone (nothing in it names touch): the events not of the
    # check-in, the rituals or the reviews.
    named = ("checkin-", "ritual-", "tasks-review-", "quarterly-review-")
    return {str(e["UID"]): e for e in cal.walk("VEVENT") if not str(e["UID"]).startswith(named)}

files = [windows(p) for p in sys.argv[1:]]
for wins in files:
    for e in wins.values():
        words = " ".join(str(e.get(k, "")) for k in ("UID", "SUMMARY", "DESCRIPTION")).lower()
        words += " ".join(str(a.get("DESCRIPTION", "")).lower() for a in e.subcomponents)
        assert "touch" not in words and "sex" not in words, words
added, paused, back, removed = files
assert set(added) == set(paused) == set(back) == set(removed) and len(added) == 2
status = lambda e: str(e.get("STATUS"))
seq = lambda e: int(e.get("SEQUENCE", 0))
for uid in added:
    assert status(added[uid]) == "CONFIRMED" and status(paused[uid]) == "CANCELLED", uid
    assert status(back[uid]) == "CONFIRMED", uid
    assert seq(added[uid]) < seq(paused[uid]) < seq(back[uid]) <= seq(removed[uid]), uid
    assert not [a for a in paused[uid].subcomponents if a.name == "VALARM"], "a paused window rings"
gone = [u for u in removed if status(removed[u]) == "CANCELLED"]
assert len(gone) == 1 and seq(removed[gone[0]]) > seq(back[gone[0]]), gone
# Removed, it keeps its start and weekly rule: the calendar cancels the series it holds.
assert removed[gone[0]]["DTSTART"].dt == back[gone[0]]["DTSTART"].dt, "the removed window moved"
assert removed[gone[0]].get("RRULE") == back[gone[0]].get("RRULE"), "the removed window lost its RRULE"
print("khal and icalendar: added, cancelled after a step back, back at stage 3, removed as cancelled")
PY
