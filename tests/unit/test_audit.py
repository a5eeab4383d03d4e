"""The audit chain detects an edited, inserted, deleted or truncated entry, and refuses PII keys."""

from __future__ import annotations

import pytest

from kiosk import audit
from kiosk.audit import AuditAction
from kiosk.staff import Role, Session
from tests.unit.conftest import FakeClock


@pytest.fixture
def busy(session: Session, clock: FakeClock) -> Session:
    for name in ("eli", "fay", "gus"):
        clock.advance(minutes=1)
        session.staff.add(session.member, name, name.title(), Role.ENROLLER, f"{name} password")
    assert audit.verify(session.vault.conn).ok
    return session


def _raw(session: Session, sql: str, *params: object) -> None:
    session.vault.conn.execute(sql, params)


def test_intact_chain(busy: Session) -> None:
    report = audit.verify(busy.vault.conn)
    assert report.ok
    assert report.entries == len(audit.entries(busy.vault.conn)) >= 5


def test_edited_entry(busy: Session) -> None:
    _raw(busy, "UPDATE audit SET subject = 'mallory' WHERE seq = 3")
    report = audit.verify(busy.vault.conn)
    assert not report.ok
    assert report.first_bad_seq == 3


def test_edited_entry_with_recomputed_hash_breaks_the_next_link(busy: Session) -> None:
    entry = audit.entries(busy.vault.conn)[2]
    fields = (entry.seq, entry.at, entry.actor, entry.action, "mallory", entry.details)
    forged = audit._entry_hash(entry.prev_hash, fields)
    _raw(busy, "UPDATE audit SET subject = 'mallory', hash = ? WHERE seq = 3", forged)
    report = audit.verify(busy.vault.conn)
    assert not report.ok
    assert report.first_bad_seq == 4


def test_deleted_entry(busy: Session) -> None:
    _raw(busy, "DELETE FROM audit WHERE seq = 2")
    report = audit.verify(busy.vault.conn)
    assert not report.ok
    assert report.first_bad_seq == 2


def test_inserted_entry(busy: Session) -> None:
    _raw(busy, "UPDATE audit SET seq = seq + 100 WHERE seq >= 3")
    _raw(busy, "UPDATE audit SET seq = seq - 99 WHERE seq >= 103")
    last = audit.entries(busy.vault.conn)[1]
    _raw(
        busy,
        "INSERT INTO audit VALUES (3, ?, 'mallory', 'login', NULL, '{}', ?, ?)",
        last.at,
        last.hash,
        "f" * 64,
    )
    head = audit.entries(busy.vault.conn)[-1]
    _raw(busy, "UPDATE meta SET value = ? WHERE key = 'audit_head'", f"{head.seq}:{head.hash}")
    report = audit.verify(busy.vault.conn)
    assert not report.ok
    assert report.first_bad_seq == 3


def test_truncated_tail(busy: Session) -> None:
    last = audit.entries(busy.vault.conn)[-1].seq
    _raw(busy, "DELETE FROM audit WHERE seq = ?", last)
    report = audit.verify(busy.vault.conn)
    assert not report.ok
    assert "head" in (report.problem or "")


def test_applicant_details_cannot_be_logged(session: Session, clock: FakeClock) -> None:
    with pytest.raises(ValueError, match="may not carry"), session.vault.transaction() as conn:
        audit.append(
            conn,
            at=clock(),
            actor="ana",
            action=AuditAction.SUBMITTED,
            subject="A-0001",
            details={"name": "Maria Lopez", "dob": "1990-01-01"},
        )
    assert audit.verify(session.vault.conn).ok


def test_tail_listing(busy: Session) -> None:
    tail = audit.entries(busy.vault.conn, limit=2)
    full = audit.entries(busy.vault.conn)
    assert tail == full[-2:]
