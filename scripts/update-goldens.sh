#!/usr/bin/env bash
# Regenerates the visual-regression goldens on purpose (issue 6) and prints which pages changed.
#
#   scripts/update-goldens.sh            every case of tests/golden/cases.txt, and the e2e golden
#   scripts/update-goldens.sh jump photo only these cases
#
# Each case is typeset into a temporary folder; a page replaces its golden only when one of its
# pixels differs at all (tolerance 0), a layout dump only when one byte differs, so unchanged
# goldens keep their bytes. Pages a case no longer produces are removed. Uses the build folder
# ${ZJGR_BUILD_DIR:-build} (configured if needed) and builds zjgr-typeset and zjgr-diff there;
# cases run ${ZJGR_JOBS:-2} at a time. Look at the changed pages (the report folder it prints)
# before committing them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ZJGR_BUILD_DIR:-$root/build}
jobs=${ZJGR_JOBS:-2}
cases_file=$root/tests/golden/cases.txt
golden_root=$root/tests/golden/expected

# 1. Build the two tools (a no-op when they are current).
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DZJGR_WERROR=ON >/dev/null
fi
cmake --build "$build" -j"$jobs" --target zjgr-typeset zjgr-diff >/dev/null
typeset=$build/engine/cli/zjgr-typeset
zdiff=$build/engine/cli/zjgr-diff

# 2. The cases: every non-comment line of cases.txt, or those named on the command line.
declare -A wanted=()
for name in "$@"; do wanted[$name]=1; done
names=() issues=() dpis=() extras=()
while read -r name issue dpi _tolerance _max_pixels extra; do
  case "$name" in ''|'#'*) continue ;; esac
  if [ $# -gt 0 ] && [ -z "${wanted[$name]:-}" ]; then continue; fi
  names+=("$name") issues+=("$issue") dpis+=("$dpi") extras+=("$extra")
  unset "wanted[$name]"
done <"$cases_file"
for name in "${!wanted[@]}"; do
  echo "update-goldens: no case \"$name\" in tests/golden/cases.txt" >&2
  exit 2
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 3. Typeset the cases, $jobs at a time; each writes its pages and dump into $work/<name>/.
typeset_case() {
  local i=$1 name=${names[$1]}
  mkdir -p "$work/$name"
  # shellcheck disable=SC2086  # the extra options are words by design
  (cd "$root" && "$typeset" "${issues[$i]}" -q -o "$work/$name.pdf" --png "$work/$name" --dpi "${dpis[$i]}" \
      --dump-layout "$work/$name/layout.txt" ${extras[$i]}) >"$work/$name.log" 2>&1 ||
    { echo "update-goldens: zjgr-typeset failed on case $name:" >&2; cat "$work/$name.log" >&2; return 1; }
}
pids=()
failed=0
for i in "${!names[@]}"; do
  if [ ${#pids[@]} -ge "$jobs" ]; then
    wait "${pids[0]}" || failed=1
    pids=("${pids[@]:1}")
  fi
  typeset_case "$i" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
[ "$failed" = 0 ] || exit 1

# 4. Replace what changed and say so.
changed=0 unchanged=0
note() { printf '%-9s %s\n' "$1" "$2"; }
for name in "${names[@]}"; do
  new=$work/$name golden=$golden_root/$name
  mkdir -p "$golden"
  for file in "$new"/*.png "$new"/*.txt; do
    [ -e "$file" ] || continue
    base=$(basename "$file")
    if [ ! -e "$golden/$base" ]; then
      note new "$name/$base"
    elif [[ $base == *.png ]]; then
      status=0
      summary=$("$zdiff" -q -t 0 -n 0 "$golden/$base" "$file" 2>&1) || status=$?
      if [ "$status" = 0 ]; then unchanged=$((unchanged + 1)); continue; fi
      note changed "$name/$base: ${summary#*: }"
    else
      if cmp -s "$golden/$base" "$file"; then unchanged=$((unchanged + 1)); continue; fi
      note changed "$name/$base: $(diff "$golden/$base" "$file" | grep -c '^[<>]') lines removed or added"
    fi
    cp "$file" "$golden/$base"
    changed=$((changed + 1))
  done
  for file in "$golden"/*.png "$golden"/*.txt; do
    [ -e "$file" ] || continue
    if [ ! -e "$new/$(basename "$file")" ]; then
      note removed "$name/$(basename "$file")"
      rm "$file"
      changed=$((changed + 1))
    fi
  done
done

# 5. The end-to-end test's golden page (tests/e2e/cli_test.cpp), rewritten by that test itself.
if [ $# -eq 0 ]; then
  e2e_golden=$root/tests/golden/e2e/small-page-01.png
  cp "$e2e_golden" "$work/e2e-before.png" 2>/dev/null || true
  cmake --build "$build" -j"$jobs" --target e2e_tests >/dev/null
  ZJGR_UPDATE_REFS=1 ctest --test-dir "$build" -R '^e2e\.SmallIssue\.FirstPageMatchesItsGoldenPng$' >/dev/null ||
    { echo "update-goldens: the e2e golden test failed to run" >&2; exit 1; }
  if [ ! -e "$work/e2e-before.png" ]; then
    note new "e2e/small-page-01.png"
    changed=$((changed + 1))
  elif summary=$("$zdiff" -q -t 0 -n 0 "$work/e2e-before.png" "$e2e_golden" 2>&1); then
    unchanged=$((unchanged + 1))
  else
    note changed "e2e/small-page-01.png: ${summary#*: }"
    changed=$((changed + 1))
  fi
fi

echo "update-goldens: $changed files changed, $unchanged unchanged ($(du -sh "$root/tests/golden" | cut -f1) in tests/golden)"
