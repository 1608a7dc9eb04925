"""Virtual time for real sockets: an asyncio loop whose clock jumps ahead whenever nothing can
happen before the next timer — no callback ready, no socket readable, no HTTP request of ours
in flight — so hours of polling run in seconds while every request still crosses loopback to
the real fake server. While a request is out, time passes at the real rate (the server thread
answers in real time), so nothing times out early."""

from __future__ import annotations

import asyncio
import os
import selectors
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any, TypeVar

import httpx

from gui.polling.status_check import DEFAULT_TIMEOUT

T = TypeVar("T")
UNIX0 = 1_800_000_000.0  # the virtual Unix time at the loop's time 0

SOAK = os.environ.get("TUNEWATCH_SOAK") == "1"  # the long versions of the reliability tests


class _Jumping(selectors.DefaultSelector):
    def __init__(self, loop: VirtualTimeLoop) -> None:
        super().__init__()
        self._loop = loop

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        if timeout is not None and timeout <= 0:
            return super().select(timeout)
        ready: list[tuple[selectors.SelectorKey, int]] = super().select(0)
        if ready:
            return ready
        if self._loop.busy() or timeout is None:
            # Real I/O is under way (or nothing is scheduled): wait for it in real time.
            return super().select(0.02 if timeout is None else min(timeout, 0.02))
        self._loop.jump(timeout)
        return []


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    def __init__(self) -> None:
        self._offset = -time.monotonic()  # time() starts at 0
        self.in_flight = 0  # HTTP requests of clients built with `client()` not yet finished
        self.jumped = 0.0  # seconds skipped so far
        super().__init__(_Jumping(self))

    def time(self) -> float:
        return time.monotonic() + self._offset

    def unix(self) -> float:
        """The virtual wall clock (for the engine and the ledger's time stamps)."""
        return UNIX0 + self.time()

    def busy(self) -> bool:
        return self.in_flight > 0

    def jump(self, seconds: float) -> None:
        self._offset += seconds
        self.jumped += seconds


def run(coroutine_factory: Callable[[VirtualTimeLoop], Coroutine[Any, Any, T]]) -> T:
    """Run `coroutine_factory(loop)` to the end on a fresh virtual-time loop."""
    loop = VirtualTimeLoop()
    try:
        asyncio.set_event_loop(loop)
        return loop.run_until_complete(coroutine_factory(loop))
    finally:
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for task in pending:
            task.cancel()
        if pending:
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        loop.run_until_complete(loop.shutdown_asyncgens())
        asyncio.set_event_loop(None)
        loop.close()


class _Counted(httpx.AsyncByteStream):
    def __init__(self, inner: httpx.AsyncByteStream, loop: VirtualTimeLoop) -> None:
        self._inner = inner
        self._loop = loop
        self._open = True

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._inner.aclose()
        finally:
            self._done()

    def _done(self) -> None:
        if self._open:
            self._open = False
            self._loop.in_flight -= 1


class _CountingTransport(httpx.AsyncBaseTransport):
    """Tells the loop while a request is out, so time does not jump over its answer."""

    def __init__(self, loop: VirtualTimeLoop, timeout: httpx.Timeout) -> None:
        self._loop = loop
        self._inner = httpx.AsyncHTTPTransport(
            limits=httpx.Limits(max_connections=20, max_keepalive_connections=20)
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self._loop.in_flight += 1
        try:
            response = await self._inner.handle_async_request(request)
        except BaseException:
            self._loop.in_flight -= 1
            raise
        assert isinstance(response.stream, httpx.AsyncByteStream)
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=_Counted(response.stream, self._loop),
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        await self._inner.aclose()


def client(loop: VirtualTimeLoop, timeout: httpx.Timeout = DEFAULT_TIMEOUT) -> httpx.AsyncClient:
    """The app's client settings (no redirects, no proxies from the environment), counted."""
    return httpx.AsyncClient(
        transport=_CountingTransport(loop, timeout),
        timeout=timeout,
        follow_redirects=False,
        trust_env=False,
    )


async def sleep_until(loop: VirtualTimeLoop, moment: float) -> None:
    """Sleep until the loop's time `moment` (a virtual sleep: it takes no real time)."""
    await asyncio.sleep(max(moment - loop.time(), 0.0))


async def until(
    loop: VirtualTimeLoop, condition: Callable[[], object], within: float, what: str
) -> float:
    """Check `condition` every virtual 0.1 s; return the loop time it came true, or fail
    after `within` virtual seconds."""
    deadline = loop.time() + within
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"not within {within} virtual s: {what}")
        await asyncio.sleep(0.1)
    return loop.time()
