#!/usr/bin/env bash
# A markdown report whose every text and name is hostile (tags, javascript: links, images,
# emphasis, table pipes, bare URLs), read by pandoc's GFM reader: none of it becomes a tag, a
# link or an image, and the words are all still there, as text.
set -euo pipefail
bin=$(readlink -f "$1")
. "$(dirname "$0")/../need_client.sh"
need_client pandoc
T=$(mktemp -d /tmp/rebuild-pandoc.XXXXXX)
trap 'rm -rf "$T"' EXIT
"$bin" markdown hostile > "$T/week.md"
pandoc -f gfm -t html "$T/week.md" -o "$T/week.html"

. "$(dirname "$0")/inert_markup.sh"
absent "$T/week.html" "<script"
absent "$T/week.html" "<a[ >]"
absent "$T/week.html" "<img"
absent "$T/week.html" "<[^>]*(href|src|onerror)="
absent "$T/week.html" "<em>Max</em>"
absent "$T/week.html" "<del>"
# Every tag pandoc wrote is one the report's own layout makes.
only_tags "$T/week.html" "h1 h2 h3 p ul li strong em table thead tbody tr th td code br"
present "$T/week.html" "&lt;script&gt;alert(1)&lt;/script&gt;"
present "$T/week.html" "[x](javascript:alert(1))"
present "$T/week.html" "![i](http://x/y.png)"
present "$T/week.html" "*Max*"
present "$T/week.html" "www.example.com"
present "$T/week.html" "x@y.com"
present "$T/week.html" "&lt;img src=x onerror=alert(1)&gt;"
# A pipe inside a cell stays in its cell: the reviews keep one column a partner.
present "$T/week.html" "Being heard | a | b |</td>"
# The tables are still tables: the figure rows and the trend.
grep -c "<tr" "$T/week.html" | { read -r n; [ "$n" -ge 40 ] || { echo "only $n table rows"; exit 1; }; } || failed=1
[ $failed -eq 0 ] || { echo "--- the markdown:"; cat "$T/week.md"; }
exit $failed
