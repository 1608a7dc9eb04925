"""Answering the media host: signed links to the bundled files, unless a media fault says otherwise."""

from __future__ import annotations

from urllib.parse import parse_qs

from gui.fake_provider.api_handler import whole_seconds
from gui.fake_provider.faults import ERROR_KINDS
from gui.fake_provider.http import Reply, Request
from gui.fake_provider.media import gzip_bombed, serve_media
from gui.fake_provider.spoiling import DROPPED, spoiled, unreachable
from gui.fake_provider.state import Outcome, ServerState, record_of


def handle_media(state: ServerState, request: Request) -> Outcome:
    now = state.clock()
    with state.lock:
        network_up = state.network_up
    if not network_up:
        query = {k: v[0] for k, v in parse_qs(request.query).items()}
        return unreachable(now, request, query, "media", None, None)
    with state.lock:
        taken = state.faults.take(now, (("account", "media"),))
    fault = taken[0] if taken is not None else None
    if fault is not None and fault.kind in ERROR_KINDS:
        reply = Reply(fault.status, (fault.message or "error").encode(), "text/plain")
        if fault.status == 429:
            reply = reply.with_headers(("retry-after", str(whole_seconds(fault.retry_after))))
    elif fault is not None and fault.kind == "drop":
        reply = DROPPED
    else:
        reply = spoiled(serve_media(request, state.library, state.signer, state.unix(now)), fault)
        if fault is not None and fault.kind == "gzip_bomb" and reply.status == 200:
            reply = gzip_bombed(reply)
    query = {k: v[0] for k, v in parse_qs(request.query).items()}
    record = record_of(now, request, query, reply, "media", None, None, fault)
    hold = fault.hold if fault is not None and fault.kind == "timeout" else 0.0
    return Outcome(reply, record, hold)
