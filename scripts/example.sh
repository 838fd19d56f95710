#!/usr/bin/env bash
# Installs what is missing, builds, and typesets the example issue to a PDF and page PNGs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
out=${1:-$root/out/2021-02-25}
mkdir -p "$out/png"
"$root/build/engine/cli/zjgr-typeset" "$root/examples/2021-02-25/issue.json" \
  -o "$out/issue.pdf" --png "$out/png" --dpi 100 --report "$out/report.json" --dump-layout "$out/layout.txt"
echo "PDF:    $out/issue.pdf"
echo "PNGs:   $out/png/"
echo "report: $out/report.json"
