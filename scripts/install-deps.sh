#!/usr/bin/env bash
# Installs every Debian 12 package zjgr-typeset needs to build, run and test.
# Idempotent: only missing packages are installed; apt-get update runs only when needed.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libharfbuzz-dev libfreetype-dev libfontconfig-dev libcairo2-dev libicu-dev
  nlohmann-json3-dev libjpeg-dev libpng-dev libisal-dev zlib1g-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libqpdf-dev liblcms2-dev libgoogle-perftools-dev
  fonts-noto-cjk fonts-noto-cjk-extra fonts-lxgw-wenkai
  poppler-utils imagemagick ghostscript libgs-common qpdf hyperfine time python3
  clang libclang-rt-14-dev
  chromium
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fc-cache -f >/dev/null 2>&1 || true
