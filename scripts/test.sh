#!/usr/bin/env bash
# The README's test command: set up a fresh machine, lint, type-check, then run the whole suite
# with Qt offscreen inside a private D-Bus session that has an unlocked GNOME Keyring.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test

echo "== ruff"; .venv/bin/ruff check .
echo "== mypy"; .venv/bin/mypy
echo "== desktop entry and metainfo"
desktop-file-validate resources/io.github.tunewatch.Tunewatch.desktop
appstreamcli validate --no-net resources/io.github.tunewatch.Tunewatch.metainfo.xml
echo "== pytest"
export QT_QPA_PLATFORM=offscreen
export QT_LOGGING_RULES="qt.multimedia.symbolsresolver=false"
export TUNEWATCH_REQUIRE_SECRET_SERVICE=1
# pytest-timeout cannot break a stuck Qt event loop; the outer timeout can.
timeout --kill-after=30 1200 scripts/with_secret_service.sh .venv/bin/python -m pytest -W error "$@"
