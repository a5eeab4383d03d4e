"""The live points meter on step 3: identity x/3, residency x/1, photo ID, date of birth.

Shows the engine's verdict as it is; the suggestions are the rules engine's own sentences.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.enrollment import FlowState
from kiosk.i18n import N_, Translator, source_translator
from ui.widgets.common import heading, paragraph


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


class PointsMeter(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.t = source_translator()
        self._shown: tuple[FlowState, dict[str, str]] | None = None
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

    def retranslate(self, t: Translator) -> None:
        self.t = t
        if self._shown is not None:
            self.show_state(*self._shown)

    def show_state(self, state: FlowState, names: dict[str, str]) -> None:
        self._shown = (state, names)
        t = self.t
        meter = state.meter
        if meter is None:
            self.clear()
            self._shown = (state, names)
            self.verdict.setText(
                t.gettext("Enter a valid date of birth on the details step first.")
            )
            return
        self.identity.setText(
            t.tr(
                "Identity {points}/{needed} {mark}",
                points=meter.identity_points,
                needed=meter.identity_needed,
                mark=_mark(meter.identity_points >= meter.identity_needed),
            )
        )
        self.residency.setText(
            t.tr(
                "Residency {points}/{needed} {mark}",
                points=meter.residency_points,
                needed=meter.residency_needed,
                mark=_mark(meter.residency_points >= meter.residency_needed),
            )
        )
        self.photo_id.setText(t.tr("Photo ID {mark}", mark=_mark(meter.has_photo_id)))
        self.dob.setText(t.tr("Date of birth {mark}", mark=_mark(meter.has_dob_proof)))
        self.verdict.setText(
            t.gettext("✓ Meets the program's rules.")
            if meter.eligible
            else t.gettext("Not enough yet:")
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
        self._shown = None
        for label in (self.identity, self.residency, self.photo_id, self.dob):
            label.setText("–")
        self.verdict.setText("")
        self.suggestions.setText("")
        self.problems.setText("")
