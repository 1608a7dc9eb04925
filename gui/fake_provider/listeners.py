"""The server's two loopback listeners (API host, media host) on their own thread and loop.

Its own asyncio loop on its own thread, so the server answers the same way next to sync tests,
next to the GUI's qasync loop, or alone in a subprocess. A "timeout" fault's hold sleeps on this
loop and is cancelled on stop.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable

from gui.fake_provider.http import Reply, Request, serve_connection
from gui.fake_provider.records import RequestRecord
from gui.fake_provider.state import Outcome

Handler = Callable[[Request], Outcome]


class Listeners:
    def __init__(
        self,
        api_host: str,
        media_host: str,
        *,
        port: int,
        media_port: int,
        api_handler: Handler,
        media_handler: Handler,
        log: Callable[[RequestRecord], None],
    ) -> None:
        self.api_host = api_host
        self.media_host = media_host
        self.port = port  # the real ports once started (0 asks the OS for free ones)
        self.media_port = media_port
        self._api_handler = api_handler
        self._media_handler = media_handler
        self._log = log
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop_event: asyncio.Event | None = None
        self._ready = threading.Event()
        self._startup_error: BaseException | None = None
        self._connections: set[asyncio.Task[None]] = set()
        # Every accepted connection's writer, registered when the connection is made: a task
        # cancelled by stop() before its first step never runs its `finally`, and its socket
        # would be left open (a ResourceWarning in whichever test collects it).
        self._writers: set[asyncio.StreamWriter] = set()
        self.accepted = 0  # TCP connections accepted on both hosts

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("FakeProviderServer already started")
        self._ready.clear()
        self._startup_error = None
        self._thread = threading.Thread(target=self._run, name="fake-provider", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("fake provider server did not start within 10 s")
        if self._startup_error is not None:
            self._thread.join()
            self._thread = None
            raise self._startup_error

    def stop(self) -> None:
        """Close both listeners, cancel open connections (and held requests), join the thread."""
        thread, loop, stop_event = self._thread, self._loop, self._stop_event
        if thread is None:
            return
        if loop is not None and stop_event is not None:
            with contextlib.suppress(RuntimeError):  # loop already gone
                loop.call_soon_threadsafe(stop_event.set)
        thread.join(10)
        if thread.is_alive():
            raise RuntimeError("fake provider server thread did not stop")
        self._thread = None

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # report bind errors etc. to start()
            self._startup_error = exc
            self._ready.set()

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop_event = asyncio.Event()
        api = await asyncio.start_server(
            self._on_api_connection, self.api_host, self.port, backlog=1024
        )
        try:
            media = await asyncio.start_server(
                self._on_media_connection, self.media_host, self.media_port, backlog=1024
            )
        except BaseException:
            api.close()
            await api.wait_closed()
            raise
        self.port = api.sockets[0].getsockname()[1]
        self.media_port = media.sockets[0].getsockname()[1]
        self._ready.set()
        try:
            await self._stop_event.wait()
        finally:
            api.close()
            media.close()
            for task in list(self._connections):
                task.cancel()
            await asyncio.gather(*self._connections, return_exceptions=True)
            for writer in list(self._writers):
                writer.close()
            await api.wait_closed()
            await media.wait_closed()

    # Plain functions, not coroutines: asyncio calls them inside connection_made, so the writer
    # is known before any task could be cancelled.
    def _on_api_connection(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        self._start_connection(reader, writer, self._api_handler)

    def _on_media_connection(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        self._start_connection(reader, writer, self._media_handler)

    def _start_connection(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, handler: Handler
    ) -> None:
        self._writers.add(writer)
        task = asyncio.get_running_loop().create_task(self._own_connection(reader, writer, handler))
        self._connections.add(task)

    async def _own_connection(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        handler: Handler,
    ) -> None:
        task = asyncio.current_task()
        assert task is not None
        self.accepted += 1

        async def answer(request: Request) -> Reply:
            outcome = handler(request)
            self._log(outcome.record)
            if outcome.hold > 0:
                await asyncio.sleep(outcome.hold)
            return outcome.reply

        try:
            await serve_connection(reader, writer, answer)
        except (ConnectionError, OSError):
            pass  # the client went away; nothing to answer
        except asyncio.CancelledError:
            # Only stop() cancels these. Ending normally matters: Python 3.11's start_server
            # calls task.exception() on the finished task and logs a cancelled one as an error.
            pass
        finally:
            self._connections.discard(task)
            self._writers.discard(writer)
            writer.close()
            with contextlib.suppress(ConnectionError, OSError):
                await writer.wait_closed()
