"""The zh_CN translation is complete, up to date with the sources, and shipped compiled.

These run Qt's own tools (pyside6-lupdate / pyside6-lrelease come with the PySide6 wheels), so a
string added anywhere in the package without a translation fails here, not in front of a user."""

from __future__ import annotations

import ast
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gui.domain.wording import PLACEHOLDER

REPO = Path(__file__).resolve().parents[1]
TS_FILES = sorted((REPO / "resources" / "i18n").glob("tunewatch_*.ts"))
QM_FOLDER = REPO / "gui" / "i18n"
QT_BIN = Path(sys.executable).parent
# Layers that may not import Qt: their sentences are marked with gui.domain.wording's marker.
CORE_PARTS = ("domain", "providers", "storage", "polling", "media", "services.py")


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found.append((name, message.findtext("source") or "", translation))
    return found


def _lupdate_sources(tmp_path: Path) -> set[tuple[str, str]]:
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [str(QT_BIN / "pyside6-lupdate"), "-silent", "-extensions", "py", "-locations", "none",
         str(REPO / "gui"), "-ts", str(fresh)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return {(context, source) for context, source, _ in _messages(fresh)}


def test_there_is_a_simplified_chinese_translation() -> None:
    assert [ts.name for ts in TS_FILES] == ["tunewatch_zh_CN.ts"]


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.stem)
def test_every_string_has_a_finished_translation_with_the_same_placeholders(ts: Path) -> None:
    problems = []
    for context, source, translation in _messages(ts):
        text = translation.text or ""
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not text.strip():
            problems.append(f"{context}: {source!r} is not translated")
        elif sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
            problems.append(f"{context}: {source!r} and {text!r} differ in their {{placeholders}}")
    assert problems == []


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.stem)
def test_the_ts_holds_every_translatable_string_of_the_sources(ts: Path, tmp_path: Path) -> None:
    in_sources = _lupdate_sources(tmp_path)
    in_ts = {(context, source) for context, source, _ in _messages(ts)}
    new = sorted(in_sources - in_ts)
    assert new == [], "run scripts/build_translations.sh and translate the new strings"
    # The check itself must see strings: an empty extraction would pass anything.
    assert ("TaskState", "Queued") in in_sources and len(in_sources) > 50


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.stem)
def test_the_shipped_qm_is_compiled_from_the_ts(ts: Path, tmp_path: Path) -> None:
    rebuilt = tmp_path / "rebuilt.qm"
    subprocess.run(
        [str(QT_BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(rebuilt)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    shipped = QM_FOLDER / f"{ts.stem}.qm"
    assert shipped.read_bytes() == rebuilt.read_bytes(), "run scripts/build_translations.sh"


def test_the_package_declares_the_qm_files_as_package_data() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"gui.i18n" = ["*.qm"]' in pyproject


def _marker_calls(tree: ast.AST) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "QT_TRANSLATE_NOOP"
    ]


def _core_files() -> list[Path]:
    package = REPO / "gui"
    return sorted(
        path for part in CORE_PARTS for path in ([package / part] if part.endswith(".py") else
                                                 (package / part).rglob("*.py"))
    )


def test_core_sentences_are_marked_at_module_level_with_plain_placeholders() -> None:
    # A sentence read back from the task list is matched against the templates recorded at
    # import: one marked inside a function would be unknown until that function ran.
    problems = []
    for path in _core_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        inside_functions = {
            id(call)
            for function in ast.walk(tree)
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            for call in _marker_calls(function)
        }
        for call in _marker_calls(tree):
            where = f"{path.relative_to(REPO)}:{call.lineno}"
            if id(call) in inside_functions:
                problems.append(f"{where}: marked inside a function")
            text = call.args[1] if len(call.args) == 2 else None
            if not (isinstance(text, ast.Constant) and isinstance(text.value, str)):
                problems.append(f"{where}: the marked text is not a string literal")
            elif "{" in PLACEHOLDER.sub("", text.value) or "}" in PLACEHOLDER.sub("", text.value):
                problems.append(f"{where}: only bare {{name}} placeholders can be matched back")
            elif "}{" in text.value:
                problems.append(f"{where}: two placeholders in a row cannot be told apart")
    assert problems == []


def test_every_marked_core_sentence_is_known_once_the_app_is_imported() -> None:
    probe = (
        "import gui.cli, gui.services, gui.ui.app\n"
        "from gui.domain.wording import marked_templates\n"
        "for context, text in marked_templates(): print(repr((context, text)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    known = {ast.literal_eval(line) for line in out.stdout.splitlines()}
    marked = set()
    for path in _core_files():
        for call in _marker_calls(ast.parse(path.read_text(encoding="utf-8"))):
            context, text = (arg.value for arg in call.args if isinstance(arg, ast.Constant))
            marked.add((context, text))
    assert marked, "no core sentence is marked: the scan found nothing"
    assert marked - known == set()
