"""The .po reader/writer, the .mo compiler (checked against stdlib gettext) and extraction."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

import pytest

from kiosk.i18n import language
from kiosk.i18n.errors import CatalogueCorrupt
from kiosk.i18n.extract import extract, merge
from kiosk.i18n.po import Entry, PoFile, compile_mo, format_po, parse_po, read_mo

SAMPLE = """\
msgid ""
msgstr ""
"Language: ru\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
"(n%100<10 || n%100>=20) ? 1 : 2);\\n"

# review: machine-assisted
#. Translators: the card's heading
#: kiosk/documents/texts.py:10
msgid "Address"
msgstr "Адрес"

msgctxt "date"
msgid "May"
msgstr "мая"

msgid "{n} day"
msgid_plural "{n} days"
msgstr[0] "{n} день"
msgstr[1] "{n} дня"
msgstr[2] "{n} дней"

#, fuzzy
msgid "Expires"
msgstr "Истекает"

msgid "Line one\\n"
"line \\"two\\""
msgstr ""

#~ msgid "Gone"
#~ msgstr "Ушло"
"""


def test_parse_reads_every_kind_of_entry() -> None:
    po = parse_po(SAMPLE)
    assert po.header_field("Language") == "ru"
    address, may, days, expires, lines, gone = po.entries
    assert address.msgstr == ("Адрес",) and address.needs_review
    assert address.extracted_comments == ("Translators: the card's heading",)
    assert may.msgctxt == "date"
    assert days.msgid_plural == "{n} days" and len(days.msgstr) == 3
    assert expires.fuzzy and not expires.translated
    assert lines.msgid == 'Line one\nline "two"' and not lines.translated
    assert gone.obsolete
    assert [e.msgid for e in po.messages] == ["Address", "May", "{n} day", "Expires", lines.msgid]


def test_format_then_parse_round_trips() -> None:
    po = parse_po(SAMPLE)
    assert parse_po(format_po(po)) == po


def test_compiled_mo_reads_the_same_in_stdlib_gettext() -> None:
    po = parse_po(SAMPLE)
    data = compile_mo(po)
    stdlib = gettext.GNUTranslations(io.BytesIO(data))
    assert stdlib.gettext("Address") == "Адрес"
    assert stdlib.pgettext("date", "May") == "мая"
    assert stdlib.ngettext("{n} day", "{n} days", 3) == "{n} дня"
    assert stdlib.gettext("Expires") == "Expires"  # fuzzy entries are left out
    assert read_mo(data)["Address"] == "Адрес"
    assert compile_mo(po) == data  # deterministic


@pytest.mark.parametrize(
    "bad", ['msgid "x"\nmsgstr "\\q"\n', 'msgid "x"\nnonsense\n', 'msgstr "y"\n']
)
def test_damaged_po_files_are_reported(bad: str) -> None:
    with pytest.raises(CatalogueCorrupt):
        parse_po(bad)


def test_extraction_finds_every_keyword_with_comments(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "screen.py").write_text(
        "from kiosk.i18n import N_\n"
        "LABEL = N_('Address')\n"
        "def show(t, n, name):\n"
        "    # Translators: shown under the photo\n"
        "    t.tr('Hello {name}', name=name)\n"
        "    t.ntr('{n} day', '{n} days', n, n=n)\n"
        "    t.pgettext('date', 'May')\n"
        "    t.gettext(name)  # not a literal: skipped\n"
        "    '{x}'.format(x=1)\n"
        "    return _('Address')\n",
        encoding="utf-8",
    )
    entries = extract(tmp_path, packages=("pkg",))
    assert [(e.msgctxt, e.msgid, e.msgid_plural) for e in entries] == [
        (None, "Address", None),
        (None, "Hello {name}", None),
        (None, "{n} day", "{n} days"),
        ("date", "May", None),
    ]
    assert entries[0].references == ("pkg/screen.py:2", "pkg/screen.py:10")
    assert entries[1].extracted_comments == ("Translators: shown under the photo",)


def test_merge_keeps_translations_and_keeps_removed_ones_as_obsolete() -> None:
    old = PoFile(
        header="",
        entries=(
            Entry("Address", ("Dirección",), translator_comments=("review: machine-assisted",)),
            Entry("Old text", ("Texto viejo",)),
            Entry("Untranslated old", ("",)),
        ),
    )
    template = (Entry("Address", references=("a.py:1",)), Entry("{n} day", ("", ""), "{n} days"))
    merged = merge(template, old, language("es"))
    address, days, obsolete = merged.entries
    assert address.msgstr == ("Dirección",) and address.needs_review
    assert address.references == ("a.py:1",)
    assert days.msgstr == ("", "")
    assert obsolete.msgid == "Old text" and obsolete.obsolete
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in merged.header
