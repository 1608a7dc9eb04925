""" "Open the demo" without a second process: the demo profile (its own task list, settings,
library, and the fake provider server inside the app) takes the window's place — same size and
position, a "Demo" title and banner, and "Back to my tasks". The real profile keeps running
behind it (its tasks are still checked, its notifications still come); going back hides the
demo, which goes on where it was when it is opened again. Closing the demo's window quits, like
closing the window always does."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QEvent, QObject

from gui.services import Services, demo_task_ids, open_services
from gui.storage.credentials import CredentialStore
from gui.storage.paths import AppPaths
from gui.ui.controller import Controller
from gui.ui.main_window import MainWindow
from gui.ui.task_list_loading import load_task_list

log = logging.getLogger(__name__)

BuildWindow = Callable[[Services], tuple[MainWindow, Controller]]
Spawn = Callable[[Coroutine[Any, Any, Any]], "asyncio.Task[Any]"]


class DemoSession(QObject):
    def __init__(
        self,
        paths: AppPaths,
        store: CredentialStore,
        real_window: MainWindow,
        build_window: BuildWindow,
        spawn: Spawn,
    ) -> None:
        super().__init__(real_window)
        self._paths = paths
        self._store = store
        self._real = real_window
        self._build = build_window
        self._spawn = spawn
        self.services: Services | None = None
        self.window: MainWindow | None = None
        self.controller: Controller | None = None
        self._closing: asyncio.Task[Any] | None = None
        real_window.closing.connect(self._real_closing)
        # Whatever brings the real window back (a second launch handing over its IDs, the
        # tray) puts the demo away: one window at a time.
        real_window.installEventFilter(self)

    @property
    def is_open(self) -> bool:
        return self.window is not None

    @property
    def is_shown(self) -> bool:
        return self.window is not None and self.window.isVisible()

    def open(self) -> None:
        """Show the demo in the window's place (starting it the first time)."""
        if self.window is None:
            self._start()
        assert self.window is not None
        self.window.setGeometry(self._real.geometry())
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        self._real.hide()

    def back(self) -> None:
        """Back to the user's own tasks; the demo goes on, hidden (eventFilter hides it)."""
        if self.window is None:
            return
        self._real.show()
        self._real.raise_()
        self._real.activateWindow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._real
            and event.type() == QEvent.Type.Show
            and self.window is not None
            and self.window.isVisible()
        ):
            self._real.setGeometry(self.window.geometry())
            self.window.hide()
        return False

    def _start(self) -> None:
        services = open_services(self._paths, self._store, demo=True)
        window, controller = self._build(services)
        # Literal strings in self.tr, so pyside6-lupdate extracts them (context "DemoSession").
        window.setWindowTitle(self.tr("Demo"))  # the desktop adds " — Tunewatch" itself
        window.show_banner(
            self.tr(
                "Demo: these tasks come from a fake provider server running inside Tunewatch — "
                "no account, no network. They move through real timelines within about a "
                "minute. Your own tasks and keys are not touched, and are still checked while "
                "you look around."
            ),
            self.tr("Back to my tasks"),
        )
        window.banner_button.clicked.connect(self.back)
        window.empty_state.set_demo_offered(False)
        if controller.notifier.tray is not None:
            controller.notifier.tray.hide()  # one tray icon: the app's own
        self.services, self.window, self.controller = services, window, controller
        self._spawn(self._fill(services, window))
        # Closing the demo's window quits the app, as closing the window always does.
        window.closing.connect(self._demo_closing)

    async def _fill(self, services: Services, window: MainWindow) -> None:
        await load_task_list(services, window.model)
        for provider_id, task_id in demo_task_ids():
            services.engine.add(provider_id, task_id)

    def _demo_closing(self) -> None:
        if not self._real.closed.is_set():
            self._real.close()  # run_window then ends the demo too (close_demo)

    def _real_closing(self) -> None:
        if self.window is not None and self.window.isVisible():
            self.window.hide()

    async def close(self) -> None:
        """Stop the demo's polls, save its layout, stop its fake server (at quit)."""
        controller, services, window = self.controller, self.services, self.window
        self.controller = self.services = self.window = None
        if controller is not None:
            await controller.shutdown()
        if services is not None:
            await services.close()
        if window is not None:
            window.close()
            window.deleteLater()
