"""Starting the window: one QApplication, one qasync loop for Qt and asyncio, one profile."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Callable

from PySide6.QtWidgets import QApplication

from gui.domain.wording import QT_TRANSLATE_NOOP, localize
from gui.i18n import load_language, translate
from gui.providers import PROVIDERS, get_provider
from gui.services import Services, demo_task_ids, open_services
from gui.storage.credentials import CredentialStore
from gui.storage.desktop_entry import APP_ID
from gui.storage.key_rules import ACCOUNTS
from gui.storage.paths import AppPaths, app_paths
from gui.storage.settings import AUTO_PROVIDER, load_settings
from gui.ui.app_icon import app_icon
from gui.ui.appearance import apply_appearance
from gui.ui.controller import Controller
from gui.ui.demo_session import DemoSession
from gui.ui.interrupt import close_on_interrupt
from gui.ui.main_window import MainWindow
from gui.ui.single_instance import InstanceServer, hand_over, server_name
from gui.ui.task_list_loading import load_task_list
from gui.ui.task_table_model import TaskTableModel
from gui.ui.window_extras import add_window_extras, error_reporter

log = logging.getLogger(__name__)

# Translated where shown (translate("App", …)): the language is loaded after import.
FIRST_RUN_TEXT = QT_TRANSLATE_NOOP(
    "App",
    "Welcome to Tunewatch. Paste a task ID from MountSea, sunor.cc or crun.ai above and watch it "
    "live. To check tasks, Tunewatch needs that service's API key: add it in Settings (it is kept "
    "in your system keyring). No key yet? Open the demo to see everything Tunewatch does.",
)
DEMO_TEXT = QT_TRANSLATE_NOOP(
    "App",
    "Demo mode: these tasks come from a fake provider server running inside Tunewatch — no "
    "account, no network. They move through real timelines within about a minute. Your own "
    "tasks and keys are not touched.",
)


async def any_key_configured(store: CredentialStore) -> bool:
    for account in ACCOUNTS:
        try:
            if (await store.get_key(account)).key:
                return True
        except Exception:  # a locked keyring counts as "maybe": do not force the demo
            return True
    return False


def build_window(services: Services) -> tuple[MainWindow, Controller]:
    # A finished task's details are read from the ledger when it is selected (engine.get).
    model = TaskTableModel(
        services.engine.account_problem,
        load_task=services.engine.get,
        eta=services.engine.eta,
        account_offline=services.engine.account_offline,
    )
    window = MainWindow(model)
    window.detail.estimate_for = services.engine.eta
    window.detail.account_offline = services.engine.account_offline
    services.engine.subscribe(model.on_engine_event)
    controller = Controller(services, window)
    add_window_extras(services, window, controller)
    return window, controller


async def run_window(
    paths: AppPaths,
    demo: bool,
    initial: list[tuple[str, str]],
    store: CredentialStore,
    base_urls: dict[str, str] | None = None,
) -> int:
    services = open_services(paths, store, demo=demo)
    for account, url in (base_urls or {}).items():
        services.settings.account(account).base_url = url  # --base-url is remembered
    window, controller = build_window(services)
    reporter = error_reporter(window)
    reporter.install(asyncio.get_running_loop())  # one dialog for any unexpected exception
    restore_signals = close_on_interrupt(window.close)  # Ctrl-C closes, as the window would
    # "Open the demo" shows the demo profile in the window's place (no second process).
    demo_session = (
        None if demo else DemoSession(paths, store, window, build_window, controller.spawn)
    )
    if demo_session is not None:
        controller.demo_opener = demo_session.open
    if demo:
        window.setWindowTitle(translate("App", "Demo"))  # the desktop adds " — Tunewatch"
        window.show_banner(translate("App", DEMO_TEXT))
        window.empty_state.set_demo_offered(False)
    listener = InstanceServer(
        server_name(services.paths.data), on_message_factory(controller, window)
    )
    window.show()
    # A big ledger (100 000 tasks) is read off the event loop and listed in batches; the
    # window is already up and keeps painting (gui/ui/task_list_loading.py).
    window.statusBar().showMessage(translate("App", "Loading your tasks…"))
    await load_task_list(services, window.model)
    window.statusBar().clearMessage()
    if listener.problem:  # said, not swallowed: later launches will open their own window
        log.warning("%s", listener.problem)
        window.statusBar().showMessage(localize(listener.problem, translate), 15000)
    # Leftovers of downloads killed mid-way (kill -9, a crash), off the event loop.
    await asyncio.to_thread(services.remove_stale_parts)
    controller.keep_recently_finished()
    if demo:
        for provider_id, task_id in demo_task_ids():
            services.engine.add(provider_id, task_id)
    elif not window.model.rowCount() and not await any_key_configured(store):
        window.detail.set_empty_text(translate("App", FIRST_RUN_TEXT))
        window.show_banner(
            translate(
                "App",
                "No API key is configured yet: add one to check your own tasks, or look around "
                "the demo first.",
            ),
            translate("App", "Add a key…"),
            offer_demo=True,
        )
        window.banner_button.clicked.connect(lambda: controller.open_settings(""))
    for provider_id, task_id in initial:
        controller.add_from_text(task_id, provider_id)

    await window.closed.wait()
    restore_signals()
    reporter.uninstall(asyncio.get_running_loop())
    listener.close()
    if demo_session is not None:
        await demo_session.close()
    await controller.shutdown()
    await services.close()
    return 0


def on_message_factory(
    controller: Controller, window: MainWindow
) -> Callable[[dict[str, object]], None]:
    """What a second launch's message does: add its IDs, bring the window forward."""

    def on_message(message: dict[str, object]) -> None:
        ids = message.get("ids")
        provider = str(message.get("provider") or AUTO_PROVIDER)
        if provider != AUTO_PROVIDER and provider not in PROVIDERS:
            provider = AUTO_PROVIDER  # a message from another version: let Auto find it
        if isinstance(ids, list) and ids:
            controller.add_from_text("\n".join(str(i) for i in ids), provider)
        window.showNormal()
        window.raise_()
        window.activateWindow()

    return on_message


def main(
    task_ids: list[str],
    provider: str | None,
    base_url: str | None,
    demo: bool,
    paths: AppPaths | None = None,
) -> int:
    paths = paths or app_paths()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Tunewatch")
    app.setApplicationDisplayName("Tunewatch")
    app.setDesktopFileName(APP_ID)  # the installed .desktop file (gui/storage/desktop_entry.py)
    app.setWindowIcon(app_icon())
    # Closing the window must not stop the loop under a running coroutine (stack.md).
    app.setQuitOnLastWindowClosed(False)
    profile = paths.demo() if demo else paths
    # Before the first widget: every text is translated when it is created (Settings: restart).
    saved = load_settings(profile.settings)
    load_language(saved.language)
    apply_appearance(saved.appearance)  # light, dark, or the desktop's
    if hand_over(server_name(profile.data), {"ids": task_ids, "provider": provider or "auto"}):
        said = translate("App", "handed over to the Tunewatch window that is already open.")
        print(f"tunewatch: {said}")
        return 0
    store = CredentialStore()
    initial = [(provider or "auto", task_id) for task_id in task_ids]
    base_urls = {get_provider(provider).account: base_url} if base_url and provider else {}
    # qasync binds to whichever Qt binding is imported first: PySide6 is (above), and QT_API
    # says so too, so another binding installed beside it can never be picked.
    os.environ.setdefault("QT_API", "pyside6")
    import qasync

    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        return runner.run(run_window(paths, demo, initial, store, base_urls))
