"""Tunewatch's log: a rotating file in the user data folder, and stderr for the terminal.

Whatever is logged passes one filter first: every API key Tunewatch has handled is masked, and
every URL loses its query string (signed media links carry their signature there). So neither a
key nor a full media link ever reaches the file or the terminal, whoever wrote the message."""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import re
import sys
import threading
from pathlib import Path
from typing import TextIO

from gui.domain.secret_scrub import REMOVED, scrub_text, secret_forms
from gui.storage.paths import AppPaths
from gui.storage.private_files import private_file

LOG_NAME = "tunewatch.log"
MAX_LOG_BYTES = 1_000_000
LOG_BACKUPS = 3  # tunewatch.log.1 … .3: about 4 MB at most
_URL_QUERY = re.compile(r"((?:https?|wss?)://[^\s?#'\"<>]+)\?[^\s#'\"<>]*", re.IGNORECASE)
# Secrets that arrive in a header-like text, known or not.
_BEARER = re.compile(r"(\b(?:Bearer|Basic|Token)\s+)[A-Za-z0-9._~+/=-]{6,}", re.IGNORECASE)


class SecretMaskingFilter(logging.Filter):
    """Masks the keys it was told about and strips URL query strings, in the message, its
    arguments, the traceback and the stack. It rewrites the record, so every handler after it
    sees the masked text."""

    def __init__(self) -> None:
        super().__init__()
        self._secrets: set[str] = set()
        self._forms: list[str] = []  # every form of every secret, the longest first
        self._lock = threading.Lock()

    def add_secret(self, secret: str | None) -> None:
        if not secret:
            return
        with self._lock:
            if secret in self._secrets:
                return  # every key lookup registers its key: the usual case
            self._secrets.add(secret)
            self._forms = secret_forms(self._secrets)  # a too short "key" has no forms

    def mask(self, text: str) -> str:
        with self._lock:
            forms = self._forms
        text = scrub_text(text, forms)
        text = _BEARER.sub(r"\1" + REMOVED, text)
        return _URL_QUERY.sub(r"\1?[query-removed]", text)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg, record.args = self.mask(message), None
        if record.exc_info:
            record.exc_text = self.mask(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = self.mask(record.exc_text)
        if record.stack_info:
            record.stack_info = self.mask(record.stack_info)
        return True


# One filter for the process: logging itself is process-wide, and every key lookup registers
# the key here (gui/services.py, gui/commands/keys.py).
secret_filter = SecretMaskingFilter()


def register_secret(secret: str | None) -> None:
    secret_filter.add_secret(secret)


def log_path(paths: AppPaths) -> Path:
    return paths.logs / LOG_NAME


_current: list[Path] = []  # the file setup_logging opened, for Help and the error dialog


def current_log_file() -> Path | None:
    return _current[0] if _current else None


class _OwnHandler:
    """Marks the handlers set up here, so setting up again replaces them instead of adding."""


class _RotatingFile(logging.handlers.RotatingFileHandler, _OwnHandler):
    def _open(self) -> io.TextIOWrapper:
        # Task IDs and titles are in it: 0600 in a 0700 folder, as the task list (also after
        # every rotation, which opens a fresh file).
        private_file(Path(self.baseFilename))
        return super()._open()


class _Stderr(logging.StreamHandler[TextIO], _OwnHandler):
    pass


def setup_logging(paths: AppPaths, *, verbose: bool = False) -> Path | None:
    """File at INFO (DEBUG when verbose); stderr shows warnings as one line, or everything at
    DEBUG with `--verbose`. Returns the log file, or None when it cannot be written (a read-only
    home must not stop Tunewatch)."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _OwnHandler)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for name in ("TUNEWATCH_KEY_MOUNTSEA", "TUNEWATCH_KEY_SUNOR", "TUNEWATCH_KEY_CRUN"):
        register_secret(os.environ.get(name))

    stderr = _Stderr(sys.stderr)
    stderr.setLevel(logging.DEBUG if verbose else logging.WARNING)
    stderr.setFormatter(
        logging.Formatter("tunewatch: %(levelname)s %(name)s: %(message)s")
        if verbose
        else logging.Formatter("tunewatch: warning: %(message)s")
    )
    stderr.addFilter(secret_filter)
    root.addHandler(stderr)

    path = log_path(paths)
    try:
        file_handler = _RotatingFile(
            path, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError:
        _current.clear()
        return None
    file_handler.setLevel(logging.DEBUG if verbose else logging.INFO)
    file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    file_handler.addFilter(secret_filter)
    root.addHandler(file_handler)
    _current[:] = [path]
    # httpx logs every request with its full URL at INFO; the filter strips queries, but the
    # lines add nothing at INFO.
    logging.getLogger("httpx").setLevel(logging.DEBUG if verbose else logging.WARNING)
    return path
