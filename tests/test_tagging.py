"""Tags written with mutagen and read back: ID3 in MP3 and WAV, iTunes atoms in M4A/MP4."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import mutagen
import mutagen.id3
import pytest

from gui.fake_provider import MEDIA_DIR
from gui.media.tagging import (
    CLIP_ID_TAG,
    MODEL_TAG,
    MP4_FREEFORM_PREFIX,
    PROVIDER_TAG,
    TASK_ID_TAG,
    Cover,
    TaggingError,
    TrackTags,
    sniff_file,
    sniff_format,
    write_tags,
)

COVER = (MEDIA_DIR / "cover-1.jpg").read_bytes()
LYRICS = "[Verse]\nRain on neon\n\n[Chorus]\nOh — ☔"
TAGS = TrackTags(
    title="Neon Rain ☔",
    artist="Me",
    album="Night Drives",
    date="2026-01-20",
    genre="synthwave, dreamy",
    lyrics=LYRICS,
    cover=Cover(COVER, "jpg"),
    custom=(
        (PROVIDER_TAG, "sunor"),
        (TASK_ID_TAG, "task-1"),
        (CLIP_ID_TAG, "clip-1"),
        (MODEL_TAG, "chirp-fenix"),
    ),
)


def demo_copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copy(MEDIA_DIR / name, target)
    return target


def read(path: Path) -> Any:
    return mutagen.File(path)


def check_id3(tags: Any) -> None:
    assert str(tags["TIT2"]) == "Neon Rain ☔"
    assert str(tags["TPE1"]) == "Me"
    assert str(tags["TALB"]) == "Night Drives"
    assert str(tags["TDRC"]) == "2026-01-20"
    assert str(tags["TCON"]) == "synthwave, dreamy"
    assert tags["USLT::eng"].text == LYRICS
    picture = tags["APIC:Cover"]
    assert picture.data == COVER and picture.mime == "image/jpeg" and picture.type == 3
    for name, value in TAGS.custom:
        assert tags[f"TXXX:{name}"].text == [value]


@pytest.mark.parametrize("name", ["tone.mp3", "tone.wav"])
def test_id3_round_trip(tmp_path: Path, name: str) -> None:
    path = demo_copy(tmp_path, name)
    before = len((MEDIA_DIR / name).read_bytes())
    write_tags(path, name.rsplit(".", 1)[1], TAGS)
    audio = read(path)
    assert type(audio).__name__ == ("MP3" if name.endswith("mp3") else "WAVE")
    assert audio.info.length > 3  # still the same playable tone
    check_id3(audio.tags)
    assert path.stat().st_size > before


@pytest.mark.parametrize("name", ["tone.m4a", "clip.mp4"])
def test_mp4_atoms_round_trip(tmp_path: Path, name: str) -> None:
    path = demo_copy(tmp_path, name)
    write_tags(path, name.rsplit(".", 1)[1], TAGS)
    tags = read(path).tags
    assert tags["\xa9nam"] == ["Neon Rain ☔"]
    assert tags["\xa9ART"] == ["Me"]
    assert tags["\xa9alb"] == ["Night Drives"]
    assert tags["\xa9day"] == ["2026-01-20"]
    assert tags["\xa9gen"] == ["synthwave, dreamy"]
    assert tags["\xa9lyr"] == [LYRICS]
    assert bytes(tags["covr"][0]) == COVER and tags["covr"][0].imageformat == 13  # JPEG
    for name_, value in TAGS.custom:
        assert [bytes(v).decode() for v in tags[MP4_FREEFORM_PREFIX + name_]] == [value]


def test_tags_replace_what_the_provider_wrote_and_keep_the_rest(tmp_path: Path) -> None:
    path = demo_copy(tmp_path, "tone.mp3")
    id3: Any = mutagen.id3  # untyped library
    old = id3.ID3()
    old.add(id3.TIT2(encoding=3, text=["Provider title"]))
    old.add(id3.TXXX(encoding=3, desc=PROVIDER_TAG, text=["stale"]))
    old.add(id3.TXXX(encoding=3, desc="SOMETHING_ELSE", text=["kept"]))
    old.save(path)
    write_tags(path, "mp3", TrackTags(title="Ours", custom=((PROVIDER_TAG, "crun"),)))
    tags = read(path).tags
    assert tags.getall("TIT2")[0].text == ["Ours"]
    assert tags.getall(f"TXXX:{PROVIDER_TAG}")[0].text == ["crun"]
    assert tags["TXXX:SOMETHING_ELSE"].text == ["kept"]
    assert "TPE1" not in tags and "APIC:Cover" not in tags  # nothing to say: no empty frames


def test_a_png_cover_in_mp4_and_a_webp_one_left_out(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    path = demo_copy(tmp_path, "tone.m4a")
    write_tags(path, "m4a", TrackTags(title="x", cover=Cover(png, "png")))
    assert read(path).tags["covr"][0].imageformat == 14  # PNG
    write_tags(path, "m4a", TrackTags(title="x", cover=Cover(b"RIFF0000WEBP", "webp")))
    assert "covr" not in read(path).tags  # MP4 holds only JPEG and PNG covers


def test_formats_it_cannot_tag(tmp_path: Path) -> None:
    with pytest.raises(TaggingError, match=r"cannot write tags into \.flac"):
        write_tags(tmp_path / "x.flac", "flac", TAGS)
    garbage = tmp_path / "not-really.mp3"
    garbage.write_bytes(b"\xff\xfb" + b"\x00" * 10)  # looks like MPEG for two bytes
    with pytest.raises(TaggingError, match="could not be written"):
        write_tags(garbage, "mp3", TAGS)


@pytest.mark.parametrize(
    ("head", "hint", "expected"),
    [
        (b"ID3\x04\x00", None, "mp3"),
        (b"\xff\xf3p\xc0", None, "mp3"),
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", None, "wav"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", None, "webp"),
        (b"\x00\x00\x00\x1cftypM4A \x00", None, "m4a"),
        (b"\x00\x00\x00\x20ftypisom\x00", None, "mp4"),
        (b"\x00\x00\x00\x20ftypisom\x00", "m4a", "m4a"),  # audio-only mp4 the provider calls m4a
        (b"fLaC\x00", None, "flac"),
        (b"OggS\x00", None, "ogg"),
        (b"\xff\xd8\xff\xe0", None, "jpg"),
        (b"\x89PNG\r\n\x1a\n", None, "png"),
        (b"GIF89a", None, "gif"),
        (b"<html>", "mp3", None),  # a declared format never overrides the bytes
        (b"", None, None),
    ],
)
def test_sniff_format(head: bytes, hint: str | None, expected: str | None) -> None:
    assert sniff_format(head, hint=hint) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("tone.mp3", "mp3"), ("tone.wav", "wav"), ("tone.m4a", "m4a"), ("clip.mp4", "mp4")],
)
def test_the_demo_media_is_recognised(name: str, expected: str) -> None:
    assert sniff_file(MEDIA_DIR / name) == expected
    assert sniff_file(MEDIA_DIR / "cover-2.jpg") == "jpg"
