#!/usr/bin/env bash
# Tab completion in the real shells: completions/rebuild.bash in bash (with bash-completion,
# and through readline on a pseudo-terminal), completions/_rebuild in zsh's completion system
# (compinit, on a pseudo-terminal), completions/rebuild.fish in fish (`complete -C`, what fish
# itself would offer). All three call `rebuild __complete`; the built binary is first on PATH.
#
#   completions.sh BINARY SOURCE_ROOT
#
# On a journal with partners Dan and Sam, the rituals "Sunday coffee" and Walk (paused), the
# job Bins and a few entries, each shell is asked at several depths: commands, subcommands,
# flags, flag values, names, ids, and file names with a space and a folder. The journal and
# its folder must be exactly as they were afterwards; no entry's words may be offered. A
# missing shell skips the test (77), or fails it under CI=true.
set -u
bin=$(readlink -f "$1")
root=$(readlink -f "$2")
python=/usr/bin/python3
bash_completion=/usr/share/bash-completion/bash_completion

missing=()
for tool in bash zsh fish; do command -v "$tool" > /dev/null || missing+=("$tool"); done
[ -x "$python" ] || missing+=(python3)
[ -f "$bash_completion" ] || missing+=(bash-completion)
if [ "${CI:-}" = true ] && ! command -v shellcheck > /dev/null; then missing+=(shellcheck); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "not installed: ${missing[*]} (apt-get install ${missing[*]})"
  [ "${CI:-}" = true ] && exit 1
  exit 77
fi

T=$(mktemp -d /tmp/rebuild-completions.XXXXXX)
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" TZ=Europe/Paris REBUILD_NOW=2026-03-04T21:00 LANG=C.UTF-8 LC_ALL=C.UTF-8
export TERM=xterm
unset REBUILD_PARTNER XDG_DATA_HOME NO_COLOR
mkdir -p "$HOME" "$T/bin" "$T/files/sub folder"
ln -s "$bin" "$T/bin/rebuild"
export PATH="$T/bin:$PATH"
export REBUILD_JOURNAL="$T/data/journal.db"
cd "$root" || exit 1

failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
same() {  # same WHAT EXPECTED ACTUAL
  if [ "$2" != "$3" ]; then
    fail "$1"
    diff <(printf '%s\n' "$2") <(printf '%s\n' "$3") | sed 's/^/    /'
  fi
}
has() {  # has WHAT TEXT LINE...: each LINE is a whole line of TEXT
  local what=$1 text=$2 line
  shift 2
  for line in "$@"; do
    grep -qxF -- "$line" <<< "$text" || fail "$what: no line '$line' in:$(printf '\n    %s' "$text")"
  done
}

# ---- the journal ------------------------------------------------------------------------
{
  rebuild init --partner Dan --partner Sam
  rebuild --as Dan ritual add "Sunday coffee" --every sun
  rebuild --as Sam ritual add Walk --every daily
  rebuild --as Sam ritual pause Walk
  rebuild --as Dan tasks add Bins --owner Sam
  rebuild --as Dan checkin --mood 7 --stress 3 --appreciation "You made soup"
  rebuild --as Sam gesture "Made tea" --date yesterday
  rebuild --as Dan rules add --stop-phrase "Pineapple"
  rebuild --as Sam concern --describe "Late again" --impact "Alone" --ask "Text me"
  # Another journal, in a file whose name has a space: --journal on the line must win.
  rebuild --journal "$T/files/my journal.db" init --partner Ana --partner Ben
  rebuild --journal "$T/files/my journal.db" --as Ana ritual add "Friday film" --every fri
  # A name with a colon and a quote: each shell must quote it whole (zsh's _describe splits
  # at an unescaped colon).
  rebuild --journal "$T/files/my journal.db" --as Ana ritual add "Tea: 5 o'clock" --every sun
  # Names with a slash: a name, never a path (bash once listed only what followed it).
  rebuild --journal "$T/files/my journal.db" --as Ana ritual add "Pizza/film night" --every sat
  rebuild --journal "$T/files/my journal.db" --as Ana ritual add "Pub/quiz" --every thu
} > /dev/null || { echo "could not set up the journals"; exit 1; }
checkin_id=$(rebuild --json log --type checkin | grep -o '"id": "[0-9a-f-]*"' | head -1 | cut -d'"' -f4)
short_id=${checkin_id:0:8}
typed_id=${checkin_id:0:6}
# shellcheck disable=SC2012 # the names are ours, and ls shows sizes and modes at once
state() { ls -la --time-style=+ "$T/data" "$T/files" | awk '{print $1, $5, $NF}'; sha256sum "$T/data/journal.db" "$T/files/my journal.db"; }
before=$(state)

# ---- bash ----------------------------------------------------------------------------------
# _rebuild called as bash calls it (COMP_WORDS as typed, with quotes), after bash-completion;
# compopt, which only works inside readline's completion, is recorded instead.
bash_complete() {  # bash_complete WORD...: the COMPREPLY, one a line, then "compopt: ..."
  bash --norc --noprofile -c '
    source "$1"; source completions/rebuild.bash; shift
    compopt() { local IFS=" "; compopts+=" $*"; }
    compopts=""
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
    _rebuild rebuild "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf "%s\n" "${COMPREPLY[@]}"
    echo "compopt:$compopts"' bash "$bash_completion" rebuild "$@" 2>&1
}
same "bash: the completion is registered" "complete -F _rebuild rebuild" \
  "$(bash --norc -c 'source "$1"; source completions/rebuild.bash; complete -p rebuild' bash "$bash_completion" 2>&1)"
same "bash: rebuild ch" "$(printf '%s\n' checkin "compopt:")" "$(bash_complete ch)"
same "bash: rebuild stage window" "$(printf '%s\n' add remove "compopt:")" "$(bash_complete stage window "")"
out=$(bash_complete checkin --)
has "bash: rebuild checkin --" "$out" --mood --stress --phones-away --date --as --journal
same "bash: rebuild report --format" "$(printf '%s\n' text markdown md json html "compopt:")" \
  "$(bash_complete report --format "")"
same "bash: rebuild report --format=m" "$(printf '%s\n' markdown md "compopt:")" \
  "$(bash_complete report --format=m)"
same "bash: rebuild --as" "$(printf '%s\n' Dan Sam "compopt:")" "$(bash_complete --as "")"
same "bash: rebuild show (an id's start)" "$(printf '%s\n' "$short_id" "compopt:")" \
  "$(bash_complete show "$typed_id")"
# A name with a space is one candidate, quoted whole as it goes on the line (in the quotes
# typed so far, if any).
same "bash: rebuild ritual done" "$(printf '%s\n' "Sunday\\ coffee" Walk "compopt:")" \
  "$(bash_complete ritual "done" "")"
same "bash: rebuild ritual resume" "$(printf '%s\n' Walk "compopt:")" "$(bash_complete ritual resume "")"
same "bash: rebuild tasks assign" "$(printf '%s\n' Bins "compopt:")" "$(bash_complete tasks assign "")"
same "bash: rebuild stage window add" "$(printf '%s\n' mon tue wed thu fri sat sun "compopt:")" \
  "$(bash_complete stage window add "")"
same "bash: rebuild ritual done \"Sun" "$(printf '%s\n' '"Sunday coffee"' "compopt:")" \
  "$(bash_complete ritual "done" '"Sun')"
same "bash: --journal in quotes is read, unquoted" "$(printf '%s\n' "Friday\\ film" "compopt:")" \
  "$(bash_complete --journal "'$T/files/my journal.db'" ritual "done" F)"
same "bash: --journal with a backslash" "$(printf '%s\n' Ana Ben "compopt:")" \
  "$(bash_complete --journal "$T/files/my\\ journal.db" --as "")"
# A path with a space comes back as one candidate, with readline told they are file names.
same "bash: rebuild --journal DIR/my" "$(printf '%s\n' "$T/files/my journal.db" "compopt: -o filenames")" \
  "$(bash_complete --journal "$T/files/my")"
same "bash: rebuild --journal DIR/" \
  "$(printf '%s\n' "$T/files/my journal.db" "$T/files/sub folder" "compopt: -o filenames")" \
  "$(bash_complete --journal "$T/files/" | sort)"
same "bash: rebuild backup DIR/s" "$(printf '%s\n' "$T/files/sub folder" "compopt: -o filenames")" \
  "$(bash_complete backup "$T/files/s")"
if command -v shellcheck > /dev/null; then
  shellcheck -s bash completions/rebuild.bash || fail "shellcheck: completions/rebuild.bash"
fi

# ---- bash, zsh and fish on a terminal ------------------------------------------------------
# Each shell runs interactively on a pseudo-terminal; keys are typed, Tab pressed, and the
# screen read: what the line became, and the list shown. One line a check: the keys (with \t
# for Tab), then, tab-separated, the texts the screen must show; `!TEXT` must not be there.
cat > "$T/drive.py" << 'EOF'
import fcntl, os, pty, re, select, struct, sys, termios, time

def clean(raw):
    text = raw.decode('utf-8', 'replace')
    text = re.sub(r'\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][0-9A-B]|\x1b[=>78M]', '', text)
    return text.replace('\r', '')

argv, prompt, setup, checks = sys.argv[1].split(), sys.argv[2].encode(), sys.argv[3], sys.argv[4]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
# A wide terminal: a long line is drawn on one row, as typed.
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 50, 250, 0, 0))
seen = b''

def read(until=(), most=8.0):
    """What the shell writes until every text in `until` is there (or `most` seconds pass),
    and then a moment more; the screen is settled when nothing comes for a while."""
    global seen
    start, end, quiet = len(seen), time.time() + most, time.time()
    while time.time() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            seen += data
            quiet = time.time()
            continue
        got = seen[start:]
        if all(u in clean(got) for u in until) and time.time() - quiet > (0.3 if until else 0.6):
            break
    return seen[start:]

read()
for line in setup.splitlines():
    os.write(fd, line.encode() + b'\n')
    read(until=[prompt.decode()])
failed = 0
for check in checks.splitlines():
    keys, *wanted = check.split('\t')
    present = [w for w in wanted if not w.startswith('!')]
    absent = [w[1:] for w in wanted if w.startswith('!')]
    os.write(fd, keys.replace('\\t', '\t').encode())
    screen = clean(read(until=present))
    for w in present:
        if w not in screen:
            print(f'FAIL: {argv[0]}: after typing {keys!r}, the screen does not show {w!r}:\n{screen}')
            failed += 1
    for w in absent:
        if w in screen:
            print(f'FAIL: {argv[0]}: after typing {keys!r}, the screen shows {w!r}:\n{screen}')
            failed += 1
    os.write(fd, b'\x03')
    read(until=[prompt.decode()], most=3)
os.kill(pid, 9)
os.waitpid(pid, 0)
sys.exit(min(failed, 100))
EOF
on_terminal() {  # on_terminal SHELL SETUP CHECKS
  "$python" "$T/drive.py" "$1" "READY> " "$2" "$3"
  failures=$((failures + $?))
}
tab=$'\t'
files="$T/files"
# What the shells show on the line for a name, a path with a space, a folder: escaped, one word.
common_checks="rebuild ch\\t${tab}rebuild checkin ${tab}!error
rebuild ritual done Sun\\t${tab}rebuild ritual done Sunday\\ coffee ${tab}!error
rebuild --journal $files/my\\t${tab}--journal $files/my\\ journal.db ${tab}!error
rebuild --journal $files/su\\t${tab}--journal $files/sub\\ folder/${tab}!sub\\ folder/ 
rebuild show $typed_id\\t${tab}rebuild show $short_id ${tab}!error"

on_terminal "bash --norc --noprofile -i" "PS1='READY> '
source $bash_completion
source completions/rebuild.bash" "$common_checks
rebuild stage window \\t\\t${tab}add${tab}remove
rebuild ritual done \"Sun\\t${tab}rebuild ritual done \"Sunday coffee\" 
rebuild --journal $files/my\\ journal.db ritual done F\\t${tab}ritual done Friday\\ film 
rebuild --journal $files/my\\ journal.db ritual done Te\\t${tab}ritual done Tea\\:\\ 5\\ o\\'clock 
rebuild --journal $files/my\\ journal.db ritual done P\\t\\t${tab}Pizza/film\\ night${tab}Pub/quiz${tab}!error"

# Without bash-completion loaded, the script falls back on COMP_WORDS and compgen -f.
on_terminal "bash --norc --noprofile -i" "PS1='READY> '
source completions/rebuild.bash" "$common_checks
rebuild report --format=m\\t\\t${tab}markdown${tab}md"

# zsh: compinit from a completions folder on fpath, as a user's .zshrc would.
on_terminal "zsh -f" "PROMPT='READY> '
fpath=($root/completions \$fpath); autoload -Uz compinit; compinit -u -D" "$common_checks
rebuild stage window \\t${tab}add${tab}Add a weekly window: a day and a time${tab}remove
rebuild checkin --\\t${tab}--mood${tab}--phones-away${tab}--as${tab}--journal
rebuild report --format \\t${tab}markdown${tab}html${tab}json
rebuild --as \\t${tab}Dan${tab}Sam${tab}partner
rebuild ritual done \\t${tab}Sunday coffee${tab}Walk${tab}!Made tea
rebuild ritual pause \\t${tab}rebuild ritual pause Sunday\\ coffee ${tab}!Walk
rebuild tasks assign \\t${tab}rebuild tasks assign Bins 
rebuild stage window add \\t${tab}mon${tab}sun
rebuild show \\t${tab}check-in, 2026-03-04${tab}gesture, 2026-03-03${tab}!Made tea${tab}!soup
rebuild ritual done \"Sun\\t${tab}rebuild ritual done \"Sunday coffee\" 
rebuild --journal $files/my\\ journal.db ritual done F\\t${tab}ritual done Friday\\ film 
rebuild --journal $files/my\\ journal.db ritual done Te\\t${tab}ritual done Tea:\\ 5\\ o\\'clock 
rebuild --journal $files/my\\ journal.db ritual done \\t${tab}Friday film${tab}Tea: 5 o'clock${tab}-- ritual"

# fish: `complete -C` prints what fish offers for a command line, as fish itself works it out.
fish_out=$(fish --no-config -c 'source completions/rebuild.fish' 2>&1)
same "fish: sourcing completions/rebuild.fish prints nothing" "" "$fish_out"
fish_complete() {  # fish_complete LINE: what fish offers, a candidate (tab, description) a line
  # shellcheck disable=SC2016 # $argv is fish's, expanded by fish
  fish --no-config -c 'source completions/rebuild.fish; complete -C $argv[1]' "$1" 2>&1
}
same "fish: rebuild ch" "checkin${tab}Today's check-in: mood, stress, an appreciation, minutes, phones" \
  "$(fish_complete "rebuild ch")"
same "fish: rebuild stage window" \
  "$(printf '%s\n' "add${tab}Add a weekly window: a day and a time" "remove${tab}Remove a window (undo brings it back)")" \
  "$(fish_complete "rebuild stage window ")"
out=$(fish_complete "rebuild checkin --" | cut -f1)
has "fish: rebuild checkin --" "$out" --mood --stress --phones-away --date --as --journal
same "fish: rebuild report --format" "$(printf '%s\n' html json markdown md text)" \
  "$(fish_complete "rebuild report --format " | sort)"
same "fish: rebuild report --format=m" "$(printf '%s\n' --format=markdown --format=md)" \
  "$(fish_complete "rebuild report --format=m")"
same "fish: rebuild --as" "$(printf '%s\n' "Dan${tab}partner" "Sam${tab}partner")" \
  "$(fish_complete "rebuild --as ")"
same "fish: rebuild show (an id's start)" "${short_id}${tab}check-in, 2026-03-04" \
  "$(fish_complete "rebuild show $typed_id")"
same "fish: rebuild ritual done" "$(printf '%s\n' "Sunday coffee${tab}ritual" "Walk${tab}ritual")" \
  "$(fish_complete "rebuild ritual done ")"
same "fish: rebuild ritual done \"Sun" "Sunday coffee${tab}ritual" \
  "$(fish_complete "rebuild ritual done \"Sun")"
same "fish: rebuild tasks assign" "Bins${tab}job" "$(fish_complete "rebuild tasks assign ")"
same "fish: rebuild stage window add" "$(printf '%s\n' mon tue wed thu fri sat sun | sort)" \
  "$(fish_complete "rebuild stage window add " | cut -f1 | sort)"
same "fish: rebuild --journal DIR/my" "$files/my journal.db" \
  "$(fish_complete "rebuild --journal $files/my" | cut -f1)"
same "fish: rebuild --journal DIR/su" "$files/sub folder/" \
  "$(fish_complete "rebuild --journal $files/su" | cut -f1)"
same "fish: rebuild --journal=DIR/my" "--journal=$files/my journal.db" \
  "$(fish_complete "rebuild --journal=$files/my" | cut -f1)"
same "fish: rebuild --journal 'DIR/my journal.db' ritual done" \
  "$(printf '%s\n' "Friday film${tab}ritual" "Pizza/film night${tab}ritual" "Pub/quiz${tab}ritual" "Tea: 5 o'clock${tab}ritual")" \
  "$(fish_complete "rebuild --journal '$files/my journal.db' ritual done ")"

# ---- the journal, as it was ---------------------------------------------------------------
same "the journals and their folders are as they were (no -wal, no -shm, not a byte)" \
  "$before" "$(state)"

# ---- a journal in use, locked, unreadable or missing -------------------------------------
# In use: another connection keeps it open, so a ritual added meanwhile sits in the -wal;
# completion reads it there, and leaves the folder as the other connection has it.
mkfifo "$T/sql"
sqlite3 "$REBUILD_JOURNAL" < "$T/sql" > /dev/null 2>&1 &
sql_pid=$!
exec 7> "$T/sql"
echo "SELECT count(*) FROM partners;" >&7
rebuild --as Sam ritual add "Late walk" --every daily > /dev/null
in_use=$(ls "$T/data")
same "in use: the ritual just added, read from the -wal" \
  "$(printf '%s\n' "Late walk${tab}ritual" ":")" "$(rebuild __complete -- ritual "done" La 2>&1)"
same "in use: no file made or removed beside the journal" "$in_use" "$(ls "$T/data")"
# Locked: the other connection holds it exclusively. Static candidates only, in good time.
echo "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; UPDATE settings SET value = value;" >&7
# Wait (up to 10 s, a loaded machine) until the lock is really held: a read then fails.
for _ in $(seq 100); do
  sqlite3 "$REBUILD_JOURNAL" "SELECT count(*) FROM partners" > /dev/null 2>&1 || break
  sleep 0.1
done
start=$(date +%s%N)
same "locked: only what needs no journal, no error" "$(printf '%s\n' "both${tab}one sitting, given each way" ":")" \
  "$(rebuild __complete -- stage log --giver "" 2>&1)"
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
# It does not wait out the lock: well under the 5 s a command waits (generous for a loaded
# machine or a sanitizer build; the wait it uses is 200 ms).
[ "$elapsed_ms" -lt 4000 ] || fail "locked: completion took ${elapsed_ms} ms"
echo "ROLLBACK;" >&7
exec 7>&-
wait "$sql_pid"
# Unreadable (for another user) and missing: exit 0, nothing on stderr, nothing made.
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null; then
  chmod 755 "$T" "$T/bin"
  out=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$bin" __complete -- --as "" 2>&1)
  same "unreadable: no names, no error" ":" "$out"
fi
out=$(rebuild __complete -- --journal "$T/nowhere/journal.db" ritual "done" "" 2>&1; echo "exit $?")
same "missing: no names, no error" "$(printf '%s\n' ":" "exit 0")" "$out"
[ -e "$T/nowhere" ] && fail "missing: a folder was made for the journal"
out=$(env -u HOME -u REBUILD_JOURNAL "$bin" __complete -- ch 2>&1; echo "exit $?")
same "no HOME and no journal: commands still complete" \
  "$(printf '%s\n' "checkin${tab}Today's check-in: mood, stress, an appreciation, minutes, phones" ":" "exit 0")" "$out"

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "bash, zsh and fish complete commands, flags, values, names, ids and paths"
