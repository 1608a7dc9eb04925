"""One cold start of the window, as `tunewatch` does it, for bench.startup (run in a fresh process).

Prints one JSON line: Unix timestamps of when the interpreter reached this file, when the imports
were done, and when each start-up step ended — the window first painted (empty), the task list
loaded (gui.ui.task_list_loading, the code run_window runs), the full list painted — plus the
longest time the event loop went without running while the list filled in, the number of such
gaps over 50 ms, and the peak RSS. Uses the TUNEWATCH_HOME it is given; never touches a keyring.

No nested event processing (no `processEvents()` inside the coroutine: that re-enters qasync
and the start never completes): paints are seen by an event filter, and the coroutine awaits."""

import time

REACHED = time.time()  # before any other import: the interpreter's own start-up is over

import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false;qt.qpa.*=false")
os.environ.setdefault("QT_API", "pyside6")  # qasync binds to this whatever the import order

import qasync  # noqa: E402
from keyring.backends import fail  # noqa: E402
from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from bench._update_lag import what_is_shown  # noqa: E402
from gui.services import open_services  # noqa: E402
from gui.storage.credentials import CredentialStore  # noqa: E402
from gui.storage.paths import app_paths  # noqa: E402
from gui.ui.app import build_window  # noqa: E402
from gui.ui.task_list_loading import load_task_list  # noqa: E402

IMPORTED = time.time()
FREEZE = 0.050  # the goal: the list fills in without freezing the window longer than this


class PaintWatch(QObject):
    """Resolves a future at the next paint of `widget` (or of a widget inside it)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.widget = widget
        self.waiting: asyncio.Future[float] | None = None

    def next_paint(self) -> asyncio.Future[float]:
        self.waiting = asyncio.get_running_loop().create_future()
        return self.waiting

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        waiting = self.waiting
        if waiting is None or waiting.done() or event.type() != QEvent.Type.Paint:
            return False
        if isinstance(watched, QWidget) and (
            watched is self.widget or self.widget.isAncestorOf(watched)
        ):
            waiting.set_result(time.time())
        return False


class StallMeter:
    """How long the event loop (the window) went without running: wakes every TICK and
    records each gap beyond it."""

    TICK = 0.005

    def __init__(self) -> None:
        self.gaps: list[float] = []

    async def run(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(self.TICK)
            now = time.perf_counter()
            self.gaps.append(max(now - last - self.TICK, 0.0))
            last = now


async def start(app: QApplication, stamps: dict[str, float]) -> None:
    # The steps of gui.ui.app.run_window up to the task list shown, timed one by one.
    no_keyring = fail.Keyring()  # type: ignore[no-untyped-call]  # start-up reads no key
    services = open_services(app_paths(), CredentialStore(no_keyring, env={}))
    stamps["services opened"] = time.time()
    window, controller = build_window(services)
    stamps["window built"] = time.time()
    painted = PaintWatch(window)
    app.installEventFilter(painted)
    first_paint = painted.next_paint()
    window.show()
    stamps["window painted"] = await first_paint
    window.statusBar().showMessage("Loading your tasks…")
    stall = StallMeter()
    meter = asyncio.get_running_loop().create_task(stall.run())
    await load_task_list(services, window.model)
    stamps["list loaded"] = time.time()
    list_paint = painted.next_paint()
    window.statusBar().clearMessage()
    window.table.viewport().update()
    stamps["list painted"] = await asyncio.wait_for(list_paint, 5)
    meter.cancel()
    stamps["longest freeze"] = max(stall.gaps, default=0.0)
    stamps["freezes over 50 ms"] = float(sum(gap > FREEZE for gap in stall.gaps))
    stamps["rows"] = float(window.proxy.rowCount())
    shown = what_is_shown(window)
    stamps["window width"], stamps["window height"] = map(float, shown.window)
    stamps["table width"] = float(shown.table_width)
    stamps["columns shown"] = float(len(shown.columns))
    stamps["bars on screen"] = float(shown.bars_on_screen)
    if os.environ.get("TUNEWATCH_BENCH_SCREENSHOT"):
        window.grab().save(os.environ["TUNEWATCH_BENCH_SCREENSHOT"])
    stamps["asyncio tasks"] = float(len(asyncio.all_tasks()))
    stamps["peak RSS MB"] = peak_rss_mb()
    app.removeEventFilter(painted)
    await controller.shutdown()
    await services.close()
    window.close()


def peak_rss_mb() -> float:
    """This process's peak resident set (VmHWM). Not getrusage's ru_maxrss: Linux keeps that
    across exec, so it would report the parent's memory at the fork."""
    try:
        for line in open("/proc/self/status", encoding="ascii"):  # noqa: SIM115
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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
