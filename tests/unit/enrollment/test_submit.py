"""Submit end to end against a real vault: sealed, queued once, audited, draft gone, or nothing."""

from __future__ import annotations

import base64
import importlib
import re
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

import nacl.public
import pytest

from kiosk import audit
from kiosk.enrollment import (
    AddressKind,
    AlreadySubmitted,
    ApplicationIncomplete,
    DraftStore,
    EnrollmentFlow,
    FlowState,
    LanguageChoice,
    NotProvisioned,
    Step,
    normalise_application_number,
    submit,
)
from kiosk.enrollment.model import DocumentOwner
from kiosk.enrollment.record import PAYLOAD_VERSION, RECORD_KIND
from kiosk.outbox.identity import KioskIdentity
from kiosk.rules import Program
from kiosk.sealing import Envelope, open_envelope, verify_envelope
from kiosk.staff import Session
from tests.unit.enrollment.conftest import DETAILS, DV_LETTER, PASSPORT, fill_to, photo_of
from tests.unit.enrollment.test_scan import PASSPORT_READING
from tests.unit.enrollment.test_wording import FORBIDDEN

PHOTO = photo_of(b"sealed")
# The package exports the function `submit`, which hides the module of the same name.
submit_module = importlib.import_module("kiosk.enrollment.submit")


def _ready(flow: EnrollmentFlow) -> FlowState:
    fill_to(flow, Step.CONFIRM, photo=PHOTO)
    flow.set_attestation(True)
    return flow.state


def _submissions(session: Session) -> list[tuple[Any, ...]]:
    return list(
        session.vault.conn.execute(
            "SELECT record_id, application_number, state, submitted_by, envelope FROM submissions"
        ).fetchall()
    )


def _drafts(session: Session) -> int:
    return int(session.vault.conn.execute("SELECT count(*) FROM drafts").fetchone()[0])


def test_submit_seals_queues_audits_and_deletes_the_draft(
    session: Session,
    identity: KioskIdentity,
    program: Program,
    program_key: nacl.public.PrivateKey,
    make_flow: Callable[..., EnrollmentFlow],
) -> None:
    drafts = DraftStore(session)
    flow = make_flow(
        submitter=partial(submit, session, program=program, identity=identity, drafts=drafts)
    )
    _ready(flow)
    drafts.autosave(flow.state)
    state = flow.state
    assert _drafts(session) == 1

    submitted = flow.submit()

    assert _drafts(session) == 0
    assert not drafts.autosave(state)  # a stale autosave cannot bring the draft back
    ((record_id, number, row_state, submitted_by, wire),) = _submissions(session)
    assert (record_id, number, row_state) == (
        submitted.record_id,
        submitted.application_number,
        "sealed",
    )
    assert submitted_by == session.member.id
    assert re.fullmatch(
        r"[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", number
    )
    assert normalise_application_number(number.lower()) == number
    assert submitted.submitted_at == session.clock() and submitted.card_mailed

    last = audit.entries(session.vault.conn)[-1]
    assert (last.action, last.subject, last.actor) == ("submitted", number, "ana")
    assert audit.verify(session.vault.conn).ok

    envelope = Envelope.from_bytes(bytes(wire))
    verify_envelope(envelope, identity.signing_key.verify_key)
    record = open_envelope(envelope, program_key)
    earlier = audit.entries(session.vault.conn)[:-1]
    assert record == {
        "kind": RECORD_KIND,
        "payload_version": PAYLOAD_VERSION,
        "application_number": number,
        "application_type": "new",
        "submitted_at": "2026-11-23T09:00:00Z",
        "preferred_languages": [{"code": "es"}],
        "applicant": {
            "family_name": "Núñez",
            "given_name": "Ana María",
            "middle_name": "",
            "birth_date": "1990-07-04",
            "gender": "X",
            "height": {"feet": 5, "inches": 6},
            "eye_colour": "brown",
            "veteran": False,
            "organ_donor_registry": False,
        },
        "card_address": {
            "kind": "home",
            "street": "100 Atlantic Ave",
            "unit": "",
            "city": "Brooklyn",
            "state": "NY",
            "postal_code": "11201",
        },
        "program_contact": {"phone": None, "email": None},
        "emergency_contact": None,
        "applying_with_caretaker": False,
        "photo": {
            "jpeg_b64": base64.b64encode(PHOTO.jpeg).decode(),
            "width": 400,
            "height": 500,
        },
        "eligibility": {
            "eligible": True,
            "path": "single_document",
            "card_address": "home",
            "program_id": "idnyc",
            "program_version": program.version,
            "program_hash": program.content_hash,
            "evaluated_on": "2026-11-23",
        },
        "evidence": [
            {
                "policy": "attest",
                "attestation": {"operator": "ana", "statement": "original_document_examined"},
                "verdict": "not_read",
            }
        ],
        "attestation": {
            "operator": "ana",
            "at": "2026-11-23T09:00:00Z",
            "statement": "applicant_confirmed_details_original_documents_examined",
        },
        "audit_excerpt": {
            "head_seq": earlier[-1].seq,
            "entry_hashes": [e.hash for e in earlier[-8:]],
        },
    }
    # No document ids (68 RCNY 6-11(b)) and no status wording anywhere in the record.
    text = repr(record).casefold()
    assert "nys_dmv" not in text and "licen" not in text
    assert not [word for word in FORBIDDEN if re.search(word, text)]
    assert flow.state.receipt == submitted and flow.state.application.is_empty


def test_other_address_kinds_contacts_and_readings_in_the_record(
    session: Session,
    identity: KioskIdentity,
    program: Program,
    program_key: nacl.public.PrivateKey,
    make_flow: Callable[..., EnrollmentFlow],
) -> None:
    flow = make_flow()
    fill_to(flow, Step.DETAILS)
    flow.set_languages([LanguageChoice("other", "Wolof")])
    flow.update_details(
        **{**DETAILS, "street": "", "city": "", "postal_code": ""},
        address_kind=AddressKind.NONE,
        phone="212 555 0100",
        email="ana@example.org",
        emergency_name="Rosa",
        emergency_phone="718 555 0101",
        emergency_relationship="sister",
        veteran=True,
        organ_donor=True,
    )
    assert flow.next(), flow.state.problems
    flow.apply_scan(PASSPORT_READING, document_id=PASSPORT)
    flow.add_document(PASSPORT, expires=date(2031, 1, 1))
    flow.add_document(DV_LETTER, dated=date(2026, 11, 20))
    # Left over in a caretaker section that is closed: not counted, not in the record.
    flow.add_document(PASSPORT, owner=DocumentOwner.CARETAKER, expires=date(2031, 1, 1))
    assert flow.next(), flow.state.problems
    flow.set_photo(PHOTO)
    assert flow.next() and flow.next()
    flow.set_attestation(True)
    submitted = submit(session, flow.prepare_submission(), program, identity)
    (row,) = _submissions(session)
    record = open_envelope(Envelope.from_bytes(bytes(row[4])), program_key)
    assert row[1] == submitted.application_number
    assert record["card_address"] == {"kind": "none"}
    assert not submitted.card_mailed  # collected at the center: the receipt says so
    assert record["preferred_languages"] == [{"code": "other", "text": "Wolof"}]
    assert record["program_contact"] == {"phone": "212 555 0100", "email": "ana@example.org"}
    assert record["emergency_contact"] == {
        "name": "Rosa",
        "phone": "718 555 0101",
        "relationship": "sister",
    }
    assert record["applicant"]["veteran"] and record["applicant"]["organ_donor_registry"]
    assert record["eligibility"]["card_address"] == "none"
    assert [e["verdict"] for e in record["evidence"]] == ["failed_checks", "not_read"]
    assert "UTO" not in repr(record) and "X1234567" not in repr(record)


def test_care_of_and_po_box_addresses(program: Program) -> None:
    from kiosk.enrollment.model import ApplicantDetails  # noqa: PLC0415
    from kiosk.enrollment.record import _address  # noqa: PLC0415

    care_of = ApplicantDetails(
        address_kind=AddressKind.CARE_OF,
        care_of="Safe Horizon",
        street="2 Lafayette St",
        city="New York",
        postal_code="10007",
    )
    assert _address(care_of) == {
        "kind": "care_of",
        "care_of": "Safe Horizon",
        "street": "2 Lafayette St",
        "unit": "",
        "city": "New York",
        "state": "NY",
        "postal_code": "10007",
    }
    box = ApplicantDetails(
        address_kind=AddressKind.PO_BOX, po_box="1234", city="New York", postal_code="10008"
    )
    assert _address(box) == {
        "kind": "po_box",
        "po_box": "1234",
        "city": "New York",
        "state": "NY",
        "postal_code": "10008",
    }


def test_an_unprovisioned_kiosk_keeps_the_draft(
    session: Session, program: Program, make_flow: Callable[..., EnrollmentFlow]
) -> None:
    drafts = DraftStore(session)
    flow = make_flow(submitter=partial(submit, session, program=program, drafts=drafts))
    _ready(flow)
    drafts.autosave(flow.state)
    with pytest.raises(NotProvisioned) as raised:
        flow.submit()
    assert raised.value.code == "enrollment.not_provisioned"
    assert "supervisor" in raised.value.message and "kiosk provision" in raised.value.message
    assert _drafts(session) == 1 and _submissions(session) == []
    assert flow.state.is_open and not flow.state.submitting
    assert drafts.autosave(flow.state)  # still a draft: further edits are saved


def test_a_failure_inside_the_transaction_leaves_the_draft_and_no_submission(
    session: Session,
    identity: KioskIdentity,
    program: Program,
    make_flow: Callable[..., EnrollmentFlow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    drafts = DraftStore(session)
    flow = make_flow(submitter=partial(submit, session, program=program, identity=identity))
    _ready(flow)
    drafts.autosave(flow.state)
    audit_before = len(audit.entries(session.vault.conn))

    def crash(conn: object, draft_id: str) -> bool:
        raise OSError("power cut")

    monkeypatch.setattr(submit_module, "delete_draft", crash)
    with pytest.raises(OSError, match="power cut"):
        flow.submit()
    assert _submissions(session) == [] and _drafts(session) == 1
    assert len(audit.entries(session.vault.conn)) == audit_before
    assert flow.state.is_open and flow.state.application.photo is PHOTO

    monkeypatch.undo()
    submitted = flow.submit()  # the retry goes through, exactly once
    assert [row[1] for row in _submissions(session)] == [submitted.application_number]
    assert _drafts(session) == 0


def test_submit_refuses_an_incomplete_or_closed_snapshot(
    session: Session,
    identity: KioskIdentity,
    program: Program,
    make_flow: Callable[..., EnrollmentFlow],
) -> None:
    flow = make_flow()
    fill_to(flow, Step.CONFIRM, photo=PHOTO)
    with pytest.raises(ApplicationIncomplete):
        submit(session, flow.state, program, identity)  # not attested
    flow.cancel()
    with pytest.raises(ApplicationIncomplete):
        submit(session, flow.state, program, identity)
    assert _submissions(session) == []


def test_the_record_builder_refuses_incomplete_snapshots(
    program: Program, make_flow: Callable[..., EnrollmentFlow]
) -> None:
    from dataclasses import replace  # noqa: PLC0415

    from kiosk.enrollment.record import build_record  # noqa: PLC0415

    flow = make_flow()
    state = _ready(flow)
    kwargs: dict[str, Any] = {
        "operator": "ana",
        "application_number": "X",
        "submitted_at": state.started_at,
        "audit_head_seq": 0,
        "audit_hashes": [],
    }
    assert build_record(state, program, **kwargs)["kind"] == RECORD_KIND
    no_type = replace(state, application=replace(state.application, application_type=None))
    no_height = replace(
        state,
        application=replace(
            state.application, details=replace(state.application.details, height_feet="")
        ),
    )
    for broken in (replace(state, verdict=None), no_type, no_height):
        with pytest.raises(ApplicationIncomplete):
            build_record(broken, program, **kwargs)


def test_application_numbers_do_not_repeat_on_a_kiosk(
    session: Session,
    identity: KioskIdentity,
    program: Program,
    make_flow: Callable[..., EnrollmentFlow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    numbers = iter(["AAA-AAAA-AAAA", "AAA-AAAA-AAAA", "BBB-BBBB-BBBB"])
    monkeypatch.setattr(submit_module, "new_application_number", lambda kiosk_id: next(numbers))
    first = submit(session, _ready(make_flow()), program, identity)
    second = submit(session, _ready(make_flow()), program, identity)
    assert (first.application_number, second.application_number) == (
        "AAA-AAAA-AAAA",
        "BBB-BBBB-BBBB",
    )


def test_the_same_draft_is_never_queued_twice(
    session: Session,
    identity: KioskIdentity,
    program: Program,
    make_flow: Callable[..., EnrollmentFlow],
) -> None:
    state = _ready(make_flow())
    first = submit(session, state, program, identity)
    audit_after_first = len(audit.entries(session.vault.conn))
    with pytest.raises(AlreadySubmitted) as raised:
        submit(session, state, program, identity)  # a double click or a retried worker
    assert raised.value.code == "enrollment.already_submitted"
    assert [row[0] for row in _submissions(session)] == [first.record_id]
    assert len(audit.entries(session.vault.conn)) == audit_after_first


def test_a_new_reading_conflict_clears_when_the_field_is_set(flow: EnrollmentFlow) -> None:
    flow.update_details(dob="1990-07-05", family_name="Garcia")
    flow.apply_scan(PASSPORT_READING)
    assert [c.field for c in flow.state.conflicts] == ["dob"]
    flow.update_details(family_name="García")
    assert [c.field for c in flow.state.conflicts] == ["dob"]
    flow.update_details(dob="1990-07-04")  # the operator took the document's date
    assert flow.state.conflicts == ()
