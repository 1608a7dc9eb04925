"""Provider-neutral task scripts: a timeline of phases plus what the task produces.

The wire formats translate a phase into each provider's own status words; this module only
knows "what is the task doing t seconds after it was added".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, get_args

from gui.fake_provider.faults import TimedFault

PhaseName = Literal[
    "queued", "running", "streaming", "succeeded", "failed", "cancelled", "timed_out"
]
PHASE_NAMES: frozenset[str] = frozenset(get_args(PhaseName))
TERMINAL_PHASES: frozenset[str] = frozenset({"succeeded", "failed", "cancelled", "timed_out"})
FAILURE_PHASES: frozenset[str] = frozenset({"failed", "cancelled", "timed_out"})
# Phases whose time counts toward the progress percentage (sunor's "NN%").
WORKING_PHASES: frozenset[str] = frozenset({"running", "streaming"})


@dataclass(frozen=True)
class Phase:
    """One step of the timeline. `duration` None: the task stays here for good.

    `wire_status` overrides the provider's status word for this phase, to exercise rarer
    words such as Suno "ready"/"awaiting", Producer "assigned" or an unknown status.
    """

    name: PhaseName
    duration: float | None = None
    wire_status: str | None = None

    def __post_init__(self) -> None:
        if self.name not in PHASE_NAMES:
            raise ValueError(f"unknown phase {self.name!r}; expected one of {PHASE_NAMES}")
        if self.duration is not None and self.duration < 0:
            raise ValueError("phase duration must be >= 0")

    @property
    def terminal(self) -> bool:
        return self.name in TERMINAL_PHASES


# --- what a finished task produces -------------------------------------------------------


@dataclass(frozen=True)
class MusicResult:
    """N clips (Suno usually returns two variations). duration None: the demo audio's length."""

    titles: Sequence[str] = ("Untitled",)
    clips: int = 2
    tags: str = ""
    prompt: str = ""
    model: str = "chirp-crow"
    duration: float | None = None
    kind: Literal["music"] = field(default="music", init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "titles", tuple(self.titles) or ("Untitled",))
        if self.clips < 1:
            raise ValueError("a music result has at least one clip")

    def title(self, index: int) -> str:
        return self.titles[index % len(self.titles)]


@dataclass(frozen=True)
class LyricsResult:
    title: str = "Untitled"
    text: str = "[Verse]\nLa la la\n\n[Chorus]\nOh oh oh"
    kind: Literal["lyrics"] = field(default="lyrics", init=False)


@dataclass(frozen=True)
class StemsResult:
    """Producer stem separation: one WAV per stem."""

    stems: Sequence[str] = ("vocals", "drums", "bass", "other")
    kind: Literal["stems"] = field(default="stems", init=False)


@dataclass(frozen=True)
class DownloadResult:
    """Producer format conversion; m4a is the documented default."""

    format: Literal["mp3", "m4a", "wav"] = "m4a"
    kind: Literal["download"] = field(default="download", init=False)


@dataclass(frozen=True)
class VideoResult:
    preset: str = "modern"
    kind: Literal["video"] = field(default="video", init=False)


@dataclass(frozen=True)
class UploadResult:
    lyrics: str = "[Verse]\nUploaded words"
    is_flagged: bool = False
    kind: Literal["upload"] = field(default="upload", init=False)


Result = MusicResult | LyricsResult | StemsResult | DownloadResult | VideoResult | UploadResult


@dataclass(frozen=True)
class Failure:
    """Why a failed/cancelled/timed-out task stopped. code None: the provider's usual code."""

    reason: str = "Generation failed"
    code: int | str | None = None
    trace_id: str | None = None


@dataclass(frozen=True)
class TaskScript:
    phases: Sequence[Phase]
    result: Result = field(default_factory=MusicResult)
    failure: Failure = field(default_factory=Failure)
    faults: Sequence[TimedFault] = ()

    def __post_init__(self) -> None:
        phases = tuple(self.phases)
        if not phases:
            raise ValueError("a task script needs at least one phase")
        for phase in phases[:-1]:
            if phase.terminal:
                raise ValueError(f"terminal phase {phase.name!r} must be the last one")
        object.__setattr__(self, "phases", phases)
        object.__setattr__(self, "faults", tuple(self.faults))

    @property
    def length(self) -> float:
        """Seconds until the last phase starts (the timeline's length)."""
        return sum(p.duration or 0.0 for p in self.phases[:-1])


@dataclass(frozen=True)
class PhaseState:
    """Where a task is on its timeline at one moment."""

    phase: Phase
    started: float  # seconds after add_task when this phase began
    elapsed: float  # seconds after add_task now
    progress: float  # 0..1 through the working phases (1.0 once terminal)

    @property
    def name(self) -> PhaseName:
        return self.phase.name

    @property
    def terminal(self) -> bool:
        return self.phase.terminal


def resolve(script: TaskScript, elapsed: float) -> PhaseState:
    """The phase `elapsed` seconds after the task was added (before 0: the first phase)."""
    t = max(0.0, elapsed)
    start = 0.0
    phases = script.phases
    current = phases[-1]
    current_start = script.length
    for phase in phases:
        if phase.terminal or phase.duration is None or t < start + phase.duration:
            current, current_start = phase, start
            break
        start += phase.duration
    return PhaseState(current, current_start, t, _progress(script, t, current))


def _progress(script: TaskScript, t: float, current: Phase) -> float:
    if current.terminal:
        return 1.0
    total = 0.0
    done = 0.0
    open_ended = False
    start = 0.0
    for phase in script.phases:
        if phase.terminal:
            break
        if phase.name in WORKING_PHASES:
            if phase.duration is None:
                open_ended = True
                done += max(0.0, t - start)
            else:
                total += phase.duration
                done += min(max(0.0, t - start), phase.duration)
        if phase.duration is None:
            break
        start += phase.duration
    if open_ended:
        # No known end: creep toward (never reach) 100 %, like a real server's estimate.
        return done / (done + total + 30.0)
    return done / total if total > 0 else 0.0
