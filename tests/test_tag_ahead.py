"""MP3 tags written in front while the song downloads (gui.media.tag_ahead): read back with
mutagen, and every audio byte after the tag is the one the server sent (nothing was moved
or lost). Over real HTTP on loopback (tests.test_media_pool's keep-alive server)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import mutagen
import mutagen.id3
import pytest

from gui.fake_provider import MEDIA_DIR
from gui.media.download import download_to_part
from gui.media.tag_ahead import HEAD_BYTES, TagAhead, needs_tagging_after
from gui.media.tagging import Cover, TrackTags, write_tags
from gui.polling.status_check import make_client
from tests.test_download import TONE
from tests.test_media_pool import KeepAliveServer

pytestmark = pytest.mark.asyncio

SONG = TONE * 12  # ~300 kB: several times the head the tag is written into
COVER = (MEDIA_DIR / "cover-1.jpg").read_bytes()
TAGS = TrackTags(title="Neon Rain ☔", artist="Me", cover=Cover(COVER, "jpg"))


@pytest.fixture
def server() -> Iterator[KeepAliveServer]:
    with KeepAliveServer(SONG) as running:
        yield running


def id3_end(data: bytes) -> int:
    size = 0
    for byte in data[6:10]:
        size = (size << 7) | (byte & 0x7F)
    return 10 + size


async def download_tagged(server: KeepAliveServer, folder: Path) -> tuple[Path, TagAhead]:
    ahead = TagAhead(TAGS)
    kept = folder / "kept.mp3"
    async with (
        make_client() as client,
        download_to_part(
            client,
            f"http://127.0.0.1:{server.port}/a.mp3",
            folder,
            allow_local=True,
            head_hook=ahead,
        ) as part,
    ):
        shutil.copy(part.path, kept)  # the part is removed after the block
    return kept, ahead


async def test_the_tag_goes_in_front_and_the_audio_arrives_unmoved(
    server: KeepAliveServer, tmp_path: Path
) -> None:
    assert len(SONG) > 2 * HEAD_BYTES
    path, ahead = await download_tagged(server, tmp_path)
    data = path.read_bytes()
    assert ahead.tagged and not needs_tagging_after(path, ahead)
    assert data.startswith(b"ID3")
    assert data[id3_end(data) :] == SONG  # every audio byte, in order, after the tag
    tags: Any = mutagen.File(path).tags
    assert str(tags["TIT2"]) == "Neon Rain ☔" and str(tags["TPE1"]) == "Me"
    assert tags.getall("APIC")[0].data == COVER


async def test_a_tag_that_came_with_the_file_is_replaced_not_doubled(
    server: KeepAliveServer, tmp_path: Path
) -> None:
    own = mutagen.id3.ID3()
    own.add(mutagen.id3.TIT2(encoding=3, text=["Old title"]))
    own.add(mutagen.id3.APIC(encoding=3, mime="image/jpeg", type=3, desc="", data=COVER * 3))
    original = tmp_path / "original.mp3"
    original.write_bytes(SONG)
    own.save(original)
    server.body = original.read_bytes()  # a tag larger than the first HEAD_BYTES of audio
    assert id3_end(server.body) > 0
    path, ahead = await download_tagged(server, tmp_path)
    data = path.read_bytes()
    assert ahead.tagged
    assert data[id3_end(data) :].lstrip(b"\x00") == SONG  # one tag, then the audio
    assert str(mutagen.File(path).tags["TIT2"]) == "Neon Rain ☔"


async def test_an_id3v1_tag_at_the_end_is_updated_after_the_download(
    server: KeepAliveServer, tmp_path: Path
) -> None:
    server.body = SONG + b"TAG" + b"Old".ljust(30, b"\x00") + bytes(95)
    path, ahead = await download_tagged(server, tmp_path)
    assert ahead.tagged and needs_tagging_after(path, ahead)
    write_tags(path, "mp3", TAGS)  # what the exporter does then: in place, in the padding
    data = path.read_bytes()
    assert data[-128:-125] == b"TAG" and b"Neon Rain" in data[-125:-95]
    assert data[id3_end(data) : -128] == SONG


async def test_other_formats_are_left_for_after_the_download(
    server: KeepAliveServer, tmp_path: Path
) -> None:
    server.body = (MEDIA_DIR / "tone.wav").read_bytes()
    path, ahead = await download_tagged(server, tmp_path)
    assert not ahead.tagged and needs_tagging_after(path, ahead)
    assert path.read_bytes() == server.body
