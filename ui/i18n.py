"""Retranslating live widgets from their English source texts, so the language can change at once.

Screens are built with English source texts marked `N_()`. `retranslate_tree` remembers each
widget's source text the first time it sees it and sets the translation; on the next language
it translates the remembered source again. A text that code changed in between (a data value, a
status message) is taken as that widget's new source, so data is never overwritten by a stale
label. Widgets marked `mark_own_language` (the applicant's view) keep their own language, and
widgets marked `mark_data` show data that is never looked up in a catalogue.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from kiosk.i18n import Translator

OWN_LANGUAGE = "i18nOwnLanguage"
DATA = "i18nData"


class Retranslatable(Protocol):
    def retranslate(self, t: Translator) -> None: ...


def mark_own_language(widget: QWidget) -> None:
    """`widget` and its children speak another language (the applicant's): leave them alone."""
    widget.setProperty(OWN_LANGUAGE, True)


def mark_data(widget: QWidget) -> None:
    """`widget`'s text is data (a name, a number), never a message to translate."""
    widget.setProperty(DATA, True)


def direction(t: Translator) -> Qt.LayoutDirection:
    return Qt.LayoutDirection.RightToLeft if t.is_rtl else Qt.LayoutDirection.LeftToRight


def plain(text: str) -> str:
    """A label without its `&` mnemonic, as an accessible name."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _translated(widget: QObject, key: str, current: str, t: Translator) -> str:
    """The translation of the source behind `current`, remembering the source under `key`."""
    source_key, shown_key = f"i18n.src.{key}", f"i18n.shown.{key}"
    source = widget.property(source_key)
    if not isinstance(source, str) or current != widget.property(shown_key):
        source = current  # first visit, or code set a new text since the last translation
    new = t.gettext(source) if source.strip() else source
    widget.setProperty(source_key, source)
    widget.setProperty(shown_key, new)
    return new


def _retext(
    widget: QObject, key: str, get: Callable[[], str], put: Callable[[str], None], t: Translator
) -> str:
    current = get()
    if not current:
        return current
    new = _translated(widget, key, current, t)
    if new != current:
        put(new)
    return new


def _accessible(widget: QWidget, text_before: str, text_after: str, t: Translator) -> None:
    # Accessible names copied from a label follow the label instead of needing their own msgid.
    name = widget.accessibleName()
    if name and name == plain(text_before) and text_before != text_after:
        widget.setAccessibleName(plain(text_after))
        widget.setProperty("i18n.shown.accessibleName", plain(text_after))
        widget.setProperty("i18n.src.accessibleName", None)
    elif name:
        _retext(widget, "accessibleName", widget.accessibleName, widget.setAccessibleName, t)


def _texts(widget: QWidget, t: Translator) -> None:
    text_before = text_after = ""
    if isinstance(widget, QLabel | QAbstractButton) and not widget.property(DATA):
        text_before = widget.text()
        text_after = _retext(widget, "text", widget.text, widget.setText, t)
    _accessible(widget, text_before, text_after, t)
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        _retext(widget, "placeholder", widget.placeholderText, widget.setPlaceholderText, t)
    if isinstance(widget, QGroupBox):
        _retext(widget, "title", widget.title, widget.setTitle, t)
    for key, get, put in (
        ("toolTip", widget.toolTip, widget.setToolTip),
        ("accessibleDescription", widget.accessibleDescription, widget.setAccessibleDescription),
    ):
        _retext(widget, key, get, put, t)
    if widget.isWindow():
        _retext(widget, "windowTitle", widget.windowTitle, widget.setWindowTitle, t)
    if isinstance(widget, QComboBox) and not widget.property(DATA):
        for index in range(widget.count()):
            i = index
            _retext(
                widget,
                f"item{i}",
                lambda i=i: widget.itemText(i),  # type: ignore[misc]
                lambda text, i=i: widget.setItemText(i, text),  # type: ignore[misc]
                t,
            )
    if isinstance(widget, QTabWidget):
        for index in range(widget.count()):
            _retext(
                widget,
                f"tab{index}",
                lambda i=index: widget.tabText(i),  # type: ignore[misc]
                lambda text, i=index: widget.setTabText(i, text),  # type: ignore[misc]
                t,
            )
    if isinstance(widget, QTableWidget):
        for column in range(widget.columnCount()):
            item = widget.horizontalHeaderItem(column)
            if item is not None and item.text():
                item.setText(_translated(widget, f"header{column}", item.text(), t))


def widgets_in(root: QWidget) -> Iterator[QWidget]:
    """`root` and its descendants in creation order, without own-language subtrees."""
    yield root
    for child in root.children():
        if isinstance(child, QWidget) and not child.property(OWN_LANGUAGE):
            yield from widgets_in(child)


def retranslate_tree(root: QWidget, t: Translator) -> None:
    """Translate every static text under `root`, then let widgets with dynamic text redo theirs.

    The hooks (`retranslate(t)`, root's included) must not walk their own tree again.
    """
    hooks: list[Retranslatable] = []
    for widget in widgets_in(root):
        _texts(widget, t)
        hook = getattr(widget, "retranslate", None)
        if callable(hook):
            hooks.append(widget)  # type: ignore[arg-type]
    for item in hooks:
        item.retranslate(t)
