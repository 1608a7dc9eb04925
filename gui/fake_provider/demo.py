"""The demo: a handful of tasks across all four providers, done within about 90 seconds."""

from __future__ import annotations

from gui.fake_provider.faults import Fault, TimedFault
from gui.fake_provider.timeline import (
    Failure,
    LyricsResult,
    MusicResult,
    Phase,
    StemsResult,
    TaskScript,
)
from gui.fake_provider.wire.base import Account, ProviderId

# The demo runs against keys the app is told about; same as the server's defaults.
DEMO_KEYS: dict[Account, str] = {
    "mountsea": "fake-mountsea-key",
    "sunor": "fake-sunor-key",
    "crun": "fake-crun-key",
}

_LYRICS = (
    "[Verse]\nWaves are crashing on the shore\nGolden light I can't ignore\n\n"
    "[Chorus]\nAt the edge of the sea\nYou and me, finally free"
)


def demo_duration_range() -> tuple[float, float]:
    """How long the demo's tasks take, shortest to longest (seconds): what Tunewatch's ETA and
    schedule take as "usual" in the demo, where the providers' documented minutes would be wrong."""
    lengths = [script.length for _provider, _task_id, script in demo_tasks()]
    return (min(lengths), max(lengths))


def demo_tasks() -> list[tuple[ProviderId, str, TaskScript]]:
    """(provider, task id, script) for every demo task; ids are fixed so the demo is repeatable."""
    return [
        (
            "mountsea-suno",
            "3f6c2a9e-8b1d-4c57-9e0a-5d2b7f41c8a3",
            TaskScript(
                [
                    Phase("queued", 4),
                    Phase("running", 8),
                    Phase("streaming", 12),
                    Phase("succeeded"),
                ],
                MusicResult(
                    titles=["Neon Rain"],
                    clips=2,
                    tags="synthwave, dreamy, female vocal",
                    prompt="Rain on neon streets, a night drive that never ends",
                ),
            ),
        ),
        (
            "sunor",
            "b7e1d3c4-2a5f-4e86-9c1b-0f3a6d8e2b71",
            TaskScript(
                [Phase("queued", 3), Phase("running", 7), Phase("succeeded")],
                LyricsResult(title="Ocean Sunset", text=_LYRICS),
            ),
        ),
        (
            "mountsea-producer",
            "c91a5e27-6d4b-4f13-8a2e-7b5c0d9f3e64",
            TaskScript(
                [Phase("queued", 5), Phase("running", 25), Phase("succeeded")],
                StemsResult(),
            ),
        ),
        (
            "mountsea-producer",
            "0d4f8b62-9e3a-4c71-b5d8-2a6e1f7c9b30",
            TaskScript(
                [Phase("queued", 6), Phase("running", 34), Phase("succeeded")],
                MusicResult(
                    titles=["Summer Vibes"],
                    clips=1,
                    tags="lyria, acoustic pop",
                    model="lyria-3-pro",
                ),
            ),
        ),
        (
            "crun",
            "d6956973-2f17-43d4-8514-af6cc3a2f55d",
            TaskScript(
                [Phase("queued", 15), Phase("running", 40), Phase("succeeded")],
                MusicResult(
                    titles=["Midnight Addiction"],
                    clips=2,
                    tags="Western R&B, female vocal, dark, sensual",
                    prompt="[Verse 1] I still taste your words in the dark...",
                ),
            ),
        ),
        (
            "mountsea-producer",
            "e2b8c0f5-1a7d-4e39-9f6b-3c5d8a0e7f12",
            TaskScript(
                [Phase("queued", 4), Phase("running", 14), Phase("failed")],
                failure=Failure(
                    reason="Lyrics rejected by the content filter",
                    code="CONTENT_POLICY",
                    trace_id="trace-7f3a9c2e5b1d",
                ),
            ),
        ),
        (
            "sunor",
            "f47ac10b-58cc-4372-a567-0e02b2c3d479",
            TaskScript(
                [Phase("queued", 5), Phase("running", 50), Phase("succeeded")],
                MusicResult(
                    titles=["Summer Days"],
                    clips=2,
                    tags="acoustic, cheerful, summer",
                    prompt="A cheerful acoustic guitar song about summer",
                ),
                # The whole sunor account is throttled for a while, then recovers.
                faults=[
                    TimedFault(Fault("429", retry_after=5), start=15, end=35, account_wide=True)
                ],
            ),
        ),
    ]
