"""The small parts: application numbers, languages, document search, reprs and the codec."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from kiosk.enrollment import LANGUAGES, LanguageChoice, UnknownLanguage
from kiosk.enrollment import numbers as n
from kiosk.enrollment.catalogue import search_documents
from kiosk.enrollment.codec import application_from_json, application_to_json
from kiosk.enrollment.languages import language, receipt_locale
from kiosk.enrollment.model import (
    ApplicantDetails,
    Application,
    DocumentEntry,
)
from kiosk.enrollment.scan import prefill
from kiosk.i18n import LANGUAGES as I18N_LANGUAGES
from kiosk.reading.evidence import Attestation, DocumentEvidence, EvidencePolicy, Verdict
from kiosk.reading.models import Address, DocumentClass, DocumentFields
from kiosk.rules import PresentedDocument, Program

# --- application numbers -------------------------------------------------------------------


def test_numbers_have_the_documented_shape_and_check() -> None:
    digits = itertools.cycle(range(32))
    number = n.new_application_number("k-0123", token=lambda _: next(digits))
    assert number == f"{n.kiosk_prefix('k-0123')}-0123-456{number[-1]}"
    assert n.normalise(number) == number
    assert n.normalise(" " + number.lower().replace("-", " ") + " ") == number
    assert len(n.kiosk_prefix("k-0123")) == 3 and n.kiosk_prefix("k-0123") != n.kiosk_prefix("k-1")


def test_lookalikes_are_read_as_digits() -> None:
    body = "000111AAAA"
    number = n.format_number(body + n.check_character(body))
    assert n.normalise(number.replace("0", "O").replace("1", "l")) == number


def test_luhn_misses_only_swapping_neighbouring_0_and_z() -> None:
    for a, b in itertools.permutations(n.ALPHABET, 2):
        body = "0000000" + "A" + a + b
        swapped = body[:8] + b + a + n.check_character(body)
        assert (n.normalise(swapped) is not None) == ({a, b} == {"0", "Z"})


def test_every_single_typo_and_neighbour_swap_is_caught() -> None:
    number = n.new_application_number("k-42")
    compact = number.replace("-", "")
    for i, c in itertools.product(range(len(compact)), n.ALPHABET):
        if c != compact[i]:
            assert n.normalise(compact[:i] + c + compact[i + 1 :]) is None
    for i in range(len(compact) - 1):
        a, b = compact[i], compact[i + 1]
        if a != b and {a, b} != {"0", "Z"}:  # Luhn's one blind spot, like 0/9 in base 10
            assert n.normalise(compact[:i] + b + a + compact[i + 2 :]) is None


@pytest.mark.parametrize(
    "text", ["", "ABC-DEFG-HJK", "ABC-DEFG-HJKMN", "ABC-DEFG-HJ*K", "UUU-UUUU-UUUU"]
)
def test_malformed_numbers(text: str) -> None:
    assert n.normalise(text) is None


# --- languages -----------------------------------------------------------------------------


def test_the_language_list() -> None:
    names = [lang.english_name for lang in LANGUAGES]
    assert names == [
        "English",
        "Spanish",
        "Chinese (Simplified)",
        "Russian",
        "Haitian Creole",
        "Korean",
        "Bengali",
        "Arabic",
        "Urdu",
        "French",
        "Polish",
        "American Sign Language (ASL)",
        "Other",
    ]
    # Written languages carry the i18n catalogue codes, so a choice names its catalogue.
    written = [lang.code for lang in LANGUAGES if lang.written]
    assert written == [lang.code for lang in I18N_LANGUAGES]
    assert language("zh_Hans").own_name == "中文"
    assert language("ar").right_to_left and language("ur").right_to_left
    assert language("ht").own_name == "Kreyòl ayisyen"
    assert not language("ase").written
    with pytest.raises(UnknownLanguage) as raised:
        language("xx")
    assert raised.value.code == "enrollment.unknown_language"


def test_the_receipt_language() -> None:
    assert receipt_locale([]) == "en"
    assert receipt_locale([LanguageChoice("ase"), LanguageChoice("ko")]) == "ko"
    assert receipt_locale([LanguageChoice("ko"), LanguageChoice("es")], ("en", "es")) == "es"
    assert LanguageChoice("bn").language.english_name == "Bengali"


# --- document search -----------------------------------------------------------------------


def test_search_by_words_ignoring_case_and_accents(program: Program) -> None:
    found = search_documents(program, "BIRTH cértif")
    assert [c.id for c in found][:2] == ["us_birth_certificate", "foreign_birth_certificate"]
    assert not any(c.relationship for c in found)
    with_caretaker = search_documents(program, "birth cert", caretaker=True)
    assert any(c.relationship for c in with_caretaker)
    assert len(search_documents(program, "", limit=5)) == 5
    assert search_documents(program, "zzzz") == ()
    (passport,) = search_documents(program, "foreign passport machine readable", limit=1)
    assert passport.has_photo and passport.identity_points == 3 and "expires" in passport.needs


# --- reprs, prefill corners and the codec ----------------------------------------------------


def test_reprs_hide_applicant_data() -> None:
    details = ApplicantDetails(family_name="Núñez")
    assert "Núñez" not in repr(details)
    assert "Núñez" not in repr(Application(details=details))
    entry = DocumentEntry(PresentedDocument("x", postal_code="11201"))
    assert "11201" not in repr(entry)


def test_prefill_skips_blank_readings() -> None:
    fields = DocumentFields(family_name="  ", address=Address(street=None, postal_code="11201"))
    details, filled, conflicts = prefill(ApplicantDetails(), fields)
    assert filled == ("postal_code",) and conflicts == ()
    assert details.postal_code == "11201" and details.family_name == ""


def test_the_codec_keeps_metadata_evidence() -> None:
    evidence = DocumentEvidence(
        EvidencePolicy.METADATA,
        Attestation("ana"),
        Verdict.VERIFIED,
        document_class=DocumentClass.PASSPORT,
        issuer="UTO",
        expiry_date=date(2030, 1, 1),
    )
    app = Application(documents=(DocumentEntry(PresentedDocument("x"), evidence=evidence),))
    assert application_from_json(application_to_json(app)) == app


def test_every_choice_and_field_has_a_label() -> None:
    from kiosk.enrollment import labels  # noqa: PLC0415
    from kiosk.enrollment.model import (  # noqa: PLC0415
        DETAIL_FIELDS,
        AddressKind,
        ApplicationType,
        EyeColour,
        Gender,
    )

    assert set(labels.APPLICATION_TYPE_LABELS) == set(ApplicationType)
    assert set(labels.GENDER_LABELS) == set(Gender)
    assert set(labels.EYE_COLOUR_LABELS) == set(EyeColour)
    assert set(labels.ADDRESS_KIND_LABELS) == set(AddressKind)
    problem_fields = {"application_type", "languages", "documents", "photo", "attested"}
    assert set(labels.FIELD_LABELS) == DETAIL_FIELDS | problem_fields
