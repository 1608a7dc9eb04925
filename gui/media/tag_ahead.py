"""Tags written in front of an MP3 while it downloads, so that no audio byte is moved.

mutagen keeps an MP3's ID3v2 tag at the start of the file: tagging a complete 3 MB song that has
no tag (or one too small for ours) moves every audio byte to make room. Here the tag goes into
the part file as soon as its first HEAD_BYTES of audio are there (mutagen then moves only those,
and leaves padding), and the rest of the download is appended after it. A tag that came with the
file is waited for in full first (mutagen rewrites it). Other formats are tagged after the
download as before: WAV's `id3 ` chunk goes at the end of the file (nothing moves), and an M4A's
atoms live in its `moov` box, which mutagen only edits in a complete file.
"""

from __future__ import annotations

from pathlib import Path

from gui.media.tagging import TaggingError, TrackTags, sniff_file, write_tags

HEAD_BYTES = 64 * 1024  # enough MPEG frames for mutagen to read the stream's header
_ID3_HEADER = 10
_ID3V1_SIZE = 128


class TagAhead:
    """A `download_to_part` head hook: `tagged` says whether the tag is in the file now."""

    def __init__(self, tags: TrackTags) -> None:
        self._tags = tags
        self.tagged = False

    def __call__(self, part: Path, size: int, complete: bool) -> bool:
        if size < HEAD_BYTES and not complete:
            return False
        with part.open("rb") as handle:
            head = handle.read(_ID3_HEADER)
        if sniff_file(part) != "mp3":
            return True  # not an MP3: tagged after the download, where its format wants it
        if size < _existing_tag_end(head) + HEAD_BYTES and not complete:
            return False  # the file's own tag is not all here yet
        try:
            write_tags(part, "mp3", self._tags)
        except TaggingError:
            return True  # tagged after the download instead, which reports the problem
        self.tagged = True
        return True


def needs_tagging_after(part: Path, ahead: TagAhead | None) -> bool:
    """Whether the complete file must still be tagged: not tagged ahead, or it ends in an ID3v1
    tag, which mutagen keeps in step with the ID3v2 one (in place now: the padding is there)."""
    if ahead is None or not ahead.tagged:
        return True
    with part.open("rb") as handle:
        handle.seek(0, 2)
        if handle.tell() < _ID3V1_SIZE:
            return False
        handle.seek(-_ID3V1_SIZE, 2)
        return handle.read(3) == b"TAG"


def _existing_tag_end(head: bytes) -> int:
    """Where an ID3v2 tag at the start of the body ends (0 when there is none)."""
    if len(head) < _ID3_HEADER or not head.startswith(b"ID3"):
        return 0
    size = 0
    for byte in head[6:10]:  # a "syncsafe" integer: 7 bits per byte
        size = (size << 7) | (byte & 0x7F)
    footer = _ID3_HEADER if head[5] & 0x10 else 0
    return _ID3_HEADER + size + footer
