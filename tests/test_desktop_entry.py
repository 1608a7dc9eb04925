"""Tunewatch as a desktop citizen: the .desktop file and AppStream metainfo pass the freedesktop
validators, the icons exist at every size, and `tunewatch --install-desktop-entry` installs all of
it for the current user under XDG_DATA_HOME with Exec pointing at the installed command."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from gui.storage.desktop_entry import (
    APP_ID,
    ICON_SIZES,
    RESOURCES,
    data_home,
    desktop_exec,
    install_desktop_entry,
)
from tests.cli_helpers import cli_env

DESKTOP_FILE = RESOURCES / f"{APP_ID}.desktop"
METAINFO = RESOURCES / f"{APP_ID}.metainfo.xml"
# scripts/test.sh (CI) installs the validators: there, a missing tool is a failure, not a skip.
IN_CI = os.environ.get("TUNEWATCH_REQUIRE_SECRET_SERVICE") == "1"


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        if IN_CI:
            pytest.fail(f"{name} is missing: scripts/setup.sh --test installs it")
        pytest.skip(f"{name} is not installed (Debian: desktop-file-utils / appstream)")
    return found


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_desktop_file_passes_desktop_file_validate() -> None:
    run = subprocess.run(
        [_tool("desktop-file-validate"), str(DESKTOP_FILE)], capture_output=True, text=True
    )
    assert run.returncode == 0 and run.stdout.strip() == "", run.stdout + run.stderr


def test_the_metainfo_passes_appstreamcli_validate() -> None:
    run = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    # Only pedantic remarks are acceptable (the reverse-DNS ID has capitals, as is usual).
    remarks = [line for line in run.stdout.splitlines() if line[:2] in ("E:", "W:", "I:")]
    assert remarks == [], run.stdout


def test_the_metainfo_has_screenshots_and_release_notes_that_exist() -> None:
    text = METAINFO.read_text(encoding="utf-8")
    for name in ("window-light.png", "window-dark.png"):
        assert f"resources/screenshots/{name}</image>" in text
        assert (RESOURCES / "screenshots" / name).is_file(), name
    assert '<release version="0.1.0"' in text and "<description>" in text


def test_every_icon_size_is_there_at_its_size() -> None:
    assert (RESOURCES / "icons" / "tunewatch.svg").read_text().lstrip().startswith("<?xml")
    for size in ICON_SIZES:
        assert _png_size(RESOURCES / "icons" / f"tunewatch-{size}.png") == (size, size)


def test_exec_is_quoted_when_the_path_needs_it() -> None:
    assert desktop_exec("/usr/bin/tunewatch") == "/usr/bin/tunewatch"
    assert desktop_exec("/home/a b/.venv/bin/tunewatch") == '"/home/a b/.venv/bin/tunewatch"'
    assert desktop_exec('/x/$y"z') == '"/x/\\$y\\"z"'


def test_xdg_data_home_is_honoured_and_a_relative_one_ignored() -> None:
    assert data_home({"XDG_DATA_HOME": "/data/home", "HOME": "/h"}) == Path("/data/home")
    assert data_home({"XDG_DATA_HOME": "relative", "HOME": "/h"}) == Path("/h/.local/share")
    assert data_home({"HOME": "/h"}) == Path("/h/.local/share")


def test_install_desktop_entry_installs_everything_under_xdg_data_home(tmp_path: Path) -> None:
    target = tmp_path / "xdg-data"
    env = cli_env() | {"XDG_DATA_HOME": str(target)}
    command = Path(sys.executable).parent / "tunewatch"
    assert command.is_file(), "the project is installed into this venv (scripts/setup.sh)"
    run = subprocess.run(
        [str(command), "--install-desktop-entry"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert "Installed Tunewatch in the application menu" in run.stdout

    desktop = target / "applications" / f"{APP_ID}.desktop"
    lines = desktop.read_text(encoding="utf-8").splitlines()
    assert f"Exec={command}" in lines and f"TryExec={command}" in lines
    assert f"Icon={APP_ID}" in lines
    assert (target / "metainfo" / f"{APP_ID}.metainfo.xml").read_bytes() == METAINFO.read_bytes()
    for size in ICON_SIZES:
        png = target / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert _png_size(png) == (size, size)
    assert (target / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    # The installed entry is still valid (with the absolute Exec), and it runs what it names.
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True)
        assert check.returncode == 0, check.stdout
    version = subprocess.run(
        [str(command), "--version"], env=env, capture_output=True, text=True, timeout=60
    )
    assert version.stdout.startswith("tunewatch ")


def test_install_says_which_files_are_missing(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="missing"):
        install_desktop_entry(tmp_path / "target", "/bin/tunewatch", resources=tmp_path)
    assert not (tmp_path / "target").exists()
