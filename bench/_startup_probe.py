"""One cold start of the window, as `tunewatch` does it, for bench.startup (run in a fresh process).

Prints one JSON line of Unix timestamps: when the interpreter reached this file, when the imports
were done, and when each start-up step ended: the window shown (empty), the ledger read in a
thread, the task list shown. Also the longest event-loop stall while the ledger was read, in
seconds. Uses the TUNEWATCH_HOME it is given and never touches a keyring."""

import time

REACHED = time.time()  # before any other import: the interpreter's own start-up is over

import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false;qt.qpa.*=false")
os.environ.setdefault("QT_API", "pyside6")  # qasync binds to this whatever the import order

import qasync  # noqa: E402
from keyring.backends import fail  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gui.services import open_services  # noqa: E402
from gui.storage.credentials import CredentialStore  # noqa: E402
from gui.storage.paths import app_paths  # noqa: E402
from gui.ui.app import build_window  # noqa: E402

IMPORTED = time.time()


async def start(app: QApplication, stamps: dict[str, float]) -> None:
    # The steps of gui.ui.app.run_window up to the task list shown, timed one by one: the window
    # shows first, then the ledger is read in a thread while the event loop keeps running.
    no_keyring = fail.Keyring()  # type: ignore[no-untyped-call]  # start-up reads no key
    services = open_services(app_paths(), CredentialStore(no_keyring, env={}))
    stamps["services opened"] = time.time()
    window, controller = build_window(services)
    stamps["window built"] = time.time()
    window.show()
    app.processEvents()
    stamps["window shown + first events"] = time.time()
    window.statusBar().showMessage("Loading your tasks…")
    stall = StallMeter()
    meter = asyncio.get_running_loop().create_task(stall.run())
    loaded = await asyncio.to_thread(services.ledger.all)
    meter.cancel()
    stamps["ledger read (thread)"] = time.time()
    stamps["longest stall while reading"] = stall.longest
    services.engine.start(loaded=loaded)
    stamps["engine.start"] = time.time()
    window.model.set_tasks(services.engine.tasks)
    window.statusBar().clearMessage()
    stamps["model.set_tasks"] = time.time()
    app.processEvents()
    stamps["tasks listed + first events"] = time.time()
    stamps["rows"] = float(window.proxy.rowCount())
    await controller.shutdown()
    await services.close()
    window.close()


class StallMeter:
    """How long the event loop (the window) went without running, while the ledger is read in
    a thread: wakes every TICK and records the longest gap beyond it."""

    TICK = 0.01

    def __init__(self) -> None:
        self.longest = 0.0

    async def run(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(self.TICK)
            now = time.perf_counter()
            self.longest = max(self.longest, now - last - self.TICK)
            last = now


def main() -> int:
    stamps = {"interpreter ready": REACHED, "imports": IMPORTED}
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    stamps["QApplication"] = time.time()
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        runner.run(start(app, stamps))
    print(json.dumps(stamps), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
