"""User settings, declared once, kept in one JSON file (never an API key: those live in the
keyring). Unknown or broken values fall back to defaults instead of stopping the app."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from gui.domain.errors import InvalidBaseUrlError
from gui.domain.urls import validate_base_url
from gui.storage.atomic import write_atomically

log = logging.getLogger(__name__)

ACCOUNT_NAMES = ("mountsea", "sunor", "crun")
AUTO_PROVIDER = "auto"
APPEARANCES = ("system", "light", "dark")
DEFAULT_FILENAME_TEMPLATE = "{title} - {clip_id8}"
MIN_INTERVAL = 1.0
MAX_INTERVAL = 3600.0


@dataclass
class AccountSettings:
    base_url: str | None = None  # None: the provider's own
    interval: float | None = None  # seconds between checks; None: the provider's advice


@dataclass
class Settings:
    accounts: dict[str, AccountSettings] = field(
        default_factory=lambda: {name: AccountSettings() for name in ACCOUNT_NAMES}
    )
    download_folder: str | None = None  # None: the system's Music folder
    notifications: bool = True
    keep_finished: bool = True  # download finished tracks into the library automatically
    filename_template: str = DEFAULT_FILENAME_TEMPLATE
    artist: str | None = None
    album: str | None = None
    last_provider: str = AUTO_PROVIDER
    language: str = "system"  # "system" (the locale), "en" or "zh_CN"; read at start-up
    appearance: str = "system"  # "system" (the desktop's light/dark), "light" or "dark"
    ui: dict[str, str] = field(default_factory=dict)  # window layout, opaque to the core

    def account(self, name: str) -> AccountSettings:
        return self.accounts.setdefault(name, AccountSettings())

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> Settings:
        settings = cls()
        if not isinstance(data, dict):
            return settings
        for name, raw in (data.get("accounts") or {}).items():
            if name in ACCOUNT_NAMES and isinstance(raw, dict):
                settings.accounts[name] = AccountSettings(
                    base_url=_base_url(raw.get("base_url")), interval=_interval(raw.get("interval"))
                )
        for key in (
            "download_folder", "filename_template", "artist", "album", "last_provider", "language"
        ):
            value = data.get(key)
            if isinstance(value, str) and value.strip():
                setattr(settings, key, value)
        if data.get("appearance") in APPEARANCES:
            settings.appearance = data["appearance"]
        for key in ("notifications", "keep_finished"):
            if isinstance(data.get(key), bool):
                setattr(settings, key, data[key])
        ui = data.get("ui")
        if isinstance(ui, dict):
            settings.ui = {k: v for k, v in ui.items() if isinstance(k, str) and isinstance(v, str)}
        return settings


def load_settings(path: Path) -> Settings:
    try:
        return Settings.from_json(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as error:
        log.warning("settings in %s could not be read (%s); using defaults", path, error)
        return Settings()


def save_settings(path: Path, settings: Settings) -> None:
    text = json.dumps(settings.to_json(), indent=2, ensure_ascii=False)
    write_atomically(path, text.encode("utf-8"))


def _base_url(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return validate_base_url(value)
    except InvalidBaseUrlError as error:
        log.warning("ignoring a saved base URL: %s", error)
        return None


def _interval(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return min(max(float(value), MIN_INTERVAL), MAX_INTERVAL)
