"""Turns what the user asks for in the window into engine calls and I/O, and reports back.
Views emit intent; this object wires them to the parts that act — `task_adding` (paste, Auto),
`task_action_runner` (the task menu, remove and undo), `settings_flow` (the settings dialog),
`export_runner`, `playback` — and runs the coroutines (owning every task it starts)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QPixmap

from gui.domain.events import AccountProblem, EngineEvent, TaskUpdated
from gui.domain.model import Clip
from gui.domain.states import TaskState
from gui.domain.tracked_task import TrackedTask
from gui.media.cover_cache import CoverUnavailableError, fetch_cover
from gui.media.library import clip_key
from gui.services import Services
from gui.storage.settings import Settings
from gui.ui.clip_end import follow_player_state
from gui.ui.export_runner import ExportRunner
from gui.ui.main_window import MainWindow
from gui.ui.notifier import Notifier
from gui.ui.playback import Playback
from gui.ui.playback_gate import PlaybackGate
from gui.ui.player import PlayItem
from gui.ui.settings_dialog import SettingsDialog
from gui.ui.settings_flow import SettingsFlow
from gui.ui.task_action_runner import TaskActionRunner
from gui.ui.task_actions import TaskAction
from gui.ui.task_adding import TaskAdder

log = logging.getLogger(__name__)


class Controller(QObject):
    def __init__(self, services: Services, window: MainWindow) -> None:
        super().__init__(window)
        self.services = services
        self.window = window
        self.engine = services.engine
        self._background: set[asyncio.Task[Any]] = set()
        # Shows the demo in the window's place; set by the app (run_window), None in tests.
        self.demo_opener: Callable[[], None] | None = None
        window.detail.is_local_provider = services.provider_is_local
        self.adding = TaskAdder(services, window, self.spawn)

        self.engine.subscribe(self._on_engine_event)
        window.input_bar.add_requested.connect(self.add_from_text)
        window.input_bar.set_provider_choice(services.settings.last_provider)
        window.action_requested.connect(self.run_action)
        window.settings_requested.connect(self.open_settings)
        window.undo_requested.connect(self.undo_remove)
        window.demo_requested.connect(self.open_demo)
        window.detail.cover_wanted.connect(self.load_cover)
        self.exports = ExportRunner(services, window, self.spawn)
        self.exports.saved.connect(self._saved_locally)
        self.actions = TaskActionRunner(self.engine, window, self.exports)
        window.detail.local_copy = self.exports.local_copy
        window.detail.export_requested.connect(
            lambda task, clip: self.exports.choose_folder_and_export([task], clip)
        )
        window.detail.open_requested.connect(self._show_file)
        gate = PlaybackGate(
            services.client,
            services.paths.cache / "playback",
            services.provider_is_local,
            self.spawn,
        )
        self.playback_gate = gate
        self.playback = Playback(window.player, self.engine.get, self.local_copy, gate, self)
        self.engine.subscribe(self.playback.on_engine_event)
        window.detail.play_requested.connect(self.playback.play)
        window.player_bar.previous_requested.connect(lambda: self.playback.step(-1))
        window.player_bar.next_requested.connect(lambda: self.playback.step(1))
        window.player_bar.compare_requested.connect(self.playback.compare)
        window.player.item_changed.connect(self._now_playing)
        self.clip_end = follow_player_state(window, self.playback, self.engine.get)
        window.player_bar.star_requested.connect(self.toggle_keeper)
        window.detail.is_keeper = self.is_keeper
        window.player.error.connect(self._playback_error)
        self.notifier = Notifier(window, enabled=services.settings.notifications)
        self.engine.subscribe(self.notifier.on_engine_event)
        self.notifier.show_task_requested.connect(self._show_task)
        self.notifier.show_window_requested.connect(self._show_window)
        self.notifier.quit_requested.connect(window.close)
        self.settings_flow = SettingsFlow(
            services, window, self.spawn, self.notifier, self.adding.remember_keys
        )
        window.model.counts_changed.connect(
            lambda: self.notifier.update_counts(window.model.counts)
        )
        window.restore_layout(services.settings.ui)
        self.spawn(self.adding.remember_keys())

    # --- background work -----------------------------------------------------------------

    def spawn(self, coroutine: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Start a coroutine and keep a strong reference until it ends (tasks can be GC'd)."""
        task = asyncio.get_running_loop().create_task(coroutine)
        self._background.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._background.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("background work failed", exc_info=task.exception())

    async def shutdown(self) -> None:
        for task in list(self._background):
            task.cancel()
        await asyncio.gather(*self._background, return_exceptions=True)
        await self.playback_gate.close()  # the stream relay, before the HTTP client closes
        self.services.settings.ui = self.window.layout_state()
        self.services.settings.last_provider = self.window.input_bar.provider_choice()
        try:
            self.services.save_settings()
        except OSError as error:
            log.warning("could not save the settings: %s", error)

    # --- engine events -------------------------------------------------------------------

    def _on_engine_event(self, event: EngineEvent) -> None:
        if (
            isinstance(event, TaskUpdated)
            and event.state_changed
            and event.task.state is TaskState.SUCCEEDED
            and self.services.settings.keep_finished
        ):
            self.exports.keep(event.task)
        if isinstance(event, AccountProblem):
            # A key can be fixed in Settings; a rate limit or an outage only passes (and the
            # demo's keys are fixed). One line per account and kind, never one per task.
            fixable = event.kind == "auth" and not self.services.is_demo
            self.window.account_banner.set_problem(
                event.account, event.message, fixable, kind=event.kind
            )
            self.window.model.refresh_all()
            self.window.refresh_detail()

    # --- start-up ------------------------------------------------------------------------

    def keep_recently_finished(self, days: float = 7.0) -> None:
        """Tasks that finished while the window was closed (e.g. under `tunewatch watch`) are
        kept too, while their links are likely still valid (sunor's last about 7 days)."""
        if not self.services.settings.keep_finished:
            return
        since = time.time() - days * 86400
        # Tasks that finished before start are in the ledger only (the engine holds live ones).
        finished = {task.key: task for task in self.services.ledger.succeeded_since(since)}
        for task in {**finished, **{task.key: task for task in self.engine.tasks}}.values():
            recent = task.state is TaskState.SUCCEEDED and (task.last_polled_at or 0) >= since
            if recent and not self.exports.library.saved_clips(task.provider, task.task_id):
                self.exports.keep(task)

    # --- what the parts do, under the names the window and the tests know -----------------

    def add_from_text(self, text: str, provider_choice: str) -> None:
        self.adding.add_from_text(text, provider_choice)

    def run_action(self, action: TaskAction | str, tasks: list[TrackedTask]) -> None:
        self.actions.run_action(action, tasks)

    def remove(self, tasks: list[TrackedTask]) -> None:
        self.actions.remove(tasks)

    def undo_remove(self) -> None:
        self.actions.undo_remove()

    def open_settings(self, account: str = "") -> None:
        self.settings_flow.open_settings(account)

    def save_settings(self, settings: Settings, keys: dict[str, str]) -> None:
        self.settings_flow.save_settings(settings, keys)

    @property
    def settings_dialog(self) -> SettingsDialog | None:
        return self.settings_flow.dialog

    # --- playback ------------------------------------------------------------------------

    def local_copy(self, task: TrackedTask, clip: Clip) -> Path | None:
        return self.exports.local_copy(task, clip)

    def _saved_locally(self, key: tuple[str, str]) -> None:
        shown = self.window.detail.task
        if shown is not None and shown.key == key:
            self.window.detail.invalidate()
            self.window.refresh_detail()

    def _show_file(self, path: Path | None) -> None:
        if path is not None:
            self.exports.open_path(path.parent)

    def is_keeper(self, task: TrackedTask, clip: Clip) -> bool:
        return self.services.ledger.keeper(task.key) == clip_key(clip)

    def _playing_clip(self) -> tuple[TrackedTask, Clip] | None:
        item = self.window.player.item
        task = self.engine.get(item.task_key) if item else None
        if item is None or task is None or task.snapshot is None:
            return None
        if not 0 <= item.clip_index < len(task.snapshot.clips):
            return None
        return task, task.snapshot.clips[item.clip_index]

    def toggle_keeper(self) -> None:
        """Star the playing variation as the keeper (or unstar it)."""
        playing = self._playing_clip()
        if playing is None:
            return
        task, clip = playing
        starred = not self.is_keeper(task, clip)
        self.services.ledger.set_keeper(task.key, clip_key(clip) if starred else None)
        self.window.player_bar.set_starred(starred)
        if self.window.detail.task is not None and self.window.detail.task.key == task.key:
            self.window.detail.invalidate()
            self.window.refresh_detail()

    def _now_playing(self, item: PlayItem | None) -> None:
        self.window.player_bar.set_compare_available(self.playback.can_compare())
        playing = self._playing_clip()
        self.window.player_bar.set_starred(playing is not None and self.is_keeper(*playing))
        self.window.detail.set_playing(item)

    def _playback_error(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 10_000)
        self.window.player_bar.now_playing.setText(message)

    def _show_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def _show_task(self, key: tuple[str, str]) -> None:
        self._show_window()
        self.window.select_task(key)

    def open_demo(self) -> None:
        """The demo takes the window's place with its own profile (demo_session.py): no second
        process, nothing mixed with the real tasks."""
        if self.services.is_demo:
            self.window.statusBar().showMessage(self.tr("This is the demo."), 3000)
            return
        if self.demo_opener is None:  # a window without the app around it (tests)
            self.window.statusBar().showMessage(
                self.tr("The demo opens with: tunewatch --demo"), 5000
            )
            return
        self.demo_opener()

    # --- covers --------------------------------------------------------------------------

    def load_cover(self, url: str, allow_local: bool) -> None:
        self.spawn(self._load_cover(url, allow_local))

    async def _load_cover(self, url: str, allow_local: bool) -> None:
        try:
            path = await fetch_cover(
                self.services.client, self.services.paths.cache / "covers", url, allow_local
            )
        except (CoverUnavailableError, OSError) as error:
            log.info("cover not loaded: %s", error)
            return
        pixmap = QPixmap(str(path))
        if not pixmap.isNull():
            self.window.detail.set_cover(url, pixmap)
