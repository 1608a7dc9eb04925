"""Translation of everything Tunewatch says (Qt's QTranslator; English is the source language).

The only part outside `gui.ui` that imports Qt, and only QtCore: the terminal commands translate
without a QCoreApplication, the window installs the same translators on its QApplication so
`self.tr` and `QCoreApplication.translate` use them. Imports nothing else of `gui`."""

from gui.i18n.translator import (
    LANGUAGE_CHOICES,
    active_language,
    install_on_application,
    load_language,
    translate,
)

__all__ = [
    "LANGUAGE_CHOICES",
    "active_language",
    "install_on_application",
    "load_language",
    "translate",
]
