"""`tunewatch export` end to end against the fake provider server: in-process for the matrix,
one real subprocess. Keys come from TUNEWATCH_KEY_* only; the keyring is keyring's `fail`."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring.core
import mutagen
import platformdirs
import pytest
from keyring.backends import fail

from gui.cli import main
from gui.fake_provider import (
    DEFAULT_KEYS,
    Failure,
    FakeProviderServer,
    ManualClock,
    MusicResult,
    Phase,
    ProviderId,
    TaskScript,
)
from gui.storage.paths import app_paths
from tests.cli_helpers import FAIL_KEYRING, CliRun, run_cli

T0 = 1000.0
DONE = "11111111-2f17-43d4-8514-af6cc3a2f55d"
RUNNING = "22222222-2f17-43d4-8514-af6cc3a2f55d"
FAILED = "33333333-2f17-43d4-8514-af6cc3a2f55d"
UNKNOWN = "44444444-2f17-43d4-8514-af6cc3a2f55d"
KEYS = {str(account): key for account, key in DEFAULT_KEYS.items()}
SECRET = "sk-live-DoNotPrint-7f3a9c41"
MUSIC = MusicResult(titles=("Neon Rain",), clips=2, prompt="[Verse]\nRain", model="chirp-fenix")

Cli = Callable[..., CliRun]


@pytest.fixture(autouse=True)
def _no_real_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", FAIL_KEYRING)
    monkeypatch.setattr(keyring.core, "_keyring_backend", fail.Keyring())


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture
def server(clock: ManualClock) -> Iterator[FakeProviderServer]:
    with FakeProviderServer(clock=clock) as fake:
        for provider in ("sunor", "crun", "mountsea-suno"):
            add_tasks(fake, provider)
        yield fake


def add_tasks(server: FakeProviderServer, provider: ProviderId) -> None:
    server.add_task(provider, DONE, TaskScript([Phase("succeeded")], MUSIC))
    server.add_task(provider, RUNNING, TaskScript([Phase("running")], MUSIC))
    server.add_task(
        provider, FAILED, TaskScript([Phase("failed")], MUSIC, Failure("The vocals went flat"))
    )


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, server: FakeProviderServer
) -> Cli:
    """`tunewatch export --provider P --base-url <fake> ARGS` in-process."""
    for account, key in KEYS.items():
        monkeypatch.setenv(f"TUNEWATCH_KEY_{account.upper()}", key)

    def run(*args: str, provider: str = "sunor") -> CliRun:
        argv = ["export", "--provider", provider, "--base-url", server.base_url, *args]
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
        captured = capsys.readouterr()
        result = CliRun(code, captured.out, captured.err)
        assert "Traceback" not in result.err, result.err
        return result

    return run


def files_in(run: CliRun) -> list[Path]:
    return [Path(line) for line in run.out.splitlines()]


@pytest.mark.parametrize("provider", ["sunor", "crun", "mountsea-suno"])
def test_a_finished_task_is_exported_one_line_per_file(
    cli: Cli, tmp_path: Path, provider: str
) -> None:
    run = cli("--dest", str(tmp_path), DONE, provider=provider)
    assert run.code == 0 and run.err == ""
    files = files_in(run)
    assert len(files) == 8  # two variations: audio, cover, lyrics, sidecar each
    assert all(p.is_absolute() and p.parent == tmp_path.resolve() and p.is_file() for p in files)
    songs = [p for p in files if p.suffix == ".mp3"]
    assert len(songs) == 2 and all(p.name.startswith("Neon Rain - ") for p in songs)
    tags = mutagen.File(songs[0]).tags
    assert tags["TXXX:TUNEWATCH_TASK_ID"].text == [DONE]
    # again: the same files, reused, still listed
    assert cli("--dest", str(tmp_path), DONE, provider=provider).out == run.out


def test_template_artist_and_album(cli: Cli, tmp_path: Path) -> None:
    run = cli("--dest", str(tmp_path), "--template", "{n}. {title}", "--artist", "Me", DONE)
    assert run.code == 0
    songs = sorted(p.name for p in files_in(run) if p.suffix == ".mp3")
    assert songs == ["1. Neon Rain.mp3", "2. Neon Rain.mp3"]
    tags = mutagen.File(tmp_path / songs[0]).tags
    assert str(tags["TPE1"]) == "Me" and "TALB" not in tags
    sidecar = json.loads((tmp_path / "1. Neon Rain.json").read_text(encoding="utf-8"))
    assert sidecar["artist"] == "Me"


def test_unfinished_and_failed_tasks_export_nothing_and_set_the_status(
    cli: Cli, tmp_path: Path
) -> None:
    running = cli("--dest", str(tmp_path), RUNNING)
    assert running.code == 3 and running.out == ""
    assert running.err == f"tunewatch: {RUNNING}: Generating — nothing exported.\n"
    failed = cli("--dest", str(tmp_path), FAILED)
    assert failed.code == 1 and failed.out == ""
    assert "The vocals went flat — nothing exported." in failed.err
    assert list(tmp_path.iterdir()) == []

    mixed = cli("--dest", str(tmp_path), RUNNING, DONE, FAILED)
    assert mixed.code == 1  # the worst outcome, as `status` counts it
    assert len(files_in(mixed)) == 8 and mixed.err.count("\n") == 2
    assert cli("--dest", str(tmp_path), DONE, RUNNING).code == 3


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        ((UNKNOWN,), 5, "does not know this task"),
        (("--template", "{title} {artist}", DONE), 2, "{artist}, which Tunewatch does not know"),
        (("--template", "{title", DONE), 2, "unmatched brace"),
    ],
)
def test_errors_are_one_line_with_the_status_code(
    cli: Cli,
    server: FakeProviderServer,
    tmp_path: Path,
    args: tuple[str, ...],
    code: int,
    words: str,
) -> None:
    run = cli("--dest", str(tmp_path), *args)
    assert run.code == code
    assert words in run.assert_one_error_line()
    assert list(tmp_path.iterdir()) == []
    if code == 2:
        assert server.requests == []  # a bad template is caught before any request


def test_a_refused_key_is_exit_4_and_never_printed(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TUNEWATCH_KEY_SUNOR", SECRET)
    run = cli("--dest", str(tmp_path), DONE, RUNNING)
    assert run.code == 4 and SECRET not in run.out + run.err
    assert "refused the API key" in run.assert_one_error_line()  # stops after the first refusal
    monkeypatch.delenv("TUNEWATCH_KEY_SUNOR")
    missing = cli("--dest", str(tmp_path), DONE)
    assert missing.code == 4
    assert missing.assert_fix_then_reason()[0].startswith("tunewatch: Set TUNEWATCH_KEY_SUNOR")


def test_an_unwritable_destination_is_exit_6(cli: Cli, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    run = cli("--dest", str(blocker / "inside"), DONE)
    assert run.code == 6
    assert f"Could not write to {blocker / 'inside'}" in run.assert_one_error_line()


def test_links_that_keep_expiring_are_exit_6(
    clock: ManualClock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("TUNEWATCH_KEY_CRUN", KEYS["crun"])
    # whole Unix seconds and no lifetime: every link is born expired
    with FakeProviderServer(clock=clock, link_ttl=0, unix_offset=1_768_910_400.0 - T0) as server:
        server.add_task("crun", DONE, TaskScript([Phase("succeeded")], MUSIC))
        code = main(
            [
                "export",
                "--provider",
                "crun",
                "--base-url",
                server.base_url,
                "--dest",
                str(tmp_path),
                DONE,
            ]
        )
        polls = [r for r in server.requests if r.route == "crun.status"]
    err = capsys.readouterr().err
    assert code == 6 and len(polls) == 2  # the check, then one fresh poll for a new link
    assert "the link has expired (HTTP 403), and so has the fresh one crun.ai gave" in err


def test_the_default_folder_comes_from_settings_then_music(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(platformdirs, "user_music_dir", lambda: str(tmp_path / "Music"))
    run = cli(DONE)
    assert run.code == 0
    assert {p.parent for p in files_in(run)} == {(tmp_path / "Music" / "Tunewatch").resolve()}
    chosen = tmp_path / "chosen"
    settings = app_paths().settings
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps({"download_folder": str(chosen)}), encoding="utf-8")
    assert {p.parent for p in files_in(cli(DONE))} == {chosen.resolve()}


def test_subprocess_end_to_end(server: FakeProviderServer, tmp_path: Path) -> None:
    run = run_cli(
        [
            "export",
            "--provider",
            "crun",
            "--base-url",
            server.base_url,
            "--dest",
            str(tmp_path),
            DONE,
            RUNNING,
        ],
        keys=KEYS,
    )
    assert run.code == 3
    assert len(files_in(run)) == 8 and all(p.is_file() for p in files_in(run))
    assert run.err == f"tunewatch: {RUNNING}: Generating — nothing exported.\n"
    media = [r for r in server.requests if r.host == server.media_host]
    assert media and all("x-api-key" not in r.headers for r in media)
