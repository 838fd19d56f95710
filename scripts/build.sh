#!/usr/bin/env bash
# Configures and builds zjgr-typeset into build/ (or $ZJGR_BUILD_DIR). Extra args go to cmake.
# ZJGR_WERROR=ON|OFF sets warnings-as-errors (CI=true turns it on); unset, the build folder keeps
# what it had, so the example and the tests can share one build without rebuilding everything.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ZJGR_BUILD_DIR:-$root/build}
werror=${ZJGR_WERROR:-}
[ -z "$werror" ] && [ "${CI:-}" = "true" ] && werror=ON
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo ${werror:+-DZJGR_WERROR=$werror} "$@" >/dev/null
cmake --build "$build" -j"${ZJGR_JOBS:-2}"
