"""Translators: one immutable object per language, created by the composition root and injected.

A translation whose `{named}` placeholders differ from its source text is dropped at load time
and the source text is shown instead: a broken translation must never crash a receipt or show
another applicant's value in the wrong slot.
"""

from __future__ import annotations

import gettext
import logging
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from kiosk.i18n.errors import CatalogueCorrupt, I18nError
from kiosk.i18n.languages import SOURCE_LANGUAGE, Language, language
from kiosk.i18n.po import CONTEXT_SEPARATOR, read_mo
from kiosk.paths import assets_dir

DOMAIN: Final = "kiosk"
log = logging.getLogger("kiosk.i18n")


class CatalogueMissing(I18nError):
    """A shipped language has no compiled catalogue: the build left it out."""

    code = "i18n.catalogue_missing"


def default_locale_dir() -> Path:
    return assets_dir() / "locale"


def mo_path(locale_dir: Path, code: str) -> Path:
    return locale_dir / code / "LC_MESSAGES" / f"{DOMAIN}.mo"


def placeholders(text: str) -> frozenset[str] | None:
    """The `{names}` a format string uses, or None when it is not a valid format string."""
    names: set[str] = set()
    try:
        for _literal, field, spec, _conversion in string.Formatter().parse(text):
            if field is None:
                continue
            names.add(field.split(".", 1)[0].split("[", 1)[0])
            if spec:
                nested = placeholders(spec)
                if nested is None:
                    return None
                names |= nested
    except ValueError:
        return None
    return frozenset(names)


def placeholder_problem(source: str, translation: str) -> str | None:
    """Why `translation` cannot stand in for `source`, or None when its placeholders match."""
    return _problem(placeholders(source), translation, subset=False)


def _problem(wanted: frozenset[str] | None, translation: str, *, subset: bool) -> str | None:
    # Plural forms may use fewer placeholders than the source (Arabic's "no days" form needs no
    # number) but never others; a singular translation must use exactly the source's.
    found = placeholders(translation)
    if found is None:
        return "not a valid format string (unbalanced braces?)"
    if wanted is None or found == wanted or (subset and found <= wanted):
        return None
    extra, missing = sorted(found - wanted), sorted(wanted - found)
    return f"placeholders differ: extra {extra}, missing {missing}"


@dataclass(frozen=True, slots=True)
class Rejected:
    """A translation dropped by the placeholder guard (the source text is used instead)."""

    key: str
    reason: str


def _split_key(key: str) -> tuple[str | None, str, str | None]:
    context, sep, rest = key.partition(CONTEXT_SEPARATOR)
    msgid, nul, plural = (rest if sep else key).partition("\0")
    return (context if sep else None), msgid, (plural if nul else None)


def guard(pairs: Mapping[str, str]) -> tuple[dict[str, str], tuple[Rejected, ...]]:
    """Keep the translations whose placeholders match their source; report the others."""
    kept: dict[str, str] = {}
    rejected: list[Rejected] = []
    for key, value in pairs.items():
        if key == "":
            continue
        _context, msgid, plural = _split_key(key)
        if plural is None:
            problem = placeholder_problem(msgid, value)
        else:
            wanted = _names(msgid) | _names(plural)
            problems = [_problem(wanted, form, subset=True) for form in value.split("\0")]
            problem = next((p for p in problems if p), None)
        if problem is None:
            kept[key] = value
        else:
            rejected.append(Rejected(key, problem))
    return kept, tuple(rejected)


def _names(text: str) -> frozenset[str]:
    return placeholders(text) or frozenset()


class Translator:
    """gettext for one language, with named-placeholder formatting. Immutable once built."""

    def __init__(
        self,
        lang: Language,
        translations: Mapping[str, str] | None = None,
        *,
        rejected: tuple[Rejected, ...] = (),
    ) -> None:
        kept, dropped = guard(translations or {})
        self._language = lang
        self._messages: Final = kept
        self._plural: Final[Callable[[int], int]] = _plural_function(lang.plural_forms)
        self.rejected: Final = rejected + dropped

    @property
    def language(self) -> Language:
        return self._language

    @property
    def code(self) -> str:
        return self._language.code

    @property
    def is_rtl(self) -> bool:
        return self._language.rtl

    def gettext(self, message: str) -> str:
        return self._messages.get(message, message)

    def pgettext(self, context: str, message: str) -> str:
        return self._messages.get(f"{context}{CONTEXT_SEPARATOR}{message}", message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._plural_lookup(f"{singular}\0{plural}", singular, plural, n)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        key = f"{context}{CONTEXT_SEPARATOR}{singular}\0{plural}"
        return self._plural_lookup(key, singular, plural, n)

    def tr(self, message: str, /, **values: object) -> str:
        """Translate, then fill the `{named}` placeholders."""
        return self.gettext(message).format(**values)

    def ntr(self, singular: str, plural: str, n: int, /, **values: object) -> str:
        """Translate the form for `n`, then fill the `{named}` placeholders."""
        return self.ngettext(singular, plural, n).format(**values)

    def _plural_lookup(self, key: str, singular: str, plural: str, n: int) -> str:
        found = self._messages.get(key)
        if found is not None:
            forms = found.split("\0")
            index = self._plural(n)
            if 0 <= index < len(forms) and forms[index]:
                return forms[index]
        return singular if n == 1 else plural

    def __repr__(self) -> str:
        return f"Translator({self.code!r}, {len(self._messages)} messages)"


def _plural_function(plural_forms: str) -> Callable[[int], int]:
    expression = plural_forms.split("plural=", 1)[1].rstrip().rstrip(";")
    # gettext's own parser: it accepts only the C expression language of Plural-Forms.
    return gettext.c2py(expression)


def source_translator() -> Translator:
    """The English source texts, unchanged."""
    return Translator(language(SOURCE_LANGUAGE))


def load_translator(code: str, locale_dir: Path | None = None) -> Translator:
    """The translator for `code` from assets/locale (or `locale_dir`).

    English needs no catalogue. A missing catalogue for another language is `CatalogueMissing`
    and a damaged one `CatalogueCorrupt`: the composition root decides how to fall back.
    """
    lang = language(code)
    if lang.code == SOURCE_LANGUAGE:
        return Translator(lang)
    path = mo_path(locale_dir or default_locale_dir(), lang.code)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CatalogueMissing(f"no catalogue for {lang.english_name}", code=lang.code) from None
    except OSError as error:
        raise CatalogueCorrupt(f"cannot read the {lang.english_name} catalogue: {error}") from None
    translator = Translator(lang, read_mo(data, name=str(path)))
    for item in translator.rejected:
        log.warning("%s: dropped a translation (%s)", lang.code, item.reason)
    return translator
