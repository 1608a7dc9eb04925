#!/bin/sh
# Run a command inside a throwaway D-Bus session with an unlocked gnome-keyring, so keyring's
# Secret Service backend works headless (CI, containers). The keyring lives in a temporary
# directory that is removed afterwards; the user's real keyring and HOME are never touched.
#
#   scripts/with_secret_service.sh .venv/bin/python -m pytest -m secret_service
#
# Needs the Debian packages: dbus gnome-keyring libsecret-tools.
set -eu

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 64
fi

for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "$0: $tool not found; install the Debian packages dbus gnome-keyring libsecret-tools" >&2
        exit 127
    fi
done

keyring_dir=$(mktemp -d "${TMPDIR:-/tmp}/tunewatch-keyring.XXXXXX")
trap 'rm -rf "$keyring_dir"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -m 700 "$keyring_dir/data" "$keyring_dir/runtime"

# Only the daemon sees the temporary XDG dirs (where it keeps keyring files and its control
# socket); the command keeps the caller's environment, HOME and caches included. The daemon
# exits by itself when dbus-run-session closes the bus. Not `exec`: the trap must still run.
status=0
KEYRING_DIR="$keyring_dir" dbus-run-session -- sh -c '
    set -eu
    printf %s tunewatch-test |
        XDG_DATA_HOME="$KEYRING_DIR/data" XDG_RUNTIME_DIR="$KEYRING_DIR/runtime" \
        gnome-keyring-daemon --unlock --components=secrets >/dev/null
    unset KEYRING_DIR
    exec "$@"
' with_secret_service "$@" || status=$?
exit "$status"
