#!/usr/bin/env bash
# `export --format markdown` of a journal whose every text and name is hostile (tags,
# javascript: links, images, emphasis, pipes, headings, lists, bare URLs), read by pandoc's
# GFM reader as a viewer would: none of it becomes a tag, a link or an image, and the words
# are all still there, as text.
set -euo pipefail
bin=$(readlink -f "$1")
. "$(dirname "$0")/../need_client.sh"
need_client pandoc
T=$(mktemp -d /tmp/rebuild-export-md.XXXXXX)
trap 'rm -rf "$T"' EXIT
export HOME="$T" TZ=Europe/Paris REBUILD_NOW=2026-03-04T21:00 REBUILD_JOURNAL="$T/j.db"
unset REBUILD_PARTNER NO_COLOR
rb() { "$bin" "$@" > /dev/null; }
rb init --partner '*Max*' --partner 'Sam'
rb gesture --as Sam '<script>alert(1)</script>'
rb gesture --as Sam '[x](javascript:alert(1)) and ![i](http://x/y.png)'
rb gesture --as '*Max*' '# not a heading'
rb bid --as '*Max*' '- not a list | not a cell' --toward
rb repair --as Sam '1. not a list, <img src=x onerror=alert(1)>, www.example.com, x@y.com' --accepted
rb concern --as Sam --describe '**loud** _words_' --impact '`code` ~~gone~~' \
  --ask $'two lines\n> not a quote'
rb checkin --as '*Max*' --mood 6 --stress 4 --note 'see https://example.com/x'
"$bin" export --format markdown > "$T/journal.md"
pandoc -f gfm -t html "$T/journal.md" -o "$T/journal.html"

. "$(dirname "$0")/inert_markup.sh"
absent "$T/journal.html" "<script"
absent "$T/journal.html" "<a[ >]"
absent "$T/journal.html" "<img"
absent "$T/journal.html" "<[^>]*(href|src|onerror)="
absent "$T/journal.html" "<em>Max</em>"
absent "$T/journal.html" "<em>words</em>"
absent "$T/journal.html" "<strong>loud</strong>"
absent "$T/journal.html" "<del>"
absent "$T/journal.html" "<blockquote"
absent "$T/journal.html" "<ol"
absent "$T/journal.html" "<table"
# Every tag pandoc wrote is one the export's own layout makes.
only_tags "$T/journal.html" "h1 h2 p ul li strong br"
present "$T/journal.html" "&lt;script&gt;alert(1)&lt;/script&gt;"
present "$T/journal.html" "[x](javascript:alert(1))"
present "$T/journal.html" "![i](http://x/y.png)"
present "$T/journal.html" "*Max*"
present "$T/journal.html" "# not a heading"
present "$T/journal.html" "- not a list | not a cell"
present "$T/journal.html" "1. not a list"
present "$T/journal.html" "&lt;img src=x onerror=alert(1)&gt;"
present "$T/journal.html" "www.example.com"
present "$T/journal.html" "x@y.com"
present "$T/journal.html" "**loud** _words_"
present "$T/journal.html" "~~gone~~"
present "$T/journal.html" "&gt; not a quote"
present "$T/journal.html" "https://example.com/x"
[ $failed -eq 0 ] || { echo "--- the markdown:"; cat "$T/journal.md"; }
exit $failed
