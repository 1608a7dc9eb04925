"""Every recorded payload in tests/fixtures/, read by the adapter that speaks its API.

Each fixture goes through `parse_status` (or `parse_balance`) with the HTTP status the real service
would send with it, and the test checks what a user would see: the state, the clips (titles,
links, kinds, lengths, tags), progress, the error text, code and trace id, the refund note, times.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from gui.domain.errors import (
    AuthError,
    NotFoundError,
    ProviderError,
    RateLimitedError,
    RequestRejectedError,
    ServerError,
)
from gui.domain.model import ClipKind, TaskSnapshot
from gui.domain.states import TaskState
from gui.providers import get_provider

# The providers' documented example payloads, copied into the repository: the suite stands alone.
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def raw(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def encode(payload: Any) -> bytes:
    return json.dumps(payload).encode()


def parse(
    provider_id: str,
    body: bytes,
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
    task_id: str = "task-1",
) -> TaskSnapshot:
    return get_provider(provider_id).parse_status(task_id, status, headers or {}, body)


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


# ---------------------------------------------------------------------------------------------
# MountSea Suno
# ---------------------------------------------------------------------------------------------


def test_suno_queued_example_is_waiting_without_an_error() -> None:
    snap = parse("mountsea-suno", raw("mountsea_suno/status_example_queued.json"))

    assert snap.state is TaskState.QUEUED
    assert not snap.state.is_terminal
    assert snap.provider_status == "queued"
    assert snap.error is None  # a fail reason on a queued task is not shown as a failure
    assert snap.clips == ()
    assert snap.created_at == utc(2025, 8, 18, 2, 30)
    assert snap.finished_at == utc(2025, 8, 18, 2, 35)
    assert snap.raw == load("mountsea_suno/status_example_queued.json")


def test_suno_example_with_failed_status_shows_reason_and_code() -> None:
    payload = load("mountsea_suno/status_example_queued.json") | {"status": "failed"}
    snap = parse("mountsea-suno", encode(payload))

    assert snap.state is TaskState.FAILED
    assert snap.error is not None
    assert snap.error.message == "Audio source not found."
    assert snap.error.code == "4001"


CROP_CLIP_ID = "48d4951a-..."


def _assert_crop_clip(snap: TaskSnapshot) -> None:
    assert snap.state is TaskState.SUCCEEDED
    assert len(snap.clips) == 1
    clip = snap.clips[0]
    assert clip.kind is ClipKind.SONG
    assert clip.id == CROP_CLIP_ID
    assert clip.title == "..."
    assert clip.audio_url == "https://cdn1.suno.ai/..."
    assert clip.stream_url is None


def test_suno_crop_result_inside_a_status_answer() -> None:
    crop = load("mountsea_suno/audio_crop_task_result.json")
    payload = {
        "taskId": "crop-task-1",
        "status": "success",
        "createdAt": "2025-08-18T02:30:00.000Z",
        "finishAt": "2025-08-18T02:31:10.000Z",
        "data": crop,
    }
    snap = parse("mountsea-suno", encode(payload), task_id="crop-task-1")

    _assert_crop_clip(snap)
    assert snap.finished_at == utc(2025, 8, 18, 2, 31, 10)


def test_suno_crop_result_answered_on_its_own() -> None:
    """crop/fade may answer with `{status, action_clip_id, clip}` at the top level."""
    _assert_crop_clip(parse("mountsea-suno", raw("mountsea_suno/audio_crop_task_result.json")))


def test_suno_image_generation_result_yields_the_images() -> None:
    image = load("mountsea_suno/image_generate_task_result.json")
    payload = {
        "taskId": image["taskId"],
        "status": "success",
        "createdAt": "2025-08-18T02:30:00.000Z",
        "result": image["result"],  # image jobs answer under `result`, not `data`
    }
    snap = parse("mountsea-suno", encode(payload))

    assert snap.state is TaskState.SUCCEEDED
    assert [clip.kind for clip in snap.clips] == [ClipKind.IMAGE, ClipKind.IMAGE]
    assert [clip.image_url for clip in snap.clips] == ["https://...", "https://..."]
    assert all(clip.audio_url is None and clip.stream_url is None for clip in snap.clips)


@pytest.mark.parametrize("provider_id", ["mountsea-suno", "mountsea-producer"])
def test_mountsea_credit_balance(provider_id: str) -> None:
    balance = get_provider(provider_id).parse_balance(
        200, {}, raw("mountsea_suno/account_credits.json")
    )
    assert balance.amount == 10000
    assert balance.unit == "credits"


# ---------------------------------------------------------------------------------------------
# MountSea Producer (Lyria 3 Pro)
# ---------------------------------------------------------------------------------------------


def test_producer_finished_song() -> None:
    snap = parse("mountsea-producer", raw("mountsea_producer/task_completed_audio.json"))

    assert snap.state is TaskState.SUCCEEDED
    assert snap.task_type == "music"
    assert snap.error is None
    assert snap.created_at == utc(2025, 2, 6, 10, 25)
    assert snap.finished_at == utc(2025, 2, 6, 10, 30)
    assert snap.title == "Summer Vibes"
    (clip,) = snap.clips
    assert clip.kind is ClipKind.SONG
    assert clip.id == "9719e086-576a-4830-a0f2-7c9424460d6d"
    assert clip.audio_url == "https://cdn.example.com/audio.mp3"
    assert clip.audio_format == "mp3"
    assert clip.duration == 180
    assert clip.model_name == "lyria-3-pro"


def test_producer_failed_song_keeps_the_trace_id_for_support() -> None:
    payload = load("mountsea_producer/task_completed_audio.json") | {
        "status": "failed",
        "result": None,
        "errorMessage": "Generation failed",
        "errorCode": "GEN_FAILED",
    }
    snap = parse("mountsea-producer", encode(payload))

    assert snap.state is TaskState.FAILED
    assert snap.clips == ()
    assert snap.error is not None
    assert snap.error.message == "Generation failed"
    assert snap.error.code == "GEN_FAILED"
    assert snap.error.trace_id == "trace-xyz789"


def test_producer_format_conversion_download() -> None:
    snap = parse("mountsea-producer", raw("mountsea_producer/download_completed.json"))

    assert snap.state is TaskState.SUCCEEDED
    assert snap.task_type == "download"
    (clip,) = snap.clips
    assert clip.kind is ClipKind.SONG
    assert clip.audio_format == "mp3"
    assert clip.title == "MP3 download"
    assert clip.audio_url == (
        "https://dkkj.s3.ap-east-1.amazonaws.com/mountseaapi/producer/audio/"
        "3c03d03b-a30e-4224-b865-b1802184d345/1770190061237.mp3"
    )


def test_producer_video() -> None:
    snap = parse("mountsea-producer", raw("mountsea_producer/download_video_completed.json"))

    assert snap.state is TaskState.SUCCEEDED
    assert snap.task_type == "video"
    (clip,) = snap.clips
    assert clip.kind is ClipKind.VIDEO
    assert clip.title == "Video (modern)"
    assert clip.audio_url is None
    assert clip.video_url is not None
    assert clip.video_url.startswith("https://storage.googleapis.com/corpusant-app-public/")
    assert clip.video_url.endswith("513915e4c33e4643693e596b2454b840.mp4")


def test_producer_stems_are_four_wav_tracks() -> None:
    snap = parse("mountsea-producer", raw("mountsea_producer/stems_completed.json"))

    assert snap.state is TaskState.SUCCEEDED
    assert snap.task_type == "stems"
    assert [(c.kind, c.stem, c.title, c.audio_url, c.audio_format) for c in snap.clips] == [
        (ClipKind.STEM, name, name.capitalize(), f"https://cdn.example.com/stems/{name}.wav", "wav")
        for name in ("vocals", "drums", "bass", "other")
    ]


def test_producer_upload_keeps_the_transcribed_lyrics() -> None:
    snap = parse("mountsea-producer", raw("mountsea_producer/upload_completed.json"))

    assert snap.state is TaskState.SUCCEEDED
    assert snap.task_type == "upload"
    (clip,) = snap.clips
    assert clip.id == "a5683105-94a8-4348-b312-890280ee1842"
    assert clip.title == "Uploaded audio"
    assert clip.audio_url == (
        "https://storage.googleapis.com/corpusant-app-public/producer/raw/"
        "a5683105-94a8-4348-b312-890280ee1842.mp3"
    )
    assert clip.lyrics is not None
    assert clip.lyrics.startswith("[Intro]\n")
    assert "[Chorus]\n(Ooh... ooh...)\nFollow the rhythm of the beating heart" in clip.lyrics
    assert clip.lyrics.endswith("[Music swells then fades with lingering strings]")


# ---------------------------------------------------------------------------------------------
# sunor.cc
# ---------------------------------------------------------------------------------------------

SUNOR_TASK_ID = "f47ac10b-58cc-4372-a567-0e02b2c3d479"


def test_sunor_running_music_shows_progress() -> None:
    snap = parse("sunor", raw("sunor/task_running_music.json"), task_id=SUNOR_TASK_ID)

    assert snap.state is TaskState.RUNNING
    assert snap.provider_status == "running"
    assert snap.progress == pytest.approx(0.5)
    assert snap.task_type == "music"
    assert snap.clips == ()
    assert snap.error is None
    assert snap.credits_refunded is None
    assert snap.created_at == utc(2025, 1, 15, 10, 30)
    assert snap.finished_at is None


def test_sunor_finished_music() -> None:
    snap = parse("sunor", raw("sunor/task_success_music.json"), task_id=SUNOR_TASK_ID)

    assert snap.state is TaskState.SUCCEEDED
    assert snap.progress == 1.0
    assert snap.error is None
    assert snap.credits_refunded is None
    assert snap.created_at == utc(2025, 1, 15, 10, 30)
    assert snap.finished_at == utc(2025, 1, 15, 10, 32, 15)
    (clip,) = snap.clips
    assert clip.kind is ClipKind.SONG
    assert clip.id == "clip-id-1"
    assert clip.title == "Summer Days"
    assert clip.audio_url == "https://cdn1.suno.ai/clip-id-1.mp3"
    assert clip.stream_url is None
    assert clip.image_url == "https://cdn2.suno.ai/image_clip-id-1.jpeg"
    assert clip.duration == 120
    assert clip.tags == "acoustic, cheerful, summer"


def test_sunor_failed_music_says_why_and_that_credits_come_back() -> None:
    snap = parse("sunor", raw("sunor/task_failure_music.json"), task_id=SUNOR_TASK_ID)

    assert snap.state is TaskState.FAILED
    assert snap.error is not None
    assert snap.error.message == "Upstream provider returned an error"
    assert snap.credits_refunded is True
    assert snap.progress is None
    assert snap.clips == ()
    assert snap.finished_at == utc(2025, 1, 15, 10, 30, 45)


def _sunor_finished(output_fixture: str) -> bytes:
    """sunor's output_*.json hold only `data.output`; put them in a real status answer."""
    output = load(output_fixture)["output"]
    return encode(
        {
            "code": 200,
            "data": {
                "task_id": SUNOR_TASK_ID,
                "model": "suno",
                "type": output["task_type"],
                "status": "success",
                "credits_cost": 2,
                "input": {},
                "output": output,
                "error": None,
                "created_at": "2025-01-15T10:30:00.000Z",
                "completed_at": "2025-01-15T10:31:00.000Z",
            },
        }
    )


@pytest.mark.parametrize(
    ("fixture", "task_type", "clip_id"),
    [
        ("sunor/output_concat.json", "concat", "concat-clip-id"),
        ("sunor/output_upload.json", "upload", "uploaded-clip-id"),
    ],
)
def test_sunor_concat_and_upload_give_one_song(fixture: str, task_type: str, clip_id: str) -> None:
    snap = parse("sunor", _sunor_finished(fixture))

    assert snap.state is TaskState.SUCCEEDED
    assert snap.task_type == task_type
    assert snap.progress == 1.0
    assert snap.finished_at == utc(2025, 1, 15, 10, 31)
    (clip,) = snap.clips
    assert clip.kind is ClipKind.SONG
    assert clip.id == clip_id
    assert clip.audio_url == f"https://cdn1.suno.ai/{clip_id}.mp3"


def test_sunor_lyrics_job_gives_lyrics_not_audio() -> None:
    snap = parse("sunor", _sunor_finished("sunor/output_lyrics.json"))

    assert snap.state is TaskState.SUCCEEDED
    assert snap.task_type == "lyrics"
    (clip,) = snap.clips
    assert clip.kind is ClipKind.LYRICS
    assert clip.title == "Ocean Sunset"
    assert clip.audio_url is None and clip.stream_url is None
    assert clip.lyrics == (
        "[Verse]\nWaves are crashing on the shore\nGolden light I can't ignore\n\n"
        "[Chorus]\nAt the edge of the sea\nYou and me, finally free"
    )


SUNOR_ERRORS = [
    ("sunor/error_401_invalid_key.json", 401, AuthError, "Invalid API key"),
    ("sunor/error_402_insufficient_credits.json", 402, RequestRejectedError, "available 3"),
    ("sunor/error_404_task_not_found.json", 404, NotFoundError, "Task not found"),
    ("sunor/error_429_rate_limited.json", 429, RateLimitedError, "Try again in 30 seconds"),
    ("sunor/error_500.json", 500, ServerError, "Internal server error"),
]


@pytest.mark.parametrize(("fixture", "status", "error_type", "said"), SUNOR_ERRORS)
def test_sunor_http_errors(
    fixture: str, status: int, error_type: type[ProviderError], said: str
) -> None:
    headers = {"X-RateLimit-Limit": "120", "X-RateLimit-Remaining": "0"}
    if status == 429:
        headers["Retry-After"] = "30"
    with pytest.raises(error_type) as caught:
        parse("sunor", raw(fixture), status=status, headers=headers)

    error = caught.value
    assert said in error.message  # the provider's own words reach the user
    assert error.http_status == status
    assert error.code == str(status)
    if isinstance(error, RateLimitedError):
        assert error.retry_after == 30


@pytest.mark.parametrize(("fixture", "status", "error_type", "said"), SUNOR_ERRORS)
def test_sunor_error_envelope_inside_http_200_is_still_an_error(
    fixture: str, status: int, error_type: type[ProviderError], said: str
) -> None:
    with pytest.raises(error_type) as caught:
        parse("sunor", raw(fixture), status=200)
    assert said in caught.value.message


def test_sunor_balance_shows_frozen_credits() -> None:
    balance = get_provider("sunor").parse_balance(200, {}, raw("sunor/account_balance.json"))
    assert balance.amount == 950
    assert balance.detail == "10 frozen"


# ---------------------------------------------------------------------------------------------
# crun.ai
# ---------------------------------------------------------------------------------------------


def test_crun_running_music() -> None:
    task_id = "d6956973-2f17-43d4-8514-af6cc3a2f55d"
    snap = parse("crun", raw("crun/taskinfo_music_running.json"), task_id=task_id)

    assert snap.task_id == task_id
    assert snap.state is TaskState.RUNNING
    assert snap.provider_status == "running"
    assert snap.clips == ()
    assert snap.error is None
    assert snap.progress is None
    assert snap.created_at == datetime.fromtimestamp(1768900378, UTC)
    assert snap.finished_at is None


def test_crun_unknown_task_inside_http_200_is_not_found() -> None:
    """crun reports errors in the envelope, even with HTTP 200; 422 "not found" means 404."""
    with pytest.raises(NotFoundError) as caught:
        parse("crun", raw("crun/persona_generate_error_422.json"), status=200)
    assert "task_id not found" in caught.value.message
    assert caught.value.code == "422"


def test_crun_unknown_task_with_http_422_is_not_found_and_reports_the_real_status() -> None:
    with pytest.raises(NotFoundError) as caught:
        parse("crun", raw("crun/persona_generate_error_422.json"), status=422)
    error = caught.value
    assert "task_id not found" in error.message
    assert error.code == "422"
    # Support needs what the server really sent, not the status Tunewatch mapped it to.
    assert error.http_status == 422
    assert "HTTP 422" in error.describe()


def test_crun_balance() -> None:
    balance = get_provider("crun").parse_balance(200, {}, raw("crun/account_balance.json"))
    assert balance.amount == 1000


# ---------------------------------------------------------------------------------------------


def test_every_fixture_is_used() -> None:
    """A fixture added to tests/fixtures/ must get a test in this file."""
    on_disk = {p.relative_to(FIXTURES).as_posix() for p in FIXTURES.glob("*/*.json")}
    assert on_disk, f"no fixtures found under {FIXTURES}"
    named_here = set(re.findall(r'"([a-z_]+/[a-z0-9_]+\.json)"', Path(__file__).read_text()))
    assert on_disk - named_here == set()
