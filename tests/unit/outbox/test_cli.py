"""Kiosk-side commands end to end: provision, demo seed, outbox, sync, export, receipts back.

A real vault (fast KDF) and a real intake on loopback; every command goes through kiosk.cli.main.
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.clock import utc_now
from kiosk.outbox import cli as outbox_cli
from kiosk.staff import create_vault
from kiosk.vault import KdfParams, Vault
from tests.unit.intake.helpers import Intake
from tests.unit.outbox.helpers import LiveIntake

PASSWORD = "correct horse battery"


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


def store_args(intake: Intake) -> list[str]:
    return ["--store", intake.store_url] if intake.store_url else []


Run = Callable[..., tuple[int, dict[str, object] | None, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], vault_args: list[str]) -> Iterator[Run]:
    def call(*argv: str, vault: bool = True) -> tuple[int, dict[str, object] | None, str]:
        status = main([*argv, *(vault_args if vault else []), "--json"])
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return status, (json.loads(out) if out.strip() else None), err

    yield call


def test_the_whole_life_of_a_record(
    run: Run, live: LiveIntake, intake: Intake, tmp_path: Path, vault_args: list[str]
) -> None:
    provisioning = tmp_path / "prov.json"
    provisioning.write_text(json.dumps({**intake.provisioning, "url": "http://nowhere.invalid"}))
    status, _, err = run("sync", "--once")
    assert status != 0 and "outbox.not_provisioned" in err

    status, out, _ = run(
        "provision", "--file", str(provisioning), "--url", live.url, "--label", "Van 3"
    )
    assert status == 0 and out is not None and out["registered"] is True
    assert intake.service.stats()["kiosks"] == 1

    assert run("demo", "seed", "--count", "6", "--seed", "1")[1] == {"seeded": 6}
    status, counts, _ = run("outbox")
    assert counts == {
        "sealed": 6,
        "delivered": 0,
        "needs_attention": 0,
        "exported_awaiting_receipt": 0,
    }

    # Nothing readable is left on the kiosk side: the vault holds only envelopes.
    data_dir = Path(vault_args[1])
    assert not any(b"DEMO-" in p.read_bytes() for p in data_dir.rglob("*") if p.is_file())

    # Export all sealed records, carry them over, carry the receipts back.
    media = tmp_path / "usb"
    media.mkdir()
    status, exported, _ = run("export", "--to", str(media))
    assert status == 0 and exported is not None and exported["records"] == 6
    assert run("outbox")[1]["exported_awaiting_receipt"] == 6  # type: ignore[index]
    status, imported, _ = run(
        "intake",
        "import",
        exported["bundle"],
        "--data-dir",
        str(intake.data_dir),
        *store_args(intake),
        vault=False,
    )  # type: ignore[arg-type]
    assert status == 0 and imported is not None and imported["stored"] == 6
    status, applied, _ = run("sync", "--receipts", str(imported["receipts"]))
    assert applied == {"uploaded": 6, "failed": 0, "pending": 0, "ignored_receipts": 0}

    # New records go by network; a second sync has nothing to do.
    run("demo", "seed", "--count", "4")
    assert run("sync", "--once")[1] == {"uploaded": 4, "failed": 0, "pending": 0}
    assert run("sync", "--once")[1] == {"uploaded": 0, "failed": 0, "pending": 0}
    assert run("outbox")[1] == {
        "sealed": 0,
        "delivered": 10,
        "needs_attention": 0,
        "exported_awaiting_receipt": 0,
    }
    assert intake.service.stats()["records"] == 10

    # Receipts already applied are ignored, not errors.
    assert run("sync", "--receipts", str(imported["receipts"]))[1]["ignored_receipts"] == 6  # type: ignore[index]

    # The back office opens what the kiosk can no longer read.
    cards = tmp_path / "cards"
    key_file = intake.data_dir / "PROGRAM-PRIVATE-KEY-move-to-back-office.json"
    status, decrypted, _ = run(
        "intake",
        "decrypt",
        "--key",
        str(key_file),
        "--data-dir",
        str(intake.data_dir),
        *store_args(intake),
        "--out",
        str(cards),
        vault=False,
    )
    assert decrypted == {"decrypted": 10, "failed": []}
    record = json.loads(next(cards.iterdir()).read_text())["record"]
    assert record["demo"] is True and record["photo_jpeg_b64"]
    assert not {"citizenship", "immigration_status", "nationality"} & set(record["applicant"])


def test_sync_offline_and_rejections(
    run: Run, live: LiveIntake, intake: Intake, tmp_path: Path, vault_args: list[str]
) -> None:
    provisioning = tmp_path / "prov.json"
    provisioning.write_text(json.dumps(intake.provisioning))
    assert run("provision", "--file", str(provisioning), "--url", live.url)[0] == 0
    run("demo", "seed", "--count", "3")
    status, out, err = run("sync", "--once", "--url", "http://127.0.0.1:9", "--timeout", "2")
    assert status == 1 and out == {"uploaded": 0, "failed": 0, "pending": 3}
    assert "outbox.intake_unreachable" in err

    # A record the intake refuses goes to a supervisor and can be sent again.
    with Vault.open(Path(vault_args[1]), "ana", PASSWORD) as vault, vault.transaction() as conn:
        record_id = conn.execute("SELECT record_id FROM submissions LIMIT 1").fetchone()[0]
        conn.execute(
            "UPDATE submissions SET envelope = CAST(replace(CAST(envelope AS TEXT),"
            ' \'"created_at":"\', \'"created_at":"1\') AS BLOB) WHERE record_id = ?',
            (record_id,),
        )
    status, out, _ = run("sync", "--once")
    assert out == {"uploaded": 2, "failed": 1, "pending": 0}
    assert run("outbox")[1]["needs_attention"] == 1  # type: ignore[index]
    status, _, err = run("outbox", "--requeue", "r-unknown")
    assert status == 2 and "input.invalid" in err
    assert run("outbox", "--requeue", record_id)[1]["sealed"] == 1  # type: ignore[index]


def test_bad_inputs(run: Run, tmp_path: Path) -> None:
    status, _, err = run("provision", "--file", str(tmp_path / "missing.json"))
    assert status == 2 and "outbox.provisioning_invalid" in err
    (tmp_path / "p.json").write_text('{"kind": "kiosk-provisioning"}')
    status, _, err = run("provision", "--file", str(tmp_path / "p.json"))
    assert status == 2 and "outbox.provisioning_invalid" in err
    status, _, err = run("export", "--to", str(tmp_path / "not-mounted"))
    assert status == 2 and "input.invalid" in err
    status, _, err = run("demo", "seed", "--count", "0")
    assert status == 2


def test_kiosk_sync_killed_mid_round_loses_and_duplicates_nothing(
    run: Run, live: LiveIntake, intake: Intake, tmp_path: Path, vault_args: list[str]
) -> None:
    provisioning = tmp_path / "prov.json"
    provisioning.write_text(json.dumps(intake.provisioning))
    assert run("provision", "--file", str(provisioning), "--url", live.url)[0] == 0
    run("demo", "seed", "--count", "150")
    live.faults.slow_responses, live.faults.delay_s = -1, 0.3
    root = Path(__file__).resolve().parents[3]
    child = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "sync", "--once", "--json", *vault_args],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while live.records() < 50 and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)  # polling another process's progress
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(10)
    assert child.returncode == -signal.SIGKILL
    assert run("outbox")[1]["sealed"] > 0  # type: ignore[index,operator]
    live.faults.slow_responses = 0
    assert run("sync", "--once")[1]["pending"] == 0  # type: ignore[index]
    counts = run("outbox")[1]
    assert counts is not None and counts["delivered"] == 150 and counts["sealed"] == 0
    assert live.records() == 150 and len(live.stored_digests()) == 150


def test_demo_group_is_shared_with_other_subsystems() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    demo = sub.add_parser("demo")
    demo.add_subparsers(dest="demo_command", required=True).add_parser("screenshots")
    outbox_cli.register(sub)
    seed = parser.parse_args(
        ["demo", "seed", "--count", "2", "--user", "a", "--password-file", "p"]
    )
    assert (seed.demo_command, seed.count) == ("seed", 2)
    assert parser.parse_args(["demo", "screenshots"]).demo_command == "screenshots"
