"""The current translator of a thread or context, for core texts built with values.

The core's `texts.py` modules (rules, capture, enrollment) format their sentences when they are
built, deep inside code that has no `Translator` parameter. They look the translator up here at
call time. It is a `contextvars.ContextVar`, so it is scoped: a setting made in one thread (or
inside `translating(...)`) is invisible to every other thread, and a thread that sets nothing
gets the English source texts. The CLI sets nothing, so its output (`kiosk rules check --json`
included) stays English; the GUI sets the staff translator on its own thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from kiosk.i18n.catalogue import Translator, source_translator

# A Translator is immutable, so one shared default is safe.
_current: ContextVar[Translator] = ContextVar("kiosk_translator", default=source_translator())  # noqa: B039


def current() -> Translator:
    """The translator core texts use in this thread or context (English unless set)."""
    return _current.get()


def set_current(translator: Translator) -> None:
    """Make `translator` current for the rest of this thread's (or context's) life.

    For a long-lived setting such as the GUI thread's staff language; use `translating` for a
    bounded stretch of code.
    """
    _current.set(translator)


@contextmanager
def translating(translator: Translator) -> Iterator[Translator]:
    """Core texts built inside the block use `translator`; the previous one is restored after."""
    token = _current.set(translator)
    try:
        yield translator
    finally:
        _current.reset(token)


def gettext(message: str) -> str:
    """`message` in the current translator's language."""
    return _current.get().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The plural form for `n` in the current translator's language."""
    return _current.get().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` in `context`, in the current translator's language."""
    return _current.get().pgettext(context, message)
