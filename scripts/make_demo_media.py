"""Generate the small demo media files the fake provider serves (resources/demo/).

The audio and the cover art are synthesised here in pure Python (a soft A-major chord, two
drawn covers); ffmpeg (Debian package `ffmpeg`) only encodes them to MP3/M4A/JPEG/MP4.
The app and the tests never need ffmpeg: they use the committed output files.

    python scripts/make_demo_media.py [--out resources/demo]
"""

from __future__ import annotations

import argparse
import math
import shutil
import struct
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

SAMPLE_RATE = 16_000  # keeps the WAV small (~128 kB for 4 s mono) yet pleasant
SECONDS = 4.0
COVER_SIZE = 256
REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "resources" / "demo"
# Flags that keep ffmpeg from writing encoder versions/dates, so reruns change as little as possible.
BITEXACT = ["-map_metadata", "-1", "-fflags", "+bitexact", "-flags", "+bitexact"]


def chord_samples() -> list[int]:
    """A gently arpeggiated A-major chord with a soft attack and a long release."""
    notes = [220.0, 277.18, 329.63, 440.0]  # A3 C#4 E4 A4
    onsets = [0.0, 0.25, 0.5, 0.75]
    total = int(SAMPLE_RATE * SECONDS)
    out: list[int] = []
    for n in range(total):
        t = n / SAMPLE_RATE
        value = 0.0
        for freq, onset in zip(notes, onsets, strict=True):
            if t < onset:
                continue
            local = t - onset
            attack = min(1.0, local / 0.04)
            decay = math.exp(-local * 0.9)
            # a little second harmonic makes it sound like an electric piano, not a test tone
            tone = math.sin(2 * math.pi * freq * t) + 0.25 * math.sin(4 * math.pi * freq * t)
            value += attack * decay * tone
        fade_out = min(1.0, (SECONDS - t) / 0.3)
        out.append(int(max(-1.0, min(1.0, value * 0.18 * fade_out)) * 32767))
    return out


def write_wav(path: Path, samples: list[int]) -> None:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(struct.pack(f"<{len(samples)}h", *samples))


def _lerp(a: tuple[int, int, int], b: tuple[int, int, int], f: float) -> tuple[int, int, int]:
    return (
        int(a[0] + (b[0] - a[0]) * f),
        int(a[1] + (b[1] - a[1]) * f),
        int(a[2] + (b[2] - a[2]) * f),
    )


def synthwave_cover(x: int, y: int) -> tuple[int, int, int]:
    """Sunset sky, a striped sun and a perspective grid."""
    s = COVER_SIZE
    horizon = int(s * 0.62)
    if y < horizon:
        sky = _lerp((30, 10, 60), (255, 90, 120), y / horizon)
        cx, cy, r = s / 2, horizon, s * 0.28
        inside = (x - cx) ** 2 + (y - cy) ** 2 < r * r
        stripe = y > horizon - r * 0.6 and (y // 6) % 2 == 0
        if inside and not stripe:
            return _lerp((255, 220, 80), (255, 80, 140), (y - (cy - r)) / r)
        return sky
    depth = (y - horizon) / (s - horizon)
    line_h = abs(math.sin(1.0 / (depth + 0.05) * 3.0)) < 0.12
    line_v = abs(((x - s / 2) / (depth + 0.15)) % 40) < 2.5
    return (255, 60, 200) if line_h or line_v else _lerp((20, 5, 40), (60, 10, 80), depth)


def ocean_cover(x: int, y: int) -> tuple[int, int, int]:
    """Deep blue water with concentric ripples and a warm glow."""
    s = COVER_SIZE
    base = _lerp((10, 40, 90), (0, 150, 170), y / s)
    d = math.hypot(x - s * 0.35, y - s * 0.4)
    ripple = 0.5 + 0.5 * math.sin(d / 7.0)
    glow = max(0.0, 1.0 - d / (s * 0.5))
    r, g, b = _lerp(base, (250, 200, 120), glow * 0.6)
    shade = 0.8 + 0.2 * ripple
    return (min(255, int(r * shade)), min(255, int(g * shade)), min(255, int(b * shade)))


def write_ppm(path: Path, pixel: object) -> None:
    assert callable(pixel)
    rows = bytearray()
    for y in range(COVER_SIZE):
        for x in range(COVER_SIZE):
            rows.extend(pixel(x, y))
    path.write_bytes(b"P6 %d %d 255\n" % (COVER_SIZE, COVER_SIZE) + bytes(rows))


def ffmpeg(*args: str) -> None:
    cmd = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", *args]
    subprocess.run(cmd, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    out: Path = args.out
    if shutil.which("ffmpeg") is None:
        print("ffmpeg is needed to encode the demo media: apt-get install ffmpeg", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    wav = out / "tone.wav"
    write_wav(wav, chord_samples())
    ffmpeg(
        "-i",
        str(wav),
        *BITEXACT,
        "-codec:a",
        "libmp3lame",
        "-ar",
        "22050",
        "-ac",
        "1",
        "-b:a",
        "48k",
        "-id3v2_version",
        "0",
        "-write_xing",
        "1",
        str(out / "tone.mp3"),
    )
    ffmpeg(
        "-i",
        str(wav),
        *BITEXACT,
        "-codec:a",
        "aac",
        "-b:a",
        "32k",
        "-ac",
        "1",
        str(out / "tone.m4a"),
    )
    with tempfile.TemporaryDirectory() as tmp:
        for name, pixel in (("cover-1", synthwave_cover), ("cover-2", ocean_cover)):
            ppm = Path(tmp) / f"{name}.ppm"
            write_ppm(ppm, pixel)
            ffmpeg(
                "-i", str(ppm), *BITEXACT, "-q:v", "5", "-frames:v", "1", str(out / f"{name}.jpg")
            )
    # A 2-second still-image clip: real H.264 so a video player accepts it, yet tiny.
    ffmpeg(
        "-loop",
        "1",
        "-framerate",
        "2",
        "-t",
        "2",
        "-i",
        str(out / "cover-1.jpg"),
        "-i",
        str(out / "tone.m4a"),
        *BITEXACT,
        "-vf",
        "scale=128:128,format=yuv420p",
        "-codec:v",
        "libx264",
        "-preset",
        "veryslow",
        "-crf",
        "32",
        "-codec:a",
        "copy",
        "-shortest",
        "-movflags",
        "+faststart",
        str(out / "clip.mp4"),
    )
    total = 0
    for path in sorted(out.iterdir()):
        total += path.stat().st_size
        print(f"{path.name:12} {path.stat().st_size:>7} bytes")
    print(f"{'total':12} {total:>7} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
