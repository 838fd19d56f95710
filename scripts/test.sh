#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors and runs every test (ctest).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
ZJGR_WERROR=ON "$root/scripts/build.sh"
cd "${ZJGR_BUILD_DIR:-$root/build}"
ctest --output-on-failure -j"${ZJGR_JOBS:-2}" "$@"
