"""The task model: what is saved and restored, model versions, state labels."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gui.domain.model import MODEL_VERSIONS, Clip, ClipKind, TaskError, TaskSnapshot, model_version
from gui.domain.states import TERMINAL_STATES, TaskState


def full_snapshot() -> TaskSnapshot:
    return TaskSnapshot(
        provider="mountsea-suno",
        task_id="task_1731a9b2f4",
        state=TaskState.FAILED,
        provider_status="failed",
        progress=0.75,
        error=TaskError("Audio source not found.", code="4001", trace_id="trace-xyz789"),
        created_at=datetime(2025, 8, 18, 2, 30, tzinfo=UTC),
        finished_at=datetime(2025, 8, 18, 4, 35, 1, 250000, tzinfo=timezone(timedelta(hours=2))),
        clips=(
            Clip(
                kind=ClipKind.SONG,
                id="clip-a",
                title="Night Drive",
                audio_url="https://cdn1.suno.ai/clip-a.mp3",
                stream_url="https://audiopipe.suno.ai/?item_id=clip-a",
                image_url="https://cdn2.suno.ai/image_large_clip-a.jpeg",
                video_url="https://cdn1.suno.ai/clip-a.mp4",
                duration=187.4,
                tags="synthwave, night",
                lyrics="[Verse]\nNeon on the road",
                model_name="chirp-fenix",
                audio_format="mp3",
            ),
            Clip(
                kind=ClipKind.STEM, title="Vocals", audio_url="https://x.test/v.wav", stem="vocals"
            ),
            Clip(kind=ClipKind.LYRICS, title="Ocean Sunset", lyrics="[Chorus]\nfree"),
            Clip(kind=ClipKind.VIDEO, title="Video (modern)", video_url="https://x.test/v.mp4"),
            Clip(kind=ClipKind.IMAGE, image_url="https://x.test/cover.jpeg"),
        ),
        task_type="music",
        credits_refunded=True,
        raw={"status": "failed"},
    )


def test_snapshot_survives_save_and_restore() -> None:
    snap = full_snapshot()
    saved = json.dumps(snap.to_json())
    restored = TaskSnapshot.from_json(json.loads(saved), raw=snap.raw)

    assert restored == snap
    assert restored.raw == snap.raw
    assert restored.finished_at is not None and restored.finished_at.utcoffset() == timedelta(
        hours=2
    )


def test_saved_snapshot_is_readable() -> None:
    saved = full_snapshot().to_json()

    assert saved["state"] == "failed"
    assert saved["created_at"] == "2025-08-18T02:30:00Z"  # UTC written with Z
    assert saved["error"] == {
        "message": "Audio source not found.",
        "code": "4001",
        "trace_id": "trace-xyz789",
    }
    song = saved["clips"][0]
    assert (song["kind"], song["model"], song["model_version"]) == ("song", "chirp-fenix", "v5.5")
    assert "raw" not in saved  # the raw answer is stored separately


def test_minimal_snapshot_round_trip() -> None:
    snap = TaskSnapshot("crun", "d6956973", TaskState.QUEUED, None)
    assert TaskSnapshot.from_json(json.loads(json.dumps(snap.to_json()))) == snap


def test_restoring_tolerates_missing_optional_fields() -> None:
    restored = TaskSnapshot.from_json(
        {"provider": "sunor", "task_id": "t", "state": "running", "clips": [{"title": "x"}]}
    )
    assert restored.state is TaskState.RUNNING
    assert restored.clips == (Clip(title="x"),)
    assert restored.error is None and restored.created_at is None


aware_datetimes = st.datetimes(
    min_value=datetime(1971, 1, 1),
    max_value=datetime(2999, 12, 31),
    timezones=st.sampled_from([UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=9))]),
)
maybe_text = st.none() | st.text(max_size=20)
clips = st.builds(
    Clip,
    kind=st.sampled_from(ClipKind),
    id=maybe_text,
    title=maybe_text,
    audio_url=st.none() | st.just("https://cdn1.suno.ai/a.mp3"),
    stream_url=st.none() | st.just("https://audiopipe.suno.ai/?item_id=a"),
    duration=st.none() | st.floats(0, 86400),
    tags=maybe_text,
    lyrics=maybe_text,
    model_name=st.none() | st.sampled_from(sorted(MODEL_VERSIONS)),
    audio_format=st.none() | st.sampled_from(["mp3", "wav", "m4a"]),
    stem=maybe_text,
)
snapshots = st.builds(
    TaskSnapshot,
    provider=st.sampled_from(["mountsea-suno", "mountsea-producer", "sunor", "crun"]),
    task_id=st.text(min_size=1, max_size=40),
    state=st.sampled_from(TaskState),
    provider_status=maybe_text,
    progress=st.none() | st.floats(0, 1),
    error=st.none() | st.builds(TaskError, st.text(max_size=30), maybe_text, maybe_text),
    created_at=st.none() | aware_datetimes,
    finished_at=st.none() | aware_datetimes,
    clips=st.lists(clips, max_size=3).map(tuple),
    task_type=maybe_text,
    credits_refunded=st.none() | st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(snap=snapshots)
def test_any_snapshot_round_trips_through_json(snap: TaskSnapshot) -> None:
    assert TaskSnapshot.from_json(json.loads(json.dumps(snap.to_json()))) == snap


@pytest.mark.parametrize(
    ("name", "version"),
    [
        ("chirp-fenix", "v5.5"),
        ("chirp-crow", "v5"),
        ("chirp-auk-turbo", "v4.5-all"),
        ("chirp-bluejay", "v4.5+"),
        ("chirp-auk", "v4.5"),
        ("chirp-v4", "v4"),
        ("chirp-v3-5", "v3.5"),
        ("chirp-v3", "v3"),
    ],
)
def test_model_names_show_the_version_users_know(name: str, version: str) -> None:
    assert model_version(name) == version
    assert model_version(f"  {name.upper()} ") == version
    clip = Clip(model_name=name)
    assert clip.model_version == version
    assert clip.model_label == f"{name} ({version})"


def test_all_eight_model_names_are_known() -> None:
    assert len(MODEL_VERSIONS) == 8


@pytest.mark.parametrize("name", [None, "", "lyria-3-pro", "chirp-v9", "fenix"])
def test_unknown_model_has_no_version(name: str | None) -> None:
    assert model_version(name) is None
    assert Clip(model_name=name).model_label == (name or None)


def test_playable_url_prefers_the_final_file() -> None:
    final, preview = "https://cdn1.suno.ai/a.mp3", "https://audiopipe.suno.ai/?item_id=a"
    assert Clip(audio_url=final, stream_url=preview).playable_url == final
    assert Clip(stream_url=preview).playable_url == preview
    assert Clip().playable_url is None


def test_snapshot_title_is_the_first_titled_clip() -> None:
    snap = TaskSnapshot(
        "sunor",
        "t",
        TaskState.SUCCEEDED,
        "success",
        clips=(Clip(), Clip(title="B"), Clip(title="C")),
    )
    assert snap.title == "B"
    assert TaskSnapshot("sunor", "t", TaskState.RUNNING, "running").title is None


@pytest.mark.parametrize(
    ("state", "label", "terminal", "failure"),
    [
        (TaskState.QUEUED, "Queued", False, False),
        (TaskState.RUNNING, "Generating", False, False),
        (TaskState.STREAMING, "Streaming preview", False, False),
        (TaskState.SUCCEEDED, "Finished", True, False),
        (TaskState.FAILED, "Failed", True, True),
        (TaskState.CANCELLED, "Cancelled", True, True),
        (TaskState.TIMED_OUT, "Timed out", True, True),
    ],
)
def test_state_labels_and_flags(
    state: TaskState, label: str, terminal: bool, failure: bool
) -> None:
    assert state.label == label
    assert state.is_terminal is terminal
    assert state.is_failure is failure
    assert (state in TERMINAL_STATES) is terminal


def test_saved_state_names_are_stable() -> None:
    """These strings are in users' saved task lists; renaming one loses their tasks."""
    assert [s.value for s in TaskState] == [
        "queued",
        "running",
        "streaming",
        "succeeded",
        "failed",
        "cancelled",
        "timed_out",
    ]
    assert [k.value for k in ClipKind] == ["song", "stem", "lyrics", "video", "image"]
