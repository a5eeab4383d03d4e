"""The flow state machine: steps, intents, problems, verdict, caretaker, cancel and submit."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from kiosk.enrollment import (
    AddressKind,
    ApplicationIncomplete,
    ApplicationType,
    EnrollmentFlow,
    FlowBusy,
    FlowClosed,
    FlowState,
    Gender,
    LanguageChoice,
    Outcome,
    Step,
    StepNotReachable,
    Submitted,
    UnknownField,
    UnknownLanguage,
)
from kiosk.enrollment.model import EMPTY_APPLICATION, DocumentOwner
from kiosk.errors import InvalidInput
from kiosk.rules import Program, UnknownAgencyVerification, UnknownDocument
from tests.unit.conftest import FakeClock
from tests.unit.enrollment.conftest import (
    DETAILS,
    DV_LETTER,
    FUTURE,
    PASSPORT,
    fill_to,
    photo_of,
)

SUBMITTED = Submitted("ABC-DEFG-HJK0", "r-1", datetime(2026, 11, 23, 9, 0, tzinfo=UTC))


def codes(state: FlowState) -> list[str]:
    return [p.code for p in state.problems]


# --- starting and moving ---------------------------------------------------------------------


def test_a_new_flow_starts_empty_on_the_type_step(flow: EnrollmentFlow) -> None:
    state = flow.state
    assert state.step is Step.TYPE and state.outcome is Outcome.OPEN and state.is_open
    assert state.application == EMPTY_APPLICATION and state.application.is_empty
    assert state.problems == () and state.verdict is None and state.meter is None
    assert state.visited == (Step.TYPE,) and state.reachable == (Step.TYPE,)
    assert state.draft_id.startswith("d-") and not state.can_go_back
    assert state.allowed_address_kinds == tuple(AddressKind)
    assert "Núñez" not in repr(state)


def test_next_stays_and_shows_problems_then_clears_them_as_fields_are_fixed(
    flow: EnrollmentFlow,
) -> None:
    assert flow.next() is False
    assert flow.state.step is Step.TYPE
    assert codes(flow.state) == ["type.required", "languages.required"]
    assert flow.state.problems_for("languages")[0].message.startswith("Choose at least one")
    flow.set_type(ApplicationType.RENEWAL)
    assert codes(flow.state) == ["languages.required"]  # live once shown
    flow.set_languages([LanguageChoice("ht"), LanguageChoice("ase")])
    assert flow.state.problems == ()
    assert flow.next() is True
    assert flow.state.step is Step.DETAILS and flow.state.problems == ()  # not shown yet


def test_every_step_in_order_and_back_keeps_everything(flow: EnrollmentFlow) -> None:
    fill_to(flow, Step.CONFIRM)
    assert flow.state.visited == (
        Step.TYPE,
        Step.DETAILS,
        Step.DOCUMENTS,
        Step.PHOTO,
        Step.REVIEW,
        Step.CONFIRM,
    )
    entered = flow.state.application
    for expected in (Step.REVIEW, Step.PHOTO, Step.DOCUMENTS, Step.DETAILS, Step.TYPE):
        flow.back()
        assert flow.state.step is expected
        assert flow.state.application == entered
    flow.back()  # already at the start: nothing happens
    assert flow.state.step is Step.TYPE
    for expected in (Step.DETAILS, Step.DOCUMENTS, Step.PHOTO, Step.REVIEW, Step.CONFIRM):
        assert flow.next()
        assert flow.state.step is expected
    assert flow.state.application == entered


def test_invalid_input_is_kept_when_validation_fails(flow: EnrollmentFlow) -> None:
    fill_to(flow, Step.DETAILS)
    flow.update_details(**{**DETAILS, "dob": "1990-02-31", "postal_code": "0712"})
    assert flow.next() is False
    assert set(codes(flow.state)) == {"dob.format", "postal_code.format"}
    details = flow.state.application.details
    assert details.dob == "1990-02-31" and details.postal_code == "0712"
    assert details.family_name == "Núñez"
    flow.back()
    assert flow.next() is True  # the type step is fine
    assert flow.state.application.details.dob == "1990-02-31"


def test_go_to_visited_steps_only_and_forward_jumps_validate(flow: EnrollmentFlow) -> None:
    with pytest.raises(StepNotReachable):
        flow.go_to(Step.DETAILS)
    fill_to(flow, Step.CONFIRM)
    assert flow.go_to(Step.DETAILS) is True
    assert flow.state.step is Step.DETAILS
    assert flow.state.reachable[-1] is Step.CONFIRM
    assert flow.go_to(Step.CONFIRM) is True
    # An earlier step broken after the fact stops a forward jump where the problem is.
    flow.go_to(Step.TYPE)
    flow.set_languages([])
    flow.go_to(Step.DETAILS)  # forward: the type step is checked first
    assert flow.state.step is Step.TYPE
    assert codes(flow.state) == ["languages.required"]
    flow.set_languages([LanguageChoice("en")])
    flow.go_to(Step.PHOTO)
    flow.set_photo(None)
    assert flow.go_to(Step.CONFIRM) is False
    assert flow.state.step is Step.PHOTO and codes(flow.state) == ["photo.required"]


def test_review_rechecks_every_earlier_step(
    flow: EnrollmentFlow, make_flow: Callable[..., EnrollmentFlow]
) -> None:
    fill_to(flow, Step.REVIEW)
    # A draft resumed on the review step whose details no longer pass (say, the program's
    # minimum age changed): leaving the review finds it and goes there.
    entered = flow.state.application
    broken = entered.details.__class__(**{**vars(entered.details), "height_feet": ""})
    resumed = make_flow(
        application=entered.__class__(**{**vars(entered), "details": broken}),
        step=Step.REVIEW,
        visited=flow.state.visited,
    )
    assert resumed.state.step is Step.REVIEW and resumed.state.problems == ()
    assert resumed.next() is False
    assert resumed.state.step is Step.DETAILS and codes(resumed.state) == ["height.required"]


def test_confirm_needs_submit_not_next(flow: EnrollmentFlow) -> None:
    fill_to(flow, Step.CONFIRM)
    with pytest.raises(StepNotReachable):
        flow.next()


def test_a_flow_cannot_start_on_the_receipt(make_flow: Callable[..., EnrollmentFlow]) -> None:
    with pytest.raises(StepNotReachable):
        make_flow(step=Step.RECEIPT)


# --- intents -------------------------------------------------------------------------------


def test_update_details_checks_names_and_types(flow: EnrollmentFlow) -> None:
    with pytest.raises(UnknownField):
        flow.update_details(country="X")
    with pytest.raises(InvalidInput):
        flow.update_details(family_name=3)
    with pytest.raises(InvalidInput):
        flow.update_details(veteran="yes")
    with pytest.raises(InvalidInput):
        flow.update_details(gender="female")
    with pytest.raises(InvalidInput):
        flow.update_details(gender=1)
    flow.update_details(gender="not_designated", eye_colour=None, veteran=True)
    details = flow.state.application.details
    assert details.gender is Gender.NOT_DESIGNATED and details.eye_colour is None
    assert details.veteran is True
    with pytest.raises(InvalidInput):
        flow.update_details(address_kind=None)


def test_names_in_any_script_are_kept_normalised(flow: EnrollmentFlow) -> None:
    flow.update_details(family_name="Nguye\u0302\u0303n\x07", given_name="王 小明")
    details = flow.state.application.details
    assert details.family_name == "Nguyễn"  # NFC, the control character dropped
    assert details.given_name == "王 小明"


def test_languages_other_text_and_unknown_codes(flow: EnrollmentFlow) -> None:
    with pytest.raises(UnknownLanguage):
        flow.set_languages([LanguageChoice("tlh")])
    flow.set_type(ApplicationType.NEW)
    flow.set_languages([LanguageChoice("other", "  ")])
    assert flow.next() is False and codes(flow.state) == ["languages.other_text"]
    flow.set_languages([LanguageChoice("other", " Wolof ")])
    assert flow.state.application.languages == (LanguageChoice("other", "Wolof"),)
    assert flow.state.receipt_locale == "en"  # no catalogue for it: English
    flow.set_languages([LanguageChoice("es"), LanguageChoice("es"), LanguageChoice("ar")])
    assert set(codes(flow.state)) == {"languages.too_many", "languages.duplicate"}
    assert flow.state.receipt_locale == "es"


def test_documents_are_added_updated_and_removed(flow: EnrollmentFlow) -> None:
    fill_to(flow, Step.DOCUMENTS)
    with pytest.raises(UnknownDocument):
        flow.add_document("library_card_of_atlantis")
    flow.add_document(PASSPORT)
    flow.add_document(PASSPORT, expires=FUTURE)  # same document: its facts are updated
    assert [d.presented.expires for d in flow.state.application.documents] == [FUTURE]
    flow.add_document(PASSPORT, owner=DocumentOwner.CARETAKER, expires=FUTURE)
    assert len(flow.state.application.documents) == 2
    flow.remove_document(PASSPORT)
    assert [d.owner for d in flow.state.application.documents] == [DocumentOwner.CARETAKER]


def test_points_meter_follows_every_document_change(flow: EnrollmentFlow) -> None:
    fill_to(flow, Step.DOCUMENTS)
    meter = flow.state.meter
    assert meter is not None
    assert (meter.identity_points, meter.identity_needed) == (0, 3)
    assert (meter.residency_points, meter.residency_needed) == (0, 1)
    assert meter.photo_id_needed and meter.dob_proof_needed
    assert not meter.eligible and meter.suggestions
    assert flow.next() is False and codes(flow.state) == ["documents.not_eligible"]
    flow.add_document(PASSPORT, expires=FUTURE)
    meter = flow.state.meter
    assert meter is not None and meter.identity_points == 3 and meter.has_photo_id
    assert meter.has_dob_proof and meter.residency_points == 0
    assert any("residency" in s for s in meter.suggestions)
    flow.add_document("utility_cable_phone_bill", dated=date(2026, 11, 1))
    meter = flow.state.meter
    assert meter is not None and meter.residency_points == 1 and meter.eligible
    assert meter.suggestions == () and flow.state.problems == ()
    flow.add_document(PASSPORT, expires=date(2020, 1, 1))
    meter = flow.state.meter
    assert meter is not None and meter.identity_points < 3 and meter.document_problems
    assert flow.state.verdict is not None and not flow.state.verdict.eligible


def test_documents_restrict_the_card_address(flow: EnrollmentFlow) -> None:
    fill_to(flow, Step.DOCUMENTS)
    flow.add_document(PASSPORT, expires=FUTURE)
    flow.add_document(DV_LETTER, dated=date(2026, 11, 20))
    assert flow.state.allowed_address_kinds == (AddressKind.NONE,)
    assert flow.next() is False
    assert codes(flow.state) == ["address_kind.not_allowed"]
    assert "no address" in flow.state.problems[0].message
    flow.go_to(Step.DETAILS)
    assert flow.next() is False  # the details step now knows it too
    assert codes(flow.state) == ["address_kind.not_allowed"]
    flow.update_details(address_kind=AddressKind.NONE)
    assert flow.next() is True and flow.state.step is Step.DOCUMENTS
    assert flow.next() is True  # the typed street is kept, but the card shows no address
    assert flow.state.application.details.street == DETAILS["street"]


def test_documents_step_needs_a_date_of_birth(
    make_flow: Callable[..., EnrollmentFlow],
) -> None:
    flow = make_flow(step=Step.DOCUMENTS)
    assert flow.state.visited == (Step.TYPE, Step.DOCUMENTS)
    assert flow.state.verdict is None and flow.state.meter is None
    assert flow.next() is False
    assert codes(flow.state) == ["documents.details_first"]


def test_caretaker_section_opens_at_ages_10_to_13_or_when_chosen(
    flow: EnrollmentFlow, program: Program
) -> None:
    flow.update_details(dob="2014-11-24")  # 11 years old
    assert flow.state.age == 11 and flow.state.caretaker_required
    assert flow.state.caretaker_section
    assert any(c.relationship for c in flow.search_documents("birth certificate"))
    flow.update_details(dob="2012-11-23")  # 14 today
    assert flow.state.age == 14 and not flow.state.caretaker_required
    assert not flow.state.caretaker_section
    assert not any(c.relationship for c in flow.search_documents("birth certificate"))
    flow.set_caretaker(True)
    assert flow.state.caretaker_section and not flow.state.caretaker_required
    flow.update_details(dob="2016-11-23")  # 10 today
    assert flow.state.caretaker_required
    flow.update_details(dob="2016-11-24")  # 9: too young, no caretaker question
    assert flow.state.age == 9 and not flow.state.caretaker_required


def test_the_caretaker_path_counts_the_caretakers_documents(flow: EnrollmentFlow) -> None:
    fill_to(flow, Step.DETAILS)
    flow.update_details(
        **{**DETAILS, "dob": "2014-01-10"}, emergency_name="Rosa", emergency_phone="718 555 0101"
    )
    assert flow.next(), flow.state.problems
    flow.add_document("rel_where_caretaker_is_parent_applicant_s_birth_certificate")
    flow.add_document("us_birth_certificate")
    flow.add_document(PASSPORT, owner=DocumentOwner.CARETAKER, expires=FUTURE)
    flow.add_document(
        "utility_cable_phone_bill", owner=DocumentOwner.CARETAKER, dated=date(2026, 11, 1)
    )
    assert flow.state.verdict is not None and not flow.state.verdict.eligible
    flow.set_caretaker_attestation(True)
    assert flow.state.verdict is not None and flow.state.verdict.eligible
    assert flow.state.verdict.path == "caretaker"
    # The same documents for a 14-year-old who did not choose the caretaker path: the closed
    # section's documents and attestation count for nothing.
    flow.update_details(dob="2012-01-10")
    assert not flow.state.caretaker_section
    meter = flow.state.meter
    assert meter is not None and meter.identity_points == 2 and not meter.eligible
    flow.set_caretaker(True)
    assert flow.state.verdict is not None and flow.state.verdict.path == "caretaker"
    meter = flow.state.meter
    assert meter is not None and (meter.identity_needed, meter.residency_needed) == (2, 1)
    assert not meter.photo_id_needed and not meter.dob_proof_needed


def test_a_program_without_a_points_path_needs_nothing_on_the_meter(
    program: Program, clock: FakeClock
) -> None:
    from dataclasses import replace  # noqa: PLC0415

    from kiosk.rules.models import ThresholdPath  # noqa: PLC0415

    only_others = replace(
        program, paths=tuple(p for p in program.paths if not isinstance(p, ThresholdPath))
    )
    flow = EnrollmentFlow(only_others, clock=clock, operator="ana")
    flow.update_details(dob="1990-01-01")
    meter = flow.state.meter
    assert meter is not None and (meter.identity_needed, meter.residency_needed) == (0, 0)


def test_agency_verifications_feed_the_verdict(flow: EnrollmentFlow) -> None:
    fill_to(flow, Step.DOCUMENTS)
    with pytest.raises(UnknownAgencyVerification):
        flow.set_agency_verifications(["nope"])
    flow.set_agency_verifications(["probation", "probation"])
    assert flow.state.application.agency_verifications == ("probation",)
    assert flow.state.verdict is not None and flow.state.verdict.path == "agency"


def test_listeners_get_every_state_and_can_unsubscribe(flow: EnrollmentFlow) -> None:
    seen: list[FlowState] = []
    unsubscribe = flow.subscribe(seen.append)
    flow.set_type(ApplicationType.NEW)
    flow.next()
    assert [s.step for s in seen] == [Step.TYPE, Step.TYPE]
    assert seen[-1] is flow.state
    unsubscribe()
    unsubscribe()  # twice is harmless
    flow.set_type(ApplicationType.UPDATE)
    assert len(seen) == 2


def test_the_clock_decides_today(flow: EnrollmentFlow, clock: FakeClock) -> None:
    flow.update_details(dob="2016-11-24")
    assert flow.state.age == 9
    clock.advance(days=1)
    flow.update_details(dob="2016-11-24")
    assert flow.state.age == 10


# --- cancel and submit -----------------------------------------------------------------------


def test_cancel_forgets_everything_and_discards_the_draft(
    make_flow: Callable[..., EnrollmentFlow],
) -> None:
    discarded: list[str] = []
    flow = make_flow(on_discard=discarded.append)
    photo = photo_of(b"cancel")
    before = sys.getrefcount(photo)
    fill_to(flow, Step.CONFIRM, photo=photo)
    during = sys.getrefcount(photo)  # (pytest keeps assert operands: measure outside)
    assert during > before
    draft_id = flow.state.draft_id
    flow.cancel()
    state = flow.state
    assert discarded == [draft_id]
    assert state.outcome is Outcome.CANCELLED and not state.is_open
    assert state.application == EMPTY_APPLICATION and state.verdict is None
    assert state.meter is None and state.age is None and state.conflicts == ()
    assert state.visited == () and state.reachable == () and state.step is Step.TYPE
    after = sys.getrefcount(photo)
    assert after == before  # no reference left in the flow
    flow.cancel()  # twice is harmless
    assert discarded == [draft_id]
    for intent in (flow.next, flow.back, lambda: flow.set_type(ApplicationType.NEW)):
        with pytest.raises(FlowClosed):
            intent()
    with pytest.raises(FlowClosed):
        flow.go_to(Step.TYPE)


def test_submit_with_a_submitter_then_only_the_receipt_remains(
    make_flow: Callable[..., EnrollmentFlow],
) -> None:
    sealed: list[FlowState] = []

    def submitter(state: FlowState) -> Submitted:
        assert state.submitting and state.verdict is not None and state.verdict.eligible
        sealed.append(state)
        return SUBMITTED

    flow = make_flow(submitter=submitter, locales=("en", "es"))
    photo = photo_of(b"submit")
    before = sys.getrefcount(photo)
    fill_to(flow, Step.CONFIRM, photo=photo)
    with pytest.raises(ApplicationIncomplete):
        flow.submit()  # not attested yet
    assert flow.state.step is Step.CONFIRM and codes(flow.state) == ["attestation.required"]
    flow.set_attestation(True)
    assert flow.submit() == SUBMITTED
    state = flow.state
    assert state.outcome is Outcome.SUBMITTED and state.step is Step.RECEIPT
    assert state.receipt == SUBMITTED and state.receipt_locale == "es"
    assert state.application == EMPTY_APPLICATION and state.verdict is None
    assert state.reachable == () and not state.can_go_back
    sealed.clear()
    after = sys.getrefcount(photo)
    assert after == before
    with pytest.raises(FlowClosed):
        flow.submit()


def test_submit_checks_every_step_and_moves_to_the_first_problem(flow: EnrollmentFlow) -> None:
    with pytest.raises(StepNotReachable):
        flow.prepare_submission()
    fill_to(flow, Step.CONFIRM)
    flow.set_attestation(True)
    flow.go_to(Step.DETAILS)
    flow.update_details(eye_colour=None)
    flow.go_to(Step.CONFIRM)  # stops on the details step
    assert flow.state.step is Step.DETAILS
    flow.update_details(eye_colour="hazel")
    flow.go_to(Step.CONFIRM)
    flow.go_to(Step.TYPE)
    flow.set_languages([])
    flow._step = Step.CONFIRM  # as if the screen had skipped ahead
    with pytest.raises(ApplicationIncomplete):
        flow.prepare_submission()
    assert flow.state.step is Step.TYPE and codes(flow.state) == ["languages.required"]


def test_two_phase_submit_for_workers(flow: EnrollmentFlow) -> None:
    fill_to(flow, Step.CONFIRM)
    flow.set_attestation(True)
    with pytest.raises(FlowClosed):
        flow.complete_submission(SUBMITTED)  # nothing in progress
    snapshot = flow.prepare_submission()
    assert snapshot.submitting and flow.state.submitting and not flow.state.can_go_back
    with pytest.raises(FlowBusy):
        flow.set_attestation(False)
    with pytest.raises(FlowBusy):
        flow.cancel()  # the record may be committing right now
    flow.abort_submission()  # e.g. the kiosk is not provisioned: everything is still there
    flow.abort_submission()  # twice is harmless
    assert not flow.state.submitting and flow.state.application == snapshot.application
    flow.prepare_submission()
    flow.complete_submission(SUBMITTED)
    assert flow.state.receipt == SUBMITTED


def test_a_failing_submitter_keeps_the_application(
    make_flow: Callable[..., EnrollmentFlow],
) -> None:
    def submitter(state: FlowState) -> Submitted:
        raise OSError("disk gone")

    flow = make_flow(submitter=submitter)
    fill_to(flow, Step.CONFIRM)
    flow.set_attestation(True)
    entered = flow.state.application
    with pytest.raises(OSError, match="disk gone"):
        flow.submit()
    assert flow.state.is_open and not flow.state.submitting
    assert flow.state.application == entered and flow.state.step is Step.CONFIRM


def test_submit_without_a_submitter(flow: EnrollmentFlow) -> None:
    with pytest.raises(FlowClosed):
        flow.submit()


def test_reprs_of_a_full_state_carry_no_applicant_data(flow: EnrollmentFlow) -> None:
    fill_to(flow, Step.CONFIRM)
    flow.go_to(Step.DETAILS)
    flow.update_details(postal_code="07302", phone="212 555 0100")
    flow.next()
    text = repr(flow.state)
    assert flow.state.problems  # shown, with the typed ZIP code in its message
    for value in ("Núñez", "Ana", "1990", "Atlantic", "11201", "07302", "0100", "test photo"):
        assert value not in text, value
