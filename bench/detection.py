"""Detection delay against requests: how soon Tunewatch notices that a task has finished, and how
many status requests that costs, next to fixed-interval polling.

Each task's true duration is drawn from a lognormal with median 60 s and 95th percentile 125 s
(music: 30-120 s, with a tail to 5 min). Per provider, the same durations; sunor's answers carry
a progress percentage (a curved bar: (t/D)^g with g drawn per task, whole percent, never 100%
before the end), MountSea Suno's a `stream` state from 30-60% of the duration on. The clock is
virtual: each check is answered at once, so the figures are the policy's alone.

Tunewatch's rows run the real scheduling code the engine calls after every answer
(`gui.polling.schedule.delay_after_answer`, with the same `DurationBook` and `PollPolicy`); the
bench only plays the provider. "learned": the duration book holds 200 earlier finished tasks of
that kind (after some use); "first use": nothing finished yet, the documented ranges stand in.
Not modelled: other tasks sharing the account's rate budget, network time, failures.

    python -m bench.detection [--tasks N] [--seed S]
"""

from __future__ import annotations

import argparse
import bisect
import math
import random
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from bench._common import percentile, print_table, ratio
from gui.domain.model import TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.tracked_task import TrackedTask
from gui.polling.eta import DurationBook, DurationModel, FinishedRun
from gui.polling.schedule import delay_after_answer, interval_after, jittered
from gui.providers import get_provider
from gui.providers.base import PollPolicy

MEDIAN = 60.0
P95 = 125.0
SIGMA = math.log(P95 / MEDIAN) / 1.6449
LONGEST = 300.0  # the documented tail: 5 minutes
HISTORY = 200  # finished tasks the "learned" rows have seen before
T0 = 1_780_000_000.0  # a fixed Unix time for the virtual clock
PROVIDERS = ("mountsea-suno", "mountsea-producer", "sunor", "crun")
PROGRESS_CURVE = 0.15  # spread of ln(g) in a progress bar (t/D)^g
STREAM_FROM = (0.3, 0.6)  # Suno streams a preview from this share of the duration on


@dataclass(frozen=True)
class TrueTask:
    duration: float
    curve: float  # sunor's progress bar shape
    stream_from: float  # share of the duration after which Suno streams


@dataclass(frozen=True)
class Outcome:
    delay: float  # seconds between the finish and the check that saw it
    requests: int


def true_tasks(count: int, rng: random.Random) -> list[TrueTask]:
    return [
        TrueTask(
            duration=min(MEDIAN * math.exp(SIGMA * rng.gauss(0, 1)), LONGEST),
            curve=math.exp(PROGRESS_CURVE * rng.gauss(0, 1)),
            stream_from=rng.uniform(*STREAM_FROM),
        )
        for _ in range(count)
    ]


def answer(provider: str, task: TrueTask, at: float) -> TaskSnapshot:
    """What the provider says `at` seconds after the task was created."""
    done = at >= task.duration
    state = TaskState.SUCCEEDED if done else TaskState.RUNNING
    progress = None
    if provider == "sunor" and not done:
        progress = min(math.floor(100 * (at / task.duration) ** task.curve) / 100, 0.99)
    if provider == "mountsea-suno" and not done and at >= task.stream_from * task.duration:
        state = TaskState.STREAMING
    return TaskSnapshot(
        provider=provider,
        task_id="t",
        state=state,
        provider_status=state.value,
        progress=progress,
        created_at=datetime.fromtimestamp(T0, UTC),
        task_type="music",
    )


Policy = Callable[[str, TrueTask, random.Random], Outcome]


def fixed(every: float) -> Policy:
    def run(_provider: str, task: TrueTask, _rng: random.Random) -> Outcome:
        checks = math.ceil(task.duration / every)  # at 0, every, 2×every, ...
        return Outcome(checks * every - task.duration, checks + 1)

    return run


def previous_default(provider: str, task: TrueTask, rng: random.Random) -> Outcome:
    """Before this change: the first delay, then the provider's back-off (interval_after)."""
    policy = get_provider(provider).poll_policy
    at, polls = jittered(policy.first_delay, rng), 0
    while True:
        polls += 1
        if at >= task.duration:
            return Outcome(at - task.duration, polls)
        at += jittered(interval_after(policy, polls), rng)


def tunewatch(book: DurationBook) -> Policy:
    def run(provider: str, task: TrueTask, rng: random.Random) -> Outcome:
        policy: PollPolicy = get_provider(provider).poll_policy
        model: DurationModel = book.model(provider, "music")
        tracked = TrackedTask(provider, "t", added_at=T0, tracking_since=T0)
        at = 0.0  # checked at once when added (the task was just created)
        while True:
            snapshot = answer(provider, task, at)
            if snapshot.state.is_terminal:
                return Outcome(at - task.duration, tracked.poll_count + 1)
            now = T0 + at
            wait = delay_after_answer(policy, model, tracked, snapshot, now, rng)
            tracked = tracked.with_changes(
                snapshot=snapshot, last_polled_at=now, poll_count=tracked.poll_count + 1
            )
            at += wait

    return run


def best_time_only(tasks: Sequence[TrueTask], target_p95: float) -> tuple[Figures, str]:
    """The fewest requests any schedule of "first check at 0, one more at A, then every G
    seconds until B, then every 30 s" needs for a p95 delay within `target_p95`, found by
    search over A, G and B with the true durations known: a yardstick for what polling by
    time alone can reach on this distribution (no progress, no stream state)."""
    durations = sorted(t.duration for t in tasks)
    best: tuple[Figures, str] | None = None
    for first in range(10, 62, 2):
        for gap in (4.0, 4.25, 4.5, 4.75):
            for until in range(100, 260, 20):
                checks = [0.0, float(first)]
                while checks[-1] < until:
                    checks.append(checks[-1] + gap)
                while checks[-1] < LONGEST + 30:
                    checks.append(checks[-1] + 30)
                found = [bisect.bisect_left(checks, d) for d in durations]
                delays = [checks[i] - d for i, d in zip(found, durations, strict=True)]
                p95 = percentile(delays, 0.95)
                if p95 > target_p95:
                    continue
                figures = Figures(statistics.median(delays), p95, statistics.fmean(found) + 1)
                if best is None or figures.requests < best[0].requests:
                    best = (figures, f"A={first} s, G={gap} s, B={until} s")
    assert best is not None
    return best


@dataclass(frozen=True)
class Figures:
    median: float
    p95: float
    requests: float


def measure(policy: Policy, provider: str, tasks: Sequence[TrueTask], seed: int) -> Figures:
    rng = random.Random(seed)
    outcomes = [policy(provider, task, rng) for task in tasks]
    delays = [o.delay for o in outcomes]
    return Figures(
        statistics.median(delays),
        percentile(delays, 0.95),
        statistics.fmean(o.requests for o in outcomes),
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=4000, help="tasks per provider")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    history = true_tasks(HISTORY, rng)
    learned = DurationBook(FinishedRun(p, "music", t.duration) for p in PROVIDERS for t in history)
    tasks = true_tasks(args.tasks, rng)
    policies: dict[str, Policy] = {
        "Tunewatch (learned)": tunewatch(learned),
        "Tunewatch (first use)": tunewatch(DurationBook()),
        "fixed 5 s": fixed(5.0),
        "fixed 15 s": fixed(15.0),
        "previous default": previous_default,
    }
    results = {
        (name, provider): measure(policy, provider, tasks, args.seed)
        for name, policy in policies.items()
        for provider in PROVIDERS
    }
    yardstick, shape = best_time_only(tasks, results[("fixed 5 s", PROVIDERS[0])].p95)
    rows = []
    for provider in PROVIDERS:
        base = results[("fixed 5 s", provider)]
        for name in policies:
            f = results[(name, provider)]
            rows.append(
                [
                    f"{provider}: {name}",
                    f"{f.median:.1f} s",
                    f"{f.p95:.1f} s",
                    ratio(f.p95, base.p95),
                    f"{f.requests:.1f}",
                    ratio(f.requests, base.requests),
                ]
            )
    base = results[("fixed 5 s", PROVIDERS[0])]
    rows.append(
        [
            "any provider: best time-only schedule",
            f"{yardstick.median:.1f} s",
            f"{yardstick.p95:.1f} s",
            ratio(yardstick.p95, base.p95),
            f"{yardstick.requests:.1f}",
            ratio(yardstick.requests, base.requests),
        ]
    )
    print_table(
        f"Detection delay (finish → the check that sees it) and requests per task; "
        f"{args.tasks} tasks per provider, durations lognormal (median {MEDIAN:.0f} s, "
        f"p95 {P95:.0f} s, ≤ {LONGEST:.0f} s), virtual clock",
        ["provider: policy", "median", "p95", "p95 vs 5 s", "requests", "vs 5 s"],
        rows,
    )
    worst_delay = max(
        results[("Tunewatch (learned)", p)].p95 / results[("fixed 5 s", p)].p95 for p in PROVIDERS
    )
    worst_requests = max(
        results[("Tunewatch (learned)", p)].requests / results[("fixed 5 s", p)].requests
        for p in PROVIDERS
    )
    print(
        f"\nbest time-only schedule (searched with the true durations known: {shape}): the "
        f"fewest requests polling by time alone needs to match fixed 5 s at p95"
    )
    print(
        f"\ndetection: p95 delay {worst_delay:.2f}× fixed-5s, "
        f"requests {worst_requests:.2f}× fixed-5s (worst provider)"
    )


if __name__ == "__main__":
    main()
