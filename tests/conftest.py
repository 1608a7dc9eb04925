"""Shared fixtures. Qt stays out of here unless a test asks for it (the core must test without Qt)."""

from __future__ import annotations

import asyncio
import gc
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.symbolsresolver=false")


def pytest_configure(config: pytest.Config) -> None:
    # A closed qasync loop that still owns Qt timers can be freed by the cyclic GC on another
    # thread (a test server's) and segfault; collect only between tests, on the main thread.
    gc.disable()


@pytest.fixture(autouse=True)
def _collect_garbage_between_tests(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    # A full collection costs ~30 ms; only Qt tests leave Qt-owning cycles behind.
    uses_qt = {"qtbot", "qapp", "qt_loop", "window"} & set(request.fixturenames)
    gc.collect(2 if uses_qt else 0)


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own data directory and no API keys from the developer's environment."""
    home = tmp_path_factory.mktemp("tunewatch-home")
    monkeypatch.setenv("TUNEWATCH_HOME", str(home))
    for name in list(os.environ):
        if name.startswith("TUNEWATCH_KEY_"):
            monkeypatch.delenv(name)
    return home


@pytest.fixture
def qt_loop(qapp: Any) -> Iterator[asyncio.AbstractEventLoop]:
    """A qasync loop that is current *and running* without being started: qtbot's event
    processing drives its tasks, so sync tests can use qtbot.waitUntil (stack.md). Teardown
    cancels what is left and closes the loop — never loop.stop(), which quits the QApplication."""
    import PySide6.QtWidgets  # noqa: F401 - PySide6 before qasync: qasync binds to what it finds
    import qasync

    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    asyncio.events._set_running_loop(loop)
    try:
        yield loop
    finally:
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for task in pending:
            task.cancel()
        deadline = time.monotonic() + 5
        while any(not t.done() for t in pending) and time.monotonic() < deadline:
            qapp.processEvents()
        asyncio.events._set_running_loop(None)
        loop.close()
        asyncio.set_event_loop(None)


def run_in_loop(
    qtbot: Any, loop: asyncio.AbstractEventLoop, coroutine: Any, timeout: float = 10
) -> Any:
    """Run a coroutine on the qt_loop from a sync test, letting qtbot process events meanwhile."""
    task = loop.create_task(coroutine)
    qtbot.waitUntil(task.done, timeout=int(timeout * 1000))
    return task.result()
