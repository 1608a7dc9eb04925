"""The `tunewatch` command: the window by default, terminal subcommands for scripts."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from gui import __version__
from gui.commands import (
    auto_status,
    desktop_entry,
    exit_codes,
    export,
    import_tasks,
    list_tasks,
    status,
    watch,
)
from gui.commands.render import localized
from gui.domain.errors import InvalidBaseUrlError, InvalidTaskIdError
from gui.domain.task_ids import validate_task_id
from gui.domain.urls import validate_base_url
from gui.domain.wording import QT_TRANSLATE_NOOP
from gui.i18n import load_language, translate
from gui.providers import PROVIDER_IDS, get_provider
from gui.storage.log_file import setup_logging
from gui.storage.paths import app_paths
from gui.storage.settings import AUTO_PROVIDER, load_settings

PROVIDER_COMMANDS = {"status": status, "watch": watch, "export": export}
SUBCOMMANDS = {*PROVIDER_COMMANDS, "list", "import"}
# argparse's own usage errors (English from the standard library), worded when printed.
ARGPARSE_WORDS = (
    QT_TRANSLATE_NOOP("Cli", "the following arguments are required: {names}"),
    QT_TRANSLATE_NOOP("Cli", "unrecognized arguments: {words}"),
    QT_TRANSLATE_NOOP("Cli", "argument {name}: invalid choice: {value} (choose from {choices})"),
    QT_TRANSLATE_NOOP("Cli", "argument {name}: expected one argument"),
    QT_TRANSLATE_NOOP("Cli", "argument {name}: invalid float value: {value}"),
)


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        # "" is argparse building a subcommand's name: no prefix there.
        if prefix is None:
            prefix = translate("Cli", "usage: ")
        super().add_usage(usage, actions, groups, prefix)


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit with our status 2 and a one-line message, and its own
    headings in the user's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = translate("Cli", "positional arguments")
        self._optionals.title = translate("Cli", "options")
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = translate("Cli", "show this help message and exit")

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"tunewatch: {localized(message)}", file=sys.stderr)
        raise SystemExit(exit_codes.USAGE)


def _add_provider_arguments(
    parser: argparse.ArgumentParser, required: bool, *, auto: bool = False
) -> None:
    parser.add_argument(
        "--provider",
        choices=(*PROVIDER_IDS, AUTO_PROVIDER) if auto else PROVIDER_IDS,
        required=required,
        help=translate("Cli", "which API the task belongs to"),
    )
    parser.add_argument(
        "--base-url",
        metavar="URL",
        help=translate(
            "Cli", "API base URL (https; http only on loopback); default: the provider's own"
        ),
    )
    add_verbose_argument(parser)


def add_verbose_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--verbose",
        action="store_true",
        help=translate("Cli", "log every step to standard error (DEBUG)"),
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tunewatch",
        description=translate("Cli", "Track AI-music generation tasks."),
        epilog=translate(
            "Cli",
            "Without a command, `tunewatch [--provider P] [--base-url URL] [--demo] "
            "[TASK_ID ...]` opens the window (with those tasks added).",
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"tunewatch {__version__}",
        help=translate("Cli", "show the version and exit"),
    )
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    status_parser = commands.add_parser("status", help=translate("Cli", "check one task once"))
    _add_provider_arguments(status_parser, required=False, auto=True)  # none: Auto
    status.add_arguments(status_parser)
    watch_parser = commands.add_parser(
        "watch", help=translate("Cli", "track tasks and follow them until they end")
    )
    _add_provider_arguments(watch_parser, required=True)
    watch.add_arguments(watch_parser)
    export_parser = commands.add_parser(
        "export", help=translate("Cli", "export finished tasks to a folder")
    )
    _add_provider_arguments(export_parser, required=True)
    export.add_arguments(export_parser)
    list_parser = commands.add_parser("list", help=translate("Cli", "list the tracked tasks"))
    list_tasks.add_arguments(list_parser)
    add_verbose_argument(list_parser)
    import_parser = commands.add_parser(
        "import", help=translate("Cli", "merge a task list file into the tracked tasks")
    )
    import_tasks.add_arguments(import_parser)
    add_verbose_argument(import_parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # The log file and the masking filter before anything can log (gui/storage/log_file.py).
    setup_logging(app_paths(), verbose="--verbose" in args_list)
    # The terminal speaks the window's language: Settings' choice, else the locale.
    load_language(load_settings(app_paths().settings).language)
    if args_list[:1] == ["--install-desktop-entry"]:
        return desktop_entry.run()
    if (args_list and args_list[0] in SUBCOMMANDS) or args_list[:1] in (
        ["-h"],
        ["--help"],
        ["--version"],
    ):
        return _run_command(args_list)
    return _open_window(args_list)


def build_window_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tunewatch",
        description=translate(
            "Cli",
            "Open the Tunewatch window (optionally with tasks added). "
            "Terminal commands: tunewatch {commands} --help.",
        ).format(commands="{status,watch,list,export}"),
    )
    _add_provider_arguments(parser, required=False)
    parser.add_argument(
        "--demo",
        action="store_true",
        help=translate("Cli", "open the demo (a fake provider inside the app)"),
    )
    parser.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help=translate(
            "Cli", "put Tunewatch in the desktop's application menu for this user, then exit"
        ),
    )
    parser.add_argument(
        "task_ids", nargs="*", metavar="TASK_ID", help=translate("Cli", "tasks to add")
    )
    return parser


def _base_url_without_provider() -> ValueError:
    """The same usage error for the window and `status` (whose Auto has no one address)."""
    return ValueError(
        translate("Cli", "--base-url needs --provider: which account's address is it?")
    )


def _open_window(args_list: list[str]) -> int:
    args = build_window_parser().parse_args(args_list)
    try:
        if args.base_url:
            if not args.provider:
                raise _base_url_without_provider()
            args.base_url = validate_base_url(args.base_url)
        if args.provider:
            get_provider(args.provider)
    except (InvalidBaseUrlError, ValueError) as bad:
        print(f"tunewatch: {localized(str(bad))}", file=sys.stderr)
        return exit_codes.USAGE
    from gui.ui.app import main as window_main  # Qt only when a window is wanted

    return window_main(args.task_ids, args.provider, args.base_url, args.demo)


def _run_command(args_list: list[str]) -> int:
    args = build_parser().parse_args(args_list)
    try:
        if args.command == "list":
            return list_tasks.run(args)
        if args.command == "import":
            return import_tasks.run(args)
        if args.command == "status" and args.provider in (None, AUTO_PROVIDER):
            return _run_auto_status(args)
        try:
            provider = get_provider(args.provider)
            saved = load_settings(app_paths().settings).account(provider.account).base_url
            base_url = validate_base_url(args.base_url or saved or provider.default_base_url)
            if hasattr(args, "task_id"):
                args.task_id = validate_task_id(args.task_id)
            if hasattr(args, "task_ids"):
                args.task_ids = list(dict.fromkeys(validate_task_id(t) for t in args.task_ids))
        except (InvalidBaseUrlError, InvalidTaskIdError, ValueError) as bad:
            print(f"tunewatch: {localized(str(bad))}", file=sys.stderr)
            return exit_codes.USAGE
        code: int = PROVIDER_COMMANDS[args.command].run(args, provider, base_url)
        return code
    except KeyboardInterrupt:
        said = translate("Cli", "interrupted; the tasks stay tracked.")
        print(f"tunewatch: {said}", file=sys.stderr)
        return exit_codes.INTERRUPTED


def _run_auto_status(args: argparse.Namespace) -> int:
    """`status` without a provider: ask each account that has a key, as the window's Auto."""
    try:
        if args.base_url:
            raise _base_url_without_provider()
        args.task_id = validate_task_id(args.task_id)
    except (InvalidTaskIdError, ValueError) as bad:
        print(f"tunewatch: {localized(str(bad))}", file=sys.stderr)
        return exit_codes.USAGE
    return auto_status.run(args)
