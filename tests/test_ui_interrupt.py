"""Ctrl-C in the terminal that started the window closes it cleanly: the real window in a
subprocess (offscreen), SIGINT or SIGTERM once it is listening, then an orderly exit with no
traceback. Before, an idle window ignored Ctrl-C until the mouse moved, then died with a
KeyboardInterrupt traceback."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.cli_helpers import REPO, cli_env

DEADLINE = 60.0  # a generous bound for a loaded machine, not a timing the test depends on


def start_window(tmp_path: Path) -> tuple[subprocess.Popen[str], Path]:
    # A short runtime folder: a Unix socket path must fit in 108 bytes (tmp_path's is long).
    runtime = Path(tempfile.mkdtemp(prefix="tw-"))
    env = cli_env()
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_RUNTIME_DIR=str(runtime),
        TUNEWATCH_HOME=str(tmp_path / "home"),
        QT_LOGGING_RULES="qt.multimedia.symbolsresolver=false",
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "gui"],
        env=env,
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        encoding="utf-8",
        errors="replace",
    )
    return proc, runtime / "tunewatch"


def wait_until_listening(proc: subprocess.Popen[str], sockets: Path) -> None:
    """The single-instance socket appears after the window is up and Ctrl-C is routed."""
    end = time.monotonic() + DEADLINE
    while not (sockets.is_dir() and any(sockets.iterdir())):
        assert proc.poll() is None, proc.communicate()[1]
        assert time.monotonic() < end, "the window never started listening"
        time.sleep(0.1)


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_ctrl_c_closes_the_window_without_a_traceback(tmp_path: Path, number: int) -> None:
    proc, sockets = start_window(tmp_path)
    try:
        wait_until_listening(proc, sockets)
        proc.send_signal(number)
        _out, err = proc.communicate(timeout=DEADLINE)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode in (0, 130), (proc.returncode, err)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    # The orderly shutdown ran: the socket of this instance is gone with it.
    assert not any(sockets.iterdir()), list(sockets.iterdir())
    shutil.rmtree(sockets.parent)
