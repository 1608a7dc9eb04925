#!/usr/bin/env bash
# Runs the real window (the demo) on a virtual X display, waits, selects a row and saves a
# screenshot: scripts/screenshot.sh OUT.png [SECONDS] [ROW] [LANGUAGE]. Needs xvfb, xdotool,
# imagemagick. LANGUAGE is a locale such as zh_CN or en_US (default: this shell's locale); the
# Chinese one needs a CJK font (scripts/setup.sh installs fonts-noto-cjk).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-shots/window.png}
wait_s=${2:-20}
row=${3:-1}
language=${4:-}
mkdir -p "$(dirname "$out")"
home=$(mktemp -d)
export TUNEWATCH_HOME=$home QT_QPA_PLATFORM=xcb
if [ -n "$language" ]; then
  # The window follows the locale (Settings: System); LANGUAGE and LC_ALL would override LANG.
  unset LANGUAGE LC_ALL LC_MESSAGES
  export LANG="$language.UTF-8"
fi
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  .venv/bin/tunewatch ${TUNEWATCH_ARGS:---demo} & app=$!
  sleep 4
  win=$(xdotool search --sync --name "^Tunewatch" | head -n1)
  xdotool windowmove "$win" 0 0
  sleep '"$wait_s"'
  # rows are 26 px high below the header; click the requested row
  xdotool mousemove --window "$win" 120 $((170 + ('"$row"' - 1) * 26)) click 1
  sleep 2
  import -window root "'"$out"'"
  kill $app; wait $app || true
'
rm -rf "$home"
echo "screenshot: $out"
