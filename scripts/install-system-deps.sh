#!/usr/bin/env bash
# System packages the build and tests need, from Debian's archive:
#   TeX Live (XeLaTeX) for the PDF, Chromium for screenshots and the accessibility check,
#   poppler-utils for looking at PDF pages.
# Safe to run repeatedly: installs only what is missing. Needs root (as on CI).
set -euo pipefail
want="texlive-xetex texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended \
texlive-plain-generic lmodern latexmk fonts-freefont-otf fonts-dejavu-core chromium poppler-utils"
missing=""
for pkg in $want; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
if [ -z "$missing" ]; then
  echo "system packages: all present"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "system packages missing:$missing" >&2
  echo "install them as root with: apt-get update && apt-get install -y --no-install-recommends$missing" >&2
  exit 3
fi
echo "installing system packages:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=900 update -qq
apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends $missing >/dev/null
echo "system packages: installed"
