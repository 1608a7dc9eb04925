"""When to ask next: pure functions of a provider's advice and of how long such tasks take, so
the real defaults can be tested and benchmarked (bench/detection.py) without waiting.

A running task is asked sparsely while a finish is unlikely and densely around its likely finish:
no check until EARLY_SHARE of such tasks would have finished, then each check as late as keeps
the chance of noticing the finish more than DENSE_GAP late below LATE_RISK — given how long the
task has run, the durations of its kind (gui/polling/eta.py) and, where the provider says so,
its progress or that a preview streams; past TAIL_QUANTILE the checks spread out again.
A kind seen streaming before it finishes (Suno's `stream`) is compared with its earlier runs:
before the stream, no sooner than those still running and not streaming at that age allowed;
once it streams, around when those whose streams began about as early finished — at
STREAM_LATE_RISK per check, as the stream leaves a few checks where the durations need many.
The provider's per-task floor and its maximum interval bound it; the account's rate budget and
slots (gui/polling/account.py) still hold every request."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from gui.domain.model import TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.tracked_task import TrackedTask
from gui.polling.eta import DurationModel, Lognormal, Remaining, StreamWindow, task_age
from gui.providers.base import PollPolicy

JITTER = 0.1  # ±10%: a hundred tasks added at once must not poll in lockstep
RETRY_BASE = 5.0  # first retry after a network or server error (default base)
RETRY_CAP = 300.0
NOT_FOUND_RETRIES = 3  # a fresh task may not be visible yet; after this many 404s, stop
RATE_LIMIT_DEFAULT_WAIT = 30.0  # a 429 without Retry-After

# Around the likely finish, ask this often: a finish is noticed within it (fixed 5 s polling
# notices 95% within 4.75 s; bench/README.md).
DENSE_GAP = 4.6
DENSE_JITTER = 0.05  # downwards only; answers already come at scattered times
# While a finish is unlikely, no check: the first comes when this share of such tasks would
# have finished (they are noticed up to a sparse gap late; the rest within DENSE_GAP).
EARLY_SHARE = 0.03
# Per check after that, the accepted chance that the task finishes more than DENSE_GAP before
# the next one.
LATE_RISK = 0.004
# Past this share of such tasks' durations a task is unusually slow (stuck, or the provider is
# having a bad day): its checks spread out again, by this share of the time it has overrun,
# up to the provider's maximum interval, instead of staying dense until it is given up.
TAIL_QUANTILE = 0.99
TAIL_BACKOFF = 0.2
# The provider's progress read as a straight line, with this spread in ln(duration) per unit
# of ln(progress): bars are not linear, and a queued start shifts them.
PROGRESS_SPREAD = 0.12
PROGRESS_STEP = 0.01  # percentages come in whole numbers
MIN_PROGRESS = 0.03  # below this a bar says nothing about the finish yet
# Per check of a kind that streams: the stream leaves ~4 dense checks where the durations alone
# need ~10, so each may carry more risk for about the same share noticed late in all
# (bench/README.md: 0.004 polled 0.54x fixed 5 s, 0.012 0.50x, both p95 within 0.97x).
STREAM_LATE_RISK = 0.012


def effective_policy(policy: PollPolicy, user_interval: float | None) -> PollPolicy:
    """A user-chosen interval replaces the backoff with a fixed pace (never below the floor)."""
    if not user_interval:
        return policy
    interval = max(user_interval, policy.min_task_interval)
    return PollPolicy(
        first_delay=interval,
        initial_interval=interval,
        max_interval=interval,
        backoff=1.0,
        give_up_after=policy.give_up_after,
        requests_per_minute=policy.requests_per_minute,
        requests_per_second=policy.requests_per_second,
        min_task_interval=policy.min_task_interval,
    )


def is_fixed_pace(policy: PollPolicy) -> bool:
    """A user-chosen interval (effective_policy): ask at that pace, whatever the estimate."""
    return policy.backoff == 1.0 and policy.initial_interval == policy.max_interval


@dataclass(frozen=True, slots=True)
class Observed:
    """What one answer says about when a running task will finish."""

    age: float  # seconds it has run (the provider's created_at, else since first seen)
    progress: float | None = None  # the provider's 0..1, if it gives one
    streaming: bool = False  # a preview streams (Suno): the final file is near
    earlier: tuple[float, float] | None = None  # (age, progress) at the previous answer
    # Streaming: the ages of the answer before the first that said so and of that first one
    # (the stream began in between); None: not streaming, or no answer came before.
    stream: StreamWindow | None = None


def observe(before: TrackedTask, snapshot: TaskSnapshot, now: float) -> Observed:
    """The signals of an answer about `before` (the task as it was until this answer)."""
    answered = before.with_changes(snapshot=snapshot)
    earlier = None
    old = before.snapshot
    if old is not None and old.progress is not None and before.last_polled_at is not None:
        earlier = (task_age(answered, before.last_polled_at), old.progress)
    age = task_age(answered, now)
    began = stream_began_after(before, snapshot)
    window = None
    if began is not None:
        first = next((e.at for e in before.history if e.state is TaskState.STREAMING), None)
        seen = age if first is None or first < began else task_age(answered, first)
        window = StreamWindow(task_age(answered, began), seen)
    return Observed(
        age=age,
        progress=snapshot.progress,
        streaming=snapshot.state is TaskState.STREAMING,
        earlier=earlier,
        stream=window,
    )


def stream_began_after(before: TrackedTask, snapshot: TaskSnapshot) -> float | None:
    """When the answer before the first `stream` was given (Unix seconds), for a task that
    streams or has just finished streaming; None otherwise, or when no answer came before."""
    if before.state is TaskState.STREAMING:
        if snapshot.state is TaskState.STREAMING or snapshot.state.is_terminal:
            return before.stream_began_after
        return None
    return before.last_polled_at if snapshot.state is TaskState.STREAMING else None


@dataclass(frozen=True, slots=True)
class AfterStream:
    """The finish of a streaming task: the answer before its stream was first seen, plus how
    long earlier runs whose streams began about then took from there."""

    since: float
    rest: Remaining

    @property
    def median(self) -> float:
        return self.since + self.rest.median

    def cdf(self, seconds: float) -> float:
        return self.rest.cdf(seconds - self.since)

    def quantile(self, q: float) -> float:
        return self.since + self.rest.quantile(q)


def finish_distribution(model: DurationModel, seen: Observed) -> Lognormal | AfterStream:
    """When the task will likely finish: the durations of its kind, sharpened by what the
    answer says (its progress, or how long its preview has streamed) when it says something."""
    reading = _reading(seen)
    if reading is None:
        window, streams = seen.stream, model.streams
        rest = streams.after_stream_began(window) if window and streams else None
        if window is not None and rest is not None:
            return AfterStream(window.before, rest)
        return model.distribution
    median, spread = reading
    return _combined(model.distribution, Lognormal(max(median, seen.age + 0.1), spread))


def _reading(seen: Observed) -> tuple[float, float] | None:
    """(median, spread in ln) of the duration that the answer's own signals point to."""
    progress = seen.progress
    if progress is not None and MIN_PROGRESS <= progress < 1:
        pace = progress_pace(seen)
        median = seen.age / progress if pace is None else seen.age + (1 - progress) / pace
        return median, max(PROGRESS_SPREAD * -math.log(progress) + PROGRESS_STEP / progress, 0.01)
    return None


def progress_pace(seen: Observed) -> float | None:
    """Progress per second between the previous answer and this one: the slope of two
    readings, which a queued start does not skew (None: fewer than two, or no progress)."""
    if seen.progress is None or seen.earlier is None:
        return None
    then, before = seen.earlier
    if seen.progress > before and seen.age > then:
        return (seen.progress - before) / (seen.age - then)
    return None


def _combined(a: Lognormal, b: Lognormal) -> Lognormal:
    """Two independent estimates of one duration, weighted by how sure each is (in ln)."""
    wa, wb = a.sigma**-2, b.sigma**-2
    mean = (wa * math.log(a.median) + wb * math.log(b.median)) / (wa + wb)
    return Lognormal(math.exp(mean), (wa + wb) ** -0.5)


def next_check_delay(
    policy: PollPolicy, model: DurationModel, seen: Observed, rng: random.Random
) -> float:
    """Seconds until the next check of a running task (see the module's docstring)."""
    finish = finish_distribution(model, seen)
    done = finish.cdf(seen.age)
    # The finish is noticed late only if it falls before next - DENSE_GAP: keep that unlikely.
    # From the durations alone, wait until EARLY_SHARE of such tasks would have finished.
    risk = STREAM_LATE_RISK if isinstance(finish, AfterStream) else LATE_RISK
    share = done + risk * (1 - done)
    if _reading(seen) is None and not seen.streaming:  # a preview streams: the end is near
        share = max(share, EARLY_SHARE)
    late_before = max(finish.quantile(share), seen.age)
    if isinstance(finish, AfterStream):  # nor sooner than the durations alone would ask
        done = model.distribution.cdf(seen.age)
        late_before = max(late_before, model.distribution.quantile(done + LATE_RISK * (1 - done)))
    if model.streams is not None and not seen.streaming and seen.progress is None:
        # A kind that streams first, not streaming yet: as late as the earlier runs in the same
        # position (still running then, no stream seen) allow.
        rest = model.streams.not_streaming_at(seen.age)
        if rest is not None:
            late_before = max(late_before, seen.age + rest.quantile(STREAM_LATE_RISK))
    delay = late_before + DENSE_GAP - seen.age
    overrun = seen.age - model.distribution.quantile(TAIL_QUANTILE)
    if overrun > 0:  # (a bar stuck at 99% too)
        delay = max(delay, overrun * TAIL_BACKOFF)
    delay = min(delay, policy.max_interval)
    # Jitter downwards only, so neither the dense gap nor the provider's maximum is exceeded.
    return max(delay * rng.uniform(1 - DENSE_JITTER, 1), policy.min_task_interval)


def delay_after_answer(
    policy: PollPolicy,
    model: DurationModel,
    before: TrackedTask,
    snapshot: TaskSnapshot,
    now: float,
    rng: random.Random,
) -> float:
    """The wait after a good answer that leaves the task running: the user's fixed pace, or
    the estimate-driven schedule."""
    if is_fixed_pace(policy):
        return jittered(interval_after(policy, before.poll_count + 1), rng)
    return next_check_delay(policy, model, observe(before, snapshot, now), rng)


def interval_after(policy: PollPolicy, polls_done: int) -> float:
    """Seconds between poll number `polls_done` and the next: grows while the task is young."""
    grown = policy.initial_interval * policy.backoff ** max(polls_done - 1, 0)
    return max(min(grown, policy.max_interval), policy.min_task_interval)


def jittered(seconds: float, rng: random.Random) -> float:
    return seconds * rng.uniform(1 - JITTER, 1 + JITTER)


def retry_delay(failures_in_a_row: int, base: float = RETRY_BASE) -> float:
    """Exponential backoff after errors: base, 2×base, 4×base, ... capped at 5 minutes.
    The engine passes the provider's own first interval as `base`, so a retry never comes
    sooner than the provider advises polling (crun: 15 s, not 5 s)."""
    return float(min(base * 2 ** max(failures_in_a_row - 1, 0), RETRY_CAP))
