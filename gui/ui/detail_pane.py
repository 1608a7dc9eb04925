"""Everything known about the selected task."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gui.domain.model import Clip, ClipKind
from gui.domain.task_row import TaskRow
from gui.domain.tracked_task import TrackedTask, Watch
from gui.domain.wording import QT_TRANSLATE_NOOP, localize
from gui.i18n import translate
from gui.polling.eta import Estimate
from gui.providers import get_provider
from gui.ui.appearance import current_state_colour, set_tone
from gui.ui.clip_card import ClipCard
from gui.ui.state_icons import state_icon
from gui.ui.task_text import (
    duration_range,
    elapsed_line,
    eta_words,
    human_seconds,
    next_check_words,
    state_words,
    task_type_words,
    title_words,
)

# Wide enough for a clip card's buttons beside nothing else; everything else wraps.
DETAIL_MIN_WIDTH = 290
EMPTY_TEXT = QT_TRANSLATE_NOOP("DetailPane", "Select a task to see its details.")


def _plain_label(text: str = "", *, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # provider text is untrusted: never rich text
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class DetailPane(QScrollArea):
    play_requested = Signal(object, object)  # TrackedTask, Clip
    toggle_requested = Signal()  # pause or resume the clip the player has
    export_requested = Signal(object, object)  # TrackedTask, Clip
    cover_wanted = Signal(str, bool)  # url, allow_local
    open_requested = Signal(object)  # Path of a saved file
    page_changed = Signal()  # the pane was rebuilt (another task, or the same one changed)

    # Answers where a clip's kept copy is; set by the controller (None: no archive).
    local_copy: Callable[[TrackedTask, Clip], Path | None] | None = None
    # Answers whether a provider's API is on this machine (the fake server, the demo).
    is_local_provider: Callable[[str], bool] | None = None
    # Answers whether a clip is the task's starred keeper; set by the controller.
    is_keeper: Callable[[TrackedTask, Clip], bool] | None = None
    # Answers when a running task will likely be done (the engine's ETA); set by the app.
    estimate_for: Callable[[TrackedTask], Estimate | None] | None = None
    # Answers whether an account cannot be reached (its tasks wait); set by the app.
    account_offline: Callable[[str], bool] | None = None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        # Content wraps to the pane's width; a sideways scrollbar would hide the buttons.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._task: TrackedTask | None = None
        self._cards: list[ClipCard] = []
        self._shown_key: tuple[object, ...] | None = None
        self._account_problem: str | None = None
        self._empty_text = self.tr(EMPTY_TEXT)
        self._playing: object = None
        self._paused = False
        self._where_label: QLabel | None = None
        self._eta_label: QLabel | None = None
        # The moment Elapsed is of: the table's tick reading (set by the window), so both agree.
        self.clock: Callable[[], float] = time.time
        self.show_task(None)

    @property
    def task(self) -> TrackedTask | None:
        return self._task

    @property
    def cards(self) -> list[ClipCard]:
        return list(self._cards)

    def set_empty_text(self, text: str) -> None:
        self._empty_text = text
        if self._task is None:
            self.show_task(None)

    def invalidate(self) -> None:
        """Rebuild on the next show_task (e.g. the task's tracks were just saved locally)."""
        self._shown_key = None

    def _where_words(self, task: TrackedTask, account_problem: str | None) -> str:
        account = get_provider(task.provider).account
        offline = self.account_offline is not None and self.account_offline(account)
        return _where_words(task, account_problem, offline, self.clock())

    def show_task(self, task: TrackedTask | None, account_problem: str | None = None) -> None:
        # Rebuild only when the task changed: a tick or a poll that changed nothing must not
        # reset the scroll position, the lyrics being read, or fetch the covers again. The
        # "next check" countdown is the one thing that moves with the clock: update it in place.
        key = None if task is None else (task, account_problem)
        if key is not None and key == self._shown_key and self._task is not None:
            if self._where_label is not None and task is not None:
                self._where_label.setText(self._where_words(task, account_problem))
            if self._eta_label is not None and task is not None:
                self._eta_label.setText(self._eta_text(task))
            return
        self._shown_key = key
        self._task = task
        self._account_problem = account_problem
        self._cards = []
        self._where_label = None
        self._eta_label = None
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        if task is None:
            empty = _plain_label(self._empty_text)
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            empty.setObjectName("detailEmpty")
            empty.setStyleSheet("padding: 24px;")
            set_tone(empty, "muted")  # palette(mid) was ~2:1 on the pane: hard to read
            layout.addWidget(empty)
        else:
            self._fill(layout, task, account_problem)
        self.set_playing(self._playing)
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self.setWidget(page)
        self.page_changed.emit()  # e.g. its controls join the tab order (tab_order.py)

    def _eta_text(self, task: TrackedTask) -> str:
        estimate = self.estimate_for(task) if self.estimate_for is not None else None
        return _eta_words_for(estimate)

    def set_playing(self, item: object) -> None:
        """Mark the card that is playing (and whether it is the preview or the final file)."""
        self._playing = item
        for index, card in enumerate(self._cards):
            words = _playing_words(item, self._task, index)
            if words is not None and self._paused:
                words = translate("DetailPane", "❚❚ Paused")
            card.set_playing(words, paused=self._paused)

    def set_paused(self, paused: bool) -> None:
        """The loaded clip is paused: its card says so instead of "Playing"."""
        self._paused = paused
        self.set_playing(self._playing)

    def set_cover(self, url: str, pixmap: QPixmap) -> None:
        for card in self._cards:
            if card.clip.image_url == url:
                card.set_cover(pixmap)

    # --- building ------------------------------------------------------------------------

    def _fill(self, layout: QVBoxLayout, task: TrackedTask, account_problem: str | None) -> None:
        provider = get_provider(task.provider)
        snapshot = task.snapshot
        title = _plain_label(
            title_words(task.title)
            or self.tr("Task {id}").format(
                id=f"{task.task_id[:13]}…" if len(task.task_id) > 14 else task.task_id
            )
        )
        title.setObjectName("detailTitle")
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(title)

        state_row = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(state_icon(task.state).pixmap(16, 16))
        state_row.addWidget(icon)
        state_text = state_words(task)
        if snapshot and snapshot.provider_status:
            state_text += self.tr("  ({provider} says “{status}”)").format(
                provider=provider.name, status=snapshot.provider_status
            )
        state_label = _plain_label(state_text)
        state_label.setObjectName("detailState")
        state_label.setStyleSheet(f"color: {current_state_colour(task.state)}; font-weight: bold;")
        state_row.addWidget(state_label, 1)
        layout.addLayout(state_row)
        self._where_label = _plain_label(self._where_words(task, account_problem))
        layout.addWidget(self._where_label)
        if not task.is_finished:  # updated in place with the clock, like the next check
            self._eta_label = _plain_label(self._eta_text(task))
            self._eta_label.setObjectName("detailEta")
            layout.addWidget(self._eta_label)

        id_row = QHBoxLayout()
        id_field = QLineEdit(task.task_id)
        id_field.setReadOnly(True)
        id_field.setObjectName("detailTaskId")
        id_field.setCursorPosition(0)  # a long ID shows its start, as it is written elsewhere
        id_field.setToolTip(task.task_id)
        copy = QPushButton(self.tr("Copy ID"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(task.task_id))
        id_row.addWidget(id_field, 1)
        id_row.addWidget(copy)
        layout.addLayout(id_row)

        if snapshot and snapshot.progress is not None and not snapshot.state.is_terminal:
            bar = QProgressBar()
            bar.setRange(0, 100)
            bar.setValue(round(snapshot.progress * 100))
            layout.addWidget(bar)

        problem = account_problem or task.problem
        if task.watch is Watch.PAUSED:
            problem = self.tr("Paused by you. Resume to keep checking.")
        if problem:
            note = _plain_label(localize(problem, translate))
            note.setObjectName("detailProblem")
            note.setStyleSheet(
                "background: #fff4d6; color: #5c4400; padding: 6px; border-radius: 4px;"
            )
            layout.addWidget(note)

        if snapshot and snapshot.error:
            error = snapshot.error
            lines = [error.message]
            if error.code:
                lines.append(self.tr("Error code: {code}").format(code=error.code))
            if error.trace_id:
                lines.append(
                    self.tr("Trace ID: {trace_id} (support asks for it)").format(
                        trace_id=error.trace_id
                    )
                )
            if snapshot.credits_refunded:
                lines.append(
                    self.tr("{provider} refunds the credits of failed and timed-out tasks.").format(
                        provider=provider.name
                    )
                )
            box = _plain_label("\n".join(lines))
            box.setObjectName("detailError")
            box.setStyleSheet(
                "background: #fde8e6; color: #7a1c12; padding: 6px; border-radius: 4px;"
            )
            layout.addWidget(box)

        facts = []
        if snapshot and snapshot.task_type:
            facts.append(
                self.tr("Task type: {type}").format(type=task_type_words(snapshot.task_type))
            )
        added = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(task.added_at))
        facts.append(self.tr("Added: {time}").format(time=added))
        if task.history:
            # Each state's clock time, and how long after the task was added it was seen.
            facts.append(self.tr("History (time since added):"))
            facts.extend(
                self.tr("  {clock}  {state}  (+{since} since added)").format(
                    clock=time.strftime("%H:%M:%S", time.localtime(h.at)),
                    state=translate("TaskState", h.state.label),
                    since=human_seconds(h.at - task.added_at),
                )
                for h in task.history
            )
        if task.is_finished:  # a running task's elapsed time moves: it is in the line above
            facts.append(elapsed_line(TaskRow.of(task), self.clock()))
        if provider.link_lifetime_note and snapshot and snapshot.clips:
            facts.append(localize(provider.link_lifetime_note, translate))
        layout.addWidget(_plain_label("\n".join(facts)))

        if snapshot and snapshot.clips:
            heading = QLabel(
                self.tr("1 result")
                if len(snapshot.clips) == 1
                else self.tr("{count} results").format(count=len(snapshot.clips))
            )
            heading.setStyleSheet("font-weight: bold; margin-top: 8px;")
            layout.addWidget(heading)
            # Media from loopback/private addresses only for a provider on this machine.
            allow_local = self.is_local_provider(task.provider) if self.is_local_provider else False
            songs = [c for c in snapshot.clips if c.kind is ClipKind.SONG]
            numbers = {id(song): n for n, song in enumerate(songs, 1)} if len(songs) > 1 else {}
            for clip in snapshot.clips:
                n = numbers.get(id(clip))
                variation = (n, len(songs)) if n is not None else None
                card = ClipCard(clip, variation=variation)
                card.play_requested.connect(lambda c, t=task: self.play_requested.emit(t, c))
                card.toggle_requested.connect(self.toggle_requested.emit)
                card.export_requested.connect(lambda c, t=task: self.export_requested.emit(t, c))
                card.open_requested.connect(self.open_requested.emit)
                if self.is_keeper is not None and self.is_keeper(task, clip):
                    card.set_keeper(True)
                local = self.local_copy(task, clip) if self.local_copy else None
                if local is not None:
                    card.set_saved(
                        self.tr("✔ Saved locally: plays even after the link expires"), local
                    )
                layout.addWidget(card)
                self._cards.append(card)
                if clip.image_url:
                    self.cover_wanted.emit(clip.image_url, allow_local)
        elif task.is_finished and snapshot and not snapshot.state.is_failure:
            layout.addWidget(_plain_label(self.tr("The provider returned no files for this task.")))


def _playing_words(item: object, task: TrackedTask | None, index: int) -> str | None:
    provider = getattr(item, "provider", None)
    if task is None or provider != task.provider or getattr(item, "task_id", None) != task.task_id:
        return None
    if getattr(item, "clip_index", None) != index:
        return None
    if getattr(item, "is_preview", False):
        return translate("DetailPane", "▶ Playing the preview")
    if getattr(item, "is_local", False):
        return translate("DetailPane", "▶ Playing (saved copy)")
    return translate("DetailPane", "▶ Playing")


def _eta_words_for(estimate: Estimate | None) -> str:
    words = eta_words(estimate)
    if not words or estimate is None:
        return ""
    if estimate.overdue:  # and what usual is, so "longer" has a measure
        words += translate("DetailPane", " (usually {range})").format(
            range=duration_range(*estimate.usual)
        )
    return translate("DetailPane", "Estimate: {eta}").format(eta=words)


def _where_words(
    task: TrackedTask, account_problem: str | None, offline: bool = False, now: float | None = None
) -> str:
    where = get_provider(task.provider).name
    if not task.is_finished:
        where += " · " + elapsed_line(TaskRow.of(task), now)
        where += translate("DetailPane", " · next check: {when}").format(
            when=next_check_words(task, account_problem, offline=offline)
        )
    return where
