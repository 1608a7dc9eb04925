"""Screenshots of the real window (the demo) at common sizes, without a display:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/window_screenshots.py OUT_DIR [SECONDS] [ROW]

Opens the demo profile in a throwaway TUNEWATCH_HOME, lets its tasks run for SECONDS (default 40),
selects ROW (1-based, default 1) and saves window-800x600.png and window-1280x760.png in OUT_DIR.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

SIZES = ((800, 600), (1280, 760))


async def shoot(out: Path, seconds: float, row: int) -> None:
    from gui.services import demo_task_ids, open_services
    from gui.storage.credentials import CredentialStore
    from gui.storage.paths import app_paths
    from gui.ui.app import build_window

    services = open_services(app_paths(), CredentialStore(), demo=True)
    window, controller = build_window(services)
    window.show()
    services.engine.start(loaded=[])
    window.model.set_tasks(services.engine.tasks)
    for provider_id, task_id in demo_task_ids():
        services.engine.add(provider_id, task_id)
    await asyncio.sleep(seconds)
    window.model.flush()
    window.table.selectRow(row - 1)
    for width, height in SIZES:
        window.resize(width, height)
        await asyncio.sleep(1)  # the event loop lays the window out meanwhile
        path = out / f"window-{width}x{height}.png"
        window.grab().save(str(path))
        print(f"screenshot: {path}")
    await controller.shutdown()
    await services.close()
    window.close()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "shots")
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 40.0
    row = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_API", "pyside6")
    os.environ["TUNEWATCH_HOME"] = tempfile.mkdtemp(prefix="tunewatch-shots-")
    from PySide6.QtWidgets import QApplication  # noqa: I001 - PySide6 before qasync (stack.md)
    import qasync

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Tunewatch")
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        runner.run(shoot(out.resolve(), seconds, row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
