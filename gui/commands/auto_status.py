"""`tunewatch status TASK_ID` without --provider (or with `--provider auto`): ask each account
that has a key which provider knows the ID, as the window's Auto does, and show that answer —
the probe is the status check, nothing is asked twice."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from gui.commands import exit_codes
from gui.commands.keys import KeyUnavailableError, print_key_problem, resolve_key
from gui.commands.render import localized, summary
from gui.domain.errors import InvalidBaseUrlError
from gui.domain.urls import validate_base_url
from gui.i18n import translate
from gui.polling.detect import Detection, detect_provider
from gui.polling.status_check import make_client
from gui.providers import PROVIDERS
from gui.providers.base import Provider
from gui.storage.credentials import CredentialStore
from gui.storage.key_env import env_var_name
from gui.storage.key_rules import ACCOUNTS
from gui.storage.paths import app_paths
from gui.storage.settings import load_settings

__all__ = ["run"]


async def _detect(task_id: str, keys: dict[str, str], base_urls: dict[str, str]) -> Detection:
    async def key_for(account: str) -> str | None:
        return keys.get(account)

    def base_url_for(provider: Provider) -> str:
        return base_urls[provider.id]

    async with make_client() as client:
        return await detect_provider(
            client, task_id, list(PROVIDERS.values()), key_for, base_url_for
        )


def _keys(store: CredentialStore) -> dict[str, str]:
    """The accounts that have a usable key (Auto asks only those)."""
    keys: dict[str, str] = {}
    for account in ACCOUNTS:
        try:
            keys[account] = resolve_key(account, store)
        except KeyUnavailableError:
            continue
    return keys


def run(args: argparse.Namespace) -> int:
    keys = _keys(CredentialStore())
    if not keys:
        variables = ", ".join(env_var_name(account) for account in ACCOUNTS)
        print_key_problem(
            KeyUnavailableError(
                translate("Terminal", "Set one of {variables} to your API key.").format(
                    variables=variables
                ),
                translate("Terminal", "Auto asks each account that has a key, and none has one."),
            )
        )
        return exit_codes.KEY_PROBLEM
    settings = load_settings(app_paths().settings)
    try:
        base_urls = {
            provider.id: validate_base_url(
                settings.account(provider.account).base_url or provider.default_base_url
            )
            for provider in PROVIDERS.values()
        }
    except InvalidBaseUrlError as bad:
        print(f"tunewatch: {localized(str(bad))}", file=sys.stderr)
        return exit_codes.USAGE
    found = asyncio.run(_detect(args.task_id, keys, base_urls))
    if found.provider is not None and found.answer is not None:
        snapshot = found.answer.snapshot
        print(
            json.dumps(snapshot.to_json(), ensure_ascii=False) if args.json else summary(snapshot)
        )
        return exit_codes.for_state(snapshot.state)
    if found.problems:
        # Nobody said "not found" for sure: offline, rate limited or failing. Say why, per account.
        for problem in found.problems:
            print(f"tunewatch: {localized(problem)}", file=sys.stderr)
        return exit_codes.UNAVAILABLE
    print(
        "tunewatch: "
        + translate("Terminal", "No account knows {id} (asked {providers}).").format(
            id=args.task_id, providers=", ".join(found.tried)
        ),
        file=sys.stderr,
    )
    return exit_codes.NOT_FOUND
