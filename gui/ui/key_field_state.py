"""What the Settings dialog's key row may offer, from where the key is (keyring, environment,
nowhere) and whether a keyring can store one: a field whose placeholder tells the truth, "Test
key" only with a key to test, "Remove key" only with a key in the keyring — each disabled button
saying why. And, without a keyring, one plain sentence of what is missing and the way forward."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from gui.storage.key_env import env_var_name
from gui.storage.key_rules import ACCOUNTS, KeyLookup, KeySource

# Literal QCoreApplication.translate calls, no helper around them: pyside6-lupdate only sees
# strings written in the call itself.


@dataclass(frozen=True)
class KeyFieldState:
    source_text: str  # the line under the field: where the key comes from
    editable: bool  # whether typing a key could be saved
    placeholder: str
    testable: bool  # a key exists that "Test key" can test (typing one also enables it)
    test_tip: str
    removable: bool  # a key is in the keyring that "Remove key" can remove
    remove_tip: str


def key_field_state(account: str, lookup: KeyLookup | None, keyring_usable: bool) -> KeyFieldState:
    """`lookup` None: the keyring could not be read (locked, refused)."""
    variable = env_var_name(account)
    if lookup is not None and lookup.source is KeySource.ENV:
        where = QCoreApplication.translate(
            "KeyFieldState", "Set by the environment variable {variable}."
        ).format(variable=variable)
        return KeyFieldState(
            source_text=where,
            editable=False,
            placeholder=QCoreApplication.translate("KeyFieldState", "Set by {variable}").format(
                variable=variable
            ),
            testable=True,
            test_tip=QCoreApplication.translate(
                "KeyFieldState", "Ask the provider for the balance with this key"
            ),
            removable=False,
            remove_tip=QCoreApplication.translate(
                "KeyFieldState",
                "The key comes from {variable}: remove it from the environment instead",
            ).format(variable=variable),
        )
    if not keyring_usable:
        return KeyFieldState(
            source_text=QCoreApplication.translate(
                "KeyFieldState", "Not set. Set {variable} (see above)."
            ).format(variable=variable),
            editable=False,
            placeholder=QCoreApplication.translate(
                "KeyFieldState", "No keyring: set {variable} instead"
            ).format(variable=variable),
            testable=False,
            test_tip=QCoreApplication.translate("KeyFieldState", "There is no key to test"),
            removable=False,
            remove_tip=QCoreApplication.translate("KeyFieldState", "No key is stored"),
        )
    stored = lookup is not None and lookup.source is KeySource.KEYRING
    if stored:
        assert lookup is not None
        return KeyFieldState(
            source_text=QCoreApplication.translate("KeyFieldState", "Stored in {keyring}.").format(
                keyring=lookup.backend or "keyring"
            ),
            editable=True,
            placeholder=QCoreApplication.translate(
                "KeyFieldState", "Paste a new key to replace the stored one"
            ),
            testable=True,
            test_tip=QCoreApplication.translate(
                "KeyFieldState", "Ask the provider for the balance with the stored key"
            ),
            removable=True,
            remove_tip=QCoreApplication.translate(
                "KeyFieldState", "Remove the stored key when you save"
            ),
        )
    unreadable = lookup is None
    return KeyFieldState(
        source_text=QCoreApplication.translate("KeyFieldState", "The keyring could not be read.")
        if unreadable
        else QCoreApplication.translate("KeyFieldState", "Not set."),
        editable=not unreadable,
        placeholder=QCoreApplication.translate("KeyFieldState", "Paste the API key"),
        testable=False,
        test_tip=QCoreApplication.translate("KeyFieldState", "Paste a key first, then test it"),
        removable=False,
        remove_tip=QCoreApplication.translate("KeyFieldState", "No key is stored"),
    )


def no_keyring_text() -> str:
    """What is missing and the way forward, in words; the technical reason goes in a tooltip."""
    variables = ", ".join(env_var_name(account) for account in ACCOUNTS)
    return QCoreApplication.translate(
        "KeyFieldState",
        "Keys cannot be saved: no system keyring (GNOME Keyring, KWallet) is running.\n"
        "Start one and open Settings again, or give each key in an environment variable "
        "({variables}). For Tunewatch started from a menu, put a line such as "
        "TUNEWATCH_KEY_SUNOR=your-key into ~/.config/environment.d/tunewatch.conf and log in "
        "again.",
    ).format(variables=variables)
