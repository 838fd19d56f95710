#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors and runs every test (ctest); then
# builds again with AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/, no benchmarks)
# and runs every test there too; last, scripts/tsan.sh runs the threaded parts under ThreadSanitizer
# (build-tsan/). ZJGR_SKIP_ASAN=1 / ZJGR_SKIP_TSAN=1 skip those passes (local quick runs).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
ZJGR_WERROR=ON "$root/scripts/build.sh"
(cd "${ZJGR_BUILD_DIR:-$root/build}" && ctest --output-on-failure -j"${ZJGR_JOBS:-2}" "$@")

if [ "${ZJGR_SKIP_ASAN:-0}" != 1 ]; then
  # One extra build (CI has 90 minutes on 2 cores): the whole suite under the sanitizers.
  # halt_on_error: the first report fails the test; detect_leaks stays on.
  asan=${ZJGR_ASAN_BUILD_DIR:-$root/build-asan}
  ZJGR_WERROR=ON ZJGR_BUILD_DIR="$asan" "$root/scripts/build.sh" -DZJGR_SANITIZE=ON -DZJGR_BUILD_BENCHMARKS=OFF
  cd "$asan"
  ASAN_OPTIONS=halt_on_error=1:detect_stack_use_after_return=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    LSAN_OPTIONS=suppressions=$root/scripts/lsan.supp ctest --output-on-failure -j"${ZJGR_JOBS:-2}" "$@"
fi

if [ "${ZJGR_SKIP_TSAN:-0}" != 1 ]; then
  ZJGR_WERROR=ON "$root/scripts/tsan.sh"
fi
