""" "Missing" suggestions: actionable sentences with example documents from the program file."""

from __future__ import annotations

from datetime import timedelta

from kiosk.rules import Program, evaluate, parse_program
from kiosk.rules import texts as texts_module
from kiosk.rules.explanations import MAX_EXAMPLES, example_names
from tests.unit.rules.helpers import ADULT, MINIMAL, TODAY, doc


def mini(text: str) -> Program:
    return parse_program(text.encode(), "mini.toml")


def test_examples_follow_the_curated_list_and_skip_what_was_shown(idnyc: Program) -> None:
    nothing = evaluate(idnyc, ADULT, TODAY, [])
    assert nothing.missing[0] == (
        "Add 3 identity points, for example: Social Security card, U.S. birth certificate,"
        " Consular ID card"
    )
    shown = evaluate(idnyc, ADULT, TODAY, [doc("social_security_card")])
    assert shown.missing[0] == (
        "Add 1 identity point, for example: U.S. birth certificate, Consular ID card,"
        " Foreign birth certificate"
    )


def test_singular_and_plural(idnyc: Program) -> None:
    assert texts_module.add_identity_points(1, "X") == "Add 1 identity point, for example: X"
    assert texts_module.add_identity_points(2, "X") == "Add 2 identity points, for example: X"
    assert "1 day after" in texts_module.expired_too_long("2026-01-01", 1)
    assert "within the last 1 day." in texts_module.too_old("2026-01-01", 1)
    assert "2 proofs of residency" in texts_module.add_residency_points(2, "Here", "X")


def test_examples_are_limited_and_filtered(idnyc: Program) -> None:
    names = example_names(idnyc, [], (), lambda d: d.residency_points > 0)
    assert names.count(", ") == MAX_EXAMPLES - 1
    photo_ids = example_names(
        idnyc, idnyc.suggestions.photo_id, {"foreign_passport_mrz"}, lambda d: d.has_photo
    )
    assert photo_ids.split(", ")[0] == "Consular ID card"


def test_photo_and_dob_on_the_same_document() -> None:
    text = MINIMAL.replace(
        'kind = "threshold"', 'kind = "threshold"\nphoto_and_dob_same_document = true'
    )
    text += '\n[[document]]\nid = "badge"\nname = "Badge"\nidentity_points = 2\nhas_photo = true\n'
    text += (
        '\n[[document]]\nid = "birth"\nname = "Birth record"\nidentity_points = 2\nhas_dob = true\n'
    )
    program = mini(text)
    bill = doc("bill", dated=TODAY, local_address=True)
    apart = evaluate(program, ADULT, TODAY, [doc("badge", expires=TODAY), doc("birth"), bill])
    assert not apart.eligible
    assert apart.has_photo_id and apart.has_dob_proof
    assert apart.missing == (
        "Add one identity document that shows both a photo and the date of birth,"
        " for example: Passport",
    )
    together = evaluate(
        program, ADULT, TODAY, [doc("passport", expires=TODAY + timedelta(days=1)), bill]
    )
    assert together.eligible


def test_when_nothing_fits_the_hint_points_to_the_list() -> None:
    text = MINIMAL[: MINIMAL.index('[[document]]\nid = "bill"')]
    program = mini(text)
    verdict = evaluate(program, ADULT, TODAY, [doc("passport", expires=TODAY)])
    assert verdict.missing == (
        "Add 1 proof of residency (a recent document with an address in Testville),"
        " for example: see the program's document list",
    )


def test_programs_without_an_explainable_path_give_no_hints() -> None:
    text = MINIMAL.replace(
        'id = "points"\nkind = "threshold"\nidentity_points = 3\nresidency_points = 1',
        'id = "one"\nkind = "single_document"',
    )
    program = mini(text)
    verdict = evaluate(program, ADULT, TODAY, [doc("passport", expires=TODAY)])
    assert not verdict.eligible
    assert verdict.missing == ()


def test_too_young_is_the_only_hint(idnyc: Program) -> None:
    verdict = evaluate(idnyc, TODAY - timedelta(days=30), TODAY, [doc("us_birth_certificate")])
    assert verdict.missing == ("The applicant must be at least 10 years old.",)
    assert verdict.identity_points == 2  # the documents are still checked and reported
