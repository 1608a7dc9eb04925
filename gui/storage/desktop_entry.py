"""Putting Tunewatch in the desktop's application menu for the current user: the .desktop file,
the AppStream metainfo and the icons, installed under XDG_DATA_HOME as the freedesktop specs
say (applications/, metainfo/, icons/hicolor/<size>/apps/). Exec points at the installed
`tunewatch` command, so the entry starts the same program the terminal does."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

from gui.storage.atomic import write_atomically

APP_ID = "io.github.tunewatch.Tunewatch"  # also the window's desktop file name (Wayland)
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# The source tree's resources/ folder (next to the gui package: an editable install, a clone).
RESOURCES = Path(__file__).resolve().parents[2] / "resources"


class DesktopEntryError(Exception):
    pass


def data_home(env: dict[str, str] | None = None) -> Path:
    environ = os.environ if env is None else env
    value = environ.get("XDG_DATA_HOME", "")
    # The spec: a relative path is invalid and must be ignored.
    if value and Path(value).is_absolute():
        return Path(value)
    return Path(environ.get("HOME") or Path.home()) / ".local" / "share"


def installed_command() -> str:
    """The `tunewatch` this Python runs (its venv's script), else the one on PATH."""
    beside = Path(sys.executable).parent / "tunewatch"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("tunewatch")
    if found:
        return str(Path(found).resolve())
    raise DesktopEntryError(
        "The tunewatch command is not installed (scripts/setup.sh installs it); "
        "the menu entry would have nothing to start."
    )


def desktop_exec(command: str) -> str:
    """Quoted as the Desktop Entry spec asks when the path holds a reserved character."""
    if re.search(r"[\s\"'`$\\<>~|&;*?#()]", command):
        escaped = re.sub(r'(["`$\\])', r"\\\1", command)
        return f'"{escaped}"'
    return command


def install_desktop_entry(target: Path, command: str, resources: Path = RESOURCES) -> list[Path]:
    """Install into `target` (an XDG data home); returns the files written."""
    desktop_source = resources / f"{APP_ID}.desktop"
    metainfo_source = resources / f"{APP_ID}.metainfo.xml"
    icons = resources / "icons"
    needed = [desktop_source, metainfo_source, icons / "tunewatch.svg"]
    needed += [icons / f"tunewatch-{size}.png" for size in ICON_SIZES]
    missing = [str(path) for path in needed if not path.is_file()]
    if missing:
        raise DesktopEntryError(
            "These files of Tunewatch's source tree are missing: " + ", ".join(missing)
        )
    written: list[Path] = []

    def put(path: Path, data: bytes) -> None:
        write_atomically(path, data)
        written.append(path)

    exec_value = desktop_exec(command)
    entry = desktop_source.read_text(encoding="utf-8")
    entry = re.sub(r"(?m)^Exec=.*$", f"Exec={exec_value}", entry)
    entry = re.sub(r"(?m)^TryExec=.*$", f"TryExec={exec_value}", entry)
    put(target / "applications" / f"{APP_ID}.desktop", entry.encode("utf-8"))
    put(target / "metainfo" / f"{APP_ID}.metainfo.xml", metainfo_source.read_bytes())
    hicolor = target / "icons" / "hicolor"
    for size in ICON_SIZES:
        png = (icons / f"tunewatch-{size}.png").read_bytes()
        put(hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png", png)
    put(hicolor / "scalable" / "apps" / f"{APP_ID}.svg", (icons / "tunewatch.svg").read_bytes())
    # Desktops watch the theme folder's time to notice new icons (no icon cache is built here).
    os.utime(hicolor)
    return written
