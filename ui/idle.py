"""Notices when nobody has touched the kiosk for a while, so the screen can lock itself."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleWatcher(QObject):
    idle_timed_out = Signal()

    def __init__(self, app: QApplication, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self.idle_timed_out)
        app.installEventFilter(self)

    def set_timeout_ms(self, timeout_ms: int) -> None:
        self._timer.setInterval(timeout_ms)
        if self._timer.isActive():
            self._timer.start()

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False

    def shutdown(self) -> None:
        self._timer.stop()
        self._app.removeEventFilter(self)
