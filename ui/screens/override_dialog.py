"""When the backlog is too large, a supervisor may let new applications continue, with a reason."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.i18n import N_
from ui.screens.supervisor_dialog import SupervisorDialog


class OverrideDialog(SupervisorDialog):
    def __init__(self, explanation: str, parent: QWidget | None = None) -> None:
        super().__init__(
            N_("New applications are paused"),
            [
                explanation,
                N_(
                    "A supervisor can let new applications continue for the rest of today. "
                    "Export the waiting records to a USB drive soon (Outbox)."
                ),
            ],
            ask_reason=True,
            reason_hint=N_("for example: no network at this site today"),
            parent=parent,
        )
