"""Shared pieces for the window tests: an in-memory keyring, a window wired to a fake provider
server with fast polling, and small readers for what the user sees."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import PasswordDeleteError
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel

from gui.domain.tracked_task import TrackedTask
from gui.fake_provider import DEFAULT_KEYS, FakeProviderServer, RateLimits
from gui.providers import PROVIDER_IDS
from gui.providers.base import PollPolicy
from gui.services import Services, open_services
from gui.storage.credentials import SERVICE_NAME, CredentialStore
from gui.storage.paths import app_paths
from gui.ui.app import build_window
from gui.ui.controller import Controller
from gui.ui.main_window import MainWindow
from gui.ui.task_list_loading import load_task_list
from gui.ui.task_table_model import Column
from tests.conftest import run_in_loop

# Fast pacing: the real advice (3-15 s before the first poll) is covered by test_schedule.py.
FAST = PollPolicy(
    first_delay=0.05,
    initial_interval=0.1,
    max_interval=0.3,
    backoff=1.2,
    give_up_after=60,
    min_task_interval=0.05,
)
# The fast polls above would trip the fake's real budgets; the engine tests cover those.
NO_LIMITS = RateLimits(sunor_per_minute=None, crun_per_second=None, sunor_task_interval=0.0)
WAIT_MS = 5000
# Warnings of a headless machine, not of the app: the offscreen platform cannot raise windows or
# propagate size hints, and QtMultimedia misses the sound server (playback works without it).
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise)",
    "PulseAudioService: pa_context_connect",
)


class InMemoryKeyring(KeyringBackend):
    """A dict-backed backend. Its priority raises so keyring never auto-registers it as viable."""

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("test-only backend, never selected automatically")

    def __init__(self, keys: dict[str, str] | None = None) -> None:
        super().__init__()  # keyring's own is unannotated
        self.secrets: dict[tuple[str, str], str] = {
            (SERVICE_NAME, account): key for account, key in (keys or {}).items()
        }

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError("No such password!")

    def key(self, account: str) -> str | None:
        return self.secrets.get((SERVICE_NAME, account))


def default_keyring() -> InMemoryKeyring:
    return InMemoryKeyring({str(account): key for account, key in DEFAULT_KEYS.items()})


def start_server() -> FakeProviderServer:
    return FakeProviderServer(rate_limits=NO_LIMITS).start()


def open_test_services(server: FakeProviderServer, keyring: KeyringBackend) -> Services:
    """Services on the test's TUNEWATCH_HOME, every account pointed at `server`, fast polls."""
    services = open_services(
        app_paths(),
        CredentialStore(keyring, env={}),
        demo=False,
        policies=dict.fromkeys(PROVIDER_IDS, FAST),
    )
    for account in ("mountsea", "sunor", "crun"):
        services.settings.account(account).base_url = server.base_url
    return services


@dataclass
class WindowUnderTest:
    qtbot: Any
    loop: asyncio.AbstractEventLoop
    services: Services
    window: MainWindow
    controller: Controller
    closed: bool = field(default=False)

    # --- what the user sees ----------------------------------------------------------------

    @property
    def model_tasks(self) -> list[TrackedTask]:
        return self.window.model.tasks

    def task(self, task_id: str) -> TrackedTask:
        """The task as the table has it now."""
        found = [t for t in self.window.model.tasks if t.task_id == task_id]
        assert found, f"{task_id} is not in the table"
        return found[0]

    def row(self, task_id: str) -> int | None:
        for row, task in enumerate(self.window.model.tasks):
            if task.task_id == task_id:
                return row
        return None

    def text(self, task_id: str, column: Column) -> str:
        row = self.row(task_id)
        assert row is not None, f"{task_id} is not in the table"
        value = self.window.model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
        return str(value)

    def visible_ids(self) -> list[str]:
        """Task IDs of the rows the filtered, sorted table shows, top to bottom."""
        proxy = self.window.proxy
        ids = []
        for row in range(proxy.rowCount(QModelIndex())):
            task = self.window.model.task_at(proxy.mapToSource(proxy.index(row, 0)).row())
            assert task is not None
            ids.append(task.task_id)
        return ids

    def message(self) -> str:
        bar = self.window.input_bar
        return bar.message.text() if bar.message.isVisibleTo(self.window) else ""

    def detail_label(self, name: str) -> QLabel | None:
        widget = self.window.detail.widget()
        return widget.findChild(QLabel, name) if widget is not None else None

    def detail_text(self, name: str) -> str:
        label = self.detail_label(name)
        return label.text() if label is not None else ""

    def detail_texts(self) -> list[str]:
        widget = self.window.detail.widget()
        return [label.text() for label in widget.findChildren(QLabel)] if widget else []

    # --- acting ---------------------------------------------------------------------------

    def select(self, task_id: str) -> None:
        self.window.select_task(self.task(task_id).key)

    def wait_for_state(self, task_id: str, words: str, timeout: int = WAIT_MS) -> None:
        def shown() -> None:
            assert self.text(task_id, Column.STATE) == words

        self.qtbot.waitUntil(shown, timeout=timeout)

    def run(self, coroutine: Any, timeout: float = 10) -> Any:
        return run_in_loop(self.qtbot, self.loop, coroutine, timeout)

    def close(self) -> None:
        """What run_window does after the window closes: stop polls, save, close the client.
        The window is closed here, not by qtbot: qtbot deletes its widgets before fixtures end,
        and shutdown still reads the window's layout."""
        if self.closed:
            return
        self.closed = True
        try:
            if self.controller.settings_dialog is not None:
                self.controller.settings_dialog.close()
            self.run(self.controller.shutdown())
        finally:
            try:
                self.run(self.services.close())
            finally:
                self.window.close()
                self.window.deleteLater()


def open_window(
    qtbot: Any,
    loop: asyncio.AbstractEventLoop,
    server: FakeProviderServer,
    keyring: KeyringBackend,
) -> WindowUnderTest:
    """A shown main window whose engine polls `server`, as run_window starts it."""
    services = open_test_services(server, keyring)
    window, controller = build_window(services)
    window.show()
    qtbot.waitExposed(window)
    run_in_loop(qtbot, loop, load_task_list(services, window.model), 60)  # as run_window does
    return WindowUnderTest(qtbot, loop, services, window, controller)


class Windows:
    """Opens windows for one test and closes every one of them (then the server) afterwards."""

    def __init__(self, qtbot: Any, loop: asyncio.AbstractEventLoop) -> None:
        self.qtbot = qtbot
        self.loop = loop
        self.server = start_server()
        self.keyring = default_keyring()
        self._opened: list[WindowUnderTest] = []

    def open(self) -> WindowUnderTest:
        opened = open_window(self.qtbot, self.loop, self.server, self.keyring)
        self._opened.append(opened)
        return opened

    def close_all(self) -> None:
        try:
            for opened in self._opened:
                opened.close()
        finally:
            self.server.stop()


def windows_fixture(qtbot: Any, loop: asyncio.AbstractEventLoop) -> Iterator[Windows]:
    windows = Windows(qtbot, loop)
    try:
        yield windows
    finally:
        windows.close_all()


# --- windows on a server the test configures (playback, export, archive tests) -------------


def make_server(**options: Any) -> FakeProviderServer:
    """A started fake server without rate budgets, e.g. on a ManualClock or with short links."""
    return FakeProviderServer(rate_limits=NO_LIMITS, **options).start()


class WindowsOn(Windows):
    """Like Windows, on a server the test made (and Windows stops at the end)."""

    def __init__(
        self, qtbot: Any, loop: asyncio.AbstractEventLoop, server: FakeProviderServer
    ) -> None:
        self.qtbot = qtbot
        self.loop = loop
        self.server = server
        self.keyring = default_keyring()
        self._opened = []


# QtMultimedia without a sound card warns once per clip; playback runs on regardless (stack.md).
# "Immediate exit requested": FFmpeg's word for a load the user interrupted by picking another clip.
PLAYBACK_NOISE = pytest.mark.qt_log_ignore(
    *OFFSCREEN_NOISE.args, "No audio device detected", "Immediate exit requested"
)
