"""Drafts in the vault: autosave, resume after a crash, delete for good on cancel."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest

from kiosk.enrollment import (
    DraftStore,
    DraftUnreadable,
    EnrollmentFlow,
    LanguageChoice,
    Step,
)
from kiosk.enrollment.codec import application_from_json, application_to_json
from kiosk.enrollment.drafts import decode_draft, encode_draft
from kiosk.enrollment.model import DocumentOwner
from kiosk.rules import Program
from kiosk.staff import Session
from tests.unit.conftest import FakeClock
from tests.unit.enrollment.conftest import PASSPORT, fill_to, photo_of
from tests.unit.enrollment.test_scan import PASSPORT_READING


@pytest.fixture
def drafts(session: Session) -> DraftStore:
    return DraftStore(session)


def _rows(session: Session) -> int:
    return int(session.vault.conn.execute("SELECT count(*) FROM drafts").fetchone()[0])


def test_autosave_and_resume_give_back_the_same_flow(
    session: Session,
    drafts: DraftStore,
    make_flow: Callable[..., EnrollmentFlow],
    program: Program,
    clock: FakeClock,
) -> None:
    flow = make_flow()
    fill_to(flow, Step.DOCUMENTS)
    flow.set_languages([LanguageChoice("other", "Wolof"), LanguageChoice("ase")])
    flow.apply_scan(PASSPORT_READING, document_id=PASSPORT)
    flow.add_document(PASSPORT, owner=DocumentOwner.CARETAKER, expires=date(2030, 1, 1))
    flow.set_caretaker(True)
    flow.set_agency_verifications(["nycha"])
    flow.set_photo(photo_of(b"draft"))
    assert drafts.autosave(flow.state)
    clock.advance(minutes=5)
    flow.update_details(unit="4B")
    assert drafts.autosave(flow.state)  # the same row, updated
    assert _rows(session) == 1
    (info,) = drafts.list_drafts()
    assert info.draft_id == flow.state.draft_id and info.created_by == session.member.id
    assert info.created_at < info.updated_at
    assert "Núñez" not in repr(info)

    draft = drafts.load(flow.state.draft_id)
    assert draft is not None and "Núñez" not in repr(draft)
    resumed = EnrollmentFlow.resume(program, draft, clock=clock, operator="ana")
    assert resumed.state.application == flow.state.application
    assert resumed.state.step is Step.DOCUMENTS
    assert resumed.state.visited == flow.state.visited
    assert resumed.state.draft_id == flow.state.draft_id
    assert resumed.state.verdict == flow.state.verdict
    assert drafts.load("d-missing") is None


def test_resume_drops_documents_the_program_no_longer_lists(
    drafts: DraftStore,
    make_flow: Callable[..., EnrollmentFlow],
    program: Program,
    clock: FakeClock,
) -> None:
    flow = make_flow()
    fill_to(flow, Step.DOCUMENTS)
    flow.add_document(PASSPORT)
    flow.add_document("rel_where_caretaker_is_parent_applicant_s_birth_certificate")
    flow.set_agency_verifications(["nycha", "probation"])
    drafts.autosave(flow.state)
    draft = drafts.load(flow.state.draft_id)
    assert draft is not None
    fewer = replace(
        program,
        documents=tuple(d for d in program.documents if d.id != PASSPORT),
        agency_verifications=tuple(a for a in program.agency_verifications if a.id != "nycha"),
    )
    resumed = EnrollmentFlow.resume(fewer, draft, clock=clock, operator="ana")
    ids = [d.presented.id for d in resumed.state.application.documents]
    assert ids == ["rel_where_caretaker_is_parent_applicant_s_birth_certificate"]
    assert resumed.state.application.agency_verifications == ("probation",)


def test_cancel_deletes_the_row_and_later_autosaves_are_refused(
    session: Session, drafts: DraftStore, make_flow: Callable[..., EnrollmentFlow]
) -> None:
    flow = make_flow(on_discard=drafts.delete)
    fill_to(flow, Step.PHOTO)
    stale = flow.state
    assert drafts.autosave(stale)
    wal = session.vault.data_dir / "vault.db-wal"
    assert wal.stat().st_size > 0
    flow.cancel()
    assert _rows(session) == 0
    assert session.vault.conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert not wal.exists() or wal.stat().st_size == 0  # earlier pages of the draft: gone
    assert not drafts.autosave(stale)  # queued before the cancel: must not resurrect it
    assert not drafts.autosave(flow.state)  # closed
    assert _rows(session) == 0
    assert drafts.delete(stale.draft_id) is False


def test_a_submitting_state_is_not_saved(
    drafts: DraftStore, make_flow: Callable[..., EnrollmentFlow]
) -> None:
    flow = make_flow()
    fill_to(flow, Step.CONFIRM)
    flow.set_attestation(True)
    assert not drafts.autosave(flow.prepare_submission())


def test_damaged_or_unknown_drafts_are_refused(make_flow: Callable[..., EnrollmentFlow]) -> None:
    flow = make_flow()
    good = json.loads(encode_draft(flow.state))
    stamp = "2026-11-23T09:00:00+00:00"
    assert decode_draft("d-1", 1, stamp, encode_draft(flow.state)).step is Step.TYPE
    for payload in (
        b"\xff not json",
        b"[]",
        json.dumps({**good, "format": 99}).encode(),
        json.dumps({**good, "step": "receipt"}).encode(),
        json.dumps({**good, "visited": ["somewhere"]}).encode(),
        json.dumps({**good, "application": {"details": {}}}).encode(),
    ):
        with pytest.raises(DraftUnreadable):
            decode_draft("d-1", 1, stamp, payload)
    with pytest.raises(DraftUnreadable):
        decode_draft("d-1", 1, "yesterday", encode_draft(flow.state))


def test_the_codec_round_trips_an_empty_application() -> None:
    from kiosk.enrollment.model import EMPTY_APPLICATION  # noqa: PLC0415

    assert application_from_json(application_to_json(EMPTY_APPLICATION)) == EMPTY_APPLICATION
