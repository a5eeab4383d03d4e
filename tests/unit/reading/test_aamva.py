"""AAMVA payloads of versions 1 to 10: header, subfiles, dates, names, sex codes and ZIP codes."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.reading.aamva import parse_aamva, parse_header
from kiosk.reading.errors import AamvaFormatError
from kiosk.reading.models import DocumentClass, ReadKind

from .fixtures import SAMPLE_ELEMENTS, aamva_payload

# Element sets as each generation of the standard wrote a name and dates.
V1 = (
    ("DAQ", "1234567"),
    ("DAA", "PUBLIC,JOHN,Q"),
    ("DAG", "123 MAIN STREET"),
    ("DAI", "ANYTOWN"),
    ("DAJ", "NY"),
    ("DAK", "100010000"),
    ("DBA", "20300115"),
    ("DBB", "19700704"),
    ("DBC", "M"),
)
V3 = (
    ("DAQ", "D1234567"),
    ("DCS", "PUBLIC"),
    ("DCT", "JOHN,QUINCY"),
    ("DBA", "01152030"),
    ("DBB", "07041970"),
    ("DBC", "1"),
    ("DAG", "123 MAIN STREET"),
    ("DAI", "ANYTOWN"),
    ("DAJ", "NY"),
    ("DAK", "10001-2345"),
    ("DCG", "USA"),
)
MODERN = (
    ("DAQ", "123456789"),
    ("DCS", "PUBLIC"),
    ("DAC", "JANE"),
    ("DAD", "NONE"),
    ("DBA", "01152030"),
    ("DBB", "07041970"),
    ("DBC", "2"),
    ("DAG", "1 CENTRE ST"),
    ("DAH", "APT 4"),
    ("DAI", "NEW YORK"),
    ("DAJ", "NY"),
    ("DAK", "100070000  "),
    ("DCG", "USA"),
    ("DDA", "F"),
    ("DDD", "1"),
)


def test_sample_payload_maps_to_the_contract() -> None:
    result = parse_aamva(aamva_payload(SAMPLE_ELEMENTS))
    assert result.to_json() == {
        "kind": "aamva",
        "valid": True,
        "fields": {
            "family_name": "SAMPLE",
            "given_names": "MICHAEL JOHN",
            "birth_date": "1986-06-06",
            "expiry_date": "2029-12-10",
            "sex": "M",
            "document_number": "T64235789",
            "address": {
                "street": "2300 WEST BROAD STREET",
                "city": "RICHMOND",
                "state": "VA",
                "postal_code": "23269",
                "country": "USA",
            },
        },
    }
    assert result.document_class is DocumentClass.DRIVER_LICENSE
    assert (result.issuer, result.document_format) == ("VA", "AAMVA-10")


def test_version_1_full_name_and_iso_dates() -> None:
    result = parse_aamva(aamva_payload(V1, version=1))
    assert result.valid, result.problems
    fields = result.fields
    assert fields is not None and fields.address is not None
    assert (fields.family_name, fields.given_names) == ("PUBLIC", "JOHN Q")
    assert (fields.birth_date, fields.expiry_date) == (date(1970, 7, 4), date(2030, 1, 15))
    assert fields.sex == "M"
    assert (fields.address.postal_code, fields.address.country) == ("10001", "USA")


def test_version_1_header_has_no_jurisdiction_version() -> None:
    header, _ = parse_header(aamva_payload(V1, version=1))
    assert (header.version, header.jurisdiction_version, header.subfile_types) == (
        1,
        None,
        ("DL", "ZV"),
    )


@pytest.mark.parametrize("version", [2, 3])
def test_versions_2_and_3_given_names_in_dct(version: int) -> None:
    result = parse_aamva(aamva_payload(V3, version=version))
    assert result.valid, result.problems
    assert result.fields is not None
    assert (result.fields.family_name, result.fields.given_names) == ("PUBLIC", "JOHN QUINCY")
    assert result.fields.birth_date == date(1970, 7, 4)


@pytest.mark.parametrize("version", range(4, 11))
def test_versions_4_to_10(version: int) -> None:
    result = parse_aamva(aamva_payload(MODERN, version=version, subfile="ID"))
    assert result.valid, result.problems
    fields = result.fields
    assert fields is not None and fields.address is not None
    assert (fields.family_name, fields.given_names, fields.sex) == ("PUBLIC", "JANE", "F")
    assert fields.address.street == "1 CENTRE ST APT 4"
    assert fields.address.postal_code == "10007"
    assert result.document_class is DocumentClass.IDENTITY_CARD


def test_canadian_dates_are_ccyymmdd_and_postal_code_as_printed() -> None:
    elements = (
        ("DAQ", "P1234-56789-01234"),
        ("DCS", "TREMBLAY"),
        ("DAC", "MARIE"),
        ("DAD", "CLAIRE,ANNE"),
        ("DBA", "20310930"),
        ("DBB", "19880215"),
        ("DBC", "2"),
        ("DAG", "100 RUE PRINCIPALE"),
        ("DAI", "MONTREAL"),
        ("DAJ", "QC"),
        ("DAK", "H2X 1Y4    "),
        ("DCG", "CAN"),
    )
    result = parse_aamva(aamva_payload(elements, version=8, iin="604428"))
    assert result.valid, result.problems
    fields = result.fields
    assert fields is not None and fields.address is not None
    assert fields.given_names == "MARIE CLAIRE ANNE"
    assert (fields.birth_date, fields.expiry_date) == (date(1988, 2, 15), date(2031, 9, 30))
    assert (fields.address.postal_code, fields.address.country) == ("H2X 1Y4", "CAN")


def test_version_1_canada_from_the_jurisdiction() -> None:
    elements = (
        *tuple((c, v) for c, v in V1 if c not in ("DAJ", "DAK")),
        ("DAJ", "ON"),
        ("DAK", "M5V 2T6"),
    )
    fields = parse_aamva(aamva_payload(elements, version=1)).fields
    assert fields is not None and fields.address is not None
    assert (fields.address.country, fields.address.postal_code) == ("CAN", "M5V 2T6")


@pytest.mark.parametrize(
    ("code", "sex"), [("1", "M"), ("2", "F"), ("9", "X"), ("M", "M"), ("F", "F")]
)
def test_sex_codes(code: str, sex: str) -> None:
    elements = tuple((c, code if c == "DBC" else v) for c, v in MODERN)
    result = parse_aamva(aamva_payload(elements))
    assert result.fields is not None and result.fields.sex == sex


def test_unknown_sex_code_is_a_problem_not_a_guess() -> None:
    elements = tuple((c, "7" if c == "DBC" else v) for c, v in MODERN)
    result = parse_aamva(aamva_payload(elements))
    assert result.problems == ("sex",)
    assert not result.valid
    assert result.fields is not None and result.fields.sex is None


@pytest.mark.parametrize("raw", ["100070000", "10007-1234", "100071234  ", "10007"])
def test_zip_plus_4_keeps_five_digits(raw: str) -> None:
    elements = tuple((c, raw if c == "DAK" else v) for c, v in MODERN)
    fields = parse_aamva(aamva_payload(elements)).fields
    assert fields is not None and fields.address is not None
    assert fields.address.postal_code == "10007"


def test_us_date_in_iso_order_is_still_read() -> None:
    elements = tuple((c, "19700704" if c == "DBB" else v) for c, v in MODERN)
    fields = parse_aamva(aamva_payload(elements)).fields
    assert fields is not None and fields.birth_date == date(1970, 7, 4)


def test_impossible_date_is_invalid() -> None:
    elements = tuple((c, "13451970" if c == "DBB" else v) for c, v in MODERN)
    result = parse_aamva(aamva_payload(elements))
    assert result.problems == ("date.birth_date",)
    assert not result.valid


def test_missing_required_fields_are_reported() -> None:
    elements = tuple((c, v) for c, v in MODERN if c not in ("DAQ", "DBB", "DBC"))
    result = parse_aamva(aamva_payload(elements))
    assert set(result.problems) == {"missing.birth_date", "missing.document_number", "missing.sex"}
    assert not result.valid


def test_unknown_newer_version_is_read_but_flagged() -> None:
    result = parse_aamva(aamva_payload(MODERN, version=11))
    assert result.valid
    assert result.problems == ("aamva.version_unknown",)


def test_status_hinting_elements_are_never_read() -> None:
    """DDA (compliance type) and DDD (limited duration) can reveal status: not in any output."""
    result = parse_aamva(aamva_payload(MODERN))
    assert result.fields is not None
    assert "DDA" not in str(result.to_json())
    assert not hasattr(result.fields, "compliance_type")


def test_offsets_are_not_trusted() -> None:
    payload = aamva_payload(MODERN).replace("DL0041", "DL0999")
    assert parse_aamva(payload).valid


@pytest.mark.parametrize(
    "payload",
    [
        "",
        "hello",
        "@\n\x1e\rANSI 6360001001",
        "@\n\x1e\rANSI 63600010010",
        "@\n\x1e\rANSI 636000100101ZV00410008ZVZVA01\r",
        "@\n\x1e\rANSI 636000100101DL00410008DL\r",
    ],
)
def test_malformed_payloads_raise_a_clean_error(payload: str) -> None:
    with pytest.raises(AamvaFormatError) as caught:
        parse_aamva(payload)
    assert caught.value.code == "reading.aamva_format"


def test_kind_is_aamva() -> None:
    assert parse_aamva(aamva_payload(MODERN)).kind is ReadKind.AAMVA
