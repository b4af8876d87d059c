#!/usr/bin/env bash
# `export --format markdown` of a journal whose every text and name is hostile (tags,
# javascript: links, images, emphasis, pipes, headings, lists, bare URLs), read by pandoc's
# GFM reader as a viewer would: none of it becomes a tag, a link or an image, and the words
# are all still there, as text.
set -euo pipefail
bin=$(readlink -f "$1")
if ! command -v pandoc > /dev/null; then
  [ "${CI:-}" = true ] && { echo "pandoc is not installed (apt-get install pandoc)"; exit 1; }
  echo "skipped: pandoc is not installed"; exit 77
fi
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

failed=0
absent() {
  if grep -qiE -- "$1" "$T/journal.html"; then
    echo "LIVE in pandoc's html: $1"; grep -iE -- "$1" "$T/journal.html" | head -5; failed=1
  else echo "not live: $1"; fi
}
present() {
  if grep -qF -- "$1" "$T/journal.html"; then echo "kept as text: $1"
  else echo "NOT kept as text: $1"; failed=1; fi
}
absent "<script"
absent "<a[ >]"
absent "<img"
absent "<[^>]*(href|src|onerror)="
absent "<em>Max</em>"
absent "<em>words</em>"
absent "<strong>loud</strong>"
absent "<del>"
absent "<blockquote"
absent "<ol"
absent "<table"
# Every tag pandoc wrote is one the export's own layout makes.
tags=$(grep -oE '</?[a-zA-Z][a-zA-Z0-9]*' "$T/journal.html" | tr -d '</' | sort -u | tr '\n' ' ')
echo "tags: $tags"
for tag in $tags; do
  case " h1 h2 p ul li strong br " in
    *" $tag "*) ;;
    *) echo "UNEXPECTED tag: $tag"; failed=1 ;;
  esac
done
present "&lt;script&gt;alert(1)&lt;/script&gt;"
present "[x](javascript:alert(1))"
present "![i](http://x/y.png)"
present "*Max*"
present "# not a heading"
present "- not a list | not a cell"
present "1. not a list"
present "&lt;img src=x onerror=alert(1)&gt;"
present "www.example.com"
present "x@y.com"
present "**loud** _words_"
present "~~gone~~"
present "&gt; not a quote"
present "https://example.com/x"
[ $failed -eq 0 ] || { echo "--- the markdown:"; cat "$T/journal.md"; }
exit $failed
