"""Text from a payload as it may be shown: no bidi or other format characters.

A title like "Summer\u202egnos.mp3" (U+202E RIGHT-TO-LEFT OVERRIDE) shows as a different name
than it is; U+2066–U+2069 isolates, U+200E/F marks, U+FEFF and the rest of Unicode category Cf
(and control characters, and lone surrogates) can hide or reorder what follows. They are
removed wherever a payload's text is read (gui.providers.fields) and, for the one-line fields
(titles, tags, stems, error messages), also when stored text is loaded (gui.domain.model; not
lyrics: too slow for a big task list), so the table, detail pane, notifications, window title,
CLI and exports all show the same honest text. File names already do the same (gui.media.naming).
"""

from __future__ import annotations

import unicodedata

# Joiners shape emoji sequences and Persian/Indic words; they cannot reorder text.
KEPT_FORMAT_CHARS = frozenset({"\u200c", "\u200d"})


def display_text(text: str, keep: str = "\n\t") -> str:
    """`text` without format (Cf) and control (Cc) characters, except joiners and `keep`."""
    # Fast path, in C (a ledger of 100 000 tasks is loaded through here): nothing to remove.
    if text.isprintable() or (keep and _without(text, keep).isprintable()):
        return text
    return "".join(ch for ch in text if ch in keep or _shown(ch))


def _without(text: str, chars: str) -> str:
    for ch in chars:
        text = text.replace(ch, "")
    return text


def _shown(ch: str) -> bool:
    category = unicodedata.category(ch)
    if category == "Cf":
        return ch in KEPT_FORMAT_CHARS
    return category not in ("Cc", "Cs")
