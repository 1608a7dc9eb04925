"""End-to-end tests of `tunewatch status` against the fake provider server on loopback.

Most of the matrix calls `gui.cli.main` in-process (env keys via monkeypatch, keyring's `fail`
backend); a handful of tests run the real command as a subprocess (`python -m gui status ...`).
A ManualClock puts each task in the phase under test: add it, advance the clock, then ask.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import keyring.core
import pytest
from keyring.backends import fail

from gui.cli import main
from gui.fake_provider import (
    DEFAULT_KEYS,
    Failure,
    FakeProviderServer,
    Fault,
    ManualClock,
    MusicResult,
    Phase,
    PhaseName,
    ProviderId,
    TaskScript,
)
from gui.polling import status_check
from tests.cli_helpers import FAIL_KEYRING, CliRun, closed_port, run_cli

T0 = 1000.0  # manual clock at the start of every test
UNIX0 = 1_768_900_000.0  # Unix time at T0: 2026-01-20T09:06:40Z
CREATED = "2026-01-20T09:06:40"
FINISHED = "2026-01-20T09:07:05"  # the terminal phase starts 25 s after the task was added

PROVIDERS: tuple[ProviderId, ...] = ("mountsea-suno", "mountsea-producer", "sunor", "crun")
ACCOUNT = {
    "mountsea-suno": "mountsea",
    "mountsea-producer": "mountsea",
    "sunor": "sunor",
    "crun": "crun",
}
PHASES: tuple[PhaseName, ...] = (
    "queued",
    "running",
    "streaming",
    "succeeded",
    "failed",
    "cancelled",
    "timed_out",
)
TERMINAL = {"succeeded", "failed", "cancelled", "timed_out"}
# Clock offsets that land inside each phase of `script()`.
AT = {"queued": 2.0, "running": 8.0, "streaming": 20.0} | dict.fromkeys(TERMINAL, 30.0)

TASK_ID = "d6956973-2f17-43d4-8514-af6cc3a2f55d"
TITLES = ("Neon Rain", "Blue Hour")
DURATION = 187.0
REASON = "The vocals went flat"
TRACE_ID = "trace-cafe01"
KEYS: dict[str, str] = {
    str(a): k for a, k in DEFAULT_KEYS.items()
}  # {account: the key the fake server accepts}
SECRET = "sk-live-DoNotPrint-7f3a9c41"  # a wrong key that must never be echoed

# What each provider calls each neutral phase, and the state Tunewatch must map it to.
WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "mountsea-suno": {
        "queued": ("queued", "queued"),
        "running": ("running", "running"),
        "streaming": ("streaming", "stream"),
        "succeeded": ("succeeded", "success"),
        "failed": ("failed", "failed"),
        "cancelled": ("failed", "failed"),  # Suno has no cancelled status
        "timed_out": ("timed_out", "timeout"),
    },
    "mountsea-producer": {
        "queued": ("queued", "pending"),
        "running": ("running", "processing"),
        "streaming": ("running", "processing"),  # no partial audio
        "succeeded": ("succeeded", "completed"),
        "failed": ("failed", "failed"),
        "cancelled": ("cancelled", "cancelled"),
        "timed_out": ("timed_out", "timeout"),
    },
    "sunor": {
        "queued": ("queued", "pending"),
        "running": ("running", "running"),
        "streaming": ("running", "running"),
        "succeeded": ("succeeded", "success"),
        "failed": ("failed", "failure"),
        "cancelled": ("failed", "failure"),
        "timed_out": ("timed_out", "timeout"),
    },
    "crun": {
        "queued": ("queued", "pending"),
        "running": ("running", "running"),
        "streaming": ("running", "running"),
        "succeeded": ("succeeded", "success"),
        "failed": ("failed", "failed"),
        "cancelled": ("failed", "failed"),  # crun only knows "failed"
        "timed_out": ("failed", "failed"),
    },
}
EXIT_FOR_STATE = {
    "succeeded": 0,
    "failed": 1,
    "cancelled": 1,
    "timed_out": 1,
    "queued": 3,
    "running": 3,
    "streaming": 3,
}
LABELS = {
    "queued": "Queued",
    "running": "Generating",
    "streaming": "Streaming preview",
    "succeeded": "Finished",
    "failed": "Failed",
    "cancelled": "Cancelled",
    "timed_out": "Timed out",
}
# What the error object carries on failure: sunor has no failure code, only Producer a trace id.
ERROR_CODE = {"mountsea-suno": "4001", "mountsea-producer": "4001", "sunor": None, "crun": "4001"}
ERROR_TRACE = {"mountsea-suno": None, "mountsea-producer": TRACE_ID, "sunor": None, "crun": None}
# sunor's progress string at each offset: (8-5)/20 and (20-5)/20 of the working phases.
SUNOR_PROGRESS = {"queued": None, "running": 0.15, "streaming": 0.75, "succeeded": 1.0}

SNAPSHOT_KEYS = {
    "provider",
    "task_id",
    "state",
    "provider_status",
    "progress",
    "error",
    "created_at",
    "finished_at",
    "task_type",
    "credits_refunded",
    "clips",
}
CLIP_KEYS = {
    "kind",
    "id",
    "title",
    "audio_url",
    "stream_url",
    "image_url",
    "video_url",
    "duration",
    "tags",
    "lyrics",
    "model",
    "model_version",
    "format",
    "stem",
}
# (header, value) the server must see, and the header that must be absent.
AUTH = {
    "mountsea-suno": (("authorization", "Bearer fake-mountsea-key"), "x-api-key"),
    "mountsea-producer": (("authorization", "Bearer fake-mountsea-key"), "x-api-key"),
    "sunor": (("x-api-key", "fake-sunor-key"), "authorization"),
    "crun": (("x-api-key", "fake-crun-key"), "authorization"),
}
ROUTE = {
    "mountsea-suno": ("/suno/v2/status", {"taskId": TASK_ID}),
    "mountsea-producer": ("/producer/tasks", {"taskId": TASK_ID}),
    "sunor": (f"/api/v1/task/{TASK_ID}", {}),
    "crun": ("/api/v1/client/job/TaskInfo", {"task_id": TASK_ID}),
}


def script(terminal: PhaseName = "succeeded") -> TaskScript:
    return TaskScript(
        [Phase("queued", 5), Phase("running", 10), Phase("streaming", 10), Phase(terminal)],
        MusicResult(
            titles=TITLES,
            clips=2,
            tags="synthwave",
            prompt="rain on neon",
            model="chirp-fenix",
            duration=DURATION,
        ),
        Failure(REASON, code=4001, trace_id=TRACE_ID),
    )


# --- fixtures -------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _no_real_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process runs must never reach the developer's keyring either."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", FAIL_KEYRING)
    monkeypatch.setattr(keyring.core, "_keyring_backend", fail.Keyring())


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture
def server(clock: ManualClock) -> Iterator[FakeProviderServer]:
    with FakeProviderServer(clock=clock, unix_offset=UNIX0 - T0) as fake:
        yield fake


@pytest.fixture
def api_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    for account, key in DEFAULT_KEYS.items():
        monkeypatch.setenv(f"TUNEWATCH_KEY_{account.upper()}", key)


Cli = Callable[..., CliRun]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], api_keys: None) -> Cli:
    """`tunewatch status ARGS` in-process; returns exit code and captured output."""

    def run(*args: str) -> CliRun:
        try:
            code = main(["status", *args])
        except SystemExit as exc:  # argparse usage errors
            code = exc.code if isinstance(exc.code, int) else 2
        captured = capsys.readouterr()
        result = CliRun(code, captured.out, captured.err)
        assert "Traceback" not in result.err, result.err
        return result

    return run


def place(
    server: FakeProviderServer,
    clock: ManualClock,
    provider: ProviderId,
    phase: PhaseName,
    task_id: str = TASK_ID,
) -> str:
    """Add a task and move the clock until it is in `phase`."""
    server.add_task(provider, task_id, script(phase if phase in TERMINAL else "succeeded"))
    clock.advance(AT[phase])
    assert server.phase_of(provider, task_id) == phase
    return task_id


def status_args(server: FakeProviderServer, provider: str, *extra: str) -> list[str]:
    return ["--provider", provider, "--base-url", server.base_url, *extra]


def all_strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield str(key)
            yield from all_strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from all_strings(item)


# --- the snapshot for every provider and phase ------------------------------------------------


def check_snapshot(
    snap: dict[str, Any], server: FakeProviderServer, provider: str, phase: str
) -> None:
    state, word = WORDS[provider][phase]
    assert set(snap) == SNAPSHOT_KEYS
    assert snap["provider"] == provider
    assert snap["task_id"] == TASK_ID
    assert snap["state"] == state
    assert snap["provider_status"] == word
    assert snap["task_type"] is None or isinstance(snap["task_type"], str)
    assert isinstance(snap["created_at"], str) and snap["created_at"].startswith(CREATED)
    if state in TERMINAL:
        assert isinstance(snap["finished_at"], str) and snap["finished_at"].startswith(FINISHED)
    else:
        assert snap["finished_at"] is None

    if provider == "sunor":
        expected_progress = SUNOR_PROGRESS.get(phase)
        assert snap["progress"] == (
            None if expected_progress is None else pytest.approx(expected_progress)
        )
    else:
        assert snap["progress"] is None or 0.0 <= snap["progress"] <= 1.0

    failed = state in ("failed", "cancelled", "timed_out")
    if failed:
        assert snap["error"] == {
            "message": REASON,
            "code": ERROR_CODE[provider],
            "trace_id": ERROR_TRACE[provider],
        }
        assert snap["clips"] == []
    else:
        assert snap["error"] is None
    assert snap["credits_refunded"] is (True if provider == "sunor" and failed else None)

    for clip in snap["clips"]:
        assert set(clip) == CLIP_KEYS
        assert clip["kind"] == "song"
        assert isinstance(clip["id"], str) and clip["id"]
    media = server.media_url
    if state == "succeeded":
        clips = snap["clips"]
        titles = TITLES[:1] if provider == "mountsea-producer" else TITLES
        assert [c["title"] for c in clips] == list(titles)
        for clip in clips:
            assert clip["audio_url"].startswith(f"{media}/audio/{clip['id']}.mp3?")
            assert clip["stream_url"] is None
            assert clip["duration"] == DURATION
            if provider != "mountsea-producer":
                assert clip["image_url"].startswith(f"{media}/image/")
            if provider in ("mountsea-suno", "crun"):
                assert clip["model"] == "chirp-fenix"
                assert clip["model_version"] == "v5.5"
                assert clip["tags"] == "synthwave"
        if provider == "mountsea-suno":
            assert all(c["video_url"].startswith(f"{media}/video/") for c in clips)
    elif state == "streaming":
        clips = snap["clips"]
        assert [c["title"] for c in clips] == list(TITLES)
        for clip in clips:
            assert clip["audio_url"] is None, "a preview must not be offered as the final file"
            assert clip["stream_url"].startswith(f"{media}/stream/{clip['id']}.mp3?")
            assert clip["duration"] is None
    else:
        assert snap["clips"] == []


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("provider", PROVIDERS)
def test_json_for_every_provider_and_phase(
    cli: Cli, server: FakeProviderServer, clock: ManualClock, provider: ProviderId, phase: PhaseName
) -> None:
    place(server, clock, provider, phase)
    run = cli(*status_args(server, provider, "--json", TASK_ID))
    assert run.err == ""
    snap = run.json()
    check_snapshot(snap, server, provider, phase)
    assert run.code == EXIT_FOR_STATE[WORDS[provider][phase][0]]


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("provider", PROVIDERS)
def test_human_summary_names_the_state_and_lists_titles(
    cli: Cli, server: FakeProviderServer, clock: ManualClock, provider: ProviderId, phase: PhaseName
) -> None:
    place(server, clock, provider, phase)
    run = cli(*status_args(server, provider, TASK_ID))
    state, word = WORDS[provider][phase]
    assert run.code == EXIT_FOR_STATE[state]
    assert run.err == ""
    assert not run.out.lstrip().startswith("{")
    head, *rest = run.out.splitlines()
    assert TASK_ID in head
    assert LABELS[state] in head
    assert f"({word})" in head
    body = "\n".join(rest)
    if state in ("succeeded", "streaming"):
        titles = TITLES[:1] if provider == "mountsea-producer" else TITLES
        for number, title in enumerate(titles, start=1):
            assert re.search(rf"^\s+{number}\. {re.escape(title)}\b", body, re.MULTILINE), body
    if state == "succeeded":
        assert "audio: http://" in body
        assert "3:07" in body  # the duration, as m:ss
    if state == "streaming":
        assert "preview: http://" in body and "audio:" not in body
    if state in ("failed", "cancelled", "timed_out"):
        assert f"reason: {REASON}" in body
        if provider == "mountsea-producer":
            assert TRACE_ID in body
        if provider == "sunor":
            assert "refunded" in body


# --- true subprocess runs -------------------------------------------------------------------


@pytest.mark.parametrize("provider", PROVIDERS)
def test_subprocess_json_and_what_the_server_saw(
    server: FakeProviderServer, clock: ManualClock, provider: ProviderId
) -> None:
    place(server, clock, provider, "succeeded")
    run = run_cli(["status", *status_args(server, provider, "--json", TASK_ID)], keys=KEYS)
    assert run.code == 0, run.err
    assert run.err == ""
    check_snapshot(run.json(), server, provider, "succeeded")

    [request] = server.requests
    (header, value), absent = AUTH[provider]
    path, query = ROUTE[provider]
    assert request.method == "GET"
    assert request.path == path
    assert request.query == query
    assert request.headers.get(header) == value
    assert absent not in request.headers
    assert request.task_id == TASK_ID
    assert request.status == 200


def test_subprocess_human_summary(server: FakeProviderServer, clock: ManualClock) -> None:
    place(server, clock, "mountsea-suno", "streaming")
    run = run_cli(["status", *status_args(server, "mountsea-suno", TASK_ID)], keys=KEYS)
    assert run.code == 3
    assert run.err == ""
    assert "Streaming preview (stream)" in run.out.splitlines()[0]
    for title in TITLES:
        assert title in run.out


def test_subprocess_wrong_key_is_refused_and_never_printed(
    server: FakeProviderServer, clock: ManualClock
) -> None:
    place(server, clock, "crun", "succeeded")
    run = run_cli(
        ["status", *status_args(server, "crun", "--json", TASK_ID)], keys={"crun": SECRET}
    )
    assert run.code == 4
    line = run.assert_one_error_line()
    assert "key" in line.lower()
    assert SECRET not in run.out + run.err
    [request] = server.requests
    assert request.headers["x-api-key"] == SECRET and request.status == 401


def test_subprocess_missing_key_names_the_env_var(server: FakeProviderServer) -> None:
    run = run_cli(["status", *status_args(server, "mountsea-producer", TASK_ID)], keys={})
    assert run.code == 4
    fix, reason = run.assert_fix_then_reason()
    assert "TUNEWATCH_KEY_MOUNTSEA" in fix
    assert reason.endswith(".")
    assert server.requests == []


def test_subprocess_connection_refused_is_exit_6() -> None:
    base = f"http://127.0.0.1:{closed_port()}"
    run = run_cli(["status", "--provider", "sunor", "--base-url", base, TASK_ID], keys=KEYS)
    assert run.code == 6
    line = run.assert_one_error_line()
    assert "sunor.cc" in line


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        pytest.param(["--provider", "suno", "{base}", TASK_ID], "suno", id="unknown-provider"),
        pytest.param(["--provider", "sunor", "{base}", "../account/balance"], "/", id="traversal"),
        pytest.param(
            ["--provider", "sunor", "--base-url", "http://example.com", TASK_ID],
            "http://example.com",
            id="http-off-loopback",
        ),
        pytest.param(["--provider", "sunor", "{base}"], "TASK_ID", id="missing-task-id"),
    ],
)
def test_subprocess_bad_usage_is_exit_2_and_sends_nothing(
    server: FakeProviderServer, args: list[str], mentions: str
) -> None:
    # A task the traversal would be aimed at, were it ever sent (plus the balance endpoint).
    server.add_task("sunor", TASK_ID, script())
    expanded: list[str] = []
    for arg in args:
        expanded += ["--base-url", server.base_url] if arg == "{base}" else [arg]
    run = run_cli(["status", *expanded], keys=KEYS)
    assert run.code == 2
    assert run.out == ""
    last = run.err.splitlines()[-1]
    assert last.startswith("tunewatch: ")
    assert mentions in last
    assert DEFAULT_KEYS["sunor"] not in run.err
    assert server.requests == [], "a usage error must not reach the server"


# --- errors, in-process over every provider -----------------------------------------------


@pytest.mark.parametrize("provider", PROVIDERS)
def test_wrong_key_is_exit_4_one_line_and_never_printed(
    cli: Cli,
    server: FakeProviderServer,
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
    provider: ProviderId,
) -> None:
    place(server, clock, provider, "succeeded")
    monkeypatch.setenv(f"TUNEWATCH_KEY_{ACCOUNT[provider].upper()}", SECRET)
    for extra in (["--json"], []):
        run = cli(*status_args(server, provider, *extra, TASK_ID))
        assert run.code == 4
        assert "key" in run.assert_one_error_line().lower()
        assert SECRET not in run.out + run.err
    assert [r.status for r in server.requests] == [401, 401]


@pytest.mark.parametrize("provider", PROVIDERS)
def test_missing_key_is_exit_4_and_names_the_env_var(
    cli: Cli, server: FakeProviderServer, monkeypatch: pytest.MonkeyPatch, provider: ProviderId
) -> None:
    monkeypatch.delenv(f"TUNEWATCH_KEY_{ACCOUNT[provider].upper()}")
    run = cli(*status_args(server, provider, "--json", TASK_ID))
    assert run.code == 4
    fix, _ = run.assert_fix_then_reason()
    assert f"TUNEWATCH_KEY_{ACCOUNT[provider].upper()}" in fix
    assert server.requests == []


@pytest.mark.parametrize("provider", PROVIDERS)
def test_unknown_task_is_exit_5(
    cli: Cli, server: FakeProviderServer, clock: ManualClock, provider: ProviderId
) -> None:
    place(server, clock, provider, "succeeded", task_id="some-other-task")
    run = cli(*status_args(server, provider, "--json", TASK_ID))
    assert run.code == 5
    line = run.assert_one_error_line()
    assert "does not know this task" in line
    [request] = server.requests
    # crun says "task_id not found" as code 422 inside an HTTP 200 envelope.
    assert request.status == (200 if provider == "crun" else 404)


def test_crun_unknown_task_does_not_claim_an_http_404(cli: Cli, server: FakeProviderServer) -> None:
    # crun's 422 arrives inside an HTTP 200: the message must not invent an HTTP 404.
    run = cli(*status_args(server, "crun", TASK_ID))
    assert run.code == 5
    line = run.assert_one_error_line()
    assert "HTTP 404" not in line
    assert "422" in line


@pytest.mark.parametrize("provider", PROVIDERS)
def test_rate_limited_is_exit_6_and_says_to_wait(
    cli: Cli, server: FakeProviderServer, clock: ManualClock, provider: ProviderId
) -> None:
    place(server, clock, provider, "succeeded")
    server.inject(Fault("429", retry_after=17), task_id=TASK_ID, times=1)
    run = cli(*status_args(server, provider, "--json", TASK_ID))
    assert run.code == 6
    line = run.assert_one_error_line()
    assert re.search(r"try again|wait|retry", line, re.IGNORECASE), line
    assert "17" in line
    [request] = server.requests
    assert request.fault == "429" and request.status == 429


def crun_429_inside_200(cli: Cli, server: FakeProviderServer, clock: ManualClock) -> CliRun:
    place(server, clock, "crun", "succeeded")
    server.inject(Fault("429", retry_after=17, in_body=True), task_id=TASK_ID, times=1)
    run = cli(*status_args(server, "crun", "--json", TASK_ID))
    [request] = server.requests
    assert request.status == 200 and request.fault == "429"
    return run


def test_crun_rate_limit_inside_http_200_is_exit_6(
    cli: Cli, server: FakeProviderServer, clock: ManualClock
) -> None:
    run = crun_429_inside_200(cli, server, clock)
    assert run.code == 6
    assert "rate limiting" in run.assert_one_error_line()


def test_crun_rate_limit_inside_http_200_says_how_long_to_wait(
    cli: Cli, server: FakeProviderServer, clock: ManualClock
) -> None:
    line = crun_429_inside_200(cli, server, clock).assert_one_error_line()
    assert "17" in line


@pytest.mark.parametrize("kind", ["500", "502", "malformed"])
@pytest.mark.parametrize("provider", PROVIDERS)
def test_server_errors_and_unreadable_answers_are_exit_6(
    cli: Cli, server: FakeProviderServer, clock: ManualClock, provider: ProviderId, kind: str
) -> None:
    place(server, clock, provider, "succeeded")
    server.inject(Fault(kind), task_id=TASK_ID)  # type: ignore[arg-type]
    run = cli(*status_args(server, provider, "--json", TASK_ID))
    assert run.code == 6
    line = run.assert_one_error_line()
    if kind == "malformed":
        assert "not JSON" in line
    else:
        assert f"HTTP {kind}" in line
        assert "<html" not in line.lower()  # a proxy's HTML page is not shown raw


def test_timeout_is_exit_6(
    cli: Cli, server: FakeProviderServer, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real client waits 20 s; shorten it in-process so the test stays fast.
    monkeypatch.setattr(status_check, "DEFAULT_TIMEOUT", httpx.Timeout(0.5))
    place(server, clock, "sunor", "succeeded")
    server.inject(Fault("timeout", hold=5.0), task_id=TASK_ID, times=1)
    run = cli(*status_args(server, "sunor", "--json", TASK_ID))
    assert run.code == 6
    assert "did not answer in time" in run.assert_one_error_line()


@pytest.mark.parametrize("phase", ["running", "succeeded"])
@pytest.mark.parametrize("provider", PROVIDERS)
def test_hostile_payload_does_not_crash_or_offer_bad_urls(
    cli: Cli, server: FakeProviderServer, clock: ManualClock, provider: ProviderId, phase: PhaseName
) -> None:
    place(server, clock, provider, phase)
    server.inject(Fault("hostile"), task_id=TASK_ID)
    run = cli(*status_args(server, provider, "--json", TASK_ID))
    assert run.code in (0, 3), run.err
    snap = run.json()
    assert set(snap) == SNAPSHOT_KEYS
    for text in all_strings(snap):
        lowered = text.strip().lower()
        assert not lowered.startswith(("javascript:", "file:", "data:")), text[:100]
    for clip in snap["clips"]:
        assert set(clip) == CLIP_KEYS
        for field in ("audio_url", "stream_url", "image_url", "video_url"):
            url = clip[field]
            assert url is None or url.startswith(("http://", "https://")), (field, url)
        assert clip["audio_url"] is None or "/None.mp3" not in clip["audio_url"]
    # The human summary survives the same payload.
    server.inject(Fault("hostile"), task_id=TASK_ID)
    human = cli(*status_args(server, provider, TASK_ID))
    assert human.code == run.code
    assert "javascript:" not in human.out and "file:" not in human.out


# --- more usage errors and the path the ID takes --------------------------------------------


@pytest.mark.parametrize(
    "task_id",
    ["../account/balance", "..", "a/b", "..%2Faccount%2Fbalance", "x?y=1", "x#y", " ", "-rf"],
)
def test_ids_that_cannot_be_task_ids_are_exit_2_for_sunor(
    cli: Cli, server: FakeProviderServer, task_id: str
) -> None:
    run = cli(*status_args(server, "sunor", "--json", "--", task_id))
    assert run.code == 2
    assert run.out == ""
    assert run.err.splitlines()[-1].startswith("tunewatch: ")
    assert server.requests == []


@pytest.mark.parametrize(
    "base_url",
    [
        "http://example.com",
        "http://10.0.0.1:8080",
        "ftp://127.0.0.1",
        "https://user:pw@api.crun.ai",
        "https://api.crun.ai/?x=1",
        "not a url",
    ],
)
def test_bad_base_urls_are_exit_2(cli: Cli, base_url: str) -> None:
    run = cli("--provider", "crun", "--base-url", base_url, TASK_ID)
    assert run.code == 2
    assert run.out == ""
    assert run.err.startswith("tunewatch: ") and run.err.count("\n") == 1
    assert DEFAULT_KEYS["crun"] not in run.err


def test_sunor_id_with_reserved_characters_stays_one_path_segment(
    cli: Cli, server: FakeProviderServer, clock: ManualClock
) -> None:
    task_id = "v2:task.7_x"
    place(server, clock, "sunor", "succeeded", task_id=task_id)
    run = cli(*status_args(server, "sunor", "--json", task_id))
    assert run.code == 0, run.err
    assert run.json()["task_id"] == task_id
    [request] = server.requests
    assert request.route == "sunor.status"
    assert request.task_id == task_id
    assert request.path.startswith("/api/v1/task/") and request.path.count("/") == 4
