"""Tags inside exported files (mutagen): ID3 for MP3 and WAV, iTunes atoms for M4A/MP4.

Which format a file is comes from its first bytes, never from a URL or a provider's word: the
extension Tunewatch gives the file and the tagger it uses both follow `sniff_format`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import mutagen.id3
import mutagen.mp3
import mutagen.mp4
import mutagen.wave
from mutagen import MutagenError

from gui.domain.wording import QT_TRANSLATE_NOOP

# mutagen's functions carry no annotations; going through Any keeps strict mypy quiet here
# without switching its checks off for the rest of the file.
_id3: Any = mutagen.id3
_mp3: Any = mutagen.mp3
_mp4: Any = mutagen.mp4
_wave: Any = mutagen.wave

# Custom tags: TXXX descriptions in ID3, `----:com.tunewatch:<name>` freeform atoms in MP4.
PROVIDER_TAG = "TUNEWATCH_PROVIDER"
TASK_ID_TAG = "TUNEWATCH_TASK_ID"
CLIP_ID_TAG = "TUNEWATCH_CLIP_ID"
MODEL_TAG = "TUNEWATCH_MODEL"
MP4_FREEFORM_PREFIX = "----:com.tunewatch:"

AUDIO_FORMATS = ("mp3", "wav", "m4a", "flac", "ogg")
TAGGABLE_FORMATS = ("mp3", "wav", "m4a", "mp4")
CANNOT_TAG = QT_TRANSLATE_NOOP("Problems", "Tunewatch cannot write tags into .{suffix} files.")
TAGS_FAILED = QT_TRANSLATE_NOOP("Problems", "The tags could not be written ({reason}).")
IMAGE_MIME = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp", "gif": "image/gif"}
_M4A_BRANDS = (b"M4A ", b"M4B ", b"M4P ")


class TaggingError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class Cover:
    data: bytes
    image_format: str  # "jpg", "png", ... (see sniff_format)

    @property
    def mime(self) -> str:
        return IMAGE_MIME.get(self.image_format, "application/octet-stream")


@dataclass(frozen=True, slots=True)
class TrackTags:
    title: str | None = None
    artist: str | None = None
    album: str | None = None
    date: str | None = None  # "YYYY-MM-DD"
    genre: str | None = None  # the provider's style tags
    lyrics: str | None = None
    cover: Cover | None = None
    custom: tuple[tuple[str, str], ...] = ()  # (PROVIDER_TAG, "sunor"), ...


def sniff_format(head: bytes, *, hint: str | None = None) -> str | None:
    """The format of a file from its first bytes: "mp3", "wav", "m4a", "mp4", "flac", "ogg",
    "jpg", "png", "webp", "gif"; None when unknown. `hint` (a declared format) only settles
    what the bytes cannot: whether an MP4 container holds audio only (.m4a) or video."""
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp":
        if head[8:12] in _M4A_BRANDS:
            return "m4a"
        return "m4a" if hint == "m4a" else "mp4"
    if head.startswith(b"fLaC"):
        return "flac"
    if head.startswith(b"OggS"):
        return "ogg"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    return None


def sniff_file(path: Path, *, hint: str | None = None) -> str | None:
    with path.open("rb") as handle:
        return sniff_format(handle.read(64), hint=hint)


def write_tags(path: Path, file_format: str, tags: TrackTags) -> None:
    """Write `tags` into the file in place; raise TaggingError when that is not possible."""
    try:
        if file_format == "mp3":
            mp3 = _mp3.MP3(path)
            if mp3.tags is None:
                mp3.add_tags()
            _fill_id3(mp3.tags, tags)
            mp3.save()
        elif file_format == "wav":
            wave = _wave.WAVE(path)
            if wave.tags is None:
                wave.add_tags()
            _fill_id3(wave.tags, tags)
            wave.save()
        elif file_format in ("m4a", "mp4"):
            mp4 = _mp4.MP4(path)
            if mp4.tags is None:
                mp4.add_tags()
            _fill_mp4(mp4.tags, tags)
            mp4.save()
        else:
            raise TaggingError(CANNOT_TAG.format(suffix=file_format))
    except (MutagenError, OSError, ValueError) as error:
        raise TaggingError(TAGS_FAILED.format(reason=_plain(error))) from error


def _fill_id3(id3: Any, tags: TrackTags) -> None:
    utf8 = _id3.Encoding.UTF8
    for frame_id, cls, value in (
        ("TIT2", _id3.TIT2, tags.title),
        ("TPE1", _id3.TPE1, tags.artist),
        ("TALB", _id3.TALB, tags.album),
        ("TDRC", _id3.TDRC, tags.date),
        ("TCON", _id3.TCON, tags.genre),
    ):
        id3.delall(frame_id)
        if value:
            id3.add(cls(encoding=utf8, text=[value]))
    id3.delall("USLT")
    if tags.lyrics:
        id3.add(_id3.USLT(encoding=utf8, lang="eng", desc="", text=tags.lyrics))
    id3.delall("APIC")
    if tags.cover:
        id3.add(
            _id3.APIC(
                encoding=utf8,
                mime=tags.cover.mime,
                type=_id3.PictureType.COVER_FRONT,
                desc="Cover",
                data=tags.cover.data,
            )
        )
    for name, value in tags.custom:
        id3.delall(f"TXXX:{name}")
        id3.add(_id3.TXXX(encoding=utf8, desc=name, text=[value]))


def _fill_mp4(atoms: Any, tags: TrackTags) -> None:
    for key, value in (
        ("\xa9nam", tags.title),
        ("\xa9ART", tags.artist),
        ("\xa9alb", tags.album),
        ("\xa9day", tags.date),
        ("\xa9gen", tags.genre),
        ("\xa9lyr", tags.lyrics),
    ):
        atoms.pop(key, None)
        if value:
            atoms[key] = [value]
    atoms.pop("covr", None)
    cover_format = {"jpg": _mp4.MP4Cover.FORMAT_JPEG, "png": _mp4.MP4Cover.FORMAT_PNG}.get(
        tags.cover.image_format if tags.cover else ""
    )
    if tags.cover and cover_format is not None:
        atoms["covr"] = [_mp4.MP4Cover(tags.cover.data, imageformat=cover_format)]
    for name, value in tags.custom:
        atoms[MP4_FREEFORM_PREFIX + name] = [
            _mp4.MP4FreeForm(value.encode("utf-8"), dataformat=_mp4.AtomDataType.UTF8)
        ]


def _plain(error: Exception) -> str:
    return (str(error).strip() or type(error).__name__)[:200]
