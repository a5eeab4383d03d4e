"""Keyboard-wedge scanner input on step 3: the scanner types MRZ lines or a licence barcode here.

A scanner types fast and ends lines with Enter, so this is a multi-line box that reads itself
once typing pauses (or on Read). The text is cleared as soon as it is handed to the reader: a
scan holds a person's details and must not linger on screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from kiosk.enrollment import ScanConflict, ScanOutcome
from kiosk.i18n import N_, Translator, source_translator
from ui.screens.enrollment.fields import labelled
from ui.widgets.common import button

PAUSE_MS = 400  # a wedge types a whole MRZ in well under this
FIELD_NAMES = {
    "family_name": N_("family name"),
    "given_name": N_("given names"),
    "dob": N_("date of birth"),
    "street": "street",
    "city": "city",
    "state": "state",
    "postal_code": N_("ZIP code"),
}


def describe_outcome(outcome: ScanOutcome) -> str:
    """What a reading did, for staff; never repeats what was read."""
    filled = [FIELD_NAMES.get(f, "expiry date") for f in outcome.filled]
    parts = []
    if filled:
        parts.append("Filled in: " + ", ".join(dict.fromkeys(filled)) + ".")
    if outcome.conflicts:
        parts.append(
            "Differs from what was typed (kept what was typed, check with the applicant): "
            + ", ".join(FIELD_NAMES.get(c.field, c.field) for c in outcome.conflicts)
            + "."
        )
    if not outcome.valid:
        parts.append("The document's check digits did not all match: check the details by eye.")
    if not parts:
        parts.append("Read. Everything already matched what was typed.")
    return " ".join(parts)


def describe_conflict(conflict: ScanConflict) -> str:
    return f"The document reads “{conflict.read}”; kept what was typed."


class ScannerBox(QWidget):
    text_scanned = Signal(str, object)  # text, document id or None

    def __init__(
        self,
        *,
        choose_document: bool = True,
        mnemonics: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.t = source_translator()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.input = QPlainTextEdit()
        self.input.setAccessibleName(N_("Scanner input"))
        self.input.setPlaceholderText(
            N_("Click here, then scan the passport's zone or the licence barcode")
        )
        self.input.setTabChangesFocus(True)
        self.input.setFixedHeight(60)
        self.input.textChanged.connect(self._on_input_text_changed)
        self.document = QComboBox()
        self.document.setAccessibleName(N_("Which document was scanned"))
        # The details step already uses C and R for its own fields.
        self.read_button = button(N_("&Read scan") if mnemonics else N_("Read scan"))
        self.read_button.clicked.connect(self._on_read_button_clicked)
        label = N_("S&canner (passport zone or licence barcode)")
        entry = QWidget()
        entry_row = QHBoxLayout(entry)
        entry_row.setContentsMargins(0, 0, 0, 0)
        entry_row.addWidget(self.input, 1)
        entry_row.addWidget(self.read_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addWidget(
            labelled(
                label if mnemonics else N_("Scanner (passport zone or licence barcode)"),
                entry,
                buddy=self.input,
            )
        )
        if choose_document:
            row = QHBoxLayout()
            row.addWidget(QLabel(N_("Scanned document:")))
            row.addWidget(self.document, 1)
            column.addLayout(row)
        else:
            self.document.setVisible(False)
        self.result = QLabel()
        self.result.setVisible(False)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setWordWrap(True)
        self.result.setObjectName("scanResult")
        column.addWidget(self.result)
        self._choices: list[tuple[str, str]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self._on_read_button_clicked)

    def set_documents(self, choices: list[tuple[str, str]]) -> None:
        """Offer the applicant's documents; a newly added one is preselected (it is usually
        the one about to be scanned)."""
        if choices == self._choices:
            return
        self._choices = list(choices)
        before = {self.document.itemData(i) for i in range(self.document.count())}
        current = self.document.currentData()
        self.document.clear()
        self.document.addItem(N_("Not yet added"), None)
        for doc_id, name in choices:
            self.document.addItem(name, doc_id)
        added = [doc_id for doc_id, _ in choices if doc_id not in before]
        index = self.document.findData(added[-1] if added else current)
        self.document.setCurrentIndex(max(index, 0))

    def _on_input_text_changed(self) -> None:
        if self.input.toPlainText().strip():
            self._timer.start()

    def retranslate(self, t: Translator) -> None:
        self.t = t

    def _on_read_button_clicked(self) -> None:
        self._timer.stop()
        text = self.input.toPlainText()
        self.input.clear()
        if text.strip():
            self.result.setText(self.t.gettext("Reading…"))
            self.result.setVisible(True)
            self.text_scanned.emit(text, self.document.currentData())

    def show_result(self, text: str, *, error: bool) -> None:
        self.result.setVisible(True)
        self.result.setText(("⚠ " if error else "✓ ") + text)
        self.result.setProperty("kind", "error" if error else "success")
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)

    def clear(self) -> None:
        self._timer.stop()
        self.input.clear()
        self.result.clear()
        self.result.setVisible(False)
        self.document.clear()
        self._choices = []
