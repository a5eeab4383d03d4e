"""The catalogues we ship: compiled files current, no rejected translations, applicant texts
translated in every language, and no immigration or citizenship wording anywhere."""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.i18n import LANGUAGES, default_locale_dir, load_translator, translated_languages
from kiosk.i18n.catalogue import mo_path
from kiosk.i18n.extract import extract, po_path
from kiosk.i18n.po import Entry, compile_mo, format_po, parse_po

ROOT = Path(__file__).resolve().parents[3]
LOCALE = default_locale_dir()
CODES = [lang.code for lang in translated_languages()]
# Words the kiosk never uses, in every language it speaks (lower-cased substrings).
FORBIDDEN = re.compile(
    r"immigra|citizen|legal status|undocumented|\bvisas?\b|inmigra|ciudadan|citoyen|imigrasyon|"
    "sitwayen|иммигра|гражданств|imigra|obywatel|移民|公民|이민|시민권|অভিবাসন|নাগরিক|الهجرة|"
    "الجنسية|امیگریشن|شہریت",
    re.IGNORECASE,
)


def _po(code: str) -> tuple[Entry, ...]:
    path = po_path(LOCALE, code)
    return parse_po(path.read_text(encoding="utf-8"), str(path)).messages


# The card and receipt, and the screen where applicants check their own details.
APPLICANT_FACING = ("kiosk/documents/", "ui/screens/enrollment/applicant_view.py")


@functools.cache
def _applicant_facing() -> tuple[Entry, ...]:
    return tuple(
        entry
        for entry in extract(ROOT, packages=("kiosk", "ui"))
        if any(ref.startswith(APPLICANT_FACING) for ref in entry.references)
    )


@pytest.mark.parametrize("code", CODES)
def test_compiled_catalogue_is_current(code: str) -> None:
    """Run `kiosk i18n compile` after editing a .po file: this test says when it was forgotten."""
    po = parse_po(po_path(LOCALE, code).read_text(encoding="utf-8"))
    assert mo_path(LOCALE, code).read_bytes() == compile_mo(po)


@pytest.mark.parametrize("code", CODES)
def test_no_shipped_translation_breaks_its_placeholders(code: str) -> None:
    assert load_translator(code).rejected == ()


@pytest.mark.parametrize("code", CODES)
def test_headers_agree_with_the_language_table(code: str) -> None:
    po = parse_po(po_path(LOCALE, code).read_text(encoding="utf-8"))
    lang = next(lang for lang in LANGUAGES if lang.code == code)
    assert po.header_field("Language") == code
    assert po.header_field("Plural-Forms") == lang.plural_forms
    assert "charset=UTF-8" in (po.header_field("Content-Type") or "")


@pytest.mark.parametrize("code", CODES)
def test_receipt_and_card_texts_are_translated_in_every_language(code: str) -> None:
    translated = {entry.key for entry in _po(code) if entry.translated}
    missing = [entry.msgid for entry in _applicant_facing() if entry.key not in translated]
    assert missing == []


def test_applicant_texts_are_found_by_extraction() -> None:
    assert len(_applicant_facing()) >= 30


@pytest.mark.parametrize("code", CODES)
def test_no_status_wording_in_our_texts_or_translations(code: str) -> None:
    ours = {entry.key for entry in _applicant_facing()}
    offenders = [
        text
        for entry in _po(code)
        if entry.key in ours
        for text in (entry.msgid, *entry.msgstr)
        if FORBIDDEN.search(text)
    ]
    assert offenders == []


def test_report_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["i18n", "report", "--json"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    report = json.loads(out)
    assert set(report) == {"languages"}
    assert set(report["languages"]) == set(CODES)
    for item in report["languages"].values():
        assert isinstance(item["translated"], int) and isinstance(item["total"], int)
        assert 0 < item["translated"] <= item["total"]


def test_report_counts_only_usable_translations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = po_path(tmp_path, "es")
    path.parent.mkdir(parents=True)
    path.write_text(
        'msgid ""\nmsgstr "Language: es\\n"\n\n'
        'msgid "A {x}"\nmsgstr "B {y}"\n\n'
        'msgid "C"\nmsgstr "D"\n\n'
        '#, fuzzy\nmsgid "E"\nmsgstr "F"\n\n'
        'msgid "G"\nmsgstr ""\n',
        encoding="utf-8",
    )
    assert main(["i18n", "report", "--json", "--locale-dir", str(tmp_path)]) == 0
    es = json.loads(capsys.readouterr().out)["languages"]["es"]
    assert (es["translated"], es["total"], es["rejected"]) == (1, 4, 1)
    assert json.loads(json.dumps(es))["translated"] == 1


def test_extract_and_compile_commands_on_a_checkout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "kiosk").mkdir()
    (tmp_path / "kiosk" / "screen.py").write_text("def f(t):\n    return t.gettext('Hello')\n")
    assert main(["i18n", "extract", "--root", str(tmp_path)]) == 0
    locale = tmp_path / "assets" / "locale"
    assert 'msgid "Hello"' in (locale / "kiosk.pot").read_text(encoding="utf-8")
    es_po = po_path(locale, "es")
    po = parse_po(es_po.read_text(encoding="utf-8"))
    translated = tuple(dataclasses.replace(e, msgstr=("Hola",)) for e in po.entries)
    es_po.write_text(format_po(dataclasses.replace(po, entries=translated)), encoding="utf-8")
    assert main(["i18n", "compile", "--locale-dir", str(locale)]) == 0
    assert load_translator("es", locale).gettext("Hello") == "Hola"
    # A second extraction keeps the translation.
    assert main(["i18n", "extract", "--root", str(tmp_path)]) == 0
    assert load_translator("es", locale).gettext("Hello") == "Hola"
    capsys.readouterr()
