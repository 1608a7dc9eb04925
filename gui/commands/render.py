"""Plain-text summaries of snapshots for the terminal."""

from __future__ import annotations

from datetime import datetime

from gui.domain.durations import format_duration
from gui.domain.model import Clip, ClipKind, TaskSnapshot
from gui.providers import get_provider


def format_moment(moment: datetime | None) -> str | None:
    return moment.strftime("%Y-%m-%d %H:%M:%S %Z").strip() if moment else None


def summary(snapshot: TaskSnapshot) -> str:
    provider = get_provider(snapshot.provider)
    head = f"{provider.name} task {snapshot.task_id}: {snapshot.state.label}"
    if snapshot.provider_status:
        head += f" ({snapshot.provider_status})"
    if snapshot.progress is not None and not snapshot.state.is_terminal:
        head += f", {snapshot.progress:.0%}"
    lines = [head]
    times = [
        f"{label} {text}"
        for label, text in (
            ("created", format_moment(snapshot.created_at)),
            ("finished", format_moment(snapshot.finished_at)),
        )
        if text
    ]
    if times:
        lines.append("  " + ", ".join(times))
    if snapshot.error:
        lines.append(f"  reason: {snapshot.error.message}")
        extra = [
            f"{label} {value}"
            for label, value in (
                ("code", snapshot.error.code),
                ("trace id", snapshot.error.trace_id),
            )
            if value
        ]
        if extra:
            lines.append("  " + ", ".join(extra))
    if snapshot.credits_refunded:
        lines.append("  the credits for this task were refunded")
    for number, clip in enumerate(snapshot.clips, start=1):
        lines.extend(_clip_lines(number, clip))
    return "\n".join(lines)


def _clip_lines(number: int, clip: Clip) -> list[str]:
    parts = [clip.title or clip.id or "(untitled)"]
    parts += [p for p in (format_duration(clip.duration), clip.tags, clip.model_label) if p]
    if clip.kind is not ClipKind.SONG:
        parts.insert(0, f"[{clip.kind.value}]")
    lines = [f"  {number}. " + " · ".join(parts)]
    for label, link in (
        ("audio", clip.audio_url),
        ("preview", clip.stream_url),
        ("cover", clip.image_url),
        ("video", clip.video_url),
    ):
        if link:
            lines.append(f"     {label}: {link}")
    if clip.kind is ClipKind.LYRICS and clip.lyrics:
        lines.extend("     " + line for line in clip.lyrics.splitlines())
    return lines
