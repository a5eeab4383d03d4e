"""`kiosk doctor`: each check on fakes (no camera, no network), the whole report, and the CLI."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import nacl.signing
import pytest

from kiosk.capture.sources import CameraInfo
from kiosk.cli import main
from kiosk.config import Settings
from kiosk.doctor import IntakeAnswer, Status, probe_intake, run_checks, vault_checks
from kiosk.doctor.intake import BAD_ADDRESS, check_intake
from kiosk.doctor.machine import (
    check_cameras,
    check_clock,
    check_disk,
    newest_vault_write,
)
from kiosk.doctor.model import Check, DoctorReport
from kiosk.guardrails import MB
from kiosk.outbox.identity import KioskIdentity, mark_registered
from kiosk.sealing import iso_utc, sign_statement
from kiosk.staff import Session
from tests.unit.conftest import ADMIN, ADMIN_PASSWORD, FakeClock
from tests.unit.ops.conftest import SUPERVISOR, FakeDisk, Provisioned, queue_sealed

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
WEBCAM = CameraInfo(0, "USB webcam")
_CODE_OR_ID = re.compile(r"[a-z][a-z0-9_.-]*\Z")


def no_cameras() -> list[CameraInfo]:
    return []


def unreachable(identity: KioskIdentity) -> IntakeAnswer:
    return IntakeAnswer(False, "outbox.intake_unreachable")


def _age_files(folder: Path, at: datetime) -> None:
    """Vault files carry real mtimes; tests put them where the fake clock expects them."""
    stamp = at.timestamp()
    for path in folder.iterdir():
        os.utime(path, (stamp, stamp))


# --- machine checks ---------------------------------------------------------------------------


def test_cameras_found_no_camera_or_a_failing_driver() -> None:
    assert check_cameras(lambda: [WEBCAM]) == Check(
        "cameras", Status.OK, "1 camera found.", {"count": 1}
    )
    none = check_cameras(no_cameras)
    assert (none.status, none.details) == (Status.WARN, {"count": 0})
    assert "synthetic" in none.summary

    def broken() -> list[CameraInfo]:
        raise OSError("driver")

    failed = check_cameras(broken)
    assert (failed.status, failed.details["error"]) == (Status.WARN, "OSError")


def test_disk_thresholds_are_the_guard_rail_settings() -> None:
    settings = Settings()
    assert check_disk(2048 * MB, settings).status is Status.OK
    low = check_disk(1000 * MB, settings)
    assert (low.status, low.details["code"], low.details["free_mb"]) == (
        Status.WARN,
        "disk.low",
        1000,
    )
    full = check_disk(100 * MB, settings)
    assert (full.status, full.details["code"]) == (Status.FAIL, "disk.full")
    assert (full.details["warn_below_mb"], full.details["fail_below_mb"]) == (1024, 256)


def test_the_clock_is_checked_for_a_sane_year_going_backwards_and_skew() -> None:
    assert check_clock(NOW, NOW - timedelta(hours=1)).status is Status.OK
    assert check_clock(NOW, NOW + timedelta(minutes=4)).status is Status.OK
    assert check_clock(datetime(2001, 1, 1, tzinfo=UTC), None).status is Status.WARN
    behind = check_clock(NOW, NOW + timedelta(days=3))
    assert behind.status is Status.WARN and "3 days behind" in behind.summary
    assert behind.details["behind_last_write_s"] == 3 * 86400
    ahead = check_clock(NOW, None, server_time=NOW - timedelta(hours=5))
    assert "5 hours ahead of the intake" in ahead.summary
    assert ahead.details["intake_skew_s"] == 5 * 3600
    assert (
        "10 minutes behind the intake"
        in check_clock(NOW, None, NOW + timedelta(minutes=10)).summary
    )
    assert check_clock(NOW, None, NOW + timedelta(seconds=30)).status is Status.OK


def test_the_last_vault_write_is_the_newest_vault_file(tmp_path: Path) -> None:
    assert newest_vault_write(tmp_path) is None
    (tmp_path / "vault.db").write_bytes(b"")
    (tmp_path / "vault.json").write_bytes(b"")
    _age_files(tmp_path, NOW)
    os.utime(tmp_path / "vault.json", (NOW.timestamp() + 60, NOW.timestamp() + 60))
    assert newest_vault_write(tmp_path) == NOW + timedelta(seconds=60)


# --- vault checks -----------------------------------------------------------------------------


def test_a_fresh_vault_is_healthy(staffed: Session) -> None:
    check = vault_checks.check_vault(staffed)
    assert check.status is Status.OK, check.summary
    assert check.details["staff"] == 3
    assert check.details["integrity_problems"] == check.details["slots_missing"] == 0
    assert check.details["user_version"] == check.details["expected_version"]


def test_missing_and_damaged_sign_in_files_are_a_warning(staffed: Session) -> None:
    vault = staffed.vault
    vault.slots.path_for(vault.tag_for(SUPERVISOR)).unlink()
    vault.slots.path_for(vault.tag_for(ADMIN)).write_text("{not json")
    check = vault_checks.check_vault(staffed)
    assert check.status is Status.WARN
    assert (check.details["slots_missing"], check.details["slots_damaged"]) == (1, 1)


def test_a_broken_audit_chain_fails(session: Session) -> None:
    session.vault.conn.execute("UPDATE audit SET actor = 'mallory' WHERE seq = 1")
    check = vault_checks.check_vault(session)
    assert (check.status, check.details["audit_chain_ok"]) == (Status.FAIL, False)


def test_a_swollen_wal_is_a_warning(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vault_checks, "WAL_WARN_BYTES", 0)
    check = vault_checks.check_vault(session)
    assert check.status is Status.WARN and "write-ahead log" in check.summary


def test_keys_unprovisioned_unregistered_registered_and_mismatched(
    session: Session, provisioned: Provisioned
) -> None:
    identity, check = vault_checks.load_keys(session)
    assert identity == provisioned.identity
    assert (check.status, check.details["code"]) == (Status.WARN, "keys.not_registered")
    with session.vault.transaction() as conn:
        mark_registered(conn, session.clock())
    _, check = vault_checks.load_keys(session)
    assert check.status is Status.OK
    assert check.details["kiosk_id"] == provisioned.identity.kiosk_id
    session.vault.conn.execute("UPDATE kiosk_identity SET kiosk_id = 'k-someone-else'")
    _, check = vault_checks.load_keys(session)
    assert (check.status, check.details["code"]) == (Status.FAIL, "keys.mismatch")
    session.vault.conn.execute("UPDATE kiosk_identity SET signing_key = x'00'")
    identity, check = vault_checks.load_keys(session)
    assert (identity, check.status, check.details["code"]) == (None, Status.FAIL, "keys.damaged")
    session.vault.conn.execute("DELETE FROM kiosk_identity")
    identity, check = vault_checks.load_keys(session)
    assert (identity, check.status, check.details["code"]) == (
        None,
        Status.FAIL,
        "keys.not_provisioned",
    )


def test_backlog_against_the_guard_rails(session: Session, clock: FakeClock) -> None:
    settings = Settings()
    check = vault_checks.check_backlog(session, settings, clock.now)
    assert (check.status, check.summary) == (Status.OK, "Nothing is waiting to be uploaded.")
    queue_sealed(session, 2, clock.now - timedelta(hours=36))
    check = vault_checks.check_backlog(session, settings, clock.now)
    assert check.status is Status.OK and "oldest for 36 hours" in check.summary
    assert check.details["oldest_waiting_days"] == 1.5
    queue_sealed(session, 1, clock.now, state="needs_attention")
    assert vault_checks.check_backlog(session, settings, clock.now).status is Status.WARN
    strict = settings.replace(backlog_block_count=2)
    check = vault_checks.check_backlog(session, strict, clock.now)
    assert (check.status, check.details["waiting"], check.details["block_count"]) == (
        Status.FAIL,
        2,
        2,
    )
    queue_sealed(session, 3, clock.now, exported=True)
    check = vault_checks.check_backlog(session, strict, clock.now)
    assert (check.details["waiting"], check.details["exported_awaiting_receipt"]) == (5, 3)
    assert check.status is Status.FAIL  # 2 not exported: still at the limit


# --- the intake -------------------------------------------------------------------------------


def _health_transport(
    provisioned: Provisioned, *, time: str | None, key: nacl.signing.SigningKey | None = None
) -> httpx.MockTransport:
    signing_key = key or provisioned.server_key

    def answer(request: httpx.Request) -> httpx.Response:
        fields = {"nonce": request.url.params["nonce"], "intake_id": provisioned.identity.intake_id}
        if time is not None:
            fields["time"] = time
        return httpx.Response(200, json=sign_statement("health", fields, signing_key))

    return httpx.MockTransport(answer)


def test_the_probe_reads_the_intakes_signed_time(provisioned: Provisioned) -> None:
    transport = _health_transport(provisioned, time=iso_utc(NOW))
    answer = probe_intake(provisioned.identity, transport=transport)
    assert answer == IntakeAnswer(True, None, NOW)
    older = probe_intake(provisioned.identity, transport=_health_transport(provisioned, time=None))
    assert older == IntakeAnswer(True, None, None)


def test_the_probe_never_raises(provisioned: Provisioned) -> None:
    impostor = _health_transport(provisioned, time=None, key=nacl.signing.SigningKey.generate())
    assert probe_intake(provisioned.identity, transport=impostor) == IntakeAnswer(
        False, "outbox.not_the_intake"
    )

    def offline(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no route", request=request)

    answer = probe_intake(provisioned.identity, transport=httpx.MockTransport(offline))
    assert answer == IntakeAnswer(False, "outbox.intake_unreachable")

    def bug(request: httpx.Request) -> httpx.Response:
        raise httpx.DecodingError("odd")

    answer = probe_intake(provisioned.identity, transport=httpx.MockTransport(bug))
    assert answer == IntakeAnswer(False, BAD_ADDRESS)


def test_an_unreachable_intake_is_a_warning_not_a_failure(provisioned: Provisioned) -> None:
    identity = provisioned.identity
    assert check_intake(identity, IntakeAnswer(True)).status is Status.OK
    offline = check_intake(identity, IntakeAnswer(False, "outbox.intake_unreachable"))
    assert offline.status is Status.WARN and "normal without a network" in offline.summary
    portal = check_intake(identity, IntakeAnswer(False, "outbox.not_the_intake"))
    assert portal.status is Status.WARN and "Wi-Fi sign-in page" in portal.summary
    assert check_intake(None, None).details["code"] == "keys.not_provisioned"


# --- the whole report -------------------------------------------------------------------------

Run = Callable[..., DoctorReport]


@pytest.fixture
def run(clock: FakeClock, disk: FakeDisk) -> Run:
    def go(session: Session | None, data_dir: Path, **kwargs: Any) -> DoctorReport:
        kwargs.setdefault("camera_lister", lambda: [WEBCAM])
        kwargs.setdefault("intake_probe", unreachable)
        return run_checks(session, data_dir, clock=clock, disk_usage=disk, **kwargs)

    return go


def _ids(report: DoctorReport) -> list[str]:
    return [c.id for c in report.checks]


def test_without_signing_in_only_machine_checks_run(
    run: Run, tmp_path: Path, disk: FakeDisk
) -> None:
    report = run(None, tmp_path / "not" / "made" / "yet")
    assert _ids(report) == ["cameras", "disk", "clock"]
    assert report.ok and report.status is Status.OK
    assert disk.asked == [tmp_path]


def test_signed_in_every_check_runs_in_order(
    run: Run, session: Session, provisioned: Provisioned, clock: FakeClock
) -> None:
    _age_files(session.vault.data_dir, clock.now - timedelta(hours=1))
    probed: list[KioskIdentity] = []

    def probe(identity: KioskIdentity) -> IntakeAnswer:
        probed.append(identity)
        return IntakeAnswer(True, None, clock.now - timedelta(hours=2))

    report = run(session, session.vault.data_dir, intake_probe=probe)
    assert _ids(report) == ["cameras", "disk", "clock", "vault", "keys", "intake", "backlog"]
    assert probed == [provisioned.identity]
    clock_check = report.get("clock")
    assert clock_check is not None and clock_check.details["intake_skew_s"] == 7200
    assert report.ok and report.status is Status.WARN  # skewed clock, unregistered keys


def test_a_clock_set_back_shows_against_the_audit_log(
    run: Run, session: Session, provisioned: Provisioned, clock: FakeClock
) -> None:
    _age_files(session.vault.data_dir, clock.now - timedelta(days=2))
    clock.advance(days=-1)
    report = run(session, session.vault.data_dir)
    clock_check = report.get("clock")
    assert clock_check is not None and clock_check.status is Status.WARN
    assert "behind the last thing this kiosk saved" in clock_check.summary


def test_an_unprovisioned_kiosk_fails_and_the_report_says_so_in_json(
    run: Run, session: Session, clock: FakeClock
) -> None:
    _age_files(session.vault.data_dir, clock.now)
    report = run(session, session.vault.data_dir, camera_lister=no_cameras)
    assert not report.ok and report.status is Status.FAIL
    out = report.to_json()
    assert out["ok"] is False and set(out) == {"ok", "checks"}
    statuses = {c["id"]: c["status"] for c in out["checks"]}
    assert statuses == {
        "cameras": "warn",
        "disk": "ok",
        "clock": "ok",
        "vault": "ok",
        "keys": "fail",
        "intake": "warn",
        "backlog": "ok",
    }
    for check in out["checks"]:
        assert set(check) == {"id", "status", "summary", "details"}
        for value in check["details"].values():
            assert (
                value is None or isinstance(value, int | float | bool) or _CODE_OR_ID.match(value)
            )
    json.dumps(out)


# --- the command ------------------------------------------------------------------------------


@pytest.fixture
def closed_vault(session: Session, tmp_path: Path) -> tuple[Path, Path]:
    data_dir = session.vault.data_dir
    session.close()
    password_file = tmp_path / "password"
    password_file.write_text(ADMIN_PASSWORD + "\n")
    return data_dir, password_file


def test_the_command_without_a_vault_prints_machine_checks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["doctor", "--data-dir", str(tmp_path), "--no-vault", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in out["checks"]] == ["cameras", "disk", "clock"]
    assert status == (0 if out["ok"] else 1)


def test_the_command_signed_in_exits_1_when_a_check_fails(
    closed_vault: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, password = closed_vault
    argv = [
        "doctor",
        "--data-dir",
        str(data_dir),
        "--user",
        ADMIN,
        "--password-file",
        str(password),
    ]
    assert main(argv) == 1  # not provisioned
    text = capsys.readouterr().out
    assert "[FAIL] keys" in text and "failed" in text.splitlines()[-1]
    assert main([*argv, "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in out["checks"]][-1] == "backlog"


def test_the_command_needs_a_user_or_no_vault(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["doctor", "--data-dir", str(tmp_path)]) == 2
    assert "--no-vault" in capsys.readouterr().err


def test_damaged_pages_or_a_wrong_schema_fail(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(session.vault, "integrity_problems", lambda: ["page 7: hmac check failed"])
    check = vault_checks.check_vault(session)
    assert (check.status, check.details["integrity_problems"]) == (Status.FAIL, 1)
    assert "call support" in check.summary
    monkeypatch.setattr(vault_checks, "latest_version", lambda: 99)
    check = vault_checks.check_vault(session)
    assert "this program expects 99" in check.summary


def test_the_text_report_ends_with_a_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["doctor", "--data-dir", str(tmp_path), "--no-vault"])
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("]")[1].split()[0] for line in lines[:-1]] == ["cameras", "disk", "clock"]
    assert lines[-1].startswith(("Nothing failed", "1 failed"))
