"""How long tasks take, learned from the ones that finished: an ETA for every running task, and
the duration model the schedule uses to ask sparsely while a finish is unlikely and densely
around the likely finish.

Per provider and task type, the durations of succeeded tasks (created → finished as the provider
reports them, else first seen → first seen finished) are fitted with a lognormal (task durations
are skewed: a long tail of slow ones). Before there are enough of them, the providers' documented
ranges stand in, read as the 5th–95th percentiles.

A kind that streams first (Suno's `stream`) is learned apart too: when each run was seen to
start streaming, so that a task not streaming yet, or streaming since a given age, is compared
with the earlier runs in the same position (StreamHistory). Pure: no Qt, no I/O, no clock."""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import NormalDist

from gui.domain.states import TaskState
from gui.domain.tracked_task import TrackedTask

MIN_HISTORY = 5  # finished tasks of a kind before the ETA says "~40 s left"
MAX_HISTORY = 200  # only the most recent: a provider gets faster or slower over time
MIN_SIGMA = 0.08  # a handful of equal durations must not make the model overconfident
# The documented spread counts as this many runs when the spread is learned: five runs that
# happened to take the same time must not make the sixth "taking longer than usual" at +15 %.
PRIOR_SPREAD_WEIGHT = 3
MAX_SIGMA = 1.5
MIN_STREAM_HISTORY = MIN_HISTORY  # runs seen streaming before a stream says anything
STREAM_NEIGHBOURS = 40  # a stream that began at some age: the runs whose began nearest
OVERDUE_QUANTILE = 0.95  # past this, "taking longer than usual"
_Z = NormalDist()
_Z95 = _Z.inv_cdf(0.95)

# The providers' documented durations (providers.md), read as the 5th-95th percentiles.
DOCUMENTED_RANGES: dict[str, tuple[float, float]] = {
    "mountsea-suno": (30.0, 120.0),
    "mountsea-producer": (30.0, 120.0),
    "crun": (30.0, 120.0),
    "sunor": (30.0, 300.0),
}
FALLBACK_RANGE = (30.0, 300.0)  # a provider without documented durations


@dataclass(frozen=True, slots=True)
class Lognormal:
    """A duration distribution: ln(duration) is normal around ln(median) with spread sigma."""

    median: float
    sigma: float

    @classmethod
    def from_range(cls, low: float, high: float) -> Lognormal:
        """The lognormal whose 5th and 95th percentiles are `low` and `high`."""
        return cls(math.sqrt(low * high), max(math.log(high / low) / (2 * _Z95), MIN_SIGMA))

    @classmethod
    def fitted(cls, durations: Iterable[float], prior: Lognormal | None = None) -> Lognormal:
        """The lognormal of these durations; with a prior, its spread is blended in as
        PRIOR_SPREAD_WEIGHT runs (the median is the runs' own: it is learned fast and well)."""
        logs = [math.log(max(d, 0.1)) for d in durations]
        mean = sum(logs) / len(logs)
        squares = sum((x - mean) ** 2 for x in logs)
        if prior is None:
            spread = math.sqrt(squares / max(len(logs) - 1, 1))
        else:
            spread = math.sqrt(
                (squares + PRIOR_SPREAD_WEIGHT * prior.sigma**2)
                / (max(len(logs) - 1, 1) + PRIOR_SPREAD_WEIGHT)
            )
        return cls(math.exp(mean), min(max(spread, MIN_SIGMA), MAX_SIGMA))

    def cdf(self, seconds: float) -> float:
        """P(duration ≤ seconds)."""
        if seconds <= 0:
            return 0.0
        return _Z.cdf(math.log(seconds / self.median) / self.sigma)

    def quantile(self, q: float) -> float:
        q = min(max(q, 1e-9), 1 - 1e-9)
        return self.median * math.exp(self.sigma * _Z.inv_cdf(q))

    def quantile_given_alive(self, q: float, age: float) -> float:
        """The duration by which a task still running at `age` has finished with probability q."""
        done = self.cdf(age)
        return max(self.quantile(done + q * (1 - done)), age)


@dataclass(frozen=True, slots=True)
class Remaining:
    """Seconds still to run, from earlier runs in the same position: a fitted lognormal whose
    low quantiles are kept no later than the runs seen (the few that finished soon are what a
    late notice is made of, and a fit may put them later)."""

    seen: tuple[float, ...]  # sorted
    fitted: Lognormal

    @classmethod
    def of(cls, seconds: Iterable[float]) -> Remaining:
        seen = tuple(sorted(max(s, 0.1) for s in seconds))
        return cls(seen, Lognormal.fitted(seen))

    @property
    def median(self) -> float:
        return self.fitted.median

    def cdf(self, seconds: float) -> float:
        return self.fitted.cdf(seconds)

    def quantile(self, q: float) -> float:
        seen = self.seen[min(int(q * len(self.seen)), len(self.seen) - 1)]
        return min(self.fitted.quantile(q), seen)


@dataclass(frozen=True, slots=True)
class StreamWindow:
    """When a run was seen to start streaming, as ages (seconds since it was created): the
    last answer without `stream` and the first with it. The stream began in between."""

    before: float
    seen: float


@dataclass(frozen=True, slots=True)
class StreamHistory:
    """The recent runs of a kind that streams: (seconds, its stream window or None)."""

    runs: tuple[tuple[float, StreamWindow | None], ...]

    def not_streaming_at(self, age: float) -> Remaining | None:
        """How much longer a task runs that has not said `stream` by `age`: as the earlier
        runs did that were still running then and not yet seen streaming."""
        rest = [s - age for s, w in self.runs if s > age and (w is None or w.seen > age)]
        return Remaining.of(rest) if len(rest) >= MIN_STREAM_HISTORY else None

    def after_stream_began(self, window: StreamWindow) -> Remaining | None:
        """How long after `window.before` a task whose stream began in `window` finishes, at
        the least: as long as the earlier runs whose streams began about then (their windows
        overlap it; the STREAM_NEIGHBOURS nearest) ran after they were first seen streaming,
        which is no longer than their streams lasted. None: no such runs."""
        near = sorted(
            (abs(w.before - window.before), s - w.seen)
            for s, w in self.runs
            if w is not None and w.before < window.seen and w.seen > window.before
        )[:STREAM_NEIGHBOURS]
        return Remaining.of(rest for _, rest in near) if len(near) >= MIN_STREAM_HISTORY else None


@dataclass(frozen=True, slots=True)
class DurationModel:
    distribution: Lognormal
    samples: int  # finished tasks it was learned from; 0: the documented range
    documented: tuple[float, float]
    streams: StreamHistory | None = None  # enough runs of the kind were seen streaming first

    @property
    def learned(self) -> bool:
        return self.samples >= MIN_HISTORY

    @property
    def usual(self) -> tuple[float, float]:
        """The usual durations: the 5th-95th percentiles learned, else the documented range."""
        if not self.learned:
            return self.documented
        return (self.distribution.quantile(0.05), self.distribution.quantile(0.95))

    @property
    def overdue_after(self) -> float:
        return self.distribution.quantile(OVERDUE_QUANTILE)


@dataclass(frozen=True, slots=True)
class Estimate:
    """What to tell the user about a running task."""

    remaining: float | None  # seconds, the median given how long it has run; None: unknown
    usual: tuple[float, float]  # the usual durations (seconds), learned or documented
    learned: bool  # enough history for a "~40 s left"
    overdue: bool  # running longer than 95% of its kind: "taking longer than usual"


@dataclass(frozen=True, slots=True)
class FinishedRun:
    provider: str
    task_type: str | None
    seconds: float
    stream: StreamWindow | None = None  # None: not seen streaming (or not knowable)


def prior(provider: str, ranges: Mapping[str, tuple[float, float]] | None = None) -> DurationModel:
    """The model before any history: the documented range (or `ranges`, e.g. the demo's own)."""
    documented = (ranges or DOCUMENTED_RANGES).get(provider, FALLBACK_RANGE)
    return DurationModel(Lognormal.from_range(*documented), 0, documented)


class DurationBook:
    """Durations of finished tasks per (provider, task type), the most recent MAX_HISTORY each."""

    def __init__(
        self,
        runs: Iterable[FinishedRun] = (),
        documented: Mapping[str, tuple[float, float]] | None = None,
    ) -> None:
        """`documented`: the usual durations per provider before any history (default: the
        providers' documentation; the demo passes its own tasks' range)."""
        self._documented = dict(documented) if documented else None
        self._runs: dict[tuple[str, str | None], deque[float]] = {}
        self._streams: dict[tuple[str, str | None], deque[StreamWindow | None]] = {}
        self._models: dict[tuple[str, str | None], DurationModel] = {}
        for run in runs:
            self.record(run)

    def record(self, run: FinishedRun) -> None:
        if not math.isfinite(run.seconds) or run.seconds <= 0:
            return
        # Also under the provider alone: a running task's type is often not said yet (crun).
        kinds = {(run.provider, run.task_type), (run.provider, None)}
        for kind in kinds:
            self._runs.setdefault(kind, deque(maxlen=MAX_HISTORY)).append(run.seconds)
            self._streams.setdefault(kind, deque(maxlen=MAX_HISTORY)).append(run.stream)
            self._models.pop(kind, None)

    def samples(self, provider: str, task_type: str | None) -> int:
        return len(self._runs.get((provider, task_type), ()))

    def model(self, provider: str, task_type: str | None) -> DurationModel:
        """The learned model for this kind of task (type None: every kind of the provider), or
        the provider's documented range."""
        kind = (provider, task_type)
        found = self._models.get(kind)
        if found is None:
            runs = self._runs.get(kind, ())
            base = prior(provider, self._documented)
            found = (
                DurationModel(
                    Lognormal.fitted(runs, prior=base.distribution),
                    len(runs),
                    base.documented,
                    self._stream_history(kind),
                )
                if len(runs) >= MIN_HISTORY
                else base
            )
            self._models[kind] = found
        return found

    def _stream_history(self, kind: tuple[str, str | None]) -> StreamHistory | None:
        windows = self._streams.get(kind, ())
        if sum(w is not None for w in windows) < MIN_STREAM_HISTORY:
            return None
        return StreamHistory(tuple(zip(self._runs[kind], windows, strict=True)))

    def model_for(self, task: TrackedTask) -> DurationModel:
        snapshot = task.snapshot
        return self.model(task.provider, snapshot.task_type if snapshot else None)


def estimate(
    model: DurationModel,
    age: float,
    progress: float | None = None,
    *,
    answered_age: float | None = None,
    pace: float | None = None,
) -> Estimate:
    """The ETA of a task running for `age` seconds. With the provider's progress (0..1, said
    when the task had run `answered_age` s): its bar read as a straight line from the start, or
    at `pace` (progress per second, from two readings) when known."""
    overdue = age > model.overdue_after
    remaining: float | None = None
    answered = age if answered_age is None else min(answered_age, age)
    if progress is not None and 0.05 <= progress < 1 and answered > 0:
        per_second = pace if pace is not None and pace > 0 else progress / answered
        remaining = max((1 - progress) / per_second - (age - answered), 0.0)
    elif model.learned and not overdue:
        remaining = model.distribution.quantile_given_alive(0.5, age) - age
    return Estimate(remaining, model.usual, model.learned, overdue)


def task_age(task: TrackedTask, now: float) -> float:
    """Seconds the task has run: since the provider created it, else since it was first seen."""
    snapshot = task.snapshot
    if snapshot is not None and snapshot.created_at is not None:
        return max(now - snapshot.created_at.timestamp(), 0.0)
    return max(now - task.added_at, 0.0)


def finished_run(task: TrackedTask) -> FinishedRun | None:
    """How long a succeeded task took, or None when that cannot be known (a task first seen
    already finished, without the provider's own times, says nothing about its duration)."""
    snapshot = task.snapshot
    if snapshot is None or snapshot.state is not TaskState.SUCCEEDED:
        return None
    if snapshot.created_at is not None and snapshot.finished_at is not None:
        seconds = (snapshot.finished_at - snapshot.created_at).total_seconds()
    else:
        seconds = seen_duration([(entry.at, entry.state) for entry in task.history]) or 0.0
    if seconds <= 0:
        return None
    return FinishedRun(task.provider, snapshot.task_type, seconds, stream_window(task))


def stream_window(task: TrackedTask) -> StreamWindow | None:
    """When a finished task was seen to start streaming, as ages; None: no stream seen, no
    answer before it, or no finish time from the provider (then the duration is as seen, and
    ages from its created time would not line up with it)."""
    snapshot = task.snapshot
    began = task.stream_began_after
    if snapshot is None or began is None or snapshot.finished_at is None:
        return None
    first = next((e.at for e in task.history if e.state is TaskState.STREAMING), None)
    if first is None or first < began:
        return None
    return StreamWindow(task_age(task, began), task_age(task, first))


def seen_duration(history: Iterable[tuple[float, TaskState]]) -> float | None:
    """First seen → first seen succeeded, when the task was seen unfinished first."""
    first_seen: float | None = None
    for at, state in history:
        if first_seen is None:
            if state.is_terminal:
                return None  # seen only once it had finished
            first_seen = at
        elif state is TaskState.SUCCEEDED:
            return at - first_seen
    return None
