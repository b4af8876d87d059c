#!/usr/bin/env bash
# `rebuild sync` on the ten-year journal (issue 14): a sync with nothing new, a sync taking in
# a day's changes from the other replica (beside the same on the one-month journal), the
# first sync of a ten-year replica (writing all its files) and of an empty replica (reading
# them all), each beside `rebuild checkin`, `rebuild import` of the journal's export into an
# empty journal, and `rebuild merge` of an identical copy, on the same journal. Times with
# hyperfine, instructions with callgrind (where valgrind is installed), peak memory with GNU
# time (the most of several runs).
#
#   bench/sync.sh [REBUILD_BINARY]   (default: build/rebuild; needs hyperfine, sqlite3,
#                                     GNU time, python3; valgrind and strace if installed)
#
# Every run starts from the same state: before each (hyperfine's --prepare, untimed) the
# journal (journal.db and its sync-key: what it has sent and read is in the journal) is
# copied back from a snapshot and made durable (so no run times the flushing of another's
# 36 MB copy), and the sync folder is put back as it was (hard links: rebuild writes a sync
# file once, under a new name, and never changes it). REBUILD_NOW and TZ are fixed.
#
# Not a test: it prints a table and leaves judging to the reader (bench/README.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(readlink -f "${1:-$here/../build/rebuild}")
for tool in hyperfine sqlite3 /usr/bin/time python3; do
  command -v "$tool" > /dev/null || { echo "bench needs $tool (apt-get install hyperfine sqlite3 time python3)"; exit 2; }
done
T=$(mktemp -d /tmp/rebuild-sync.XXXXXX)
trap 'rm -rf "$T"' EXIT
export TZ=Europe/Paris REBUILD_NOW=2026-03-04T21:00 HOME="$T"
unset REBUILD_JOURNAL REBUILD_PARTNER COLUMNS PAGER
say() { echo "sync.sh: $*" >&2; }

# --- The states measured from, each a snapshot folder $T/snap/NAME with j/ (the journal
# measured: journal.db, journal.db.sync-key) and d/ (the sync folder). -----------------------
mkdir -p "$T/snap"
snap() {  # snap NAME JOURNAL_DIR [SYNC_DIR]
  mkdir -p "$T/snap/$1/j" "$T/snap/$1/d"
  cp -a "$2/." "$T/snap/$1/j/"
  if [ -n "${3:-}" ]; then cp -a "$3/." "$T/snap/$1/d/"; fi
}
# The --prepare of every measurement: $T/w is the state NAME again.
cat > "$T/restore" <<EOF
#!/bin/sh
set -e
rm -rf "$T/w" && mkdir "$T/w"
cp -a "$T/snap/\$1/j" "$T/w/j"
cp -al "$T/snap/\$1/d" "$T/w/d"
sync "$T/w/j"/*
EOF
chmod +x "$T/restore"

# setup NAME DAYS: a journal of DAYS days (bench/generate.sh) syncing as replica A with a
# copy of itself, replica B, through one folder; then a typical day on B, which B syncs.
setup() {
  local name=$1 days=$2 S=$T/$1 words
  mkdir -p "$S/A" "$S/B" "$S/dir"
  "$here/generate.sh" "$bin" "$S/A/journal.db" "$days" >&2
  local A=("$bin" --journal "$S/A/journal.db") B=("$bin" --journal "$S/B/journal.db")
  words=$("${A[@]}" --json sync init | python3 -c 'import json, sys; print(json.load(sys.stdin)["secret"])')
  printf '%s\n' "$words" > "$S/words"
  snap "$name-first-out" "$S/A"                     # A before its first sync: DIR empty
  "${A[@]}" sync "$S/dir" >&2                        # A's first sync: every entry
  cp -a "$S/dir" "$S/dir-first"
  # B: a copy of A's journal (without A's key) given the secret: a replica of its own, which
  # sends every entry once; A takes them in (all already here). Then both are in step.
  cp "$S/A/journal.db" "$S/B/journal.db"
  "${B[@]}" sync init --secret-fd 3 3< "$S/words" > /dev/null
  "${B[@]}" sync "$S/dir" >&2
  "${A[@]}" sync "$S/dir" >&2
  "${B[@]}" sync "$S/dir" >&2
  "${A[@]}" sync "$S/dir" >&2
  snap "$name-in-step" "$S/A" "$S/dir"
  # A typical day on B, the next day: a check-in each, two gestures, a bid, a repair, an edit
  # of one entry (yesterday's newest gesture of Dan's) and a delete of one (Sam's newest bid).
  newest() { "${B[@]}" log --json -n 1 --type "$1" --by "$2" | sed -n 's/^ *"id": "\([^"]*\)".*/\1/p' | head -n 1; }
  local hug bid
  hug=$(newest gesture Dan) bid=$(newest bid Sam)
  REBUILD_NOW=2026-03-05T08:00 "${B[@]}" checkin --as Dan --mood 6 --stress 4 > /dev/null
  REBUILD_NOW=2026-03-05T08:10 "${B[@]}" checkin --as Sam --mood 7 --stress 3 > /dev/null
  REBUILD_NOW=2026-03-05T12:00 "${B[@]}" gesture --as Dan "A note in her bag" > /dev/null
  REBUILD_NOW=2026-03-05T18:00 "${B[@]}" gesture --as Sam "A long hug" > /dev/null
  REBUILD_NOW=2026-03-05T19:00 "${B[@]}" bid --as Sam "Look at this" --toward > /dev/null
  REBUILD_NOW=2026-03-05T20:00 "${B[@]}" repair --as Dan "Sorry, let me try again" --accepted > /dev/null
  REBUILD_NOW=2026-03-05T20:30 "${B[@]}" edit "$hug" --as Dan --text "A longer hug" > /dev/null
  REBUILD_NOW=2026-03-05T20:40 "${B[@]}" delete "$bid" --as Sam > /dev/null
  snap "$name-day-out" "$S/B" "$S/dir"               # B about to send its day
  REBUILD_NOW=2026-03-05T21:00 "${B[@]}" sync "$S/dir" >&2
  snap "$name-day-in" "$T/snap/$name-in-step/j" "$S/dir"   # A, in step, B's day in DIR
}
say "making the journals and their replicas"
setup 10y 3650
setup 1m 30
J10=$T/10y/A/journal.db
# An empty replica (a fresh init with the same partners, given the secret) with the folder
# as A's first sync left it; an empty journal and the ten-year journal's export for import;
# an identical copy of A's journal for merge.
mkdir -p "$T/empty"
"$bin" --journal "$T/empty/journal.db" init --partner Dan --partner Sam > /dev/null
snap import "$T/empty"
"$bin" --journal "$T/empty/journal.db" sync init --secret-fd 3 3< "$T/10y/words" > /dev/null
snap first-in "$T/empty" "$T/10y/dir-first"
"$bin" --journal "$T/snap/10y-in-step/j/journal.db" export > "$T/ten-years.jsonl"
cp "$T/snap/10y-in-step/j/journal.db" "$T/other.db"
entries=$(sqlite3 "$J10" "SELECT count(*) FROM entries")
files=$(find "$T/10y/dir-first" -name '*.rbx' | wc -l)
bytes=$(find "$T/10y/dir-first" -name '*.rbx' -printf '%s\n' | awk '{ s += $1 } END { print s }')

# --- The measurements: NAME STATE NOW RUNS WARMUP COMMAND... ----------------------------
W=$T/w/j/journal.db D=$T/w/d
names=()
declare -A state now runs warm cmd
measure() {
  local n=$1
  names+=("$n")
  state[$n]=$2 now[$n]=$3 runs[$n]=$4 warm[$n]=$5
  shift 5
  cmd[$n]="$*"
}
measure checkin       10y-in-step 2026-03-05T08:00 50 5 "$bin --journal $W checkin --as Dan --mood 6 --stress 4"
measure sync-nothing  10y-in-step 2026-03-05T08:00 50 5 "$bin --journal $W sync $D"
measure sync-day      10y-day-in  2026-03-05T21:05 50 5 "$bin --journal $W sync $D"
measure sync-day-1m   1m-day-in   2026-03-05T21:05 50 5 "$bin --journal $W sync $D"
measure checkin-1m    1m-in-step  2026-03-05T08:00 50 5 "$bin --journal $W checkin --as Dan --mood 6 --stress 4"
measure send-day      10y-day-out 2026-03-05T21:00 50 5 "$bin --journal $W sync $D"
measure merge         10y-in-step 2026-03-05T08:00 10 2 "$bin --journal $W merge $T/other.db"
measure first-out     10y-first-out 2026-03-04T21:00 5 1 "$bin --journal $W sync $D"
measure first-in      first-in    2026-03-04T21:00 5 1 "$bin --journal $W sync $D"
measure import        import      2026-03-04T21:00 5 1 "$bin --journal $W import $T/ten-years.jsonl"

# What each timed command says (once, from its state), so the reader sees what was timed.
for n in "${names[@]}"; do
  "$T/restore" "${state[$n]}"
  printf '%s: %s\n' "$n" "$(REBUILD_NOW=${now[$n]} ${cmd[$n]} 2>&1 | head -n 1)" >> "$T/said"
done
# A sync with nothing new writes nothing: the journal and the folder as they were, and no
# fsync, rename or new folder (strace, where installed).
"$T/restore" 10y-in-step
listing() { (cd "$T/w" && find . -type f -printf '%p %s %T@\n' | sort && sha256sum j/* | sort); }
listing > "$T/before"
REBUILD_NOW=2026-03-05T08:00 $bin --journal "$W" sync "$D" > /dev/null
listing > "$T/after"
if cmp -s "$T/before" "$T/after"; then unchanged="journal and folder unchanged"; else unchanged="CHANGED"; fi
if command -v strace > /dev/null; then
  REBUILD_NOW=2026-03-05T08:00 strace -f -o "$T/strace" -e trace=fsync,fdatasync,rename,renameat,renameat2,mkdir,mkdirat \
    "$bin" --journal "$W" sync "$D" > /dev/null
  unchanged+=", $(grep -cv '^[0-9]* +++' "$T/strace" || true) fsync/rename/mkdir calls"
fi

for n in "${names[@]}"; do
  say "hyperfine: $n (${runs[$n]} runs)"
  REBUILD_NOW=${now[$n]} hyperfine -N --warmup "${warm[$n]}" --runs "${runs[$n]}" \
    --prepare "$T/restore ${state[$n]}" --export-json "$T/$n.json" "${cmd[$n]}" > /dev/null 2>&1
done
for n in "${names[@]}"; do  # instructions: one run each (callgrind counts do not move)
  echo "$n 0" >> "$T/instructions"
  command -v valgrind > /dev/null || continue
  say "callgrind: $n"
  "$T/restore" "${state[$n]}"
  REBUILD_NOW=${now[$n]} valgrind --tool=callgrind --callgrind-out-file="$T/cg.out" ${cmd[$n]} > /dev/null 2>&1
  echo "$n $(sed -n 's/^totals: //p' "$T/cg.out")" >> "$T/instructions"
done
for n in "${names[@]}"; do  # peak memory: the most of 5 runs (3 for the slow ones)
  say "peak memory: $n"
  most=0
  for _ in $(seq $(( ${runs[$n]} >= 50 ? 5 : 3 ))); do
    "$T/restore" "${state[$n]}"
    kb=$( { REBUILD_NOW=${now[$n]} /usr/bin/time -f "%M" ${cmd[$n]} > /dev/null; } 2>&1 | tail -n 1)
    [ "$kb" -gt "$most" ] && most=$kb
  done
  echo "$n $most" >> "$T/memory"
done

python3 - "$T" "$entries" "$files" "$bytes" "$unchanged" <<'PY'
import json, sys
d, entries, files, size, unchanged = sys.argv[1:6]
def timing(n):
    r = json.load(open(f"{d}/{n}.json"))["results"][0]
    return r["mean"] * 1000, r["stddev"] * 1000, r["user"] * 1000, r["system"] * 1000, len(r["times"])
def table(name):
    return {k: int(v) for k, v in (l.split() for l in open(f"{d}/{name}"))}
t = {n: timing(n) for n in table("memory")}
ins, mem = table("instructions"), table("memory")
def ms(n):
    m, s = t[n][:2]
    return f"{m:.1f} ± {s:.1f} ms" if m < 100 else f"{m / 1000:.2f} ± {s / 1000:.2f} s"
def us(n):
    u, s = t[n][2:4]
    return f"{u:.1f} / {s:.1f} ms" if u < 100 else f"{u / 1000:.2f} / {s / 1000:.2f} s"
def mi(n):
    return f"{ins[n] / 1e6:.1f} M" if ins[n] else "-"
def ratio(a, b):
    tr = t[a][0] / t[b][0]
    ir = f" ({ins[a] / ins[b]:.2f}x instr.)" if ins[a] and ins[b] else ""
    return f"{tr:.2f}x{ir}"
labels = {
    "checkin": "checkin (10-year)",
    "sync-nothing": "sync DIR, nothing new (10-year)",
    "sync-day": "sync DIR, taking in a day from the other replica (10-year)",
    "sync-day-1m": "the same on the one-month journal",
    "checkin-1m": "checkin (one-month)",
    "send-day": "sync DIR on the other replica, sending its day (10-year)",
    "merge": "merge OTHER.db, an identical copy (10-year)",
    "first-out": "first sync of the ten-year replica (writes every entry)",
    "first-in": "first sync of an empty replica (reads every entry)",
    "import": "import of the export (jsonl) into an empty journal",
}
print(f"| command (ten-year journal: {entries} entries) | time (mean ± sd) | user / system | runs | instructions | peak MiB |")
print("|---|---:|---:|---:|---:|---:|")
for n, label in labels.items():
    print(f"| {label} | {ms(n)} | {us(n)} | {t[n][4]} | {mi(n)} | {mem[n] / 1024:.1f} |")
print()
print("| target | ratio | target |")
print("|---|---:|---|")
print(f"| 1. sync, nothing new / checkin | {ratio('sync-nothing', 'checkin')} | within 2x |")
print(f"| 2. sync taking in a day / checkin | {ratio('sync-day', 'checkin')} | within 3x |")
print(f"| 2. the same, 10-year / 1-month journal | {ratio('sync-day', 'sync-day-1m')} | flat |")
print(f"| (checkin, 10-year / 1-month journal) | {ratio('checkin', 'checkin-1m')} | |")
print(f"| 3. first sync of an empty replica / import | {ratio('first-in', 'import')} | within 2x |")
print(f"| 5. merge of an identical copy / sync, nothing new | {ratio('merge', 'sync-nothing')} | (context) |")
print()
print(f"The ten-year replica's first sync wrote {files} files, {int(size) / 1e6:.1f} MB in all.")
print(f"A sync with nothing new: {unchanged}.")
print()
print("What each timed command said:")
for l in open(f"{d}/said"):
    print("    " + l.rstrip())
PY
