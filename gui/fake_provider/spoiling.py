"""What a content or wire fault, or a network that is down, makes of an answer."""

from __future__ import annotations

from dataclasses import replace

from gui.fake_provider.faults import Fault
from gui.fake_provider.hostile import truncated
from gui.fake_provider.http import Delivery, Reply, Request
from gui.fake_provider.state import Outcome, record_of

DROPPED = Reply(0, delivery=Delivery(drop=True))  # status 0: nothing was answered
_GARBLED = b"\x00\xff<html>upstream error</html> {not json"


def spoiled(reply: Reply, fault: Fault | None) -> Reply:
    """A normal answer as a content or wire fault spoils it (unchanged without one)."""
    if fault is None:
        return reply
    if fault.kind == "malformed":
        return Reply(reply.status, truncated(reply.body), reply.content_type, reply.headers)
    if fault.kind == "garbled":
        return Reply(reply.status, _GARBLED, reply.content_type, reply.headers)
    if fault.kind == "cut":
        return reply.with_delivery(Delivery(cut_at=len(reply.body) // 2))
    if fault.kind == "trickle":
        return reply.with_delivery(Delivery(byte_interval=fault.byte_interval))
    return reply


def unreachable(
    now: float,
    request: Request,
    query: dict[str, str],
    route: str,
    account: str | None,
    task_id: str | None,
) -> Outcome:
    """The network is down: the request is logged (status 0) and its connection closed."""
    record = record_of(now, request, query, DROPPED, route, account, task_id)
    return Outcome(DROPPED, replace(record, fault="network_down"))
