#!/usr/bin/env bash
# A year of daily syncs between two devices (issue 23): each day each device writes one
# gesture and syncs through one folder, so the folder ends with a file a day from each. Then,
# on the first device: `sync` with nothing new, and `checkin`, in instructions (callgrind)
# and peak memory (GNU time); and the count of files in the folder. What compaction would
# bound (it is not built yet): the files a sync lists grow by one a day from each device.
#
#   bench/sync_year.sh [REBUILD_BINARY] [DAYS]   (default build/rebuild, 365 days)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(readlink -f "${1:-$here/../build/rebuild}")
days=${2:-365}
T=$(mktemp -d /tmp/rebuild-sync-year.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
export TZ=Europe/Paris HOME="$T"
unset REBUILD_JOURNAL REBUILD_PARTNER
A=("$bin" --journal "$T/a/journal.db")
B=("$bin" --journal "$T/b/journal.db")
mkdir -p "$T/dir"
REBUILD_NOW=2025-03-01T08:00 "${A[@]}" init --partner Dan --partner Sam --start 2025-03-01 > /dev/null
REBUILD_NOW=2025-03-01T08:00 "${B[@]}" init --partner Dan --partner Sam --start 2025-03-01 > /dev/null
words=$(REBUILD_NOW=2025-03-01T08:00 "${A[@]}" --json sync init |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["secret"])')
REBUILD_NOW=2025-03-01T08:00 "${B[@]}" sync init --secret-fd 3 3<<< "$words" > /dev/null
for ((d = 0; d < days; d++)); do
  day=$(date -d "2025-03-01 + $d days" +%F)
  REBUILD_NOW=${day}T08:00 "${A[@]}" gesture --as Dan "Tea, day $d" > /dev/null
  REBUILD_NOW=${day}T08:01 "${A[@]}" sync "$T/dir" > /dev/null
  REBUILD_NOW=${day}T09:00 "${B[@]}" gesture --as Sam "A hug, day $d" > /dev/null
  REBUILD_NOW=${day}T09:01 "${B[@]}" sync "$T/dir" > /dev/null
done
REBUILD_NOW=2026-03-01T10:00 "${A[@]}" sync "$T/dir" > /dev/null
echo "files in the folder after $days days: $(find "$T/dir" -name '*.rbx' | wc -l)"
export REBUILD_NOW=2026-03-01T10:05
cp -a "$T/a" "$T/a0"
count() {  # instructions of one command, on a fresh copy of the journal
  rm -rf "$T/a" && cp -a "$T/a0" "$T/a"
  valgrind --tool=callgrind --callgrind-out-file="$T/cg" "$@" > /dev/null 2>&1
  callgrind_annotate "$T/cg" 2> /dev/null | sed -n 's/^ *\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p'
}
rss() {
  rm -rf "$T/a" && cp -a "$T/a0" "$T/a"
  /usr/bin/time -f %M "$@" 2>&1 > /dev/null | tail -1
}
if command -v valgrind > /dev/null; then
  echo "sync, nothing new:  $(count "${A[@]}" sync "$T/dir") instructions, $(rss "${A[@]}" sync "$T/dir") KiB"
  echo "checkin:            $(count "${A[@]}" checkin --as Dan --mood 6 --stress 3) instructions, $(rss "${A[@]}" checkin --as Dan --mood 6 --stress 3) KiB"
fi
