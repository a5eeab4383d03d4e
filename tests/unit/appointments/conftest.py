"""Appointment fixtures: a signed-in vault at noon on 2026-11-23, and CSV files made to order."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pytest

from kiosk.appointments.book import AppointmentBook
from kiosk.appointments.tickets import WalkInQueue
from kiosk.staff import Session
from tests.unit.conftest import FakeClock

HEADER = (
    "confirmation_code,date,time,family_name,given_names,dob,phone,email,language,application_type"
)
DAY = "2026-11-23"
ROWS = (
    f"AB-1001,{DAY},09:00,Núñez,Ana María,1990-07-04,718-555-0100,ana@example.org,es,new",
    f"AB-1002,{DAY},09:30,محمد,فاطمة,,,,ar,renewal",
    f"AB-1003,{DAY},10:00,王,秀英,1985-02-01,,,zh-Hans,",
    f"AB-1004,{DAY},10:30,Smith,John,,,,,replacement",
)


def csv_bytes(
    rows: Sequence[str] = ROWS,
    *,
    header: str = HEADER,
    delimiter: str = ",",
    encoding: str = "utf-8",
    bom: bool = False,
) -> bytes:
    lines = [header, *rows]
    text = "\r\n".join(line.replace(",", delimiter) for line in lines) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


@pytest.fixture
def clock() -> FakeClock:
    made = FakeClock()
    # Noon UTC is the same calendar day in every time zone the tests may run in.
    made.now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    return made


@pytest.fixture
def book(session: Session) -> AppointmentBook:
    return AppointmentBook(session)


@pytest.fixture
def queue(session: Session) -> WalkInQueue:
    return WalkInQueue(session)
