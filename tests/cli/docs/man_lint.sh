#!/usr/bin/env bash
# The man page read by the real formatters: mandoc's lint and groff with every warning print
# nothing; no source line is over 80 bytes and the page set at 80 columns (mandoc and
# groff, as man(1) would) has no line over 80; and every command heading of a command that logs something (its --help offers
# --date) shows [--date D] [--time HH:MM], the list of such commands taken from the binary.
#
#   man_lint.sh BINARY SOURCE_DIR
set -uo pipefail
bin=$(readlink -f "$1")
page="$2/man/rebuild.1"
. "$(dirname "$0")/../need_client.sh"
need_client mandoc groff
failed=0
lint=$(mandoc -T lint -W warning "$page" 2>&1) || true
if [ -n "$lint" ]; then echo "mandoc -T lint:"; echo "$lint"; failed=1; else echo "mandoc lint: clean"; fi
warnings=$(groff -man -ww -z "$page" 2>&1) || true
if [ -n "$warnings" ]; then echo "groff -ww:"; echo "$warnings"; failed=1; else echo "groff -ww: clean"; fi

long=$(awk 'length > 80 { print FILENAME ":" FNR ": " length " bytes" }' "$page")
if [ -n "$long" ]; then echo "source lines over 80 bytes:"; echo "$long"; failed=1
else echo "source lines: none over 80 bytes"; fi
for setter in "mandoc -T ascii -O width=80" "groff -man -Tascii -rLL=80n"; do
  # shellcheck disable=SC2086
  wide=$($setter "$page" 2>/dev/null | col -bx | awk 'length > 80')
  if [ -n "$wide" ]; then echo "$setter: lines over 80 columns:"; echo "$wide"; failed=1
  else echo "$setter: no line over 80 columns"; fi
done

# A heading may go on over several source lines, each ending in an escaped newline.
headings=$(sed -e ':a' -e '/\\$/{N;s/\\\n//;ba}' "$page" | grep '^\.SS "' | sed 's/^\.SS "//; s/"$//; s/\\-/-/g')
checked=0
while IFS= read -r heading; do
  # The command's words: the lower-case words the heading starts with.
  words=$(printf '%s\n' "$heading" | grep -oE '^([a-z]+ ?)+' | sed 's/ $//')
  [ -n "$words" ] || continue
  # shellcheck disable=SC2086
  help=$("$bin" $words --help 2>/dev/null) || continue
  printf '%s\n' "$help" | grep -q -- '--date D' || continue
  checked=$((checked + 1))
  case "$heading" in
    *"[--date D] [--time HH:MM]"*) ;;
    *) echo "heading without [--date D] [--time HH:MM]: $heading"; failed=1 ;;
  esac
done <<< "$headings"
echo "headings of commands that log: $checked"
[ "$checked" -ge 20 ] || { echo "too few headings checked ($checked)"; failed=1; }
exit $failed
