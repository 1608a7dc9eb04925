"""The player's stream relay answers only its own tokens and fetches only through the media gate:
a link that the gate refuses is a 502 for the player, never a fetch."""

from __future__ import annotations

import httpx
import pytest

from gui.media.stream_relay import StreamRelay
from tests.test_download import TONE, MediaTestServer

pytestmark = pytest.mark.asyncio


async def test_the_relay_streams_a_link_through_the_gate_and_nothing_else() -> None:
    with MediaTestServer() as media:
        port = media.base.rsplit(":", 1)[1]

        async def resolve(host: str, _port: int) -> list[str]:
            return {"cdn.example": ["127.0.0.1"], "inner.example": ["10.0.0.3"]}[host]

        async with httpx.AsyncClient() as client:
            relay = StreamRelay(client, resolve)
            try:
                played = await relay.local_url(f"http://cdn.example:{port}/file.mp3", True)
                answer = await client.get(played)
                assert answer.status_code == 200 and answer.content == TONE
                assert media.headers[-1]["host"] == f"cdn.example:{port}"
                seen = len(media.headers)

                refused = await relay.local_url("http://inner.example/secret.mp3", False)
                assert (await client.get(refused)).status_code == 502
                assert (await client.get(played)).status_code == 404  # an old token is void
                base = refused.rsplit("/", 1)[0]
                assert (await client.get(base + "/guessed-token")).status_code == 404
                assert len(media.headers) == seen  # nothing more was fetched
            finally:
                await relay.close()
