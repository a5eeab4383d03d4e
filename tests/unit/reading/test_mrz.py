"""MRZ parsing against the ICAO 9303 specimens, and every check digit failing on its own."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.reading.errors import MrzFormatError
from kiosk.reading.models import DocumentClass, ReadKind
from kiosk.reading.mrz import check_digit, parse_mrz, split_names

from .conftest import TODAY
from .fixtures import MRVA_SPECIMEN, MRVB_SPECIMEN, TD1_SPECIMEN, TD2_SPECIMEN, TD3_SPECIMEN

SPECIMENS = {
    "TD3": TD3_SPECIMEN,
    "TD1": TD1_SPECIMEN,
    "TD2": TD2_SPECIMEN,
    "MRV-A": MRVA_SPECIMEN,
    "MRV-B": MRVB_SPECIMEN,
}


def _replace(line: str, index: int, char: str) -> str:
    return line[:index] + char + line[index + 1 :]


@pytest.mark.parametrize(
    ("data", "digit"),
    [
        ("L898902C3", 6),
        ("740812", 2),
        ("120415", 9),
        ("ZE184226B<<<<<", 1),
        ("D23145890", 7),
        ("520727", 3),
    ],
)
def test_check_digits_of_the_specimens(data: str, digit: int) -> None:
    assert check_digit(data) == digit


@pytest.mark.parametrize("name", list(SPECIMENS))
def test_every_specimen_parses_valid(name: str) -> None:
    result = parse_mrz(SPECIMENS[name], today=TODAY)
    assert result.valid, result.problems
    assert result.kind is ReadKind.MRZ
    assert result.document_format == name
    fields = result.fields
    assert fields is not None
    assert (fields.family_name, fields.given_names, fields.sex) == ("ERIKSSON", "ANNA MARIA", "F")


def test_td3_specimen_fields_and_contract_json() -> None:
    result = parse_mrz(TD3_SPECIMEN, today=TODAY)
    assert result.to_json() == {
        "kind": "mrz",
        "valid": True,
        "fields": {
            "family_name": "ERIKSSON",
            "given_names": "ANNA MARIA",
            "birth_date": "1974-08-12",
            "expiry_date": "2012-04-15",
            "sex": "F",
            "document_number": "L898902C3",
            "nationality": "UTO",
        },
    }
    assert result.document_class is DocumentClass.PASSPORT
    assert result.issuer == "UTO"


def test_visas_are_recorded_only_as_other_travel_documents() -> None:
    result = parse_mrz(MRVA_SPECIMEN, today=TODAY)
    assert result.document_class is DocumentClass.OTHER_TRAVEL_DOCUMENT
    assert result.fields is not None and result.fields.birth_date == date(1940, 9, 7)


@pytest.mark.parametrize(
    ("line", "index", "problem"),
    [
        (1, 9, "check_digit.document_number"),
        (1, 19, "check_digit.birth_date"),
        (1, 27, "check_digit.expiry_date"),
        (1, 42, "check_digit.personal_number"),
        (1, 43, "check_digit.composite"),
    ],
)
def test_td3_each_failed_check_digit_is_reported(line: int, index: int, problem: str) -> None:
    lines = list(TD3_SPECIMEN)
    wrong = "7" if lines[line][index] != "7" else "3"
    lines[line] = _replace(lines[line], index, wrong)
    result = parse_mrz(lines, today=TODAY)
    assert not result.valid
    assert problem in result.problems


def test_a_field_that_failed_its_check_is_not_guessed() -> None:
    lines = list(TD3_SPECIMEN)
    lines[1] = _replace(lines[1], 14, "5")  # birth date 740812 -> 750812, check digit stays 2
    result = parse_mrz(lines, today=TODAY)
    assert result.problems == ("check_digit.birth_date", "check_digit.composite")
    assert result.fields is not None and result.fields.birth_date is None
    assert result.to_json()["valid"] is False


@pytest.mark.parametrize(
    ("line", "index", "problem"),
    [
        (0, 14, "check_digit.document_number"),
        (1, 6, "check_digit.birth_date"),
        (1, 14, "check_digit.expiry_date"),
        (1, 29, "check_digit.composite"),
    ],
)
def test_td1_each_failed_check_digit_is_reported(line: int, index: int, problem: str) -> None:
    lines = list(TD1_SPECIMEN)
    lines[line] = _replace(lines[line], index, "1" if lines[line][index] != "1" else "2")
    assert problem in parse_mrz(lines, today=TODAY).problems


def test_td2_composite_and_mrvb_has_none() -> None:
    lines = list(TD2_SPECIMEN)
    lines[1] = _replace(lines[1], 35, "0")
    assert parse_mrz(lines, today=TODAY).problems == ("check_digit.composite",)
    assert parse_mrz(MRVB_SPECIMEN, today=TODAY).problems == ()


def _td1(number_field: str, optional: str) -> list[str]:
    first = ("I<UTO" + number_field + optional).ljust(30, "<")
    second = "7408122F1204159UTO<<<<<<<<<<<"
    composite = check_digit(first[5:30] + second[0:7] + second[8:15] + second[18:29])
    return [first, second + str(composite), "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]


def test_td1_long_document_number_continues_in_optional_data() -> None:
    number = "D23145890123"
    digit = check_digit(number)
    lines = _td1(number[:9] + "<", number[9:] + str(digit))
    result = parse_mrz(lines, today=TODAY)
    assert result.valid, result.problems
    assert result.fields is not None and result.fields.document_number == number


def test_td2_long_document_number() -> None:
    number = "D2314589012"
    second = (
        number[:9] + "<UTO7408122F1204159" + (number[9:] + str(check_digit(number))).ljust(7, "<")
    )
    second += str(check_digit(second[0:10] + second[13:20] + second[21:35]))
    result = parse_mrz([TD2_SPECIMEN[0], second], today=TODAY)
    assert result.valid, result.problems
    assert result.fields is not None and result.fields.document_number == number


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("ERIKSSON<<ANNA<MARIA<<<<", ("ERIKSSON", "ANNA MARIA")),
        ("VAN<DER<BERG<<JAN<<<<<<", ("VAN DER BERG", "JAN")),
        ("MONONYM<<<<<<<<<<<<<<<<", ("MONONYM", None)),
        ("<<<<<<<<<<", (None, None)),
        ("DE<LA<CRUZ<<MARIA<<JOSE<", ("DE LA CRUZ", "MARIA JOSE")),
    ],
)
def test_name_fillers(field: str, expected: tuple[str | None, str | None]) -> None:
    assert split_names(field) == expected


@pytest.mark.parametrize(("char", "sex"), [("M", "M"), ("F", "F"), ("<", "X"), ("X", "X")])
def test_sex_codes(char: str, sex: str) -> None:
    lines = list(TD3_SPECIMEN)
    lines[1] = _replace(lines[1], 20, char)  # sex is outside every check digit
    result = parse_mrz(lines, today=TODAY)
    assert result.valid
    assert result.fields is not None and result.fields.sex == sex


def test_birth_century_never_in_the_future_and_expiry_in_this_century() -> None:
    second = "L898902C36UTO2001014F3001012ZE184226B<<<<<1<"
    second = _replace(second, 19, str(check_digit("200101")))
    second = _replace(second, 27, str(check_digit("300101")))
    second = _replace(second, 43, str(check_digit(second[0:10] + second[13:20] + second[21:43])))
    result = parse_mrz([TD3_SPECIMEN[0], second], today=TODAY)
    assert result.valid, result.problems
    fields = result.fields
    assert fields is not None
    assert fields.birth_date == date(2020, 1, 1)
    assert fields.expiry_date == date(2030, 1, 1)
    later = parse_mrz([TD3_SPECIMEN[0], second], today=date(2019, 6, 1)).fields
    assert later is not None and later.birth_date == date(1920, 1, 1)


def test_impossible_date_with_a_correct_check_digit_is_invalid() -> None:
    second = "L898902C36UTO7413322F1204159ZE184226B<<<<<1<"
    second = _replace(second, 19, str(check_digit("741332")))
    second = _replace(second, 43, str(check_digit(second[0:10] + second[13:20] + second[21:43])))
    result = parse_mrz([TD3_SPECIMEN[0], second], today=TODAY)
    assert result.problems == ("date.birth_date",)
    assert result.fields is not None and result.fields.birth_date is None


@pytest.mark.parametrize(
    "lines",
    [
        [],
        ["P<UTO"],
        [TD3_SPECIMEN[0], TD3_SPECIMEN[1][:40]],
        [TD3_SPECIMEN[0].lower(), TD3_SPECIMEN[1]],
        [TD3_SPECIMEN[0], TD3_SPECIMEN[1], TD3_SPECIMEN[1]],
        ["I<UTO D231458907<<<<<<<<<<<<<<", *TD1_SPECIMEN[1:]],
    ],
)
def test_malformed_shapes_raise_a_clean_error(lines: list[str]) -> None:
    with pytest.raises(MrzFormatError) as caught:
        parse_mrz(lines, today=TODAY)
    assert caught.value.code == "reading.mrz_format"
    assert "ERIKSSON" not in caught.value.message


def test_fields_never_appear_in_a_repr() -> None:
    result = parse_mrz(TD3_SPECIMEN, today=TODAY)
    assert "ERIKSSON" not in repr(result)
    assert "L898902C3" not in repr(result)
