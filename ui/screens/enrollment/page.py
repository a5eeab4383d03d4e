"""The contract between the enrollment screen and each step page: render, clear, focus."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.enrollment import FlowState
from kiosk.i18n import Translator, source_translator
from ui.enrollment.session import EnrollmentSession
from ui.screens.enrollment.fields import FieldMessage, show_problems
from ui.widgets.common import heading, paragraph


class StepPage(QWidget):
    """One step. Subclasses build their form into `self.body` and keep their `messages`."""

    title = ""
    intro = ""

    def __init__(self, session: EnrollmentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        # The staff language; the window's retranslate_tree sets it (see retranslate).
        self.t: Translator = source_translator()
        self.messages: list[FieldMessage] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(10)
        self.heading = heading(self.title, 2)
        outer.addWidget(self.heading)
        if self.intro:
            outer.addWidget(paragraph(self.intro))
        self.body = QVBoxLayout()
        self.body.setSpacing(10)
        outer.addLayout(self.body)
        outer.addStretch(1)

    def retranslate(self, t: Translator) -> None:
        """Texts this page sets while it runs use `t` from now on (static ones are walked)."""
        self.t = t

    def message(self, field_name: str, target: QWidget | None = None) -> FieldMessage:
        message = FieldMessage(field_name, target)
        self.messages.append(message)
        return message

    def show_state(self, state: FlowState) -> set[str]:
        """Show `state`; returns the problem fields this page shows inline."""
        return show_problems(self.messages, state)

    def clear(self) -> None:
        """Forget every trace of the applicant (after submit, cancel or sign-out)."""
        for message in self.messages:
            message.show_messages(())

    def focus_first(self) -> None:
        self.focusNextChild()

    def entered(self) -> None:
        """The step became visible."""

    def left(self) -> None:
        """The step was hidden (another step, the lock screen, or the end of the flow)."""
