"""File names for exported clips: a user's template filled from the clip, made safe for every OS.

A template such as "{title} - {clip_id8}" is checked once (unknown placeholders are a sentence,
not a crash), then rendered per clip. The result is one plain file name: separators, control
and bidi characters, reserved names (CON, NUL, ...), leading dots and over-long names are dealt
with, so the file always lands directly inside the destination folder.
"""

from __future__ import annotations

import string
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pathvalidate import sanitize_filename

from gui.domain.model import Clip, TaskSnapshot
from gui.domain.wording import QT_TRANSLATE_NOOP
from gui.providers import PROVIDERS
from gui.storage.settings import DEFAULT_FILENAME_TEMPLATE

PLACEHOLDERS: dict[str, str] = {
    "title": "the clip's title",
    "clip_id8": "the first 8 characters of the clip id (the task id when the clip has none)",
    "clip_id": "the whole clip id (the task id when the clip has none)",
    "task_id": "the task id",
    "provider": "the provider's name",
    "model": "the model name",
    "date": "the day the task finished (YYYY-MM-DD)",
    "n": "the clip's position in the task: 1, 2, ...",
}
# Room left for " (12345)" and an extension such as ".json" within MAX_NAME_BYTES.
MAX_NAME_BYTES = 200
MAX_STEM_BYTES = MAX_NAME_BYTES - 20
FALLBACK_STEM = "Untitled"
_ALLOWED_FORMAT_CHARS = "\u200d"  # the zero-width joiner holds emoji sequences together


@dataclass(frozen=True, slots=True)
class Template:
    """A checked template: literal text and placeholder names, in order."""

    text: str
    parts: tuple[tuple[str, str | None], ...]  # (literal, placeholder or None)

    def render(self, values: dict[str, str]) -> str:
        return "".join(literal + (values[name] if name else "") for literal, name in self.parts)


# Why a file name template is refused (English; shown translated, see gui.domain.wording).
UNMATCHED_BRACE = QT_TRANSLATE_NOOP(
    "Problems",
    "The file name template {template} has an unmatched brace; write {braces} for a literal brace.",
)
UNKNOWN_PLACEHOLDER = QT_TRANSLATE_NOOP(
    "Problems",
    "The file name template uses {placeholder}, which Tunewatch does not know; use {known}.",
)
NO_FORMAT_SPEC = QT_TRANSLATE_NOOP(
    "Problems",
    "Placeholders take no format or conversion: write {placeholder} in the file name template.",
)
EMPTY_TEMPLATE = QT_TRANSLATE_NOOP(
    "Problems", "The file name template is empty; the default is {default}."
)


def parse_template(text: str) -> Template:
    """Check a template; raise ValueError with a sentence a person understands."""
    known = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
    try:
        pieces = list(string.Formatter().parse(text))
    except ValueError:
        raise ValueError(UNMATCHED_BRACE.format(template=repr(text), braces="{{ or }}")) from None
    parts: list[tuple[str, str | None]] = []
    for literal, name, spec, conversion in pieces:
        if name is None:
            parts.append((literal, None))
            continue
        if name not in PLACEHOLDERS:
            shown = "{" + name + "}" if name else "{}"
            raise ValueError(UNKNOWN_PLACEHOLDER.format(placeholder=shown, known=known))
        if spec or conversion:
            raise ValueError(NO_FORMAT_SPEC.format(placeholder="{" + name + "}"))
        parts.append((literal, name))
    if not text.strip():
        raise ValueError(EMPTY_TEMPLATE.format(default=repr(DEFAULT_FILENAME_TEMPLATE)))
    return Template(text, tuple(parts))


def template_values(snapshot: TaskSnapshot, clip: Clip, position: int) -> dict[str, str]:
    """What each placeholder stands for, for the clip at `position` (0-based) of the task."""
    clip_id = clip.id or snapshot.task_id
    provider = PROVIDERS.get(snapshot.provider)
    moment = snapshot.finished_at or snapshot.created_at
    return {
        "title": clip_title(clip, snapshot),
        "clip_id8": clip_id[:8],
        "clip_id": clip_id,
        "task_id": snapshot.task_id,
        "provider": provider.name if provider else snapshot.provider,
        "model": clip.model_name or "",
        "date": local_date(moment),
        "n": str(position + 1),
    }


def clip_title(clip: Clip, snapshot: TaskSnapshot) -> str:
    """The clip's own title; an untitled clip after the first is "<task title> (2)", not a
    second file and tag named like the first clip."""
    if clip.title or clip.stem:
        return clip.title or clip.stem or FALLBACK_STEM
    if not snapshot.title:
        return FALLBACK_STEM
    position = next(
        (
            index
            for index, other in enumerate(snapshot.clips)
            if other is clip or (clip.id is not None and other.id == clip.id)
        ),
        0,
    )
    return snapshot.title if position == 0 else f"{snapshot.title} ({position + 1})"


def local_date(moment: datetime | None) -> str:
    """The day in the user's time zone (today when the provider gave no date)."""
    return (moment.astimezone() if moment else datetime.now().astimezone()).strftime("%Y-%m-%d")


def file_stem(template: Template, values: dict[str, str]) -> str:
    """The rendered template as a safe file name without extension (never empty). A name too
    long for every OS is shortened in its title ("…"), so the template's other parts — the
    clip id that keeps two variations apart, above all — are kept whole."""
    rendered = template.render(values)
    stem = safe_stem(rendered)
    titles = sum(1 for _literal, name in template.parts if name == "title")
    if not titles or len(_plain(rendered).encode("utf-8")) <= MAX_STEM_BYTES:
        return stem
    # The other parts' length, with the blanks around the title kept ("x" holds its place).
    rest = len(_plain(template.render({**values, "title": "x"})).encode("utf-8")) - titles
    room = (MAX_STEM_BYTES - rest) // titles - len("…".encode())
    if room <= 0:
        return stem  # the other parts alone are too long: cut at the end as before
    short = _cut_bytes(_plain(values["title"]), room).rstrip() + "…"
    return safe_stem(template.render({**values, "title": short}))


def _plain(text: str) -> str:
    """The text as safe_stem sees it before cutting: cleaned, blanks collapsed."""
    cleaned = "".join(_clean_char(ch) for ch in unicodedata.normalize("NFC", text))
    return " ".join(cleaned.split())  # runs of blanks and newlines become one space


def safe_stem(text: str) -> str:
    cleaned = _cut_bytes(_plain(text), MAX_STEM_BYTES)
    stem = sanitize_filename(cleaned, platform="universal", replacement_text="_")
    stem = stem.lstrip(". ")  # no hidden files, no "." or ".."
    stem = sanitize_filename(stem, platform="universal", replacement_text="_")
    return stem or FALLBACK_STEM


def numbered(stem: str, number: int) -> str:
    """The n-th candidate for a taken name: "x", "x (2)", "x (3)", ..."""
    return stem if number <= 1 else f"{stem} ({number})"


def inside(folder: Path, name: str) -> Path:
    """`folder / name`, refusing anything that is not one plain name directly inside folder."""
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\x00" in name:
        raise ValueError(f"{name!r} is not a plain file name.")
    path = folder / name
    if path.parent != folder:
        raise ValueError(f"{name!r} would leave the folder {folder}.")
    return path


def _clean_char(ch: str) -> str:
    category = unicodedata.category(ch)
    if category in ("Zl", "Zp") or ch in "\t\r\n":
        return " "
    if category == "Cc" or (category == "Cf" and ch not in _ALLOWED_FORMAT_CHARS):
        return ""  # control and bidi/format characters could hide or flip the extension
    if category == "Cs":
        return "_"  # a lone surrogate (JSON allows "\\ud800") cannot be encoded in a file name
    return ch


def _cut_bytes(text: str, limit: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", errors="ignore").rstrip()
