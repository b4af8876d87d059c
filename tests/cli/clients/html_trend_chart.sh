#!/usr/bin/env bash
# The html report's trend chart, as headless Chromium draws it: the inline SVG is in the page
# Chromium builds (with its <title>, a line a series), its axes and legend are on the printed
# page (pdftotext), and its lines are drawn in their colours (the PDF rasterized by pdftoppm).
set -euo pipefail
bin=$(readlink -f "$1")
. "$(dirname "$0")/../need_client.sh"
need_client chromium pdftotext pdftoppm
T=$(mktemp -d /tmp/rebuild-chart.XXXXXX)
trap 'rm -rf "$T"' EXIT
export HOME="$T"
"$bin" html so-far > "$T/week.html"

headless() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$T/profile" "$@" 2> "$T/chromium.log"
}
headless --dump-dom "file://$T/week.html" > "$T/dom.html" || { cat "$T/chromium.log"; exit 1; }
headless --print-to-pdf="$T/week.pdf" "file://$T/week.html" > /dev/null || { cat "$T/chromium.log"; exit 1; }
pdftotext -layout "$T/week.pdf" "$T/week.txt"
pdftoppm -r 60 "$T/week.pdf" "$T/page"

failed=0
check() {
  if eval "$2"; then echo "ok: $1"; else echo "NOT: $1"; failed=1; fi
}
check "the DOM holds the trend's svg" "grep -qF '<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\"' '$T/dom.html'"
check "the chart has its title" "grep -qF '<title id=\"trend-title\">Trend over the last 8 weeks' '$T/dom.html'"
check "a line a series (at least 4 polylines)" "[ \$(grep -o '<polyline' '$T/dom.html' | wc -l) -ge 4 ]"
check "no script in the page" "! grep -qi '<script' '$T/dom.html'"
for text in "The last 8 weeks" "2026-W03" "2026-W10" "so far" "0 to 10" "week" \
            "Dan: rating" "Dan: mood" "Sam: rating" "Sam: mood"; do
  check "on the page: $text" "grep -qF -- '$text' '$T/week.txt'"
done
# The lines' colours (Dan #1b6ca8, Sam #c2410c) are painted: count the pixels near each.
/usr/bin/python3 - "$T" > "$T/pixels.txt" << 'PY'
import glob, sys
def read_ppm(path):
    data = open(path, 'rb').read()
    parts, pos = [], 0
    while len(parts) < 4:
        while data[pos:pos+1].isspace(): pos += 1
        if data[pos:pos+1] == b'#':
            while data[pos:pos+1] != b'\n': pos += 1
            continue
        end = pos
        while not data[end:end+1].isspace(): end += 1
        parts.append(data[pos:end]); pos = end
    return data[pos+1:]
targets = {'dan': (0x1b, 0x6c, 0xa8), 'sam': (0xc2, 0x41, 0x0c)}
counts = dict.fromkeys(targets, 0)
for page in sorted(glob.glob(sys.argv[1] + '/page-*.ppm')):
    px = read_ppm(page)
    for i in range(0, len(px) - 2, 3):
        r, g, b = px[i], px[i+1], px[i+2]
        for name, (tr, tg, tb) in targets.items():
            if abs(r - tr) < 24 and abs(g - tg) < 24 and abs(b - tb) < 24:
                counts[name] += 1
print(counts['dan'], counts['sam'])
PY
read -r dan sam < "$T/pixels.txt"
echo "pixels in Dan's colour: $dan, in Sam's: $sam"
check "Dan's lines are drawn" "[ $dan -ge 100 ]"
check "Sam's lines are drawn" "[ $sam -ge 100 ]"
[ $failed -eq 0 ] || { echo "--- the PDF's text:"; cat "$T/week.txt"; }
exit $failed
