#!/usr/bin/env bash
# The performance benchmark of issue 8, one command: builds a Release tree (build-perf/, or
# $ZJGR_BENCH_BUILD), makes the synthetic 8-page issue (scripts/make-bench-issue) and prints
#   1. whole process, fresh each run (hyperfine, median): the 8-page issue, the floor program
#      (same text, HarfBuzz + cairo_show_glyphs, no composition) and the ratio engine / floor;
#      the example's front page alone (its page 1 as a one-page issue, the jumping story set
#      without its jump: overset and copyfitted as the page proof shows it);
#   2. scaling: the issue at 1×, 4× and 16× the text (8, 32, 128 pages) and the log-log slope;
#   3. peak RSS (/usr/bin/time -v) of the 8-page run, with and without 100 dpi PNG proofs;
#   4. the stage table (Google Benchmark, benchmarks/pipeline_bench.cpp) with each stage's share.
#   5. the press file (issue 14, scripts/bench-press.sh): 32 pages with a distinct 24-megapixel
#      photo pair each, screen PDF against --print.
# Targets (issue 8) are printed beside the figures. Usage: scripts/bench.sh [--quick]
# (--quick: fewer runs, no 16× step). Needs hyperfine, /usr/bin/time, python3 (install-deps.sh).
#
# scripts/bench.sh --scaling [--quick]: only the scaling table of issue 17 (see the section
# "scaling table" below): 1/8/32/100/200 pages, fresh process, medians of 5 (ZJGR_BENCH_RUNS)
# rounds by /usr/bin/time -v — CPU, wall and peak RSS of the PDF alone, of PDF + 100 dpi PNG
# proofs, and of the floor, with the per-page cost of each; each round runs every size and mode
# once. --quick (CI): one run each of 1, 8 and 32 pages, no timing judged.
# ZJGR_BENCH_NO_BUILD=1: use the programs already in $ZJGR_BENCH_BUILD as they are (the CI test
# bench.scaling_quick runs the quick table on the test build this way).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ZJGR_BENCH_BUILD:-$root/build-perf}
runs=10 scales="1 4 16"
scaling=
[ "${1:-}" = "--scaling" ] && { scaling=1; shift; }
[ "${1:-}" = "--quick" ] && runs=5 scales="1 4"
tmp=$(mktemp -d /tmp/zjgr-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

for tool in hyperfine python3 /usr/bin/time fc-match; do
  command -v "$tool" >/dev/null || { echo "bench: $tool not found (scripts/install-deps.sh)" >&2; exit 1; }
done

if [ "${ZJGR_BENCH_NO_BUILD:-0}" != 1 ]; then
  echo "== build (Release, $build)" >&2
  # -Wno-restrict: GCC 12 reports a false -Wrestrict inside std::string at -O3.
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DZJGR_BUILD_BENCHMARKS=ON \
    -DCMAKE_CXX_FLAGS=-Wno-restrict >/dev/null
  cmake --build "$build" -j"${ZJGR_JOBS:-2}" --target zjgr-typeset zjgr-floor zjgr-press-photo pipeline_bench >/dev/null
fi
cli=$build/engine/cli/zjgr-typeset
floor=$build/benchmarks/zjgr-floor

# ---- scaling table (issue 17) -------------------------------------------------------------
# Fresh process per run; CPU = user + system of the whole process (all threads), wall on the
# cores there are, RSS = peak resident set. "per page" is the slope from the previous size.
scaling_table() {
  local sizes="1 8 32 100 200" n=${ZJGR_BENCH_RUNS:-5}
  [ "${1:-}" = "--quick" ] && sizes="1 8 32" n=1
  font=$(fc-match -f '%{file}' 'Noto Serif CJK SC')
  index=$(fc-match -f '%{index}' 'Noto Serif CJK SC')
  : >"$tmp/scaling.jsonl"
  for p in $sizes; do
    "$root/scripts/make-bench-issue" --pages "$p" --out "$tmp/p$p" 2>/dev/null
    mkdir -p "$tmp/png$p"
  done
  # Round by round, each round every size and mode once: the machine's speed drifts (±15 %), and
  # interleaving lets the drift fall on every figure alike instead of on one mode's runs.
  for _ in $(seq "$n"); do
    for p in $sizes; do
      for what in floor pdf1 pdf png; do
        case $what in
          floor) cmd=("$floor" "$tmp/p$p/text.txt" "$font" "$index" "$tmp/f.pdf") ;;
          pdf1) cmd=("$cli" "$tmp/p$p/issue.json" -o "$tmp/e.pdf" -q --jobs 1) ;;
          pdf) cmd=("$cli" "$tmp/p$p/issue.json" -o "$tmp/e.pdf" -q) ;;
          png) cmd=("$cli" "$tmp/p$p/issue.json" -o "$tmp/e.pdf" -q --png "$tmp/png$p" --dpi 100) ;;
        esac
        /usr/bin/time -v "${cmd[@]}" 2>"$tmp/time.txt" >/dev/null ||
          { echo "bench: '${cmd[*]}' failed" >&2; cat "$tmp/time.txt" >&2; exit 1; }
        python3 - "$tmp/time.txt" "$what" "$p" >>"$tmp/scaling.jsonl" <<'PY'
import json, re, sys
t = open(sys.argv[1]).read()
num = lambda key: float(re.search(re.escape(key) + r": ([\d.:]+)", t).group(1).split(":")[-1])
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", t).group(1).split(":")
print(json.dumps({"what": sys.argv[2], "pages": int(sys.argv[3]),
                  "cpu": 1000 * (num("User time (seconds)") + num("System time (seconds)")),
                  "wall": 1000 * sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall))),
                  "rss": num("Maximum resident set size (kbytes)") / 1024}))
PY
      done
    done
  done
  python3 - "$tmp/scaling.jsonl" "$n" "$(nproc)" <<'PY'
import collections, json, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    r = json.loads(line)
    runs[(r["what"], r["pages"])].append(r)
med = lambda what, p, key: statistics.median(r[key] for r in runs[(what, p)])
sizes = sorted({p for _, p in runs})
print(f"scaling: the benchmark issue at 1 to {sizes[-1]} pages, fresh process, median of {sys.argv[2]} "
      f"(/usr/bin/time -v), {sys.argv[3]} cores; ms CPU (user + system, all threads), ms wall, MiB peak RSS")
print("PDF: the defaults (layout on every core, below the priority of the PDF drawn beside it); PDF 1t: --jobs 1; "
      "PDF+PNG: --png at 100 dpi (layout on half the cores, the proofs and the PDF beside it)")
print("pages | floor CPU | PDF 1t wall | PDF CPU  wall   RSS | PDF+PNG CPU  wall   RSS | per page: floor  PDF  PNG  PDF/floor  PNG/PDF  wall: PDF 1t  PDF  PDF/floor")
prev = None
for p in sizes:
    f, e, g = (med(w, p, "cpu") for w in ("floor", "pdf", "png"))
    w1, w = med("pdf1", p, "wall"), med("pdf", p, "wall")
    fw = med("floor", p, "wall")
    row = (f"{p:5d} | {f:9.0f} | {w1:11.0f} | {e:7.0f} {w:5.0f} {med('pdf', p, 'rss'):5.0f} | "
           f"{g:11.0f} {med('png', p, 'wall'):5.0f} {med('png', p, 'rss'):5.0f} |")
    if prev:
        dp = p - prev[0]
        fp, ep = (f - prev[1]) / dp, (e - prev[2]) / dp
        gp = ((g - e) - (prev[3] - prev[2])) / dp  # what the proofs add, per page
        w1p, wp, fwp = (w1 - prev[4]) / dp, (w - prev[5]) / dp, (fw - prev[6]) / dp
        row += (f" {fp:15.1f} {ep:4.1f} {gp:4.1f} {ep / fp if fp > 0 else float('nan'):10.2f} "
                f"{gp / ep if ep > 0 else float('nan'):8.2f} {w1p:12.1f} {wp:4.1f} {wp / fwp if fwp > 0 else float('nan'):10.2f}")
    print(row)
    prev = (p, f, e, g, w1, w, fw)
first, last = sizes[0], sizes[-1]
print(f"peak RSS {last} pages / {first if first >= 8 else 8} pages: "
      f"{med('pdf', last, 'rss') / med('pdf', 8 if 8 in sizes else first, 'rss'):.2f} (PDF), "
      f"{med('png', last, 'rss') / med('png', 8 if 8 in sizes else first, 'rss'):.2f} (PDF + PNG)")
if 32 in sizes:
    print(f"32 pages with proofs / without, wall: {med('png', 32, 'wall') / med('pdf', 32, 'wall'):.2f}")
# The cost of a page as the least-squares slope through every run of 8 pages and more: steadier
# than the differences between two sizes above, which the machine's drift of ±15 % can swing
# by half.
fitted = [p for p in sizes if p >= 8]
if len(fitted) >= 2:
    def slope(what, key):
        xs = [r["pages"] for p in fitted for r in runs[(what, p)]]
        ys = [r[key] for p in fitted for r in runs[(what, p)]]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    f, fw = slope("floor", "cpu"), slope("floor", "wall")
    e, w, w1 = slope("pdf", "cpu"), slope("pdf", "wall"), slope("pdf1", "wall")
    g, gw = slope("png", "cpu"), slope("png", "wall")
    print(f"per page, least squares over {fitted[0]}-{fitted[-1]} pages (ms): floor CPU {f:.1f}, wall {fw:.1f}; "
          f"PDF CPU {e:.1f}, wall {w:.1f} (--jobs 1: {w1:.1f}); PDF+PNG CPU {g:.1f}, wall {gw:.1f}")
    print(f"  PDF / floor: CPU {e / f:.2f}, wall {w / fw:.2f} (--jobs 1: {w1 / fw:.2f}); "
          f"what PNG adds / PDF, CPU: {(g - e) / e:.2f}; PDF+PNG / PDF, wall: {gw / w:.2f}")
PY
}
if [ -n "$scaling" ]; then
  scaling_table "${1:-}"
  exit 0
fi
# ---- end of the scaling table ----------------------------------------------------------------

echo "== synthetic issues" >&2
for s in $scales; do "$root/scripts/make-bench-issue" --scale "$s" --out "$tmp/x$s"; done
font=$(fc-match -f '%{file}' 'Noto Serif CJK SC')
index=$(fc-match -f '%{index}' 'Noto Serif CJK SC')
# The front page alone: the example's page 1 as an issue of its own (the example has three pages).
cp -r "$root/examples/2021-02-25" "$tmp/front"
python3 - "$tmp/front/issue.json" <<'PY'
import json, sys
path = sys.argv[1]
issue = json.load(open(path, encoding="utf-8"))
issue["pages"] = issue["pages"][:1]
for placement in issue["pages"][0]["articles"]:
    placement.pop("continue", None)
json.dump(issue, open(path, "w", encoding="utf-8"), ensure_ascii=False)
PY
front=$tmp/front/issue.json

# median of a hyperfine JSON export, in ms
median() { python3 -c 'import json,sys; print("%.1f" % (1000 * json.load(open(sys.argv[1]))["results"][0]["median"]))' "$1"; }
run() {  # run NAME RUNS COMMAND...: hyperfine, fresh process each run; prints the median in ms
  local name=$1 n=$2
  shift 2
  hyperfine -N --warmup 1 --runs "$n" --export-json "$tmp/$name.json" "$*" >/dev/null 2>&1 ||
    { echo "bench: '$*' failed" >&2; "$@" >&2; exit 1; }
  median "$tmp/$name.json"
}

echo "== whole process (fresh process per run, median of $runs)" >&2
engine=$(run engine "$runs" "$cli" "$tmp/x1/issue.json" -o "$tmp/e.pdf" -q)
floor_ms=$(run floor "$runs" "$floor" "$tmp/x1/text.txt" "$font" "$index" "$tmp/f.pdf")
front_ms=$(run front "$runs" "$cli" "$front" -o "$tmp/front.pdf" -q)
chars=$(python3 -c 'import sys; print(sum(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$tmp/x1/text.txt")
declare -A scale_ms
for s in $scales; do
  n=$runs
  [ "$s" -ge 16 ] && n=3
  scale_ms[$s]=$(run "x$s" "$n" "$cli" "$tmp/x$s/issue.json" -o "$tmp/x$s.pdf" -q)
done

echo "== peak RSS" >&2
rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk '/Maximum resident set size/ {printf "%.1f", $6 / 1024}'; }
rss_pdf=$(rss "$cli" "$tmp/x1/issue.json" -o "$tmp/e.pdf" -q)
mkdir -p "$tmp/png"
rss_png=$(rss "$cli" "$tmp/x1/issue.json" -o "$tmp/e.pdf" -q --png "$tmp/png" --dpi 100)
rss_floor=$(rss "$floor" "$tmp/x1/text.txt" "$font" "$index" "$tmp/f.pdf")

echo "== PNG proofs at 100 dpi (CLI, all pages in parallel)" >&2
png_ms=$(run png "$runs" "$cli" "$tmp/x1/issue.json" -o "$tmp/e.pdf" -q --png "$tmp/png" --dpi 100)
pages=$(ls "$tmp/png" | wc -l)

echo "== stages (Google Benchmark)" >&2
ZJGR_BENCH_ISSUE=$tmp/x1 "$build/benchmarks/pipeline_bench" --benchmark_format=json \
  --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_out="$tmp/stages.json" --benchmark_out_format=json >/dev/null 2>"$tmp/stages.err" ||
  { cat "$tmp/stages.err" >&2; exit 1; }

python3 - "$tmp/stages.json" <<EOF
import json, math, sys
# Each stage is the median of 5 repetitions (the issue's targets are medians of at least 5).
raw = json.load(open(sys.argv[1]))["benchmarks"]
b = {x["run_name"]: x for x in raw if x.get("aggregate_name") == "median"}
b.update({x["name"]: x for x in raw if x.get("aggregate_name") in ("BigO", "RMS")})
def ms(name):
    x = b[name]
    return x["real_time"] if x["time_unit"] == "ms" else x["real_time"] / 1000.0
def ok(value, target): return "ok" if value < target else "MISSED"

engine, floor, front, chars = $engine, $floor_ms, $front_ms, $chars
print(f"zjgr-typeset benchmark — synthetic issue: 8 broadsheet pages, {chars} characters")
print()
print("whole process, fresh each run, median of $runs (hyperfine)")
print(f"  8-page issue             {engine:8.1f} ms   target < 400 ms: {ok(engine, 400)}")
print(f"  floor (HarfBuzz + cairo) {floor:8.1f} ms")
print(f"  engine / floor           {engine / floor:8.2f} x    target < 1.5: {ok(engine / floor, 1.5)}")
print(f"  front page alone         {front:8.1f} ms   target < 250 ms: {ok(front, 250)}")
print()
scales = {int(k): v for k, v in [$(for s in $scales; do printf '(%s, %s), ' "$s" "${scale_ms[$s]}"; done)]}
print("scaling (whole process; 8 pages per 1x)")
for k, v in scales.items():
    print(f"  {k:2d}x  {v:9.1f} ms   {v / k:8.1f} ms per 1x")
last = max(scales)
slope = math.log(scales[last] / scales[1]) / math.log(last)
print(f"  log-log slope 1x..{last}x: {slope:.2f}  (1.00 = linear; a quadratic part would push it to 2)")
print()
print("peak RSS (/usr/bin/time -v)")
print(f"  8-page issue, PDF only   {$rss_pdf:8.1f} MiB   target < 150 MiB: {ok($rss_pdf, 150)}")
print(f"  8-page issue, PDF + PNG  {$rss_png:8.1f} MiB   target < 150 MiB: {ok($rss_png, 150)}")
print(f"  floor                    {$rss_floor:8.1f} MiB")
print()
png_per_page = ($png_ms - engine) / $pages
print(f"PNG proofs, 100 dpi: {$pages} pages in {$png_ms - engine:.1f} ms more than the PDF alone "
      f"= {png_per_page:.1f} ms per page (wall, pages in parallel)   target < 50 ms: {ok(png_per_page, 50)}")
print(f"  one page in-process: draw {ms('BM_8_PngPage/0'):.1f} ms, draw + encode + write {ms('BM_8_PngPage/1'):.1f} ms")
print()
itemize, shape, build, brk = ms("BM_1_Itemize"), ms("BM_2_Shape"), ms("BM_3_BuildItems"), ms("BM_4_Break")
layout = ms("BM_5_LayoutIssue/1")
draw, finish = ms("BM_6_Pdf/0/1/iterations:8"), ms("BM_6_Pdf/1/1/iterations:8")
draw_whole, finish_whole = ms("BM_6_Pdf/0/0/iterations:8"), ms("BM_6_Pdf/1/0/iterations:8")
total = layout + draw + finish
page_layout = max(0.0, layout - shape - build - brk)
print("stages, warm, in-process, median of 5 repetitions (Google Benchmark, benchmarks/pipeline_bench.cpp)")
print("  stage                          ms   share of layout+PDF")
rows = [("itemize (normalise, classes, font runs)", itemize, False),
        ("shape (normalise + text::shape, as the layout does)", shape, False),
        ("build items (CLREQ)", build, True),
        ("break (Knuth-Plass, column measure)", brk, True),
        ("page layout (layout_issue - shape - items - break)", page_layout, True),
        ("  layout_issue, all of the above", layout, False),
        ("PDF drawing (fonts subset)", draw, False),
        ("PDF finish (fonts subset)", finish, False),
        ("PDF drawing, whole fonts", draw_whole, None),
        ("PDF finish, whole fonts", finish_whole, None),
        ("render_pdf (draw + finish + write)", ms("BM_7_RenderPdf/iterations:8"), None),
        ("PNG, all pages at 100 dpi (parallel)", ms("BM_9_PngAll/iterations:5/real_time"), None)]
for name, value, _ in rows:
    share = f"{100 * value / total:5.1f} %" if _ is not None else ""
    print(f"  {name:50s} {value:8.2f}  {share}")
comp = build + brk + page_layout
print(f"  composition and layout (items + break + page layout): {comp:.1f} ms = {100 * comp / total:.1f} % "
      f"of layout+PDF   target < 15 %: {ok(100 * comp / total, 15)}")
print(f"copyfitting: layout_issue {ms('BM_5_LayoutIssue/1'):.1f} ms fitted, {ms('BM_5_LayoutIssue/0'):.1f} ms with --no-fit "
      f"({ms('BM_5_LayoutIssue/1') / ms('BM_5_LayoutIssue/0'):.2f}x; target <= 2x)")
print(f"one area (the example's lead story) set: first, with shaping {ms('BM_5b_SetArea/0'):.2f} ms; "
      f"again, from its shaped copy {ms('BM_5b_SetArea/1'):.2f} ms (copyfitting sets an area many times)")
print()
print("scaling of one paragraph, shape + break (Google Benchmark; N = characters):")
for name, x in b.items():
    if name.startswith("BM_ScaleShapeBreak/"):
        print(f"  {name:28s} {ms(name):8.2f} ms")
    elif name == "BM_ScaleShapeBreak_BigO":
        rms = b.get("BM_ScaleShapeBreak_RMS", {}).get("rms")
        print(f"  fitted: O({x.get('big_o', '?')})" + (f", RMS {100 * rms:.0f} %" if rms is not None else ""))
EOF

# ---- the press file (issue 14): a distinct 24-megapixel photo pair on every page -------------
# Its own script (scripts/bench-press.sh): screen PDF and --print of the same 32-page issue in the
# same run, wall and CPU time, peak RSS and PDF size against issue 14's targets. The photos
# (~275 MB, made once by scripts/make-press-issue) are kept in $build/press-issue-N; --quick: 8 pages.
press_pages=32
[ "${1:-}" = "--quick" ] && press_pages=8
echo
"$root/scripts/bench-press.sh" "$cli" "$press_pages" "$build/press-issue-$press_pages"
