"""Status words, streaming rules, error mapping, request building and URL rules, per provider."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any
from urllib.parse import unquote, urlsplit

import httpx
import pytest

from gui.domain.errors import (
    AuthError,
    BadPayloadError,
    InvalidBaseUrlError,
    InvalidTaskIdError,
    NotFoundError,
    ProviderError,
    RateLimitedError,
    RequestRejectedError,
    ServerError,
)
from gui.domain.model import ClipKind, TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.task_ids import validate_task_id
from gui.domain.urls import clean_media_url, is_placeholder_audio, is_stream_url, validate_base_url
from gui.polling.status_check import check_status
from gui.providers import PROVIDER_IDS, get_provider

API_KEY = "sk-live-0123456789abcdef"
SUNO_RELAYS = ["mountsea-suno", "sunor", "crun"]  # the three that pass on Suno clip objects

FINAL_MP3 = "https://cdn1.suno.ai/clip-a.mp3"
STREAM = "https://audiopipe.suno.ai/?item_id=clip-a"
PLACEHOLDER = "https://cdn1.suno.ai/None.mp3"


def status_payload(provider_id: str, word: Any, *, clips: Any = None, **extra: Any) -> Any:
    """A realistic status answer with `word` as the status and `clips` where results live."""
    if provider_id == "mountsea-suno":
        payload = {"taskId": "task-1", "status": word, "createdAt": "2025-08-18T02:30:00Z"}
        if clips is not None:
            payload["data"] = clips
        return payload | extra
    if provider_id == "mountsea-producer":
        return {"taskId": "task-1", "status": word, "result": clips} | extra
    if provider_id == "sunor":
        data = {
            "task_id": "task-1",
            "type": "music",
            "status": word,
            "output": None if clips is None else {"task_type": "music", "result": clips},
            "created_at": "2025-01-15T10:30:00.000Z",
        }
        return {"code": 200, "data": data | extra}
    if provider_id == "crun":
        data = {
            "task_id": "task-1",
            "status": word,
            "create_at": 1768900378,
            "result": None if clips is None else {"suno_data": clips},
        }
        return {"code": 200, "message": "success", "data": data | extra}
    raise AssertionError(provider_id)


def parse(
    provider_id: str, payload: Any, *, status: int = 200, headers: dict[str, str] | None = None
) -> TaskSnapshot:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return get_provider(provider_id).parse_status("task-1", status, headers or {}, body)


# ---------------------------------------------------------------------------------------------
# Status words → states
# ---------------------------------------------------------------------------------------------

Q, R, S = TaskState.QUEUED, TaskState.RUNNING, TaskState.STREAMING
OK, FAIL, CANCEL, TIMEOUT = (
    TaskState.SUCCEEDED,
    TaskState.FAILED,
    TaskState.CANCELLED,
    TaskState.TIMED_OUT,
)
STATUS_WORDS = {
    "mountsea-suno": {
        "queued": Q,
        "ready": Q,
        "running": R,
        "awaiting": Q,
        "stream": S,
        "success": OK,
        "failed": FAIL,
        "timeout": TIMEOUT,
    },
    "mountsea-producer": {
        "pending": Q,
        "ready": Q,
        "assigned": Q,
        "processing": R,
        "completed": OK,
        "failed": FAIL,
        "cancelled": CANCEL,
        "timeout": TIMEOUT,
    },
    "sunor": {"pending": Q, "running": R, "success": OK, "failure": FAIL, "timeout": TIMEOUT},
    "crun": {"pending": Q, "running": R, "success": OK, "failed": FAIL},
}
WORD_CASES = [
    pytest.param(provider_id, word, state, id=f"{provider_id}-{word}")
    for provider_id, table in STATUS_WORDS.items()
    for word, state in table.items()
]


@pytest.mark.parametrize(("provider_id", "word", "expected"), WORD_CASES)
def test_every_documented_status_word_maps_to_its_state(
    provider_id: str, word: str, expected: TaskState
) -> None:
    snap = parse(provider_id, status_payload(provider_id, word))

    assert snap.state is expected
    assert snap.provider_status == word
    assert snap.state.is_terminal == (expected in (OK, FAIL, CANCEL, TIMEOUT))


@pytest.mark.parametrize(("provider_id", "word", "expected"), WORD_CASES)
def test_status_words_are_read_regardless_of_case_and_blanks(
    provider_id: str, word: str, expected: TaskState
) -> None:
    assert parse(provider_id, status_payload(provider_id, f" {word.upper()} ")).state is expected


@pytest.mark.parametrize(("provider_id", "word", "expected"), WORD_CASES)
def test_a_failure_always_says_something(provider_id: str, word: str, expected: TaskState) -> None:
    snap = parse(provider_id, status_payload(provider_id, word))
    if expected.is_failure:
        assert snap.error is not None and snap.error.message
    else:
        assert snap.error is None


@pytest.mark.parametrize(
    ("word", "refunded"), [("success", None), ("failure", True), ("timeout", True)]
)
def test_sunor_says_when_credits_are_refunded(word: str, refunded: bool | None) -> None:
    assert parse("sunor", status_payload("sunor", word)).credits_refunded is refunded


@pytest.mark.parametrize("provider_id", PROVIDER_IDS)
@pytest.mark.parametrize("word", ["paused", "mystery-state", "", None, 42, ["success"], {"a": 1}])
def test_unknown_status_is_still_working_with_a_warning(
    provider_id: str, word: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        snap = parse(provider_id, status_payload(provider_id, word))

    assert snap.state is TaskState.RUNNING
    assert not snap.state.is_terminal
    assert snap.error is None
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert any("unknown status" in r.getMessage() for r in warnings)
    if isinstance(word, str) and word:
        assert any(word in r.getMessage() for r in warnings)


def test_terminal_states() -> None:
    assert {s for s in TaskState if s.is_terminal} == {OK, FAIL, CANCEL, TIMEOUT}
    assert {s for s in TaskState if s.is_failure} == {FAIL, CANCEL, TIMEOUT}


# ---------------------------------------------------------------------------------------------
# Failure details
# ---------------------------------------------------------------------------------------------


def test_suno_failure_reason_and_code() -> None:
    payload = status_payload("mountsea-suno", "failed", failReason="Audio source not found.")
    snap = parse("mountsea-suno", payload | {"failCode": 4001, "finishAt": "2025-08-18T02:35Z"})
    assert snap.error is not None
    assert (snap.error.message, snap.error.code) == ("Audio source not found.", "4001")
    assert snap.finished_at is not None


def test_suno_timeout_without_reason_says_it_timed_out() -> None:
    snap = parse("mountsea-suno", status_payload("mountsea-suno", "timeout"))
    assert snap.error is not None and "timed out" in snap.error.message


def test_producer_failure_carries_trace_id() -> None:
    payload = status_payload(
        "mountsea-producer",
        "failed",
        errorMessage="Content policy violation",
        errorCode=1002,
        traceId="trace-abc",
        finishedAt="2025-02-06T10:30:00.000Z",
    )
    snap = parse("mountsea-producer", payload)
    assert snap.error is not None
    assert snap.error.message == "Content policy violation"
    assert snap.error.code == "1002"
    assert snap.error.trace_id == "trace-abc"
    assert snap.finished_at is not None


def test_producer_cancelled_without_message() -> None:
    snap = parse("mountsea-producer", status_payload("mountsea-producer", "cancelled"))
    assert snap.state is TaskState.CANCELLED
    assert snap.error is not None and "cancelled" in snap.error.message


def test_sunor_failure_reason_from_output_when_no_error_field() -> None:
    payload = status_payload("sunor", "failure")
    payload["data"]["output"] = {"status": "failed", "fail_reason": "Lyrics were rejected"}
    snap = parse("sunor", payload)
    assert snap.error is not None and snap.error.message == "Lyrics were rejected"


@pytest.mark.parametrize(
    ("progress", "fraction"), [("50%", 0.5), ("0%", 0.0), ("100%", 1.0), ("12.5 %", 0.125)]
)
def test_sunor_progress_text_becomes_a_fraction(progress: str, fraction: float) -> None:
    payload = status_payload("sunor", "running")
    payload["data"]["output"] = {"status": "processing", "progress": progress}
    assert parse("sunor", payload).progress == pytest.approx(fraction)


@pytest.mark.parametrize("provider_id", PROVIDER_IDS)
@pytest.mark.parametrize("bad_time", ["²", "yesterday", "2025-13-45T99:00:00Z", -5, 10**40, True])
def test_a_bad_timestamp_is_ignored_not_fatal(provider_id: str, bad_time: Any) -> None:
    """One unreadable field must not hide the task's state behind a "could not read" error."""
    time_key = {
        "mountsea-suno": "createdAt",
        "mountsea-producer": "createdAt",
        "sunor": "created_at",
        "crun": "create_at",
    }[provider_id]
    payload = status_payload(
        provider_id, "running" if provider_id != "mountsea-producer" else "processing"
    )
    target = payload["data"] if provider_id in ("sunor", "crun") else payload
    target[time_key] = bad_time

    snap = parse(provider_id, payload)
    assert snap.state is TaskState.RUNNING
    assert snap.created_at is None


# ---------------------------------------------------------------------------------------------
# Suno clips: streams, placeholders, spellings
# ---------------------------------------------------------------------------------------------


def test_suno_stream_state_offers_the_preview_not_a_final_file() -> None:
    clip = {"id": "clip-a", "title": "Night Drive", "audio_url": STREAM, "status": "streaming"}
    snap = parse("mountsea-suno", status_payload("mountsea-suno", "stream", clips=[clip]))

    assert snap.state is TaskState.STREAMING
    (song,) = snap.clips
    assert song.audio_url is None
    assert song.stream_url == STREAM
    assert song.playable_url == STREAM


def test_suno_running_with_a_preview_is_shown_as_streaming() -> None:
    clip = {"id": "clip-a", "audio_url": STREAM}
    snap = parse("mountsea-suno", status_payload("mountsea-suno", "running", clips=[clip]))
    assert snap.state is TaskState.STREAMING


@pytest.mark.parametrize("provider_id", SUNO_RELAYS)
def test_success_with_only_previews_is_not_finished(provider_id: str) -> None:
    clips = [
        {"id": "clip-a", "audio_url": STREAM, "suno_audio_url": STREAM, "title": "A"},
        {"id": "clip-b", "audio_url": STREAM.replace("-a", "-b"), "title": "B"},
    ]
    snap = parse(provider_id, status_payload(provider_id, "success", clips=clips))

    assert snap.state is TaskState.STREAMING
    assert not snap.state.is_terminal
    assert all(c.audio_url is None and c.stream_url for c in snap.clips)


@pytest.mark.parametrize("provider_id", SUNO_RELAYS)
def test_success_with_final_files_is_finished(provider_id: str) -> None:
    clip = {"id": "clip-a", "audio_url": FINAL_MP3, "suno_audio_url": FINAL_MP3, "title": "A"}
    snap = parse(provider_id, status_payload(provider_id, "success", clips=[clip]))

    assert snap.state is TaskState.SUCCEEDED
    assert snap.clips[0].audio_url == FINAL_MP3
    assert snap.clips[0].stream_url is None


@pytest.mark.parametrize("provider_id", SUNO_RELAYS)
@pytest.mark.parametrize("key", ["audio_url", "audioUrl", "suno_audio_url"])
def test_none_mp3_placeholder_is_never_offered_as_audio(provider_id: str, key: str) -> None:
    clip = {"id": "clip-a", "title": "Broken", key: PLACEHOLDER, "status": "error"}
    snap = parse(provider_id, status_payload(provider_id, "success", clips=[clip]))

    for c in snap.clips:
        assert c.audio_url is None
        assert c.stream_url is None
        assert c.playable_url is None


def test_crun_placeholder_media_url_is_not_offered_as_audio() -> None:
    payload = status_payload("crun", "success")
    payload["data"]["result"] = {"media_urls": [PLACEHOLDER, FINAL_MP3]}
    snap = parse("crun", payload)
    assert [c.audio_url for c in snap.clips] == [FINAL_MP3]


@pytest.mark.parametrize("provider_id", SUNO_RELAYS)
@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "data:audio/mp3;base64,AA"]
)
def test_non_http_links_in_a_clip_are_dropped(provider_id: str, url: str) -> None:
    clip = {"id": "clip-a", "audio_url": url, "image_url": url, "video_url": url}
    clip |= {"suno_audio_url": url, "suno_image_url": url}
    (c,) = parse(provider_id, status_payload(provider_id, "success", clips=[clip])).clips
    assert (c.audio_url, c.stream_url, c.image_url, c.video_url) == (None, None, None, None)


def test_suno_camel_case_clip_fields() -> None:
    clip = {
        "id": "clip-a",
        "title": "Camel",
        "audioUrl": FINAL_MP3,
        "imageUrl": "https://cdn2.suno.ai/image_clip-a.jpeg",
        "imageLargeUrl": "https://cdn2.suno.ai/image_large_clip-a.jpeg",
        "videoUrl": "https://cdn1.suno.ai/clip-a.mp4",
        "modelName": "chirp-crow",
    }
    (c,) = parse("mountsea-suno", status_payload("mountsea-suno", "success", clips=[clip])).clips

    assert c.audio_url == FINAL_MP3
    assert c.image_url == "https://cdn2.suno.ai/image_large_clip-a.jpeg"  # large preferred
    assert c.video_url == "https://cdn1.suno.ai/clip-a.mp4"
    assert c.model_name == "chirp-crow"
    assert c.model_version == "v5"


def test_suno_snake_case_clip_with_metadata() -> None:
    clip = {
        "id": "clip-a",
        "title": "Snake",
        "audio_url": FINAL_MP3,
        "image_url": "https://cdn2.suno.ai/image_clip-a.jpeg",
        "model_name": "chirp-fenix",
        "status": "complete",
        "metadata": {"duration": 187.4, "tags": "lofi, chill", "prompt": "[Verse]\nla la"},
    }
    (c,) = parse("mountsea-suno", status_payload("mountsea-suno", "success", clips=[clip])).clips

    assert c.kind is ClipKind.SONG
    assert c.image_url == "https://cdn2.suno.ai/image_clip-a.jpeg"
    assert c.duration == pytest.approx(187.4)
    assert c.tags == "lofi, chill"
    assert c.lyrics == "[Verse]\nla la"
    assert c.model_label == "chirp-fenix (v5.5)"


def test_suno_result_key_instead_of_data() -> None:
    payload = status_payload("mountsea-suno", "success")
    payload["result"] = [{"id": "clip-a", "audio_url": FINAL_MP3}]
    snap = parse("mountsea-suno", payload)
    assert snap.state is TaskState.SUCCEEDED
    assert [c.audio_url for c in snap.clips] == [FINAL_MP3]


@pytest.mark.parametrize("provider_id", SUNO_RELAYS)
def test_a_single_clip_object_instead_of_a_list(provider_id: str) -> None:
    clip = {"id": "clip-a", "title": "Solo", "audio_url": FINAL_MP3, "suno_audio_url": FINAL_MP3}
    snap = parse(provider_id, status_payload(provider_id, "success", clips=clip))
    assert [(c.id, c.title, c.audio_url) for c in snap.clips] == [("clip-a", "Solo", FINAL_MP3)]


def test_crun_suno_data_names() -> None:
    clip = {
        "suno_id": "clip-a",
        "title": "Crun Song",
        "prompt": "[Verse]\nhello",
        "tags": "pop",
        "suno_audio_url": FINAL_MP3,
        "suno_image_url": "https://cdn2.suno.ai/image_clip-a.jpeg",
        "suno_image_large_url": "https://cdn2.suno.ai/image_large_clip-a.jpeg",
        "model_name": "chirp-bluejay",
        "duration": "200.5",
        "created_at": "2026-01-20T09:00:00Z",
    }
    payload = status_payload("crun", "success", clips=[clip], complete_at=1768900500)
    snap = parse("crun", payload)

    assert snap.state is TaskState.SUCCEEDED
    assert snap.task_type == "music"
    assert snap.finished_at is not None and snap.created_at is not None
    assert snap.finished_at > snap.created_at
    (c,) = snap.clips
    assert (c.id, c.title, c.audio_url, c.tags) == ("clip-a", "Crun Song", FINAL_MP3, "pop")
    assert c.image_url == "https://cdn2.suno.ai/image_large_clip-a.jpeg"
    assert c.lyrics == "[Verse]\nhello"
    assert c.duration == pytest.approx(200.5)
    assert c.model_version == "v4.5+"


def test_crun_vocal_separation_gives_stems() -> None:
    payload = status_payload("crun", "success")
    payload["data"]["result"] = {
        "media_info": {
            "vocals": "https://cdn.crun.ai/stems/vocals.mp3",
            "instrumental": {"url": "https://cdn.crun.ai/stems/instrumental.mp3"},
            "junk": "not a url",
        }
    }
    snap = parse("crun", payload)
    assert snap.task_type == "stems"
    assert [(c.kind, c.stem, c.audio_url) for c in snap.clips] == [
        (ClipKind.STEM, "vocals", "https://cdn.crun.ai/stems/vocals.mp3"),
        (ClipKind.STEM, "instrumental", "https://cdn.crun.ai/stems/instrumental.mp3"),
    ]


@pytest.mark.parametrize(
    "media", ["https://cdn.crun.ai/out.mp3", ["https://cdn.crun.ai/out.mp3", 7, None]]
)
def test_crun_media_url_string_or_list(media: Any) -> None:
    payload = status_payload("crun", "success")
    payload["data"]["result"] = {"media_urls": media}
    snap = parse("crun", payload)
    assert [c.audio_url for c in snap.clips] == ["https://cdn.crun.ai/out.mp3"]


# ---------------------------------------------------------------------------------------------
# Errors: crun's envelope code, HTTP statuses, Retry-After, unreadable bodies
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "message", "error_type"),
    [
        (401, "invalid api key", AuthError),
        (402, "insufficient credits", RequestRejectedError),
        (404, "task not found", NotFoundError),
        (422, "task_id not found", NotFoundError),
        (422, "task_id: field required", RequestRejectedError),
        (429, "too many requests", RateLimitedError),
        (455, "system maintenance", ServerError),
        (500, "internal error", ServerError),
        (501, "generation failed", ServerError),  # no task data to show: retry later
    ],
)
def test_crun_error_code_inside_http_200(
    code: int, message: str, error_type: type[ProviderError]
) -> None:
    with pytest.raises(error_type) as caught:
        parse("crun", {"code": code, "message": message, "data": None})
    assert caught.value.code == str(code)


def test_crun_generation_failed_with_task_data_is_a_failed_task() -> None:
    payload = status_payload("crun", "failed")
    payload["code"] = 501
    payload["message"] = "generation failed"
    payload["data"]["result"] = {"message": "Lyrics contain banned words", "code": 40012}
    snap = parse("crun", payload)

    assert snap.state is TaskState.FAILED
    assert snap.error is not None
    assert snap.error.message == "Lyrics contain banned words"
    assert snap.error.code == "40012"


def test_crun_generation_failed_without_detail_uses_the_envelope_message() -> None:
    payload = status_payload("crun", "running")  # the code wins over a stale status word
    payload |= {"code": 501, "message": "generation failed"}
    snap = parse("crun", payload)
    assert snap.state is TaskState.FAILED
    assert snap.error is not None
    assert (snap.error.message, snap.error.code) == ("generation failed", "501")


@pytest.mark.parametrize("provider_id", PROVIDER_IDS)
@pytest.mark.parametrize(
    ("status", "error_type"),
    [
        (400, RequestRejectedError),
        (401, AuthError),
        (402, RequestRejectedError),
        (403, AuthError),
        (404, NotFoundError),
        (429, RateLimitedError),
        (500, ServerError),
        (502, ServerError),
        (503, ServerError),
    ],
)
def test_http_error_statuses(
    provider_id: str, status: int, error_type: type[ProviderError]
) -> None:
    body = {"code": status, "message": "the provider explains"}
    with pytest.raises(error_type) as caught:
        parse(provider_id, body, status=status)
    assert caught.value.http_status == status
    assert "the provider explains" in caught.value.message


@pytest.mark.parametrize("provider_id", PROVIDER_IDS)
@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("30", 30.0),
        (" 2.5 ", 2.5),
        ("0", 0.0),
        ("999999999", 3600.0),  # absurd: capped at an hour
        ("-3", None),
        ("soon", None),
        ("nan", None),
        ("inf", None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # a date in the past: now
        ("Wed, 21 Oct 2015 07:28:45 GMT", 45.0),  # read against the answer's Date
        ("Wed, 21 Oct 2099 07:28:00 GMT", 3600.0),
        ("Wed, 32 Foo 2015 07:28:00", None),
        ("", None),
    ],
)
def test_rate_limit_reads_retry_after(provider_id: str, header: str, seconds: float | None) -> None:
    headers = {"retry-after": header, "date": "Wed, 21 Oct 2015 07:28:00 GMT"}
    with pytest.raises(RateLimitedError) as caught:
        parse(provider_id, b'{"message": "slow down"}', status=429, headers=headers)
    assert caught.value.retry_after == seconds


def test_retry_after_header_name_is_case_insensitive() -> None:
    with pytest.raises(RateLimitedError) as caught:
        parse("sunor", b"{}", status=429, headers={"RETRY-AFTER": "7"})
    assert caught.value.retry_after == 7
    assert "7 s" in caught.value.message


def test_producer_http_error_keeps_trace_id() -> None:
    body = {"errorMessage": "upstream down", "errorCode": "E500", "traceId": "trace-123"}
    with pytest.raises(ServerError) as caught:
        parse("mountsea-producer", body, status=500)
    assert caught.value.trace_id == "trace-123"
    assert caught.value.code == "E500"
    assert "trace id trace-123" in caught.value.describe()


@pytest.mark.parametrize("provider_id", PROVIDER_IDS)
@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"<html>502 Bad Gateway</html>",
        b"\xff\xfe\x00garbage",
        b'{"status": "success"',
        b"[" * 100_000,
    ],
)
def test_unreadable_body_is_a_bad_payload(provider_id: str, body: bytes) -> None:
    with pytest.raises(BadPayloadError):
        parse(provider_id, body)


@pytest.mark.parametrize("provider_id", PROVIDER_IDS)
@pytest.mark.parametrize("payload", [[], [1, 2], "success", 42, None])
def test_json_that_is_not_a_status_object_is_a_bad_payload(provider_id: str, payload: Any) -> None:
    with pytest.raises(BadPayloadError):
        parse(provider_id, payload)


@pytest.mark.parametrize("provider_id", ["sunor", "crun"])
@pytest.mark.parametrize(
    "payload", [{}, {"code": 200}, {"code": 200, "data": None}, {"code": 200, "data": []}]
)
def test_envelope_without_task_data_is_a_bad_payload(provider_id: str, payload: Any) -> None:
    with pytest.raises(BadPayloadError):
        parse(provider_id, payload)


@pytest.mark.parametrize("provider_id", PROVIDER_IDS)
def test_html_error_page_with_http_error_status_keeps_the_status_meaning(provider_id: str) -> None:
    with pytest.raises(ServerError) as caught:
        parse(provider_id, b"<html>Bad Gateway</html>", status=502)
    assert caught.value.http_status == 502


# ---------------------------------------------------------------------------------------------
# The API key never shows up
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("provider_id", PROVIDER_IDS)
def test_requests_never_show_the_key(provider_id: str) -> None:
    provider = get_provider(provider_id)
    for request in (
        provider.status_request(provider.default_base_url, "task-1", API_KEY),
        provider.balance_request(provider.default_base_url, API_KEY),
    ):
        assert API_KEY not in repr(request)
        assert API_KEY not in str(request)
        assert API_KEY not in request.url
        assert API_KEY not in json.dumps(request.params)


@pytest.mark.parametrize("provider_id", PROVIDER_IDS)
@pytest.mark.parametrize("status", [200, 400, 401, 404, 429, 500])
def test_error_messages_never_contain_the_key(provider_id: str, status: int) -> None:
    for body in (b"not json", b"{}", b'{"code": 401, "message": "bad key"}'):
        try:
            get_provider(provider_id).parse_status("task-1", status, {}, body)
        except ProviderError as error:
            assert API_KEY not in error.describe()
            assert API_KEY not in str(error)


def _echoing_server(request: httpx.Request) -> httpx.Response:
    """A provider that repeats the key it was sent in its 401 message (some APIs do)."""
    sent = request.headers.get("x-api-key") or request.headers.get("authorization", "")
    return httpx.Response(401, json={"code": 401, "message": f"Invalid API key: {sent}"})


@pytest.mark.parametrize("provider_id", PROVIDER_IDS)
def test_a_key_echoed_by_the_provider_is_not_shown_to_the_user(provider_id: str) -> None:
    provider = get_provider(provider_id)

    async def check() -> ProviderError:
        transport = httpx.MockTransport(_echoing_server)
        async with httpx.AsyncClient(transport=transport) as client:
            try:
                await check_status(client, provider, provider.default_base_url, "task-1", API_KEY)
            except ProviderError as error:
                return error
        raise AssertionError("a 401 must raise")

    error = asyncio.run(check())
    assert isinstance(error, AuthError)
    assert API_KEY not in error.message
    assert API_KEY not in error.describe()
    assert API_KEY not in str(error)


# ---------------------------------------------------------------------------------------------
# Building requests
# ---------------------------------------------------------------------------------------------

REQUESTS = {
    # provider: (auth header, its value, path, query parameter holding the ID or None)
    "mountsea-suno": ("Authorization", f"Bearer {API_KEY}", "/suno/v2/status", "taskId"),
    "mountsea-producer": ("Authorization", f"Bearer {API_KEY}", "/producer/tasks", "taskId"),
    "sunor": ("x-api-key", API_KEY, "/api/v1/task/task-1", None),
    "crun": ("x-api-key", API_KEY, "/api/v1/client/job/TaskInfo", "task_id"),
}


@pytest.mark.parametrize("provider_id", PROVIDER_IDS)
def test_status_request_shape(provider_id: str) -> None:
    header, value, path, param = REQUESTS[provider_id]
    provider = get_provider(provider_id)
    request = provider.status_request(provider.default_base_url, "task-1", API_KEY)

    assert request.method == "GET"
    assert request.url == provider.default_base_url + path
    assert request.headers[header] == value
    assert request.params == ({param: "task-1"} if param else {})
    other_auth = {"Authorization", "x-api-key", "X-API-Key"} - {header}
    assert not other_auth & set(request.headers)


@pytest.mark.parametrize(
    ("provider_id", "base", "url"),
    [
        ("mountsea-suno", "https://api.mountsea.ai", "https://dk.mountsea.ai/api-user/credits"),
        ("mountsea-producer", "https://api.mountsea.ai", "https://dk.mountsea.ai/api-user/credits"),
        ("mountsea-suno", "http://127.0.0.1:8765", "http://127.0.0.1:8765/api-user/credits"),
        ("sunor", "https://sunor.cc", "https://sunor.cc/api/v1/account/balance"),
        ("crun", "https://api.crun.ai", "https://api.crun.ai/api/v1/client/account/balance"),
    ],
)
def test_balance_request_shape(provider_id: str, base: str, url: str) -> None:
    request = get_provider(provider_id).balance_request(base, API_KEY)
    assert request.method == "GET"
    assert request.url == url
    key_header = "X-API-Key" if provider_id.startswith("mountsea") else "x-api-key"
    assert request.headers[key_header] == API_KEY


BAD_TASK_IDS = [
    "../account/balance",
    "..",
    ".",
    "a/b",
    "a\\b",
    "%2e%2e",
    "%2F",
    "x?y",
    "x#y",
    "a b",
    "a\tb",
    "a\nb",
    "",
    "   ",
    "a" * 200,
    "a" * 129,
    "-leading-dash",
    "tâche",
    "id\x00",
]


@pytest.mark.parametrize("task_id", BAD_TASK_IDS)
def test_unsafe_task_ids_are_refused(task_id: str) -> None:
    with pytest.raises(InvalidTaskIdError):
        validate_task_id(task_id)
    with pytest.raises(InvalidTaskIdError):
        get_provider("sunor").status_request("https://sunor.cc", task_id, API_KEY)


@pytest.mark.parametrize(
    "task_id",
    [
        "f47ac10b-58cc-4372-a567-0e02b2c3d479",
        "task_1731a9b2f4",
        "job:42",
        "v1.2_beta",
        "a..b",
        "A" * 128,
    ],
)
def test_sunor_puts_a_valid_id_in_exactly_one_path_segment(task_id: str) -> None:
    request = get_provider("sunor").status_request("https://sunor.cc", task_id, API_KEY)
    parts = urlsplit(request.url)

    assert (parts.scheme, parts.netloc) == ("https", "sunor.cc")
    assert not parts.query and not parts.fragment
    prefix = "/api/v1/task/"
    assert parts.path.startswith(prefix)
    segment = parts.path[len(prefix) :]
    assert segment and "/" not in segment
    assert unquote(segment) == task_id
    assert request.params == {}


def test_task_id_surrounding_blanks_are_trimmed() -> None:
    assert validate_task_id("  abc-123\n") == "abc-123"


# ---------------------------------------------------------------------------------------------
# URL rules
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "cleaned"),
    [
        ("https://api.mountsea.ai", "https://api.mountsea.ai"),
        ("https://api.mountsea.ai/", "https://api.mountsea.ai"),
        ("  https://sunor.cc/  ", "https://sunor.cc"),
        ("https://proxy.example.com:8443/crun", "https://proxy.example.com:8443/crun"),
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765"),
        ("http://127.5.5.5", "http://127.5.5.5"),
        ("http://[::1]:9000", "http://[::1]:9000"),
        ("http://localhost:8080", "http://localhost:8080"),
    ],
)
def test_acceptable_base_urls(url: str, cleaned: str) -> None:
    assert validate_base_url(url) == cleaned


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com",
        "http://api.mountsea.ai",
        "http://127.0.0.1.example.com",
        "http://localhost.example.com",
        "http://10.0.0.1",
        "file:///etc/passwd",
        "ftp://sunor.cc",
        "sunor.cc",
        "https://",
        "https://user:pw@sunor.cc",
        "https://sunor.cc/?x=1",
        "https://sunor.cc/#top",
        "https://sunor.cc:99999",
        "",
    ],
)
def test_unacceptable_base_urls(url: str) -> None:
    with pytest.raises(InvalidBaseUrlError):
        validate_base_url(url)


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "file:///home/me/.ssh/id_rsa",
        "data:audio/mpeg;base64,SUQz",
        "ftp://cdn1.suno.ai/a.mp3",
        "//cdn1.suno.ai/a.mp3",
        "https://",
        "https://cdn1.suno.ai:70000/a.mp3",
        "https://cdn1.suno.ai/" + "a" * 5000,
        "https://cdn1.suno.ai/a\x00b.mp3",
        "https://cdn1.suno.ai/a\x1b[31mb.mp3",
        "https://cdn1.suno.ai/a b.mp3",
        "https://cdn1.suno.ai/a\x7fb.mp3",
        "https://cdn1.suno.ai/a\x85b.mp3",  # C1 control (NEL)
        "https://cdn1.suno.ai/a\x9bb.mp3",  # C1 control (CSI)
        "",
        "   ",
        None,
        42,
        ["https://cdn1.suno.ai/a.mp3"],
    ],
)
def test_media_urls_that_are_not_plain_web_links_are_dropped(value: Any) -> None:
    assert clean_media_url(value) is None


@pytest.mark.parametrize(
    "value",
    [
        "https://cdn1.suno.ai/clip-a.mp3",
        "http://127.0.0.1:8765/media/a.mp3",
        "https://audiopipe.suno.ai/?item_id=clip-a",
        "HTTPS://CDN1.SUNO.AI/A.MP3",
    ],
)
def test_plain_web_links_are_kept(value: str) -> None:
    assert clean_media_url(value) == value
    assert clean_media_url(f"  {value}\n") == value


@pytest.mark.parametrize(
    ("url", "placeholder"),
    [
        ("https://cdn1.suno.ai/None.mp3", True),
        ("https://cdn1.suno.ai/none.mp3?x=1", True),
        ("https://cdn1.suno.ai/null.mp3", True),
        ("https://cdn1.suno.ai/", True),
        ("https://cdn1.suno.ai/clip-a.mp3", False),
        ("https://cdn1.suno.ai/nonexistent.mp3", False),
    ],
)
def test_placeholder_audio(url: str, placeholder: bool) -> None:
    assert is_placeholder_audio(url) is placeholder


@pytest.mark.parametrize(
    ("url", "stream"),
    [
        ("https://audiopipe.suno.ai/?item_id=clip-a", True),
        ("https://AUDIOPIPE.suno.ai/?item_id=clip-a", True),
        ("https://cdn1.suno.ai/clip-a.mp3", False),
    ],
)
def test_stream_urls(url: str, stream: bool) -> None:
    assert is_stream_url(url) is stream
