"""The transport at the bottom of the window: what is playing, play/pause, seek, volume,
previous/next clip, compare the variations, star the keeper."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStyle,
    QToolButton,
    QWidget,
)

from gui.domain.durations import format_duration
from gui.ui.appearance import set_tone
from gui.ui.elided_label import ElidedLabel
from gui.ui.player import Player, PlayItem
from gui.ui.tinted_icons import standard_icon


def time_text(position_ms: int, duration_ms: int) -> str:
    position = format_duration(position_ms / 1000) or "0:00"
    duration = format_duration(duration_ms / 1000) if duration_ms > 0 else "–:––"
    return f"{position} / {duration}"


class PlayerBar(QWidget):
    previous_requested = Signal()
    next_requested = Signal()
    compare_requested = Signal()
    star_requested = Signal()

    def __init__(self, player: Player, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player = player
        self._seeking = False
        # Which standard icon each shows: drawn again in the text colour when the palette changes.
        self._icons: dict[QWidget, QStyle.StandardPixmap] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.previous_button = QToolButton()
        self.previous_button.setToolTip(self.tr("Previous clip"))
        self.play_button = QToolButton()
        self.play_button.setObjectName("playPause")
        self.play_button.setToolTip(self.tr("Play / pause (Space)"))
        self.next_button = QToolButton()
        self.next_button.setToolTip(self.tr("Next clip"))
        self.now_playing = ElidedLabel(self.tr("Nothing playing"), minimum_width=120)
        self.now_playing.setObjectName("nowPlaying")
        self.now_playing.setTextFormat(Qt.TextFormat.PlainText)
        self.seek_slider = QSlider(Qt.Orientation.Horizontal)
        self.seek_slider.setObjectName("seekSlider")
        self.seek_slider.setRange(0, 0)
        self.time_label = QLabel(time_text(0, 0))
        self.time_label.setObjectName("timeLabel")
        self.compare_button = QPushButton(self.tr("Compare A/B"))
        self.compare_button.setToolTip(
            self.tr("Switch to the other variation at the same position")
        )
        self.star_button = QPushButton(self.tr("☆ Keeper"))
        self.star_button.setCheckable(True)
        self.star_button.setToolTip(self.tr("Mark this variation as the one to keep"))
        self.volume_slider = QSlider(Qt.Orientation.Horizontal)
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setValue(round(player.volume() * 100) or 80)
        self.volume_slider.setMaximumWidth(90)
        self.volume_slider.setToolTip(self.tr("Volume"))
        for widget in (self.previous_button, self.play_button, self.next_button):
            layout.addWidget(widget)
        layout.addWidget(self.now_playing)
        layout.addWidget(self.seek_slider, 1)
        layout.addWidget(self.time_label)
        layout.addWidget(self.compare_button)
        layout.addWidget(self.star_button)
        volume_icon = QLabel()
        volume_icon.setObjectName("volumeIcon")
        self.autoplay_button = QToolButton()
        self.autoplay_button.setObjectName("autoplayNext")
        self.autoplay_button.setText(self.tr("Autoplay"))
        self.autoplay_button.setCheckable(True)
        self.autoplay_button.setToolTip(
            self.tr(
                "Autoplay next: when a clip ends, play the task's next result (off: stop there)"
            )
        )
        layout.addWidget(self.autoplay_button)
        self.volume_icon = volume_icon
        self._icons.update(
            {
                self.previous_button: QStyle.StandardPixmap.SP_MediaSkipBackward,
                self.play_button: QStyle.StandardPixmap.SP_MediaPlay,
                self.next_button: QStyle.StandardPixmap.SP_MediaSkipForward,
                volume_icon: QStyle.StandardPixmap.SP_MediaVolume,
            }
        )
        self._paint_icons()
        layout.addWidget(volume_icon)
        layout.addWidget(self.volume_slider)
        # Without a sound output the volume means nothing: say why nothing is heard instead.
        self.no_sound_label = QLabel(self.tr("No sound"))  # beside the muted icon
        self.no_sound_label.setObjectName("noSoundOutput")
        self.no_sound_label.setStyleSheet("font-weight: bold;")
        set_tone(self.no_sound_label, "error")
        self.no_sound_label.setToolTip(
            self.tr(
                "This machine has no sound output (no sound card or sound server): clips play "
                "silently. Connect one, or start the sound server, to hear them."
            )
        )
        self.no_sound_label.setVisible(False)
        layout.addWidget(self.no_sound_label)

        self.play_button.clicked.connect(player.toggle)
        self.previous_button.clicked.connect(self.previous_requested.emit)
        self.next_button.clicked.connect(self.next_requested.emit)
        self.compare_button.clicked.connect(self.compare_requested.emit)
        self.star_button.clicked.connect(self.star_requested.emit)
        self.volume_slider.valueChanged.connect(lambda v: player.set_volume(v / 100))
        self.seek_slider.sliderPressed.connect(self._start_seek)
        self.seek_slider.sliderReleased.connect(self._end_seek)
        player.position_changed.connect(self._position)
        player.duration_changed.connect(self._duration)
        player.playing_changed.connect(self._playing)
        player.item_changed.connect(self._item)
        self._item(None)
        if not player.available:
            self.now_playing.setText(player.unavailable_reason)
            self.setEnabled(False)

    def _paint_icons(self) -> None:
        # The bar's own palette: on a light/dark switch the bar hears of it before its buttons.
        palette = self.palette()
        for widget, which in self._icons.items():
            role = QPalette.ColorRole.ButtonText
            if isinstance(widget, QLabel):
                role = QPalette.ColorRole.WindowText
            icon = standard_icon(widget, which, palette.color(role))
            if isinstance(widget, QToolButton):
                widget.setIcon(icon)
            elif isinstance(widget, QLabel):
                widget.setPixmap(icon.pixmap(16, 16))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._paint_icons()  # light <-> dark: the icons take the new text colour

    def set_sound_output(self, available: bool) -> None:
        self.no_sound_label.setVisible(not available)
        self.volume_slider.setVisible(available)
        # A drawn muted speaker: an emoji glyph is missing from many fonts.
        icon = (
            QStyle.StandardPixmap.SP_MediaVolume
            if available
            else QStyle.StandardPixmap.SP_MediaVolumeMuted
        )
        self._icons[self.volume_icon] = icon
        self._paint_icons()
        self.volume_icon.setToolTip("" if available else self.no_sound_label.toolTip())

    def set_compare_available(self, available: bool) -> None:
        self.compare_button.setEnabled(available)
        if available:
            tip = self.tr("Switch to the other variation at the same position")
        elif self.player.item is None:
            tip = self.tr("Play a song first: Compare A/B then switches between its variations")
        else:
            tip = self.tr("This task has only one variation: there is nothing to compare it with")
        self.compare_button.setToolTip(tip)

    def set_starred(self, starred: bool) -> None:
        self.star_button.setChecked(starred)
        self.star_button.setText(self.tr("★ Keeper") if starred else self.tr("☆ Keeper"))

    def _playing(self, playing: bool) -> None:
        icon = (
            QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        )
        self._icons[self.play_button] = icon
        self._paint_icons()
        self.play_button.setToolTip(
            self.tr("Pause (Space)") if playing else self.tr("Play (Space)")
        )

    def _item(self, item: PlayItem | None) -> None:
        has_item = item is not None
        for widget in (self.play_button, self.seek_slider, self.compare_button, self.star_button):
            widget.setEnabled(has_item)
        # A disabled button says why it is disabled.
        self.star_button.setToolTip(
            self.tr("Mark this variation as the one to keep")
            if has_item
            else self.tr("Play a variation first, then star it as the keeper")
        )
        self.set_compare_available(has_item)
        if item is None:
            self.now_playing.setText(self.tr("Nothing playing"))
            self.time_label.setText(time_text(0, 0))
            return
        if item.is_preview:
            text = self.tr("{title} — preview").format(title=item.title)
        elif item.is_local:
            text = self.tr("{title} — saved locally").format(title=item.title)
        else:
            text = item.title
        self.now_playing.setText(text)

    def _position(self, ms: int) -> None:
        if not self._seeking:
            self.seek_slider.setValue(ms)
        self.time_label.setText(time_text(ms, self.player.duration))

    def _duration(self, ms: int) -> None:
        self.seek_slider.setRange(0, max(ms, 0))
        self.time_label.setText(time_text(self.player.position, ms))

    def _start_seek(self) -> None:
        self._seeking = True

    def _end_seek(self) -> None:
        self._seeking = False
        self.player.seek(self.seek_slider.value())
