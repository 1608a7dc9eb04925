"""The main window: paste box, filterable task table, detail pane, status bar. It shows what the
engine knows and emits what the user wants; the controller does the work."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import (
    QByteArray,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.domain.tracked_task import TrackedTask
from gui.i18n import translate
from gui.providers import PROVIDERS, get_provider
from gui.ui.detail_pane import DETAIL_MIN_WIDTH, DetailPane
from gui.ui.empty_state import TableEmptyState
from gui.ui.input_bar import InputBar
from gui.ui.player import Player
from gui.ui.player_bar import PlayerBar
from gui.ui.progress_delegate import ProgressDelegate
from gui.ui.status_line import AccountProblemBanner, count_words
from gui.ui.status_message import StatusMessages
from gui.ui.tab_order import ArrowsOpenPopup, DetailPaneOrder, chain, reachable_choice
from gui.ui.table_columns import ColumnFitter
from gui.ui.task_actions import SHORTCUTS, TaskAction, actions_for
from gui.ui.task_cell_delegate import TaskCellDelegate
from gui.ui.task_filter import StateGroup, TaskFilterProxy
from gui.ui.task_table_model import TASK_ROLE, Column, TaskTableModel


class MainWindow(QMainWindow):
    action_requested = Signal(object, list)  # TaskAction, list[TrackedTask]
    settings_requested = Signal(str)  # account to focus ("" for none)
    demo_requested = Signal()
    undo_requested = Signal()
    closing = Signal()

    def __init__(
        self, model: TaskTableModel, player: Player | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tunewatch")
        # 1280x760 at first, but never larger than the screen: an 800x600 one showed part of it.
        room = self.screen().availableGeometry()
        self.resize(min(1280, room.width()), min(760, room.height()))
        self.setAcceptDrops(True)
        self.model = model
        self.closed = asyncio.Event()

        central = QWidget()
        layout = QVBoxLayout(central)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        # Its colours come with the palette (appearance.tone_sheet), light or dark.
        self.banner.setStyleSheet("padding: 8px; border-radius: 4px;")
        self.banner.setVisible(False)
        self.banner_button = QPushButton()
        self.banner_button.setVisible(False)
        self.demo_button = QPushButton(self.tr("Open the demo"))
        self.demo_button.setVisible(False)
        self.demo_button.clicked.connect(self.demo_requested.emit)
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.banner_button)
        banner_row.addWidget(self.demo_button)
        layout.addLayout(banner_row)

        self.input_bar = InputBar()
        layout.addWidget(self.input_bar)
        layout.addLayout(self._build_filter_row())

        self.proxy = TaskFilterProxy(self)
        self.proxy.setSourceModel(model)
        self.table = QTableView()
        self.table.setObjectName("taskTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.ADDED, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setItemDelegate(TaskCellDelegate(self.table))  # one call per cell, not seven
        self.table.setItemDelegateForColumn(Column.PROGRESS, ProgressDelegate(self.table))
        header = self.table.horizontalHeader()  # the ETA reads best beside the elapsed time
        header.moveSection(header.visualIndex(Column.ETA), header.visualIndex(Column.ELAPSED) + 1)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_context_menu)
        self.table.doubleClicked.connect(self._double_clicked)
        # Columns as wide as their words, Title the rest; too narrow: the least needed hide.
        self.column_fitter = ColumnFitter(self.table)
        self.table.setMinimumWidth(self.column_fitter.minimum_width())
        # An empty table says what to paste and where (or that the filters hide everything).
        self.empty_state = TableEmptyState(self.table)
        self.empty_state.demo_requested.connect(self.demo_requested.emit)
        self.empty_state.clear_filters_requested.connect(self.clear_filters)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.detail = DetailPane()
        self.detail.clock = model.clock_reading  # Elapsed of the same moment as the table's
        self.detail.setObjectName("detailPane")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        # The pane keeps its width (it wraps); a wider window widens the table.
        self.detail.setMinimumWidth(DETAIL_MIN_WIDTH)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([980, DETAIL_MIN_WIDTH])
        layout.addWidget(self.splitter, 1)
        self.player = player or Player(self)
        self.player_bar = PlayerBar(self.player)
        self.player_bar.setObjectName("playerBar")
        layout.addWidget(self.player_bar)
        self.setCentralWidget(central)

        self.counts_label = QLabel()
        self.counts_label.setObjectName("countsLabel")
        self.account_banner = AccountProblemBanner()
        self.account_banner.fix_requested.connect(self.settings_requested.emit)
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setVisible(False)
        self.undo_button.clicked.connect(self.undo_requested.emit)
        self.statusBar().addWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.account_banner)
        # One message at a time, its buttons shown with it and gone with it.
        self.messages = StatusMessages(self.statusBar())
        self.messages.manage(self.undo_button)

        self._build_menus()
        model.counts_changed.connect(self._update_counts)
        model.dataChanged.connect(self._refresh_detail_if_shown)
        model.clock_ticked.connect(self._clock_ticked)
        self._update_counts()
        self._set_reading_order()

    # --- building ------------------------------------------------------------------------

    def _set_reading_order(self) -> None:
        """Tab reaches every control, top to bottom, left to right (tab_order.py)."""
        reachable_choice(self.group_button_group)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self._arrows_open_popup = ArrowsOpenPopup(self)
        self.provider_filter.installEventFilter(self._arrows_open_popup)
        bar, empty = self.player_bar, self.empty_state
        chain(
            [
                self.banner_button,
                self.demo_button,
                self.input_bar.field,
                self.input_bar.provider,
                self.input_bar.add_button,
                self.filter_field,
                *self.group_buttons.values(),
                self.provider_filter,
                self.table,
                empty.demo_button,
                empty.clear_button,
                self.detail,
            ]
        )
        player = [
            bar.previous_button,
            bar.play_button,
            bar.next_button,
            bar.seek_slider,
            bar.compare_button,
            bar.star_button,
            bar.autoplay_button,
            bar.volume_slider,
        ]
        chain(player)
        self._detail_order = DetailPaneOrder(self.detail, self.detail, lambda: player[0])
        self._detail_order.space.watch(self.findChildren(QAbstractButton))

    def _build_filter_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.filter_field = QLineEdit()
        self.filter_field.setObjectName("filterField")
        self.filter_field.setPlaceholderText(self.tr("Filter by ID, title or tags"))
        self.filter_field.setClearButtonEnabled(True)
        self.filter_field.textChanged.connect(lambda text: self.proxy.set_text(text))
        row.addWidget(self.filter_field, 1)
        self.group_buttons: dict[StateGroup, QToolButton] = {}
        self.group_button_group = QButtonGroup(self)
        self.group_button_group.setExclusive(True)
        for group in StateGroup:
            button = QToolButton()
            button.setCheckable(True)
            button.setText(translate("StateGroup", group.value))
            button.setChecked(group is StateGroup.ALL)
            button.clicked.connect(lambda _checked=False, g=group: self.proxy.set_group(g))
            self.group_button_group.addButton(button)
            self.group_buttons[group] = button
            row.addWidget(button)
        self.provider_filter = QComboBox()
        self.provider_filter.setObjectName("providerFilter")
        self.provider_filter.addItem(self.tr("All providers"), "")
        for provider in PROVIDERS.values():
            self.provider_filter.addItem(provider.name, provider.id)
        self.provider_filter.currentIndexChanged.connect(self._provider_chosen)
        row.addWidget(self.provider_filter)
        return row

    def _build_menus(self) -> None:
        file_menu = self.file_menu = self.menuBar().addMenu(self.tr("&File"))
        paste = QAction(self.tr("Add IDs from clipboard"), self)
        paste.triggered.connect(self.add_from_clipboard)
        file_menu.addAction(paste)
        settings = QAction(self.tr("Settings…"), self)
        settings.setShortcut(QKeySequence.StandardKey.Preferences)
        settings.triggered.connect(lambda: self.settings_requested.emit(""))
        file_menu.addAction(settings)
        demo = QAction(self.tr("Open the demo"), self)
        demo.triggered.connect(self.demo_requested.emit)
        file_menu.addAction(demo)
        # Others add their entries (export, import) before this separator.
        self.file_menu_quit_separator = file_menu.addSeparator()
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        task_menu = self.menuBar().addMenu(self.tr("&Tasks"))
        self.task_actions: dict[TaskAction, QAction] = {}
        for action in TaskAction:
            qaction = QAction(translate("TaskAction", action.value), self)
            if action in SHORTCUTS:
                qaction.setShortcut(QKeySequence(SHORTCUTS[action]))
                qaction.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            qaction.triggered.connect(lambda _checked=False, a=action: self._request(a))
            task_menu.addAction(qaction)
            self.task_actions[action] = qaction
        task_menu.addSeparator()
        pause_all = QAction(self.tr("Pause all"), self)
        pause_all.triggered.connect(lambda: self.action_requested.emit("pause_all", []))
        resume_all = QAction(self.tr("Resume all"), self)
        resume_all.triggered.connect(lambda: self.action_requested.emit("resume_all", []))
        task_menu.addAction(pause_all)
        task_menu.addAction(resume_all)

        # Ctrl+V anywhere adds IDs; inside a text field the field's own paste wins.
        paste_shortcut = QShortcut(QKeySequence.StandardKey.Paste, self)
        paste_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        paste_shortcut.activated.connect(self.add_from_clipboard)
        # whatsThis names a stand-alone shortcut in Help → Keyboard shortcuts.
        paste_shortcut.setWhatsThis(self.tr("Add task IDs from the clipboard"))
        # Space toggles playback; text fields keep their own Space (they claim it first).
        play_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Space), self)
        play_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        play_shortcut.activated.connect(self.player.toggle)
        play_shortcut.setWhatsThis(self.tr("Play / pause"))

    # --- reading the selection ------------------------------------------------------------

    def selected_tasks(self) -> list[TrackedTask]:
        rows = self.table.selectionModel().selectedRows()
        tasks = [index.data(TASK_ROLE) for index in rows]
        return [task for task in tasks if isinstance(task, TrackedTask)]

    def select_task(self, key: tuple[str, str]) -> None:
        row = self.model.row_of(key)
        if row is None:
            return
        proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        if proxy_index.isValid():
            self.table.selectRow(proxy_index.row())
            self.table.scrollTo(proxy_index)

    def select_tasks(self, keys: list[tuple[str, str]]) -> None:
        """Select these rows (those the filter shows) and scroll to the first of them."""
        selection = QItemSelection()
        shown: list[QModelIndex] = []
        for key in keys:
            row = self.model.row_of(key)
            if row is None:
                continue
            proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
            if proxy_index.isValid():
                shown.append(proxy_index)
                selection.select(proxy_index, proxy_index)
        if not shown:
            return
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().select(selection, flags)
        self.table.selectionModel().setCurrentIndex(
            shown[0], QItemSelectionModel.SelectionFlag.NoUpdate
        )
        self.table.scrollTo(min(shown, key=lambda index: index.row()))

    # --- reacting ------------------------------------------------------------------------

    def add_from_clipboard(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.input_bar.show_message(
                self.tr("The clipboard holds no text to read task IDs from."), "warning"
            )
            return
        self.input_bar.add_requested.emit(text, self.input_bar.provider_choice())

    def _request(self, action: TaskAction) -> None:
        tasks = self.selected_tasks()
        if tasks:
            self.action_requested.emit(action, tasks)

    def _show_context_menu(self, position: QPoint) -> None:
        menu = self.build_context_menu(self.selected_tasks())
        if menu is not None:
            menu.popup(self.table.viewport().mapToGlobal(position))

    def build_context_menu(self, tasks: list[TrackedTask]) -> QMenu | None:
        entries = actions_for(tasks)
        if not entries:
            return None
        menu = QMenu(self)
        for entry in entries:
            if entry is None:
                menu.addSeparator()
                continue
            qaction = menu.addAction(translate("TaskAction", entry.action.value))
            qaction.setEnabled(entry.enabled)
            if entry.action in SHORTCUTS:
                qaction.setShortcut(QKeySequence(SHORTCUTS[entry.action]))
            qaction.triggered.connect(
                lambda _c=False, a=entry.action, t=tasks: self.action_requested.emit(a, t)
            )
        return menu

    def _double_clicked(self, index: QModelIndex) -> None:
        task = index.data(TASK_ROLE)
        if isinstance(task, TrackedTask) and task.snapshot and task.snapshot.clips:
            first = next((c for c in task.snapshot.clips if c.playable_url), None)
            if first is not None:
                self.detail.play_requested.emit(task, first)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.refresh_detail()

    def refresh_detail(self) -> None:
        tasks = self.selected_tasks()
        task = tasks[0] if len(tasks) == 1 else None
        problem = None
        if task is not None:
            # Only a key problem pauses the task; the banner also lists rate limiting.
            problem = self.model.account_problem(get_provider(task.provider).account)
        self.detail.show_task(task, problem)
        enabled = {
            entry.action for entry in actions_for(tasks) if entry is not None and entry.enabled
        }
        for action, qaction in self.task_actions.items():
            qaction.setEnabled(action in enabled)

    def _refresh_detail_if_shown(self, top: QModelIndex, bottom: QModelIndex) -> None:
        shown = self.detail.task
        if shown is None:
            return
        row = self.model.row_of(shown.key)
        if row is not None and top.row() <= row <= bottom.row():
            self.refresh_detail()

    def _clock_ticked(self) -> None:
        # The model can outlive a closed window (tests open many): only a shown one repaints.
        if not self.isVisible():
            return
        self.table.viewport().update()  # the visible rows' clocks; the others when scrolled to
        if self.detail.task is not None:
            self.refresh_detail()

    def _provider_chosen(self, _index: int) -> None:
        self.proxy.set_provider(self.provider_filter.currentData() or None)
        self._update_counts()

    def _update_counts(self) -> None:
        counts = self.model.counts
        self.counts_label.setText(
            count_words(counts) if counts[StateGroup.ALL] else self.tr("No tasks yet")
        )
        # The state buttons count what they would show: the chosen provider's tasks only.
        shown = self.model.counts_for(self.proxy.provider)
        for group, button in self.group_buttons.items():
            button.setText(
                self.tr("{group} ({count})").format(
                    group=translate("StateGroup", group.value), count=shown[group]
                )
            )

    def show_banner(
        self, text: str | None, button_text: str | None = None, offer_demo: bool = False
    ) -> None:
        self.banner.setText(text or "")
        self.banner.setVisible(bool(text))
        self.banner_button.setText(button_text or "")
        self.banner_button.setVisible(bool(text and button_text))
        self.demo_button.setVisible(bool(text and offer_demo))

    def show_undo(self, text: str | None) -> None:
        if text:
            self.messages.show(text, 15_000, [self.undo_button])
        else:
            self.messages.withdraw(self.undo_button)

    def clear_filters(self) -> None:
        self.filter_field.clear()
        self.group_buttons[StateGroup.ALL].setChecked(True)
        self.proxy.set_group(StateGroup.ALL)
        self.provider_filter.setCurrentIndex(0)

    # --- layout persistence --------------------------------------------------------------

    def layout_state(self) -> dict[str, str]:
        header = self.table.horizontalHeader()
        return {
            "geometry": bytes(self.saveGeometry().toBase64().data()).decode(),
            "splitter": bytes(self.splitter.saveState().toBase64().data()).decode(),
            "header": bytes(header.saveState().toBase64().data()).decode(),
            "sort_column": str(header.sortIndicatorSection()),
            "sort_order": str(header.sortIndicatorOrder().value),
            "filter_text": self.filter_field.text(),
            "filter_group": self.proxy.group.value,
            "filter_provider": self.proxy.provider or "",
            "autoplay_next": "1" if self.player_bar.autoplay_button.isChecked() else "",
        }

    def restore_layout(self, state: dict[str, str]) -> None:
        def blob(name: str) -> QByteArray:
            return QByteArray.fromBase64(state.get(name, "").encode())

        if state.get("geometry"):
            self.restoreGeometry(blob("geometry"))
        if state.get("splitter"):
            self.splitter.restoreState(blob("splitter"))
        if state.get("header"):
            self.table.horizontalHeader().restoreState(blob("header"))
            self.column_fitter.apply()  # a saved state from an older layout must not clip
        try:
            column = int(state.get("sort_column", Column.ADDED))
            order = Qt.SortOrder(int(state.get("sort_order", Qt.SortOrder.DescendingOrder.value)))
            self.table.sortByColumn(column, order)
        except ValueError:
            pass
        self.filter_field.setText(state.get("filter_text", ""))
        try:
            group = StateGroup(state.get("filter_group", StateGroup.ALL.value))
        except ValueError:
            group = StateGroup.ALL
        self.group_buttons[group].setChecked(True)
        self.proxy.set_group(group)
        index = self.provider_filter.findData(state.get("filter_provider", ""))
        self.provider_filter.setCurrentIndex(max(index, 0))
        self.player_bar.autoplay_button.setChecked(bool(state.get("autoplay_next")))

    # --- Qt events -----------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasText():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        text = event.mimeData().text()
        if text.strip():
            event.acceptProposedAction()
            self.input_bar.add_requested.emit(text, self.input_bar.provider_choice())

    def closeEvent(self, event: QCloseEvent) -> None:
        # Quitting goes through the main coroutine (stack.md: never app.quit() under qasync).
        self.closing.emit()
        self.closed.set()
        event.accept()
