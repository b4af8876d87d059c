#!/usr/bin/env bash
# The peak memory of every command on the ten-year journal: GNU time's maximum resident set
# size (%M), the most of three runs, each command with typical arguments. Commands that only
# read run on the generated journal; commands that write run on a fresh copy of it each time
# (copied, and prepared where a command needs something first, outside the measurement).
#
#   bench/memory.sh [BUILD_DIR]      (default: build; needs sqlite3 and GNU time)
#
# Not a test: it prints a Markdown table (command, peak MiB, exit code) and leaves judging to
# the reader (bench/README.md; the target is under 8 MiB for every command).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(readlink -f "${1:-$here/../build}/rebuild")
for tool in sqlite3 /usr/bin/time; do
  command -v "$tool" > /dev/null || { echo "bench needs $tool (apt-get install sqlite3 time)"; exit 2; }
done
T=$(mktemp -d /tmp/rebuild-memory.XXXXXX)
trap 'rm -rf "$T"' EXIT
export TZ=Europe/Paris REBUILD_NOW=2026-03-04T21:00 HOME="$T"
unset REBUILD_JOURNAL REBUILD_PARTNER COLUMNS PAGER

"$here/generate.sh" "$bin" "$T/ten-years.db" 3650 > /dev/null
J=$T/ten-years.db
W=$T/copy.db
rb() { "$bin" --journal "$J" "$@"; }   # on the ten-year journal
wb() { "$bin" --journal "$W" "$@"; }   # on the copy
copy() { rm -f "$W" "$W-wal" "$W-shm"; cp "$J" "$W"; }
newest() {  # the id of the newest entry of a kind by Dan in the copy
  wb log --json -n 1 --type "$1" --by Dan | sed -n 's/^ *"id": "\([^"]*\)".*/\1/p' | head -n 1
}

# Inputs some commands take: an export, a backup, another copy, a fresh journal.
rb export > "$T/ten-years.jsonl"
rb backup "$T/backup.db" > /dev/null
cp "$J" "$T/other.db"
id=$(rb log --json -n 1 --by Dan | sed -n 's/^ *"id": "\([^"]*\)".*/\1/p' | head -n 1)

# measure LABEL PREPARE COMMAND: runs PREPARE then COMMAND under GNU time (both eval'd, so
# COMMAND may use what PREPARE found), three times; prints a table row with the most KiB,
# as MiB, and the exit code. Only COMMAND is measured.
measure() {
  local label=$1 prepare=$2 command=$3 most=0 kb code
  for _ in 1 2 3; do
    eval "$prepare"
    code=0
    eval "/usr/bin/time -o '$T/kb' -f '%M' $command" > /dev/null 2> "$T/err" < /dev/null || code=$?
    kb=$(tail -n 1 "$T/kb")
    [ "$kb" -gt "$most" ] && most=$kb
  done
  printf '| `%s` | %s | %s |\n' "$label" "$(awk -v k="$most" 'BEGIN { printf "%.1f", k / 1024 }')" "$code"
  if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then sed 's/^/  stderr: /' "$T/err" >&2; fi
}
R="'$bin' --journal '$J'"   # a command on the ten-year journal
C="'$bin' --journal '$W'"   # a command on the copy
r() { measure "$1" "" "$R $1"; }            # a read, as its label says
w() { measure "$1" "copy; ${3:-}" "$C $2"; }  # a write on a fresh copy: LABEL ARGS [PREPARE]

echo "| command (ten-year journal, $(sqlite3 "$J" 'SELECT count(*) FROM entries') entries) | peak MiB | exit |"
echo "|---|---:|---:|"
# Reads.
for c in "log" "log -n 5" "log --json" "log --since 2026-01-01 --type checkin" \
         "report" "report --week 2026-W10 --json" "report --format html" \
         "plan" "due" "calendar" "config" "goal" "rules" "timeout list" "concern list" "tasks" \
         "stage" "ritual" "review" "trigger" "thought" "story" "transparency" "therapy" \
         "export" "export --format csv" "export --format markdown"; do
  r "$c"
done
measure "show ID" "" "$R show $id"
measure "export --output FILE" "rm -f '$T/out.jsonl'" "$R export --output '$T/out.jsonl'"
measure "backup DEST" "rm -f '$T/b.db'" "$R backup '$T/b.db'"
# Writes, each on a fresh copy.
measure "init --partner Dan --partner Sam" "rm -rf '$T/new'" \
  "'$bin' --journal '$T/new/j.db' init --partner Dan --partner Sam"
w "checkin --mood 6 --stress 4" "checkin --as Dan --mood 6 --stress 4"
w "gesture S" "gesture --as Dan 'A long hug'"
w "bid S --toward" "bid --as Dan 'Look at this' --toward"
w "repair S --accepted" "repair --as Sam 'Sorry, again' --accepted"
w "goal --problem S --outcome S" "goal --as Dan --problem 'We drift.' --outcome 'We talk daily.'"
w "goal rate 7" "goal rate 7 --as Dan"
w "rules add --stop-phrase S" "rules add --stop-phrase Pineapple --as Dan"
w "rules remove ID" 'rules remove "$new" --as Dan' \
  "wb rules add --red-line 'No slamming doors' --as Dan > /dev/null; new=\$(newest rule)"
w "timeout" "timeout --as Dan"
w "timeout return" "timeout return --as Sam" "wb timeout --as Dan > /dev/null"
w "concern --describe S --impact S --ask S" \
  "concern --as Dan --describe 'Plans changed' --impact 'I felt second' --ask 'Text me'"
w "concern answer ID --hear S --commit S" \
  'concern answer "$new" --as Sam --hear "I hear you" --commit "I will text"' \
  "wb concern --as Dan --describe D --impact I --ask A > /dev/null; new=\$(newest concern)"
w "tasks add NAME" "tasks add Bins --owner Dan --cadence weekly --as Dan"
w "tasks assign NAME --owner P" "tasks assign Bins --owner Sam --as Dan" \
  "wb tasks add Bins --owner Dan --as Dan > /dev/null"
w "tasks review" "tasks review --as Dan"
w "stage log --minutes 10" "stage log --minutes 10 --signal green --as Dan"
w "stage advance" "stage advance --as Dan"
w "stage back" "stage back --as Dan" \
  "wb stage advance --as Dan > /dev/null; wb stage advance --as Sam > /dev/null"
w "stage window add sat 20:00" "stage window add sat 20:00 --as Dan"
w "stage window remove ID" 'stage window remove "$new" --as Dan' \
  "wb stage window add sun 20:00 --as Dan > /dev/null; new=\$(newest touch-window)"
w "initiate --tier connection --accepted" "initiate --tier connection --accepted --as Dan"
w "ritual add NAME --every thu" "ritual add 'Thursday walk' --every thu --as Dan"
w "ritual done NAME" "ritual done 'Sunday coffee' --as Dan"
w "ritual pause NAME" "ritual pause 'Sunday coffee' --as Dan"
w "review --good S --heavy S --next S" "review --good Walks --heavy Chores --next Plans --as Dan"
w "repair S --apology S --reassurance S --commitment S" \
  "repair --as Dan 'About last night' --apology Sorry --reassurance Here --commitment Pause"
w "trigger add S --response S" "trigger add 'A raised voice' --response 'Sit, breathe' --as Dan"
w "trigger hit ID --used" "trigger hit 00000000-0000-4000-8000-000000000201 --used --as Sam"
w "thought S --find-evidence --pick 1" "thought 'We will never recover' --find-evidence --pick 1 --as Dan"
w "story --happened S --needed S --possible S" "story --happened H --needed N --possible P --as Dan"
w "transparency add S --until +30d" "transparency add 'My calendar' --until +30d --as Dan"
w "celebrate S" "celebrate 'An evening of talk' --as Sam"
w "therapy session" "therapy session --as Dan"
w "therapy homework add S" "therapy homework add 'Talk nightly' --as Sam"
w "config checkin.time 07:30" "config checkin.time 07:30"
w "edit ID --text S" 'edit "$new" --text "A longer hug" --as Dan' "new=\$(newest gesture)"
w "delete ID" 'delete "$new" --as Dan' "new=\$(newest gesture)"
w "undo" "undo --as Dan" "wb gesture --as Dan 'A hug' > /dev/null"
w "import FILE (the journal's own export)" "import '$T/ten-years.jsonl'"
measure "import FILE (into a new journal)" \
  "rm -rf '$T/new'; '$bin' --journal '$T/new/j.db' init --partner Dan --partner Sam > /dev/null" \
  "'$bin' --journal '$T/new/j.db' import '$T/ten-years.jsonl'"
w "merge OTHER.db (a copy of the same journal)" "merge '$T/other.db'"
measure "merge OTHER.db (into a new journal)" \
  "rm -rf '$T/new'; '$bin' --journal '$T/new/j.db' init --partner Dan --partner Sam > /dev/null" \
  "'$bin' --journal '$T/new/j.db' merge '$T/other.db'"
w "restore FILE" "restore '$T/backup.db'"
