"""Which language Tunewatch speaks, and the translators that speak it.

Translation is process-wide in Qt (installed translators belong to the application), so the
loaded translators are kept here, once per process: the terminal commands call `translate`
directly (a QTranslator works without an application instance), the window installs them on its
QApplication. QtCore is imported only when a translation is loaded, so an English terminal
command never loads Qt."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator

# The Settings choices: follow the system locale, or force one of the shipped languages.
LANGUAGE_CHOICES = ("system", "en", "zh_CN")
SOURCE_LANGUAGE = "en"
QM_FOLDER = Path(__file__).parent

# Kept referenced: Qt does not own an installed translator, and a collected one translates nothing.
_translators: list[QTranslator] = []
_language = SOURCE_LANGUAGE


def load_language(choice: str | None = "system") -> str:
    """Load the translation for a Settings choice ("system", "en", "zh_CN"; anything else counts
    as "system") and return the language now spoken ("en" when nothing matched)."""
    global _language
    _uninstall()
    _translators.clear()
    _language = SOURCE_LANGUAGE
    if choice == SOURCE_LANGUAGE:
        return _language
    forced = choice if choice in LANGUAGE_CHOICES and choice != "system" else None
    if forced is None and not _locale_may_want_a_translation():
        return _language  # an English (or C) locale: no need to load Qt at all
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

    locale = QLocale(forced) if forced else QLocale.system()
    ours = QTranslator()
    # Tries each of the locale's UI languages in turn (zh-Hans-CN, zh-CN, …) against our files.
    if not ours.load(locale, "tunewatch", "_", str(QM_FOLDER), ".qm"):
        return _language
    _translators.append(ours)
    # Qt's own words (standard dialog buttons, a line edit's context menu) in the same language.
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_own = QTranslator()
    if qt_own.load(locale, "qtbase", "_", qt_folder, ".qm"):
        _translators.append(qt_own)
    _language = ours.language() or SOURCE_LANGUAGE
    if QCoreApplication.instance() is not None:
        install_on_application()
    return _language


def active_language() -> str:
    return _language


def install_on_application() -> None:
    """Make `self.tr` and `QCoreApplication.translate` speak the loaded language (needs the app)."""
    if not _translators:
        return
    from PySide6.QtCore import QCoreApplication

    for translator in _translators:
        QCoreApplication.installTranslator(translator)


def translate(context: str, text: str) -> str:
    """`text` in the loaded language; the English source when it has no translation."""
    for translator in _translators:
        found = translator.translate(context, text)
        if found:
            return found
    return text


def _locale_may_want_a_translation() -> bool:
    """Whether a locale variable names a language we ship (Qt then decides exactly which)."""
    shipped = {qm.stem.removeprefix("tunewatch_").split("_")[0] for qm in QM_FOLDER.glob("*.qm")}
    names = ":".join(os.environ.get(v, "") for v in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"))
    wanted = {part.split("_")[0].split(".")[0].split("-")[0] for part in names.split(":")}
    return sys.platform in ("win32", "darwin") or bool(shipped & wanted)


def _uninstall() -> None:
    if not _translators:
        return
    from PySide6.QtCore import QCoreApplication

    if QCoreApplication.instance() is not None:
        for translator in _translators:
            QCoreApplication.removeTranslator(translator)
