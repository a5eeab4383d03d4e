"""All seven steps in a row, the current one marked; visited steps can be clicked to go back."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kiosk.enrollment import FlowState, Step
from kiosk.i18n import N_, Translator, source_translator

STEP_NAMES = {
    Step.TYPE: N_("Type"),
    Step.DETAILS: N_("Details"),
    Step.DOCUMENTS: N_("Documents"),
    Step.PHOTO: N_("Photo"),
    Step.REVIEW: N_("Review"),
    Step.CONFIRM: N_("Confirm"),
    Step.RECEIPT: N_("Receipt"),
}


class StepIndicator(QWidget):
    step_chosen = Signal(object)  # Step

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepIndicator")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self.t = source_translator()
        self._state: FlowState | None = None
        self.buttons: dict[Step, QPushButton] = {}
        for step in STEP_NAMES:
            b = QPushButton()
            b.setObjectName("stepButton")
            # Mouse only: Tab should walk the form, and PageUp/PageDown move between steps.
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, s=step: self.step_chosen.emit(s))
            self.buttons[step] = b
            row.addWidget(b, 1)
        self.retranslate(self.t)

    def retranslate(self, t: Translator) -> None:
        self.t = t
        for step, b in self.buttons.items():
            b.setText(f"{step.position + 1}  {t.gettext(STEP_NAMES[step])}")
        if self._state is not None:
            self.show_state(self._state)

    def show_state(self, state: FlowState) -> None:
        self._state = state
        t = self.t
        for step, b in self.buttons.items():
            current = step is state.step
            done = step in state.visited or state.receipt is not None
            state_name = "current" if current else ("done" if done else "todo")
            b.setProperty("stepState", state_name)
            b.setEnabled(current or step in state.reachable)
            name = t.tr(
                "Step {number} of {total}: {name}",
                number=step.position + 1,
                total=len(STEP_NAMES),
                name=t.gettext(STEP_NAMES[step]),
            )
            b.setAccessibleName(t.tr("{step} (current step)", step=name) if current else name)
            b.style().unpolish(b)
            b.style().polish(b)
        self.setAccessibleDescription(
            t.tr(
                "Step {number} of {total}: {name}",
                number=state.step.position + 1,
                total=len(STEP_NAMES),
                name=t.gettext(STEP_NAMES[state.step]),
            )
        )
