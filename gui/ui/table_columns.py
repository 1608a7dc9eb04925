"""Column widths of the task table: every column but Title is as wide as the widest thing it can
show (its words are a known, finite set), Title takes the rest; when the table is too narrow for
all of them, the least needed columns are hidden (the detail pane shows the same facts), so the
table never scrolls sideways and never cuts a state word in half."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping

import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView

from gui.domain.states import TaskState
from gui.i18n import translate
from gui.providers import PROVIDERS
from gui.ui.task_table_model import HEADERS, Column
from gui.ui.task_text import human_seconds

# Hidden first when space runs out; Title and State always stay.
# (Clips and Added are in the detail pane as "2 results" and "Added: …"; Added goes after Clips
# because it is the default sort column.)
DROP_ORDER = (
    Column.CLIPS,
    Column.ADDED,
    Column.ELAPSED,
    Column.ETA,  # the detail pane says it too
    Column.PROGRESS,
    Column.NEXT_CHECK,
    Column.PROVIDER,
)
CELL_PADDING = 14  # the style's cell margins, both sides, plus a little air
ICON_SPACE = 22  # the state icon and its gap
SORT_ARROW_SPACE = 16
PROGRESS_MIN = 64  # a bar narrower than this is not readable
TITLE_MIN_CHARS = "f47ac10b-58cc-4372-a"  # narrower than ~20 ID characters, a title says little


def column_samples() -> dict[Column, list[str]]:
    """The widest texts each column can show, in the language now spoken."""
    long_wait = human_seconds(9 * 60 + 59)  # "9 min 59 s": the longest countdown shape
    return {
        Column.PROVIDER: [p.name for p in PROVIDERS.values()],
        Column.STATE: [
            translate("TaskText", "Waiting for first check"),
            translate("TaskText", "Queued for check"),
        ]
        + [translate("TaskState", state.label) for state in TaskState],
        Column.ELAPSED: [human_seconds(47 * 3600 + 59 * 60), long_wait],
        Column.NEXT_CHECK: [
            translate("TaskText", "retrying in {time}").format(time=long_wait),
            translate("TaskText", "paused: key problem"),
            translate("TaskText", "in {time}").format(time=long_wait),
            translate("TaskText", "checking…"),
            translate("TaskText", "queued"),
            translate("TaskText", "given up"),
            translate("TaskText", "not found"),
        ],
        Column.CLIPS: ["99"],
        Column.ADDED: [
            time.strftime(translate("TaskTable", "%b %d %H:%M"), time.localtime(1_700_000_000))
        ],
        Column.PROGRESS: ["100%"],
        Column.ETA: [
            translate("TaskText", "taking longer than usual"),
            translate("TaskText", "~{time} left").format(time=long_wait),
            translate("TaskText", "usually {range}").format(
                range=translate("TaskText", "{low} s–{high} min").format(low=55, high=10)
            ),
        ],
    }


def hidden_columns(
    available: int, natural: Mapping[Column, int], title_min: int, drop_order: Iterable[Column]
) -> set[Column]:
    """Which columns to hide so Title keeps `title_min` pixels and nothing scrolls sideways."""
    shown: dict[Column, int] = {c: w for c, w in natural.items() if c is not Column.TITLE}
    hidden: set[Column] = set()
    for column in drop_order:
        if sum(shown.values()) + title_min <= available:
            break
        shown.pop(column, None)
        hidden.add(column)
    return hidden


class ColumnFitter(QObject):
    """Keeps a task table's columns fitted to their content and to the table's width."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.natural: dict[Column, int] = {}
        self.title_min = 0
        self.measure()
        # The viewport's own resize: the table's arrives before the viewport has its new size.
        self._viewport = table.viewport()
        self._viewport.installEventFilter(self)
        table.installEventFilter(self)

    def measure(self) -> None:
        """Natural widths from the fonts now in use (again after a font or language change)."""
        cell = self.table.fontMetrics()
        header = self.table.horizontalHeader().fontMetrics()
        for column, texts in column_samples().items():
            widest = max(cell.horizontalAdvance(text) for text in texts) + CELL_PADDING
            if column is Column.STATE:
                widest += ICON_SPACE
            if column is Column.PROGRESS:
                widest = max(widest, PROGRESS_MIN)
            heading = translate("TaskTable", HEADERS[column])
            self.natural[column] = max(
                widest,
                header.horizontalAdvance(heading) + CELL_PADDING + SORT_ARROW_SPACE,
                self._header_need(column),
            )
        self.title_min = cell.horizontalAdvance(TITLE_MIN_CHARS) + CELL_PADDING

    def _header_need(self, column: Column) -> int:
        """The header's own need for the section (its text and sort arrow in this style). Qt
        answers 0 for a hidden section, so it is asked shown: otherwise a width measured while
        a column happened to be visible would differ from one measured while it was hidden,
        and a restored layout would not be the one saved."""
        header = self.table.horizontalHeader()
        hidden = header.isSectionHidden(column)
        if hidden:
            header.setSectionHidden(column, False)
        need = header.sectionSizeHint(column)
        if hidden:
            header.setSectionHidden(column, True)
        return need

    def minimum_width(self) -> int:
        """The narrowest the table can be with Title and State whole."""
        return self.title_min + self.natural[Column.STATE] + self._chrome()

    def _chrome(self) -> int:
        return self.table.verticalScrollBar().sizeHint().width() + 2 * self.table.frameWidth()

    def apply(self) -> None:
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        available = self.table.viewport().width()
        if self.table.verticalScrollBar().isHidden():
            # The vertical scrollbar may appear with the next rows: keep room for it.
            available -= self.table.verticalScrollBar().sizeHint().width()
        for column in self.natural:
            # The header's own need (its text and sort arrow in this style) may be wider.
            self.natural[column] = max(self.natural[column], header.sectionSizeHint(column))
        hidden = hidden_columns(available, self.natural, self.title_min, DROP_ORDER)
        for column in Column:
            header.setSectionHidden(column, column in hidden)
            if column is Column.TITLE:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
                continue
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, self.natural[column])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not shiboken6.isValid(self.table):
            return False  # the viewport outlives the table by a few events while both go
        if watched is self._viewport and event.type() == QEvent.Type.Resize:
            self.apply()
        elif watched is self.table and event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.LanguageChange,
        ):
            self.measure()
            self.apply()
        return False
