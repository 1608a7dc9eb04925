"""The log file: rotating, in the data folder, and never a key nor a media link's query string."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from gui.fake_provider import DEFAULT_KEYS, FakeProviderServer, ManualClock, Phase, TaskScript
from gui.storage.log_file import (
    LOG_BACKUPS,
    MAX_LOG_BYTES,
    log_path,
    register_secret,
    secret_filter,
    setup_logging,
)
from gui.storage.paths import app_paths
from tests.cli_helpers import run_cli

CANARY = "sk-canary-0d1e2a3d4b5e"
SIGNED = "https://cdn1.example.com/audio/abc.mp3?X-Amz-Signature=feedface&X-Amz-Expires=600"


@pytest.fixture
def log_file() -> Iterator[Path]:
    path = setup_logging(app_paths())
    assert path is not None
    yield path
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.filters and secret_filter in h.filters]:
        root.removeHandler(handler)
        handler.close()


def _flush() -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()


def test_a_canary_key_and_a_signed_media_url_never_reach_the_file(log_file: Path) -> None:
    register_secret(CANARY)
    log = logging.getLogger("gui.test")
    log.warning("request with key %s to %s failed", CANARY, SIGNED)
    log.info("Authorization: Bearer %s", "an-unregistered-token-123")
    try:
        raise RuntimeError(f"GET {SIGNED} with x-api-key {CANARY}")
    except RuntimeError:
        log.exception("download failed")
    _flush()

    text = log_file.read_text(encoding="utf-8")
    assert log_file == app_paths().data / "tunewatch.log"
    assert CANARY not in text
    assert "an-unregistered-token-123" not in text
    assert "Signature" not in text and "feedface" not in text and "X-Amz" not in text
    # The lines are still useful: what happened, where (host and path), and the traceback.
    assert "download failed" in text and "RuntimeError" in text
    assert text.count("https://cdn1.example.com/audio/abc.mp3?[query-removed]") == 2
    assert "[key removed]" in text


def test_the_file_rotates_instead_of_growing(log_file: Path) -> None:
    log = logging.getLogger("gui.test")
    line = "x" * 1000
    for _ in range(MAX_LOG_BYTES * (LOG_BACKUPS + 2) // 1000):
        log.info(line)
    _flush()
    files = sorted(log_file.parent.glob("tunewatch.log*"))
    assert len(files) == LOG_BACKUPS + 1
    # Only this user may read them (task IDs and titles are in there), rotations included.
    assert {f.stat().st_mode & 0o777 for f in files} == {0o600}
    assert all(f.stat().st_size <= MAX_LOG_BYTES + 2000 for f in files)


def test_setting_up_twice_does_not_log_twice(log_file: Path) -> None:
    setup_logging(app_paths())
    logging.getLogger("gui.test").warning("once")
    _flush()
    assert log_file.read_text(encoding="utf-8").count("once") == 1


def test_verbose_terminal_command_logs_debug_to_stderr_without_the_key() -> None:
    key = DEFAULT_KEYS["mountsea"]  # the key the fake server accepts
    with FakeProviderServer(clock=ManualClock(0.0)) as server:
        server.add_task("mountsea-suno", "task-verbose", TaskScript([Phase("running")]))
        run = run_cli(
            [
                "status",
                "--verbose",
                "--provider",
                "mountsea-suno",
                "--base-url",
                server.base_url,
                "task-verbose",
            ],
            keys={"mountsea": key},
        )
    assert run.code == 3, run.err
    # httpx's request line shows at DEBUG verbosity: where it went, without the query.
    assert "HTTP Request: GET" in run.err and "/suno/v2/status?[query-removed]" in run.err
    assert "taskId=" not in run.err
    text = log_path(app_paths()).read_text(encoding="utf-8")
    assert "HTTP Request: GET" in text
    for where in (run.err, run.out, text):
        assert key not in where
