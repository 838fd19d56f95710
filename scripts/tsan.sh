#!/usr/bin/env bash
# The threaded parts under ThreadSanitizer (build-tsan/, or $ZJGR_TSAN_BUILD_DIR): pages laid out
# on several threads (PageRunner, StyleBook and its page memos, FrameStore, the jump map), the PDF
# and the PNG proofs drawn while layout goes on (PdfStream, PngProofs), fonts asked from several
# threads, jobs on every core (parallel_for: the PDF's finishing pass), and the CLI with --jobs.
# Builds only the programs these tests need, runs them with halt_on_error, and fails on the first
# race reported. scripts/test.sh runs it last.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tsan=${ZJGR_TSAN_BUILD_DIR:-$root/build-tsan}
cmake -S "$root" -B "$tsan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DZJGR_TSAN=ON -DZJGR_BUILD_BENCHMARKS=OFF \
  ${ZJGR_WERROR:+-DZJGR_WERROR=$ZJGR_WERROR} >/dev/null
cmake --build "$tsan" -j"${ZJGR_JOBS:-2}" --target base_tests fonts_tests layout_tests layout_rules_tests render_tests e2e_tests zjgr-typeset
cd "$tsan"
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$root/scripts/tsan.supp" ctest --output-on-failure -j"${ZJGR_JOBS:-2}" \
  -R 'ParallelFor|PageRunner|ParallelLayout|SpilledLayout|AnyNumberOfLayoutThreads|PngTest|PdfStream|HasGlyphAnswers|Cli.SameInput|SmallIssue' "$@"
