"""`kiosk appointments ...`, `kiosk walk-in ticket` and `kiosk intake appointments import`.

Every command goes through kiosk.cli.main on a real vault (fast KDF): one JSON object on stdout
with --json, one line on stderr and a non-zero exit for errors, never a name in either.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.clock import utc_now
from kiosk.intake.app import create_app
from kiosk.intake.server import ServerThread
from kiosk.staff import create_vault
from kiosk.vault import KdfParams
from tests.unit.appointments.conftest import ROWS, csv_bytes
from tests.unit.intake.helpers import Intake, make_intake

PASSWORD = "correct horse battery"
NAMES = ("Núñez", "Ana María", "محمد", "فاطمة", "秀英", "Smith", "1990-07-04", "718-555")

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def vault_args(tmp_path: Path) -> list[str]:
    data = tmp_path / "kiosk"
    create_vault(
        data,
        admin_username="ana",
        admin_password=PASSWORD,
        admin_display_name="Ana",
        clock=utc_now,
        kdf=KdfParams.fast_for_tests(),
    ).close()
    password_file = tmp_path / "pw"
    password_file.write_text(PASSWORD + "\n")
    return ["--data-dir", str(data), "--user", "ana", "--password-file", str(password_file)]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], vault_args: list[str]) -> Iterator[Run]:
    def call(*argv: str, vault: bool = True) -> tuple[int, str, str]:
        status = main([*argv, *(vault_args if vault else [])])
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        assert not any(name in err for name in NAMES), err
        return status, out, err

    yield call


@pytest.fixture
def today_csv(tmp_path: Path) -> Path:
    """Today's list (by the wall clock, as the commands use it)."""
    today = utc_now().astimezone().date().isoformat()
    path = tmp_path / "list.csv"
    path.write_bytes(csv_bytes([r.replace("2026-11-23", today) for r in ROWS], bom=True))
    return path


def test_import_list_and_reimport(run: Run, today_csv: Path) -> None:
    status, out, _ = run("appointments", "import", str(today_csv), "--json")
    report = json.loads(out)
    assert status == 0 and (report["created"], report["problems"]) == (4, [])
    status, out, _ = run("appointments", "import", str(today_csv), "--json")
    assert json.loads(out)["unchanged"] == 4
    status, out, _ = run("appointments", "list", "--json")
    listing = json.loads(out)
    assert listing["total"] == 4 and listing["counts"]["scheduled"] == 4
    assert listing["appointments"][0] == {"code": "AB-1001", "time": "09:00", "status": "scheduled"}
    assert not any(name in out for name in NAMES)
    status, out, _ = run("appointments", "list")
    assert "AB-1004" in out and not any(name in out for name in NAMES)
    status, out, _ = run("appointments", "list", "--show-names")
    assert "Ana María Núñez" in out and "فاطمة محمد" in out
    status, _, err = run("appointments", "list", "--json", "--show-names")
    assert status == 2 and err.count("\n") == 1 and "[input.invalid]" in err


def test_bad_rows_wrong_date_and_missing_files(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    today = utc_now().astimezone().date().isoformat()
    rows = [ROWS[0].replace("2026-11-23", today), ROWS[1].replace("2026-11-23", today) + ",extra"]
    bad.write_bytes(csv_bytes(rows, encoding="utf-8"))
    status, out, err = run("appointments", "import", str(bad), "--json")
    assert status == 1 and json.loads(out)["problems"] == [
        {"row": 3, "column": None, "reason": "too_many_cells"}
    ]
    assert "[appointments.row_problems]" in err

    other = tmp_path / "other.csv"
    tomorrow = (utc_now().astimezone().date() + timedelta(days=1)).isoformat()
    other.write_bytes(csv_bytes([ROWS[3].replace("2026-11-23", tomorrow)]))
    status, out, err = run("appointments", "import", str(other))
    assert status == 2 and out == "" and err.count("\n") == 1
    assert "[appointments.wrong_date]" in err
    status, out, _ = run("appointments", "import", str(other), "--date", tomorrow, "--json")
    assert status == 0 and json.loads(out)["created"] == 1

    status, _, err = run("appointments", "import", str(tmp_path / "missing.csv"))
    assert status == 2 and "[appointments.file_unreadable]" in err
    cp1252 = tmp_path / "excel.csv"
    cp1252.write_bytes(csv_bytes([f"AB-9001,{today},09:00,Müller,Zoë,,,,,"], encoding="cp1252"))
    status, out, err = run("appointments", "import", str(cp1252), "--json")
    assert status == 0 and "Windows-1252" in err and "Müller" not in err


def test_walk_in_tickets(run: Run) -> None:
    first = json.loads(run("walk-in", "ticket", "--json")[1])
    assert (first["ticket"], first["number"], first["waiting"]) == ("W-001", 1, 1)
    status, out, _ = run("walk-in", "ticket")
    assert status == 0 and out == "W-002\n"


def test_retention(run: Run) -> None:
    assert json.loads(run("appointments", "retention", "--json")[1]) == {"retention_days": 7}
    assert json.loads(run("appointments", "retention", "--days", "3", "--json")[1]) == {
        "retention_days": 3
    }
    status, _, err = run("appointments", "retention", "--days", "365")
    assert status == 2 and "[input.invalid]" in err


def test_fetch_from_the_intake(run: Run, tmp_path: Path, today_csv: Path) -> None:
    status, _, err = run("appointments", "fetch")
    assert status != 0 and "not_provisioned" in err
    with make_intake(tmp_path) as intake:
        server = ServerThread(create_app(intake.service)).start()
        try:
            _fetch_round(run, intake, server, tmp_path, today_csv)
        finally:
            server.stop()


def _fetch_round(
    run: Run, intake: Intake, server: ServerThread, tmp_path: Path, today_csv: Path
) -> None:
    loaded = run(
        "intake",
        "appointments",
        "import",
        str(today_csv),
        "--data-dir",
        str(intake.data_dir),
        "--json",
        vault=False,
    )
    assert loaded[0] == 0 and json.loads(loaded[1])["created"] == 4
    missing = run(
        "intake",
        "appointments",
        "import",
        "nowhere.csv",
        "--data-dir",
        str(intake.data_dir),
        vault=False,
    )
    assert missing[0] == 2 and "[input.not_found]" in missing[2]
    provisioning = tmp_path / "prov.json"
    provisioning.write_text(json.dumps(intake.provisioning))
    assert run("provision", "--file", str(provisioning), "--url", server.url)[0] == 0
    status, out, _ = run("appointments", "fetch", "--json")
    report = json.loads(out)
    assert status == 0 and (report["created"], report["site"]) == (4, "")
    assert not any(name in out for name in NAMES)
    status, out, _ = run("appointments", "fetch", "--json")
    assert json.loads(out)["unchanged"] == 4
    status, out, _ = run("appointments", "fetch", "--site", "Elsewhere", "--json")
    assert status == 0 and json.loads(out)["created"] == 0
    status, _, err = run("appointments", "fetch", "--url", "http://127.0.0.1:9", "--timeout", "1")
    assert status == 1 and "[outbox.intake_unreachable]" in err
