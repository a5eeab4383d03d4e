"""A full enrollment with DEBUG logging and a crash: no file in the data folder names the applicant.

The flow, submit, an upload round, a careless log call, a logged exception and an unhandled one
(through the crash hook) all run while the applicant's details are in scope; then every file
under the data folder (logs/, crash/, the vault itself) is read back as bytes and searched.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import pytest

from kiosk.crash import install_excepthook
from kiosk.enrollment import (
    ApplicationType,
    DraftStore,
    EnrollmentFlow,
    EyeColour,
    Gender,
    LanguageChoice,
    Step,
    submit,
)
from kiosk.logs import LOG_DIRNAME, LoggingSetup, configure_logging
from kiosk.outbox.client import IntakeClient
from kiosk.outbox.uploader import Uploader
from kiosk.outbox.vault_store import VaultOutboxStore
from kiosk.rules import load_program
from kiosk.staff import Session
from tests.unit.conftest import FakeClock
from tests.unit.enrollment.conftest import LICENCE, photo_of
from tests.unit.ops.conftest import Provisioned

FAMILY = "Zyxwáldt"
GIVEN = "Ottoline Brünhild"
DOB = date(1987, 3, 19)
APPLICANT: dict[str, Any] = {
    "family_name": FAMILY,
    "given_name": GIVEN,
    "dob": DOB.isoformat(),
    "gender": Gender.F,
    "height_feet": "5",
    "height_inches": "4",
    "eye_colour": EyeColour.GREEN,
    "street": "77 Quarrington Terrace",
    "city": "Brooklyn",
    "postal_code": "11231",
}


def needles() -> list[str]:
    """Every spelling a leak could take: names whole, in parts, unaccented; the DOB five ways."""
    names = [FAMILY, "Zyxwaldt", GIVEN, "Ottoline", "Brünhild", "Brunhild", "Quarrington"]
    dates = [
        DOB.isoformat(),
        DOB.strftime("%m/%d/%Y"),
        DOB.strftime("%Y%m%d"),
        f"{DOB.month}/{DOB.day}/{DOB.year}",
        DOB.strftime("%d/%m/%Y"),
    ]
    return [n.casefold() for n in names + dates]


@pytest.fixture
def logging_to_data_dir(session: Session) -> Iterator[LoggingSetup]:
    setup = configure_logging(session.vault.data_dir / LOG_DIRNAME, level="DEBUG", console=False)
    yield setup
    setup.close()


def _enroll(session: Session, provisioned: Provisioned, clock: FakeClock) -> str:
    program = load_program("idnyc")
    drafts = DraftStore(session)
    flow = EnrollmentFlow(
        program,
        clock=clock,
        operator=session.member.username,
        submitter=partial(
            submit, session, program=program, identity=provisioned.identity, drafts=drafts
        ),
    )
    flow.set_type(ApplicationType.NEW)
    flow.set_languages([LanguageChoice("es")])
    assert flow.next()
    flow.update_details(**APPLICANT)
    drafts.autosave(flow.state)
    assert flow.next(), flow.state.problems
    flow.add_document(LICENCE, expires=date(2030, 1, 1), nyc_address=True)
    assert flow.next(), flow.state.problems
    flow.set_photo(photo_of(b"scan"))
    assert flow.next()
    drafts.autosave(flow.state)
    assert flow.next()
    assert flow.state.step is Step.CONFIRM
    flow.set_attestation(True)
    submitted = flow.submit()
    return str(submitted.application_number)


def _upload_round(session: Session, provisioned: Provisioned) -> None:
    def offline(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no route to host", request=request)

    verify_key = provisioned.identity.server_verify_key
    transport = httpx.MockTransport(offline)
    with IntakeClient("http://intake.test", verify_key, transport=transport) as client:
        store = VaultOutboxStore(session.vault.conn, clock=session.clock)
        result = Uploader(store, client).sync_once()
    assert result.error == "outbox.intake_unreachable"


def _crash_while_applicant_in_scope(crash_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    install_excepthook(crash_dir)
    family_name, dob = FAMILY, DOB  # noqa: F841 - locals a careless crash dump would show
    try:
        raise ValueError(f"cannot print card for {GIVEN} {FAMILY}, born {DOB:%m/%d/%Y}")
    except ValueError as error:
        logging.getLogger("kiosk.ui.enrollment").exception("receipt job failed")
        sys.excepthook(type(error), error, error.__traceback__)


def test_nothing_under_the_data_folder_names_the_applicant(
    session: Session,
    provisioned: Provisioned,
    clock: FakeClock,
    logging_to_data_dir: LoggingSetup,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data_dir = session.vault.data_dir
    number = _enroll(session, provisioned, clock)
    _upload_round(session, provisioned)
    careless = logging.getLogger("kiosk.enrollment")
    careless.debug("submitted %s for %s %s born %s", number, GIVEN, FAMILY, DOB)
    careless.info("details: %s", APPLICANT)
    _crash_while_applicant_in_scope(data_dir / "crash", monkeypatch)
    for handler in logging_to_data_dir.handlers:
        handler.flush()

    logs = sorted((data_dir / LOG_DIRNAME).iterdir())
    crashes = sorted((data_dir / "crash").iterdir())
    assert logs and crashes
    log_text = "".join(p.read_text(encoding="utf-8") for p in logs)
    # The scan is not vacuous: the run did log, with what is allowed kept.
    assert f"submitted {number} for <redacted> <redacted> born <redacted>" in log_text
    assert "sync round ended: outbox.intake_unreachable" in log_text
    assert "builtins.ValueError" in log_text and "crash report in" in log_text

    leaks = []
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        text = path.read_bytes().decode("utf-8", errors="replace").casefold()
        leaks += [f"{path.relative_to(data_dir)}: {n}" for n in needles() if n in text]
    assert leaks == []
