"""Turns what the user asks for in the window into engine calls and I/O, and reports back.
Views emit intent; this object runs the coroutines (and owns every task it starts)."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QProcess
from PySide6.QtGui import QGuiApplication, QPixmap

from gui.domain.errors import InvalidBaseUrlError, ProviderError
from gui.domain.events import AccountProblem, EngineEvent, TaskUpdated
from gui.domain.model import Clip, raw_value
from gui.domain.paste import parse_pasted
from gui.domain.states import TaskState
from gui.domain.tracked_task import TrackedTask
from gui.domain.urls import validate_base_url
from gui.media.cover_cache import CoverUnavailableError, fetch_cover
from gui.media.library import clip_key
from gui.media.naming import parse_template
from gui.polling.detect import detect_provider
from gui.polling.status_check import check_balance
from gui.providers import PROVIDERS, get_provider
from gui.services import Services
from gui.storage.key_rules import ACCOUNTS, CredentialError
from gui.storage.settings import AUTO_PROVIDER, Settings
from gui.ui.export_runner import ExportRunner
from gui.ui.main_window import MainWindow
from gui.ui.notifier import Notifier
from gui.ui.playback import Playback
from gui.ui.player import PlayItem
from gui.ui.settings_dialog import SettingsDialog
from gui.ui.task_actions import TaskAction

log = logging.getLogger(__name__)


class Controller(QObject):
    def __init__(self, services: Services, window: MainWindow) -> None:
        super().__init__(window)
        self.services = services
        self.window = window
        self.engine = services.engine
        self._background: set[asyncio.Task[Any]] = set()
        self._removed: list[TrackedTask] = []
        self._known_keys: frozenset[str] = frozenset()  # so a pasted key is never a "task"
        self.settings_dialog: SettingsDialog | None = None
        window.detail.is_local_provider = services.provider_is_local

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
        window.detail.local_copy = self.exports.local_copy
        window.detail.export_requested.connect(
            lambda task, clip: self.exports.choose_folder_and_export([task], clip)
        )
        window.detail.open_requested.connect(self._show_file)
        self.playback = Playback(window.player, self.engine.get, self.local_copy, self)
        self.engine.subscribe(self.playback.on_engine_event)
        window.detail.play_requested.connect(self.playback.play)
        window.player_bar.previous_requested.connect(lambda: self.playback.step(-1))
        window.player_bar.next_requested.connect(lambda: self.playback.step(1))
        window.player_bar.compare_requested.connect(self.playback.compare)
        window.player.item_changed.connect(self._now_playing)
        window.player_bar.star_requested.connect(self.toggle_keeper)
        window.detail.is_keeper = self.is_keeper
        window.player.error.connect(self._playback_error)
        self.notifier = Notifier(window, enabled=services.settings.notifications)
        self.engine.subscribe(self.notifier.on_engine_event)
        self.notifier.show_task_requested.connect(self._show_task)
        self.notifier.show_window_requested.connect(self._show_window)
        self.notifier.quit_requested.connect(window.close)
        window.model.counts_changed.connect(
            lambda: self.notifier.update_counts(window.model.counts)
        )
        window.restore_layout(services.settings.ui)
        self.spawn(self._remember_keys())

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
            # A key can be fixed in Settings; a rate limit only passes (and the demo's keys are fixed).
            fixable = event.kind == "auth" and not self.services.is_demo
            self.window.account_banner.set_problem(event.account, event.message, fixable)
            self.window.model.refresh_all()
            self.window.refresh_detail()

    # --- adding tasks --------------------------------------------------------------------

    def add_from_text(self, text: str, provider_choice: str) -> None:
        self.services.settings.last_provider = provider_choice
        pasted = parse_pasted(text, self._known_keys)
        if not pasted.ids:
            reason = pasted.invalid[0] if pasted.invalid else "No task ID found in what was pasted."
            self.window.input_bar.show_message(reason, "error")
            return
        if provider_choice == AUTO_PROVIDER:
            self.window.input_bar.show_message(
                f"Looking up {len(pasted.ids)} ID(s) at each account…", "info"
            )
            self.spawn(self._add_auto(pasted.ids, pasted.invalid, pasted.repeated))
            return
        self._add_known(provider_choice, pasted.ids, pasted.invalid, pasted.repeated)

    def _add_known(
        self,
        provider_id: str,
        ids: list[str],
        invalid: list[str],
        repeated: list[str],
        notes: list[str] | None = None,
    ) -> None:
        added: list[TrackedTask] = []
        already: list[str] = list(repeated)
        for task_id in ids:
            task, created = self.engine.add(provider_id, task_id)
            (added.append(task) if created else already.append(task_id))
        self._report_added(added, already, invalid, notes or [])

    async def _add_auto(self, ids: list[str], invalid: list[str], repeated: list[str]) -> None:
        services = self.services
        added: list[TrackedTask] = []
        already = list(repeated)
        notes: list[str] = []
        unknown: list[str] = []
        unresolved: list[str] = []
        candidates = list(PROVIDERS.values())
        for task_id in ids:
            existing = [t for t in self.engine.tasks if t.task_id == task_id]
            if existing:
                already.append(task_id)
                continue
            try:
                found = await detect_provider(
                    services.client,
                    task_id,
                    candidates,
                    services.key_for,
                    lambda p: services.base_url(p.id),
                )
            except Exception as error:  # e.g. a locked keyring: say so, keep the text
                self.window.input_bar.show_message(
                    f"Auto could not ask the accounts: {getattr(error, 'message', error)}", "error"
                )
                return
            if found.provider is None and found.problems:
                # Nobody said "not found": offline, rate limited or failing. Keep the ID in the
                # box so nothing valid is dropped; the user can retry or pick the provider.
                unresolved.append(task_id)
                notes.extend(found.problems)
                continue
            if found.provider is None:
                if not found.tried:
                    self.window.input_bar.show_message(
                        "Auto needs at least one API key: add one in Settings, or choose the provider.",
                        "error",
                    )
                    return
                unknown.append(task_id)
                notes.extend(found.problems)
                continue
            task, created = self.engine.add(found.provider.id, task_id)
            if created:
                added.append(task)
                notes.append(f"{task_id[:8]}… belongs to {found.provider.name}.")
        if unknown:
            invalid = [
                *invalid,
                f"No account knows {', '.join(unknown)}; nothing was added for it.",
            ]
        if unresolved:
            invalid = [
                *invalid,
                f"Could not check {', '.join(unresolved)} (see why below); it is left in the box.",
            ]
        self._report_added(added, already, invalid, notes)
        if unresolved:
            self.window.input_bar.field.setText(" ".join(unresolved))

    async def _remember_keys(self) -> None:
        keys = set()
        for account in ACCOUNTS:
            try:
                key = await self.services.key_for(account)
            except Exception:  # a locked keyring: nothing to compare against
                key = None
            if key:
                keys.add(key)
        self._known_keys = frozenset(keys)

    def keep_recently_finished(self, days: float = 7.0) -> None:
        """Tasks that finished while the window was closed (e.g. under `tunewatch watch`) are
        kept too, while their links are likely still valid (sunor's last about 7 days)."""
        if not self.services.settings.keep_finished:
            return
        since = time.time() - days * 86400
        for task in self.engine.tasks:
            recent = task.state is TaskState.SUCCEEDED and (task.last_polled_at or 0) >= since
            if recent and not self.exports.library.saved_clips(task.provider, task.task_id):
                self.exports.keep(task)

    def _report_added(
        self, added: list[TrackedTask], already: list[str], invalid: list[str], notes: list[str]
    ) -> None:
        parts = []
        if added:
            parts.append(f"Added {len(added)} task{'s' if len(added) != 1 else ''}.")
        if already:
            parts.append(f"Already tracked: {', '.join(dict.fromkeys(already))}.")
        parts.extend(invalid)
        parts.extend(notes[:3])
        kind = "error" if invalid and not added else "warning" if invalid or already else "info"
        self.window.input_bar.show_message(" ".join(parts), kind)
        if added:
            self.window.input_bar.field.clear()
            self.window.select_task(added[-1].key)

    # --- task actions --------------------------------------------------------------------

    def run_action(self, action: TaskAction | str, tasks: list[TrackedTask]) -> None:
        if action == "pause_all":
            self.engine.pause_all()
        elif action == "resume_all":
            self.engine.resume_all()
        elif action is TaskAction.POLL_NOW:
            for task in tasks:
                self.engine.poll_now(task.key)
        elif action is TaskAction.PAUSE:
            for task in tasks:
                self.engine.pause(task.key)
        elif action in (TaskAction.RESUME, TaskAction.RETRY):
            for task in tasks:
                self.engine.resume(task.key)
        elif action is TaskAction.COPY_ID:
            QGuiApplication.clipboard().setText("\n".join(t.task_id for t in tasks))
            self.window.statusBar().showMessage("Task ID copied.", 3000)
        elif action is TaskAction.COPY_JSON and tasks and tasks[0].snapshot:
            raw = raw_value(tasks[0].snapshot.raw)
            QGuiApplication.clipboard().setText(json.dumps(raw, indent=2, ensure_ascii=False))
            self.window.statusBar().showMessage("Raw JSON of the last answer copied.", 3000)
        elif action is TaskAction.EXPORT:
            self.exports.choose_folder_and_export([t for t in tasks if t.is_finished])
        elif action is TaskAction.REMOVE:
            self.remove(tasks)
        self.window.refresh_detail()

    def remove(self, tasks: list[TrackedTask]) -> None:
        removed = [t for t in (self.engine.remove(task.key) for task in tasks) if t is not None]
        if removed:
            self._removed = removed
            self.window.show_undo(f"Removed {len(removed)} task{'s' if len(removed) != 1 else ''}.")

    def undo_remove(self) -> None:
        for task in self._removed:
            self.engine.restore(task)
        if self._removed:
            self.window.select_task(self._removed[-1].key)
        self._removed = []
        self.window.show_undo(None)
        self.window.statusBar().showMessage("Restored.", 3000)

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
        """The demo runs as its own process with its own profile: nothing mixes with real tasks."""
        if self.services.is_demo:
            self.window.statusBar().showMessage("This is the demo.", 3000)
            return
        started = QProcess.startDetached(sys.executable, ["-m", "gui", "--demo"])[0]
        message = (
            "Opening the demo in its own window…" if started else "The demo could not be started."
        )
        self.window.statusBar().showMessage(message, 5000)

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

    # --- settings ------------------------------------------------------------------------

    def open_settings(self, account: str = "") -> None:
        if self.settings_dialog is None:
            dialog = SettingsDialog(self.services.settings, self.window)
            dialog.save_requested.connect(self.save_settings)
            dialog.test_key_requested.connect(self.test_key)
            dialog.finished.connect(self._settings_closed)
            self.settings_dialog = dialog
            self.spawn(self._fill_settings(dialog))
        self.settings_dialog.show()
        self.settings_dialog.raise_()
        if account in ACCOUNTS:
            self.settings_dialog.forms[account].key.setFocus()

    def _settings_closed(self, _result: int) -> None:
        if self.settings_dialog is not None:
            self.settings_dialog.deleteLater()
        self.settings_dialog = None

    async def _fill_settings(self, dialog: SettingsDialog) -> None:
        if self.services.is_demo:
            dialog.set_keyring_status(
                "The demo uses built-in keys for its fake server; your keys are not used.", True
            )
            for account in ACCOUNTS:
                dialog.set_key_source(account, "demo key", False)
            return
        status = await self.services.store.backend_status()
        if self.settings_dialog is not dialog:
            return  # closed while the keyring answered
        dialog.set_keyring_status(status.describe(), status.usable)
        for account in ACCOUNTS:
            try:
                lookup = await self.services.store.get_key(account)
            except CredentialError as error:
                dialog.set_key_source(account, error.message, False)
                continue
            if self.settings_dialog is dialog:
                text = lookup.describe()
                if lookup.problem:  # the keyring's trouble is explained once, at the top
                    text = f"Not set. Without a keyring, set {lookup.env_var} in the environment."
                dialog.set_key_source(account, text, lookup.editable and status.usable)

    def save_settings(self, settings: Settings, keys: dict[str, str]) -> None:
        dialog = self.settings_dialog
        for account in ACCOUNTS:
            url = settings.account(account).base_url
            if url:
                try:
                    settings.account(account).base_url = validate_base_url(url)
                except InvalidBaseUrlError as error:
                    if dialog:
                        dialog.show_error(str(error))
                    return
        try:
            parse_template(settings.filename_template)
        except ValueError as error:
            if dialog:
                dialog.show_error(str(error))
            return
        self.spawn(self._save_settings(settings, keys))

    async def _save_settings(self, settings: Settings, keys: dict[str, str]) -> None:
        dialog = self.settings_dialog
        store = self.services.store
        for account, key in keys.items():
            try:
                if key:
                    await store.set_key(account, key)
                else:
                    await store.delete_key(account)
            except CredentialError as error:
                if dialog:
                    dialog.show_error(error.message)
                return
        settings.ui = self.services.settings.ui
        settings.last_provider = self.services.settings.last_provider
        self.services.settings = settings
        self.notifier.enabled = settings.notifications
        try:
            self.services.save_settings()
        except OSError as error:
            if dialog:
                dialog.show_error(f"The settings could not be saved: {error}")
            return
        for account in ACCOUNTS:
            self.engine.key_changed(account)  # a new key or URL: paused tasks try again
        await self._remember_keys()
        if dialog:
            dialog.accept()
        self.window.statusBar().showMessage("Settings saved.", 3000)

    def test_key(self, account: str, typed_key: str, base_url: str) -> None:
        self.spawn(self._test_key(account, typed_key, base_url))

    async def _test_key(self, account: str, typed_key: str, base_url: str) -> None:
        dialog = self.settings_dialog
        if dialog is None:
            return
        provider = next(p for p in PROVIDERS.values() if p.account == account)
        dialog.set_test_result(account, "Asking for the balance…", True)
        key = typed_key or await self.services.key_for(account)
        if not key:
            dialog.set_test_result(account, "There is no key to test: paste one first.", False)
            return
        try:
            url = validate_base_url(base_url or self.services.base_url(provider.id))
            balance = await check_balance(self.services.client, get_provider(provider.id), url, key)
        except (ProviderError, InvalidBaseUrlError) as error:
            message = error.describe() if isinstance(error, ProviderError) else str(error)
            if self.settings_dialog is dialog:
                dialog.set_test_result(account, f"✖ {message}", False)
            return
        detail = f" ({balance.detail})" if balance.detail else ""
        if self.settings_dialog is dialog:
            dialog.set_test_result(
                account,
                f"✔ The key works. Balance: {balance.amount:g} {balance.unit}{detail}.",
                True,
            )
