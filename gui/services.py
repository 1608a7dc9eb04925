"""Assembling the app's parts (Qt-free): paths, settings, ledger, HTTP client, keys, engine —
for a real profile or for the demo, whose fake provider server runs inside the app."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from gui.domain.urls import is_local_address
from gui.fake_provider import DEMO_KEYS, FakeProviderServer, demo_duration_range, demo_tasks
from gui.media.export_types import default_export_folder
from gui.media.stale_parts import remove_stale_parts, remove_stale_parts_in_library
from gui.polling.engine import AccountConfig, Engine
from gui.polling.status_check import make_client
from gui.providers import PROVIDERS
from gui.providers.base import PollPolicy
from gui.storage.credentials import CredentialStore
from gui.storage.key_rules import ACCOUNTS
from gui.storage.ledger import Ledger
from gui.storage.log_file import register_secret
from gui.storage.paths import AppPaths
from gui.storage.settings import Settings, load_settings, save_settings
from gui.storage.task_list_file import ImportPlan, plan_import, read_document


@dataclass
class Services:
    paths: AppPaths
    settings: Settings
    ledger: Ledger
    client: httpx.AsyncClient
    store: CredentialStore
    engine: Engine
    demo_server: FakeProviderServer | None = None
    demo_keys: dict[str, str] = field(default_factory=dict)

    @property
    def is_demo(self) -> bool:
        return self.demo_server is not None

    async def key_for(self, account: str) -> str | None:
        if self.demo_keys:
            key = self.demo_keys.get(account)
        else:
            key = (await self.store.get_key(account)).key
        register_secret(key)  # masked in every log line from now on
        return key

    def account_config(self, account: str) -> AccountConfig:
        values = self.settings.account(account)
        return AccountConfig(base_url=values.base_url, interval=values.interval)

    def base_url(self, provider_id: str) -> str:
        provider = PROVIDERS[provider_id]
        return (
            self.settings.account(provider.account).base_url or provider.default_base_url
        ).rstrip("/")

    def provider_is_local(self, provider_id: str) -> bool:
        return is_local_address(self.base_url(provider_id))

    def remove_stale_parts(self) -> int:
        """Delete the hidden .part files of downloads killed mid-way (a crash, kill -9) in the
        library and the export folder; returns how many. Blocking: run it off the event loop."""
        removed = remove_stale_parts_in_library(self.paths.library)
        folder = self.settings.download_folder
        removed += remove_stale_parts(Path(folder) if folder else default_export_folder())
        return len(removed)

    def save_settings(self) -> None:
        save_settings(self.paths.settings, self.settings)

    def plan_import(self, data: bytes) -> ImportPlan:
        """What importing a task-list file would do; raises TaskListFileError for a bad file."""
        incoming = read_document(data, PROVIDERS)
        # The engine reads a task that finished before start from the ledger (engine.get).
        known = {task.key: self.engine.get(task.key) for task in incoming}
        return plan_import({key: task for key, task in known.items() if task}, incoming)

    def apply_import(self, plan: ImportPlan) -> None:
        """New tasks join the engine (polled when active); a merged task replaces the tracked
        one, with the union of both histories."""
        for task in plan.added:
            self.engine.restore(task)
        for task in plan.merged:
            self.engine.remove(task.key)
            self.engine.restore(task)

    async def close(self) -> None:
        """Stop polls first, then the client, then the files (style.md's shutdown order)."""
        await self.engine.close()
        await self.client.aclose()
        self.ledger.close()
        if self.demo_server is not None:
            self.demo_server.stop()


def open_services(
    paths: AppPaths,
    store: CredentialStore,
    *,
    demo: bool = False,
    policies: Mapping[str, PollPolicy] | None = None,
) -> Services:
    """`policies` replaces the providers' pacing (tests use short intervals)."""
    if demo:
        return _open_demo(paths.demo(), store)
    settings = load_settings(paths.settings)
    return _assemble(paths, settings, store, policies=policies)


def _assemble(
    paths: AppPaths,
    settings: Settings,
    store: CredentialStore,
    demo_server: FakeProviderServer | None = None,
    demo_keys: dict[str, str] | None = None,
    policies: Mapping[str, PollPolicy] | None = None,
    documented_durations: Mapping[str, tuple[float, float]] | None = None,
) -> Services:
    ledger = Ledger(paths.ledger)
    client = make_client()
    holder: list[Services] = []

    async def keys(account: str) -> str | None:
        return await holder[0].key_for(account)

    engine = Engine(
        ledger,
        client,
        keys,
        lambda account: holder[0].account_config(account),
        policies=policies,
        documented_durations=documented_durations,
    )
    services = Services(
        paths, settings, ledger, client, store, engine, demo_server, dict(demo_keys or {})
    )
    holder.append(services)
    return services


def _open_demo(paths: AppPaths, store: CredentialStore) -> Services:
    server = FakeProviderServer().start()
    settings = load_settings(paths.settings)
    for account in ACCOUNTS:
        settings.account(account).base_url = server.base_url
    services = _assemble(
        paths,
        settings,
        store,
        server,
        {str(k): v for k, v in DEMO_KEYS.items()},
        # The demo's tasks take seconds, not the minutes the providers document.
        documented_durations=dict.fromkeys(PROVIDERS, demo_duration_range()),
    )
    # Finished demo tasks stay finished (their tracks are kept locally); one still running
    # when the demo was left refers to a server that is gone, so it starts again on this one.
    for task in services.ledger.unfinished():
        services.ledger.remove(task.key)
    server.add_tasks(demo_tasks())
    return services


def demo_task_ids() -> list[tuple[str, str]]:
    return [(provider_id, task_id) for provider_id, task_id, _script in demo_tasks()]
