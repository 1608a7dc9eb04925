"""Keys out of whatever a provider answered: a misbehaving gateway may echo the request (and
with it the account's key) in its answer; the snapshot and its raw JSON are then stored in the
ledger, shown in the detail pane, copied by "Copy raw JSON" and printed by the CLI. Every
known key is replaced by a marker in all of them, before anything is kept. The log filter and
the task-list export mask keys by the same rule."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from gui.domain.model import RawJson, TaskSnapshot, raw_value

REMOVED = "[key removed]"
MIN_SECRET_LENGTH = 4  # shorter "keys" would blank ordinary words; real keys are far longer


def secret_forms(secrets: Iterable[str | None]) -> list[str]:
    """Each key as it may appear in a decoded answer: as is, and URL-encoded (echoed URLs)."""
    forms: set[str] = set()
    for secret in secrets:
        if secret and len(secret) >= MIN_SECRET_LENGTH:
            forms.update({secret, quote(secret, safe=""), quote(secret)})
    return sorted(forms, key=len, reverse=True)  # the longest first: no half-replaced form


def scrub_text(text: str, forms: list[str]) -> str:
    """`text` with every form (from `secret_forms`) replaced by the marker."""
    for form in forms:
        if form in text:
            text = text.replace(form, REMOVED)
    return text


def scrub_value(value: Any, forms: list[str]) -> Any:
    """A copy of a JSON value with every form of every key replaced (in keys too)."""
    if isinstance(value, str):
        return scrub_text(value, forms)
    if isinstance(value, dict):
        return {scrub_value(k, forms): scrub_value(v, forms) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub_value(v, forms) for v in value]
    return value


def scrub_snapshot(snapshot: TaskSnapshot, secrets: Iterable[str | None]) -> TaskSnapshot:
    """The snapshot without any known key, in its fields or its raw JSON (itself if clean)."""
    forms = secret_forms(secrets)
    if not forms:
        return snapshot
    fields = snapshot.to_json()
    raw = snapshot.raw
    raw_text = raw.text if isinstance(raw, RawJson) else json.dumps(raw, ensure_ascii=False)
    searched = json.dumps(fields, ensure_ascii=False) + raw_text
    # Decoded text is what is compared: a key with a quote or backslash is escaped in JSON.
    if not any(form in searched or json.dumps(form)[1:-1] in searched for form in forms):
        return snapshot  # the usual case, at the cost of one dumps per answer
    clean_raw = scrub_value(raw_value(raw), forms)
    return TaskSnapshot.from_json(scrub_value(fields, forms), raw=clean_raw)
