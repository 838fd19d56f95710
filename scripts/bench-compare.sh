#!/usr/bin/env bash
# Before and after in one run: two zjgr-typeset programs (say main's and a change's, each built
# in Release) interleaved round by round with the floor, on the benchmark issue at each size, so
# the machine's drift (±15 %) falls on both alike. Medians of ms CPU, ms wall and MiB peak RSS.
#
#   scripts/bench-compare.sh OLD_CLI NEW_CLI [RUNS] [PAGES ...]   # default: 7 runs, 8 32 100 pages
#
# The floor is build-perf's (ZJGR_BENCH_BUILD). Each program is given the project's layouts, so a
# copy outside its build tree works too.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 2 ] || { echo "usage: $0 OLD_CLI NEW_CLI [RUNS] [PAGES ...]" >&2; exit 1; }
old=$1 new=$2 runs=${3:-7}
shift $(($# < 3 ? $# : 3))
sizes=${*:-8 32 100}
floor=${ZJGR_BENCH_BUILD:-$root/build-perf}/benchmarks/zjgr-floor
font=$(fc-match -f '%{file}' 'Noto Serif CJK SC')
index=$(fc-match -f '%{index}' 'Noto Serif CJK SC')
tmp=$(mktemp -d /tmp/zjgr-compare.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
for p in $sizes; do "$root/scripts/make-bench-issue" --pages "$p" --out "$tmp/p$p" 2>/dev/null; done
for _ in $(seq "$runs"); do
  for p in $sizes; do
    for what in floor old new old+png new+png; do
      cli=$old
      case $what in new*) cli=$new ;; esac
      case $what in
        floor) cmd=("$floor" "$tmp/p$p/text.txt" "$font" "$index" "$tmp/f.pdf") ;;
        *png) cmd=("$cli" "$tmp/p$p/issue.json" -o "$tmp/e.pdf" -q --layouts "$root/layouts" --png "$tmp/png" --dpi 100) ;;
        *) cmd=("$cli" "$tmp/p$p/issue.json" -o "$tmp/e.pdf" -q --layouts "$root/layouts") ;;
      esac
      /usr/bin/time -f "$p $what %U %S %e %M" "${cmd[@]}" 2>>"$tmp/times.txt" >/dev/null
    done
  done
done
python3 - "$tmp/times.txt" "$runs" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) == 6 and f[1] in ("floor", "old", "new", "old+png", "new+png"):
        runs[(int(f[0]), f[1])].append((1000 * (float(f[2]) + float(f[3])), 1000 * float(f[4]), float(f[5]) / 1024))
print(f"medians of {sys.argv[2]} interleaved rounds: ms CPU, ms wall, MiB peak RSS")
for p in sorted({p for p, _ in runs}):
    med = lambda what, i: statistics.median(r[i] for r in runs[(p, what)])
    for what in ("floor", "old", "new", "old+png", "new+png"):
        ratio = f"  wall / floor {med(what, 1) / med('floor', 1):.2f}" if what in ("old", "new") else ""
        print(f"{p:4d} pages {what:8s} CPU {med(what, 0):7.0f}  wall {med(what, 1):7.0f}  RSS {med(what, 2):5.0f}{ratio}")
PY
