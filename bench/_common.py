"""Shared pieces of the benchmarks: realistic tracked tasks, a ledger holding them, timing and
printing. Qt-free (the Qt benchmarks import Qt themselves)."""

from __future__ import annotations

import json
import os
import platform
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import httpx

from gui.domain.model import RawJson
from gui.domain.states import TaskState
from gui.domain.tracked_task import HistoryEntry, TrackedTask, Watch
from gui.fake_provider import (
    FakeProviderServer,
    ManualClock,
    MusicResult,
    Phase,
    ProviderId,
    RateLimits,
    TaskScript,
)
from gui.providers import PROVIDERS
from gui.storage.ledger import Ledger

FRAME_BUDGET_MS = 1000 / 60  # one frame at 60 fps
NO_LIMITS = RateLimits(sunor_per_minute=None, crun_per_second=None, sunor_task_interval=0.0)
# The providers whose music result has two clips (Producer's has one): the brief's "2 clips each".
TWO_CLIP_PROVIDERS: tuple[ProviderId, ...] = ("mountsea-suno", "sunor", "crun")

_TITLE_A = "TemplateTitleA"
_TITLE_B = "TemplateTitleB"
_ADJECTIVES = (
    "Neon",
    "Golden",
    "Midnight",
    "Silent",
    "Electric",
    "Velvet",
    "Broken",
    "Crystal",
    "Wild",
    "Lonely",
    "Burning",
    "Frozen",
    "Hidden",
    "Endless",
    "Paper",
    "Summer",
)
_NOUNS = (
    "Rain",
    "Highway",
    "Heart",
    "Ocean",
    "Dream",
    "Garden",
    "Signal",
    "Mirror",
    "River",
    "Skyline",
    "Letter",
    "Harbor",
    "Echo",
    "Lantern",
    "Orbit",
    "Tide",
)
_PROMPT = (
    "Rain on neon streets, a night drive that never ends; warm analog pads, a slow 84 bpm "
    "groove, breathy female vocal, a chorus that lifts into a wide shimmering reverb"
)
_TAGS = "synthwave, dreamy, female vocal, analog, 84 bpm"


DESKTOP_SCREEN = (1920, 1080)  # the window opens at its default 1280x760 on it


def offscreen_platform(width: int, height: int) -> str:
    """QT_QPA_PLATFORM for an offscreen screen of this size. Qt's offscreen screen is 800x800 by
    default, where the window opens at 800x760 (its size is capped by the screen) and hides the
    Progress column: figures taken there are not the window a user sees."""
    config = Path(tempfile.gettempdir()) / f"tunewatch-bench-screen-{width}x{height}.json"
    screen = {"name": "bench", "x": 0, "y": 0, "width": width, "height": height}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return f"offscreen:configfile={config}"


def set_offscreen() -> None:
    """Headless Qt (stack.md) on a desktop-sized screen. Qt reads these when first used — the
    Qt benchmarks import QtMultimedia at import time — so this also runs when this module is
    imported."""
    os.environ.setdefault("QT_QPA_PLATFORM", offscreen_platform(*DESKTOP_SCREEN))
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false;qt.qpa.*=false")


set_offscreen()


def machine() -> str:
    return (
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, {platform.system()} {platform.release()}, "
        f"{time.strftime('%Y-%m-%d %H:%M')}"
    )


# --- realistic data -----------------------------------------------------------------------


def _template_bodies() -> dict[str, tuple[str, str, tuple[str, str]]]:
    """provider -> (finished status body, its task id, its two clip ids), served for real by
    the fake provider over loopback: the exact JSON the app stores."""
    clock = ManualClock(0.0)
    script = TaskScript(
        [Phase("queued", 4), Phase("running", 70), Phase("streaming", 40), Phase("succeeded")],
        MusicResult(titles=(_TITLE_A, _TITLE_B), clips=2, tags=_TAGS, prompt=_PROMPT),
    )
    bodies: dict[str, tuple[str, str, tuple[str, str]]] = {}
    with FakeProviderServer(clock=clock, rate_limits=NO_LIMITS) as server:
        for provider_id in TWO_CLIP_PROVIDERS:
            server.add_task(provider_id, f"template-{provider_id}", script)
        clock.advance(200)
        with httpx.Client(trust_env=False) as client:
            for provider_id in TWO_CLIP_PROVIDERS:
                task_id = f"template-{provider_id}"
                reply = client.get(
                    server.status_url(provider_id, task_id),
                    headers=server.auth_headers(provider_id),
                )
                reply.raise_for_status()
                snapshot = PROVIDERS[provider_id].parse_status_json(task_id, reply.json())
                clip_ids = tuple(c.id or "" for c in snapshot.clips)
                assert len(clip_ids) == 2 and snapshot.state is TaskState.SUCCEEDED
                bodies[provider_id] = (reply.text, task_id, (clip_ids[0], clip_ids[1]))
    return bodies


def finished_tasks(count: int, seed: int = 20_251_122) -> list[TrackedTask]:
    """`count` finished tasks across the three two-clip providers, oldest first: each with the
    provider's real finished JSON (~1.4-2.1 kB), two clips, a 4-step history, spread over 90
    days. Deterministic for a given seed."""
    rng = random.Random(seed)
    bodies = _template_bodies()
    # Parsed once per provider; each task's snapshot is the template's with its own IDs,
    # titles and times (parsing 100 000 bodies took ~45 s, this ~3 s).
    parsed = {
        provider_id: PROVIDERS[provider_id].parse_status_json(template_id, json.loads(body))
        for provider_id, (body, template_id, _clips) in bodies.items()
    }
    now = time.time()
    span = 90 * 24 * 3600.0
    tasks: list[TrackedTask] = []
    for index in range(count):
        provider_id = TWO_CLIP_PROVIDERS[index % len(TWO_CLIP_PROVIDERS)]
        body, template_id, (clip_a, clip_b) = bodies[provider_id]
        task_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        title = f"{rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)} {index}"
        clip_ids = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(2)]
        swaps = (
            (template_id, task_id),
            (_TITLE_B, f"{title} (v2)"),
            (_TITLE_A, title),
            (clip_a, clip_ids[0]),
            (clip_b, clip_ids[1]),
        )

        added = now - span + span * index / max(count, 1)
        created = added + rng.uniform(1, 4)
        finished = created + rng.uniform(60, 240)
        template = parsed[provider_id]
        clips = tuple(
            replace(
                clip,
                id=clip_ids[n],
                title=title if n == 0 else f"{title} (v2)",
                audio_url=_own(clip.audio_url, swaps),
                stream_url=_own(clip.stream_url, swaps),
                image_url=_own(clip.image_url, swaps),
            )
            for n, clip in enumerate(template.clips)
        )
        snapshot = replace(
            template,
            task_id=task_id,
            clips=clips,
            raw=RawJson(_own(body, swaps) or body),
            created_at=datetime.fromtimestamp(created, UTC),
            finished_at=datetime.fromtimestamp(finished, UTC),
        )
        running = created + rng.uniform(3, 10)
        history = (
            HistoryEntry(added + 1, TaskState.QUEUED, "pending"),
            HistoryEntry(running, TaskState.RUNNING, "running"),
            HistoryEntry((running + finished) / 2, TaskState.STREAMING, "streaming"),
            HistoryEntry(finished, TaskState.SUCCEEDED, snapshot.provider_status),
        )
        tasks.append(
            TrackedTask(
                provider=provider_id,
                task_id=task_id,
                added_at=added,
                tracking_since=added,
                watch=Watch.DONE,
                snapshot=snapshot,
                last_polled_at=finished + 1,
                poll_count=rng.randint(8, 40),
                history=history,
            )
        )
    return tasks


def _own(text: str | None, swaps: Sequence[tuple[str, str]]) -> str | None:
    """The template's text with this task's IDs and titles."""
    if text is None:
        return None
    for old, new in swaps:
        text = text.replace(old, new)
    return text


def write_ledger(path: Path, tasks: Sequence[TrackedTask]) -> None:
    """Store the tasks as the app would have, with history (one transaction: an import)."""
    ledger = Ledger(path)
    try:
        ledger.put_all(tasks)
    finally:
        ledger.close()


# --- timing and printing ------------------------------------------------------------------


def time_call(action: Callable[[], object], repeat: int = 3) -> float:
    """Median wall seconds of `repeat` calls."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def percentile(values: Sequence[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(int(fraction * len(ordered)), len(ordered) - 1)]


def ms(seconds: float) -> str:
    if seconds != seconds:  # NaN
        return "—"
    value = seconds * 1000
    if value >= 10_000:
        return f"{seconds:,.0f} s"
    return f"{value:,.0f} ms" if value >= 100 else f"{value:.2f} ms"


def ratio(value: float, baseline: float) -> str:
    if baseline <= 0 or value != value or baseline != baseline:
        return "—"
    factor = value / baseline
    return f"{factor:,.0f}×" if factor >= 100 else f"{factor:.2f}×"


def print_table(title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    print(f"\n{title}")
    line = "  ".join(f"{cell:<{width}}" for cell, width in zip(header, widths, strict=True))
    print(line)
    print("  ".join("-" * width for width in widths))
    for row in rows:
        cells = [
            f"{cell:<{width}}" if i == 0 else f"{cell:>{width}}"
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        print("  ".join(cells))
