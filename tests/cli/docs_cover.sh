#!/usr/bin/env bash
# Every command and flag the binary offers is documented in man/rebuild.1 and offered by
# each completion script (bash, zsh, fish). Reads the commands and flags from --help, so a
# new flag without docs fails here.
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

commands=$("$bin" --help | subcommands)
for flag in $("$bin" --help | help_flags); do
  check "global --$flag" "--$flag" "$man"
  check "global --$flag" "--$flag" "$root/completions/rebuild.bash"
  check "global --$flag" "--$flag" "$root/completions/_rebuild"
  check "global --$flag" "-l $flag" "$root/completions/rebuild.fish"
done
for cmd in $commands; do
  paths="$cmd"
  for sub in $("$bin" $cmd --help | subcommands); do
    paths="$paths $cmd/$sub"
    for sub2 in $("$bin" $cmd $sub --help | subcommands); do paths="$paths $cmd/$sub/$sub2"; done
  done
  for path in $paths; do
    words=${path//\// }
    last=${path##*/}
    check "command $words" "$last" "$man"
    for f in rebuild.bash _rebuild rebuild.fish; do check "command $words" "$last" "$root/completions/$f"; done
    for flag in $("$bin" $words --help | help_flags); do
      check "$words --$flag" "--$flag" "$man"
      check "$words --$flag" "--$flag" "$root/completions/rebuild.bash"
      check "$words --$flag" "--$flag" "$root/completions/_rebuild"
      check "$words --$flag" "-l $flag" "$root/completions/rebuild.fish"
    done
  done
done
if [ $missing -eq 0 ]; then echo "every command and flag is in the man page and the completions"; fi
exit $missing
