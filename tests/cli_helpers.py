"""Running `tunewatch` the way a user does: a real subprocess, keys from the environment only.

The subprocess never sees the developer's keys or keyring: TUNEWATCH_KEY_* come only from
`keys`, and PYTHON_KEYRING_BACKEND points at keyring's `fail` backend. TUNEWATCH_HOME is
inherited from the test's environment (tests/conftest.py gives every test its own).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
FAIL_KEYRING = "keyring.backends.fail.Keyring"
KEY_ENV_PREFIX = "TUNEWATCH_KEY_"


@dataclass(frozen=True)
class CliRun:
    code: int
    out: str
    err: str

    def json(self) -> dict[str, Any]:
        """stdout as exactly one JSON object on one line (and nothing else)."""
        assert self.out.endswith("\n") and self.out.count("\n") == 1, (
            f"expected exactly one line of JSON on stdout, got {self.out[:500]!r}"
        )
        value = json.loads(self.out)
        assert isinstance(value, dict), f"expected a JSON object, got {type(value).__name__}"
        return value

    def assert_one_error_line(self) -> str:
        """An error: nothing on stdout, one line on stderr starting "tunewatch: "; returns it."""
        assert self.out == "", f"stdout should be empty on an error, got {self.out[:300]!r}"
        assert self.err.endswith("\n") and self.err.count("\n") == 1, (
            f"expected one line on stderr, got {self.err[:1000]!r}"
        )
        assert self.err.startswith("tunewatch: "), self.err
        return self.err.strip()

    def assert_fix_then_reason(self) -> tuple[str, str]:
        """A missing key: nothing on stdout, two short lines on stderr — what to do, then why."""
        assert self.out == "", f"stdout should be empty on an error, got {self.out[:300]!r}"
        lines = self.err.splitlines()
        assert len(lines) == 2, f"expected two lines on stderr, got {self.err[:1000]!r}"
        assert all(line.startswith("tunewatch: ") and len(line) <= 110 for line in lines), lines
        return lines[0], lines[1]


def cli_env(keys: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment minus every TUNEWATCH_KEY_*, plus `keys` ({account: key})."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(KEY_ENV_PREFIX)}
    for account, key in (keys or {}).items():
        env[KEY_ENV_PREFIX + account.upper()] = key
    env["PYTHON_KEYRING_BACKEND"] = FAIL_KEYRING
    return env


def run_cli(
    args: Sequence[str], *, keys: Mapping[str, str] | None = None, timeout: float = 30.0
) -> CliRun:
    """`python -m gui ARGS` in a subprocess; asserts stderr never holds a traceback."""
    proc = subprocess.run(
        [sys.executable, "-m", "gui", *args],
        env=cli_env(keys),
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=False,
    )
    run = CliRun(proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in run.err, run.err
    return run


def closed_port(host: str = "127.0.0.1") -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
    return port
