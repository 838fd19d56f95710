#!/usr/bin/env bash
# The visual-regression "done when" of issue 6, end to end: the example issue is typeset twice,
# the second time with one character of one page-1 article changed. zjgr-diff must fail exactly
# page 1 (with a diff image and the changed dump line) and pass page 2; then its HTML report is
# opened in headless Chromium, which must load every image, and a screenshot is taken.
# Usage: one_change_test.sh ZJGR_TYPESET ZJGR_DIFF PROJECT_ROOT OUT_DIR CHROMIUM
set -euo pipefail
typeset=$1 diff=$2 root=$3 out=$4 chromium=$5

fail() { echo "FAIL: $*" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out"
cp -r "$root/examples/2021-02-25" "$out/before"
cp -r "$root/examples/2021-02-25" "$out/after"
# One character: 山海协作 → 山河协作 in the first paragraph of the sanatorium story (page 1 only).
article="$out/after/articles/sanatorium.json"
[ "$(grep -o '山海协作' "$article" | wc -l)" = 1 ] || fail "the text to change is not in $article once"
sed -i 's/山海协作/山河协作/' "$article"

for run in before after; do
  mkdir -p "$out/$run-pages"
  "$typeset" "$out/$run/issue.json" -q -o "$out/$run.pdf" --png "$out/$run-pages" --dpi 40 \
    --dump-layout "$out/$run-pages/layout.txt" || fail "zjgr-typeset on the $run issue"
done

status=0
"$diff" "$out/before-pages" "$out/after-pages" --report "$out/report" >"$out/diff.txt" 2>&1 || status=$?
cat "$out/diff.txt"
[ "$status" = 1 ] || fail "zjgr-diff exit status $status, expected 1 (different)"
grep -q '^FAIL page-01.png: [0-9]* pixels\{0,1\} differ' "$out/diff.txt" || fail "page 1 does not fail"
grep -q '^ok   page-02.png: same' "$out/diff.txt" || fail "page 2 (untouched) does not pass"
grep -q '^FAIL layout.txt: 2 lines removed or added' "$out/diff.txt" || fail "the dump should change in one line"
grep -q '^     +[0-9]*: 1	.*山河协作' "$out/diff.txt" || fail "the dump's changed line should be on page 1 with the new text"
[ "$(grep -c '^FAIL' "$out/diff.txt")" = 2 ] || fail "only page 1 and the dump should fail"
[ -s "$out/report/diff/page-01.png" ] || fail "no diff image for page 1"
[ -s "$out/report/diff/zoom-page-01.png" ] || fail "no enlarged changed area for page 1"
[ ! -e "$out/report/diff/page-02.png" ] || fail "a diff image for the passing page 2"

# The report in a browser: every image must decode (the report's own script marks <body>).
[ -x "$chromium" ] || fail "chromium not found (Debian package chromium)"
browse() {
  local profile
  profile=$(mktemp -d)
  timeout 90 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" "$@" 2>>"$out/chromium.log"
  local rc=$?
  rm -rf "$profile"
  return $rc
}
url="file://$out/report/index.html"
browse --virtual-time-budget=5000 --dump-dom "$url" >"$out/dom.html" || fail "chromium --dump-dom failed (see $out/chromium.log)"
grep -q 'data-images-broken="0"' "$out/dom.html" || fail "an image of the report did not load (see $out/dom.html)"
# Page 1: the enlarged changed area, expected, actual, diff; pages 2 and 3: expected, actual.
grep -q 'data-images-total="8"' "$out/dom.html" || fail "the report should show 8 images (see $out/dom.html)"
[ "$(grep -o 'data-natural-width="[1-9][0-9]*"' "$out/dom.html" | wc -l)" = 8 ] || fail "an image has no width"

browse --window-size=1400,1000 --screenshot="$out/report.png" "$url" >/dev/null || fail "chromium --screenshot failed"
[ -s "$out/report.png" ] || fail "no screenshot"
# A PNG of the window's size with the report drawn on it (a blank page has one colour).
read -r width height colours < <(identify -format '%w %h %k\n' "$out/report.png") || fail "the screenshot is not an image"
[ "$width x $height" = "1400 x 1000" ] || fail "the screenshot is ${width}x$height, not 1400x1000"
[ "$colours" -ge 64 ] || fail "the screenshot has only $colours colours: the report did not draw"
echo "report: $out/report/index.html"
echo "screenshot: $out/report.png"
