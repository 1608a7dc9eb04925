"""Shared fixtures. Qt stays out of here unless a test asks for it (the core must test without Qt)."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO.parent / "shared" / "fixtures"

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
