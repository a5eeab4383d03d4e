"""In kiosk mode, closing the kiosk needs a supervisor's user name and password."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.i18n import N_
from ui.screens.supervisor_dialog import SupervisorDialog


class QuitDialog(SupervisorDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            N_("Close the kiosk"),
            [N_("Only a supervisor can close the kiosk. This is recorded.")],
            parent=parent,
        )
