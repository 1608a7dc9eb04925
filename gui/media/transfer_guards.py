"""What a hostile or broken media host cannot do to a download: trickle forever, or unpack a
small gzip body into a disk-filling one.

The read timeout alone never ends a body that sends one byte a second; `StallWatch` ends one
that stays under a minimum rate for a whole window. `BodyDecoder` undoes a content coding the
host applied although Tunewatch asked for none, a bounded piece at a time, and stops as soon as
the output outgrows what audio ever compresses to.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator

STALL_WINDOW_SECONDS = 30.0
MIN_BYTES_PER_SECOND = 1024
# Audio and images barely compress (mp3/m4a/ogg ~1.0×, even a quiet WAV rarely 3×); a gzip
# bomb reaches 1000×. Above this ratio the body is not media.
MAX_EXPANSION = 20
EXPANSION_ALLOWANCE = 1024 * 1024  # small files (headers, short clips) may expand more
_PIECE = 64 * 1024  # decoded bytes produced per step: memory stays bounded for any input

Clock = Callable[[], float]


class StalledError(Exception):
    pass


class BombError(Exception):
    pass


class UnsupportedEncodingError(Exception):
    def __init__(self, coding: str) -> None:
        super().__init__(coding)
        self.coding = coding


class StallWatch:
    """Raises StalledError when fewer than MIN_BYTES_PER_SECOND arrive, on average, over a
    whole window of STALL_WINDOW_SECONDS (checked as each piece arrives)."""

    def __init__(
        self,
        clock: Clock,
        window: float = STALL_WINDOW_SECONDS,
        min_rate: int = MIN_BYTES_PER_SECOND,
    ) -> None:
        self._clock = clock
        self._window = window
        self._min_rate = min_rate
        self._start = clock()
        self._count = 0

    def add(self, count: int) -> None:
        self._count += count
        now = self._clock()
        elapsed = now - self._start
        if elapsed < self._window:
            return
        if self._count < self._min_rate * elapsed:
            raise StalledError(f"{self._count} bytes in {elapsed:.0f} s")
        self._start, self._count = now, 0


class BodyDecoder:
    """Decodes `identity`, `gzip` and `deflate` bodies; anything else is refused."""

    def __init__(self, content_encoding: str | None) -> None:
        coding = (content_encoding or "identity").strip().lower()
        self._raw_in = 0
        self._out = 0
        self._first = True
        self._inflate: zlib._Decompress | None
        if coding in ("identity", ""):
            self._inflate = None
        elif coding in ("gzip", "x-gzip"):
            self._inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif coding == "deflate":
            self._inflate = zlib.decompressobj(zlib.MAX_WBITS)
        else:
            raise UnsupportedEncodingError(coding[:40])
        self.coding = coding

    @property
    def encoded(self) -> bool:
        return self._inflate is not None

    def feed(self, data: bytes) -> Iterator[bytes]:
        self._raw_in += len(data)
        if self._inflate is None:
            self._out += len(data)
            yield data
            return
        pending = data
        while pending:
            try:
                piece = self._inflate.decompress(pending, _PIECE)
            except zlib.error:
                if not (self._first and self.coding == "deflate"):
                    raise
                # Some servers send raw deflate without the zlib header (httpx does the same).
                self._inflate = zlib.decompressobj(-zlib.MAX_WBITS)
                piece = self._inflate.decompress(pending, _PIECE)
            self._first = False
            pending = self._inflate.unconsumed_tail
            self._count_out(piece)
            if piece:
                yield piece

    def finish(self) -> Iterator[bytes]:
        if self._inflate is None:
            return
        rest = self._inflate.flush()
        self._count_out(rest)
        if rest:
            yield rest

    def _count_out(self, piece: bytes) -> None:
        self._out += len(piece)
        if self._out > self._raw_in * MAX_EXPANSION + EXPANSION_ALLOWANCE:
            raise BombError(f"{self._raw_in} bytes unpacked to over {self._out}")
