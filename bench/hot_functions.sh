#!/usr/bin/env bash
# Writes bench/hot_functions.txt: the functions the everyday commands run, the ones most
# commands share first, as the linker's symbol ordering file (CMakeLists.txt, lld's
# --symbol-ordering-file). Laid out together they sit in a few hundred KiB of the 9 MB
# executable, so a command faults in the code it runs and not the code around it: the kernel
# maps a binary's pages 64 KiB at a time (fault-around), and scattered code made every
# command's peak RSS several MiB of code it never ran (bench/README.md, issue 26).
#
#   bench/hot_functions.sh [BUILD_DIR]      (default: build; needs valgrind and sqlite3)
#
# Run it again when the commands change much; a stale list only lays the code out less well
# (names it lists that no longer exist are passed over), it never changes what rebuild does.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(readlink -f "${1:-$here/../build}/rebuild")
command -v valgrind > /dev/null || { echo "needs valgrind (apt-get install valgrind)"; exit 2; }
T=$(mktemp -d /tmp/rebuild-hot.XXXXXX)
trap 'rm -rf "$T"' EXIT
export TZ=Europe/Paris REBUILD_NOW=2026-03-04T21:00 HOME="$T"
unset REBUILD_JOURNAL REBUILD_PARTNER COLUMNS PAGER

"$here/generate.sh" "$bin" "$T/j.db" 90 > /dev/null
n=0
profile() {  # profile JOURNAL ARGS...: the functions one command runs, mangled, one a line
  n=$((n + 1))
  valgrind --tool=callgrind --demangle=no --callgrind-out-file="$T/cg.$n" \
    "$bin" --journal "$@" > /dev/null 2>&1 < /dev/null || true
  sed -n "s/^c\{0,1\}fn=([0-9]*) \(.*\)$/\1/p" "$T/cg.$n" | sed "s/'[0-9]*$//" |
    grep -v '^(\|^0x' | sort -u > "$T/fn.$n"
}
profile "$T/j.db" --version
for c in "log --no-pager" "log -n 5 --json" "report --week 2026-W10" "report --json" \
         "report --format html" "report --format markdown" "plan" "due" "calendar" "config" \
         "goal" "rules" "timeout list --no-pager" "concern list --no-pager" "tasks" "stage" \
         "ritual" "review" "agenda" "export" "show 00000000-0000-4000-8000-000000000201"; do
  # shellcheck disable=SC2086  # the words of the command
  profile "$T/j.db" $c
done
"$bin" --journal "$T/j.db" export > "$T/j.jsonl"
"$bin" --journal "$T/j.db" backup "$T/backup.db" > /dev/null
cp "$T/j.db" "$T/other.db"
profile "$T/j.db" backup "$T/b.db"
"$bin" --journal "$T/new.db" init --partner Dan --partner Sam > /dev/null
cp "$T/new.db" "$T/new2.db"
profile "$T/new.db" merge "$T/other.db"
profile "$T/new2.db" import "$T/j.jsonl"
for c in "checkin --as Dan --mood 6 --stress 4" "gesture --as Dan A_hug" \
         "bid --as Dan Look --toward" "repair --as Sam Sorry --accepted" "timeout --as Dan" \
         "undo --as Dan" "merge $T/other.db" "import $T/j.jsonl" "restore $T/backup.db"; do
  cp "$T/j.db" "$T/w.db"
  # shellcheck disable=SC2086
  profile "$T/w.db" $c
done
# Each function once, those most commands run first (then by name, for a stable file).
cat "$T"/fn.* | sort | uniq -c | sort -k1,1nr -k2 | awk '{ print $2 }' > "$here/hot_functions.txt"
echo "bench/hot_functions.txt: $(wc -l < "$here/hot_functions.txt") functions from $n commands"
