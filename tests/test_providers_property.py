"""Whatever a server answers, an adapter returns a sane snapshot or a typed ProviderError.

Bodies are arbitrary JSON, JSON shaped like each provider's real answer with random leaves (so the
deep paths — clips, stems, errors, timestamps — are reached), and arbitrary bytes.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gui.domain.errors import ProviderError
from gui.domain.model import TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.urls import clean_media_url
from gui.providers import PROVIDER_IDS, fields, get_provider
from gui.providers.suno_clips import has_only_previews

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- leaves -----------------------------------------------------------------------------------

huge_ints = st.sampled_from([10**12 + 1, -(2**63), 2**64, 10**30, -(10**40)])
json_leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    huge_ints,
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
)
json_values = st.recursive(
    json_leaves,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=10,
)


def either(*samples: Any) -> st.SearchStrategy[Any]:
    """Mostly a plausible value, sometimes anything at all."""
    return st.one_of(st.sampled_from(samples), st.sampled_from(samples), json_values)


STATUS_WORDS = [
    "queued", "ready", "running", "awaiting", "stream", "streaming", "success", "complete",
    "completed", "failed", "failure", "timeout", "pending", "assigned", "processing",
    "cancelled", "error", "SUCCESS", "weird", "",
]  # fmt: skip
urls = either(
    "https://cdn1.suno.ai/clip-a.mp3",
    "https://audiopipe.suno.ai/?item_id=clip-a",
    "https://audiopipe.suno.ai/clip-b.mp3",
    "https://cdn1.suno.ai/None.mp3",
    "https://cdn2.suno.ai/image_large_clip-a.jpeg",
    "http://127.0.0.1:8765/a.wav",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "data:audio/mp3;base64,AA",
    "https://cdn1.suno.ai/a\x00b.mp3",
    "https://host:99999/x",
    "https://[::1/x",
    "https://cdn1.suno.ai/" + "a" * 5000,
    "",
)
times = either(
    "2025-08-18T02:30:00.000Z", "2025-01-15T10:30:00", 1768900378, 1768900378123, "1768900378",
    "²", "9" * 40, -1, 0, 1e300, "not a date", "2025-13-45",
)  # fmt: skip
numbers = either(0, 120, 187.4, "200.5", -5, 10**15, "50%", "12.5 %", "1e400", 1e300)
texts = either("Summer Days", "x" * 30_000, "\x00\x1b[31m", "[Verse]\nla la", "")
codes = either(200, 400, 401, 402, 404, 422, 429, 455, 500, 501, 505, "200", 200.0, 501.5, -1)
envelope_codes = st.one_of(st.just(200), st.just(200), st.just(200), codes)


def mostly(shaped: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """The shaped value nine times in ten, any JSON otherwise."""
    return st.integers(0, 9).flatmap(lambda n: json_values if n == 0 else shaped)


def obj(**optional: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=optional)


suno_clip = obj(
    id=texts, suno_id=texts, title=texts, status=either(*STATUS_WORDS), audio_url=urls,
    audioUrl=urls, suno_audio_url=urls, stream_audio_url=urls, url=urls, image_url=urls,
    imageUrl=urls, image_large_url=urls, imageLargeUrl=urls, suno_image_large_url=urls,
    video_url=urls, model_name=either("chirp-fenix", "chirp-v3-5", "lyria"), duration=numbers,
    tags=either("pop, rock", ["a", 1, None]), prompt=texts, lyrics=texts,
    metadata=obj(duration=numbers, tags=texts, prompt=texts),
)  # fmt: skip
suno_clips = st.one_of(
    st.lists(st.one_of(suno_clip, json_values), max_size=4),
    suno_clip,
    obj(clip=suno_clip, status=either("complete")),
    obj(items=st.lists(suno_clip, max_size=3)),
    json_values,
)

# --- bodies shaped like each provider's answer --------------------------------------------------

mountsea_suno_body = st.fixed_dictionaries(
    {"status": either(*STATUS_WORDS)},
    optional={
        "taskId": texts, "createdAt": times, "finishAt": times, "finishedAt": times,
        "failReason": texts, "failCode": codes, "data": suno_clips, "result": suno_clips,
        "clip": suno_clip,
    },
)  # fmt: skip
producer_result = st.one_of(
    obj(audioId=texts, audioUrl=urls, duration=numbers, title=texts, imageUrl=urls),
    obj(url=urls, format=either("mp3", "m4a", "wav", "../../x", 5)),
    obj(vocals=urls, drums=urls, bass=urls, other=urls),
    obj(preset=texts, videoUrl=urls),
    obj(id=texts, url=urls, lyrics=texts, isFlagged=json_values, transcriptionJobId=texts),
    st.lists(obj(audioUrl=urls, title=texts), max_size=3),
    json_values,
)
producer_body = st.fixed_dictionaries(
    {"status": either(*STATUS_WORDS)},
    optional={
        "taskId": texts, "result": producer_result, "errorMessage": texts, "errorCode": codes,
        "traceId": texts, "createdAt": times, "finishedAt": times,
    },
)  # fmt: skip


def envelope(data: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """sunor's and crun's `{code, message, data}`; code is 200 most of the time."""
    return st.fixed_dictionaries(
        {"code": envelope_codes, "data": mostly(data)}, optional={"message": texts}
    )


sunor_output = st.fixed_dictionaries(
    {"result": st.one_of(suno_clips, obj(title=texts, text=texts))},
    optional={
        "task_type": either("music", "lyrics", "upload", "concat"),
        "status": either("queued", "processing", "completed", "failed"),
        "progress": numbers,
        "fail_reason": texts,
    },
)
sunor_body = envelope(
    st.fixed_dictionaries(
        {"status": either(*STATUS_WORDS), "output": mostly(sunor_output)},
        optional={
            "task_id": texts, "type": either("music", "lyrics", "upload", "concat"), "error": texts,
            "created_at": times, "completed_at": times,
        },
    )
)  # fmt: skip
crun_result = st.fixed_dictionaries(
    {"suno_data": suno_clips},
    optional={
        "media_info": st.dictionaries(
            st.text(max_size=12), st.one_of(urls, obj(url=urls)), max_size=4
        ),
        "media_url": urls,
        "media_urls": st.one_of(urls, st.lists(urls, max_size=4)),
        "message": texts,
        "code": codes,
    },
)
crun_body = envelope(
    st.fixed_dictionaries(
        {"status": either(*STATUS_WORDS), "result": mostly(crun_result)},
        optional={
            "task_id": texts, "create_at": times, "complete_at": times, "created_at": times,
        },
    )
)  # fmt: skip
SHAPED = {
    "mountsea-suno": mountsea_suno_body,
    "mountsea-producer": producer_body,
    "sunor": sunor_body,
    "crun": crun_body,
}

http_statuses = st.one_of(st.sampled_from([200, 200, 201]), st.integers(400, 599))
headers = st.dictionaries(
    st.sampled_from(["Retry-After", "retry-after", "X-RateLimit-Reset", "Content-Type"]),
    either("30", " 2.5 ", "-1", "nan", "inf", "1e309", "Wed, 21 Oct 2015 07:28:00 GMT", "９"),
    max_size=3,
).map(lambda h: {k: v if isinstance(v, str) else json.dumps(v) for k, v in h.items()})

# --- what must hold -----------------------------------------------------------------------------


def check_outcome(provider_id: str, status: int, hdrs: dict[str, str], body: bytes) -> None:
    try:
        snap = get_provider(provider_id).parse_status("task-1", status, hdrs, body)
    except ProviderError as error:
        assert error.message  # a sentence the user can read
        return
    assert isinstance(snap, TaskSnapshot)
    json.dumps(snap.to_json(), allow_nan=False)  # the export and the state file never choke
    assert snap.progress is None or 0.0 <= snap.progress <= 1.0
    if snap.state.is_failure:
        assert snap.error is not None and snap.error.message
    if snap.state is TaskState.SUCCEEDED:  # never "finished" while only previews exist
        assert not has_only_previews(snap.clips)
    for clip in snap.clips:
        for link in (clip.audio_url, clip.stream_url, clip.image_url, clip.video_url):
            assert link is None or (
                link.startswith(("http://", "https://")) and clean_media_url(link) == link
            )
        assert clip.duration is None or (math.isfinite(clip.duration) and clip.duration >= 0)


@pytest.mark.parametrize("provider_id", PROVIDER_IDS)
@SETTINGS
@given(data=st.data(), status=http_statuses, hdrs=headers)
def test_any_json_answer_gives_a_snapshot_or_a_provider_error(
    provider_id: str, data: st.DataObject, status: int, hdrs: dict[str, str]
) -> None:
    payload = data.draw(st.one_of(SHAPED[provider_id], json_values), label="payload")
    check_outcome(provider_id, status, hdrs, json.dumps(payload).encode())


@pytest.mark.parametrize("provider_id", PROVIDER_IDS)
@settings(SETTINGS, max_examples=150)
@given(body=st.binary(max_size=200), status=http_statuses, hdrs=headers)
def test_any_bytes_give_a_snapshot_or_a_provider_error(
    provider_id: str, body: bytes, status: int, hdrs: dict[str, str]
) -> None:
    check_outcome(provider_id, status, hdrs, body)


@SETTINGS
@given(value=st.one_of(json_values, times, numbers, urls, texts))
@example("²")
@example("⁵⁵⁵")
def test_field_readers_never_raise(value: Any) -> None:
    """Each tolerant reader turns a bad value into None instead of raising."""
    for reader in (
        fields.text,
        fields.long_text,
        fields.number,
        fields.duration,
        fields.tags,
        fields.url,
        fields.timestamp,
        fields.code,
        fields.progress,
    ):
        reader(value)
