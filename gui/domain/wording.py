"""Sentences the core says to people: marked for translation, kept in English.

The core imports no Qt. Its sentences travel as plain English strings (in errors, task problems,
account events) and are stored so in the task list, so a language switch also re-words what was
saved yesterday. Each sentence is declared once, at module level, as
`QT_TRANSLATE_NOOP("Problems", "… {name} …")`: pyside6-lupdate extracts it by that name, and the
call records the template here. At display time the window and the terminal commands call
`localize(text, translate)`: the text is matched against the recorded templates, the template is
translated and filled with its parameters (themselves localized — sentences nest). Text that
matches nothing, such as a provider's own words, is shown as it came."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

Translate = Callable[[str, str], str]

# Only bare {name} placeholders: a parameter is matched back as text, so it is formatted before.
PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class _Template:
    context: str
    text: str
    pattern: re.Pattern[str]
    literal_length: int  # the most specific template wins when several match


_exact: dict[str, _Template] = {}
_with_parameters: list[_Template] = []


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate knows
    """Mark `text` for translation in `context` and return it unchanged (module level only)."""
    if text in _exact or any(t.text == text for t in _with_parameters):
        return text
    template = _Template(context, text, _pattern(text), len(PLACEHOLDER.sub("", text)))
    if PLACEHOLDER.search(text):
        _with_parameters.append(template)
        _with_parameters.sort(key=lambda t: -t.literal_length)
    else:
        _exact[text] = template
    return text


def marked_templates() -> list[tuple[str, str]]:
    """(context, template) of every sentence marked so far."""
    return [(t.context, t.text) for t in (*_exact.values(), *_with_parameters)]


def localize(text: str, translate: Translate) -> str:
    """`text` in the language `translate` speaks, when it is (built from) a marked sentence."""
    exact = _exact.get(text)
    if exact is not None:
        return translate(exact.context, exact.text)
    for template in _with_parameters:
        match = template.pattern.fullmatch(text)
        if match:
            values = {name: localize(value, translate) for name, value in match.groupdict().items()}
            try:
                return translate(template.context, template.text).format(**values)
            except (KeyError, IndexError, ValueError):  # a broken translation: say it in English
                return template.text.format(**values)
    return text


def _pattern(text: str) -> re.Pattern[str]:
    parts: list[str] = []
    seen: set[str] = set()
    position = 0
    for found in PLACEHOLDER.finditer(text):
        parts.append(re.escape(text[position : found.start()]))
        name = found.group(1)
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.*?)")
        seen.add(name)
        position = found.end()
    parts.append(re.escape(text[position:]))
    return re.compile("".join(parts), re.DOTALL)
