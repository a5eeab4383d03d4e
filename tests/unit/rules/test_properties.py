"""Properties of the engine over generated applicants (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.rules import PresentedDocument, Program, evaluate, load_program
from tests.unit.rules.helpers import TODAY

IDNYC = load_program("idnyc")
PROGRAMS = [IDNYC, load_program("sf_city_id"), load_program("newburgh")]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def ids(program: Program) -> list[str]:
    return [d.id for d in program.documents] + [r.id for r in program.relationship_documents]


near = st.dates(TODAY - timedelta(days=2500), TODAY + timedelta(days=1500))


def documents(program: Program) -> st.SearchStrategy[PresentedDocument]:
    return st.builds(
        PresentedDocument,
        id=st.sampled_from(ids(program)),
        expires=st.none() | near,
        dated=st.none() | near,
        local_address=st.none() | st.booleans(),
        postal_code=st.none() | st.sampled_from(["10001", "11368", "07030", "94110", "12550"]),
        photo=st.none() | st.booleans(),
        dob=st.none() | st.booleans(),
    )


@st.composite
def applicants(draw: st.DrawFn) -> tuple[Program, date, dict[str, object]]:
    program = draw(st.sampled_from(PROGRAMS))
    dob = draw(st.dates(TODAY - timedelta(days=365 * 90), TODAY))
    own = draw(st.lists(documents(program), max_size=6))
    caretaker = draw(st.lists(documents(program), max_size=3))
    agencies = [a.id for a in program.agency_verifications]
    recorded = draw(st.lists(st.sampled_from(agencies), max_size=2)) if agencies else []
    kwargs: dict[str, object] = {
        "documents": own,
        "caretaker_documents": caretaker,
        "caretaker_attestation": draw(st.booleans()),
        "agency_verifications": recorded,
    }
    return program, dob, kwargs


@SETTINGS
@given(applicants(), st.data())
def test_adding_a_document_never_makes_an_eligible_applicant_ineligible(
    applicant: tuple[Program, date, dict[str, object]], data: st.DataObject
) -> None:
    program, dob, kwargs = applicant
    before = evaluate(program, dob, TODAY, **kwargs)  # type: ignore[arg-type]
    extra = data.draw(documents(program))
    where = data.draw(st.sampled_from(["documents", "caretaker_documents"]))
    grown = dict(kwargs)
    grown[where] = [*kwargs[where], extra]  # type: ignore[misc]
    after = evaluate(program, dob, TODAY, **grown)  # type: ignore[arg-type]
    if before.eligible:
        assert after.eligible
    if where == "documents":
        assert after.identity_points >= before.identity_points
        assert after.residency_points >= before.residency_points


@SETTINGS
@given(applicants())
def test_verdicts_are_deterministic_for_a_given_today(
    applicant: tuple[Program, date, dict[str, object]],
) -> None:
    program, dob, kwargs = applicant
    first = evaluate(program, dob, TODAY, **kwargs)  # type: ignore[arg-type]
    evaluate(program, dob, TODAY + timedelta(days=400), **kwargs)  # type: ignore[arg-type]
    second = evaluate(program, dob, TODAY, **kwargs)  # type: ignore[arg-type]
    assert first == second
    assert first.to_json() == second.to_json()


@SETTINGS
@given(applicants())
def test_verdict_shape(applicant: tuple[Program, date, dict[str, object]]) -> None:
    program, dob, kwargs = applicant
    verdict = evaluate(program, dob, TODAY, **kwargs)  # type: ignore[arg-type]
    result = verdict.to_json()
    assert list(result) == [
        "eligible",
        "path",
        "identity_points",
        "residency_points",
        "has_photo_id",
        "has_dob_proof",
        "card_address",
        "problems",
        "missing",
    ]
    assert (verdict.path is None) == (not verdict.eligible)
    assert (verdict.card_address is None) == (not verdict.eligible)
    assert (verdict.missing == ()) == verdict.eligible
    presented = {d.id for d in kwargs["documents"]} | {d.id for d in kwargs["caretaker_documents"]}  # type: ignore[attr-defined]
    assert {p.doc for p in verdict.problems} <= presented
    assert all(p.reason and m for p in verdict.problems for m in [p.reason])
