"""One examined document on step 3: its name, the facts the rules need, and Remove.

Dates are typed as YYYY-MM-DD; a date that does not parse stays in the field with a message
beside it (the flow only stores real dates), so nothing typed disappears.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QCheckBox, QFrame, QGridLayout, QLabel, QLineEdit, QWidget

from kiosk.enrollment import DocumentEntry, DocumentOwner
from kiosk.enrollment.validation import parse_date
from kiosk.i18n import N_, Translator, source_translator
from ui.screens.enrollment.fields import FieldMessage, set_checked, set_text, text_field
from ui.widgets.common import button

DATE_HINT = N_("Enter the date as YYYY-MM-DD, for example 2027-03-31.")


def _iso(day: date | None) -> str:
    return "" if day is None else day.isoformat()


class DocumentRow(QFrame):
    """Sends `changed(doc_id, owner, facts)` through `on_change` and `on_remove(doc_id, owner)`."""

    def __init__(
        self,
        entry: DocumentEntry,
        name: str,
        *,
        needs: tuple[str, ...],
        area: str,
        on_change: Callable[..., None],
        on_remove: Callable[[str, DocumentOwner], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.t = source_translator()
        self.setObjectName("documentRow")
        self.key = entry.key
        self._on_change = on_change
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 8, 12, 8)
        owner = "Caretaker's: " if entry.owner is DocumentOwner.CARETAKER else ""
        self.name = QLabel(owner + name)
        self.name.setObjectName("documentName")
        self.name.setProperty("programData", True)  # the program file's words, not ours
        self.name.setWordWrap(True)
        grid.addWidget(self.name, 0, 0, 1, 3)
        self.read_note = QLabel()
        self.read_note.setObjectName("readNote")
        grid.addWidget(self.read_note, 1, 0, 1, 3)
        self.expires = self._date_field("expires" in needs, "Expires", "expiry date")
        self.dated = self._date_field("dated" in needs, "Dated", "date on the document")
        self.expires_message = FieldMessage("expires", self.expires)
        self.dated_message = FieldMessage("dated", self.dated)
        for unused in (self.expires, self.dated, self.expires_message, self.dated_message):
            unused.setParent(self)  # owned by the row even when its document has no such date
        self.nyc = QCheckBox(f"Shows an address in {area}")
        self.nyc.setAccessibleName(f"{name}: shows an address in {area}")
        self.nyc.setVisible("nyc_address" in needs)
        self.nyc.toggled.connect(self._on_fact_changed)
        self.remove = button(N_("Remo&ve"))
        self.remove.setAccessibleName(f"Remove {name}")
        self.remove.clicked.connect(lambda: on_remove(*self.key))
        column = 0
        for label, edit, message in (
            ("Expires", self.expires, self.expires_message),
            ("Dated", self.dated, self.dated_message),
        ):
            if not edit.isHidden():
                caption = QLabel(label)
                caption.setBuddy(edit)
                grid.addWidget(caption, 2, column)
                grid.addWidget(edit, 3, column)
                grid.addWidget(message, 4, column)
                column += 1
        grid.addWidget(self.nyc, 3, column)
        grid.addWidget(self.remove, 3, column + 1)
        grid.setColumnStretch(column + 1, 1)
        self.show_entry(entry)

    def _date_field(self, wanted: bool, label: str, what: str) -> QLineEdit:
        edit = text_field(f"{self.name.text()}: {what}", N_("YYYY-MM-DD"), 10)
        edit.setMaximumWidth(170)
        edit.setHidden(not wanted)
        edit.textEdited.connect(self._on_fact_changed)
        return edit

    def _on_fact_changed(self, *_: object) -> None:
        facts: dict[str, object] = {}
        for edit, message, key in (
            (self.expires, self.expires_message, "expires"),
            (self.dated, self.dated_message, "dated"),
        ):
            if edit.isHidden():
                continue
            text = edit.text().strip()
            parsed = parse_date(text)
            message.show_messages([DATE_HINT] if text and parsed is None else [])
            facts[key] = parsed
        if not self.nyc.isHidden():
            facts["nyc_address"] = self.nyc.isChecked()
        self._on_change(self.key[0], self.key[1], facts)

    def retranslate(self, t: Translator) -> None:
        self.t = t

    def show_entry(self, entry: DocumentEntry) -> None:
        presented = entry.presented
        for edit, value in ((self.expires, presented.expires), (self.dated, presented.dated)):
            if parse_date(edit.text()) is not None or not edit.text().strip():
                set_text(edit, _iso(value))
        set_checked(self.nyc, bool(presented.local_address))
        evidence = entry.evidence
        self.read_note.setText(
            self.t.gettext("✓ Read from the document") if evidence is not None else ""
        )
        self.read_note.setVisible(evidence is not None)

    def focus_chain(self) -> list[QWidget]:
        widgets: list[QWidget] = [self.expires, self.dated, self.nyc, self.remove]
        return [w for w in widgets if not w.isHidden()]

    def facts(self) -> dict[str, object]:
        return {
            "expires": parse_date(self.expires.text()),
            "dated": parse_date(self.dated.text()),
            "nyc_address": self.nyc.isChecked() if not self.nyc.isHidden() else None,
        }
