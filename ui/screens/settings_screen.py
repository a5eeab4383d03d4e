"""Kiosk settings for supervisors, one row per declared setting (kiosk.config.Settings).

Each setting's description is its label and its type picks the editor, so a setting added to
the declarations appears here without more code.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Setting, Settings
from kiosk.i18n import N_
from ui.widgets.common import StatusLine, button, heading, paragraph, primary_button

Editor = QLineEdit | QSpinBox | QCheckBox


def _editor(setting: Setting[Any]) -> Editor:
    if setting.kind is bool:
        editor: Editor = QCheckBox()
    elif setting.kind is int:
        editor = QSpinBox()
        low, high = setting.bounds or (0, 1_000_000)
        editor.setRange(low, high)
        editor.setMaximumWidth(180)
    else:
        editor = QLineEdit()
        editor.setMaximumWidth(520)
    editor.setAccessibleName(setting.description)
    editor.setObjectName(f"setting_{setting.key}")
    return editor


class SettingsScreen(QWidget):
    save_requested = Signal(dict)
    health_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(heading(N_("Settings")))
        layout.addWidget(paragraph(N_("Changes are recorded in the audit log with your name.")))
        self.program = QLabel()
        self.program.setAccessibleName(N_("Program"))
        form = QFormLayout()
        form.setVerticalSpacing(14)
        form.addRow(N_("Program"), self.program)
        self.editors: dict[str, Editor] = {}
        for setting in Settings.declarations():
            if not setting.shown:
                continue
            editor = _editor(setting)
            label = QLabel(setting.description)
            label.setWordWrap(True)
            label.setFixedWidth(420)  # a fixed width lets the form size wrapped labels right
            label.setBuddy(editor)
            form.addRow(label, editor)
            self.editors[setting.key] = editor
        body = QWidget()
        body.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setObjectName("settingsScroll")
        layout.addWidget(scroll, 1)
        row = QHBoxLayout()
        self.save = primary_button(N_("&Save settings"))
        self.save.clicked.connect(self._on_save_clicked)
        row.addWidget(self.save)
        row.addStretch(1)
        self.health = button(N_("Kiosk &health…"))
        self.health.clicked.connect(self.health_requested)
        row.addWidget(self.health)
        layout.addLayout(row)
        self.status = StatusLine()
        layout.addWidget(self.status)

    def show_settings(self, settings: Settings) -> None:
        self.program.setText(settings.program.upper())
        for key, editor in self.editors.items():
            value = getattr(settings, key)
            if isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, QSpinBox):
                editor.setValue(int(value))
            else:
                editor.setText(str(value))

    def values(self) -> dict[str, object]:
        values: dict[str, object] = {}
        for key, editor in self.editors.items():
            if isinstance(editor, QCheckBox):
                values[key] = editor.isChecked()
            elif isinstance(editor, QSpinBox):
                values[key] = editor.value()
            else:
                values[key] = editor.text().strip()
        return values

    def _on_save_clicked(self) -> None:
        self.status.clear_status()
        self.save_requested.emit(self.values())
