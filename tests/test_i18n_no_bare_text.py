"""No user-visible text in the window goes around the translation: a string literal handed
straight to a Qt text setter (setText, setToolTip, QPushButton("…"), showMessage …) fails here.
Wrap it in self.tr / QCoreApplication.translate / gui.i18n.translate instead."""

from __future__ import annotations

import ast
import re
from pathlib import Path

UI = Path(__file__).resolve().parents[1] / "gui" / "ui"
# Calls whose text arguments a person reads.
TEXT_CALLS = {
    "setText",
    "setToolTip",
    "setPlaceholderText",
    "setWindowTitle",
    "setStatusTip",
    "setWhatsThis",
    "setSpecialValueText",
    "setSuffix",
    "setPrefix",
    "addItem",
    "addAction",
    "addMenu",
    "addRow",
    "showMessage",
    "show_message",
    "show_banner",
    "setTitle",
    "setHorizontalHeaderLabels",
    "setLabelText",
    "setInformativeText",
    "setDetailedText",
    "QPushButton",
    "QLabel",
    "QAction",
    "QCheckBox",
    "QGroupBox",
    "QRadioButton",
    "QToolButton",
    "QMessageBox",
    "QFileDialog",
}
TITLE_SECOND = {"QMessageBox", "QFileDialog"}
WORDS = re.compile(r"[A-Za-z]{2,}")
# Not words for a person: names, numbers, symbols.
ALLOWED = {"Tunewatch", "English", "PySide6", "Python", "JSON"}


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def bare_texts(source: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and _call_name(node) in TEXT_CALLS):
            continue
        # The text is the first argument (a dialog's title the second); later ones are data.
        texts = node.args[1:3] if _call_name(node) in TITLE_SECOND else node.args[:1]
        for arg in texts:
            if isinstance(arg, ast.List | ast.Tuple):
                parts = list(arg.elts)
            elif isinstance(arg, ast.JoinedStr):
                parts = list(arg.values)
            else:
                parts = [arg]
            for part in parts:
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    words = set(WORDS.findall(part.value)) - ALLOWED
                    if words:
                        found.append((node.lineno, part.value))
    return found


def test_no_window_text_bypasses_translation() -> None:
    problems = [
        f"{path.relative_to(UI.parents[1])}:{line}: {text!r}"
        for path in sorted(UI.rglob("*.py"))
        for line, text in bare_texts(path.read_text(encoding="utf-8"))
    ]
    assert problems == [], "wrap these in self.tr(...) or translate(...)"


def test_the_scan_finds_a_bare_text() -> None:
    source = 'b = QPushButton("Open folder")\nlabel.setText(f"Saved {n} files")\nx.setText(self.tr("ok"))\n'
    assert sorted({line for line, _ in bare_texts(source)}) == [1, 2]
