"""The house reads from the ground up: each folder imports only the folders below it, and only
`gui.ui` imports Qt. Checked on the source (every import, also those inside functions) and by
importing the Qt-free layers in a fresh interpreter."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import gui

PACKAGE_ROOT = Path(gui.__file__).parent

# Which parts of the package each part may import (besides itself and the top-level `gui`).
ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    "providers": {"domain"},
    "storage": {"domain"},
    "polling": {"domain", "providers", "storage"},
    "media": {"domain", "providers", "storage"},
    # The fake server is the demo's engine and a test double: it speaks the wire formats and
    # knows nothing of the app.
    "fake_provider": set(),
    "services": {"domain", "providers", "storage", "polling", "media", "fake_provider"},
    "commands": {"domain", "providers", "storage", "polling", "media", "services", "i18n"},
    "ui": {"domain", "providers", "storage", "polling", "media", "services", "fake_provider", "i18n"},
    "i18n": set(),
    "cli": {"domain", "providers", "storage", "polling", "media", "services", "commands", "ui", "i18n"},
    "__main__": {"cli"},
}
QT_TOP_LEVEL = {"PySide6", "shiboken6", "qasync"}
# Translation is Qt's (QTranslator); `gui.i18n` may load it, nothing else outside `gui.ui`.
QT_ALLOWED = {"ui", "i18n"}


def _part_of(module_path: Path) -> str:
    relative = module_path.relative_to(PACKAGE_ROOT)
    return relative.parts[0].removesuffix(".py")


def _imports(module_path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(module_path.read_text(encoding="utf-8"), filename=str(module_path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "gui":
                found += [(node.lineno, f"gui.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, node.module))
    return found


def layer_violations() -> list[str]:
    problems: list[str] = []
    for module_path in sorted(PACKAGE_ROOT.rglob("*.py")):
        if module_path.parent == PACKAGE_ROOT and module_path.name == "__init__.py":
            continue
        part = _part_of(module_path)
        allowed = ALLOWED.get(part)
        where = module_path.relative_to(PACKAGE_ROOT.parent)
        if allowed is None:
            problems.append(f"{where}: part {part!r} has no place in the layer table")
            continue
        for line, name in _imports(module_path):
            top, _, rest = name.partition(".")
            if top in QT_TOP_LEVEL and part not in QT_ALLOWED:
                problems.append(f"{where}:{line} imports Qt ({name}); only gui.ui may")
            if top != "gui" or not rest:
                continue
            target = rest.split(".")[0]
            if target in ("__version__",) or target == part:
                continue
            if target not in allowed:
                problems.append(f"{where}:{line} imports gui.{target}: {part} may import only {sorted(allowed)}")
    return problems


def test_no_import_runs_upward_and_only_ui_imports_qt() -> None:
    assert layer_violations() == []


def test_every_folder_says_what_lives_there_and_what_it_may_import() -> None:
    for init in sorted(PACKAGE_ROOT.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc, f"{init} has no docstring"
        assert "import" in doc.lower(), f"{init}'s docstring does not say what it may import"


def test_the_checker_catches_an_upward_import(tmp_path: Path) -> None:
    # A test that cannot fail is a defect: feed the checker a domain module importing providers.
    bad = PACKAGE_ROOT / "domain" / "_architecture_probe.py"
    bad.write_text("from gui.providers import PROVIDERS\nimport PySide6\n", encoding="utf-8")
    try:
        problems = layer_violations()
    finally:
        bad.unlink()
    assert any("_architecture_probe.py:1 imports gui.providers" in p for p in problems)
    assert any("_architecture_probe.py:2 imports Qt" in p for p in problems)


QT_FREE_MODULES = [
    "gui.domain.model",
    "gui.domain.states",
    "gui.polling.status_check",
    "gui.providers",
    "gui.storage.credentials",
    "gui.cli",
    "gui.fake_provider",
    "gui.polling.engine",
    "gui.storage.ledger",
    "gui.media.exporter",
    "gui.media.library",
    "gui.services",
]


def test_core_imports_no_qt() -> None:
    probe = (
        "import sys\n"
        f"for name in {QT_FREE_MODULES!r}: __import__(name)\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'qasync'))\n"
        "print(','.join(qt))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"the core imported Qt modules: {out.stdout.strip()}"


def test_nothing_reads_outside_the_repository() -> None:
    # A user clones only this repository: no test, script or module may reach for the shared
    # folder beside it (the needles are built so this file does not match itself).
    repo = PACKAGE_ROOT.parent
    word = "sha" + "red"
    needles = ("../" + word, f'"{word}"', f"'{word}'")
    offenders = []
    for folder in ("gui", "tests", "scripts", "bench"):
        for path in (repo / folder).rglob("*"):
            if path.suffix in (".py", ".sh"):
                text = path.read_text(encoding="utf-8", errors="replace")
                if any(needle in text for needle in needles):
                    offenders.append(str(path.relative_to(repo)))
    assert offenders == []
