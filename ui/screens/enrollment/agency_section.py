"""Agency verifications on step 3: an agency (Probation, DSS, NYCHA...) confirmed the applicant's
identity or residency, so fewer documents are needed. Ticked boxes go to the flow; the record
keeps none of their names."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from kiosk.enrollment import FlowState
from kiosk.i18n import N_
from kiosk.rules import Program
from ui.screens.enrollment.fields import set_checked
from ui.widgets.common import heading


class AgencySection(QWidget):
    def __init__(
        self, on_change: Callable[[Sequence[str]], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._on_change = on_change
        self._program_id = ""
        self.boxes: dict[str, QCheckBox] = {}
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.addWidget(heading(N_("Verified by an agency"), 2))

    def _build(self, program: Program) -> None:
        for box in self.boxes.values():
            box.setParent(None)
            box.deleteLater()
        self.boxes.clear()
        for agency in program.agency_verifications:
            box = QCheckBox(agency.name)
            box.setAccessibleName(f"Agency verification: {agency.name}")
            box.toggled.connect(self._on_box_toggled)
            self.boxes[agency.id] = box
            self._column.addWidget(box)
        self._program_id = program.id
        self.setVisible(bool(self.boxes))

    def _on_box_toggled(self, _checked: bool) -> None:
        self._on_change([agency for agency, box in self.boxes.items() if box.isChecked()])

    def show_state(self, state: FlowState, program: Program) -> None:
        if program.id != self._program_id:
            self._build(program)
        chosen = set(state.application.agency_verifications)
        for agency, box in self.boxes.items():
            set_checked(box, agency in chosen)

    def clear(self) -> None:
        for box in self.boxes.values():
            set_checked(box, False)
