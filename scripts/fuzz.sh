#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan), makes each target's seed corpus from
# the examples and test fixtures, and runs each target for SECONDS (default 60), one after the
# other (2 cores are shared). Findings are written to $ZJGR_FUZZ_DIR/<target>/ (crash-*,
# timeout-*, oom-*); the script exits 1 if any target found something.
#   scripts/fuzz.sh [SECONDS] [TARGET...]      e.g. scripts/fuzz.sh 600 fuzz_json
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
shift || true
build=${ZJGR_FUZZ_BUILD_DIR:-$root/build-robust-fuzz}
work=${ZJGR_FUZZ_DIR:-$build/fuzz-runs}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_json fuzz_load_issue fuzz_image fuzz_compose)

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DZJGR_FUZZ=ON -DZJGR_BUILD_TESTS=OFF \
  -DZJGR_BUILD_BENCHMARKS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"${ZJGR_JOBS:-2}" --target "${targets[@]}"

# Seed corpora (regenerated each run; the fuzzer adds what it finds next to them).
seed() {
  local target=$1 dir=$work/$1/corpus
  mkdir -p "$dir"
  case $target in
    fuzz_json)
      find "$root/examples" "$root/layouts" "$root/tests/fixtures" "$root/tests/robustness/cases" \
        -name '*.json' -size -64k -exec cp -t "$dir" {} + 2>/dev/null || true
      # cp flattens names; keep distinct contents under their hash.
      ;;
    fuzz_load_issue)
      local small=$root/tests/fixtures/e2e/small
      { cat "$small/issue.json"; printf '\0'; cat "$small/layout.json"; printf '\0'
        cat "$small/articles/asian-games.json"; printf '\0'; cat "$small/articles/culture.json"; printf '\0'
        cat "$small/articles/union.json"; } >"$dir/small-tree"
      ;;
    fuzz_image)
      find "$root/tests/fixtures" "$root/tests/robustness/cases" -iname '*.png' -size -64k -exec cp -t "$dir" {} + 2>/dev/null || true
      find "$root/tests/fixtures" "$root/tests/robustness/cases" "$root/examples" -iname '*.jpg' -size -64k \
        -exec cp -t "$dir" {} + 2>/dev/null || true
      # The PNGs that ran libpng's simplified API out of memory and time (issue 18): a 1×1 image
      # with a tEXt chunk declaring 1.78 GB, and one with zTXt chunks inflating to 4 MiB each.
      python3 - "$dir" <<'PY'
import pathlib, struct, sys, zlib
out = pathlib.Path(sys.argv[1])
def chunk(kind, data, length=None):
    return struct.pack('>I', len(data) if length is None else length) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
head = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 2, 0, 0, 0))
tail = chunk(b'IDAT', zlib.compress(b'\0\0\0\0')) + chunk(b'IEND', b'')
(out / 'png-chunk-1780000000.png').write_bytes(head + chunk(b'tEXt', b'x' * 100, 1780000000) + tail)
text = zlib.compress(bytes(4 << 20), 9)
(out / 'png-ztxt-bomb.png').write_bytes(head + b''.join(chunk(b'zTXt', b'Comment%d\0\0' % i + text) for i in range(8)) + tail)
PY
      ;;
    fuzz_compose)
      # Each paragraph of the example articles, behind four style bytes (measure 13 em, justify).
      python3 - "$root/examples" "$dir" <<'PY'
import json, pathlib, sys
root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
n = 0
for f in sorted(root.rglob('articles/*.json')):
    body = json.loads(f.read_text(encoding='utf-8')).get('body', [])
    for p in body:
        if isinstance(p, str) and p:
            (out / f'par-{n:03d}').write_bytes(bytes([12 + n % 8, n % 256, 8, 0]) + p.encode()[:2000])
            n += 1
PY
      ;;
  esac
}

status=0
for target in "${targets[@]}"; do
  seed "$target"
  mkdir -p "$work/$target/findings"
  log=$work/$target/log.txt
  echo "== $target: ${seconds}s" >&2
  # -max_len bounds an input (a paragraph of 4 KiB, a tree of 64 KiB); -timeout flags hangs: 30 s,
  # since a worst-case paragraph (500 commas, every break prohibited) takes ~2 s under ASan and
  # a 2-core machine busy with a build stretched that past 10 s (0.16 s in a release build).
  case $target in
    fuzz_compose) max_len=4096 ;;
    *) max_len=65536 ;;
  esac
  if ! (cd "$work/$target/findings" && "$build/fuzz/$target" -max_total_time="$seconds" -max_len=$max_len \
          -timeout=${ZJGR_FUZZ_TIMEOUT:-30} -rss_limit_mb=2048 -print_final_stats=1 "$work/$target/corpus" >"$log" 2>&1); then
    status=1
    echo "$target: FOUND SOMETHING, see $log and $work/$target/findings" >&2
  fi
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$log" | sed "s/^/$target /" >&2 || true
done
exit $status
