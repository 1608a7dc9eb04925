"""Placing one clip's group of files (media, cover, lyrics, sidecar) under one free name.

A name already holding the same content is reused (exporting twice writes nothing new); taken by
something else, the group gets " (2)", " (3)", ... Every file is complete, and synced to disk,
before it appears under its final name.
"""

from __future__ import annotations

import filecmp
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from gui.domain.wording import QT_TRANSLATE_NOOP
from gui.media.naming import inside, numbered
from gui.storage.atomic import sync_together, write_part
from gui.storage.file_modes import share_like_umask
from gui.storage.part_lock import PartLock

__all__ = ["MAX_NUMBERED_NAMES", "GroupMember", "make_folder", "place_group", "write_problem"]

MAX_NUMBERED_NAMES = 9999

Verdict = Literal["free", "same", "different"]


@dataclass
class GroupMember:
    """One file of a clip's group, before it is placed: bytes, or a finished part file."""

    extension: str
    data: bytes | None = None
    part: Path | None = None


def make_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)


def place_group(
    folder: Path, stem: str, members: list[GroupMember]
) -> tuple[list[Path], list[Path]]:
    """Give the group the first name free (or holding the same content) for all its files.

    Returns every file of the group and the ones written now (the rest were there already).
    """
    for number in range(1, MAX_NUMBERED_NAMES + 1):
        base = numbered(stem, number)
        targets = [inside(folder, f"{base}.{m.extension}") for m in members]
        verdicts = [
            _compare(target, member) for target, member in zip(targets, members, strict=True)
        ]
        if "different" not in verdicts:
            break
    else:
        raise FileExistsError(17, f"more than {MAX_NUMBERED_NAMES} files are named “{stem}”")
    staged: list[tuple[Path, Path]] = []  # (part file, target)
    locks: list[PartLock] = []
    try:
        for target, member, verdict in zip(targets, members, verdicts, strict=True):
            if verdict == "same":
                continue
            # Exported music is meant to be shared: the mode the umask gives (not mkstemp's 0600).
            if member.part is not None:
                share_like_umask(member.part)
                staged.append((member.part, target))
            else:
                assert member.data is not None
                part, lock = write_part(target, member.data, shared=True)
                locks.append(lock)
                staged.append((part, target))
        # Every file is on disk before any gets its name; synced together, they wait for one
        # journal commit instead of one each.
        sync_together([part for part, _target in staged])
        for part, target in staged:
            os.replace(part, target)
    finally:
        for part, _target in staged:
            if part not in (m.part for m in members):
                part.unlink(missing_ok=True)  # a companion not renamed: the export failed
        for lock in locks:
            lock.release()
    return targets, [target for _part, target in staged]


def _compare(target: Path, member: GroupMember) -> Verdict:
    """ "free", "same" (identical content already there) or "different"."""
    if not target.exists() and not target.is_symlink():
        return "free"
    if not target.is_file():
        return "different"
    if member.part is not None:
        same = filecmp.cmp(member.part, target, shallow=False)
    else:
        assert member.data is not None
        same = target.stat().st_size == len(member.data) and target.read_bytes() == member.data
    return "same" if same else "different"


CANNOT_WRITE = QT_TRANSLATE_NOOP("Problems", "Could not write to {folder}: {reason}.")


def write_problem(folder: Path, error: OSError) -> str:
    """A sentence for the user about a destination that could not be written."""
    reason = error.strerror or type(error).__name__
    return CANNOT_WRITE.format(folder=folder, reason=reason)
