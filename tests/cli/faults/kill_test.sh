#!/usr/bin/env bash
# kill -9 at random moments during the commands that make files: init, import, merge, backup,
# restore, backup --encrypt (and restore of what it sealed), sync, export --output and
# passphrase change. After each
# kill the next command of the same kind runs (it sweeps what a killed one left), and then
# nothing stray may be beside the journal or the destination, the journal must pass
# integrity_check, and every command must work.
#
#   kill_test.sh REBUILD_BINARY SOURCE_DIR [RUNS]
set -u
bin=$(readlink -f "$1")
src=$(readlink -f "$2")
runs=${3:-24}
T=$(mktemp -d /tmp/rebuild-kill.XXXXXX)
# Only this shell cleans up: a command started in the background (kill_with) is a forked
# copy of it until it execs, and a SIGTERM or SIGHUP landing in that moment ran this trap in
# the copy, taking $T away from under the rest of the test (seen under load in CI).
trap 'if [ "$BASHPID" = "$$" ]; then rm -rf "$T"; fi' EXIT
export TZ=Europe/Paris REBUILD_NOW=2026-03-04T08:00 HOME="$T/home"
mkdir -p "$HOME"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# A journal of a year (about 7,500 entries), so that each command takes long enough to be
# killed in the middle; a partner's copy of it; an export of it.
J="$T/j/journal.db"
mkdir -p "$T/j"
bash "$src/bench/generate.sh" "$bin" "$J" 365 > /dev/null
rb() { "$bin" --journal "$J" "$@"; }
rb backup "$T/sam.db" > /dev/null || fail "cannot make the partner's copy"
rb export --output "$T/all.jsonl" > /dev/null || fail "cannot export"

# Milliseconds each command takes here, so that kills fall before, during and after it.
took_ms() {
  local t0 t1
  t0=$(date +%s%N); "$@" > /dev/null 2>&1; t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000 + 1))
}

# Runs "$@" in the background and kills it (-9) after a random part of `span` ms.
kill_during() {
  local span=$1; shift
  "$@" > /dev/null 2>&1 &
  local pid=$!
  local ms=$((RANDOM % (span + span / 2 + 1)))
  sleep "$(printf '0.%03d' "$ms")" 2> /dev/null || sleep 0
  kill -9 "$pid" 2> /dev/null
  wait "$pid" 2> /dev/null
}

# Nothing of rebuild's own beside a file: temporary names are .NAME.rebuild-TAG-PID.
stray_beside() { ls -A "$(dirname "$1")" | grep -F ".$(basename "$1").rebuild-" ; }

journal_ok() {
  local j=$1
  [ "$(sqlite3 "$j" 'PRAGMA integrity_check' 2>&1)" = ok ] || { fail "$j: integrity_check"; return; }
  "$bin" --journal "$j" log -n 1 > /dev/null 2>&1 || fail "$j: log does not work"
  "$bin" --journal "$j" report --week 2026-W10 > /dev/null 2>&1 || fail "$j: report does not work"
}

# How many kills landed while the command had files of its own under way: the test is only
# worth something if many do.
midway=0
caught() { [ -n "$1" ] && midway=$((midway + 1)); }
count() { echo "$1 runs of $2 ($midway killed while their own files were under way)"; midway=0; }

# init
span=$(took_ms "$bin" --journal "$T/init/a.db" init --partner Dan --partner Sam)
for i in $(seq "$runs"); do
  rm -rf "$T/init"; mkdir -p "$T/init"
  kill_during "$span" "$bin" --journal "$T/init/journal.db" init --partner Dan --partner Sam
  caught "$(stray_beside "$T/init/journal.db")"
  if [ -e "$T/init/journal.db" ]; then
    journal_ok "$T/init/journal.db"
  else
    "$bin" --journal "$T/init/journal.db" init --partner Dan > /dev/null 2>&1 || fail "init after a killed init"
  fi
  [ -z "$(stray_beside "$T/init/journal.db")" ] || fail "init left: $(stray_beside "$T/init/journal.db")"
done
count "$runs" init

# import (into a copy of an empty journal: the whole file or nothing)
"$bin" --journal "$T/empty.db" init --partner Dan --partner Sam > /dev/null
cp "$T/empty.db" "$T/imp.db"
span=$(took_ms "$bin" --journal "$T/imp.db" import "$T/all.jsonl")
for i in $(seq "$runs"); do
  rm -f "$T/imp.db"*; cp "$T/empty.db" "$T/imp.db"
  kill_during "$span" "$bin" --journal "$T/imp.db" import "$T/all.jsonl"
  caught "$(ls -A "$T" | grep -E '^imp\.db-wal$' && [ "$(stat -c %s "$T/imp.db-wal" 2>/dev/null || echo 0)" -gt 0 ] && echo yes)"
  n=$(sqlite3 "$T/imp.db" "SELECT count(*) FROM entries")
  [ "$n" = 0 ] || [ "$n" = "$(sqlite3 "$J" "SELECT count(*) FROM entries")" ] || fail "import left $n entries: not all or nothing"
  journal_ok "$T/imp.db"
done
count "$runs" import

# merge
span=$(took_ms "$bin" --journal "$T/imp.db" merge "$T/sam.db")
for i in $(seq "$runs"); do
  kill_during "$span" "$bin" --journal "$J" merge "$T/sam.db"
  caught "$(stray_beside "$J")"
  rb log -n 1 > /dev/null 2>&1 || fail "log after a killed merge"
  [ -z "$(stray_beside "$J")" ] || fail "merge left: $(stray_beside "$J")"
  [ -z "$(ls -A "$T" | grep -E '^sam\.db-(wal|shm)$')" ] || fail "merge wrote beside the other copy"
done
journal_ok "$J"
count "$runs" merge

# backup
mkdir -p "$T/backups"
span=$(took_ms rb backup "$T/backups/probe.db")
for i in $(seq "$runs"); do
  kill_during "$span" "$bin" --journal "$J" backup "$T/backups/b$i.db"
  caught "$(ls -A "$T/backups" | grep -F '.rebuild-')"
  if [ -e "$T/backups/b$i.db" ]; then journal_ok "$T/backups/b$i.db"; fi
  rb backup "$T/backups/after$i.db" > /dev/null 2>&1 || fail "backup after a killed backup"
  [ -z "$(ls -A "$T/backups" | grep -F '.rebuild-')" ] || fail "backup left: $(ls -A "$T/backups" | grep -F '.rebuild-')"
  rm -f "$T/backups"/*
done
count "$runs" backup

# restore (when this build has it)
if "$bin" restore --help > /dev/null 2>&1; then
  rb backup "$T/restore-from.db" > /dev/null
  span=$(took_ms "$bin" --journal "$T/imp.db" restore "$T/restore-from.db")
  restored=0
  for i in $(seq "$runs"); do
    rb gesture --as Dan "after the backup $i" > /dev/null  # what a restore that came in takes away
    kill_during "$span" "$bin" --journal "$J" restore "$T/restore-from.db"
    caught "$(stray_beside "$J")"
    [ "$(sqlite3 "$J" "SELECT count(*) FROM gestures WHERE text = 'after the backup $i'")" = 0 ] &&
      restored=$((restored + 1))
    rb log -n 1 > /dev/null 2>&1 || fail "log after a killed restore"
    [ -z "$(stray_beside "$J")" ] || fail "restore left: $(stray_beside "$J")"
    # A kept copy of the journal as it was only with a restore that came in.
    kept=$(ls -A "$T/j" | grep -c 'before-restore')
    [ "$kept" -le "$restored" ] || fail "restore kept $kept copies for $restored restores"
    [ -z "$(ls -A "$T" | grep -E '^restore-from\.db-(wal|shm)$')" ] || fail "restore wrote beside the backup"
    journal_ok "$J"
  done
  count "$runs" restore
fi

# backup --encrypt and restore of what it sealed (when this build has them): the plain copy
# sits in a scratch folder beside the journal while it is made, opened or sealed, the sealed
# file under a temporary name beside the destination; neither may stay. Killed outright, the
# next command sweeps them; SIGINT, SIGTERM or SIGHUP, the command itself removes them at
# once, before any other command runs.
if "$bin" backup --help 2> /dev/null | grep -q -- --encrypt; then
  echo "a long walk by the sea" > "$T/pass"
  t0=$(date +%s%N)
  rb backup "$T/sealed.db.enc" --encrypt --passphrase-fd 3 3< "$T/pass" > /dev/null || fail "backup --encrypt"
  span=$((($(date +%s%N) - t0) / 1000000 + 1))
  for i in $(seq "$runs"); do
    sig=$(echo KILL INT TERM HUP | cut -d' ' -f$((i % 4 + 1)))
    "$bin" --journal "$J" backup "$T/backups/s$i.db.enc" --encrypt --passphrase-fd 3 3< "$T/pass" > /dev/null 2>&1 &
    pid=$!
    sleep "$(printf '0.%03d' $((RANDOM % (span + span / 2 + 1))))" 2> /dev/null || sleep 0
    kill "-$sig" "$pid" 2> /dev/null
    wait "$pid" 2> /dev/null
    caught "$(stray_beside "$J")$(ls -A "$T/backups" | grep -F '.rebuild-')"
    if [ "$sig" != KILL ]; then
      [ -z "$(stray_beside "$J")" ] || fail "SIG$sig during backup --encrypt left: $(stray_beside "$J")"
      [ -z "$(ls -A "$T/backups" | grep -F '.rebuild-')" ] || fail "SIG$sig during backup --encrypt left: $(ls -A "$T/backups")"
    fi
    if [ -e "$T/backups/s$i.db.enc" ]; then
      rb restore "$T/backups/s$i.db.enc" --passphrase-fd 3 3< "$T/pass" > /dev/null 2>&1 || fail "a sealed backup left by a killed backup does not restore"
    fi
    rb backup "$T/backups/after$i.db.enc" --encrypt --passphrase-fd 3 3< "$T/pass" > /dev/null 2>&1 || fail "backup --encrypt after a killed one"
    [ -z "$(stray_beside "$J")" ] || fail "backup --encrypt left: $(stray_beside "$J")"
    [ -z "$(ls -A "$T/backups" | grep -F '.rebuild-')" ] || fail "backup --encrypt left: $(ls -A "$T/backups" | grep -F '.rebuild-')"
    rm -f "$T/backups"/*
  done
  count "$runs" "backup --encrypt (SIGKILL, SIGINT, SIGTERM, SIGHUP)"
  t0=$(date +%s%N)
  rb restore "$T/sealed.db.enc" --passphrase-fd 3 3< "$T/pass" > /dev/null || fail "restore of a sealed backup"
  span=$((($(date +%s%N) - t0) / 1000000 + 1))
  for i in $(seq "$runs"); do
    sig=$(echo KILL INT TERM HUP | cut -d' ' -f$((i % 4 + 1)))
    "$bin" --journal "$J" restore "$T/sealed.db.enc" --passphrase-fd 3 3< "$T/pass" > /dev/null 2>&1 &
    pid=$!
    sleep "$(printf '0.%03d' $((RANDOM % (span + span / 2 + 1))))" 2> /dev/null || sleep 0
    kill "-$sig" "$pid" 2> /dev/null
    wait "$pid" 2> /dev/null
    caught "$(stray_beside "$J")"
    if [ "$sig" != KILL ]; then
      [ -z "$(stray_beside "$J")" ] || fail "SIG$sig during restore of a sealed backup left: $(stray_beside "$J")"
    fi
    rb log -n 1 > /dev/null 2>&1 || fail "log after a killed restore of a sealed backup"
    [ -z "$(stray_beside "$J")" ] || fail "restore of a sealed backup left: $(stray_beside "$J")"
    journal_ok "$J"
  done
  count "$runs" "restore of a sealed backup (SIGKILL, SIGINT, SIGTERM, SIGHUP)"
fi

# sync (when this build has it): the first sync of a year's journal writes a few files into
# the shared folder, each under a temporary name first. Killed at any moment, the next sync
# sweeps what it left, goes on, and the other device then takes in every entry: nothing lost,
# nothing half-read.
if "$bin" help sync > /dev/null 2>&1; then
  mkdir -p "$T/sync"
  rb backup "$T/sync/a0.db" > /dev/null
  words=$("$bin" --journal "$T/sync/a0.db" --json sync init | python3 -c 'import json, sys; print(json.load(sys.stdin)["secret"])')
  "$bin" --journal "$T/sync/b0.db" init --partner Dan --partner Sam > /dev/null
  "$bin" --journal "$T/sync/b0.db" sync init --secret-fd 3 3<<< "$words" > /dev/null
  fresh() {  # $1: a or b, as it was before any sync
    rm -f "$T/sync/$1.db"*
    cp "$T/sync/${1}0.db" "$T/sync/$1.db" && cp "$T/sync/${1}0.db.sync-key" "$T/sync/$1.db.sync-key"
  }
  fresh a; rm -rf "$T/sync/dir"; mkdir "$T/sync/dir"
  span=$(took_ms "$bin" --journal "$T/sync/a.db" sync "$T/sync/dir")
  sync_runs=$(((runs + 2) / 3))
  for i in $(seq "$sync_runs"); do
    fresh a; fresh b; rm -rf "$T/sync/dir"; mkdir "$T/sync/dir"
    kill_during "$span" "$bin" --journal "$T/sync/a.db" sync "$T/sync/dir"
    caught "$(find "$T/sync/dir" -name '.*.rebuild-*')"
    journal_ok "$T/sync/a.db"
    "$bin" --journal "$T/sync/a.db" sync "$T/sync/dir" > /dev/null 2>&1 || fail "sync after a killed sync"
    left=$(find "$T/sync/dir" -name '.*' -type f)
    [ -z "$left" ] || fail "sync left: $left"
    "$bin" --journal "$T/sync/b.db" sync "$T/sync/dir" > /dev/null 2>&1 || fail "the other device's sync"
    want=$(sqlite3 "$T/sync/a.db" "SELECT count(*) FROM entries WHERE private = 0")
    got=$(sqlite3 "$T/sync/b.db" "SELECT count(*) FROM entries")
    [ "$want" = "$got" ] || fail "after a killed sync the other device has $got entries of $want"
  done
  count "$sync_runs" sync
fi

# export --output
mkdir -p "$T/out"
rb export --output "$T/now.jsonl" > /dev/null  # the journal as it is now, whole
span=$(took_ms rb export --output "$T/probe.jsonl")
for i in $(seq "$runs"); do
  kill_during "$span" "$bin" --journal "$J" export --output "$T/out/all.jsonl"
  caught "$(ls -A "$T/out" | grep -F '.rebuild-')"
  if [ -e "$T/out/all.jsonl" ]; then
    cmp -s "$T/out/all.jsonl" "$T/now.jsonl" || fail "export left a partial file"
  fi
  rb export --output "$T/out/all.jsonl" > /dev/null 2>&1 || fail "export after a killed export"
  [ "$(ls -A "$T/out")" = all.jsonl ] || fail "export left: $(ls -A "$T/out")"
done
count "$runs" "export --output"

# SIGINT, SIGTERM and SIGHUP: the command removes its own files on the way out, so they are
# gone at once, before any other command sweeps.
kill_with() {
  local sig=$1 span=$2; shift 2
  "$@" > /dev/null 2>&1 &
  local pid=$!
  sleep "$(printf '0.%03d' $((RANDOM % (span + 1))))" 2> /dev/null || sleep 0
  kill "-$sig" "$pid" 2> /dev/null
  wait "$pid" 2> /dev/null
}
span=$(took_ms rb export --output "$T/probe.jsonl")
for i in $(seq "$runs"); do
  sig=$(echo INT TERM HUP | cut -d' ' -f$((i % 3 + 1)))
  kill_with "$sig" "$span" "$bin" --journal "$J" export --output "$T/out/sig.jsonl"
  [ -z "$(ls -A "$T/out" | grep -F '.rebuild-')" ] || fail "SIG$sig left: $(ls -A "$T/out")"
  kill_with "$sig" "$span" "$bin" --journal "$J" merge "$T/sam.db"
  [ -z "$(stray_beside "$J")" ] || fail "SIG$sig during merge left: $(stray_beside "$J")"
done
echo "$runs runs of SIGINT, SIGTERM or SIGHUP during export --output and merge"

# passphrase change: a new data key, every private box sealed again under it, in one
# transaction. Whenever it is killed, exactly one passphrase opens Dan's private words, and it
# opens every one of them.
P="$T/p/journal.db"
mkdir -p "$T/p"
printf 'first words for dan\n' > "$T/pass-a"
printf 'second words for dan\n' > "$T/pass-b"
"$bin" --journal "$P" init --partner Dan --partner Sam > /dev/null
"$bin" --journal "$P" passphrase set --as Dan --passphrase-fd 3 3< "$T/pass-a" > /dev/null
for n in $(seq 12); do
  "$bin" --journal "$P" gesture --as Dan "PRIVATEWORD $n" --private --passphrase-fd 3 3< "$T/pass-a" > /dev/null ||
    fail "a private gesture"
done
opened() { "$bin" --journal "$P" log --as Dan --private --no-pager --passphrase-fd 3 3< "$1" 2> /dev/null | grep -c PRIVATEWORD; }
now=a next=b
cp "$P" "$T/p/probe.db"
span=$(took_ms "$bin" --journal "$T/p/probe.db" passphrase change --as Dan --passphrase-fd 3 --new-passphrase-fd 4 3< "$T/pass-a" 4< "$T/pass-b")
changed=0
for i in $(seq "$runs"); do
  kill_during "$span" "$bin" --journal "$P" passphrase change --as Dan --passphrase-fd 3 --new-passphrase-fd 4 3< "$T/pass-$now" 4< "$T/pass-$next"
  with_now=$(opened "$T/pass-$now") with_next=$(opened "$T/pass-$next")
  if [ "$with_now" = 12 ] && [ "$with_next" = 0 ]; then
    :  # killed before it committed: as it was
  elif [ "$with_next" = 12 ] && [ "$with_now" = 0 ]; then
    changed=$((changed + 1)) && t=$now && now=$next && next=$t
  else
    fail "after a killed passphrase change, the one before opens $with_now and the new one $with_next of 12"
  fi
done
journal_ok "$P"
echo "$runs runs of passphrase change ($changed had committed when killed)"

journal_ok "$J"
if [ "$failures" -gt 0 ]; then echo "$failures failures"; exit 1; fi
echo "every killed command left nothing behind"
