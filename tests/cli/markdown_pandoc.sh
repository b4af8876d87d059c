#!/usr/bin/env bash
# A markdown report whose every text and name is hostile (tags, javascript: links, images,
# emphasis, table pipes, bare URLs), read by pandoc's GFM reader: none of it becomes a tag, a
# link or an image, and the words are all still there, as text.
set -euo pipefail
bin=$(readlink -f "$1")
command -v pandoc > /dev/null || { echo "skipped: pandoc is not installed"; exit 77; }
T=$(mktemp -d /tmp/rebuild-pandoc.XXXXXX)
trap 'rm -rf "$T"' EXIT
"$bin" markdown hostile > "$T/week.md"
pandoc -f gfm -t html "$T/week.md" -o "$T/week.html"

failed=0
# A live tag or attribute is one inside real markup: text's own < comes out as &lt;.
absent() {
  if grep -qiE -- "$1" "$T/week.html"; then
    echo "LIVE in pandoc's html: $1"; grep -iE -- "$1" "$T/week.html" | head -5; failed=1
  else echo "not live: $1"; fi
}
present() {
  if grep -qF -- "$1" "$T/week.html"; then echo "kept as text: $1"
  else echo "NOT kept as text: $1"; failed=1; fi
}
absent "<script"
absent "<a[ >]"
absent "<img"
absent "<[^>]*(href|src|onerror)="
absent "<em>Max</em>"
absent "<del>"
# Every tag pandoc wrote is one the report's own layout makes.
tags=$(grep -oE '</?[a-zA-Z][a-zA-Z0-9]*' "$T/week.html" | tr -d '</' | sort -u | tr '\n' ' ')
echo "tags: $tags"
for tag in $tags; do
  case " h1 h2 h3 p ul li strong em table thead tbody tr th td code br " in
    *" $tag "*) ;;
    *) echo "UNEXPECTED tag: $tag"; failed=1 ;;
  esac
done
present "&lt;script&gt;alert(1)&lt;/script&gt;"
present "[x](javascript:alert(1))"
present "![i](http://x/y.png)"
present "*Max*"
present "www.example.com"
present "x@y.com"
present "&lt;img src=x onerror=alert(1)&gt;"
# A pipe inside a cell stays in its cell: the reviews keep one column a partner.
present "Being heard | a | b |</td>"
# The tables are still tables: the figure rows and the trend.
grep -c "<tr" "$T/week.html" | { read -r n; [ "$n" -ge 40 ] || { echo "only $n table rows"; exit 1; }; } || failed=1
[ $failed -eq 0 ] || { echo "--- the markdown:"; cat "$T/week.md"; }
exit $failed
