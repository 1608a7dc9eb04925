"""How a clip length reads to a person: 187 s → "3:07"."""

from __future__ import annotations


def format_duration(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"
