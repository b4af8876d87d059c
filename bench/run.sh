#!/usr/bin/env bash
# The benchmark: a ten-year and a one-month journal, `rebuild checkin` and
# `rebuild report --week --json` timed with hyperfine beside sqlite3 doing one INSERT and one
# indexed week query on the same file, and the peak memory of each.
#
#   bench/run.sh [BUILD_DIR]        (default: build; needs hyperfine, sqlite3, GNU time, python3)
#
# Not a test: it measures, prints a table, and leaves judging to the reader (bench/README.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(readlink -f "${1:-$here/../build}/rebuild")
for tool in hyperfine sqlite3 /usr/bin/time python3; do
  command -v "$tool" > /dev/null || { echo "bench needs $tool (apt-get install hyperfine sqlite3 time python3)"; exit 2; }
done
T=$(mktemp -d /tmp/rebuild-bench.XXXXXX)
trap 'rm -rf "$T"' EXIT
export TZ=Europe/Paris REBUILD_NOW=2026-03-04T21:00 HOME="$T"
unset REBUILD_JOURNAL REBUILD_PARTNER

"$here/generate.sh" "$bin" "$T/ten-years.db" 3650
"$here/generate.sh" "$bin" "$T/one-month.db" 30

# The write is the next morning's first check-in (the journals end on 2026-03-04).
insert="BEGIN IMMEDIATE; INSERT INTO entries (uuid, kind, author, day, time, at_utc, created_utc, updated_utc) VALUES (lower(hex(randomblob(16))), 'checkin', 1, '2026-03-05', '08:00', '2026-03-05T07:00:00Z', '2026-03-05T07:00:00Z', '2026-03-05T07:00:00Z'); INSERT INTO checkins (entry_id, mood, stress) VALUES (last_insert_rowid(), 6, 4); COMMIT;"
week="SELECT e.kind, count(*), avg(c.mood) FROM entries e LEFT JOIN checkins c ON c.entry_id = e.id WHERE e.day BETWEEN '2026-03-02' AND '2026-03-08' AND e.deleted = 0 GROUP BY e.kind"

# Every measurement runs the command in $before_each first, if any (with hyperfine as
# --prepare, which is not timed).
before_each=""
prepare() { if [ -n "$before_each" ]; then eval "$before_each"; fi; }
peak() {  # the most memory any of 5 runs held, in KiB
  local most=0 kb
  for _ in 1 2 3 4 5; do
    prepare
    kb=$( { /usr/bin/time -f "%M" "$@" > /dev/null; } 2>&1 | tail -n 1)
    [ "$kb" -gt "$most" ] && most=$kb
  done
  echo "$most"
}

# Instructions (callgrind) do not move with the machine's load, as wall-clock times do.
instructions() {
  command -v valgrind > /dev/null || { echo 0; return; }
  prepare
  valgrind --tool=callgrind --callgrind-out-file="$T/cg.out" "$@" > /dev/null 2>&1
  sed -n 's/^totals: //p' "$T/cg.out"
}
run() {  # run NAME COMMAND: hyperfine's mean and spread, in ms, into $T/NAME.json
  hyperfine -N --warmup 10 --runs 100 ${before_each:+--prepare "$before_each"} \
    --export-json "$T/$1.json" "$2" > /dev/null 2>&1
}
# The reads first, on the journals as generated; then the writes, which add entries.
run report-10y "$bin --journal $T/ten-years.db report --week 2026-W10 --json"
run report-1m "$bin --journal $T/one-month.db report --week 2026-W10 --json"
run query "sqlite3 $T/ten-years.db \"$week\""
ins_report10=$(instructions "$bin" --journal "$T/ten-years.db" report --week 2026-W10 --json)
ins_report1=$(instructions "$bin" --journal "$T/one-month.db" report --week 2026-W10 --json)
ins_query=$(instructions sqlite3 "$T/ten-years.db" "$week")
mem_report=$(peak "$bin" --journal "$T/ten-years.db" report --week 2026-W10 --json)
mem_sqlite=$(peak sqlite3 "$T/ten-years.db" "$week")
# The writes: every run starts from the same journal, for rebuild and sqlite3 alike: the
# ten-year one with the next morning's entries taken out again (by sqlite3, untimed), so each
# run is that morning's first check-in. (Without this, a hundred runs on one day would time
# the replacing of a check-in among hundreds deleted; and a fresh copy of the file would time
# the flushing of 30 MB of dirty page cache at the first fsync.)
export REBUILD_NOW=2026-03-05T08:00
cp "$T/ten-years.db" "$T/write.db" && sync "$T/write.db"
morning="SELECT id FROM entries WHERE day = '2026-03-05'"
before_each="sqlite3 $T/write.db \"DELETE FROM changes WHERE entry_id IN ($morning); DELETE FROM checkins WHERE entry_id IN ($morning); DELETE FROM entries WHERE day = '2026-03-05'\""
run checkin "$bin --journal $T/write.db checkin --as Dan --mood 6 --stress 4"
run insert "sqlite3 $T/write.db \"$insert\""
ins_checkin=$(instructions "$bin" --journal "$T/write.db" checkin --as Dan --mood 6 --stress 4)
ins_insert=$(instructions sqlite3 "$T/write.db" "$insert")
mem_checkin=$(peak "$bin" --journal "$T/write.db" checkin --as Dan --mood 6 --stress 4)


python3 - "$T" "$mem_checkin" "$mem_report" "$mem_sqlite" "$ins_checkin" "$ins_insert" \
  "$ins_report10" "$ins_report1" "$ins_query" <<'PY'
import json, sys
d = sys.argv[1]
def mean(name):
    r = json.load(open(f"{d}/{name}.json"))["results"][0]
    return r["mean"] * 1000, r["stddev"] * 1000
c, i, r10, r1, q = (mean(n) for n in ("checkin", "insert", "report-10y", "report-1m", "query"))
mc, mr, ms = (int(x) / 1024 for x in sys.argv[2:5])
print("| measure | rebuild | baseline | ratio | target |")
print("|---|---:|---:|---:|---|")
print(f"| checkin vs sqlite3 INSERT (10-year journal) | {c[0]:.1f} ± {c[1]:.1f} ms | {i[0]:.1f} ± {i[1]:.1f} ms | {c[0]/i[0]:.2f}x | within 1.1x |")
print(f"| report --week --json vs indexed week query (10-year) | {r10[0]:.1f} ± {r10[1]:.1f} ms | {q[0]:.1f} ± {q[1]:.1f} ms | {r10[0]/q[0]:.2f}x | within 2x |")
print(f"| report, 10-year vs 1-month journal | {r10[0]:.1f} ms | {r1[0]:.1f} ms | {r10[0]/r1[0]:.2f}x | within 1.10x |")
print(f"| peak memory: checkin / report / sqlite3 query | {mc:.1f} / {mr:.1f} MiB | {ms:.1f} MiB | | under 8 MiB |")
ic, ii, ir10, ir1, iq = (int(x) for x in sys.argv[5:10])
if ic:
    print()
    print("| instructions (callgrind) | rebuild | baseline | ratio |")
    print("|---|---:|---:|---:|")
    print(f"| checkin vs sqlite3 INSERT | {ic/1e6:.1f} M | {ii/1e6:.1f} M | {ic/ii:.2f}x |")
    print(f"| report vs indexed week query | {ir10/1e6:.1f} M | {iq/1e6:.1f} M | {ir10/iq:.2f}x |")
    print(f"| report, 10-year vs 1-month | {ir10/1e6:.1f} M | {ir1/1e6:.1f} M | {ir10/ir1:.2f}x |")
PY
