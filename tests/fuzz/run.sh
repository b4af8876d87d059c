#!/usr/bin/env bash
# Runs every fuzz target of a REBUILD_FUZZ build for a bounded time, one after the other.
#
#   tests/fuzz/run.sh BUILD_DIR SECONDS
#
# Each BUILD_DIR/tests/fuzz/fuzz_NAME that has a seed corpus tests/fuzz/corpus/NAME/ runs
# SECONDS seconds on a copy of that corpus in a temporary folder (the repository's corpus is
# not grown). Prints the executions and the outcome of each; exits 1 when any target found a
# crash (a sanitizer report, an uncaught exception, a failed invariant, a timeout or running
# out of memory), after printing the inputs that did it (their paths, kept, and their bytes in
# hex) and the end of the fuzzer's log. Exits 2 on bad usage or when nothing was run.
set -euo pipefail

if [ $# -ne 2 ] || ! [[ $2 =~ ^[0-9]+$ ]] || [ "$2" -lt 1 ]; then
  echo "usage: $0 BUILD_DIR SECONDS" >&2
  exit 2
fi
build=$1
seconds=$2
here=$(cd "$(dirname "$0")" && pwd)
bin_dir=$build/tests/fuzz
if [ ! -d "$bin_dir" ]; then
  echo "$0: no $bin_dir; configure $build with -DREBUILD_FUZZ=ON and build --target fuzz" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/rebuild-fuzz.XXXXXX")
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

hex() {
  if command -v xxd > /dev/null; then xxd -g 1 "$1"; else od -A x -t x1z -v "$1"; fi
}

ran=0
failed=()
summary=()
for exe in "$bin_dir"/fuzz_*; do
  [ -f "$exe" ] && [ -x "$exe" ] || continue
  name=${exe##*/fuzz_}
  seeds=$here/corpus/$name
  if [ ! -d "$seeds" ]; then
    echo "== fuzz_$name: no seed corpus tests/fuzz/corpus/$name/, skipped"
    continue
  fi
  out=$work/$name
  mkdir -p "$out"
  cp -R "$seeds" "$out/corpus"
  seed_count=$(find "$out/corpus" -type f | wc -l)
  echo "== fuzz_$name: ${seconds}s from $seed_count seeds (log: $out/log)"
  status=0
  "$exe" -max_total_time="$seconds" -max_len=4096 -timeout=10 -print_final_stats=1 \
         -artifact_prefix="$out/" "$out/corpus" > "$out/log" 2>&1 || status=$?
  ran=$((ran + 1))

  # The executions: the final stats, else libFuzzer's "Done N runs", else its last "#N" line.
  execs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$out/log" | tail -n 1)
  [ -n "$execs" ] || execs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$out/log" | tail -n 1)
  [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9]*\).*/\1/p' "$out/log" | tail -n 1)
  [ -n "$execs" ] || execs='?'
  corpus_count=$(find "$out/corpus" -type f | wc -l)
  artifacts=()
  for a in "$out"/crash-* "$out"/leak-* "$out"/timeout-* "$out"/oom-*; do
    [ -e "$a" ] && artifacts+=("$a")
  done

  if [ "$status" -eq 0 ] && [ ${#artifacts[@]} -eq 0 ]; then
    line="fuzz_$name: $execs execs, corpus $seed_count -> $corpus_count, no crash"
  else
    line="fuzz_$name: $execs execs, CRASH (exit $status, ${#artifacts[@]} artifact(s))"
    failed+=("$name")
    echo "-- fuzz_$name: the end of its log"
    tail -n 80 "$out/log"
    for a in "${artifacts[@]}"; do
      echo "-- input $a ($(wc -c < "$a") bytes; reproduce: $exe $a):"
      hex "$a"
    done
  fi
  echo "$line"
  summary+=("$line")
done

echo "== fuzzing summary (${seconds}s per target)"
if [ "$ran" -eq 0 ]; then
  echo "no fuzz target with a seed corpus in $bin_dir"
  rm -rf "$work"
  exit 2
fi
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -ne 0 ]; then
  echo "crashes in: ${failed[*]}; inputs and logs kept in $work"
  exit 1
fi
rm -rf "$work"
