"""Detection delay against requests: how soon Tunewatch notices that a task has finished, and how
many status requests that costs, next to fixed-interval polling.

Each task's true duration is drawn from a lognormal with median 60 s and 95th percentile 125 s
(music: 30-120 s, with a tail to 5 min). Per provider, the same durations; sunor's answers carry
a progress percentage (a curved bar: (t/D)^g with g drawn per task, whole percent, never 100%
before the end), MountSea Suno's a `stream` state (partial audio) for the last part of the run:
the stream lasts a lognormal 30 s (90% within 18-50 s), but never starts before 40% of the run,
so a typical task streams from 20-40 s on and a slow one (queued longer) streams late. Sensitivity
case "suno, early stream": the stream starts 20-40 s after the start whatever the duration (a
slow task's extra time comes after its stream began). The clock is virtual: each check is
answered at once, so the figures are the policy's alone.

Tunewatch's rows run the real scheduling code the engine calls after every answer
(`gui.polling.schedule.delay_after_answer`, with the same `DurationBook` and `PollPolicy`); the
bench only plays the provider. "learned": the duration book after Tunewatch tracked 200 earlier
tasks of that kind through that same code, recording what the engine records (eta.finished_run:
the provider's times, and first seen streaming → seen finished); "first use": nothing finished
yet, the documented ranges stand in (and nothing is known about streams).
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
from gui.domain.tracked_task import HistoryEntry, TrackedTask
from gui.polling.eta import DurationBook, DurationModel, finished_run
from gui.polling.schedule import (
    delay_after_answer,
    interval_after,
    jittered,
    stream_began_after,
)
from gui.providers import get_provider
from gui.providers.base import PollPolicy

MEDIAN = 60.0
P95 = 125.0
SIGMA = math.log(P95 / MEDIAN) / 1.6449
LONGEST = 300.0  # the documented tail: 5 minutes
HISTORY = 200  # finished tasks the "learned" rows have seen before
T0 = 1_780_000_000.0  # a fixed Unix time for the virtual clock
PROVIDERS = ("mountsea-suno", "mountsea-producer", "sunor", "crun")
EARLY_STREAM_CASE = "suno, early stream"  # sensitivity: MountSea Suno, stream from 20-40 s
CASES = (*PROVIDERS[:1], EARLY_STREAM_CASE, *PROVIDERS[1:])
PROGRESS_CURVE = 0.15  # spread of ln(g) in a progress bar (t/D)^g
STREAM_MEDIAN = 30.0  # Suno's stream: its length (stream → success), lognormal ...
STREAM_SPREAD = math.log(50 / 18) / (2 * 1.6449)  # ... 90% within 18-50 s
STREAM_NOT_BEFORE = 0.4  # ... starting no sooner than this share of the run
EARLY_STREAM_FROM = (20.0, 40.0)  # the sensitivity case: the stream starts this long in


@dataclass(frozen=True)
class TrueTask:
    duration: float
    curve: float  # sunor's progress bar shape
    stream_at: float  # seconds after which Suno streams
    early_stream_at: float  # the same in the sensitivity case


@dataclass(frozen=True)
class Outcome:
    delay: float  # seconds between the finish and the check that saw it
    requests: int


def true_tasks(count: int, rng: random.Random) -> list[TrueTask]:
    tasks = []
    for _ in range(count):
        duration = min(MEDIAN * math.exp(SIGMA * rng.gauss(0, 1)), LONGEST)
        stream = STREAM_MEDIAN * math.exp(STREAM_SPREAD * rng.gauss(0, 1))
        early = min(rng.uniform(*EARLY_STREAM_FROM), (1 - STREAM_NOT_BEFORE) * duration)
        tasks.append(
            TrueTask(
                duration=duration,
                curve=math.exp(PROGRESS_CURVE * rng.gauss(0, 1)),
                stream_at=max(duration - stream, STREAM_NOT_BEFORE * duration),
                early_stream_at=early,
            )
        )
    return tasks


def provider_of(case: str) -> str:
    return "mountsea-suno" if case == EARLY_STREAM_CASE else case


def answer(case: str, task: TrueTask, at: float) -> TaskSnapshot:
    """What the provider says `at` seconds after the task was created."""
    provider = provider_of(case)
    done = at >= task.duration
    state = TaskState.SUCCEEDED if done else TaskState.RUNNING
    progress = None
    if provider == "sunor" and not done:
        progress = min(math.floor(100 * (at / task.duration) ** task.curve) / 100, 0.99)
    stream_at = task.early_stream_at if case == EARLY_STREAM_CASE else task.stream_at
    if provider == "mountsea-suno" and not done and at >= stream_at:
        state = TaskState.STREAMING
    created = datetime.fromtimestamp(T0, UTC)
    return TaskSnapshot(
        provider=provider,
        task_id="t",
        state=state,
        provider_status=state.value,
        progress=progress,
        created_at=created,
        finished_at=datetime.fromtimestamp(T0 + task.duration, UTC) if done else None,
        task_type="music",
    )


Policy = Callable[[str, TrueTask, random.Random], Outcome]


def fixed(every: float) -> Policy:
    def run(_provider: str, task: TrueTask, _rng: random.Random) -> Outcome:
        checks = math.ceil(task.duration / every)  # at 0, every, 2×every, ...
        return Outcome(checks * every - task.duration, checks + 1)

    return run


def previous_default(case: str, task: TrueTask, rng: random.Random) -> Outcome:
    """Before this change: the first delay, then the provider's back-off (interval_after)."""
    policy = get_provider(provider_of(case)).poll_policy
    at, polls = jittered(policy.first_delay, rng), 0
    while True:
        polls += 1
        if at >= task.duration:
            return Outcome(at - task.duration, polls)
        at += jittered(interval_after(policy, polls), rng)


def track(
    case: str, task: TrueTask, rng: random.Random, book: DurationBook
) -> tuple[Outcome, TrackedTask]:
    """One task through the engine's steps: answer, state history, the next check."""
    provider = provider_of(case)
    policy: PollPolicy = get_provider(provider).poll_policy
    model: DurationModel = book.model(provider, "music")
    tracked = TrackedTask(provider, "t", added_at=T0, tracking_since=T0)
    at = 0.0  # checked at once when added (the task was just created)
    while True:
        snapshot = answer(case, task, at)
        now = T0 + at
        history = tracked.history
        if snapshot.state is not tracked.state:
            history += (HistoryEntry(now, snapshot.state, snapshot.provider_status),)
        began = stream_began_after(tracked, snapshot)
        if snapshot.state.is_terminal:
            done = tracked.with_changes(
                snapshot=snapshot, history=history, stream_began_after=began
            )
            return Outcome(at - task.duration, tracked.poll_count + 1), done
        wait = delay_after_answer(policy, model, tracked, snapshot, now, rng)
        tracked = tracked.with_changes(
            snapshot=snapshot,
            last_polled_at=now,
            poll_count=tracked.poll_count + 1,
            history=history,
            stream_began_after=began,
        )
        at += wait


def tunewatch(book: DurationBook) -> Policy:
    def run(case: str, task: TrueTask, rng: random.Random) -> Outcome:
        return track(case, task, rng, book)[0]

    return run


def learned_book(case: str, history: Sequence[TrueTask], seed: int) -> DurationBook:
    """What the engine's duration book holds after it tracked `history` one after another,
    each finished task recorded as the engine records it."""
    book, rng = DurationBook(), random.Random(seed)
    for task in history:
        run = finished_run(track(case, task, rng, book)[1])
        if run is not None:
            book.record(run)
    return book


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


def time_only_floor(tasks: Sequence[TrueTask], target_p95: float, step: float = 0.25) -> float:
    """A lower bound on the mean requests of ANY schedule by time alone (no progress, no
    stream) whose p95 delay is within `target_p95`, checking once when added. A check at t
    notices within the target only the finishes in [t - target, t] since the check before it,
    and every task still running at that check pays for it: so covering a set C of finish
    times costs each task alive there at least 1/target requests per second of C. The
    cheapest C holding 95% of the finishes takes the seconds with the most finishes per task
    alive (the hazard) first."""
    durations = sorted(t.duration for t in tasks)
    count = len(durations)
    cells = []  # (finishes in the cell, tasks alive at its end) per `step` seconds
    for start in range(math.ceil(durations[-1] / step)):
        low = bisect.bisect_left(durations, start * step)
        high = bisect.bisect_left(durations, (start + 1) * step)
        cells.append((high - low, count - high))
    covered = cost = 0.0
    for finishes, alive in sorted(cells, key=lambda c: -c[0] / max(c[1], 1)):
        if covered >= 0.95 * count:
            break
        covered += finishes
        cost += alive * step
    return 1 + cost / count / target_p95


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
    tasks = true_tasks(args.tasks, rng)
    learned = {case: learned_book(case, history, args.seed) for case in CASES}

    def learned_policy(case: str, task: TrueTask, rng: random.Random) -> Outcome:
        return tunewatch(learned[case])(case, task, rng)

    policies: dict[str, Policy] = {
        "Tunewatch (learned)": learned_policy,
        "Tunewatch (first use)": tunewatch(DurationBook()),
        "fixed 5 s": fixed(5.0),
        "fixed 15 s": fixed(15.0),
        "previous default": previous_default,
    }
    results = {
        (name, case): measure(policy, case, tasks, args.seed)
        for name, policy in policies.items()
        for case in CASES
    }
    yardstick, shape = best_time_only(tasks, results[("fixed 5 s", PROVIDERS[0])].p95)
    floor = time_only_floor(tasks, results[("fixed 5 s", PROVIDERS[0])].p95)
    rows = []
    for provider in CASES:
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
        f"floor for ANY schedule by time alone at that p95 (covering 95% of finishes, "
        f"cheapest first): {floor:.1f} requests, "
        f"{ratio(floor, results[('fixed 5 s', PROVIDERS[0])].requests)} fixed 5 s "
        f"({ratio(floor - 1, results[('fixed 5 s', PROVIDERS[0])].requests)} without the "
        f"check on adding)"
    )
    print(
        f"\ndetection: p95 delay {worst_delay:.2f}× fixed-5s, "
        f"requests {worst_requests:.2f}× fixed-5s (worst provider)"
    )


if __name__ == "__main__":
    main()
