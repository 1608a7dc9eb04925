"""Plain-text summaries of snapshots for the terminal, in the user's language (gui.i18n);
`--json` output is never translated."""

from __future__ import annotations

from datetime import datetime

from gui.domain.durations import format_duration
from gui.domain.model import Clip, ClipKind, TaskSnapshot
from gui.domain.wording import localize
from gui.i18n import translate
from gui.providers import get_provider


def localized(text: str) -> str:
    """A sentence of the core (an error, a problem) in the user's language."""
    return localize(text, translate)


def format_moment(moment: datetime | None) -> str | None:
    return moment.strftime("%Y-%m-%d %H:%M:%S %Z").strip() if moment else None


def summary(snapshot: TaskSnapshot) -> str:
    provider = get_provider(snapshot.provider)
    head = translate("Terminal", "{provider} task {id}: {state}").format(
        provider=provider.name,
        id=snapshot.task_id,
        state=translate("TaskState", snapshot.state.label),
    )
    if snapshot.provider_status:
        head += translate("Terminal", " ({status})").format(status=snapshot.provider_status)
    if snapshot.progress is not None and not snapshot.state.is_terminal:
        head += f", {snapshot.progress:.0%}"
    lines = [head]
    times = [
        f"{label} {text}"
        for label, text in (
            (translate("Terminal", "created"), format_moment(snapshot.created_at)),
            (translate("Terminal", "finished"), format_moment(snapshot.finished_at)),
        )
        if text
    ]
    if times:
        lines.append("  " + translate("Terminal", ", ").join(times))
    if snapshot.error:
        reason = localized(snapshot.error.message)
        lines.append("  " + translate("Terminal", "reason: {reason}").format(reason=reason))
        extra = [
            f"{label} {value}"
            for label, value in (
                (translate("Terminal", "code"), snapshot.error.code),
                (translate("Terminal", "trace id"), snapshot.error.trace_id),
            )
            if value
        ]
        if extra:
            lines.append("  " + translate("Terminal", ", ").join(extra))
    if snapshot.credits_refunded:
        lines.append("  " + translate("Terminal", "the credits for this task were refunded"))
    for number, clip in enumerate(snapshot.clips, start=1):
        lines.extend(_clip_lines(number, clip))
    return "\n".join(lines)


def _clip_lines(number: int, clip: Clip) -> list[str]:
    parts = [clip.title or clip.id or translate("Terminal", "(untitled)")]
    parts += [p for p in (format_duration(clip.duration), clip.tags, clip.model_label) if p]
    if clip.kind is not ClipKind.SONG:
        kind = {
            ClipKind.STEM: translate("Terminal", "stem"),
            ClipKind.LYRICS: translate("Terminal", "lyrics"),
            ClipKind.VIDEO: translate("Terminal", "video"),
            ClipKind.IMAGE: translate("Terminal", "image"),
        }.get(clip.kind, clip.kind.value)
        parts.insert(0, f"[{kind}]")
    lines = [f"  {number}. " + " · ".join(parts)]
    for label, link in (
        (translate("Terminal", "audio"), clip.audio_url),
        (translate("Terminal", "preview"), clip.stream_url),
        (translate("Terminal", "cover"), clip.image_url),
        (translate("Terminal", "video"), clip.video_url),
    ):
        if link:
            lines.append(f"     {label}: {link}")
    if clip.kind is ClipKind.LYRICS and clip.lyrics:
        lines.extend("     " + line for line in clip.lyrics.splitlines())
    return lines
