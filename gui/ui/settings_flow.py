"""The settings dialog's round trip: open it filled from the keyring, test a key against the
balance endpoint, validate and save settings and keys, and let paused tasks try again."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from PySide6.QtCore import QObject

from gui.domain.errors import InvalidBaseUrlError, ProviderError
from gui.domain.urls import validate_base_url
from gui.domain.wording import localize
from gui.i18n import translate
from gui.media.naming import parse_template
from gui.polling.status_check import check_balance
from gui.providers import PROVIDERS, get_provider
from gui.services import Services
from gui.storage.key_rules import ACCOUNTS, CredentialError, KeyLookup
from gui.storage.settings import Settings
from gui.ui.appearance import apply_appearance
from gui.ui.key_field_state import key_field_state, no_keyring_text
from gui.ui.main_window import MainWindow
from gui.ui.notifier import Notifier
from gui.ui.settings_dialog import SettingsDialog

Spawn = Callable[[Coroutine[Any, Any, Any]], "asyncio.Task[Any]"]


class SettingsFlow(QObject):
    def __init__(
        self,
        services: Services,
        window: MainWindow,
        spawn: Spawn,
        notifier: Notifier,
        keys_changed: Callable[[], Awaitable[None]],
    ) -> None:
        super().__init__(window)
        self.services = services
        self.window = window
        self.engine = services.engine
        self._spawn = spawn
        self._notifier = notifier
        self._keys_changed = keys_changed  # e.g. re-learn the keys a paste must never add
        self.dialog: SettingsDialog | None = None

    def open_settings(self, account: str = "") -> None:
        if self.dialog is None:
            dialog = SettingsDialog(self.services.settings, self.window)
            dialog.save_requested.connect(self.save_settings)
            dialog.test_key_requested.connect(self.test_key)
            dialog.finished.connect(self._settings_closed)
            self.dialog = dialog
            self._spawn(self._fill_settings(dialog))
        self.dialog.show()
        self.dialog.raise_()
        if account in ACCOUNTS:
            self.dialog.forms[account].key.setFocus()

    def _settings_closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    async def _fill_settings(self, dialog: SettingsDialog) -> None:
        if self.services.is_demo:
            dialog.set_keys_notice(
                self.tr("The demo uses built-in keys for its fake server; your keys are not used.")
            )
            for account in ACCOUNTS:
                dialog.set_key_source(account, self.tr("demo key"), False)
            return
        status = await self.services.store.backend_status()
        if self.dialog is not dialog:
            return  # closed while the keyring answered
        if status.usable:
            dialog.set_keyring_status(status.describe(), True)
        else:
            # Plain words and the way forward; the technical reason is for support (tooltip).
            dialog.set_keyring_status(no_keyring_text(), False)
            dialog.keyring_label.setToolTip(localize(status.describe(), translate))
        for account in ACCOUNTS:
            try:
                lookup: KeyLookup | None = await self.services.store.get_key(account)
            except CredentialError as error:
                lookup = None
                dialog.set_test_result(account, error.message, False)
            if self.dialog is dialog:
                dialog.apply_key_state(account, key_field_state(account, lookup, status.usable))

    def save_settings(self, settings: Settings, keys: dict[str, str]) -> None:
        dialog = self.dialog
        for account in ACCOUNTS:
            url = settings.account(account).base_url
            if url:
                try:
                    settings.account(account).base_url = validate_base_url(url)
                except InvalidBaseUrlError as error:
                    if dialog:
                        dialog.show_error(str(error))
                    return
        try:
            parse_template(settings.filename_template)
        except ValueError as error:
            if dialog:
                dialog.show_error(str(error))
            return
        self._spawn(self._save_settings(settings, keys))

    async def _save_settings(self, settings: Settings, keys: dict[str, str]) -> None:
        dialog = self.dialog
        store = self.services.store
        for account, key in keys.items():
            try:
                if key:
                    await store.set_key(account, key)
                else:
                    await store.delete_key(account)
            except CredentialError as error:
                if dialog:
                    dialog.show_error(error.message)
                return
        settings.ui = self.services.settings.ui
        settings.last_provider = self.services.settings.last_provider
        self.services.settings = settings
        self._notifier.enabled = settings.notifications
        apply_appearance(settings.appearance)  # light/dark at once, no restart
        try:
            self.services.save_settings()
        except OSError as error:
            if dialog:
                dialog.show_error(
                    self.tr("The settings could not be saved: {reason}").format(reason=error)
                )
            return
        for account in ACCOUNTS:
            self.engine.key_changed(account)  # a new key or URL: paused tasks try again
        await self._keys_changed()
        if dialog:
            dialog.accept()
        self.window.statusBar().showMessage(self.tr("Settings saved."), 3000)

    def test_key(self, account: str, typed_key: str, base_url: str) -> None:
        self._spawn(self._test_key(account, typed_key, base_url))

    async def _test_key(self, account: str, typed_key: str, base_url: str) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        provider = next(p for p in PROVIDERS.values() if p.account == account)
        dialog.set_test_result(account, self.tr("Asking for the balance…"), True)
        key = typed_key or await self.services.key_for(account)
        if not key:
            dialog.set_test_result(
                account, self.tr("There is no key to test: paste one first."), False
            )
            return
        try:
            url = validate_base_url(base_url or self.services.base_url(provider.id))
            balance = await check_balance(self.services.client, get_provider(provider.id), url, key)
        except (ProviderError, InvalidBaseUrlError) as error:
            message = (
                error.describe(translate)
                if isinstance(error, ProviderError)
                else localize(str(error), translate)
            )
            if self.dialog is dialog:
                dialog.set_test_result(account, f"✖ {message}", False)
            return
        if self.dialog is dialog:
            text = self.tr("✔ The key works. Balance: {amount} {unit}.").format(
                amount=f"{balance.amount:g}", unit=localize(balance.unit, translate)
            )
            if balance.detail:
                text = self.tr("✔ The key works. Balance: {amount} {unit} ({detail}).").format(
                    amount=f"{balance.amount:g}",
                    unit=localize(balance.unit, translate),
                    detail=localize(balance.detail, translate),
                )
            dialog.set_test_result(account, text, True)
