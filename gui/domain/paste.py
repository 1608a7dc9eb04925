"""Turning whatever the user pasted into task IDs: one per line, comma- or space-separated, or a
whole JSON response from a terminal (the IDs are picked out of it)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from gui.domain.errors import InvalidTaskIdError
from gui.domain.task_ids import MAX_TASK_ID_LENGTH, validate_task_id
from gui.domain.wording import QT_TRANSLATE_NOOP

# Keys under which the providers return task IDs (create responses and status responses).
_ID_KEYS = ("taskId", "task_id", "taskID", "id")
_MAX_ITEMS = 1000
LEFT_OUT = QT_TRANSLATE_NOOP(
    "Problems",
    "Left out, not a task ID: {pieces} (IDs use letters, digits, '-', '_', '.' and ':').",
)
AND_MORE = QT_TRANSLATE_NOOP("Problems", "{pieces} and {count} more")
ONLY_FIRST_ITEMS = QT_TRANSLATE_NOOP(
    "Problems", "Only the first {count} IDs of one paste are read."
)
MAX_PASTE_CHARACTERS = 1_000_000


_COMMAND_WORDS = frozenset(
    {"curl", "wget", "http", "https", "get", "post", "put", "delete", "head", "bearer"}
)


def _command_noise(piece: str) -> bool:
    """curl's flags, header names ("x-api-key:"), methods, status codes: never task IDs."""
    word = piece.strip("\"'`")
    return (
        word.startswith("-")
        or word.endswith(":")
        or word.lower() in _COMMAND_WORDS
        or (word.isdigit() and len(word) == 3)
    )


def _id_in_url(piece: str) -> str:
    """A status URL pasted whole (curl, a log line): its task ID, from the query or the path."""
    if not piece.startswith(("http://", "https://")):
        return piece
    parts = urlsplit(piece)
    for name, value in parse_qsl(parts.query):
        if name in ("taskId", "task_id", "taskID", "id") and value:
            return value
    return parts.path.rstrip("/").rsplit("/", 1)[-1] or piece


@dataclass(frozen=True, slots=True)
class PastedIds:
    ids: list[str] = field(default_factory=list)  # valid, in order, without repeats
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (piece, why) not an ID
    notes: list[str] = field(default_factory=list)  # a key left out, too many IDs
    repeated: list[str] = field(default_factory=list)  # IDs that appeared more than once

    @property
    def invalid(self) -> list[str]:
        """What to say about what was left out: the one piece's reason, or one line for many
        (the ID rules said once), then the notes."""
        if len(self.rejected) == 1:
            return [self.rejected[0][1], *self.notes]
        if self.rejected:
            return [left_out_line([piece for piece, _ in self.rejected]), *self.notes]
        return list(self.notes)


def left_out_line(pieces: list[str]) -> str:
    """One line naming pieces that are not task IDs, with the rules once."""
    return LEFT_OUT.format(pieces=quoted(pieces))


def quoted(pieces: list[str], limit: int = 5) -> str:
    """'a', 'b', 'c' and 2 more — each cut to a readable length."""
    shown = [repr(p if len(p) <= 40 else p[:39] + "…") for p in pieces[:limit]]
    listed = ", ".join(shown)
    return (
        AND_MORE.format(pieces=listed, count=len(pieces) - limit) if len(pieces) > limit else listed
    )


def parse_pasted(text: str, secrets: frozenset[str] = frozenset()) -> PastedIds:
    """`secrets`: the configured API keys; a pasted command line may contain one, and it must
    never be tracked as a task (nor sent to every provider by Auto)."""
    stripped = text.strip()[:MAX_PASTE_CHARACTERS]
    if not stripped:
        return PastedIds()
    candidates = _from_json(stripped)
    if candidates is None:
        pieces = [piece for piece in re.split(r"[\s,;]+", stripped) if piece]
        if any("://" in piece for piece in pieces):
            # A command or log line with the status URL in it: keep what can be an ID.
            pieces = [p for p in pieces if not _command_noise(p)]
        candidates = [_id_in_url(piece) for piece in pieces]
    ids: list[str] = []
    rejected: list[tuple[str, str]] = []
    notes: list[str] = []
    repeated: list[str] = []
    for piece in candidates[:_MAX_ITEMS]:
        piece = piece.strip().strip("\"'`")
        if piece in secrets:
            notes.append(
                "Something that looks like your API key was left out: it is not a task ID."
            )
            continue
        try:
            task_id = validate_task_id(piece)
        except InvalidTaskIdError as error:
            rejected.append((piece[: MAX_TASK_ID_LENGTH + 1], str(error)))
            continue
        if task_id in ids:
            repeated.append(task_id)
        else:
            ids.append(task_id)
    if len(candidates) > _MAX_ITEMS:
        notes.append(ONLY_FIRST_ITEMS.format(count=_MAX_ITEMS))
    return PastedIds(ids, rejected, notes, repeated)


def _from_json(text: str) -> list[str] | None:
    if text[0] not in "{[":
        return None
    try:
        payload = json.loads(text)
    except (ValueError, RecursionError):  # deeply nested "JSON": read it as plain text
        return None
    found: list[str] = []
    _collect_ids(payload, found, depth=0)
    return found


def _collect_ids(node: Any, found: list[str], depth: int) -> None:
    """Task IDs sit at the top (`taskId`) or in `data` (`data.task_id`, `data.taskId`); clip
    IDs deeper down (`data.output.result[].id`) are not task IDs, so only shallow `id`s count."""
    if depth > 3 or len(found) >= _MAX_ITEMS:
        return
    if isinstance(node, list):
        for item in node:
            if isinstance(item, str) and depth == 0:
                found.append(item)
            else:
                _collect_ids(item, found, depth + 1)
        return
    if not isinstance(node, dict):
        return
    for key in _ID_KEYS:
        value = node.get(key)
        if isinstance(value, str) and (key != "id" or depth == 0):
            found.append(value)
            break
    for key in ("taskIds", "task_ids"):
        listed = node.get(key)
        if isinstance(listed, list):
            found.extend(item for item in listed if isinstance(item, str))
    for key in ("data", "tasks"):
        child = node.get(key)
        if isinstance(child, dict | list):
            _collect_ids(child, found, depth + 1)
