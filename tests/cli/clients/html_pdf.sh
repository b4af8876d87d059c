#!/usr/bin/env bash
# The html report, printed to PDF by headless Chromium, carries the partners' goals and the
# week's key figures on the page (read back with pdftotext).
set -euo pipefail
bin=$(readlink -f "$1")
. "$(dirname "$0")/../need_client.sh"
need_client chromium pdftotext
T=$(mktemp -d /tmp/rebuild-pdf.XXXXXX)
trap 'rm -rf "$T"' EXIT
# Sunday evening: the week is whole, so its counts are "of 7" (a running week says "so far").
export HOME="$T" TZ=Europe/Paris REBUILD_NOW=2026-03-08T21:00 REBUILD_JOURNAL="$T/journal.db"
unset REBUILD_PARTNER
r() { "$bin" "$@" > /dev/null; }
r init --partner Dan --partner Sam --start 2026-02-23
r goal --as Dan --problem "We only talk about logistics." --outcome "In three months we talk about us twice a week." --months 3
r goal --as Sam --problem "I feel alone with the house." --outcome "By summer the jobs feel shared."
for d in mon tue wed; do r checkin --as Dan --mood 7 --stress 3 --date $d --time 07:45; done
r checkin --as Sam --mood 6 --stress 5 --date tue --time 08:00
for g in Hug Tea Note; do r gesture --as Sam "$g" --date mon; done
r bid --as Dan "Photo" --toward
r goal rate 6 --as Dan
# A rupture told in both voices: the two accounts side by side, one column a partner.
r story --as Sam --title "The missed dinner" --happened "Dinner went cold" --needed "To be told" --possible "A call before six" --date mon
r story --as Dan --about "$("$bin" log --json --type story | sed -n 's/^ *"id": "\([^"]*\)".*/\1/p')" --happened "My phone was flat" --needed "To be trusted" --possible "A charger at work" --date tue
r repair --as Dan "About the dinner" --apology "I'm sorry I did not call" --reassurance "You matter more" --commitment "I call before six" --accepted --date tue
"$bin" report --format html --output "$T/week.html" > /dev/null

chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$T/profile" --print-to-pdf="$T/week.pdf" "file://$T/week.html" \
  > "$T/chromium.log" 2>&1 || { cat "$T/chromium.log"; exit 1; }
pdftotext -layout "$T/week.pdf" "$T/week.txt"

failed=0
expect() {
  if grep -qF -- "$1" "$T/week.txt"; then echo "on the page: $1"
  else echo "NOT on the page: $1"; failed=1; fi
}
expect "Week 2026-W10"
expect "We only talk about logistics."
expect "In three months we talk about us twice a week."
expect "I feel alone with the house."
expect "By summer the jobs feel shared."
expect "This week: 6 of 10 close to the outcome."
expect "3 of 7"      # Dan's check-in days
expect "1 of 7"      # Sam's
expect "7.0"         # Dan's mean mood
expect "Micro-wins"
expect "The missed dinner"
expect "The need that went unmet"
expect "To be told"            # Sam's column...
expect "To be trusted"         # ...and Dan's
expect "I call before six"     # the repair sequence's commitment
expect "full sequences"
[ $failed -eq 0 ] || { echo "--- the PDF's text:"; cat "$T/week.txt"; }
exit $failed
