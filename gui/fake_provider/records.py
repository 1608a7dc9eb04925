"""What the server saw: a thread-safe request log and a list of pacing violations."""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class RequestRecord:
    time: float  # injected clock when the request arrived
    host: str  # local address it arrived on: the API host or the media host
    method: str
    path: str  # as sent, still percent-encoded
    query: dict[str, str]  # decoded, first value of each parameter
    headers: dict[str, str]  # lower-case names
    status: int  # HTTP status of the reply (a "timeout" fault's reply may never arrive)
    route: str  # e.g. "sunor.status", "crun.balance", "media", "unknown"
    account: str | None = None
    task_id: str | None = None
    fault: str | None = None  # kind of the injected fault that shaped the reply


ViolationKind = Literal["rate_limit", "retry_after", "task_rate"]


@dataclass(frozen=True)
class Violation:
    """A request a well-behaved client would not have sent.

    rate_limit: refused by a real budget; retry_after: arrived inside an announced Retry-After
    window; task_rate: sunor's advice of ≤ 1 request/s per task ignored (not refused).
    """

    time: float
    kind: ViolationKind
    account: str
    task_id: str | None
    detail: str


class Journal(Generic[T]):
    """Append-only, bounded, readable from any thread."""

    def __init__(self, limit: int | None) -> None:
        self._items: deque[T] = deque(maxlen=limit)
        self._lock = threading.Lock()

    def append(self, item: T) -> None:
        with self._lock:
            self._items.append(item)

    def snapshot(self) -> list[T]:
        with self._lock:
            return list(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)
