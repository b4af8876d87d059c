#!/usr/bin/env bash
# Every command and flag the binary offers is documented in man/rebuild.1 and offered by
# tab completion: the three completion scripts (bash, zsh, fish) ask `rebuild __complete`,
# which must offer each command at its place and each flag after it. Reads the commands and
# flags from --help, so a new flag without docs fails here. `__complete` itself is hidden:
# not in --help, so not asked of the man page either.
set -u
bin=$1
root=$2
# The man page with roff's escaped hyphens (\-) read as the hyphens they print.
man=$(mktemp)
trap 'rm -f "$man"' EXIT
sed 's/\\-/-/g' "$root/man/rebuild.1" > "$man"
missing=0

help_flags() {  # the flags a help text lists, without the leading dashes
  awk '/^Options:/{on=1;next} /^(Subcommands:|Positionals:)/{on=0} on' \
    | grep -oE '^  (-[a-zA-Z],)?--[a-z][a-z-]*' | sed -E 's/^  (-[a-zA-Z],)?--//' \
    | grep -vx 'help'
}
subcommands() {
  awk '/^Subcommands:/{on=1;next} on&&/^$/{exit} on{print $1}'
}

check() {  # check WHAT PATTERN FILE
  if ! grep -qF -- "$2" "$3"; then
    echo "missing in $(basename "$3" | sed "s/^tmp.*/rebuild.1/"): $1"
    missing=1
  fi
}
offered() {  # offered WHAT CANDIDATE WORD...: `rebuild __complete -- WORD...` offers CANDIDATE
  local what=$1 candidate=$2
  shift 2
  if ! "$bin" __complete -- "$@" 2>/dev/null | cut -f1 | grep -qxF -- "$candidate"; then
    echo "not offered by tab completion ('rebuild __complete -- $*'): $what"
    missing=1
  fi
}

for f in rebuild.bash _rebuild rebuild.fish; do
  check "a call of 'rebuild __complete'" "rebuild __complete -- " "$root/completions/$f"
done
if "$bin" --help | grep -q __complete; then
  echo "__complete is listed in 'rebuild --help'; it is for the completion scripts only"
  missing=1
fi

commands=$("$bin" --help | subcommands)
# Each script names the commands it completes in its header, for a reader of the script.
for f in rebuild.bash _rebuild rebuild.fish; do
  listed=$(sed -n '/^# The commands it completes/,/^[^#]/p' "$root/completions/$f" | grep '^#   ' | tr -s ' #' '\n' | grep .)
  for cmd in $commands; do
    printf '%s\n' "$listed" | grep -qxF -- "$cmd" || { echo "missing in $f's list of commands: $cmd"; missing=1; }
  done
done
for flag in $("$bin" --help | help_flags); do
  check "global --$flag" "--$flag" "$man"
  offered "global --$flag" "--$flag" "--"
done
# edit takes the fields of every kind: each one it lists is named in its own section, where a
# reader looks for what edit can change (not only somewhere else in the page).
edit_section=$(awk '/^\.SS "edit ID/{on=1;print;next} on&&/^\.SS /{exit} on' "$man")
for flag in $("$bin" edit --help | help_flags); do
  printf '%s\n' "$edit_section" | grep -qF -- "--$flag" \
    || { echo "missing in rebuild.1's edit section: edit --$flag"; missing=1; }
done
for cmd in $commands; do
  paths="$cmd"
  # `help X` is X's own --help: its words are the commands, checked as themselves.
  if [ "$cmd" = help ]; then
    check "command help" "help [COMMAND" "$man"
    offered "command help" help ""
    offered "help's words: the commands" checkin help ""
    offered "help's words: the subcommands" window help stage ""
    continue
  fi
  for sub in $("$bin" $cmd --help | subcommands); do
    paths="$paths $cmd/$sub"
    for sub2 in $("$bin" $cmd $sub --help | subcommands); do paths="$paths $cmd/$sub/$sub2"; done
  done
  for path in $paths; do
    words=${path//\// }
    last=${path##*/}
    check "command $words" "$last" "$man"
    parent=""
    [ "$path" = "$last" ] || parent=${path%/*}
    # shellcheck disable=SC2086 # the words of the command, split on purpose
    offered "command $words" "$last" ${parent//\// } ""
    for flag in $("$bin" $words --help | help_flags); do
      check "$words --$flag" "--$flag" "$man"
      # shellcheck disable=SC2086
      offered "$words --$flag" "--$flag" $words "--"
    done
  done
done
if [ $missing -eq 0 ]; then echo "every command and flag is in the man page and the completions"; fi
exit $missing
