"""Bidi and other format characters never reach what is shown: a title with U+202E (which
shows "Summer\u202e3pm.exe" as "Summerexe.mp3") is read, stored and displayed without it —
in the parsed snapshot of every provider, a ledger written before the fix, the table and the
CLI's human output."""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt

from gui.domain.display_text import display_text
from gui.domain.model import TaskSnapshot
from gui.fake_provider import FakeProviderServer, Fault, MusicResult, Phase, TaskScript
from gui.polling.status_check import check_status
from gui.providers import fields, get_provider
from gui.storage.ledger import Ledger
from gui.ui.task_table_model import Column, TaskTableModel

SPOOFED = "Summer\u202e3pm.exe"
FORMAT_CHARS = (
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\ufeff\u2060\u00ad"
)
ACCOUNT = {
    "mountsea-suno": "mountsea",
    "mountsea-producer": "mountsea",
    "sunor": "sunor",
    "crun": "crun",
}


def format_chars_in(text: str) -> list[str]:
    return [
        hex(ord(c)) for c in text if unicodedata.category(c) == "Cf" and c not in "\u200c\u200d"
    ]


def all_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*all_strings(k), *all_strings(v))]
    if isinstance(value, list | tuple):
        return [s for v in value for s in all_strings(v)]
    return []


def test_format_characters_are_removed_and_joiners_kept() -> None:
    assert display_text(SPOOFED) == "Summer3pm.exe"
    assert display_text("a" + FORMAT_CHARS + "b") == "ab"
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one emoji held by zero-width joiners
    assert display_text(family) == family
    assert display_text("line 1\nline 2\x00\x1b[31m") == "line 1\nline 2[31m"
    assert display_text("plain ASCII title") == "plain ASCII title"


@pytest.mark.asyncio
@pytest.mark.parametrize("provider", ["mountsea-suno", "mountsea-producer", "sunor", "crun"])
async def test_every_provider_reads_titles_without_format_characters(provider: str) -> None:
    with FakeProviderServer() as server:
        titles = (SPOOFED, "\u2067evil\u2069 \u200fname")
        server.add_task(provider, "t1", TaskScript([Phase("succeeded")], MusicResult(titles)))  # type: ignore[arg-type]
        server.add_task(provider, "t2", TaskScript([Phase("succeeded")], MusicResult(titles)))  # type: ignore[arg-type]
        server.inject(Fault("hostile"), task_id="t2")  # 10 kB strings with U+202E in them
        async with httpx.AsyncClient() as client:
            for task_id in ("t1", "t2"):
                result = await check_status(
                    client,
                    get_provider(provider),
                    server.base_url,
                    task_id,
                    server.key(ACCOUNT[provider]),  # type: ignore[arg-type]
                )
                shown = all_strings(result.snapshot.to_json())
                assert [format_chars_in(s) for s in shown if format_chars_in(s)] == []
                if task_id == "t1" and result.snapshot.clips and provider != "mountsea-producer":
                    assert result.snapshot.clips[0].title == "Summer3pm.exe"


def test_a_title_stored_before_the_fix_is_shown_without_them(qapp: Any, tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "tasks.sqlite3")
    ledger.add("sunor", "t1")
    snapshot = {
        "provider": "sunor",
        "task_id": "t1",
        "state": "succeeded",
        "provider_status": "success",
        "clips": [{"kind": "song", "id": "c1", "title": SPOOFED, "tags": "\u202epop"}],
    }
    with sqlite3.connect(tmp_path / "tasks.sqlite3") as db:  # as an older Tunewatch wrote it
        db.execute("UPDATE tasks SET snapshot=? WHERE task_id='t1'", (json.dumps(snapshot),))
    loaded = ledger.get(("sunor", "t1"))
    ledger.close()
    assert loaded is not None and loaded.title == "Summer3pm.exe"
    model = TaskTableModel()
    model.set_tasks([loaded])
    shown = model.index(0, Column.TITLE).data(Qt.ItemDataRole.DisplayRole)
    assert shown == "Summer3pm.exe"


def test_stored_error_text_and_stem_names_are_cleaned_and_payload_lyrics_too() -> None:
    snapshot = TaskSnapshot.from_json(
        {
            "provider": "crun",
            "task_id": "t",
            "state": "failed",
            "provider_status": "failed",
            "error": {"message": "bad \u202eterm", "code": None, "trace_id": None},
            "clips": [{"kind": "stem", "stem": "\u202evocals"}],
        }
    )
    assert snapshot.error is not None and snapshot.error.message == "bad term"
    assert snapshot.clips[0].stem == "vocals"
    assert fields.long_text("[Verse]\n\u2066la\u2069 la") == "[Verse]\nla la"  # as read
