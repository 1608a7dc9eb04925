"""The core must run without Qt: importing it must not pull in any Qt module."""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = [
    "gui.core.model",
    "gui.core.states",
    "gui.core.status_check",
    "gui.providers",
    "gui.credentials",
    "gui.cli",
    "gui.fake_provider",
    "gui.core.engine",
    "gui.core.ledger",
    "gui.core.exporter",
    "gui.core.library",
    "gui.core.services",
]


def test_core_imports_no_qt() -> None:
    probe = (
        "import sys\n"
        f"for name in {CORE_MODULES!r}: __import__(name)\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'qasync'))\n"
        "print(','.join(qt))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"the core imported Qt modules: {out.stdout.strip()}"
