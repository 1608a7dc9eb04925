"""`tunewatch status`: one status check from the terminal."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from gui.commands import exit_codes
from gui.commands.keys import KeyUnavailableError, print_key_problem, resolve_key
from gui.commands.render import summary
from gui.domain.errors import ProviderError
from gui.domain.model import TaskSnapshot
from gui.i18n import translate
from gui.polling.status_check import check_status, make_client
from gui.providers.base import Provider


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "task_id", metavar="TASK_ID", help=translate("Cli", "the task ID the provider gave you")
    )
    parser.add_argument(
        "--json", action="store_true", help=translate("Cli", "print one JSON object")
    )


async def fetch(provider: Provider, base_url: str, task_id: str, api_key: str) -> TaskSnapshot:
    async with make_client() as client:
        result = await check_status(client, provider, base_url, task_id, api_key)
    return result.snapshot


def run(args: argparse.Namespace, provider: Provider, base_url: str) -> int:
    try:
        api_key = resolve_key(provider.account)
        snapshot = asyncio.run(fetch(provider, base_url, args.task_id, api_key))
    except KeyUnavailableError as missing:
        print_key_problem(missing)
        return exit_codes.KEY_PROBLEM
    except ProviderError as error:
        print(f"tunewatch: {error.describe(translate)}", file=sys.stderr)
        return exit_codes.for_error(error)
    print(json.dumps(snapshot.to_json(), ensure_ascii=False) if args.json else summary(snapshot))
    return exit_codes.for_state(snapshot.state)
