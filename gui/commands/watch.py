"""`tunewatch watch`: track tasks in the ledger and follow them until every one has ended."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from datetime import datetime

from gui.commands import exit_codes
from gui.commands.keys import KeyUnavailableError, print_key_problem, resolve_key
from gui.commands.render import localized
from gui.domain.durations import format_duration
from gui.domain.events import AccountProblem, EngineEvent, TaskAdded, TaskUpdated
from gui.domain.tracked_task import TaskKey, TrackedTask, Watch
from gui.i18n import translate
from gui.polling.engine import AccountConfig, Engine
from gui.polling.status_check import make_client
from gui.providers.base import Provider
from gui.storage.credentials import CredentialStore
from gui.storage.ledger import Ledger
from gui.storage.paths import app_paths
from gui.storage.settings import MAX_INTERVAL, MIN_INTERVAL, load_settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("task_ids", nargs="+", metavar="TASK_ID")
    parser.add_argument(
        "--json", action="store_true", help=translate("Cli", "one JSON object per state change")
    )
    parser.add_argument(
        "--interval",
        type=float,
        metavar="SECONDS",
        help=translate(
            "Cli",
            "check every SECONDS instead of the provider's advice (never faster than its "
            "per-task limit; rate limits still apply); default: the interval in Settings",
        ),
    )


def outcome(task: TrackedTask) -> int | None:
    """The exit status a task contributes once it has ended; None while it is still followed."""
    if task.watch is Watch.NOT_FOUND:
        return exit_codes.NOT_FOUND
    if task.watch is Watch.GIVEN_UP:
        return exit_codes.NOT_FINISHED
    if task.state is not None and task.state.is_terminal:
        return exit_codes.for_state(task.state)
    return None


class _Follower:
    def __init__(
        self, keys: set[TaskKey], account: str, as_json: bool, provider_name: str = ""
    ) -> None:
        self.keys = keys
        self.account = account
        self.as_json = as_json
        self.provider_name = provider_name or account
        self.offline = False  # an outage was said: its end is said too, once
        self.finished = asyncio.Event()
        self.results: dict[TaskKey, int] = {}
        self.key_problem: str | None = None
        self._last_shown: dict[TaskKey, str] = {}

    def __call__(self, event: EngineEvent) -> None:
        if isinstance(event, AccountProblem):
            if event.account == self.account and event.kind == "offline":
                # The engine says an outage once for the account (not per task and retry).
                if event.message or self.offline:
                    said = localized(event.message) if event.message else None
                    said = said or translate("Terminal", "{provider} is reachable again.").format(
                        provider=self.provider_name
                    )
                    print(f"tunewatch: {said}", file=sys.stderr, flush=True)
                self.offline = bool(event.message)
            elif event.account == self.account and event.message:
                print(f"tunewatch: {localized(event.message)}", file=sys.stderr, flush=True)
                if event.kind == "auth":
                    self.key_problem = event.message
                    self.finished.set()
            return
        if not isinstance(event, TaskAdded | TaskUpdated) or event.task.key not in self.keys:
            return
        self.show(event.task)

    def show(self, task: TrackedTask) -> None:
        # A line per change of what the task shows, not per poll: compare without the time
        # stamp, or every poll that lands in a new second would repeat the same state.
        shown = self._line(task, None)
        if shown != self._last_shown.get(task.key):
            self._last_shown[task.key] = shown
            print(self._line(task, datetime.now().astimezone()), flush=True)
        result = outcome(task)
        if result is not None:
            self.results[task.key] = result
            if set(self.results) >= self.keys:
                self.finished.set()

    def _line(self, task: TrackedTask, at: datetime | None) -> str:
        return self._json_line(task, at) if self.as_json else self._text_line(task, at)

    def _json_line(self, task: TrackedTask, at: datetime | None) -> str:
        body = (
            task.snapshot.to_json()
            if task.snapshot
            else {
                "provider": task.provider,
                "task_id": task.task_id,
                "state": None,
            }
        )
        body["watch"] = task.watch.value
        body["problem"] = task.problem
        body["at"] = at.isoformat(timespec="seconds") if at else None
        return json.dumps(body, ensure_ascii=False)

    def _text_line(self, task: TrackedTask, at: datetime | None) -> str:
        stamp = at.strftime("%H:%M:%S") if at else "--:--:--"
        if task.state:
            what = translate("TaskState", task.state.label)
        else:
            what = translate("TaskText", "Queued for check")
        snapshot = task.snapshot
        if snapshot and snapshot.progress is not None and not snapshot.state.is_terminal:
            what += f" {snapshot.progress:.0%}"
        if task.watch is Watch.NOT_FOUND:
            what = translate("Terminal", "Not found")
        elif task.watch is Watch.GIVEN_UP:
            what = translate("Terminal", "Given up")
        parts = [f"{stamp}  {task.task_id}  {what}"]
        if snapshot and snapshot.clips and snapshot.state.is_terminal:
            titles = ", ".join(
                f"{c.title or c.id} ({format_duration(c.duration)})"
                if c.duration
                else (c.title or c.id or "?")
                for c in snapshot.clips
            )
            parts.append(titles)
        if snapshot and snapshot.error:
            parts.append(localized(snapshot.error.message))
        if task.problem:
            parts.append(localized(task.problem))
        return " — ".join(parts)


async def follow(
    provider: Provider,
    base_url: str,
    task_ids: list[str],
    as_json: bool,
    store: CredentialStore,
    interval: float | None = None,
) -> int:
    ledger = Ledger(app_paths().ledger)
    client = make_client()

    async def key_for(account: str) -> str | None:
        # Same wording as `tunewatch status` (which variable to set, why the keyring failed),
        # not the window's "add one in Settings"; the engine reports the exception's text.
        return await asyncio.to_thread(resolve_key, account, store)

    settings = load_settings(app_paths().settings)

    def accounts(account: str) -> AccountConfig:
        saved = settings.account(account)
        if account != provider.account:
            return AccountConfig(base_url=saved.base_url, interval=saved.interval)
        return AccountConfig(base_url=base_url, interval=interval or saved.interval)

    engine = Engine(ledger, client, key_for, accounts)
    keys = {(provider.id, task_id) for task_id in task_ids}
    follower = _Follower(keys, provider.account, as_json, provider.name)
    engine.subscribe(follower)
    try:
        engine.start(only=keys)
        for task_id in task_ids:
            task, created = engine.add(provider.id, task_id)
            if not created:
                follower.show(task)
                if task.watch in (Watch.PAUSED, Watch.GIVEN_UP, Watch.NOT_FOUND):
                    engine.resume(task.key)
        await follower.finished.wait()
    finally:
        await engine.close()
        await client.aclose()
        ledger.close()
    if follower.key_problem:
        return exit_codes.KEY_PROBLEM
    return exit_codes.worst(list(follower.results.values()))


def run(args: argparse.Namespace, provider: Provider, base_url: str) -> int:
    if args.interval is not None and not MIN_INTERVAL <= args.interval <= MAX_INTERVAL:
        print(
            "tunewatch: "
            + translate("Terminal", "--interval must be between {low} and {high} seconds.").format(
                low=f"{MIN_INTERVAL:g}", high=f"{MAX_INTERVAL:g}"
            ),
            file=sys.stderr,
        )
        return exit_codes.USAGE
    store = CredentialStore()
    try:
        # Fail now, like `tunewatch status`, not when the first poll is due (crun: 15 s).
        resolve_key(provider.account, store)
    except KeyUnavailableError as missing:
        print_key_problem(missing)
        return exit_codes.KEY_PROBLEM
    return asyncio.run(
        follow(provider, base_url, args.task_ids, args.json, store, interval=args.interval)
    )
