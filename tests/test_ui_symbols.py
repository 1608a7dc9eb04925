"""Every symbol the window writes (state shapes, ▶ Play, ★ Keeper, ✔ Saved…) exists in DejaVu Sans,
the font every Debian desktop has (fonts-dejavu-core): a symbol it lacks shows as an empty box.
The timed-out state has no such glyph (⌛ is missing), so its icon is drawn."""

from __future__ import annotations

import io
import tokenize
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontInfo, QFontMetrics, QImage

from gui.domain.states import TaskState
from gui.ui.state_icons import state_icon

UI = Path(__file__).resolve().parents[1] / "gui" / "ui"


def is_symbol(char: str) -> bool:
    """Arrows, shapes, dingbats and emoji: the blocks a text font may well not have."""
    return 0x2190 <= ord(char) <= 0x2BFF or ord(char) >= 0x1F000


def symbols_in_strings(path: Path) -> set[str]:
    found: set[str] = set()
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    for token in tokens:
        if token.type == tokenize.STRING:
            found.update(char for char in token.string if is_symbol(char))
    return found


@pytest.fixture
def dejavu(qapp) -> QFontMetrics:
    font = QFont("DejaVu Sans")
    if QFontInfo(font).family() != "DejaVu Sans":
        pytest.skip("DejaVu Sans is not installed")
    return QFontMetrics(font)  # the font itself, without fallback fonts


def test_every_symbol_in_the_windows_strings_exists_in_dejavu_sans(dejavu: QFontMetrics) -> None:
    missing = {
        f"{path.name}: {char} U+{ord(char):04X}"
        for path in sorted(UI.glob("*.py"))
        for char in symbols_in_strings(path)
        if not dejavu.inFontUcs4(ord(char))
    }
    assert not missing, sorted(missing)


def ink(image: QImage) -> set[tuple[int, int]]:
    return {
        (x, y)
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() > 0
    }


def test_the_timed_out_icon_is_drawn_and_unlike_the_others(qapp) -> None:
    drawn = {state: ink(state_icon(state).pixmap(16, 16).toImage()) for state in TaskState}
    assert len(drawn[TaskState.TIMED_OUT]) > 20  # an hourglass, not an empty square
    for state, pixels in drawn.items():
        if state is not TaskState.TIMED_OUT:
            assert pixels != drawn[TaskState.TIMED_OUT], state
