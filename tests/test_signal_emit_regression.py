"""PySide6 6.12.0 on CPython 3.11 corrupts a refcount on every Signal.emit() and aborts after
~1,500 emits (the stack notes in the README). pyproject pins around it; this proves the installed pair is safe.
It runs in a subprocess because the failure mode is an abort of the whole interpreter."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
from PySide6.QtCore import QObject, Signal

class Emitter(QObject):
    ticked = Signal(int)

emitter = Emitter()
seen = []
emitter.ticked.connect(seen.append)
for i in range(200_000):
    emitter.ticked.emit(i)
print(len(seen))
"""


def test_two_hundred_thousand_emits_do_not_crash() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-500:]}"
    assert result.stdout.strip() == "200000"
