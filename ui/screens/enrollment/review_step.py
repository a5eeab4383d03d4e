"""Step 5: the card preview, front and back, rendered off the GUI thread from the flow's data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.enrollment import FlowState
from kiosk.i18n import N_
from ui.enrollment.session import CardImages, EnrollmentSession
from ui.screens.enrollment.page import StepPage
from ui.widgets.common import paragraph

PREVIEW_WIDTH = 500


class ReviewStep(StepPage):
    title = N_("Review the card")
    intro = N_(
        "Check the preview with the applicant. To change something, go back (PageUp or the "
        "step buttons above); everything entered is kept."
    )

    def __init__(self, session: EnrollmentSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        row = QHBoxLayout()
        self.front = self._image("Card preview, front")
        self.back = self._image("Card preview, back")
        row.addWidget(self.front)
        row.addWidget(self.back)
        row.addStretch(1)
        self.body.addLayout(row)
        self.warnings = paragraph("")
        self.body.addWidget(self.warnings)
        session.card_rendered.connect(self._on_session_card_rendered)
        self._rendered_for: object = None

    def _image(self, name: str) -> QLabel:
        label = QLabel(N_("Preparing the preview…"))
        label.setAccessibleName(name)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setMinimumSize(PREVIEW_WIDTH, 320)
        label.setObjectName("cardPreview")
        return label

    def show_state(self, state: FlowState) -> set[str]:
        # Re-render only when what the card shows changed (not on every keystroke elsewhere).
        key = (state.application, state.receipt_locale)
        if state.step.value == "review" and key != self._rendered_for:
            self._rendered_for = key
            self.session.render_card()
        return super().show_state(state)

    def _on_session_card_rendered(self, images: CardImages) -> None:
        for label, png in ((self.front, images.front_png), (self.back, images.back_png)):
            pixmap = QPixmap()
            pixmap.loadFromData(png, "PNG")
            label.setPixmap(
                pixmap.scaledToWidth(PREVIEW_WIDTH, Qt.TransformationMode.SmoothTransformation)
            )
        self.warnings.setText("\n".join(f"⚠ {w}" for w in images.warnings))

    def clear(self) -> None:
        super().clear()
        self._rendered_for = None
        for label in (self.front, self.back):
            label.clear()
            label.setText(self.t.gettext("Preparing the preview…"))
        self.warnings.clear()

    def focus_first(self) -> None:
        """Nothing to type here: the screen gives Next the keyboard."""
