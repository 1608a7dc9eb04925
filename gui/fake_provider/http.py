"""A minimal HTTP/1.1 server connection on asyncio streams + h11 (keep-alive, HEAD, no TLS).

h11 does the protocol bookkeeping; this module only moves bytes and calls one handler per
request. Kept free of any provider knowledge.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from email.utils import formatdate

import h11

MAX_BODY = 1 << 20  # status APIs are GETs; refuse anything silly rather than buffer it
READ_CHUNK = 65536
SERVER_NAME = "tunewatch-fake-provider"


@dataclass(frozen=True)
class Request:
    method: str
    target: str  # as sent: path plus query, still percent-encoded
    headers: dict[str, str]  # lower-case names; repeated headers joined with ", "
    local_host: str  # the address the request arrived on (127.0.0.1 or 127.0.0.2)
    body: bytes = b""

    @property
    def path(self) -> str:
        return self.target.partition("?")[0]

    @property
    def query(self) -> str:
        return self.target.partition("?")[2]


@dataclass(frozen=True)
class Delivery:
    """How a reply travels when a test wants the wire to misbehave (None on a Reply: normally)."""

    drop: bool = False  # close the connection without sending a byte
    cut_at: int | None = None  # send the head and this many body bytes, then close
    byte_interval: float | None = None  # send the whole reply one byte at a time


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes = b""
    content_type: str = "application/json"
    headers: tuple[tuple[str, str], ...] = field(default=())
    delivery: Delivery | None = None

    def with_headers(self, *extra: tuple[str, str]) -> Reply:
        return replace(self, headers=self.headers + extra)

    def with_delivery(self, delivery: Delivery) -> Reply:
        return replace(self, delivery=delivery)

    def header(self, name: str) -> str | None:
        lname = name.lower()
        return next((v for k, v in self.headers if k.lower() == lname), None)


def json_bytes(obj: object) -> bytes:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode()


def json_reply(status: int, obj: object, *headers: tuple[str, str]) -> Reply:
    return Reply(status, json_bytes(obj), "application/json", headers)


Handler = Callable[[Request], Awaitable[Reply]]


async def serve_connection(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, handler: Handler
) -> None:
    """Answer requests on one connection until the peer closes or asks to close."""
    conn = h11.Connection(h11.SERVER)
    sockname = writer.get_extra_info("sockname")
    local_host = str(sockname[0]) if sockname else ""
    while True:
        try:
            request = await _read_request(conn, reader, local_host)
        except h11.RemoteProtocolError as exc:
            if conn.our_state in (h11.IDLE, h11.SEND_RESPONSE):
                status = exc.error_status_hint
                await _send(conn, writer, "GET", Reply(status, b"bad request", "text/plain"))
            return
        if request is None:
            return
        reply = await handler(request)
        if reply.delivery is not None and reply.delivery.drop:
            return  # the caller closes the connection: no answer at all
        await _send(conn, writer, request.method, reply)
        if conn.our_state is h11.MUST_CLOSE or (
            reply.delivery is not None and reply.delivery.cut_at is not None
        ):
            return
        try:
            conn.start_next_cycle()
        except h11.LocalProtocolError:
            return


async def _read_request(
    conn: h11.Connection, reader: asyncio.StreamReader, local_host: str
) -> Request | None:
    head: h11.Request | None = None
    body = bytearray()
    while True:
        event = conn.next_event()
        if event is h11.NEED_DATA:
            conn.receive_data(await reader.read(READ_CHUNK))
        elif isinstance(event, h11.Request):
            head = event
        elif isinstance(event, h11.Data):
            body += event.data
            if len(body) > MAX_BODY:
                raise h11.RemoteProtocolError("body too large", error_status_hint=413)
        elif isinstance(event, h11.EndOfMessage):
            assert head is not None
            headers: dict[str, str] = {}
            for name, value in head.headers:
                key, text = name.decode("latin-1"), value.decode("latin-1")
                headers[key] = f"{headers[key]}, {text}" if key in headers else text
            return Request(
                head.method.decode("ascii"),
                head.target.decode("latin-1"),
                headers,
                local_host,
                bytes(body),
            )
        else:  # ConnectionClosed, or PAUSED which cannot happen before we answer
            return None


async def _send(
    conn: h11.Connection, writer: asyncio.StreamWriter, method: str, reply: Reply
) -> None:
    headers = [
        ("server", SERVER_NAME),
        ("content-type", reply.content_type),
        ("content-length", str(len(reply.body))),
        *reply.headers,
    ]
    if reply.header("date") is None:  # the server may date a reply by its own clock
        headers.insert(1, ("date", formatdate(usegmt=True)))
    delivery = reply.delivery or Delivery()
    out = bytearray(conn.send(h11.Response(status_code=reply.status, headers=headers)))
    if delivery.cut_at is not None:
        # Fewer bytes than Content-Length says, then the caller closes: a truncated answer.
        writer.write(bytes(out) + reply.body[: delivery.cut_at])
        await writer.drain()
        return
    if method != "HEAD" and reply.body:
        out += conn.send(h11.Data(data=reply.body))
    out += conn.send(h11.EndOfMessage())
    if delivery.byte_interval is None:
        writer.write(bytes(out))
        await writer.drain()
        return
    for index in range(len(out)):
        writer.write(out[index : index + 1])
        await writer.drain()
        await asyncio.sleep(delivery.byte_interval)
