"""Where the "Export to folder" dialog opens: a folder that exists, so the dialog shows it (and
not the process's working folder) and its Choose button is usable at once."""

from __future__ import annotations

from pathlib import Path

from gui.media.export_types import default_export_folder


def starting_folder(configured: str | None, home: Path | None = None) -> Path:
    """The configured download folder if it exists; else Music/Tunewatch, Music, then home."""
    default = default_export_folder()
    candidates = [Path(configured).expanduser()] if configured else []
    candidates += [default, default.parent]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return home or Path.home()
