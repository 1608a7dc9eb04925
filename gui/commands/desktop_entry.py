"""`tunewatch --install-desktop-entry`: Tunewatch in the desktop's application menu, for the
current user (gui/storage/desktop_entry.py does the work)."""

from __future__ import annotations

import sys

from gui.commands import exit_codes
from gui.storage.desktop_entry import (
    DesktopEntryError,
    data_home,
    install_desktop_entry,
    installed_command,
)


def run() -> int:
    try:
        command = installed_command()
        written = install_desktop_entry(data_home(), command)
    except (DesktopEntryError, OSError) as error:
        print(f"tunewatch: the desktop entry was not installed: {error}", file=sys.stderr)
        return exit_codes.UNAVAILABLE
    for path in written:
        print(path)
    print(f"Installed Tunewatch in the application menu (it starts {command}).")
    return exit_codes.SUCCEEDED
