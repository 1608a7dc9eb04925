"""Kept-alive connections for media fetches, never shared between two names.

The media gate pins every request to an address it checked: the URL names the address, the Host
header and the TLS name stay the link's own. The app's shared client pools connections by
address alone, so one whose certificate was checked for one name could carry a request for
another name at the same address (common behind a CDN): through it, a pinned request says
`Connection: close` and costs a new connection. A MediaPool keeps one small pool per (scheme,
name, port) instead: every connection in it was opened to a checked address for that name, so
reusing one is as safe as opening a new one. Each request still passes the gate first (the name
resolved, every address checked, each redirect hop again); only the connection is reused. One
MediaPool lives for one export (`async with MediaPool.for_client(client) as pool`).
"""

from __future__ import annotations

import ssl
from types import TracebackType

import httpx

from gui.media.media_gate import AdmittedUrl

# Connections kept per name: media of one export comes from one or two hosts, one file at a time.
CONNECTIONS_PER_NAME = 4


class MediaPool:
    def __init__(self, ssl_context: ssl.SSLContext | None) -> None:
        self._ssl_context = ssl_context
        self._clients: dict[tuple[str, str, int], httpx.AsyncClient] = {}

    @classmethod
    def for_client(cls, client: httpx.AsyncClient) -> MediaPool:
        """A pool that trusts what `client` trusts. When that cannot be told (a test's mock
        transport, a proxy), the pool is empty and `sender` hands back `client` itself: its
        requests then keep `Connection: close`, one connection each, as before."""
        return cls(_ssl_context_of(client))

    @property
    def reuses(self) -> bool:
        return self._ssl_context is not None

    def sender(self, client: httpx.AsyncClient, admitted: AdmittedUrl) -> httpx.AsyncClient:
        """The client to send a pinned request for `admitted` through."""
        if self._ssl_context is None:
            return client
        scheme = httpx.URL(admitted.url).scheme
        name = admitted.host if not admitted.is_literal else str(admitted.addresses[0])
        key = (scheme, name, admitted.port)
        sender = self._clients.get(key)
        if sender is None:
            transport = httpx.AsyncHTTPTransport(
                verify=self._ssl_context,
                trust_env=False,
                limits=httpx.Limits(
                    max_connections=CONNECTIONS_PER_NAME,
                    max_keepalive_connections=CONNECTIONS_PER_NAME,
                ),
            )
            sender = httpx.AsyncClient(transport=transport, trust_env=False)
            self._clients[key] = sender
        return sender

    async def aclose(self) -> None:
        clients, self._clients = list(self._clients.values()), {}
        for sender in clients:
            await sender.aclose()

    async def __aenter__(self) -> MediaPool:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        await self.aclose()


def _ssl_context_of(client: httpx.AsyncClient) -> ssl.SSLContext | None:
    """The TLS settings (trusted certificates) of `client`'s default transport. httpx has no
    public way to read them; httpx is pinned to 0.28, and anything unexpected here only means
    no reuse (tests/test_media_pool.py notices when the app's client stops being read)."""
    transport = getattr(client, "_transport", None)
    if type(transport) is not httpx.AsyncHTTPTransport or getattr(client, "_mounts", None):
        return None  # a mock or custom transport, or proxies: only the client knows the way
    context = getattr(getattr(transport, "_pool", None), "_ssl_context", None)
    return context if isinstance(context, ssl.SSLContext) else None
