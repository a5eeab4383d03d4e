"""Appointment lists from the intake: served over real loopback HTTP, only to registered kiosks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import nacl.signing
import pytest

from kiosk.appointments import wire
from kiosk.appointments.errors import WrongDate
from kiosk.intake.app import create_app
from kiosk.intake.server import ServerThread
from kiosk.outbox.client import AppointmentsRefused, IntakeClient
from kiosk.outbox.errors import NotTheIntake
from tests.unit.appointments.conftest import DAY, ROWS, csv_bytes
from tests.unit.intake.helpers import STORES, Intake, make_intake, store_url_for

TODAY = date(2026, 11, 23)


@pytest.fixture(params=STORES)
def intake(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Intake]:
    with store_url_for(request.param) as url, make_intake(tmp_path, url) as made:
        yield made


@pytest.fixture
def server(intake: Intake) -> Iterator[ServerThread]:
    running = ServerThread(create_app(intake.service)).start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def client(intake: Intake, server: ServerThread) -> Iterator[IntakeClient]:
    with IntakeClient(server.url, intake.server_verify_key, timeout=5.0) as made:
        yield made


def load(intake: Intake, data: bytes, site: str = "") -> dict[str, object]:
    lists = intake.service.appointment_lists
    return lists.import_csv(data, site=site, day=TODAY, today=TODAY, now="t").to_dict()


def test_a_registered_kiosk_gets_its_sites_list(intake: Intake, client: IntakeClient) -> None:
    kiosk = nacl.signing.SigningKey.generate()
    intake.register(kiosk)
    assert load(intake, csv_bytes())["created"] == 4
    assert load(intake, csv_bytes(ROWS[:1], delimiter=";"), site="Library")["created"] == 1
    rows = client.fetch_appointments(DAY, signing_key=kiosk)
    assert [r["confirmation_code"] for r in rows] == ["AB-1001", "AB-1002", "AB-1003", "AB-1004"]
    assert rows[1]["family_name"] == "محمد" and rows[0]["given_names"] == "Ana María"
    library = client.fetch_appointments(DAY, signing_key=kiosk, site="Library")
    assert [r["confirmation_code"] for r in library] == ["AB-1001"]
    assert client.fetch_appointments("2026-11-24", signing_key=kiosk) == []


def test_reloading_a_list_merges_by_code(intake: Intake) -> None:
    load(intake, csv_bytes())
    moved = [ROWS[0].replace("09:00", "11:00"), *ROWS[1:]]
    report = load(intake, csv_bytes(moved))
    assert (report["created"], report["updated"], report["unchanged"]) == (0, 1, 3)
    with pytest.raises(WrongDate):
        load(intake, csv_bytes([r.replace(DAY, "2026-11-24") for r in ROWS]))


def test_unregistered_or_forged_callers_are_refused(
    intake: Intake, client: IntakeClient, server: ServerThread
) -> None:
    load(intake, csv_bytes())
    stranger = nacl.signing.SigningKey.generate()
    with pytest.raises(AppointmentsRefused):
        client.fetch_appointments(DAY, signing_key=stranger)
    registered = nacl.signing.SigningKey.generate()
    intake.register(registered)
    # The registered kiosk's id with a signature made by another key.
    headers = wire.request_headers(stranger, DAY, "", "n" * 24)
    headers[wire.HEADER_KIOSK] = wire.request_headers(registered, DAY, "", "n" * 24)[
        wire.HEADER_KIOSK
    ]
    with httpx.Client(base_url=server.url) as http:
        forged = http.get(wire.PATH, params={"date": DAY}, headers=headers)
        assert forged.status_code == 403 and "Núñez" not in forged.text
        assert http.get(wire.PATH, params={"date": DAY}).status_code == 422
        signed = wire.request_headers(registered, "23/11/2026", "", "n" * 24)
        assert http.get(wire.PATH, params={"date": "23/11/2026"}, headers=signed).status_code == 400
        # Even the real answer carries the list only sealed to the kiosk.
        good = wire.request_headers(registered, DAY, "", "m" * 24)
        answer = http.get(wire.PATH, params={"date": DAY}, headers=good)
        assert answer.status_code == 200
        assert "Núñez" not in answer.text and "AB-1001" not in answer.text


def test_an_answer_from_another_intake_is_not_believed(
    intake: Intake, server: ServerThread
) -> None:
    kiosk = nacl.signing.SigningKey.generate()
    intake.register(kiosk)
    other = nacl.signing.SigningKey.generate().verify_key
    with IntakeClient(server.url, other, timeout=5.0) as impostor, pytest.raises(NotTheIntake):
        impostor.fetch_appointments(DAY, signing_key=kiosk)


def test_lists_are_encrypted_at_rest(intake: Intake) -> None:
    load(intake, csv_bytes())
    if intake.store_url is None:
        for path in intake.data_dir.glob("intake.sqlite3*"):
            blob = path.read_bytes()
            assert "Núñez".encode() not in blob and b"AB-1001" not in blob
    assert intake.store.appointment_list("", DAY) is not None
    assert intake.store.purge_appointment_lists("2026-11-24") == 1
