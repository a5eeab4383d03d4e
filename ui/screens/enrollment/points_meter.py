"""The live points meter on step 3: identity x/3, residency x/1, photo ID, date of birth.

Shows the engine's verdict as it is; the suggestions are the rules engine's own sentences.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.enrollment import FlowState
from kiosk.i18n import N_
from ui.widgets.common import heading, paragraph


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


class PointsMeter(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pointsMeter")
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 12, 16, 12)
        column.addWidget(heading(N_("Documents so far"), 2))
        grid = QGridLayout()
        self.identity = QLabel()
        self.residency = QLabel()
        self.photo_id = QLabel()
        self.dob = QLabel()
        for i, label in enumerate((self.identity, self.residency, self.photo_id, self.dob)):
            label.setObjectName("meterValue")
            grid.addWidget(label, i // 2, i % 2)
        column.addLayout(grid)
        self.verdict = QLabel()
        self.verdict.setObjectName("meterVerdict")
        self.verdict.setWordWrap(True)
        column.addWidget(self.verdict)
        self.suggestions = paragraph("")
        self.suggestions.setProperty("programData", True)  # examples name program documents
        column.addWidget(self.suggestions)
        self.problems = paragraph("")
        self.problems.setProperty("programData", True)
        column.addWidget(self.problems)
        column.addStretch(1)
        self.setAccessibleName(N_("Points meter"))
        self.clear()

    def show_state(self, state: FlowState, names: dict[str, str]) -> None:
        meter = state.meter
        if meter is None:
            self.clear()
            self.verdict.setText(N_("Enter a valid date of birth on the details step first."))
            return
        self.identity.setText(
            f"Identity {meter.identity_points}/{meter.identity_needed} "
            f"{_mark(meter.identity_points >= meter.identity_needed)}"
        )
        self.residency.setText(
            f"Residency {meter.residency_points}/{meter.residency_needed} "
            f"{_mark(meter.residency_points >= meter.residency_needed)}"
        )
        self.photo_id.setText(f"Photo ID {_mark(meter.has_photo_id)}")
        self.dob.setText(f"Date of birth {_mark(meter.has_dob_proof)}")
        self.verdict.setText(
            "✓ Meets the program's rules." if meter.eligible else "Not enough yet:"
        )
        self.verdict.setProperty("kind", "success" if meter.eligible else "error")
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        self.suggestions.setText("\n".join(f"• {s}" for s in meter.suggestions))
        self.suggestions.setVisible(bool(meter.suggestions))
        problems = [f"• {names.get(p.doc, p.doc)}: {p.reason}" for p in meter.document_problems]
        self.problems.setText("\n".join(problems))
        self.problems.setVisible(bool(problems))
        self.setAccessibleDescription(
            " ".join(t.text() for t in (self.identity, self.residency, self.photo_id, self.dob))
        )

    def clear(self) -> None:
        for label in (self.identity, self.residency, self.photo_id, self.dob):
            label.setText("–")
        self.verdict.setText("")
        self.suggestions.setText("")
        self.problems.setText("")
