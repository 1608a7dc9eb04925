"""Suno clip objects, as MountSea, sunor and crun pass them on (snake_case, camelCase, crun's
`suno_*` names), into Clips. Shared because all three gateways relay the same upstream object."""

from __future__ import annotations

from typing import Any

from gui.domain.model import Clip, ClipKind
from gui.domain.urls import is_placeholder_audio, is_stream_url
from gui.providers import fields

MAX_CLIPS = 50  # a task yields a handful; a payload with thousands is not trusted whole

_STREAMING_CLIP_STATES = frozenset({"streaming", "stream", "queued", "submitted", "running"})


def clips_from(value: Any) -> tuple[Clip, ...]:
    """A list of clip objects, a single clip object, or {clip: {...}} (crop/fade) → clips."""
    if isinstance(value, dict):
        if isinstance(value.get("clip"), dict):
            value = [value["clip"]]
        elif isinstance(value.get("clips"), list):
            value = value["clips"]
        elif isinstance(value.get("items"), list):  # image generation: {batch_id, items: [...]}
            value = value["items"]
        else:
            value = [value]
    if not isinstance(value, list):
        return ()
    clips = (suno_clip(item) for item in value[:MAX_CLIPS] if isinstance(item, dict))
    return tuple(clip for clip in clips if clip is not None)


def suno_clip(item: dict[str, Any]) -> Clip | None:
    meta = fields.obj(item.get("metadata"))
    audio = fields.url(
        fields.pick(item, "audio_url", "audioUrl", "suno_audio_url", "sunoAudioUrl", "url")
    )
    clip_status = (fields.text(item.get("status"), 32) or "").lower()
    stream: str | None = None
    if audio and is_placeholder_audio(audio):
        audio = None
    if audio and (is_stream_url(audio) or clip_status in _STREAMING_CLIP_STATES):
        stream, audio = audio, None
    stream = stream or fields.url(fields.pick(item, "stream_audio_url", "streamAudioUrl"))
    image = fields.url(
        fields.pick(
            item,
            "image_large_url",
            "imageLargeUrl",
            "suno_image_large_url",
            "image_url",
            "imageUrl",
            "suno_image_url",
        )
    )
    video = fields.url(fields.pick(item, "video_url", "videoUrl", "suno_video_url"))
    lyrics = fields.long_text(
        fields.pick(item, "lyrics", "prompt", "text")
        or fields.pick(meta, "prompt", "lyrics", "gpt_description_prompt")
    )
    clip = Clip(
        kind=ClipKind.SONG,
        id=fields.text(fields.pick(item, "id", "suno_id", "clip_id", "clipId", "audioId"), 128),
        title=fields.text(item.get("title")),
        audio_url=audio,
        stream_url=stream,
        image_url=image,
        video_url=video,
        duration=fields.duration(
            fields.pick(item, "duration")
            if item.get("duration") is not None
            else meta.get("duration")
        ),
        tags=fields.tags(fields.pick(item, "tags", "style") or meta.get("tags")),
        lyrics=lyrics,
        model_name=fields.text(
            fields.pick(item, "model_name", "modelName", "major_model_version"), 64
        ),
    )
    if not (clip.audio_url or clip.stream_url or clip.id or clip.title or clip.lyrics):
        # image generation items carry nothing but a picture
        return Clip(kind=ClipKind.IMAGE, image_url=image) if image else None
    if not (clip.audio_url or clip.stream_url) and clip.image_url and not clip.id:
        return Clip(kind=ClipKind.IMAGE, image_url=clip.image_url, title=clip.title)
    return clip


def has_only_previews(clips: tuple[Clip, ...]) -> bool:
    """True when there is audio to hear but none of it is a final file yet."""
    songs = [c for c in clips if c.kind is ClipKind.SONG]
    return bool(songs) and any(c.stream_url for c in songs) and not any(c.audio_url for c in songs)
