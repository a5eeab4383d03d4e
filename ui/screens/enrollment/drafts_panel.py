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
from kiosk.i18n import N_, Translator, source_translator
from ui.widgets.common import button, heading, paragraph


def _local(text: str) -> str:
    try:
        return datetime.fromisoformat(text).astimezone().strftime("%a %d %b, %H:%M")
    except ValueError:
        return text


def describe_draft(info: DraftInfo, t: Translator | None = None) -> str:
    return (t or source_translator()).tr(
        "Started {started} · last saved {saved}",
        started=_local(info.created_at),
        saved=_local(info.updated_at),
    )


VISIBLE_ROWS = 3


class DraftsPanel(QWidget):
    resume_requested = Signal(str)  # draft id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.t = source_translator()
        self._drafts: list[DraftInfo] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        title = heading(N_("Unfinished applications"), 2)
        title.setWordWrap(False)  # beside a stretch it would wrap longer translations early
        row.addWidget(title)
        row.addStretch(1)
        self.resume = button(N_("&Resume selected"))
        self.resume.clicked.connect(self._on_resume_button_clicked)
        row.addWidget(self.resume)
        column.addLayout(row)
        self.empty = paragraph(N_("None: every application was submitted or cancelled."))
        column.addWidget(self.empty)
        self.list = QListWidget()
        self.list.setAccessibleName(N_("Unfinished applications, by time"))
        self.list.itemActivated.connect(lambda _: self._on_resume_button_clicked())
        column.addWidget(self.list)
        self.show_drafts([])

    def retranslate(self, t: Translator) -> None:
        self.t = t
        self.show_drafts(self._drafts)

    def show_drafts(self, drafts: list[DraftInfo]) -> None:
        self._drafts = list(drafts)  # times and ids only: the list never names anyone
        self.list.clear()
        for info in reversed(drafts):  # newest first
            item = QListWidgetItem(describe_draft(info, self.t))
            item.setData(Qt.ItemDataRole.UserRole, info.draft_id)
            self.list.addItem(item)
        has = bool(drafts)
        # As tall as its rows, up to three: the home screen must still fit a 768-pixel screen.
        rows = min(max(len(drafts), 1), VISIBLE_ROWS)
        self.list.setFixedHeight(
            rows * self.list.sizeHintForRow(0) + 2 * self.list.frameWidth() if has else 0
        )
        self.empty.setVisible(not has)
        self.list.setVisible(has)
        self.resume.setVisible(has)
        if has:
            self.list.setCurrentRow(0)

    def _on_resume_button_clicked(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.resume_requested.emit(item.data(Qt.ItemDataRole.UserRole))
