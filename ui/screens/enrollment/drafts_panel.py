"""The home screen's list of interrupted applications, to resume after sign-in.

Listed by time and step only, never by name: the home screen faces the room at a folding
table, and the lock screen shows nothing at all. The signed-in operator sees the applicant's
details once they resume.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kiosk.enrollment import DraftInfo
from ui.widgets.common import button, heading, paragraph


def _local(text: str) -> str:
    try:
        return datetime.fromisoformat(text).astimezone().strftime("%a %d %b, %H:%M")
    except ValueError:
        return text


def describe_draft(info: DraftInfo) -> str:
    return f"Started {_local(info.created_at)} · last saved {_local(info.updated_at)}"


class DraftsPanel(QWidget):
    resume_requested = Signal(str)  # draft id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(heading("Unfinished applications", 2))
        self.empty = paragraph("None: every application was submitted or cancelled.")
        column.addWidget(self.empty)
        self.list = QListWidget()
        self.list.setAccessibleName("Unfinished applications, by time")
        self.list.setMaximumHeight(140)
        self.list.itemActivated.connect(lambda _: self._on_resume_button_clicked())
        column.addWidget(self.list)
        row = QHBoxLayout()
        self.resume = button("&Resume selected")
        self.resume.clicked.connect(self._on_resume_button_clicked)
        row.addWidget(self.resume)
        row.addStretch(1)
        column.addLayout(row)
        self.show_drafts([])

    def show_drafts(self, drafts: list[DraftInfo]) -> None:
        self.list.clear()
        for info in reversed(drafts):  # newest first
            item = QListWidgetItem(describe_draft(info))
            item.setData(Qt.ItemDataRole.UserRole, info.draft_id)
            self.list.addItem(item)
        has = bool(drafts)
        self.empty.setVisible(not has)
        self.list.setVisible(has)
        self.resume.setVisible(has)
        if has:
            self.list.setCurrentRow(0)

    def _on_resume_button_clicked(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.resume_requested.emit(item.data(Qt.ItemDataRole.UserRole))
