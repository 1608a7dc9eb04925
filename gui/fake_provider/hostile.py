"""Payload mangling for the "hostile" and "malformed" faults.

Works on any provider's JSON tree by key name, so every format gets the same treatment:
path-traversal titles, 10 kB strings with control and bidi characters, script/file URLs,
numbers as strings and junk list entries.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

TRAVERSAL_TITLE = "../../etc/passwd"
LONG_TEXT = "\u202e<script>alert(1)</script>\x00\r\n" + "A" * 10_000
BAD_URLS = (
    "javascript:alert(document.cookie)",
    "file:///etc/passwd",
    "data:text/html,<script>alert(1)</script>",
    "//evil.invalid/a.mp3",
)
_TEXT_KEYS = {
    "tags",
    "prompt",
    "text",
    "lyrics",
    "message",
    "errormessage",
    "failreason",
    "fail_reason",
    "error",
    "model_name",
}
_JUNK_ITEMS: tuple[object, ...] = (None, 42, "not a clip", ["nested"], {"id": None})


def hostile(payload: object, placeholder_url: str) -> object:
    """A copy of `payload` with every field turned against the parser.

    `placeholder_url` is a Suno-style ".../None.mp3" on the fake media host (404 there), so
    nothing points at a real outside host.
    """
    urls = itertools.cycle((*BAD_URLS, placeholder_url))
    return _walk(payload, urls)


def _walk(node: object, urls: Iterator[str]) -> object:
    if isinstance(node, dict):
        out: dict[str, object] = {}
        for key, value in node.items():
            out[key] = _field(str(key), value, urls)
        return out
    if isinstance(node, list):
        items = [_walk(item, urls) for item in node]
        if items and all(isinstance(item, dict) for item in items):
            items.extend(_JUNK_ITEMS)  # a list of clips with non-clips mixed in
        return items
    return node


def _field(key: str, value: object, urls: Iterator[str]) -> object:
    lower = key.lower()
    if lower.endswith("urls") and isinstance(value, list):
        return [next(urls) for _ in value]
    if isinstance(value, dict | list):
        return _walk(value, urls)
    if "title" in lower:
        return TRAVERSAL_TITLE
    if lower.endswith("url"):
        return next(urls) if value is not None else None
    if lower in _TEXT_KEYS:
        return LONG_TEXT
    if lower in ("duration", "duration_s"):
        return "3:00"  # a string where a number belongs
    if lower in ("progress", "credits", "credits_cost"):
        return {"value": value}  # an object where a scalar belongs
    if lower in ("id", "audioid", "suno_id"):
        return 1e308 if isinstance(value, str) else value  # a float where an id string belongs
    return value


def truncated(body: bytes) -> bytes:
    """Half of a JSON body (at least one byte short), as a cut connection or bad proxy gives."""
    if len(body) < 4:
        return b'{"'
    return body[: max(1, len(body) // 2)]
