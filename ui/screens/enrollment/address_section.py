"""The card-address part of step 2: what the card shows, and the fields that kind needs.

Which kinds are offered follows the documents (the flow's `allowed_address_kinds`): a homeless
or domestic-violence services letter allows no address or a care-of address, so nobody has
to invent a home address that would put an applicant at risk.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QGridLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.enrollment import AddressKind, FlowState
from kiosk.i18n import N_
from ui.screens.enrollment.fields import FieldMessage, labelled, set_text, text_field, wipe

KIND_LABELS = {
    AddressKind.HOME: N_("Home address"),
    AddressKind.NONE: N_("No address on the card (collected in person)"),
    AddressKind.CARE_OF: N_("Care-of address (an organization receives mail)"),
    AddressKind.PO_BOX: N_("P.O. box"),
}
FIELDS_BY_KIND = {
    AddressKind.HOME: ("street", "unit", "city", "state", "postal_code"),
    AddressKind.NONE: (),
    AddressKind.CARE_OF: ("care_of", "street", "unit", "city", "state", "postal_code"),
    AddressKind.PO_BOX: ("po_box", "city", "state", "postal_code"),
}


class AddressSection(QWidget):
    def __init__(
        self,
        update: Callable[..., None],
        make_message: Callable[[str, QWidget], FieldMessage],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._update = update
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.kind = QComboBox()
        self.kind.setAccessibleName(N_("What the card shows as address"))
        for kind, text in KIND_LABELS.items():
            self.kind.addItem(text, kind.value)
        self.kind.activated.connect(self._on_kind_activated)
        self.kind.setMaximumWidth(520)
        self.kind_message = make_message("address_kind", self.kind)
        column.addWidget(labelled(N_("Card &shows"), self.kind, self.kind_message))

        self.edits: dict[str, QLineEdit] = {
            "care_of": text_field(
                N_("Care-of organization"), N_("organization that receives mail")
            ),
            "po_box": text_field(N_("P.O. box number"), N_("for example 1234")),
            "street": text_field(N_("Street address"), N_("number and street")),
            "unit": text_field(N_("Apartment or unit (optional)"), N_("for example 4B")),
            "city": text_field(N_("City or borough"), N_("for example Brooklyn")),
            "state": text_field(N_("State"), N_("NY"), 20),
            "postal_code": text_field(N_("ZIP code"), N_("5 digits, for example 11201"), 10),
        }
        labels = {
            "care_of": N_("Care-of organization"),
            "po_box": N_("P.O. box number"),
            "street": N_("Street &address"),
            "unit": N_("Apartment or unit (optional)"),
            "city": N_("&City or borough"),
            "state": N_("State"),
            "postal_code": N_("&ZIP code"),
        }
        self.rows: dict[str, QWidget] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        places = {
            "care_of": (0, 0, 1, 2),
            "po_box": (1, 0, 1, 1),
            "street": (2, 0, 1, 1),
            "unit": (2, 1, 1, 1),
            "city": (3, 0, 1, 1),
            "state": (3, 1, 1, 1),
            "postal_code": (3, 2, 1, 1),
        }
        for name, edit in self.edits.items():
            edit.textEdited.connect(lambda text, n=name: self._update(**{n: text}))
            row = labelled(labels[name], edit, make_message(name, edit))
            self.rows[name] = row
            grid.addWidget(row, *places[name])
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        column.addLayout(grid)

    def _on_kind_activated(self, index: int) -> None:
        self._update(address_kind=self.kind.itemData(index))

    def show_state(self, state: FlowState) -> None:
        details = state.application.details
        allowed = set(state.allowed_address_kinds) | {details.address_kind}
        model = self.kind.model()
        for i in range(self.kind.count()):
            item = model.item(i)  # type: ignore[attr-defined]
            item.setEnabled(AddressKind(self.kind.itemData(i)) in allowed)
        index = self.kind.findData(details.address_kind.value)
        if self.kind.currentIndex() != index:
            self.kind.setCurrentIndex(index)
        shown = FIELDS_BY_KIND[details.address_kind]
        for name, edit in self.edits.items():
            self.rows[name].setVisible(name in shown)
            set_text(edit, getattr(details, name))

    def clear(self) -> None:
        self.kind.setCurrentIndex(0)
        for edit in self.edits.values():
            wipe(edit)
