"""The appointment book in the vault: import idempotence, day view, search, check-in, purge."""

from __future__ import annotations

import json
from datetime import date

import pytest

from kiosk import audit
from kiosk.appointments.book import AppointmentBook, purge_expired
from kiosk.appointments.csvfile import parse_csv
from kiosk.appointments.errors import AppointmentNotFound, NotNow, RowProblem, WrongDate
from kiosk.appointments.model import AppointmentStatus as S
from kiosk.appointments.tickets import WalkInQueue
from kiosk.errors import InvalidInput, NotPermitted
from kiosk.settings_store import load_settings, save_settings
from kiosk.staff import Role, Session
from tests.unit.appointments.conftest import DAY, HEADER, ROWS, csv_bytes
from tests.unit.conftest import FakeClock

TODAY = date(2026, 11, 23)


def test_import_then_reimport_updates_and_never_duplicates(book: AppointmentBook) -> None:
    first = book.import_csv(csv_bytes())
    assert (first.created, first.updated, first.unchanged) == (4, 0, 0)
    again = book.import_csv(csv_bytes(bom=True))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    moved = [ROWS[0].replace("09:00", "11:00"), *ROWS[1:], f"AB-1005,{DAY},12:00,Lee,Kim,,,,,"]
    third = book.import_csv(csv_bytes(moved, delimiter=";"))
    assert (third.created, third.updated, third.unchanged) == (1, 1, 3)
    view = book.day_view()
    assert [a.code for a in view.appointments] == [
        "AB-1002",
        "AB-1003",
        "AB-1004",
        "AB-1001",
        "AB-1005",
    ]
    assert view.counts()["scheduled"] == 5
    actions = [e.action for e in audit.entries(book._session.vault.conn)]
    assert actions.count("appointments_imported") == 3


def test_a_file_for_another_day_needs_the_date_given(book: AppointmentBook) -> None:
    tomorrow = [r.replace(DAY, "2026-11-24") for r in ROWS]
    with pytest.raises(WrongDate):
        book.import_csv(csv_bytes(tomorrow))
    report = book.import_csv(csv_bytes(tomorrow), day=date(2026, 11, 24))
    assert report.created == 4 and book.day_view().appointments == ()
    assert len(book.day_view(date(2026, 11, 24)).appointments) == 4


def test_check_in_no_show_and_enrolled(book: AppointmentBook, clock: FakeClock) -> None:
    book.import_csv(csv_bytes())
    clock.advance(minutes=5)
    checked = book.check_in("ab-1001")
    assert checked.status is S.CHECKED_IN and checked.checked_in_at == clock.now
    assert book.check_in("AB-1001") == checked  # twice is once
    with pytest.raises(NotNow):
        book.mark_no_show("AB-1001")
    assert book.mark_no_show("AB-1002").status is S.NO_SHOW
    late = book.check_in("AB-1002")  # a no-show who turns up late
    assert late.status is S.CHECKED_IN
    with pytest.raises(InvalidInput):
        book.mark_enrolled("AB-1001", "not a number")
    enrolled = book.mark_enrolled("AB-1001", "ABC-1234-5678")
    assert (enrolled.status, enrolled.application_number) == (S.ENROLLED, "ABC-1234-5678")
    assert book.mark_enrolled("AB-1001", "ABC-1234-5678") == enrolled
    with pytest.raises(NotNow):
        book.mark_enrolled("AB-1001", "ABC-1234-9999")
    with pytest.raises(NotNow):
        book.check_in("AB-1001")
    with pytest.raises(AppointmentNotFound):
        book.check_in("ZZ-0000")
    subjects = [e.subject for e in audit.entries(book._session.vault.conn)]
    assert "ABC-1234-5678" in subjects and "AB-1001" not in subjects
    assert book.day_view().counts() == {
        "scheduled": 2,
        "checked_in": 1,
        "enrolled": 1,
        "no_show": 0,
        "cancelled": 0,
    }


def test_reimport_never_undoes_what_happened_here(book: AppointmentBook) -> None:
    book.import_csv(csv_bytes())
    book.check_in("AB-1001")
    header = HEADER + ",cancelled"
    cancelling = [f"{r},yes" for r in ROWS]
    report = book.import_csv(csv_bytes(cancelling, header=header))
    statuses = {a.code: a.status for a in book.day_view().appointments}
    assert statuses == {
        "AB-1001": S.CHECKED_IN,
        "AB-1002": S.CANCELLED,
        "AB-1003": S.CANCELLED,
        "AB-1004": S.CANCELLED,
    }
    assert report.updated == 3 and report.unchanged == 1
    with pytest.raises(NotNow):
        book.check_in("AB-1002")
    book.import_csv(csv_bytes())  # the office restores the bookings
    assert book.get("AB-1002").status is S.SCHEDULED


def test_search_by_code_or_any_part_of_the_name(book: AppointmentBook) -> None:
    book.import_csv(csv_bytes())
    assert [a.code for a in book.search(" ab-1003 ")] == ["AB-1003"]
    assert [a.code for a in book.search("nunez ana")] == ["AB-1001"]
    assert [a.code for a in book.search("MARÍA")] == ["AB-1001"]
    assert [a.code for a in book.search("فاطمة")] == ["AB-1002"]
    assert [a.code for a in book.search("秀英 王")] == ["AB-1003"]
    assert book.search("   ") == ()
    assert book.search("nobody") == ()


def test_reprs_carry_no_names(book: AppointmentBook) -> None:
    book.import_csv(csv_bytes())
    text = repr(book.day_view())
    assert "AB-1001" in text and "Núñez" not in text and "1990" not in text


def test_purge_keeps_the_retention_days(session: Session, clock: FakeClock) -> None:
    book = AppointmentBook(session)
    book.import_csv(csv_bytes())
    queue = WalkInQueue(session)
    queue.take_ticket()
    clock.advance(days=7)
    assert purge_expired(session) == 0
    clock.advance(days=1)
    assert purge_expired(session) == 4
    assert book.day_view(TODAY).appointments == ()
    assert queue.tickets(TODAY) == ()
    assert json.loads(audit.entries(session.vault.conn)[-1].details) == {"count": 4, "tickets": 1}
    assert audit.entries(session.vault.conn)[-1].action == "appointments_purged"
    assert audit.verify(session.vault.conn).ok


def test_retention_is_a_supervisor_setting(session: Session, clock: FakeClock) -> None:
    book = AppointmentBook(session)
    book.import_csv(csv_bytes())
    _set_retention(session, 1)
    clock.advance(days=2)
    assert purge_expired(session) == 4
    with pytest.raises(InvalidInput):
        save_settings(
            session, load_settings(session.vault.conn).replace(appointment_retention_days=0)
        )
    session.staff.add(session.member, "eli", "Eli", Role.ENROLLER, "another password")
    session.member = session.staff.get("eli")
    with pytest.raises(NotPermitted):
        save_settings(
            session, load_settings(session.vault.conn).replace(appointment_retention_days=3)
        )


def test_rows_from_the_intake_are_checked_like_a_file(book: AppointmentBook) -> None:
    rows = [r.to_wire() for r in parse_csv(csv_bytes(), TODAY).rows]
    rows[1]["email"] = "not an address"
    report = book.import_wire(rows, TODAY)
    assert report.created == 3
    assert report.problems == (RowProblem(2, "email", "not_an_email_address"),)
    with pytest.raises(WrongDate):
        book.import_wire(rows, date(2026, 11, 24))
    assert book.import_wire([], date(2026, 11, 24)).created == 0


def _set_retention(session: Session, days: int) -> None:
    save_settings(
        session, load_settings(session.vault.conn).replace(appointment_retention_days=days)
    )
