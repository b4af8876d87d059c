#!/usr/bin/env bash
# Runs one end-to-end case against the real binary and compares its transcript with the
# golden file beside it.
#
#   run_case.sh BINARY CASE_FILE         compare (exit 0 when equal)
#   REBUILD_ACCEPT=1 run_case.sh ...     rewrite the golden file from this run
#
# A case file holds shell lines, each one step, run in order on one temp journal with a
# fixed clock (REBUILD_NOW=2026-03-04T08:00, TZ=Europe/Paris) and a clean environment.
# In a step, `rebuild` is the binary with --journal "$J"; $RB is the bare binary; $T the
# temp folder; `nth_id N` the id of the Nth entry `log` lists; `sql` runs sqlite3 on $J;
# `figures KEY...` prints the given keys (a.b.0.c) of the JSON document on stdin, one a line.
# A step written `unchanged: CMD` also records whether the journal's bytes changed.
# `# needs: root` skips the case (exit 77) when not run as root. Other `#` lines are notes.
# The transcript has, per step: `$ CMD`, its stdout, its stderr (each line behind `! `) and
# `[exit N]`. Paths under $T print as $T; ids print as <id1>, <id2>... in order of appearance.
set -u
[ $# -eq 2 ] || { echo "usage: run_case.sh BINARY CASE_FILE" >&2; exit 2; }
bin=$(readlink -f "$1")
case_file=$(readlink -f "$2")
golden="${case_file%.case}.golden"

if [ -z "${REBUILD_CASE_CLEAN:-}" ]; then  # start again with nothing from the caller's env
  exec env -i REBUILD_CASE_CLEAN=1 REBUILD_ACCEPT="${REBUILD_ACCEPT:-}" PATH="$PATH" \
    bash "$0" "$bin" "$case_file"
fi

if grep -q '^# needs: root' "$case_file" && [ "$(id -u)" != 0 ]; then
  echo "skipped: needs root"; exit 77
fi

T=$(mktemp -d /tmp/rebuild-case.XXXXXX)
chmod 755 "$T"
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" TZ=Europe/Paris REBUILD_NOW=2026-03-04T08:00 LANG=C.UTF-8 LC_ALL=C.UTF-8
mkdir -p "$HOME"
J="$T/journal/journal.db"
RB="$bin"
rebuild() { "$RB" --journal "$J" "$@"; }
nth_id() { "$RB" --journal "$J" log --json | grep -o '"id": "[^"]*"' | sed -n "${1}p" | cut -d'"' -f4; }
sql() { sqlite3 "$J" "$@"; }
figures() {
  python3 -c 'import json, sys
doc = json.load(sys.stdin)
for key in sys.argv[1:]:
    v = doc
    for part in key.split("."):
        v = v[int(part)] if isinstance(v, list) else v[part]
    print(key, "=", json.dumps(v, ensure_ascii=False))' "$@"
}
journal_hash() { cat "$J" "$J-wal" 2>/dev/null | sha256sum | cut -c1-16; }

transcript="$T/transcript"
: > "$transcript"
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in ''|'#'*) continue ;; esac
  check=""
  if [ "${line#unchanged: }" != "$line" ]; then
    line=${line#unchanged: }
    check=1
    before=$(journal_hash)
  fi
  eval "$line" > "$T/out" 2> "$T/err" < /dev/null
  code=$?
  {
    printf '$ %s\n' "$line"
    cat "$T/out"
    sed 's/^/! /' "$T/err"
    printf '[exit %s]\n' "$code"
    if [ -n "$check" ]; then
      if [ "$before" = "$(journal_hash)" ]; then echo "[journal unchanged]"; else echo "[journal CHANGED]"; fi
    fi
    echo
  } >> "$transcript"
done < "$case_file"

# Stable across runs: the temp folder's name and the random ids (entries' and replicas').
CASE_TMP="$T" perl -pe '
  BEGIN { our %ids; our $n = 0 }
  s/\Q$ENV{CASE_TMP}\E/\$T/g;
  # The id of a sync replica (16 hex digits), random as the entry ids are.
  s{\b([0-9a-f]{16})\b}{ $ids{$1} //= "<replica" . ++$n . ">"; $ids{$1} }ge;
  s{\b([0-9a-f]{8})((?:-[0-9a-f]{4}){3}-[0-9a-f]{12}|(?:-[0-9a-f]{1,4})?)\b}{
    my ($id, $rest) = ($1, $2);
    # A calendar date, alone or with a time (20260305-0800), is not an id.
    ((!$rest || $rest =~ /^-\d{4}$/) && $id =~ /^20\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/) ? $id . $rest
      : do { $ids{$id} //= "<id" . ++$n . ">"; $ids{$id} . ($rest ? "-..." : "") }
  }ge;
' "$transcript" > "$T/normalised"

if [ -n "${REBUILD_ACCEPT:-}" ]; then
  cp "$T/normalised" "$golden"
  echo "accepted: $golden"
  exit 0
fi
if [ ! -f "$golden" ]; then
  cat "$T/normalised"
  echo "no golden file $golden; run with REBUILD_ACCEPT=1 to write it" >&2
  exit 1
fi
diff -u "$golden" "$T/normalised"
