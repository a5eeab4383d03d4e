"""Display modes for people who need them: larger text and high contrast, remembered per laptop.

The choice is not sensitive (it names no one), so it lives in a small file beside the vault
and applies from the sign-in screen on. Both modes are derived from kiosk.qss rather than kept
as separate copies of it.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QPushButton, QWidget

from kiosk.errors import KioskError
from kiosk.i18n import N_
from kiosk.paths import assets_dir
from kiosk.vault.files import atomic_write_bytes

PREFS_FILE = "display.json"
LARGE_TEXT_SCALE = 1.3
_PIXELS = re.compile(r"(font-size|min-height):\s*(\d+)px")


@dataclass(frozen=True)
class DisplayPrefs:
    large_text: bool = False
    high_contrast: bool = False


def load_prefs(data_dir: Path) -> DisplayPrefs:
    try:
        doc = json.loads((data_dir / PREFS_FILE).read_text(encoding="utf-8"))
        return DisplayPrefs(bool(doc.get("large_text")), bool(doc.get("high_contrast")))
    except (OSError, ValueError, AttributeError):
        return DisplayPrefs()  # no file yet, or a damaged one: the default look


def save_prefs(data_dir: Path, prefs: DisplayPrefs) -> None:
    data = json.dumps(asdict(prefs), sort_keys=True).encode()
    # A read-only or full disk must not stop someone from reading the screen.
    with contextlib.suppress(KioskError):
        atomic_write_bytes(data_dir / PREFS_FILE, data, what="the display settings", mode=0o644)


def stylesheet(prefs: DisplayPrefs) -> str:
    styles = assets_dir() / "styles"
    sheet = (styles / "kiosk.qss").read_text(encoding="utf-8")
    if prefs.high_contrast:
        sheet += "\n" + (styles / "high-contrast.qss").read_text(encoding="utf-8")
    if prefs.large_text:
        sheet = _PIXELS.sub(
            lambda m: f"{m.group(1)}: {round(int(m.group(2)) * LARGE_TEXT_SCALE)}px", sheet
        )
    return sheet


def apply_prefs(app: QApplication, prefs: DisplayPrefs) -> None:
    app.setStyleSheet(stylesheet(prefs))
    # Widgets on screen during the change keep their old size hints until asked again.
    for widget in app.allWidgets():
        widget.updateGeometry()


class DisplayBar(QWidget):
    """Two toggles, always on screen (status bar), so anyone can turn them on unaided."""

    prefs_changed = Signal(object)  # DisplayPrefs

    def __init__(self, prefs: DisplayPrefs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 0, 8, 0)
        self.large_text = QPushButton(N_("A+  Larger text"))
        self.high_contrast = QPushButton(N_("◐  High contrast"))
        for toggle, on, name in (
            (self.large_text, prefs.large_text, N_("Larger text")),
            (self.high_contrast, prefs.high_contrast, N_("High contrast")),
        ):
            toggle.setCheckable(True)
            toggle.setChecked(on)
            toggle.setAccessibleName(name)
            toggle.setObjectName("displayToggle")
            toggle.toggled.connect(self._on_toggle_toggled)
            row.addWidget(toggle)

    @property
    def prefs(self) -> DisplayPrefs:
        return DisplayPrefs(self.large_text.isChecked(), self.high_contrast.isChecked())

    def _on_toggle_toggled(self, _checked: bool) -> None:
        self.prefs_changed.emit(self.prefs)
