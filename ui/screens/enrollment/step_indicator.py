"""All seven steps in a row, the current one marked; visited steps can be clicked to go back."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kiosk.enrollment import FlowState, Step

STEP_NAMES = {
    Step.TYPE: "Type",
    Step.DETAILS: "Details",
    Step.DOCUMENTS: "Documents",
    Step.PHOTO: "Photo",
    Step.REVIEW: "Review",
    Step.CONFIRM: "Confirm",
    Step.RECEIPT: "Receipt",
}


class StepIndicator(QWidget):
    step_chosen = Signal(object)  # Step

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepIndicator")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self.buttons: dict[Step, QPushButton] = {}
        for step, name in STEP_NAMES.items():
            b = QPushButton(f"{step.position + 1}  {name}")
            b.setObjectName("stepButton")
            # Mouse only: Tab should walk the form, and PageUp/PageDown move between steps.
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, s=step: self.step_chosen.emit(s))
            self.buttons[step] = b
            row.addWidget(b, 1)

    def show_state(self, state: FlowState) -> None:
        for step, b in self.buttons.items():
            current = step is state.step
            done = step in state.visited or state.receipt is not None
            state_name = "current" if current else ("done" if done else "todo")
            b.setProperty("stepState", state_name)
            b.setEnabled(current or step in state.reachable)
            b.setAccessibleName(
                f"Step {step.position + 1} of 7: {STEP_NAMES[step]}"
                + (" (current step)" if current else "")
            )
            b.style().unpolish(b)
            b.style().polish(b)
        self.setAccessibleDescription(
            f"Step {state.step.position + 1} of 7: {STEP_NAMES[state.step]}"
        )
