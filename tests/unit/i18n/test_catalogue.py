"""Translator behaviour: lookups, plurals, contexts, named placeholders, the placeholder guard."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.i18n import (
    CatalogueCorrupt,
    CatalogueMissing,
    Translator,
    UnknownLanguage,
    language,
    load_translator,
    placeholder_problem,
    placeholders,
    source_translator,
)
from kiosk.i18n.catalogue import mo_path
from kiosk.i18n.po import Entry, PoFile, compile_mo


def translator(code: str, pairs: dict[str, str]) -> Translator:
    return Translator(language(code), pairs)


def test_gettext_translates_and_falls_back_to_the_source() -> None:
    t = translator("es", {"Address": "Dirección"})
    assert t.gettext("Address") == "Dirección"
    assert t.gettext("Not in the catalogue") == "Not in the catalogue"


def test_tr_fills_named_placeholders_after_translating() -> None:
    t = translator("es", {"c/o {name}": "a/c {name}"})
    assert t.tr("c/o {name}", name="Safe Horizon") == "a/c Safe Horizon"


def test_a_translation_with_other_placeholders_is_rejected_and_the_source_is_used() -> None:
    t = translator("es", {"c/o {name}": "a/c {nombre}", "Hello": "Hola"})
    assert t.tr("c/o {name}", name="X") == "c/o X"
    assert t.gettext("Hello") == "Hola"
    assert [r.key for r in t.rejected] == ["c/o {name}"]
    assert "extra ['nombre']" in t.rejected[0].reason


@pytest.mark.parametrize(
    "translation",
    ["a/c", "a/c {name} {name2}", "a/c {name", "a/c {name}}", "{0} a/c"],
)
def test_the_guard_rejects_missing_extra_broken_and_positional_fields(translation: str) -> None:
    assert placeholder_problem("c/o {name}", translation) is not None


def test_placeholders_reads_names_attributes_and_nested_specs() -> None:
    assert placeholders("{a} {b.c} {d[0]} {e:{width}}") == {"a", "b", "d", "e", "width"}
    assert placeholders("{{literal}}") == frozenset()
    assert placeholders("{broken") is None


def test_plural_forms_follow_the_language_rule() -> None:
    key = "{n} day\0{n} days"
    ru = translator("ru", {key: "{n} день\0{n} дня\0{n} дней"})
    assert [ru.ntr("{n} day", "{n} days", n, n=n) for n in (1, 3, 5, 21, 11)] == [
        "1 день",
        "3 дня",
        "5 дней",
        "21 день",
        "11 дней",
    ]
    fr = translator("fr", {key: "{n} jour\0{n} jours"})
    assert fr.ntr("{n} day", "{n} days", 0, n=0) == "0 jour"  # French: 0 is singular
    en = source_translator()
    assert en.ntr("{n} day", "{n} days", 1, n=1) == "1 day"
    assert en.ntr("{n} day", "{n} days", 2, n=2) == "2 days"


def test_a_plural_form_may_leave_out_the_number_but_not_invent_fields() -> None:
    key = "{n} day\0{n} days"
    ar_forms = ["{n} يوم", "يوم واحد", "يومان", "{n} أيام", "{n} يومًا", "{n} يوم"]
    ar = translator("ar", {key: "\0".join(ar_forms)})
    assert ar.rejected == ()
    assert ar.ntr("{n} day", "{n} days", 2, n=2) == "يومان"
    bad = translator("ar", {key: "\0".join([*ar_forms[:5], "{count} يوم"])})
    assert len(bad.rejected) == 1
    assert bad.ntr("{n} day", "{n} days", 200, n=200) == "200 days"


def test_contexts_keep_identical_words_apart() -> None:
    t = translator("pl", {"date\x04May": "maja", "May": "Może"})
    assert t.pgettext("date", "May") == "maja"
    assert t.gettext("May") == "Może"
    assert t.pgettext("other", "May") == "May"
    assert t.npgettext("date", "a", "b", 2) == "b"


def test_language_metadata() -> None:
    assert language("zh").code == "zh_Hans"
    assert language("ar").rtl and language("ur").rtl
    assert not language("es").rtl
    assert language("ht").native_name == "Kreyòl ayisyen"
    assert translator("ur", {}).is_rtl
    with pytest.raises(UnknownLanguage):
        language("xx")


def test_load_translator_reads_a_compiled_catalogue(tmp_path: Path) -> None:
    po = PoFile(header="Language: es\n", entries=(Entry("Address", ("Dirección",)),))
    path = mo_path(tmp_path, "es")
    path.parent.mkdir(parents=True)
    path.write_bytes(compile_mo(po))
    assert load_translator("es", tmp_path).gettext("Address") == "Dirección"
    assert load_translator("en", tmp_path).gettext("Address") == "Address"


def test_missing_and_damaged_catalogues_are_errors_the_root_can_handle(tmp_path: Path) -> None:
    with pytest.raises(CatalogueMissing):
        load_translator("fr", tmp_path)
    path = mo_path(tmp_path, "fr")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a catalogue at all, but long enough")
    with pytest.raises(CatalogueCorrupt):
        load_translator("fr", tmp_path)
