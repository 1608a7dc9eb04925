"""One clip in the detail pane: cover, title, facts, lyrics, and what can be done with it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gui.domain.durations import format_duration
from gui.domain.model import Clip, ClipKind
from gui.i18n import translate
from gui.ui.appearance import set_tone

COVER_SIZE = 88


def clip_facts(clip: Clip) -> str:
    """`2:00 · synthwave, dreamy · chirp-fenix (v5.5)` — whatever is known."""
    kind = {
        ClipKind.STEM: translate("ClipCard", "Stem: {name}").format(name=clip.stem or clip.title),
        ClipKind.LYRICS: translate("ClipCard", "Lyrics"),
        ClipKind.VIDEO: translate("ClipCard", "Video"),
        ClipKind.IMAGE: translate("ClipCard", "Image"),
    }.get(clip.kind)
    parts = [kind, format_duration(clip.duration), clip.tags, clip.model_label]
    if clip.audio_format:
        parts.append(clip.audio_format.upper())
    if clip.stream_url and not clip.audio_url:
        parts.append(translate("ClipCard", "preview only — the final file is not ready yet"))
    return " · ".join(p for p in parts if p)


def variation_words(clip: Clip, variation: tuple[int, int] | None) -> str:
    """`Variation 1/2 · clip 3f6c2a9e`, or just the clip when it has no siblings."""
    clip_part = (
        QCoreApplication.translate("ClipCard", "clip {id}").format(id=clip.id[:8])
        if clip.id
        else ""
    )
    if variation is None:
        return clip_part
    number = QCoreApplication.translate("ClipCard", "Variation {n}/{of}").format(
        n=variation[0], of=variation[1]
    )
    return f"{number} · {clip_part}" if clip_part else number


class ClipCard(QFrame):
    play_requested = Signal(object)  # Clip
    toggle_requested = Signal()  # pause or resume: this card's clip is the player's
    export_requested = Signal(object)  # Clip
    open_requested = Signal(object)  # Path of the saved file

    def __init__(
        self,
        clip: Clip,
        parent: QWidget | None = None,
        *,
        variation: tuple[int, int] | None = None,  # (n, of): this is variation n of `of`
    ) -> None:
        super().__init__(parent)
        self.clip = clip
        self.setObjectName("clipCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Cover beside the title and facts; everything else below at the card's full width, so
        # a narrow detail pane still shows every button (nothing is cut off sideways).
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.cover = QLabel()
        self.cover.setFixedSize(COVER_SIZE, COVER_SIZE)
        self.cover.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cover.setStyleSheet(
            "background: palette(mid); border-radius: 4px; color: palette(light);"
        )
        self.cover.setText("♪" if clip.kind is not ClipKind.LYRICS else "¶")
        self.cover.setVisible(clip.kind is not ClipKind.LYRICS)
        top.addWidget(self.cover, 0, Qt.AlignmentFlag.AlignTop)

        heading = QVBoxLayout()
        body = QVBoxLayout()
        self._title_text = clip.title or clip.id or self.tr("Untitled")
        title = QLabel(self._title_text)
        self.title_label = title
        title.setTextFormat(Qt.TextFormat.PlainText)  # titles come from the network: no markup
        title.setWordWrap(True)
        title.setStyleSheet("font-weight: bold;")
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        heading.addWidget(title)
        facts = QLabel(clip_facts(clip))
        facts.setTextFormat(Qt.TextFormat.PlainText)
        facts.setWordWrap(True)
        heading.addWidget(facts)
        # Variations of one task often share title and tags: number them, name the clip.
        self.variation_label = QLabel(variation_words(clip, variation))
        self.variation_label.setObjectName("variationLabel")
        self.variation_label.setWordWrap(True)  # beside the cover in a narrow pane
        self.variation_label.setTextFormat(Qt.TextFormat.PlainText)
        set_tone(self.variation_label, "muted")  # palette(dark) vanished on a dark palette
        self.variation_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.variation_label.setVisible(bool(self.variation_label.text()))
        heading.addWidget(self.variation_label)
        heading.addStretch(1)
        top.addLayout(heading, 1)
        outer.addLayout(top)
        self.saved_path: Path | None = None
        self.saved_label = QLabel()
        self.saved_label.setTextFormat(Qt.TextFormat.PlainText)
        self.saved_label.setObjectName("savedLabel")
        set_tone(self.saved_label, "ok")
        self.saved_label.setWordWrap(True)
        self.saved_label.setVisible(False)
        self.open_button = QPushButton(self.tr("Show file"))
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(lambda: self.open_requested.emit(self.saved_path))
        saved_row = QHBoxLayout()
        saved_row.addWidget(self.saved_label, 1)
        saved_row.addWidget(self.open_button)
        body.addLayout(saved_row)
        self.playing_label = QLabel()
        self.playing_label.setTextFormat(Qt.TextFormat.PlainText)
        self.playing_label.setObjectName("playingLabel")
        self.playing_label.setStyleSheet("font-weight: bold;")
        set_tone(self.playing_label, "accent")
        self.playing_label.setVisible(False)
        body.addWidget(self.playing_label)

        buttons = QHBoxLayout()
        self._play_words = (
            self.tr("▶ Play preview") if clip.stream_url and not clip.audio_url else self.tr("▶ Play")
        )
        self._sounding = False  # this clip is loaded in the player and not paused
        self._loaded = False  # this clip is the player's (playing or paused)
        self.play_button = QPushButton(self._play_words)
        self.play_button.setObjectName("clipPlayButton")
        self.play_button.setEnabled(clip.playable_url is not None)
        self.play_button.clicked.connect(self._play_clicked)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setEnabled(bool(clip.audio_url or clip.lyrics or clip.video_url))
        self.export_button.clicked.connect(lambda: self.export_requested.emit(self.clip))
        if clip.kind is not ClipKind.LYRICS:
            buttons.addWidget(self.play_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        body.addLayout(buttons)

        if clip.lyrics:
            lyrics = QPlainTextEdit(clip.lyrics)
            lyrics.setReadOnly(True)  # selectable and copyable, never editable
            lyrics.setMaximumHeight(220 if clip.kind is ClipKind.LYRICS else 120)
            lyrics.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            body.addWidget(lyrics)
        outer.addLayout(body)

    def set_cover(self, pixmap: QPixmap) -> None:
        self.cover.setPixmap(
            pixmap.scaled(
                COVER_SIZE,
                COVER_SIZE,
                Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def set_keeper(self, keeper: bool) -> None:
        self.title_label.setText(("★ " if keeper else "") + self._title_text)
        self.title_label.setToolTip(self.tr("Starred as the keeper") if keeper else "")

    def set_playing(self, text: str | None, *, paused: bool = False) -> None:
        """`text` says this card's clip is the player's; the button then pauses or resumes it
        instead of starting it again."""
        self._loaded = text is not None
        self._sounding = self._loaded and not paused
        if self._sounding:
            self.play_button.setText(self.tr("❚❚ Pause"))
        elif self._loaded:
            self.play_button.setText(self.tr("▶ Resume"))
        else:
            self.play_button.setText(self._play_words)
        self.playing_label.setText(text or "")
        self.playing_label.setVisible(bool(text))
        self.setStyleSheet("#clipCard { border: 2px solid palette(highlight); }" if text else "")

    def _play_clicked(self) -> None:
        if self._loaded:
            self.toggle_requested.emit()
        else:
            self.play_requested.emit(self.clip)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.clip.playable_url:
            self.play_requested.emit(self.clip)
        event.accept()

    def set_saved(self, text: str | None, path: Path | None = None) -> None:
        self.saved_label.setText(text or "")
        self.saved_label.setVisible(bool(text))
        self.saved_path = path
        self.open_button.setVisible(path is not None)
