#!/usr/bin/env bash
# A year of daily syncs between two devices (issue 23): the first holds the ten-year journal
# (bench/generate.sh), the second starts empty; each day each writes one gesture and syncs
# through one folder. Each folds its old files into a snapshot once the other has read them
# (a month's worth at a time), so the folder stays bounded. Then:
#   - the files in the folder;
#   - on the first device, `sync` with nothing new and `checkin`, in instructions
#     (callgrind) and peak memory (GNU time);
#   - a new device joining: its first `sync` beside `import` of the first device's export
#     into an empty journal (hyperfine, and peak memory), and that it holds every entry.
#
#   bench/sync_year.sh [REBUILD_BINARY] [DAYS] [BASE_DAYS]
#     (default build/rebuild, 365 days of syncs, a journal of 3650 days on the first device)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(readlink -f "${1:-$here/../build/rebuild}")
days=${2:-365}
base=${3:-3650}
T=$(mktemp -d /tmp/rebuild-sync-year.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
export TZ=Europe/Paris HOME="$T"
unset REBUILD_JOURNAL REBUILD_PARTNER REBUILD_SYNC_COMPACT_AFTER
A=("$bin" --journal "$T/a/journal.db")
B=("$bin" --journal "$T/b/journal.db")
mkdir -p "$T/dir" "$T/a" "$T/b"
bash "$here/generate.sh" "$bin" "$T/a/journal.db" "$base"
REBUILD_NOW=2026-03-05T08:00 "${B[@]}" init --partner Dan --partner Sam > /dev/null
words=$(REBUILD_NOW=2026-03-05T08:00 "${A[@]}" --json sync init |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["secret"])')
REBUILD_NOW=2026-03-05T08:00 "${B[@]}" sync init --secret-fd 3 3<<< "$words" > /dev/null
most=0
started=$(date +%s)
for ((d = 0; d < days; d++)); do
  day=$(date -d "2026-03-05 + $d days" +%F)
  REBUILD_NOW=${day}T08:00 "${A[@]}" gesture --as Dan "Tea, day $d" > /dev/null
  REBUILD_NOW=${day}T08:01 "${A[@]}" sync "$T/dir" > /dev/null
  REBUILD_NOW=${day}T09:00 "${B[@]}" gesture --as Sam "A hug, day $d" > /dev/null
  REBUILD_NOW=${day}T09:01 "${B[@]}" sync "$T/dir" > /dev/null
  n=$(find "$T/dir" -name '*.rbx' | wc -l)
  [ "$n" -gt "$most" ] && most=$n
done
last=$(date -d "2026-03-05 + $days days" +%F)
REBUILD_NOW=${last}T07:00 "${A[@]}" sync "$T/dir" > /dev/null
echo "a year of daily syncs: $(( $(date +%s) - started )) s for $((4 * days)) commands"
echo "files in the folder after $days days: $(find "$T/dir" -name '*.rbx' | wc -l) (at most $most on any day), $(du -sk "$T/dir" | cut -f1) KiB"
export REBUILD_NOW=${last}T07:05
cp -a "$T/a" "$T/a0"
count() {  # instructions of one command, on a fresh copy of the journal
  rm -rf "$T/a" && cp -a "$T/a0" "$T/a"
  valgrind --tool=callgrind --callgrind-out-file="$T/cg" "$@" > /dev/null 2>&1
  sed -n 's/^totals: //p' "$T/cg"
}
rss() {
  rm -rf "$T/a" && cp -a "$T/a0" "$T/a"
  /usr/bin/time -f %M "$@" 2>&1 > /dev/null | tail -1
}
if command -v valgrind > /dev/null; then
  echo "sync, nothing new:  $(count "${A[@]}" sync "$T/dir") instructions, $(rss "${A[@]}" sync "$T/dir") KiB"
  echo "checkin:            $(count "${A[@]}" checkin --as Dan --mood 6 --stress 3) instructions, $(rss "${A[@]}" checkin --as Dan --mood 6 --stress 3) KiB"
fi
rm -rf "$T/a" && cp -a "$T/a0" "$T/a"

# A new device joins: its first sync, beside import of the first device's export.
"${A[@]}" export > "$T/all.jsonl"
mkdir -p "$T/c0" "$T/i0"
"$bin" --journal "$T/c0/journal.db" init --partner Dan --partner Sam > /dev/null
"$bin" --journal "$T/c0/journal.db" sync init --secret-fd 3 3<<< "$words" > /dev/null
"$bin" --journal "$T/i0/journal.db" init --partner Dan --partner Sam > /dev/null
cat > "$T/restore" <<REST
#!/bin/sh
rm -rf "$T/c" "$T/i" && cp -a "$T/c0" "$T/c" && cp -a "$T/i0" "$T/i"
REST
chmod +x "$T/restore"
"$T/restore"
"$bin" --journal "$T/c/journal.db" sync "$T/dir"
held() { "$bin" --journal "$1" export | grep -c '"type":"entry"'; }
echo "entries: first device $(held "$T/a/journal.db"), new device $(held "$T/c/journal.db")"
if command -v hyperfine > /dev/null; then
  hyperfine -N --runs 3 --prepare "$T/restore" --export-json "$T/first.json" \
    "$bin --journal $T/c/journal.db sync $T/dir" \
    "$bin --journal $T/i/journal.db import $T/all.jsonl" > /dev/null 2>&1
  python3 - "$T/first.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
sync, imp = r[0]["mean"], r[1]["mean"]
print(f"new device's first sync: {sync:.2f} s; import of the export: {imp:.2f} s; ratio {sync / imp:.2f}x")
PY
fi
"$T/restore"
echo "peak memory: first sync $( { /usr/bin/time -f %M "$bin" --journal "$T/c/journal.db" sync "$T/dir" > /dev/null; } 2>&1 | tail -1) KiB, import $( { /usr/bin/time -f %M "$bin" --journal "$T/i/journal.db" import "$T/all.jsonl" > /dev/null; } 2>&1 | tail -1) KiB"
