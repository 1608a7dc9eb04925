"""The status bar: task counts, and account problems shown once with a button to fix them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from gui.domain.wording import localize
from gui.i18n import translate
from gui.ui.appearance import set_tone
from gui.ui.task_groups import StateGroup


def count_words(counts: dict[StateGroup, int]) -> str:
    return translate(
        "StatusLine", "{active} active · {finished} finished · {failed} failed"
    ).format(
        active=counts[StateGroup.ACTIVE],
        finished=counts[StateGroup.FINISHED],
        failed=counts[StateGroup.FAILED],
    )


class AccountProblemBanner(QWidget):
    fix_requested = Signal(str)  # account

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # (account, kind) -> (message, fixable): an account can be offline and have a refused
        # key at once, and the end of one must not clear the other. The newest is shown.
        self._problems: dict[tuple[str, str], tuple[str, bool]] = {}
        self._account = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setObjectName("accountProblem")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        set_tone(self.label, "error")  # readable in the light and the dark palette
        self.button = QPushButton(self.tr("Fix…"))
        self.button.clicked.connect(lambda: self.fix_requested.emit(self._account))
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.setVisible(False)

    @property
    def problems(self) -> dict[str, str]:
        return {account: message for (account, _kind), (message, _) in self._problems.items()}

    def set_problem(
        self, account: str, message: str | None, fixable: bool = True, kind: str = "auth"
    ) -> None:
        self._problems.pop((account, kind), None)
        if message:
            self._problems[(account, kind)] = (message, fixable)
        if not self._problems:
            self.setVisible(False)
            return
        (self._account, _kind), (text, fixable) = next(reversed(self._problems.items()))
        more = len(self._problems) - 1
        text = localize(text, translate)
        if more:
            text = self.tr("{problem} (+{more} more)").format(problem=text, more=more)
        self.label.setText(text)
        self.button.setVisible(fixable)
        self.setVisible(True)
