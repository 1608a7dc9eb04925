#!/usr/bin/env bash
# The README's run command: set up a fresh machine, then open Tunewatch (the demo when no API
# key is configured). Without a display it runs on a virtual one (Xvfb) so it still starts.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ $# -eq 0 ] && ! .venv/bin/python -m gui.commands.has_keys; then
  echo "run: no API key is configured (keyring or TUNEWATCH_KEY_*): opening the demo."
  echo "run: add a key in Settings of \`.venv/bin/tunewatch\` to follow your own tasks."
  set -- --demo
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display found; starting Tunewatch on a virtual X display (xvfb-run)."
  exec xvfb-run -a .venv/bin/tunewatch "$@"
fi
exec .venv/bin/tunewatch "$@"
