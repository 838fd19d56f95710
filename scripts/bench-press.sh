#!/usr/bin/env bash
# The press-file benchmark of issue 14: an issue of PAGES broadsheet pages (default 32) with a
# distinct 24-megapixel photo pair on every page (scripts/make-press-issue; the photos are kept in
# DIR between runs), typeset as the screen PDF and as --print in the same run, alternately,
# $ZJGR_PRESS_RUNS times (default 3). Prints the medians of the wall time, the CPU time and the
# peak RSS (/usr/bin/time -v), the PDF's size, the load average before and after, and the
# targets: --print at most 2.5x the screen file's time, under 400 MiB, under 1.5 MB a page.
# Usage: scripts/bench-press.sh CLI [PAGES] [DIR]   (called by scripts/bench.sh)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cli=${1:?usage: bench-press.sh CLI [PAGES] [DIR]}
pages=${2:-32}
dir=${3:-$root/build-perf/press-issue-$pages}

echo "== press issue: $pages pages, $((2 * pages)) photos of 6000x4000 ($dir)" >&2
"$root/scripts/make-press-issue" "$dir" "$pages" 2>/dev/null
measure() {  # measure NAME ARGS...: "wall_s cpu_s rss_mib bytes"
  local name=$1
  shift
  /usr/bin/time -v "$cli" "$dir/issue/issue.json" -q -o "$dir/$name.pdf" "$@" 2>"$dir/$name.time" >/dev/null ||
    { echo "bench-press: $name failed" >&2; head -20 "$dir/$name.time" >&2; exit 1; }
  awk -v bytes="$(stat -c %s "$dir/$name.pdf")" '
    /Elapsed \(wall clock\)/ { n = split($NF, t, ":"); wall = (n == 3 ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2]) }
    /User time/ { cpu += $NF } /System time/ { cpu += $NF }
    /Maximum resident set size/ { rss = $NF / 1024 }
    END { printf "%.2f %.2f %.1f %d\n", wall, cpu, rss, bytes }' "$dir/$name.time"
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
: >"$dir/runs.txt"
for _ in $(seq "${ZJGR_PRESS_RUNS:-3}"); do  # alternately: both see the same machine
  echo "screen $(measure screen)" >>"$dir/runs.txt"
  echo "print $(measure print --print --report "$dir/print-report.json")" >>"$dir/runs.txt"
done
python3 - "$pages" "$dir/runs.txt" "$dir/print-report.json" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import json, statistics, sys
pages = int(sys.argv[1])
runs = {"screen": [], "print": []}
for line in open(sys.argv[2]):
    name, *values = line.split()
    runs[name].append(list(map(float, values)))
screen, press = ([statistics.median(r[i] for r in runs[name]) for i in range(4)] for name in ("screen", "print"))
report = json.load(open(sys.argv[3]))["preflight"]
def ok(value, target): return "ok" if value < target else "MISSED"
n = len(runs["print"])
print(f"press file (issue 14): {pages} pages, {2 * pages} distinct 6000x4000 photos; median of {n} "
      f"runs each, alternating; load average {sys.argv[4]} before, {sys.argv[5]} after")
print(f"  {'':8s} {'wall s':>8s} {'cpu s':>8s} {'RSS MiB':>8s} {'PDF MB':>8s} {'MB/page':>8s}")
for name, (wall, cpu, rss, size) in (("screen", screen), ("--print", press)):
    print(f"  {name:8s} {wall:8.2f} {cpu:8.2f} {rss:8.1f} {size / 1e6:8.1f} {size / 1e6 / pages:8.2f}")
ratio = press[0] / screen[0]
each = sorted(p[0] / s[0] for s, p in zip(runs["screen"], runs["print"]))
print(f"  --print / screen wall time {ratio:.2f}x (each run: {', '.join(f'{r:.2f}' for r in each)})   "
      f"target <= 2.5x: {ok(ratio, 2.5001)}")
print(f"  --print / screen CPU time {press[1] / screen[1]:.2f}x")
print(f"  --print peak RSS {press[2]:.1f} MiB   target < 400 MiB: {ok(press[2], 400)}")
print(f"  --print {press[3] / 1e6 / pages:.2f} MB a page   target < 1.5 MB: {ok(press[3] / 1e6 / pages, 1.5)}")
failed = [c["check"] for c in report["checks"] if not c["passed"]]
ppi = [p["output_ppi"] for p in report["press_photos"]]
print(f"  photos made: {len(ppi)}, output {min(ppi):.0f}-{max(ppi):.0f} ppi; preflight "
      + ("passed" if not failed else "FAILED: " + ", ".join(failed)))
PY
