#!/usr/bin/env bash
# Rituals as a real calendar program takes them (khal, with `import --batch`) through a
# pause, a resume, an edit and a removal: each change raises the event's SEQUENCE, a paused
# or removed ritual stays as a cancelled event (no alarm), so a calendar that imported it
# drops it instead of keeping it with its alarm, and nothing is listed twice.
# python3-icalendar checks the same files field by field.
set -euo pipefail
bin=$(readlink -f "$1")
. "$(dirname "$0")/../need_client.sh"
need_client khal
py=/usr/bin/python3
if ! "$py" -c "import icalendar" 2> /dev/null; then
  [ "${CI:-}" = true ] && { echo "python3-icalendar is not installed, and CI needs it"; exit 1; }
  echo "skipped: python3-icalendar is not installed"; exit 77
fi
T=$(mktemp -d /tmp/rebuild-khal-rituals.XXXXXX)
trap 'rm -rf "$T"' EXIT
export HOME="$T" TZ=Europe/Paris REBUILD_NOW=2026-03-04T08:00 REBUILD_JOURNAL="$T/journal.db"
export XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
. "$(dirname "$0")/khal_setup.sh"
r() { "$bin" "$@" > /dev/null; }
fail() { echo "FAIL: $*" >&2; exit 1; }
# The rituals khal lists on Thursday 2026-03-12 and Sunday 2026-03-15, with their status.
listed() { k list --format '{status}{title}' 2026-03-12 4d | grep -E 'walk|coffee|Ritual' | sort || true; }
import() { "$bin" calendar > "$T/$1.ics"; k import --batch -a rebuild "$T/$1.ics"; }
id_of() { "$bin" --json ritual | "$py" -c 'import json,sys
print([r["id"] for r in json.load(sys.stdin)["rituals"] if r["name"] == sys.argv[1]][0])' "$1"; }

r init --partner Dan --partner Sam --start 2026-03-02
r ritual add "Thursday walk" --every thu --as Dan
r ritual add "Sunday coffee" --every sun --as Sam
import 1-added
[ "$(listed)" = $'CONFIRMED Sunday coffee\nCONFIRMED Thursday walk' ] || fail "after import: $(listed)"

r ritual pause "Thursday walk" --as Dan
import 2-paused
[ "$(listed)" = $'CANCELLED Thursday walk\nCONFIRMED Sunday coffee' ] || fail "after a pause: $(listed)"

r ritual resume "Thursday walk" --as Sam
r edit "$(id_of "Sunday coffee")" --name "Sunday coffee in bed" --as Sam
import 3-resumed-renamed
[ "$(listed)" = $'CONFIRMED Sunday coffee in bed\nCONFIRMED Thursday walk' ] \
  || fail "after a resume and a rename: $(listed)"

r delete "$(id_of "Thursday walk")" --as Dan
import 4-removed
# Removed: the series cancelled where it was, never moved to the day of the removal.
[ "$(listed)" = $'CANCELLED Thursday walk\nCONFIRMED Sunday coffee in bed' ] || fail "after a removal: $(listed)"
if k list --format '{status}{title}' 2026-03-04 1d | grep -q 'walk'; then
  fail "the removed ritual shows in the agenda of the day it was removed"
fi
"$bin" calendar | cmp -s - "$T/4-removed.ics" || fail "the same journal gave another file"

"$py" - "$T"/1-added.ics "$T"/2-paused.ics "$T"/3-resumed-renamed.ics "$T"/4-removed.ics <<'PY'
import sys
from icalendar import Calendar

def rituals(path):
    with open(path, "rb") as f:
        cal = Calendar.from_ical(f.read())
    return {str(e["UID"]): e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("ritual-")}

added, paused, renamed, removed = [rituals(p) for p in sys.argv[1:]]
assert set(added) == set(paused) == set(renamed) == set(removed) and len(added) == 2
status = lambda e: str(e.get("STATUS"))
seq = lambda e: int(e.get("SEQUENCE", 0))
alarms = lambda e: [a for a in e.subcomponents if a.name == "VALARM"]
walk = [u for u in added if str(added[u]["SUMMARY"]) == "Thursday walk"][0]
coffee = [u for u in added if u != walk][0]
assert seq(added[walk]) < seq(paused[walk]) < seq(renamed[walk]) < seq(removed[walk])
assert seq(added[coffee]) == seq(paused[coffee]) < seq(renamed[coffee]) == seq(removed[coffee])
assert status(paused[walk]) == "CANCELLED" and not alarms(paused[walk])
assert status(renamed[walk]) == "CONFIRMED" and alarms(renamed[walk])
assert status(removed[walk]) == "CANCELLED" and not alarms(removed[walk])
assert removed[walk]["DTSTART"].dt == renamed[walk]["DTSTART"].dt, "the removed ritual moved"
assert removed[walk].get("RRULE") == renamed[walk].get("RRULE"), "the removed ritual lost its RRULE"
assert str(renamed[coffee]["SUMMARY"]) == "Sunday coffee in bed"
print("khal and icalendar: paused and removed rituals cancelled, SEQUENCE raised on each change")
PY
