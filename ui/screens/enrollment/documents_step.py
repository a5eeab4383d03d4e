"""Step 3: documents from the program's list, their facts, scanner readings, the caretaker
section, and the live points meter with the engine's suggestions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.capture.sources import Frame
from kiosk.enrollment import DocumentChoice, DocumentOwner, FlowState, ScanOutcome
from kiosk.i18n import N_
from ui.enrollment.services import EnrollmentServices
from ui.enrollment.session import EnrollmentSession
from ui.i18n import retranslate_tree
from ui.screens.enrollment.agency_section import AgencySection
from ui.screens.enrollment.document_camera import DocumentCameraDialog
from ui.screens.enrollment.document_row import DocumentRow
from ui.screens.enrollment.fields import labelled, refocus, set_checked, text_field, wipe
from ui.screens.enrollment.page import StepPage
from ui.screens.enrollment.points_meter import PointsMeter
from ui.screens.enrollment.scanner_box import ScannerBox, describe_outcome
from ui.widgets.common import button, heading, paragraph


class EnterAdds(QObject):
    """Enter/Return on the watched widgets calls `add` and stops there."""

    def __init__(self, add: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._add = add

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers()
        ):
            self._add()
            return True
        return False


def choice_text(choice: DocumentChoice) -> str:
    facts = []
    if choice.identity_points:
        facts.append(f"identity {choice.identity_points}")
    if choice.residency_points:
        facts.append(f"residency {choice.residency_points}")
    if choice.has_photo:
        facts.append("photo")
    if choice.has_dob:
        facts.append("date of birth")
    if choice.relationship:
        facts.append("caretaker relationship")
    return f"{choice.short_name}  ·  {', '.join(facts)}" if facts else choice.short_name


class DocumentsStep(StepPage):
    title = N_("Documents")
    intro = N_(
        "Search the program's list for each document the applicant shows, add it, and enter "
        "what the rules need. Nothing is copied: the kiosk keeps no scans of documents."
    )

    def __init__(
        self,
        session: EnrollmentSession,
        services: EnrollmentServices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, parent)
        self._services = services
        self.camera_dialog: DocumentCameraDialog | None = None
        self._rows: dict[tuple[str, DocumentOwner], DocumentRow] = {}
        self._names: dict[str, str] = {}
        columns = QHBoxLayout()
        columns.setSpacing(24)
        left = QVBoxLayout()
        self.search = text_field(
            N_("Search the document list"), N_("type words, e.g. passport, bill")
        )
        self.search.textEdited.connect(self._on_search_text_edited)
        self.results = self._results_list()
        # Enter in the search or the list adds the highlighted document (not Next).
        self._enter_adds = EnterAdds(self._on_add_button_clicked, self)
        for widget in (self.search, self.results):
            widget.installEventFilter(self._enter_adds)
        self.results.itemDoubleClicked.connect(lambda _: self._on_add_button_clicked())
        left.addWidget(labelled(N_("&Search documents"), self.search))
        left.addWidget(self.results)
        add_row = QHBoxLayout()
        self.owner = QComboBox()
        self.owner.setAccessibleName(N_("Whose document"))
        self.owner.addItem(N_("The applicant's"), DocumentOwner.APPLICANT.value)
        self.owner.addItem(N_("The caretaker's"), DocumentOwner.CARETAKER.value)
        self.owner_box = labelled(N_("Document &is"), self.owner)
        self.add_button = button(N_("&Add document"))
        self.add_button.clicked.connect(self._on_add_button_clicked)
        add_row.addWidget(self.owner_box)
        add_row.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignBottom)
        add_row.addStretch(1)
        left.addLayout(add_row)
        self.documents_message = self.message("documents", self.results)
        self.dob_message = self.message("dob", self.search)
        self.address_message = self.message("address_kind", self.results)
        for message in (self.documents_message, self.dob_message, self.address_message):
            left.addWidget(message)
        left.addWidget(heading(N_("Documents examined"), 2))
        self.none_yet = paragraph(N_("None yet."))
        left.addWidget(self.none_yet)
        self.rows_box = QVBoxLayout()
        left.addLayout(self.rows_box)

        left.addStretch(1)
        columns.addLayout(left, 3)

        self.meter = PointsMeter()
        right = QVBoxLayout()
        right.addWidget(self.meter)
        self._build_scanner_and_caretaker(right)
        right.addStretch(1)
        holder = QWidget()
        holder.setLayout(right)
        holder.setMinimumWidth(360)
        holder.setMaximumWidth(440)
        columns.addWidget(holder, 2)
        self.body.addLayout(columns)

    def _results_list(self) -> QListWidget:
        results = QListWidget()
        results.setObjectName("documentResults")
        results.setProperty("programData", True)
        results.setAccessibleName(N_("Matching documents"))
        results.setMinimumHeight(150)
        results.setMaximumHeight(190)
        results.setWordWrap(True)
        results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return results

    def _build_scanner_and_caretaker(self, left: QVBoxLayout) -> None:
        session = self.session
        self.scanner = ScannerBox()
        self.scanner.text_scanned.connect(self._on_scanner_text_scanned)
        session.scan_finished.connect(self._on_session_scan_finished)
        session.scan_failed.connect(self._on_session_scan_failed)
        left.addWidget(self.scanner)
        self.camera_button = button(N_("Read with ca&mera…"))
        self.camera_button.clicked.connect(self._on_camera_button_clicked)
        left.addWidget(self.camera_button, 0, Qt.AlignmentFlag.AlignLeft)

        left.addWidget(heading(N_("Caretaker"), 2))
        self.caretaker_note = paragraph("")
        left.addWidget(self.caretaker_note)
        self.caretaker = QCheckBox(N_("Applying &with a caretaker"))
        self.caretaker.toggled.connect(lambda on: self.session.require_flow().set_caretaker(on))
        self.attestation = QCheckBox(
            N_("The caretaker si&gned the statement that the applicant lives with them")
        )
        self.attestation.toggled.connect(
            lambda on: self.session.require_flow().set_caretaker_attestation(on)
        )
        left.addWidget(self.caretaker)
        left.addWidget(self.attestation)
        self.agencies = AgencySection(
            lambda ids: self.session.require_flow().set_agency_verifications(ids)
        )
        left.addWidget(self.agencies)

    # --- intents ---

    def _on_search_text_edited(self, text: str) -> None:
        self._fill_results(text)

    def _fill_results(self, text: str) -> None:
        flow = self.session.flow
        if flow is None:
            return
        self.results.clear()
        for choice in flow.search_documents(text):
            self._names[choice.id] = choice.short_name
            item = QListWidgetItem(choice_text(choice))
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            item.setToolTip(choice.name)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def _on_add_button_clicked(self) -> None:
        if self.results.currentRow() < 0:
            return
        item = self.results.currentItem()
        owner = DocumentOwner(self.owner.currentData())
        if self.owner_box.isHidden():
            owner = DocumentOwner.APPLICANT
        self.session.require_flow().add_document(item.data(Qt.ItemDataRole.UserRole), owner=owner)
        row = self._rows.get((item.data(Qt.ItemDataRole.UserRole), owner))
        if row is not None:
            row.expires.setFocus() if not row.expires.isHidden() else row.remove.setFocus()

    def _on_row_changed(self, doc_id: str, owner: DocumentOwner, facts: dict[str, object]) -> None:
        self.session.require_flow().add_document(doc_id, owner=owner, **facts)  # type: ignore[arg-type]

    def _on_row_removed(self, doc_id: str, owner: DocumentOwner) -> None:
        self.session.require_flow().remove_document(doc_id, owner=owner)
        self.search.setFocus()

    def _on_camera_button_clicked(self) -> None:
        dialog = DocumentCameraDialog(self._services, self)
        retranslate_tree(dialog, self.t)
        self.camera_dialog = dialog
        dialog.frame_chosen.connect(self._on_camera_dialog_frame_chosen)
        dialog.finished.connect(self._on_camera_dialog_finished)
        dialog.open()
        dialog.start()

    def _on_camera_dialog_frame_chosen(self, frame: Frame) -> None:
        self.scanner.show_result("Reading…", error=False)
        document = self.scanner.document.currentData()
        self.session.scan_image(frame, document if isinstance(document, str) else None)

    def _on_camera_dialog_finished(self, _result: int) -> None:
        dialog, self.camera_dialog = self.camera_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        if self.isVisible():
            refocus(self.camera_button)

    def _on_scanner_text_scanned(self, text: str, document_id: object) -> None:
        self.session.scan_text(text, document_id if isinstance(document_id, str) else None)

    def _on_session_scan_finished(self, outcome: ScanOutcome) -> None:
        if self.isVisible():
            self.scanner.show_result(describe_outcome(outcome), error=bool(outcome.conflicts))

    def _on_session_scan_failed(self, message: str) -> None:
        if self.isVisible():
            self.scanner.show_result(message, error=True)

    # --- rendering ---

    def show_state(self, state: FlowState) -> set[str]:
        if self.results.count() == 0 and self.session.flow is not None:
            self._fill_results(self.search.text())
        program = self.session.program
        for doc in program.documents:
            self._names.setdefault(doc.id, doc.short_name)
        for rel in program.relationship_documents:
            self._names.setdefault(rel.id, rel.short_name)
        entries = {entry.key: entry for entry in state.application.documents}
        for key in [k for k in self._rows if k not in entries]:
            gone = self._rows.pop(key)
            gone.setParent(None)
            gone.deleteLater()
        for key, entry in entries.items():
            row = self._rows.get(key)
            if row is None:
                needs = self._needs(key[0])
                row = DocumentRow(
                    entry,
                    self._names.get(key[0], key[0]),
                    needs=needs,
                    area=program.area.name,
                    on_change=self._on_row_changed,
                    on_remove=self._on_row_removed,
                )
                self._rows[key] = row
                retranslate_tree(row, self.t)  # built after the last language change
                self.rows_box.addWidget(row)
                row.show()  # now, not at the next event loop turn: focus and Tab go there next
            else:
                row.show_entry(entry)
        self.none_yet.setVisible(not entries)
        self._chain_tab_order()
        self.scanner.set_documents(
            [
                (key[0], self._names.get(key[0], key[0]))
                for key in entries
                if key[1] is DocumentOwner.APPLICANT
            ]
        )
        self.owner_box.setVisible(state.caretaker_section)
        set_checked(self.caretaker, state.caretaker_section)
        self.caretaker.setEnabled(not state.caretaker_required)
        self.attestation.setVisible(state.caretaker_section)
        set_checked(self.attestation, state.application.caretaker_attestation)
        self.agencies.show_state(state, program)
        below = program.age.caretaker_below
        self.caretaker_note.setText(
            self.t.tr(
                "Applicants aged {youngest} to {oldest} apply with a caretaker.",
                youngest=program.age.minimum,
                oldest=below - 1,
            )
            if below is not None
            else self.t.gettext("The applicant may apply with a caretaker.")
        )
        self.meter.show_state(state, self._names)
        shown = super().show_state(state)
        # "Enter a valid date of birth first" belongs to step 2's field; show it here too.
        return shown

    def _chain_tab_order(self) -> None:
        """Rows are built after the rest of the page: put them right after "Add document"."""
        previous: QWidget = self.add_button
        for row in self._rows.values():
            for widget in row.focus_chain():
                QWidget.setTabOrder(previous, widget)
                previous = widget

    def _needs(self, doc_id: str) -> tuple[str, ...]:
        program = self.session.program
        for doc in program.documents:
            if doc.id == doc_id:
                return tuple(doc.needs)
        for rel in program.relationship_documents:
            if rel.id == doc_id:
                return tuple(rel.needs)
        return ()

    def clear(self) -> None:
        super().clear()
        for row in self._rows.values():
            row.setParent(None)
            row.deleteLater()
        self._rows.clear()
        wipe(self.search)
        self.results.clear()
        self.scanner.clear()
        self.meter.clear()
        set_checked(self.caretaker, False)
        set_checked(self.attestation, False)
        self.agencies.clear()

    def focus_first(self) -> None:
        self.search.setFocus()
