"""Light or dark: follow the desktop ("system"), or force one (Settings → Appearance, applied at
once). Forcing uses the Fusion style with a full palette of our own, since native styles may
ignore a palette; "system" gives the desktop's own style and palette back. Everything drawn in
our own colours (state icons and words) picks the set made for the palette in use."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

from gui.domain.states import TaskState
from gui.ui.task_text import state_colour

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

_DARK: dict[QPalette.ColorRole, str] = {
    Role.Window: "#2b2b2b",
    Role.WindowText: "#e8e8e8",
    Role.Base: "#1f1f1f",
    Role.AlternateBase: "#282828",
    Role.ToolTipBase: "#2b2b2b",
    Role.ToolTipText: "#e8e8e8",
    Role.PlaceholderText: "#9a9a9a",
    Role.Text: "#e8e8e8",
    Role.Button: "#353535",
    Role.ButtonText: "#e8e8e8",
    Role.BrightText: "#ff7a6e",
    Role.Light: "#4a4a4a",
    Role.Midlight: "#3e3e3e",
    Role.Mid: "#6a6a6a",
    Role.Dark: "#1a1a1a",
    Role.Shadow: "#000000",
    Role.Highlight: "#2d63a3",  # white on it: 6:1
    Role.HighlightedText: "#ffffff",
    Role.Link: "#6cb4f0",
    Role.LinkVisited: "#c09cf0",
}
_DARK_DISABLED = {
    Role.WindowText: "#7f7f7f",
    Role.Text: "#7f7f7f",
    Role.ButtonText: "#7f7f7f",
    Role.Highlight: "#4a4a4a",
    Role.HighlightedText: "#a0a0a0",
}


@dataclass
class _Original:
    """The desktop's own style and palette, kept so "system" can give them back."""

    style: str
    palette: QPalette


_original: list[_Original] = []
_choice = ["system"]  # what Settings asked for, so a desktop switch is followed only then


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role, colour in _DARK_DISABLED.items():
        palette.setColor(Group.Disabled, role, QColor(colour))
    return palette


def light_palette() -> QPalette:
    """Fusion's light palette with a deeper selection: white on Fusion's own blue is 3.7:1."""
    palette = QStyleFactory.create("Fusion").standardPalette()
    for group in (Group.Active, Group.Inactive):
        palette.setColor(group, Role.Highlight, QColor("#2a6db0"))
    return palette


def is_dark(palette: QPalette | None = None) -> bool:
    used = palette or QGuiApplication.palette()
    return used.color(Role.Base).lightness() < 128


# Words that carry a tone (an error, a warning, a success) in each palette; ≥4.5:1 against the
# window and the base colour of that palette (tests/test_appearance.py).
TONES: dict[str, tuple[str, str]] = {  # tone: (light, dark)
    "error": ("#a61b0f", "#ff8a80"),
    "warning": ("#7a5200", "#f0c060"),
    "ok": ("#1a6b30", "#6fd08f"),
    "accent": ("#6a3d9a", "#c09cf0"),
    "muted": ("#5c5c5c", "#b4b4b4"),  # secondary words: notes, variation numbers, empty panes
}


# The banner above the task list (first run, the demo): (background, words) per palette, the
# words >= 7:1 on it. A light-blue box with dark words glared out of the dark palette.
BANNER_COLOURS: tuple[tuple[str, str], tuple[str, str]] = (
    ("#e8f1fb", "#123f6b"),
    ("#1c3550", "#dcebfa"),
)


def tone_sheet(dark: bool) -> str:
    """The application style sheet that colours every widget given a tone by `set_tone`, and
    the window's banner."""
    background, words = BANNER_COLOURS[1 if dark else 0]
    return "\n".join(
        [
            *(
                f'QLabel[tone="{tone}"] {{ color: {colours[1] if dark else colours[0]}; }}'
                for tone, colours in TONES.items()
            ),
            f"QLabel#banner {{ background: {background}; color: {words}; }}",
        ]
    )


def set_tone(widget: QWidget, tone: str | None) -> None:
    """Colour a label's words by meaning, in the palette in use now and after a switch."""
    widget.setProperty("tone", tone or "")
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def current_state_colour(state: TaskState | None) -> str:
    """The state's colour for the palette in use (the table, the detail pane, the icons)."""
    return state_colour(state, is_dark())


def apply_appearance(choice: str, app: QApplication | None = None) -> str:
    """Apply "system", "light" or "dark" to the running app; returns the mode in effect
    ("light" or "dark"). Widgets repaint with the new palette on their own."""
    application = app or QApplication.instance()
    if not isinstance(application, QApplication):
        return "light"
    if not _original:
        _original.append(_Original(application.style().name(), application.palette()))
        # Following the desktop: a switch of its colour scheme while Tunewatch runs.
        application.styleHints().colorSchemeChanged.connect(
            lambda _scheme: _choice[0] == "system" and apply_appearance("system")
        )
    original = _original[0]
    _choice[0] = choice
    hints = application.styleHints()
    if choice in ("light", "dark"):
        application.setStyle("Fusion")
        application.setPalette(dark_palette() if choice == "dark" else light_palette())
        if hasattr(hints, "setColorScheme"):  # Qt 6.8+: title bars and native parts follow
            hints.setColorScheme(Qt.ColorScheme.Dark if choice == "dark" else Qt.ColorScheme.Light)
    else:
        if hasattr(hints, "unsetColorScheme"):
            hints.unsetColorScheme()
        application.setStyle(original.style)
        palette = original.palette
        if hints.colorScheme() is Qt.ColorScheme.Dark and not is_dark(palette):
            palette = dark_palette()  # the desktop says dark but its palette did not follow
        application.setPalette(palette)
    dark = is_dark(application.palette())
    application.setStyleSheet(tone_sheet(dark))
    return "dark" if dark else "light"
