"""The product never processes events from inside a running task or callback: under qasync a
nested `processEvents()` (or a modal `exec()` inside a coroutine) re-enters the loop — "Cannot
enter into task … while another task is being executed" — and the start-up or the poll in
progress silently never completes (stack.md). Checked on the source of every module in gui/."""

from __future__ import annotations

import ast
from pathlib import Path

import gui

PACKAGE_ROOT = Path(gui.__file__).parent
# Any of these pumps the event loop from inside whatever is running now.
NESTED_EVENT_PROCESSING = {"processEvents", "sendPostedEvents", "qWait", "waitSignal", "waitUntil"}
MODAL = {"exec", "exec_"}  # a modal dialog's or menu's own loop


def _called_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    if isinstance(node.func, ast.Name):
        return node.func.id
    return None


def nested_event_processing(source: str, filename: str) -> list[str]:
    """Every call that would process events re-entrantly: the pumping calls anywhere, a modal
    exec() inside an `async def`."""
    tree = ast.parse(source, filename=filename)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _called_name(node) in NESTED_EVENT_PROCESSING:
            found.append(f"{filename}:{node.lineno}: {_called_name(node)}()")
        if isinstance(node, ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Call) and _called_name(inner) in MODAL:
                    found.append(f"{filename}:{inner.lineno}: {_called_name(inner)}() in async")
    return found


def test_gui_never_processes_events_re_entrantly() -> None:
    problems: list[str] = []
    for module in sorted(PACKAGE_ROOT.rglob("*.py")):
        relative = str(module.relative_to(PACKAGE_ROOT.parent))
        problems += nested_event_processing(module.read_text(encoding="utf-8"), relative)
    assert problems == []


def test_the_check_finds_what_hung_the_start_up_benchmark() -> None:
    # What bench/_startup_probe.py did before: processEvents() inside the start coroutine.
    hung = """
async def start(app, window):
    window.show()
    app.processEvents()
"""
    assert nested_event_processing(hung, "probe.py") == ["probe.py:4: processEvents()"]
    modal = """
async def ask(dialog):
    return dialog.exec()

def fine(dialog):
    return dialog.exec()
"""
    assert nested_event_processing(modal, "m.py") == ["m.py:3: exec() in async"]
