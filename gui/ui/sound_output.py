"""Whether this machine has a sound output. Without one, QtMultimedia still "plays" (the bar
runs, silently) and says so only on stderr; the window says it in words instead."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal

try:
    from PySide6.QtMultimedia import QMediaDevices
except ImportError:  # pragma: no cover - without QtMultimedia the player says so itself
    QMediaDevices = None  # type: ignore[assignment, misc]


def _system_outputs() -> Sequence[object]:
    return QMediaDevices.audioOutputs() if QMediaDevices is not None else [object()]


class SoundOutputs(QObject):
    changed = Signal(bool)  # whether there is at least one sound output now

    def __init__(
        self,
        outputs: Callable[[], Sequence[object]] = _system_outputs,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._outputs = outputs
        self._devices = QMediaDevices(self) if QMediaDevices is not None else None
        if self._devices is not None:
            # A headset plugged in, a sound server started: the window follows.
            self._devices.audioOutputsChanged.connect(self.refresh)
        self.available = bool(self._outputs())

    def refresh(self) -> None:
        self.available = bool(self._outputs())
        self.changed.emit(self.available)
