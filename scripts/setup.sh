#!/usr/bin/env bash
# Prepares a fresh Debian 12 machine for Tunewatch: the Debian packages Qt needs, a venv in .venv,
# and the project installed into it (editable). Safe to run again: it only adds what is missing.
# Usage: scripts/setup.sh [--test]   (--test also installs the test tools and the keyring daemon)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

# QtMultimedia will not import without libpulse0 (no sound server needed); the xcb libraries are
# for a real window; dbus/gnome-keyring/libsecret-tools give the tests a real Secret Service;
# fonts-noto-cjk draws the 简体中文 translation (without it Chinese shows as empty boxes).
packages=(libpulse0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon-x11-0 fonts-dejavu-core
  fonts-noto-cjk
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 xvfb xauth)
if [ "$want_test" = 1 ]; then
  # desktop-file-utils and appstream validate the menu entry and the metainfo (scripts/test.sh).
  # openssl makes the certificate for the media gate's TLS test (tests/test_media_gate_tls.py).
  packages+=(dbus gnome-keyring libsecret-tools desktop-file-utils appstream openssl)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $($python --version)"
  "$python" -m venv .venv
fi
extra=""
[ "$want_test" = 1 ] && extra="[test]"
# Skip pip when pyproject.toml has not changed since the last install (saves ~10 s per run).
stamp=".venv/.tunewatch-installed$extra"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing Python packages"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".$extra"
  touch "$stamp"
fi
