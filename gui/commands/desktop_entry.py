"""`tunewatch --install-desktop-entry`: Tunewatch in the desktop's application menu, for the
current user (gui/storage/desktop_entry.py does the work)."""

from __future__ import annotations

import sys

from gui.commands import exit_codes
from gui.i18n import translate
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
        said = translate("Terminal", "the desktop entry was not installed: {reason}").format(
            reason=error
        )
        print(f"tunewatch: {said}", file=sys.stderr)
        return exit_codes.UNAVAILABLE
    for path in written:
        print(path)
    print(
        translate(
            "Terminal", "Installed Tunewatch in the application menu (it starts {command})."
        ).format(command=command)
    )
    return exit_codes.SUCCEEDED
