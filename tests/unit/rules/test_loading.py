"""Program files: discovery, hashing, typed sections, and clear errors for broken files."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.errors import InvalidInput, KioskError
from kiosk.rules import (
    ProgramFileInvalid,
    UnknownProgram,
    available_programs,
    load_program,
    parse_program,
    programs_dir,
)
from kiosk.rules.tomlread import LineLocator, format_key
from tests.unit.rules.helpers import MINIMAL

WriteProgram = Callable[..., Path]


def test_bundled_programs_are_listed_and_valid() -> None:
    infos = available_programs()
    assert [i.id for i in infos] == ["idnyc", "newburgh", "sf_city_id"]
    for info in infos:
        assert info.content_hash == hashlib.sha256(info.path.read_bytes()).hexdigest()
        assert info.version


def test_content_hash_is_sha256_of_the_file_bytes(idnyc) -> None:  # type: ignore[no-untyped-def]
    data = (programs_dir() / "idnyc.toml").read_bytes()
    assert idnyc.content_hash == hashlib.sha256(data).hexdigest()
    assert idnyc.file_name == "idnyc.toml"


def test_any_change_to_the_file_changes_the_hash() -> None:
    first = parse_program(MINIMAL.encode(), "mini.toml")
    second = parse_program((MINIMAL + "# a comment\n").encode(), "mini.toml")
    assert first.content_hash != second.content_hash
    assert first.version == second.version == "1"


def test_idnyc_uses_the_reference_ids_and_rules(idnyc) -> None:  # type: ignore[no-untyped-def]
    assert idnyc.id == "idnyc"
    assert len(idnyc.documents) == 94
    assert len(idnyc.relationship_documents) == 15
    assert idnyc.age.minimum == 10
    assert idnyc.age.caretaker_below == 14
    assert idnyc.residency_window_days == 60
    passport = idnyc.document("us_passport")
    assert (passport.identity_points, passport.has_photo, passport.has_dob) == (3, True, True)
    assert idnyc.document("us_passport_expired_3y").expired_grace_days == 1095
    assert idnyc.document("care_of_address_letter").window.days == 14
    assert idnyc.document("residential_lease").window.kind == "current"
    assert idnyc.document("irs_w2_1099_1095").window.kind == "april_15_next_year"
    assert idnyc.document("property_tax_statement").window.days == 365
    assert idnyc.document("utility_cable_phone_bill").window.days == 60
    assert [p.id for p in idnyc.paths] == ["single_document", "points", "caretaker", "agency"]


def test_nyc_zip_codes_cover_the_five_boroughs(idnyc) -> None:  # type: ignore[no-untyped-def]
    for zip_code in ("10001", "10451", "11201", "11368", "10314", "11691"):
        assert idnyc.area.contains(zip_code)
    assert idnyc.area.contains("11368-1234")
    for zip_code in ("07030", "10701", "11550", "12550"):
        assert not idnyc.area.contains(zip_code)


def test_evidence_photo_and_card_sections(idnyc, sf, newburgh) -> None:  # type: ignore[no-untyped-def]
    assert idnyc.evidence == "attest"
    assert idnyc.photo.aspect_ratio == pytest.approx(0.8)
    assert (idnyc.photo.face_height_min, idnyc.photo.face_height_max) == (0.5, 0.7)
    assert (idnyc.photo.output_width, idnyc.photo.output_height) == (400, 500)
    assert idnyc.card is not None
    assert idnyc.card.validity_years_for(30) == 5
    assert idnyc.card.validity_years_for(12) == 2
    assert sf.card is not None and sf.card.validity_years_for(12) == 2
    assert newburgh.card is None
    assert parse_program(MINIMAL.encode(), "m.toml").evidence == "metadata"


def test_load_by_path_and_by_name_in_a_folder(write_program: WriteProgram) -> None:
    path = write_program(MINIMAL)
    assert load_program(path).id == "mini"
    assert load_program(str(path)).id == "mini"
    assert load_program("mini", directory=path.parent).id == "mini"
    assert [i.id for i in available_programs(path.parent)] == ["mini"]
    assert available_programs(path.parent / "nowhere") == []


def test_unknown_program_names_the_available_ones() -> None:
    with pytest.raises(UnknownProgram, match="available: idnyc, newburgh, sf_city_id") as caught:
        load_program("gotham")
    assert caught.value.code == "rules.unknown_program"
    assert isinstance(caught.value, InvalidInput)


def test_missing_program_path(tmp_path: Path) -> None:
    with pytest.raises(UnknownProgram, match="no program file"):
        load_program(tmp_path / "absent.toml")


def test_unreadable_program_file(write_program: WriteProgram, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = write_program(MINIMAL)

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(
        ProgramFileInvalid, match=r"mini\.toml: cannot be read \(Permission denied\)"
    ):
        load_program(path)


def _error(text: str, write_program: WriteProgram) -> ProgramFileInvalid:
    with pytest.raises(ProgramFileInvalid) as caught:
        load_program(write_program(text))
    error = caught.value
    assert isinstance(error, KioskError)
    assert error.code == "rules.invalid_program"
    assert error.file_name == "mini.toml"
    return error


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_toml_syntax_error_gives_the_line(write_program: WriteProgram) -> None:
    text = MINIMAL.replace('name = "Bill"', 'name = "Bill')
    error = _error(text, write_program)
    assert error.line == _line_of(text, 'name = "Bill')
    assert "is not valid TOML" in error.message
    assert f"mini.toml, line {error.line}" in error.message


def test_not_utf8(write_program: WriteProgram, tmp_path: Path) -> None:
    path = tmp_path / "mini.toml"
    path.write_bytes(b"schema = 1\nname = '\xff'\n")
    with pytest.raises(ProgramFileInvalid, match="not UTF-8"):
        load_program(path)


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        (
            "identity_points = 3\nhas_photo",
            'identity_points = "3"\nhas_photo',
            "document[0].identity_points",
            "whole number",
        ),
        (
            "identity_points = 3\nhas_photo",
            "identity_points = -1\nhas_photo",
            "document[0].identity_points",
            "at least 0",
        ),
        ("has_photo = true", "has_foto = true", "document[0].has_foto", "unknown key"),
        ("has_photo = true", 'has_photo = "yes"', "document[0].has_photo", "true or false"),
        (
            'evidence = "metadata"',
            'evidence = "scan"',
            "program.evidence",
            "must be one of attest, metadata, image",
        ),
        ('kind = "threshold"', 'kind = "lottery"', "path[0].kind", "must be one of"),
        ('version = "1"\n', "", "program.version", "required key is missing"),
        ('version = "1"', 'version = ""', "program.version", "non-empty string"),
        ("schema = 1", "schema = 2", "schema", "reads schema 1"),
        ('id = "bill"', 'id = "passport"', "document[1].id", "duplicate id 'passport'"),
        ('id = "bill"', 'id = "Bill!"', "document[1].id", "lower-case"),
        (
            'identity = ["passport"]',
            'identity = ["visa"]',
            "suggestions.identity",
            "'visa' is not a declared document id",
        ),
        (
            'identity = ["passport"]',
            "identity = [1]",
            "suggestions.identity",
            "list of non-empty strings",
        ),
        (
            "must_be_unexpired = true",
            'must_be_unexpired = true\nexpired_counts_as = "visa"',
            "document[0].expired_counts_as",
            "not a declared",
        ),
        (
            "must_be_unexpired = true",
            "must_be_unexpired = true\nwindow_days = 0",
            "document[0].window_days",
            "at least 1",
        ),
        (
            "must_be_unexpired = true",
            'must_be_unexpired = true\nwindow = "weekly"',
            "document[0].window",
            "must be one of none, current",
        ),
        (
            "must_be_unexpired = true",
            'must_be_unexpired = true\nwindow = "none"\nwindow_days = 3',
            "document[0].window",
            "not both",
        ),
        (
            "must_be_unexpired = true",
            'must_be_unexpired = true\ntier = "gold"',
            "document[0].tier",
            "unknown tier",
        ),
        (
            "must_be_unexpired = true",
            'must_be_unexpired = true\ncard_address = "attic"',
            "document[0].card_address",
            "must be one of",
        ),
        (
            "identity_points = 3\nhas_photo",
            "has_photo",
            "document[0].identity_points",
            "identity or residency",
        ),
        ('centre = ["12345"]', 'centre = ["1"]', "area.postal_codes.centre", "not a postal code"),
        ('centre = ["12345"]', "centre = []", "area.postal_codes", "at least one postal code"),
        (
            "face_height_max = 0.7",
            "face_height_max = 0.4",
            "photo.face_height_max",
            "face_height_min < face_height_max",
        ),
        ("aspect_width = 2.0", "aspect_width = 0", "photo.aspect_width", "positive number"),
        (
            "[age]\nminimum = 10",
            "[age]\nminimum = 10\ncaretaker_below = 5",
            "age.caretaker_below",
            "above the minimum",
        ),
        ("[suggestions]", "[suggestions]\n", "", ""),
    ],
)
def test_schema_errors_name_file_key_and_line(
    write_program: WriteProgram, old: str, new: str, key: str, problem: str
) -> None:
    assert old in MINIMAL
    text = MINIMAL.replace(old, new, 1)
    if not problem:
        load_program(write_program(text))  # a harmless edit stays valid
        return
    error = _error(text, write_program)
    assert error.key == key
    assert problem in error.problem
    assert error.line is not None
    assert f"mini.toml, line {error.line} at {key}" in error.message or not key
    if key.rsplit(".", maxsplit=1)[-1].split("[", maxsplit=1)[0] in new:
        written = key.rsplit(".", maxsplit=1)[-1].split("[", maxsplit=1)[0]
        assert written in text.splitlines()[error.line - 1]


@pytest.mark.parametrize(
    ("key", "table", "problem"),
    [("age", "[age]", "must be a table"), ("path", "[[path]]", "list of tables")],
)
def test_wrong_kind_of_value_for_a_table(
    write_program: WriteProgram, key: str, table: str, problem: str
) -> None:
    renamed = table.replace(key, key + "x")
    text = MINIMAL.replace("schema = 1\n", f"schema = 1\n{key} = 3\n").replace(table, renamed)
    error = _error(text, write_program)
    assert (error.key, error.line) == (key, 2)
    assert problem in error.problem


def test_single_document_needs_photo_and_dob(write_program: WriteProgram) -> None:
    text = MINIMAL.replace("has_dob = true\n", "single_document = true\n", 1)
    error = _error(text, write_program)
    assert error.key == "document[0].single_document"
    assert error.line == _line_of(text, "single_document = true")


def test_fallback_loops_are_rejected(write_program: WriteProgram) -> None:
    text = (
        MINIMAL.replace(
            "must_be_unexpired = true",
            'must_be_unexpired = true\nexpired_counts_as = "other"',
        )
        + '\n[[document]]\nid = "other"\nname = "Other"\nidentity_points = 1\n'
    )
    text += 'must_be_unexpired = true\nexpired_counts_as = "passport"\n'
    error = _error(text, write_program)
    assert "fallback loop" in error.problem


def test_card_section_needs_both_minor_keys(write_program: WriteProgram) -> None:
    text = MINIMAL + "\n[card]\nvalidity_years = 5\nminor_validity_years = 2\n"
    error = _error(text, write_program)
    assert error.key == "card"
    assert error.line == _line_of(text, "[card]")


def test_programs_need_documents_paths_and_matching_lists(write_program: WriteProgram) -> None:
    no_paths = MINIMAL.replace("[[path]]\nid", "[[pathx]]\nid")
    error = _error(no_paths, write_program)
    assert (error.key, error.line) == ("pathx", _line_of(no_paths, "[[pathx]]"))
    assert "unknown key" in error.problem
    cut = MINIMAL.index("[[path]]")
    only_header = MINIMAL[:cut]
    assert "at least one [[document]]" in _error(only_header, write_program).problem
    without_path = MINIMAL[:cut] + MINIMAL[MINIMAL.index("[[document]]") :]
    assert "at least one [[path]]" in _error(without_path, write_program).problem
    agency = MINIMAL + '\n[[path]]\nid = "agency"\nkind = "agency"\n'
    assert "agency_verification" in _error(agency, write_program).problem
    caretaker = MINIMAL + '\n[[path]]\nid = "care"\nkind = "caretaker"\n'
    assert "relationship_document" in _error(caretaker, write_program).problem
    no_identity = MINIMAL.replace(
        "identity_points = 3\nresidency_points = 1", "residency_points = 1"
    )
    assert _error(no_identity, write_program).key == "path[0].identity_points"
    bad_tier = MINIMAL.replace(
        'kind = "threshold"', 'kind = "threshold"\nidentity_tiers = ["gold"]'
    )
    assert _error(bad_tier, write_program).key == "path[0].identity_tiers"
    duplicate_path = MINIMAL + '\n[[path]]\nid = "points"\nkind = "single_document"\n'
    assert "duplicate id 'points'" in _error(duplicate_path, write_program).problem
    rel_window = MINIMAL + '\n[[relationship_document]]\nid = "r"\nname = "R"\nwindow = "current"\n'
    assert _error(rel_window, write_program).key == "relationship_document[0].window"


def test_line_locator_handles_tables_arrays_and_unknown_paths() -> None:
    text = '[a]\nx = 1\n[[b]]\ny = 2\n[[b]]\ny = 3\n"quoted" = 4\n[a.c]\nz = 5\n'
    locator = LineLocator(text)
    assert locator.line_of(("a", "x")) == 2
    assert locator.line_of(("b", 1, "y")) == 6
    assert locator.line_of(("b", 1, "quoted")) == 7
    assert locator.line_of(("b", 1, "nothing")) == 5
    assert locator.line_of(("a", "c", "z")) == 9
    assert locator.line_of(("zzz",)) is None
    assert format_key(("document", 3, "name")) == "document[3].name"
    assert format_key(()) == ""
