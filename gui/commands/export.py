"""`tunewatch export`: check tasks once and export the finished ones to a folder.

stdout gets one line per exported file (its path), so scripts can use it; everything else goes to
stderr. The exit status is the worst outcome, as for `status`.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

import httpx

from gui.commands import exit_codes
from gui.commands.keys import KeyUnavailableError, print_key_problem, resolve_key
from gui.commands.render import localized
from gui.domain.errors import ProviderError, RateLimitedError
from gui.domain.model import TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.urls import is_local_address
from gui.i18n import translate
from gui.media.export_types import ExportError, ExportOptions, default_export_folder
from gui.media.exporter import export_snapshot
from gui.media.naming import parse_template
from gui.polling.account import AccountState
from gui.polling.schedule import RATE_LIMIT_DEFAULT_WAIT
from gui.polling.status_check import check_status, make_client
from gui.providers.base import Provider
from gui.storage.paths import app_paths
from gui.storage.settings import load_settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("task_ids", nargs="+", metavar="TASK_ID")
    parser.add_argument(
        "--dest",
        metavar="DIR",
        help=translate(
            "Cli",
            "folder to export into; default: the folder in the settings, else Music/Tunewatch",
        ),
    )
    parser.add_argument(
        "--template",
        metavar="T",
        help=translate("Cli", "file name template, e.g. {example} (placeholders: {placeholders})")
        .format(
            example='"{title} - {clip_id8}"',
            placeholders="{title} {clip_id8} {clip_id} {task_id} {provider} {model} {date} {n}",
        )
        .replace("%", "%%"),
    )
    parser.add_argument(
        "--artist", help=translate("Cli", "artist tag; default: the settings, else the provider")
    )
    parser.add_argument(
        "--album", help=translate("Cli", "album tag; default: the settings, else none")
    )


def run(args: argparse.Namespace, provider: Provider, base_url: str) -> int:
    settings = load_settings(app_paths().settings)
    template = args.template or settings.filename_template
    try:
        parse_template(template)
    except ValueError as bad:
        print(f"tunewatch: {localized(str(bad))}", file=sys.stderr)
        return exit_codes.USAGE
    dest = Path(args.dest or settings.download_folder or default_export_folder()).expanduser()
    options = ExportOptions(
        dest=dest,
        template=template,
        artist=args.artist or settings.artist,
        album=args.album or settings.album,
    )
    try:
        api_key = resolve_key(provider.account)
    except KeyUnavailableError as missing:
        print_key_problem(missing)
        return exit_codes.KEY_PROBLEM
    # The same rule as the window (Services.provider_is_local): a gateway on this machine or
    # on the local network may serve its media from there too.
    allow_local = is_local_address(base_url)
    return asyncio.run(
        export_tasks(provider, base_url, args.task_ids, api_key, options, allow_local)
    )


async def export_tasks(
    provider: Provider,
    base_url: str,
    task_ids: list[str],
    api_key: str,
    options: ExportOptions,
    allow_local: bool,
) -> int:
    codes: list[int] = []
    # Every check (and fresh-link re-check) keeps to the account's budget and Retry-After, as
    # the engine's do: a list of 500 sunor IDs must not go over its 120 requests a minute.
    account = AccountState(provider.account, [provider.poll_policy])
    async with make_client() as client:
        for task_id in task_ids:
            code = await _export_task(
                client, provider, base_url, task_id, api_key, options, allow_local, account
            )
            codes.append(code)
            if code == exit_codes.KEY_PROBLEM:
                break  # the same key will be refused for every other task
    return exit_codes.worst(codes)


async def _export_task(
    client: httpx.AsyncClient,
    provider: Provider,
    base_url: str,
    task_id: str,
    api_key: str,
    options: ExportOptions,
    allow_local: bool,
    account: AccountState,
) -> int:
    async def check() -> TaskSnapshot:
        sent = await account.take_turn(0.0)
        try:
            result = await check_status(client, provider, base_url, task_id, api_key)
        except ProviderError as error:
            account.obey_rate_headers(error.rate_limit)
            if isinstance(error, RateLimitedError):
                account.start_rate_limit(error.retry_after or RATE_LIMIT_DEFAULT_WAIT)
            raise
        finally:
            account.end_turn(sent)
        account.obey_rate_headers(result.rate_limit)
        return result.snapshot

    try:
        snapshot = await check()
    except ProviderError as error:
        _say(f"{task_id}: {error.describe(translate)}")
        return exit_codes.for_error(error)
    if snapshot.state is not TaskState.SUCCEEDED:
        state = translate("TaskState", snapshot.state.label)
        if snapshot.error:
            state = translate("Terminal", "{state}: {reason}").format(
                state=state, reason=localized(snapshot.error.message)
            )
        _say(
            translate("Terminal", "{id}: {state} — nothing exported.").format(
                id=task_id, state=state
            )
        )
        return exit_codes.for_state(snapshot.state)
    try:
        result = await export_snapshot(
            client, snapshot, options, allow_local=allow_local, refresh=check
        )
    except ExportError as error:
        if error.partial is not None:
            _print_files(error.partial.files)
        _say(f"{task_id}: {localized(error.message)}")
        return exit_codes.UNAVAILABLE
    _print_files(result.files)
    for warning in result.all_warnings:
        _say(
            translate("Terminal", "{id}: warning: {warning}").format(
                id=task_id, warning=localized(warning)
            )
        )
    if not result.clips:
        _say(
            translate("Terminal", "{id}: finished, but there was nothing to export.").format(
                id=task_id
            )
        )
    return exit_codes.SUCCEEDED


def _print_files(files: tuple[Path, ...]) -> None:
    for path in files:
        print(path.resolve(), flush=True)


def _say(line: str) -> None:
    print(f"tunewatch: {line}", file=sys.stderr, flush=True)
