"""Screenshots of the real window (the demo) in the light and the dark palette, plus its File and
Help menus and the About, Keyboard shortcuts and Settings dialogs in both:

    xvfb-run -a -s "-screen 0 1400x900x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python scripts/appearance_screenshots.py OUT_DIR [SECONDS] [ROW]

The window is switched between the palettes while it runs (as Settings → Appearance does), so
the pictures also show that the switch applies at once. README's window-light.png and
window-dark.png (resources/screenshots/) are made this way.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path


async def shoot(out: Path, seconds: float, row: int) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    from gui.services import demo_task_ids, open_services
    from gui.storage.credentials import CredentialStore
    from gui.storage.paths import app_paths
    from gui.ui.app import build_window
    from gui.ui.app_icon import app_icon
    from gui.ui.appearance import apply_appearance
    from gui.ui.help_menu import HelpMenu
    from gui.ui.task_table_model import PROGRESS_ROLE, Column

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setWindowIcon(app_icon())
    services = open_services(app_paths(), CredentialStore(), demo=True)
    window, controller = build_window(services)
    window.setWindowTitle("Tunewatch — demo")
    window.resize(1280, 800)
    window.move(0, 0)
    window.show()
    services.engine.start(loaded=[])
    window.model.set_tasks(services.engine.tasks)
    for provider_id, task_id in demo_task_ids():
        services.engine.add(provider_id, task_id)
    # Until the demo shows a bit of everything: a percentage bar, a finished and a failed task.
    for _ in range(int(seconds)):
        await asyncio.sleep(1)
        rows = [window.model.index(r, Column.PROGRESS) for r in range(window.model.rowCount())]
        if any(isinstance(i.data(PROGRESS_ROLE), float) for i in rows) and _ >= 15:
            break
    window.table.selectRow(row - 1)
    help_menu = window.findChild(HelpMenu)
    assert help_menu is not None
    for mode in ("light", "dark"):
        apply_appearance(mode)
        await asyncio.sleep(1.5)  # repaint with the new palette
        window.grab().save(str(out / f"window-{mode}.png"))
        for name, menu in (("file-menu", window.file_menu), ("help-menu", help_menu.menu)):
            menu.popup(window.mapToGlobal(QPoint(10, 30)))
            await asyncio.sleep(0.5)
            menu.grab().save(str(out / f"{name}-{mode}.png"))
            menu.hide()
        help_menu.show_about()
        help_menu.show_shortcuts()
        controller.open_settings("")
        await asyncio.sleep(1.0)
        for name, dialog in (
            ("about", help_menu.about_dialog),
            ("shortcuts", help_menu.shortcuts_dialog),
            ("settings", getattr(getattr(controller, "settings_flow", None), "dialog", None)),
        ):
            if dialog is not None:
                dialog.grab().save(str(out / f"{name}-{mode}.png"))
        for dialog in (help_menu.about_dialog, help_menu.shortcuts_dialog):
            if dialog is not None:
                dialog.close()
        print(f"screenshots ({mode}): {out}")
    apply_appearance("light")
    await controller.shutdown()
    await services.close()
    window.close()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "shots")
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 60.0
    row = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_API", "pyside6")
    os.environ["TUNEWATCH_HOME"] = tempfile.mkdtemp(prefix="tunewatch-shots-")
    from PySide6.QtWidgets import QApplication  # noqa: I001 - PySide6 before qasync (stack.md)
    import qasync

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Tunewatch")
    app.setQuitOnLastWindowClosed(False)
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        runner.run(shoot(out, seconds, row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
