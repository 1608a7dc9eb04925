"""The app's one player: QMediaPlayer + QAudioOutput behind typed signals (Picard's pattern).
Starting a clip stops the previous one. Without QtMultimedia the app still runs: the player
reports that playback is unavailable instead of failing."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Q_ARG, QMetaObject, QObject, Qt, QUrl, Signal

from gui.i18n import translate

log = logging.getLogger(__name__)

try:  # QtMultimedia lives in PySide6-Addons and needs libpulse; degrade when it is missing
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
except ImportError as error:  # pragma: no cover - exercised only on a broken install
    QMediaPlayer = None  # type: ignore[assignment, misc]
    QAudioOutput = None  # type: ignore[assignment, misc]
    _MISSING_MULTIMEDIA = str(error)
else:
    _MISSING_MULTIMEDIA = ""


def _unavailable() -> str:
    """Why nothing can play ("" when playback works); worded when asked, in the user's language."""
    if not _MISSING_MULTIMEDIA:
        return ""
    return translate(
        "Player", "Playback is unavailable: QtMultimedia could not be loaded ({error})."
    ).format(error=_MISSING_MULTIMEDIA)


@dataclass(frozen=True, slots=True)
class PlayItem:
    provider: str
    task_id: str
    clip_index: int
    clip_id: str | None
    title: str
    source: str  # a URL, or a local file path
    is_preview: bool = False
    is_local: bool = False

    @property
    def task_key(self) -> tuple[str, str]:
        return (self.provider, self.task_id)


class Player(QObject):
    item_changed = Signal(object)  # PlayItem | None
    playing_changed = Signal(bool)
    position_changed = Signal(int)  # ms
    duration_changed = Signal(int)  # ms
    error = Signal(str)  # a sentence for the user
    ended = Signal(object)  # PlayItem: played to its end

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._item: PlayItem | None = None
        self._pending_position = 0
        self._player = None
        self._output = None
        if QMediaPlayer is not None and QAudioOutput is not None:
            self._player = QMediaPlayer(self)
            self._output = QAudioOutput(self)
            self._player.setAudioOutput(self._output)
            self._output.setVolume(0.8)
            self._player.positionChanged.connect(lambda ms: self.position_changed.emit(int(ms)))
            self._player.durationChanged.connect(lambda ms: self.duration_changed.emit(int(ms)))
            self._player.playbackStateChanged.connect(self._state_changed)
            self._player.errorOccurred.connect(self._failed)
            self._player.mediaStatusChanged.connect(self._status_changed)

    @property
    def available(self) -> bool:
        return self._player is not None

    @property
    def unavailable_reason(self) -> str:
        return _unavailable()

    @property
    def item(self) -> PlayItem | None:
        return self._item

    @property
    def is_playing(self) -> bool:
        return self._player is not None and (
            self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        )

    @property
    def position(self) -> int:
        return int(self._player.position()) if self._player is not None else 0

    @property
    def duration(self) -> int:
        return int(self._player.duration()) if self._player is not None else 0

    def play(self, item: PlayItem, start_ms: int = 0) -> None:
        if self._player is None:
            self.error.emit(_unavailable())
            return
        _call(self._player, "stop")  # one player for the whole app: the previous clip stops
        self._item = item
        self._pending_position = start_ms
        self._player.setSource(_as_url(item.source))  # PySide releases the GIL for this one
        _call(self._player, "play")
        self.item_changed.emit(item)

    def swap_source(self, item: PlayItem) -> None:
        """The final file replaced the preview: continue from the same place."""
        if self._player is None or self._item is None:
            return
        position = self._player.position()
        was_playing = self.is_playing
        # Stop before setting the pending position, as play() does: stopping reports the old
        # media as loaded again, which would take the position and the new file start at 0.
        _call(self._player, "stop")
        self._item = item
        self._pending_position = position
        self._player.setSource(_as_url(item.source))
        if was_playing:
            _call(self._player, "play")
        self.item_changed.emit(item)

    def toggle(self) -> None:
        if self._player is None or self._item is None:
            return
        _call(self._player, "pause" if self.is_playing else "play")

    def stop(self) -> None:
        if self._player is not None:
            _call(self._player, "stop")
        self._item = None
        self.item_changed.emit(None)

    def seek(self, ms: int) -> None:
        if self._player is not None:
            _call(self._player, "setPosition", Q_ARG("qint64", max(ms, 0)))

    def set_volume(self, fraction: float) -> None:
        if self._output is not None:
            _call(self._output, "setVolume", Q_ARG("float", min(max(fraction, 0.0), 1.0)))

    def volume(self) -> float:
        return float(self._output.volume()) if self._output is not None else 0.0

    # --- Qt callbacks --------------------------------------------------------------------

    def _state_changed(self, _state: object) -> None:
        self.playing_changed.emit(self.is_playing)

    def _status_changed(self, status: object) -> None:
        if self._player is None:
            return
        loaded = (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia)
        if status in loaded and self._pending_position:
            _call(self._player, "setPosition", Q_ARG("qint64", self._pending_position))
            self._pending_position = 0
        if status == QMediaPlayer.MediaStatus.EndOfMedia and self._item is not None:
            self.ended.emit(self._item)

    def _failed(self, error: object, detail: str) -> None:
        self.error.emit(playback_error_words(error, detail, self._item))


def playback_error_words(error: object, detail: str, item: PlayItem | None) -> str:
    if item:
        what = translate("Player", "“{title}”").format(title=item.title)
    else:
        what = translate("Player", "This clip")
    detail_or_none = detail or translate("Player", "no detail")
    if QMediaPlayer is not None:
        kind = QMediaPlayer.Error
        if error == kind.ResourceError:
            if "403" in detail or "404" in detail or "410" in detail or "Forbidden" in detail:
                return translate(
                    "Player",
                    "{what} could not be played: the link has expired. "
                    "Check the task again for a fresh one.",
                ).format(what=what)
            # FFmpeg says only "Could not open file" when a link answers 403 on first opening:
            # for a web link, expiry is the likeliest cause and the user needs to hear it.
            if item is not None and item.source.startswith(("http://", "https://")):
                return translate(
                    "Player",
                    "{what} could not be played: the link could not be opened; it may have "
                    "expired, or the server is unreachable. Check the task again for a fresh one.",
                ).format(what=what)
            if item is not None and not Path(item.source).is_file():
                return translate(
                    "Player", "{what} could not be played: the file {path} is missing."
                ).format(what=what, path=item.source)
            return translate(
                "Player", "{what} could not be played: the file could not be opened ({detail})."
            ).format(what=what, detail=detail_or_none)
        if error == kind.FormatError:
            return translate(
                "Player", "{what} could not be played: its format is not supported ({detail})."
            ).format(what=what, detail=detail_or_none)
        if error == kind.NetworkError:
            return translate(
                "Player", "{what} could not be played: the network failed ({detail})."
            ).format(what=what, detail=detail_or_none)
    return translate("Player", "{what} could not be played: {detail}.").format(
        what=what, detail=detail or translate("Player", "unknown error")
    )


def _call(target: QObject, slot: str, *args: Any) -> None:
    """Call a QtMultimedia slot without holding the GIL (a direct, synchronous call).

    QtMultimedia's FFmpeg threads destroy their objects while holding a Qt lock, then call back
    into our Python-made QAudioOutput, which needs the GIL. A plain binding call such as
    QMediaPlayer.stop() keeps the GIL while it waits for that lock: a deadlock, the window frozen
    for good (reproduced within seconds with a few players starting and stopping clips).
    invokeMethod releases the GIL during the call; PySide does so by itself for setSource only.
    """
    QMetaObject.invokeMethod(target, slot, Qt.ConnectionType.DirectConnection, *args)


def _as_url(source: str) -> QUrl:
    if source.startswith(("http://", "https://")):
        return QUrl(source)
    return QUrl.fromLocalFile(str(Path(source)))
