"""Translation coverage per language, read from the .po files (what `kiosk i18n report` prints)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk.i18n.catalogue import guard
from kiosk.i18n.extract import po_path
from kiosk.i18n.languages import translated_languages
from kiosk.i18n.po import mo_key, parse_po


def coverage(locale_dir: Path) -> dict[str, dict[str, Any]]:
    """For each language: translated (usable) and total messages, plus what needs a person.

    A message counts as translated only when it is complete, not fuzzy and passes the
    placeholder guard, i.e. when an applicant would actually see it in their language.
    """
    languages: dict[str, dict[str, Any]] = {}
    for lang in translated_languages():
        path = po_path(locale_dir, lang.code)
        messages = (
            parse_po(path.read_text(encoding="utf-8"), str(path)).messages if path.exists() else ()
        )
        complete = {mo_key(e): "\0".join(e.msgstr) for e in messages if e.translated}
        usable, rejected = guard(complete)
        languages[lang.code] = {
            "translated": len(usable),
            "total": len(messages),
            "rejected": len(rejected),
            "needs_review": sum(1 for e in messages if e.translated and e.needs_review),
            "name": lang.english_name,
        }
    return languages
