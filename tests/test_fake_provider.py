"""The fake provider server: each provider's wire format, faults, limits, media, lifecycle.

Real sockets on loopback, a manual clock for the timelines.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from gui.fake_provider import (
    MEDIA_DIR,
    DownloadResult,
    Failure,
    FakeProviderServer,
    Fault,
    LyricsResult,
    ManualClock,
    MusicResult,
    Phase,
    ProviderId,
    RateLimits,
    StemsResult,
    TaskScript,
    TimedFault,
    UploadResult,
    VideoResult,
    demo_tasks,
)
from gui.fake_provider.hostile import TRAVERSAL_TITLE
from gui.fake_provider.timeline import resolve
from gui.fake_provider.wire import PROVIDER_ACCOUNT

REPO = Path(__file__).resolve().parents[1]
T0 = 1000.0  # manual clock start
UNIX0 = 1_768_900_000.0  # Unix time at T0, so timestamps are predictable
ISO0 = "2026-01-20T09:06:40.000Z"
MUSIC = TaskScript(
    [Phase("queued", 5), Phase("running", 10), Phase("streaming", 10), Phase("succeeded")],
    MusicResult(titles=["Neon Rain"], clips=2, tags="synthwave", prompt="rain"),
)
PROVIDERS: tuple[ProviderId, ...] = ("mountsea-suno", "mountsea-producer", "sunor", "crun")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture
def server(clock: ManualClock) -> Iterator[FakeProviderServer]:
    with FakeProviderServer(clock=clock, unix_offset=UNIX0 - T0) as fake:
        yield fake


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    # trust_env=False: a proxy from the environment must never see loopback test traffic
    with httpx.Client(timeout=5, trust_env=False) as http:
        yield http


def poll(
    client: httpx.Client, server: FakeProviderServer, provider: ProviderId, task_id: str
) -> httpx.Response:
    return client.get(server.status_url(provider, task_id), headers=server.auth_headers(provider))


def body(response: httpx.Response) -> Any:
    return response.json()


def at(clock: ManualClock, seconds: float) -> None:
    clock.set(T0 + seconds)


# --- wire formats, phase by phase ----------------------------------------------------------


def test_mountsea_suno_phases(
    server: FakeProviderServer, client: httpx.Client, clock: ManualClock
) -> None:
    server.add_task("mountsea-suno", "s1", MUSIC)
    queued = body(poll(client, server, "mountsea-suno", "s1"))
    assert queued == {
        "taskId": "s1",
        "status": "queued",
        "createdAt": ISO0,
        "finishAt": None,
        "failReason": None,
        "failCode": None,
        "data": {},
    }
    at(clock, 6)
    assert body(poll(client, server, "mountsea-suno", "s1"))["status"] == "running"
    at(clock, 16)
    streaming = body(poll(client, server, "mountsea-suno", "s1"))
    assert streaming["status"] == "stream"
    assert len(streaming["data"]) == 2
    for clip in streaming["data"]:
        url = urlsplit(clip["audio_url"])
        assert url.hostname == "127.0.0.2"
        assert url.path == f"/stream/{clip['id']}.mp3"
        assert clip["status"] == "streaming"
        assert clip["metadata"]["duration"] is None
    at(clock, 25)
    done = body(poll(client, server, "mountsea-suno", "s1"))
    assert done["status"] == "success"
    assert done["finishAt"] == "2026-01-20T09:07:05.000Z"
    ids = [c["id"] for c in done["data"]]
    assert ids == [c["id"] for c in streaming["data"]]  # same clips, final files
    for clip in done["data"]:
        assert set(clip) >= {
            "id", "title", "audio_url", "image_url", "image_large_url", "video_url",
            "model_name", "status", "metadata",
        }  # fmt: skip
        assert clip["title"] == "Neon Rain"
        assert urlsplit(clip["audio_url"]).path == f"/audio/{clip['id']}.mp3"
        assert urlsplit(clip["video_url"]).path == f"/video/{clip['id']}.mp4"
        assert clip["metadata"] == {"duration": 4, "tags": "synthwave", "prompt": "rain"}
    covers = {client.get(c["image_url"]).content for c in done["data"]}
    assert len(covers) == 2  # two variations, two covers


def test_suno_rare_status_words_and_failure(
    server: FakeProviderServer, client: httpx.Client, clock: ManualClock
) -> None:
    script = TaskScript(
        [Phase("queued", 2, wire_status="ready"), Phase("running", 2, wire_status="awaiting"),
         Phase("failed")],
        failure=Failure("Audio source not found.", code=4001),
    )  # fmt: skip
    server.add_task("mountsea-suno", "s2", script)
    server.add_task("mountsea-suno", "s3", TaskScript([Phase("timed_out")]))
    assert body(poll(client, server, "mountsea-suno", "s2"))["status"] == "ready"
    at(clock, 3)
    assert body(poll(client, server, "mountsea-suno", "s2"))["status"] == "awaiting"
    at(clock, 4)
    failed = body(poll(client, server, "mountsea-suno", "s2"))
    assert (failed["status"], failed["failReason"], failed["failCode"]) == (
        "failed", "Audio source not found.", 4001,
    )  # fmt: skip
    assert failed["data"] == {}
    timeout = body(poll(client, server, "mountsea-suno", "s3"))
    assert (timeout["status"], timeout["failReason"]) == ("timeout", "Task timed out")


@pytest.mark.parametrize(
    ("result", "keys"),
    [
        (MusicResult(titles=["Summer Vibes"]), {"audioId", "audioUrl", "duration", "title"}),
        (StemsResult(), {"vocals", "drums", "bass", "other"}),
        (DownloadResult("mp3"), {"url", "format"}),
        (VideoResult(), {"preset", "videoUrl"}),
        (UploadResult(), {"id", "url", "lyrics", "isFlagged", "transcriptionJobId"}),
    ],
)
def test_mountsea_producer_phases_and_results(
    server: FakeProviderServer,
    client: httpx.Client,
    clock: ManualClock,
    result: Any,
    keys: set[str],
) -> None:
    script = TaskScript(
        [Phase("queued", 5), Phase("running", 5), Phase("streaming", 5), Phase("succeeded")],
        result,
    )
    server.add_task("mountsea-producer", "p1", script)
    pending = body(poll(client, server, "mountsea-producer", "p1"))
    assert set(pending) == {
        "taskId", "status", "result", "errorMessage", "errorCode", "finishedAt", "createdAt",
        "traceId",
    }  # fmt: skip
    assert (pending["status"], pending["result"], pending["createdAt"]) == ("pending", None, ISO0)
    assert pending["traceId"].startswith("trace-")
    for t in (6, 11):  # running and streaming both read "processing": Producer never streams
        at(clock, t)
        assert body(poll(client, server, "mountsea-producer", "p1"))["status"] == "processing"
    at(clock, 15)
    done = body(poll(client, server, "mountsea-producer", "p1"))
    assert done["status"] == "completed"
    assert set(done["result"]) == keys
    assert done["finishedAt"] == "2026-01-20T09:06:55.000Z"
    if "vocals" in keys:
        assert all(urlsplit(u).path.endswith(".wav") for u in done["result"].values())
    if "format" in keys:
        assert done["result"]["format"] == "mp3"
        assert client.get(done["result"]["url"]).headers["content-type"] == "audio/mpeg"


def test_mountsea_producer_failure_and_cancel(
    server: FakeProviderServer, client: httpx.Client
) -> None:
    failure = Failure("Lyrics rejected", code="CONTENT_POLICY", trace_id="trace-abc")
    server.add_task("mountsea-producer", "f1", TaskScript([Phase("failed")], failure=failure))
    server.add_task("mountsea-producer", "c1", TaskScript([Phase("cancelled")]))
    failed = body(poll(client, server, "mountsea-producer", "f1"))
    assert (failed["status"], failed["errorMessage"], failed["errorCode"], failed["traceId"]) == (
        "failed", "Lyrics rejected", "CONTENT_POLICY", "trace-abc",
    )  # fmt: skip
    assert failed["result"] is None
    cancelled = body(poll(client, server, "mountsea-producer", "c1"))
    assert (cancelled["status"], cancelled["errorMessage"]) == ("cancelled", "Task cancelled")


def test_sunor_phases_progress_and_results(
    server: FakeProviderServer, client: httpx.Client, clock: ManualClock
) -> None:
    server.add_task("sunor", "u1", MUSIC)
    server.add_task(
        "sunor",
        "u2",
        TaskScript([Phase("running", 4), Phase("succeeded")], LyricsResult("Ocean", "[Verse]\nx")),
    )
    first = poll(client, server, "sunor", "u1")
    assert first.status_code == 200
    pending = body(first)
    assert set(pending) == {"code", "data"} and pending["code"] == 200
    data = pending["data"]
    assert set(data) == {
        "task_id", "model", "type", "status", "credits_cost", "input", "output", "error",
        "created_at", "completed_at",
    }  # fmt: skip
    assert (data["status"], data["output"], data["type"]) == ("pending", None, "music")
    percents = []
    for t in (5, 10, 15, 20, 24.9):
        at(clock, t)
        running = body(poll(client, server, "sunor", "u1"))["data"]
        assert running["status"] == "running"
        assert running["output"]["status"] == "processing"
        percents.append(int(running["output"]["progress"].rstrip("%")))
    assert percents == sorted(percents) and percents[0] == 0 and percents[-1] == 99
    at(clock, 26)
    done = body(poll(client, server, "sunor", "u1"))["data"]
    assert (done["status"], done["output"]["status"], done["output"]["progress"]) == (
        "success", "completed", "100%",
    )  # fmt: skip
    clips = done["output"]["result"]
    assert isinstance(clips, list) and len(clips) == 2
    assert set(clips[0]) == {"id", "audio_url", "image_url", "title", "metadata"}
    assert clips[0]["metadata"]["tags"] == "synthwave"
    assert done["completed_at"] == "2026-01-20T09:07:05.000Z"
    lyrics = body(poll(client, server, "sunor", "u2"))["data"]
    assert lyrics["type"] == "lyrics"
    assert lyrics["output"]["result"] == {"title": "Ocean", "text": "[Verse]\nx"}


def test_sunor_failure_and_timeout(server: FakeProviderServer, client: httpx.Client) -> None:
    server.add_task("sunor", "x1", TaskScript([Phase("failed")], failure=Failure("Upstream")))
    server.add_task("sunor", "x2", TaskScript([Phase("timed_out")]))
    failed = body(poll(client, server, "sunor", "x1"))["data"]
    assert (failed["status"], failed["error"]) == ("failure", "Upstream")
    assert failed["output"] == {
        "task_type": "music", "status": "failed", "progress": None, "fail_reason": "Upstream",
        "result": None,
    }  # fmt: skip
    assert body(poll(client, server, "sunor", "x2"))["data"]["status"] == "timeout"


def test_crun_phases(server: FakeProviderServer, client: httpx.Client, clock: ManualClock) -> None:
    server.add_task("crun", "c1", MUSIC)
    pending = body(poll(client, server, "crun", "c1"))
    assert (pending["code"], pending["message"]) == (200, "success")
    data = pending["data"]
    assert set(data) == {
        "task_id", "provider", "model_version", "status", "param", "create_at", "complete_at",
        "duration_s", "result", "credits", "source",
    }  # fmt: skip
    assert (data["status"], data["result"], data["create_at"]) == ("pending", None, int(UNIX0))
    at(clock, 16)
    assert body(poll(client, server, "crun", "c1"))["data"]["status"] == "running"
    at(clock, 40)
    done = body(poll(client, server, "crun", "c1"))["data"]
    assert (done["status"], done["complete_at"], done["duration_s"]) == (
        "success", int(UNIX0) + 25, 25,
    )  # fmt: skip
    clips = done["result"]["suno_data"]
    assert len(clips) == 2
    assert set(clips[0]) == {
        "suno_id", "title", "prompt", "tags", "suno_audio_url", "suno_image_url",
        "suno_image_large_url", "model_name", "duration", "created_at",
    }  # fmt: skip
    assert done["result"]["media_urls"] == [c["suno_audio_url"] for c in clips]


def test_crun_failure_result(server: FakeProviderServer, client: httpx.Client) -> None:
    server.add_task("crun", "c2", TaskScript([Phase("failed")], failure=Failure("Bad lyrics")))
    data = body(poll(client, server, "crun", "c2"))["data"]
    assert data["status"] == "failed"
    assert data["result"] == {"code": 501, "message": "Bad lyrics"}


# --- auth, unknown tasks, balances ---------------------------------------------------------

UNAUTHORIZED = {
    "mountsea-suno": {"statusCode": 401, "message": "Unauthorized"},
    "mountsea-producer": {"statusCode": 401, "message": "Unauthorized"},
    "sunor": {"code": 401, "message": "Invalid API key"},
    "crun": {"code": 401, "message": "Invalid API key", "data": None},
}


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("headers", ["missing", "wrong", "other-style"])
def test_bad_key_is_401_in_each_format(
    server: FakeProviderServer, client: httpx.Client, provider: ProviderId, headers: str
) -> None:
    server.add_task(provider, "t", MUSIC)
    good = server.auth_headers(provider)
    sent = {
        "missing": {},
        "wrong": {name: "Bearer nope" if name == "Authorization" else "nope" for name in good},
        # the right key in the other provider family's header
        "other-style": (
            {"x-api-key": next(iter(good.values())).removeprefix("Bearer ")}
            if "Authorization" in good
            else {"Authorization": f"Bearer {next(iter(good.values()))}"}
        ),
    }[headers]
    response = client.get(server.status_url(provider, "t"), headers=sent)
    assert response.status_code == 401
    assert body(response) == UNAUTHORIZED[provider]


def test_set_key_replaces_the_key(server: FakeProviderServer, client: httpx.Client) -> None:
    server.add_task("sunor", "t", MUSIC)
    old = server.auth_headers("sunor")
    server.set_key("sunor", "new-key")
    assert client.get(server.status_url("sunor", "t"), headers=old).status_code == 401
    assert poll(client, server, "sunor", "t").status_code == 200


@pytest.mark.parametrize(
    ("provider", "status", "expected"),
    [
        ("mountsea-suno", 404, {"statusCode": 404, "message": "Task not found"}),
        ("mountsea-producer", 404, {"statusCode": 404, "message": "Task not found"}),
        ("sunor", 404, {"code": 404, "message": "Task not found"}),
        # crun hides its error code inside an HTTP 200
        ("crun", 200, {"code": 422, "message": "task_id not found", "data": None}),
    ],
)
def test_unknown_task_in_each_format(
    server: FakeProviderServer,
    client: httpx.Client,
    provider: ProviderId,
    status: int,
    expected: dict[str, object],
) -> None:
    server.add_task("sunor" if provider != "sunor" else "crun", "elsewhere", MUSIC)
    response = poll(client, server, provider, "elsewhere")
    assert (response.status_code, body(response)) == (status, expected)


def test_balances(server: FakeProviderServer, client: httpx.Client) -> None:
    def balance(provider: ProviderId) -> httpx.Response:
        headers = server.auth_headers(provider, balance=True)
        return client.get(server.balance_url(PROVIDER_ACCOUNT[provider]), headers=headers)

    server.set_balance("crun", 42)
    assert body(balance("mountsea-suno")) == {"credits": 10000}
    assert body(balance("sunor")) == {
        "code": 200, "data": {"available": 950, "frozen": 0, "total": 950},
    }  # fmt: skip
    assert body(balance("crun")) == {"code": 200, "message": "success", "data": {"balance": 42}}
    # MountSea credits take X-API-Key, not the Bearer header of the task APIs
    bearer = server.auth_headers("mountsea-suno")
    assert client.get(server.balance_url("mountsea"), headers=bearer).status_code == 401


def test_sunor_task_id_stays_inside_the_path(
    server: FakeProviderServer, client: httpx.Client
) -> None:
    headers = server.auth_headers("sunor")
    encoded = client.get(f"{server.base_url}/api/v1/task/..%2Faccount%2Fbalance", headers=headers)
    assert encoded.status_code == 404
    # Sent unencoded, the dot segments resolve as on a real web server: another endpoint answers.
    host, port = server.api_host, server.port
    request = (
        f"GET /api/v1/task/../account/balance HTTP/1.1\r\nHost: {host}\r\n"
        f"x-api-key: {server.key('sunor')}\r\nConnection: close\r\n\r\n"
    )
    with socket.create_connection((host, port), timeout=5) as raw:
        raw.sendall(request.encode())
        reply = b""
        while chunk := raw.recv(65536):
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 200") and b'"available"' in reply
    assert server.requests[-1].path == "/api/v1/task/../account/balance"


# --- faults --------------------------------------------------------------------------------


def test_injected_429_on_sunor_account(
    server: FakeProviderServer, client: httpx.Client, clock: ManualClock
) -> None:
    server.add_task("sunor", "t", MUSIC)
    server.inject(Fault("429", retry_after=3), account="sunor", times=2)
    first = poll(client, server, "sunor", "t")
    assert first.status_code == 429
    assert body(first) == {"code": 429, "message": "Rate limit exceeded. Try again in 3 seconds."}
    assert first.headers["retry-after"] == "3"
    assert first.headers["x-ratelimit-remaining"] == "0"
    assert first.headers["x-ratelimit-limit"] == "120"
    assert int(first.headers["x-ratelimit-reset"]) == int(UNIX0) + 3
    assert server.violations == []
    at(clock, 3)  # waited the full Retry-After: polite
    assert poll(client, server, "sunor", "t").status_code == 429
    assert server.violations == []
    at(clock, 4)  # inside the second window
    ok = poll(client, server, "sunor", "t")
    assert ok.status_code == 200  # times=2 is used up
    assert "x-ratelimit-remaining" in ok.headers
    assert [v.kind for v in server.violations] == ["retry_after"]


@pytest.mark.parametrize(
    ("provider", "status", "content_type"),
    [
        ("mountsea-suno", 502, "text/html"),
        ("sunor", 502, "application/json"),
        ("crun", 502, "text/html"),
        ("mountsea-producer", 500, "application/json"),
        ("crun", 500, "application/json"),
    ],
)
def test_injected_server_errors(
    server: FakeProviderServer,
    client: httpx.Client,
    provider: ProviderId,
    status: int,
    content_type: str,
) -> None:
    server.add_task(provider, "t", MUSIC)
    server.inject(Fault(str(status)), task_id="t", times=1)  # type: ignore[arg-type]
    failing = poll(client, server, provider, "t")
    assert failing.status_code == status
    assert failing.headers["content-type"] == content_type
    if content_type == "application/json":
        error = body(failing)
        assert error.get("code", error.get("statusCode")) == status
    assert poll(client, server, provider, "t").status_code == 200


def test_crun_error_inside_http_200(server: FakeProviderServer, client: httpx.Client) -> None:
    server.add_task("crun", "t", MUSIC)
    server.inject(Fault("429", in_body=True, retry_after=2), task_id="t", times=1)
    response = poll(client, server, "crun", "t")
    assert response.status_code == 200
    assert body(response)["code"] == 429 and body(response)["data"] is None


def test_malformed_json(server: FakeProviderServer, client: httpx.Client) -> None:
    server.add_task("mountsea-producer", "t", MUSIC)
    server.inject(Fault("malformed"), task_id="t", times=1)
    response = poll(client, server, "mountsea-producer", "t")
    assert response.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)
    assert server.requests[-1].fault == "malformed"


@pytest.mark.parametrize("provider", PROVIDERS)
def test_hostile_payload(
    server: FakeProviderServer, client: httpx.Client, provider: ProviderId
) -> None:
    server.add_task(provider, "t", MUSIC)  # still queued: hostile shows a "finished" task
    server.inject(Fault("hostile"), account=PROVIDER_ACCOUNT[provider])
    response = poll(client, server, provider, "t")
    assert response.status_code == 200
    text = response.text
    assert TRAVERSAL_TITLE in text
    assert "javascript:" in text
    if provider != "mountsea-producer":  # a music result there has a single URL
        assert "file:///etc/passwd" in text
    assert '"3:00"' in text  # a duration of the wrong type
    assert len(text) > 10_000
    json.loads(text)  # hostile, yet valid JSON


def test_timeout_fault_holds_then_recovers(
    server: FakeProviderServer, client: httpx.Client
) -> None:
    server.add_task("sunor", "t", MUSIC)
    server.inject(Fault("timeout", hold=5), task_id="t", times=1)
    with pytest.raises(httpx.ReadTimeout):
        client.get(
            server.status_url("sunor", "t"), headers=server.auth_headers("sunor"), timeout=0.2
        )
    assert poll(client, server, "sunor", "t").status_code == 200


def test_stop_cancels_held_requests_and_leaves_no_thread(clock: ManualClock) -> None:
    before = set(threading.enumerate())
    fake = FakeProviderServer(clock=clock).start()
    fake.add_task("crun", "t", MUSIC)
    fake.inject(Fault("timeout", hold=60), account="crun")
    with httpx.Client(trust_env=False, timeout=0.2) as http, pytest.raises(httpx.ReadTimeout):
        http.get(fake.status_url("crun", "t"), headers=fake.auth_headers("crun"))
    started = time.monotonic()
    fake.stop()
    assert time.monotonic() - started < 2
    assert set(threading.enumerate()) == before
    with pytest.raises(OSError):
        socket.create_connection((fake.api_host, fake.port), timeout=1).close()
    fake.stop()  # idempotent


# --- real rate limits ----------------------------------------------------------------------


def test_sunor_status_budget(clock: ManualClock, client: httpx.Client) -> None:
    limits = RateLimits(sunor_per_minute=5)
    with FakeProviderServer(clock=clock, unix_offset=UNIX0 - T0, rate_limits=limits) as fake:
        for index in range(5):
            fake.add_task("sunor", f"t{index}", MUSIC)
        remaining = []
        for index in range(5):
            at(clock, index * 2)
            response = poll(client, fake, "sunor", f"t{index}")
            assert response.status_code == 200
            remaining.append(response.headers["x-ratelimit-remaining"])
        assert remaining == ["4", "3", "2", "1", "0"]
        # balance calls carry the headers but do not spend the status budget
        balance = client.get(fake.balance_url("sunor"), headers=fake.auth_headers("sunor"))
        assert balance.status_code == 200 and balance.headers["x-ratelimit-remaining"] == "0"
        at(clock, 10)
        refused = poll(client, fake, "sunor", "t0")
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "50"  # the first request leaves the window at 60
        assert int(refused.headers["x-ratelimit-reset"]) == int(UNIX0) + 60
        assert [v.kind for v in fake.violations] == ["rate_limit"]
        at(clock, 20)
        assert poll(client, fake, "sunor", "t0").status_code == 429
        assert [v.kind for v in fake.violations] == ["rate_limit", "retry_after", "rate_limit"]
        at(clock, 60)
        assert poll(client, fake, "sunor", "t0").status_code == 200


def test_sunor_per_task_advice_is_recorded(
    server: FakeProviderServer, client: httpx.Client, clock: ManualClock
) -> None:
    server.add_task("sunor", "t", MUSIC)
    poll(client, server, "sunor", "t")
    at(clock, 1)
    poll(client, server, "sunor", "t")
    assert server.violations == []
    at(clock, 1.5)
    assert poll(client, server, "sunor", "t").status_code == 200  # advice: not enforced
    assert [(v.kind, v.task_id) for v in server.violations] == [("task_rate", "t")]


def test_crun_requests_per_second(
    server: FakeProviderServer, client: httpx.Client, clock: ManualClock
) -> None:
    server.add_task("crun", "t", MUSIC)
    codes = [poll(client, server, "crun", "t").status_code for _ in range(16)]
    assert codes == [200] * 15 + [429]
    assert [v.kind for v in server.violations] == ["rate_limit"]
    at(clock, 1)
    assert poll(client, server, "crun", "t").status_code == 200


# --- media ---------------------------------------------------------------------------------


def finished_clip(
    server: FakeProviderServer, client: httpx.Client, clock: ManualClock
) -> dict[str, Any]:
    server.add_task("mountsea-suno", "m", TaskScript([Phase("succeeded")], MusicResult()))
    clip: dict[str, Any] = body(poll(client, server, "mountsea-suno", "m"))["data"][0]
    return clip


def test_media_range_requests(
    server: FakeProviderServer, client: httpx.Client, clock: ManualClock
) -> None:
    url = finished_clip(server, client, clock)["audio_url"]
    mp3 = (MEDIA_DIR / "tone.mp3").read_bytes()
    size = len(mp3)
    full = client.get(url)
    assert full.status_code == 200 and full.content == mp3
    assert full.headers["content-length"] == str(size)
    assert full.headers["accept-ranges"] == "bytes"
    assert full.headers["content-type"] == "audio/mpeg"
    cases = {
        "bytes=0-99": (0, 99),
        "bytes=100-": (100, size - 1),
        "bytes=-10": (size - 10, size - 1),
    }
    for header, (start, end) in cases.items():
        part = client.get(url, headers={"Range": header})
        assert part.status_code == 206
        assert part.headers["content-range"] == f"bytes {start}-{end}/{size}"
        assert part.content == mp3[start : end + 1]
    beyond = client.get(url, headers={"Range": f"bytes={size}-"})
    assert beyond.status_code == 416 and beyond.headers["content-range"] == f"bytes */{size}"
    head = client.head(url)
    assert head.status_code == 200 and head.headers["content-length"] == str(size)
    assert head.content == b""


def test_media_kinds(server: FakeProviderServer, client: httpx.Client, clock: ManualClock) -> None:
    clip = finished_clip(server, client, clock)
    expected = {
        "image_url": "image/jpeg",
        "image_large_url": "image/jpeg",
        "video_url": "video/mp4",
    }
    for field, content_type in expected.items():
        response = client.get(clip[field])
        assert response.status_code == 200
        assert response.headers["content-type"] == content_type
    assert client.get(clip["image_url"]).content[:2] == b"\xff\xd8"  # a real JPEG
    wav = client.get(server.media_link("audio", "x", "wav"))
    assert wav.content[:4] == b"RIFF" and wav.headers["content-type"] == "audio/wav"
    assert client.get(server.media_link("audio", "None", "mp3")).status_code == 404


def test_media_links_expire_and_the_next_poll_renews_them(
    clock: ManualClock, client: httpx.Client
) -> None:
    with FakeProviderServer(clock=clock, link_ttl=60) as fake:
        first = finished_clip(fake, client, clock)["audio_url"]
        assert client.get(first).status_code == 200
        at(clock, 61)
        expired = client.get(first)
        assert expired.status_code == 403 and b"expired" in expired.content
        fresh = body(poll(client, fake, "mountsea-suno", "m"))["data"][0]["audio_url"]
        assert fresh != first
        assert client.get(fresh).status_code == 200
        forged = fresh.replace("sig=", "sig=0")
        assert client.get(forged).status_code == 403
        assert client.get(fresh.partition("?")[0]).status_code == 403


def test_media_host_is_separate_and_never_sees_a_key(
    server: FakeProviderServer, client: httpx.Client, clock: ManualClock
) -> None:
    clip = finished_clip(server, client, clock)
    assert urlsplit(clip["audio_url"]).hostname == "127.0.0.2"
    assert server.media_url.startswith("http://127.0.0.2:")
    client.get(clip["audio_url"])
    client.get(clip["image_url"])
    hosts = {r.route: r.host for r in server.requests}
    assert hosts == {"mountsea-suno.status": "127.0.0.1", "media": "127.0.0.2"}
    for record in server.requests:
        if record.host == "127.0.0.2":
            assert "authorization" not in record.headers
            assert "x-api-key" not in record.headers


def test_media_faults(server: FakeProviderServer, client: httpx.Client, clock: ManualClock) -> None:
    url = finished_clip(server, client, clock)["audio_url"]
    server.inject(Fault("500"), account="media", times=1)
    assert client.get(url).status_code == 500
    assert client.get(url).status_code == 200


# --- lifecycle, scale, demo ----------------------------------------------------------------


def test_keep_alive_and_many_tasks(server: FakeProviderServer, client: httpx.Client) -> None:
    started = time.monotonic()
    for index in range(5000):
        server.add_task(PROVIDERS[index % 4], f"bulk-{index}", MUSIC)
    assert time.monotonic() - started < 2
    before = server.connections_accepted
    for index in range(0, 5000, 50):
        provider = PROVIDERS[index % 4]
        assert poll(client, server, provider, f"bulk-{index}").status_code == 200
    assert server.connections_accepted - before == 1  # one keep-alive connection
    assert len(server.requests) == 100


def test_restart(clock: ManualClock, client: httpx.Client) -> None:
    fake = FakeProviderServer(clock=clock)
    for _ in range(2):
        with fake:
            fake.add_task("sunor", "t", MUSIC)
            assert poll(client, fake, "sunor", "t").status_code == 200


def test_script_validation() -> None:
    with pytest.raises(ValueError, match="must be the last"):
        TaskScript([Phase("succeeded"), Phase("running", 1)])
    with pytest.raises(ValueError, match="unknown phase"):
        Phase("done")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown fault"):
        Fault("418")  # type: ignore[arg-type]
    with FakeProviderServer() as fake:
        with pytest.raises(ValueError, match="unknown provider"):
            fake.add_task("suno", "t", MUSIC)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="exactly one"):
            fake.inject(Fault("500"))


def test_timeline_resolution() -> None:
    script = TaskScript([Phase("queued", 10), Phase("running", 20), Phase("succeeded")])
    assert resolve(script, -5).name == "queued"
    assert (resolve(script, 10).name, resolve(script, 10).progress) == ("running", 0.0)
    assert resolve(script, 20).progress == pytest.approx(0.5)
    assert (resolve(script, 30).name, resolve(script, 30).started) == ("succeeded", 30)
    endless = TaskScript([Phase("running")])
    assert 0 < resolve(endless, 60).progress < resolve(endless, 600).progress < 1


def test_demo_tasks_cover_the_story(clock: ManualClock, client: httpx.Client) -> None:
    tasks = demo_tasks()
    assert {provider for provider, _, _ in tasks} == set(PROVIDERS)
    assert max(script.length for _, _, script in tasks) <= 90
    suno = next(s for p, _, s in tasks if p == "mountsea-suno")
    assert [p.name for p in suno.phases] == ["queued", "running", "streaming", "succeeded"]
    assert {s.result.kind for p, _, s in tasks if p == "mountsea-producer"} >= {"stems", "music"}
    assert any(s.phases[-1].name == "failed" and s.failure.trace_id for _, _, s in tasks)
    throttled = [f for _, _, s in tasks for f in s.faults if isinstance(f, TimedFault)]
    assert throttled and throttled[0].account_wide and throttled[0].fault.kind == "429"
    with FakeProviderServer(clock=clock) as fake:
        fake.add_tasks(tasks)
        sunor_id = next(t for p, t, s in tasks if p == "sunor" and s.faults)
        at(clock, throttled[0].start + 1)
        assert poll(client, fake, "sunor", sunor_id).status_code == 429
        at(clock, 95)
        for provider, task_id, _ in tasks:
            assert poll(client, fake, provider, task_id).status_code == 200
            assert fake.phase_of(provider, task_id) in ("succeeded", "failed")


def test_shipped_media_is_small_and_real() -> None:
    import mutagen

    files = {path.name: path for path in MEDIA_DIR.iterdir()}
    assert {"tone.mp3", "tone.wav", "tone.m4a", "cover-1.jpg", "cover-2.jpg", "clip.mp4"} <= set(
        files
    )
    assert sum(path.stat().st_size for path in files.values()) < 300_000
    assert all(files[c].stat().st_size <= 30_000 for c in ("cover-1.jpg", "cover-2.jpg"))
    for name in ("tone.mp3", "tone.wav"):
        audio = mutagen.File(files[name])
        assert 3 <= audio.info.length <= 5


def test_standalone_entry_point() -> None:
    command = [sys.executable, "-m", "gui.fake_provider", "--demo", "--json"]
    with subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.PIPE, text=True, env={"PYTHONPATH": str(REPO)}
    ) as process:
        assert process.stdout is not None
        info = json.loads(process.stdout.readline())
        try:
            task = info["tasks"][0]
            with httpx.Client(base_url=info["base_url"], trust_env=False, timeout=5) as http:
                response = http.get(
                    "/suno/v2/status",
                    params={"taskId": task["task_id"]},
                    headers={"Authorization": f"Bearer {info['keys']['mountsea']}"},
                )
            assert response.status_code == 200
            assert info["media_url"].startswith("http://127.0.0.2:")
        finally:
            process.terminate()
        assert process.wait(10) == 0
