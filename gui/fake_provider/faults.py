"""Scriptable faults: which requests fail, how, and for how long.

A fault applies either to one task's status requests or to every request of one account
("mountsea", "sunor", "crun", or "media" for the media host). Rules are kept per scope so a
lookup costs a dict access, not a scan of every rule.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Literal, get_args

FaultKind = Literal[
    "401",
    "402",
    "404",
    "429",
    "500",
    "502",
    "timeout",
    "malformed",
    "garbled",
    "hostile",
    "drop",
    "cut",
    "trickle",
    "gzip_bomb",
]
FAULT_KINDS: frozenset[str] = frozenset(get_args(FaultKind))
# Kinds that replace the answer with an HTTP error in the provider's own format.
ERROR_KINDS: frozenset[str] = frozenset({"401", "402", "404", "429", "500", "502"})


@dataclass(frozen=True)
class Fault:
    """What goes wrong.

    kind: an HTTP error ("401" … "502"), "timeout" (the server holds the request `hold`
    seconds of real time, cancelled on stop), "malformed" (truncated JSON with status 200),
    "garbled" (status 200 with bytes that are not JSON at all), "hostile" (a finished-looking
    payload full of traversal titles, huge strings, bad URLs and wrong types), "drop" (the
    connection is closed without an answer), "cut" (the answer stops halfway through its
    announced length and the connection closes), "trickle" (the normal answer, one byte
    every `byte_interval` real seconds) or, on the media host, "gzip_bomb" (a small gzip body,
    unasked for, that unpacks to 64 MB of zeros).
    """

    kind: FaultKind
    retry_after: float = 30.0  # seconds announced with "429"
    # Sent verbatim as Retry-After instead of `retry_after` (an HTTP date, "-5", "1e12", …).
    retry_after_header: str | None = None
    byte_interval: float = 1.0  # real seconds between the bytes of a "trickle"
    hold: float = 30.0  # real seconds a "timeout" keeps the request open
    in_body: bool = False  # crun style: error code inside an HTTP 200 envelope
    message: str | None = None  # overrides the provider's default error message

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; expected one of {FAULT_KINDS}")

    @property
    def status(self) -> int:
        """HTTP status for error kinds (200 for the kinds that mangle a normal answer)."""
        return int(self.kind) if self.kind in ERROR_KINDS else 200


@dataclass(frozen=True)
class TimedFault:
    """A fault inside a TaskScript: active from `start` to `end` seconds after add_task."""

    fault: Fault
    start: float = 0.0
    end: float | None = None
    account_wide: bool = False  # True: hits every request of the task's account
    times: int | None = None  # None: every matching request while active


@dataclass
class _Rule:
    rule_id: int
    fault: Fault
    times_left: int | None
    active_from: float
    active_until: float | None

    def spent(self, now: float) -> bool:
        return self.times_left == 0 or (self.active_until is not None and now >= self.active_until)


Scope = tuple[Literal["task", "account"], str]


class FaultRegistry:
    """Rules per scope. Not thread-safe: the server calls it under its own lock."""

    def __init__(self) -> None:
        self._rules: dict[Scope, list[_Rule]] = {}
        self._ids = itertools.count(1)

    def add(
        self,
        fault: Fault,
        scope: Scope,
        *,
        times: int | None,
        active_from: float,
        active_until: float | None,
    ) -> int:
        if times is not None and times < 1:
            raise ValueError("times must be >= 1 (or None for unlimited)")
        rule = _Rule(next(self._ids), fault, times, active_from, active_until)
        self._rules.setdefault(scope, []).append(rule)
        return rule.rule_id

    def remove(self, rule_id: int) -> bool:
        for scope, rules in list(self._rules.items()):
            kept = [r for r in rules if r.rule_id != rule_id]
            if len(kept) != len(rules):
                self._set(scope, kept)
                return True
        return False

    def clear(self) -> None:
        self._rules.clear()

    def take(self, now: float, scopes: tuple[Scope, ...]) -> tuple[Fault, Scope] | None:
        """The first active fault for these scopes (most specific first) and the scope it came
        from; uses up one of its `times`."""
        for scope in scopes:
            rules = self._rules.get(scope)
            if not rules:
                continue
            if any(r.spent(now) for r in rules):
                rules = [r for r in rules if not r.spent(now)]
                self._set(scope, rules)
            for rule in rules:
                if rule.active_from <= now:
                    if rule.times_left is not None:
                        rule.times_left -= 1
                    return rule.fault, scope
        return None

    def _set(self, scope: Scope, rules: list[_Rule]) -> None:
        if rules:
            self._rules[scope] = rules
        else:
            self._rules.pop(scope, None)
