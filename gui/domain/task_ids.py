"""What a task ID may look like. IDs go into URLs (sunor puts them in the path), so be strict."""

from __future__ import annotations

import re

from gui.domain.errors import InvalidTaskIdError
from gui.domain.wording import QT_TRANSLATE_NOOP

MAX_TASK_ID_LENGTH = 128
# Letters, digits and . _ : - ; starting with a letter or digit, so "." and ".." are impossible.
_TASK_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]*")

EMPTY_ID = QT_TRANSLATE_NOOP("Problems", "The task ID is empty.")
TOO_LONG_ID = QT_TRANSLATE_NOOP(
    "Problems", "A task ID is at most {limit} characters; this is {length}."
)
NOT_AN_ID = QT_TRANSLATE_NOOP(
    "Problems",
    "{text} is not a task ID: it contains {character} (IDs use letters, digits, '-', '_', '.' "
    "and ':', and start with a letter or digit).",
)


def validate_task_id(text: str) -> str:
    """Return the ID without surrounding blanks, or raise InvalidTaskIdError saying what is wrong."""
    task_id = text.strip()
    if not task_id:
        raise InvalidTaskIdError(EMPTY_ID)
    if len(task_id) > MAX_TASK_ID_LENGTH:
        raise InvalidTaskIdError(TOO_LONG_ID.format(limit=MAX_TASK_ID_LENGTH, length=len(task_id)))
    if not _TASK_ID.fullmatch(task_id):
        bad = next((ch for ch in task_id if not re.fullmatch(r"[A-Za-z0-9._:-]", ch)), task_id[0])
        shown = repr(bad) if bad.isprintable() else f"U+{ord(bad):04X}"
        raise InvalidTaskIdError(NOT_AN_ID.format(text=repr(_preview(task_id)), character=shown))
    return task_id


def could_be_provider_id(task_id: str) -> bool:
    """Whether a provider could have issued this (valid) ID. Every provider's IDs carry digits
    (UUIDs, "task_1731a9b2f4"); a plain word ("hello", "not-an-id") is text, not an ID, and Auto
    never sends it to the accounts."""
    return any(ch.isdigit() for ch in task_id)


def _preview(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
