"""The walk-in queue: numbers per day, order, served/left, optional first names, concurrency."""

from __future__ import annotations

import threading
from datetime import date, datetime

import pytest

from kiosk.appointments.errors import NamesOff, NotNow, TicketNotFound
from kiosk.appointments.tickets import TicketState, WalkInQueue, allocate, ticket_number
from kiosk.errors import InvalidInput
from kiosk.settings_store import load_settings, save_settings
from kiosk.staff import Session
from kiosk.vault.database import open_connection
from kiosk.vault.vault import DB_FILENAME
from tests.unit.conftest import ADMIN, ADMIN_PASSWORD, FakeClock


def test_numbers_count_up_per_day_and_restart_the_next(
    queue: WalkInQueue, clock: FakeClock
) -> None:
    labels = [queue.take_ticket().label for _ in range(3)]
    assert labels == ["W-001", "W-002", "W-003"]
    clock.advance(days=1)
    assert queue.take_ticket().label == "W-001"
    assert len(queue.tickets(date(2026, 11, 23))) == 3


def test_calling_serving_and_leaving(queue: WalkInQueue) -> None:
    for _ in range(4):
        queue.take_ticket()
    called = queue.call_next()
    assert called is not None and called.label == "W-001" and called.state is TicketState.CALLED
    queue.mark_left("w2")
    assert [t.label for t in queue.queue()] == ["W-001", "W-003", "W-004"]
    assert queue.call_next().label == "W-003"  # type: ignore[union-attr]
    assert queue.mark_served("W-001").state is TicketState.SERVED
    with pytest.raises(NotNow):
        queue.mark_left("W-001")
    assert queue.call("3").state is TicketState.CALLED  # called again
    queue.mark_served("W-003")
    queue.mark_served("W-004")
    assert queue.call_next() is None and queue.queue() == ()
    with pytest.raises(TicketNotFound):
        queue.get("W-099")
    with pytest.raises(InvalidInput):
        ticket_number("seventeen")
    assert ticket_number(" W-017 ") == 17 and queue.get("W-004").finished_at is not None


def test_tickets_are_anonymous_unless_the_site_allows_first_names(
    session: Session, queue: WalkInQueue
) -> None:
    assert queue.take_ticket().call_name is None
    with pytest.raises(NamesOff):
        queue.take_ticket(call_name="Amina")
    save_settings(session, load_settings(session.vault.conn).replace(walk_in_call_names=True))
    named = queue.take_ticket(call_name=" Amina ")
    assert named.call_name == "Amina" and "Amina" not in repr(named)
    with pytest.raises(InvalidInput):
        queue.take_ticket(call_name="Amina Yusuf")


def test_concurrent_takers_never_share_a_number(session: Session, tmp_path: object) -> None:
    vault = session.vault
    slot = vault.slots.read(vault.tag_for(ADMIN))
    assert slot is not None
    key = slot.unwrap(ADMIN_PASSWORD)
    day = date(2026, 11, 23)
    taken: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(4)

    def taker() -> None:
        conn = open_connection(vault.data_dir / DB_FILENAME, key)
        try:
            start.wait()
            for _ in range(10):
                number = allocate(conn, day, datetime(2026, 11, 23, 12), None).number
                with lock:
                    taken.append(number)
        finally:
            conn.close()

    threads = [threading.Thread(target=taker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(taken) == list(range(1, 41))
