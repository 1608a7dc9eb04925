#!/bin/sh
# Translations: extract every translatable string of the package into resources/i18n/*.ts
# (a new string arrives there as type="unfinished"), then compile each .ts into gui/i18n/*.qm,
# which ships inside the package. Run after changing user-visible text; translate the new
# entries (Qt Linguist: .venv/bin/pyside6-linguist, or any editor) and run it again.
# Locations are not stored: several people edit the sources at once, and line numbers would
# make every change a conflict.
set -eu
cd "$(dirname "$0")/.."
BIN="${TUNEWATCH_QT_BIN:-.venv/bin}"
for ts in resources/i18n/tunewatch_*.ts; do
    "$BIN/pyside6-lupdate" -silent -extensions py -locations none -no-obsolete -sort-messages \
        -source-language en gui -ts "$ts"
    "$BIN/pyside6-lrelease" -silent "$ts" -qm "gui/i18n/$(basename "${ts%.ts}").qm"
done
