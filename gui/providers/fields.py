"""Tolerant readers for untrusted JSON: wrong types, missing keys and huge values become None."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from gui.domain.display_text import display_text
from gui.domain.urls import clean_media_url

MAX_TEXT = 20_000  # lyrics can be long; anything longer is cut, never trusted whole
MAX_SHORT_TEXT = 500


def obj(value: Any) -> dict[str, Any]:
    """The value if it is a JSON object, else an empty one."""
    return value if isinstance(value, dict) else {}


def pick(source: Mapping[str, Any], *keys: str) -> Any:
    """The first key present with a non-null value (snake_case and camelCase spellings)."""
    for key in keys:
        value = source.get(key)
        if value is not None:
            return value
    return None


def text(value: Any, limit: int = MAX_SHORT_TEXT) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return None
        value = str(value)
    if not isinstance(value, str):
        return None
    # Control characters out, lone surrogates ("\ud800" is valid JSON, but no file name, label
    # or UTF-8 database column can hold one) and bidi/format characters (a spoofed title).
    cleaned = display_text(value).strip()
    if not cleaned:
        return None
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def long_text(value: Any) -> str | None:
    return text(value, MAX_TEXT)


def number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if isinstance(value, int):
        if abs(value) > 10**12:
            return None
        value = float(value)
    if isinstance(value, float) and math.isfinite(value) and abs(value) <= 1e12:
        return value
    return None


def duration(value: Any) -> float | None:
    seconds = number(value)
    return seconds if seconds is not None and 0 <= seconds <= 24 * 3600 else None


def tags(value: Any) -> str | None:
    if isinstance(value, list):
        parts = [t for t in (text(v) for v in value[:50]) if t]
        return ", ".join(parts) or None
    return text(value, 2000)


def url(value: Any) -> str | None:
    return clean_media_url(value)


def timestamp(value: Any) -> datetime | None:
    """ISO-8601 text or Unix seconds (crun) to an aware UTC datetime."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        if not math.isfinite(value) or not 0 < value < 32_503_680_000:  # before year 3000
            return None
        seconds = value / 1000 if value > 10_000_000_000 else value  # milliseconds
        return datetime.fromtimestamp(seconds, UTC)
    if isinstance(value, str) and len(value) <= 64:
        stripped = value.strip()
        if stripped.isascii() and stripped.isdigit():  # "²".isdigit() is True
            return timestamp(int(stripped))
        try:
            moment = datetime.fromisoformat(stripped.replace("Z", "+00:00"))
        except ValueError:
            return None
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return None


def code(value: Any) -> str | None:
    """Error codes come as numbers or strings; keep them as short text."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return text(value, 64)


def progress(value: Any) -> float | None:
    """sunor's "50%" (or a bare number: 0..1, or 0..100) to a fraction 0..1."""
    if isinstance(value, str):
        value = value.strip().rstrip("%").strip()
        fraction = number(value)
        return _clamp(fraction / 100) if fraction is not None else None
    amount = number(value)
    if amount is None:
        return None
    return _clamp(amount if amount <= 1 else amount / 100)


def _clamp(fraction: float) -> float | None:
    return min(max(fraction, 0.0), 1.0) if math.isfinite(fraction) else None
