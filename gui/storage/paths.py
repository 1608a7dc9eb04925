"""Where Tunewatch keeps its files. `TUNEWATCH_HOME` puts everything in one folder (tests,
several profiles, the demo); otherwise the OS's usual places, from platformdirs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "tunewatch"


@dataclass(frozen=True, slots=True)
class AppPaths:
    data: Path  # the ledger, the archive of finished tracks
    config: Path  # settings
    cache: Path  # cover art

    @property
    def ledger(self) -> Path:
        return self.data / "tasks.sqlite3"

    @property
    def library(self) -> Path:
        return self.data / "library"

    @property
    def logs(self) -> Path:
        """The folder of tunewatch.log and its rotations: the data folder itself."""
        return self.data

    @property
    def settings(self) -> Path:
        return self.config / "settings.json"

    def demo(self) -> AppPaths:
        """The demo's own profile, so demo tasks never mix with a real library."""
        return AppPaths(self.data / "demo", self.config / "demo", self.cache / "demo")


def app_paths(env: dict[str, str] | None = None) -> AppPaths:
    environ = os.environ if env is None else env
    home = environ.get("TUNEWATCH_HOME")
    if home:
        root = Path(home).expanduser()
        return AppPaths(root / "data", root / "config", root / "cache")
    return AppPaths(
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
    )
