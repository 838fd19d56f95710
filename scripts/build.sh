#!/usr/bin/env bash
# Configures and builds zjgr-typeset into build/ (or $ZJGR_BUILD_DIR). Extra args go to cmake.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ZJGR_BUILD_DIR:-$root/build}
werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DZJGR_WERROR="${ZJGR_WERROR:-$werror}" "$@" >/dev/null
cmake --build "$build" -j"${ZJGR_JOBS:-2}"
