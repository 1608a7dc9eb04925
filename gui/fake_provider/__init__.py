"""A fake of the four providers' status APIs, served over real HTTP on loopback.

Used by the tests, the benchmark and the in-app demo. Imports nothing else of the package and no
Qt: stdlib + h11 only.

    with FakeProviderServer(clock=ManualClock()) as server:
        server.add_task("sunor", "t1", TaskScript([Phase("running", 10), Phase("succeeded")]))
        ...
"""

from gui.fake_provider.clock import ManualClock
from gui.fake_provider.demo import DEMO_KEYS, demo_duration_range, demo_tasks
from gui.fake_provider.faults import Fault, FaultKind, TimedFault
from gui.fake_provider.media import DEMO_AUDIO_SECONDS, MEDIA_DIR
from gui.fake_provider.ratelimit import RateLimits
from gui.fake_provider.records import RequestRecord, Violation
from gui.fake_provider.server import DEFAULT_KEYS, FakeProviderServer
from gui.fake_provider.timeline import (
    DownloadResult,
    Failure,
    LyricsResult,
    MusicResult,
    Phase,
    PhaseName,
    Result,
    StemsResult,
    TaskScript,
    UploadResult,
    VideoResult,
)
from gui.fake_provider.wire import Account, ProviderId

__all__ = [
    "DEFAULT_KEYS",
    "DEMO_AUDIO_SECONDS",
    "DEMO_KEYS",
    "MEDIA_DIR",
    "Account",
    "DownloadResult",
    "Failure",
    "FakeProviderServer",
    "Fault",
    "FaultKind",
    "LyricsResult",
    "ManualClock",
    "MusicResult",
    "Phase",
    "PhaseName",
    "ProviderId",
    "RateLimits",
    "RequestRecord",
    "Result",
    "StemsResult",
    "TaskScript",
    "TimedFault",
    "UploadResult",
    "VideoResult",
    "Violation",
    "demo_duration_range",
    "demo_tasks",
]
