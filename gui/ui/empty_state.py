"""What the task table says when it shows no rows: on the first screen, what to paste and where
(with a way into the demo); under a filter that hides everything, that the filter does."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


class TableEmptyState(QWidget):
    """Lies over the table's viewport while the (filtered) table has no rows."""

    demo_requested = Signal()
    clear_filters_requested = Signal()

    def __init__(self, table: QAbstractItemView) -> None:
        super().__init__(table.viewport())
        self.setObjectName("tableEmptyState")
        self._table = table
        self._demo_offered = True
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading = QLabel()
        self.heading.setObjectName("emptyHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.text = QLabel()
        self.text.setObjectName("emptyText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self.text.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.demo_button = QPushButton(self.tr("Open the demo"))
        self.demo_button.setObjectName("emptyDemoButton")
        self.demo_button.clicked.connect(self.demo_requested.emit)
        self.clear_button = QPushButton(self.tr("Show all tasks"))
        self.clear_button.setObjectName("emptyClearButton")
        self.clear_button.clicked.connect(self.clear_filters_requested.emit)
        for widget in (self.heading, self.text):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        for button in (self.demo_button, self.clear_button):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        model = table.model()
        for signal in (model.rowsInserted, model.rowsRemoved):
            signal.connect(self._rows_changed)
        model.modelReset.connect(self.refresh)
        model.layoutChanged.connect(self.refresh)
        table.viewport().installEventFilter(self)
        self.refresh()

    def set_demo_offered(self, offered: bool) -> None:
        """The demo itself does not offer the demo."""
        self._demo_offered = offered
        self.refresh()

    def refresh(self) -> None:
        model = self._table.model()
        empty = model.rowCount() == 0
        source = getattr(model, "sourceModel", lambda: None)()
        nothing_tracked = source is None or source.rowCount() == 0
        if nothing_tracked:
            self.heading.setText(self.tr("No tasks yet"))
            self.text.setText(
                self.tr(
                    "Paste a task ID into the box above — one or many, or a whole JSON answer "
                    "from the provider — or press Ctrl+V anywhere in the window, or drop text "
                    "here. Tunewatch then follows each task until its music is ready."
                )
            )
        else:
            self.heading.setText(self.tr("No task matches these filters"))
            self.text.setText(self.tr("The state, provider or text filter hides every task."))
        self.demo_button.setVisible(nothing_tracked and self._demo_offered)
        self.clear_button.setVisible(not nothing_tracked)
        self.setVisible(empty)
        if empty:
            self._fit()

    def _rows_changed(self, _parent: QModelIndex, _first: int, _last: int) -> None:
        self.refresh()

    def _fit(self) -> None:
        rect = self._table.viewport().rect()
        self.setGeometry(rect)
        # A readable measure: about a paragraph's width, never wider than the table.
        measure = max(min(480, rect.width() - 48), 120)
        self.heading.setFixedWidth(measure)
        self.text.setFixedWidth(measure)
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not shiboken6.isValid(self):
            return False  # the viewport's last events while both are destroyed
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._fit()
        return False
