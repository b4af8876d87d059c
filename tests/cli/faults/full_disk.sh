#!/usr/bin/env bash
# A full disk, for real: a small tmpfs holds the journal (and is where files are written).
# Every command that runs out of room says so, exit 74, names the right file, leaves the
# journal as it was and leaves no file behind. Needs root (mount); skipped (77) otherwise.
#
#   full_disk.sh REBUILD_BINARY
set -u
bin=$(readlink -f "$1")
T=$(mktemp -d /tmp/rebuild-full.XXXXXX)
mkdir -p "$T/tiny" "$T/roomy"
if ! mount -t tmpfs -o size=448k,mode=0700 tmpfs "$T/tiny" 2> /dev/null; then
  rm -rf "$T"; echo "skipped: cannot mount a tmpfs here (needs root)"; exit 77
fi
trap 'umount "$T/tiny"; rm -rf "$T"' EXIT
export TZ=Europe/Paris REBUILD_NOW=2026-03-04T08:00 HOME="$T"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
J="$T/tiny/journal.db"
"$bin" --journal "$J" init --partner Dan --partner Sam > /dev/null || fail "init"
"$bin" --journal "$J" gesture --as Dan "Hug" > /dev/null || fail "gesture"
# A partner's copy with enough in it that its scratch copy cannot fit beside the journal.
"$bin" --journal "$T/roomy/sam.db" init --partner Dan --partner Sam > /dev/null
for i in $(seq 1 150); do
  "$bin" --journal "$T/roomy/sam.db" gesture --as Sam "$(printf 'a long note %.0s' $(seq 1 100)) $i" > /dev/null
done
sum() { cat "$J" "$J-wal" 2> /dev/null | sha256sum; }

# expects CODE PATTERN COMMAND...: the exit code, a message matching PATTERN, nothing changed.
expects() {
  local code=$1 pattern=$2; shift 2
  local before; before=$(sum)
  local err; err=$("$@" 2>&1 > /dev/null); local got=$?
  [ "$got" = "$code" ] || fail "$*: exit $got, not $code ($err)"
  printf '%s\n' "$err" | grep -Eq "$pattern" || fail "$*: message '$err' does not match '$pattern'"
  [ "$(printf '%s\n' "$err" | wc -l)" = 1 ] || fail "$*: more than one line: $err"
  [ "$before" = "$(sum)" ] || fail "$*: the journal changed"
  echo "ok: $* -> $err"
}
expects 74 "scratch copy of $T/roomy/sam.db beside the journal: No space left" \
  "$bin" --journal "$J" merge "$T/roomy/sam.db"
expects 74 "cannot write $T/tiny/big.jsonl: No space left" \
  "$bin" --journal "$T/roomy/sam.db" export --output "$T/tiny/big.jsonl"
expects 74 "backup at $T/tiny/b.db.*nothing was left there" "$bin" --journal "$T/roomy/sam.db" backup "$T/tiny/b.db"
echo "a long walk by the sea" > "$T/roomy/pass"
if "$bin" backup --help | grep -q -- --encrypt; then
  expects 74 "backup at $T/tiny/b.db.enc: No space left.*nothing was left there" \
    "$bin" --journal "$T/roomy/sam.db" backup "$T/tiny/b.db.enc" --encrypt --passphrase-fd 3 3< "$T/roomy/pass"
  expects 74 "cannot write $T/tiny/big.jsonl.enc: No space left" \
    "$bin" --journal "$T/roomy/sam.db" export --encrypt --output "$T/tiny/big.jsonl.enc" --passphrase-fd 3 3< "$T/roomy/pass"
fi
# sync: this replica's file, too big for the shared folder, is not left there half-written.
mkdir "$T/tiny/shared"
"$bin" --journal "$T/roomy/sam.db" sync init > /dev/null
expects 74 "cannot write $T/tiny/shared/[0-9a-f]{16}/1.rbx: No space left.*nothing was left there" \
  "$bin" --journal "$T/roomy/sam.db" sync "$T/tiny/shared"
left=$(find "$T/tiny/shared" -type f)
[ -z "$left" ] || fail "left in the shared folder: $left"
rm -r "$T/tiny/shared"
left=$(ls -A "$T/tiny" | grep -v -x -e journal.db -e journal.db-wal -e journal.db-shm)
[ -z "$left" ] || fail "left behind: $left"
left=$(ls -A "$T/roomy" | grep -F '.rebuild-')
[ -z "$left" ] || fail "left beside the journal that was backed up: $left"
"$bin" --journal "$J" log > /dev/null || fail "log after the full disk"
[ "$(sqlite3 "$J" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"
if [ "$failures" -gt 0 ]; then echo "$failures failures"; exit 1; fi
echo "a full disk changed nothing and left nothing"
