"""The vault's CLI contracts: init, audit verify, staff; clean errors, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.staff import sign_in
from tests.unit.conftest import FakeClock


@pytest.fixture
def password_file(tmp_path: Path) -> Path:
    path = tmp_path / "pw"
    path.write_text("correct horse battery\n")
    return path


@pytest.fixture
def initialised(tmp_path: Path, password_file: Path) -> Path:
    data_dir = tmp_path / "vault"
    assert (
        main(
            [
                "init",
                "--data-dir",
                str(data_dir),
                "--admin",
                "ana",
                "--password-file",
                str(password_file),
                "--site",
                "Van 2",
            ]
        )
        == 0
    )
    return data_dir


def vault_args(data_dir: Path, password_file: Path) -> list[str]:
    return ["--data-dir", str(data_dir), "--user", "ana", "--password-file", str(password_file)]


def test_init_then_verify_json(
    initialised: Path, password_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["audit", "verify", *vault_args(initialised, password_file), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True
    assert report["entries"] >= 3


def test_verify_fails_on_a_tampered_log(
    initialised: Path, password_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = sign_in(initialised, "ana", "correct horse battery", clock=FakeClock())
    session.vault.conn.execute("UPDATE audit SET actor = 'mallory' WHERE seq = 1")
    session.vault.close()
    capsys.readouterr()
    assert main(["audit", "verify", *vault_args(initialised, password_file)]) == 1
    assert "audit log broken: entry 1 was altered" in capsys.readouterr().err


def test_init_refuses_an_existing_vault(
    initialised: Path, password_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "init",
            "--data-dir",
            str(initialised),
            "--admin",
            "bo",
            "--password-file",
            str(password_file),
        ]
    )
    assert code == 1
    assert "[vault.exists]" in capsys.readouterr().err


def test_wrong_password_is_one_line_on_stderr(
    initialised: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad"
    bad.write_text("not the password\n")
    assert main(["audit", "verify", *vault_args(initialised, bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "[vault.wrong_password]" in err


@pytest.mark.parametrize("content", ["", "\n"])
def test_empty_password_file(
    tmp_path: Path, content: str, capsys: pytest.CaptureFixture[str]
) -> None:
    pw = tmp_path / "pw"
    pw.write_text(content)
    assert (
        main(
            [
                "init",
                "--data-dir",
                str(tmp_path / "v"),
                "--admin",
                "ana",
                "--password-file",
                str(pw),
            ]
        )
        == 2
    )
    assert "empty" in capsys.readouterr().err


def test_missing_password_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "init",
                "--data-dir",
                str(tmp_path / "v"),
                "--admin",
                "ana",
                "--password-file",
                str(tmp_path / "nope"),
            ]
        )
        == 2
    )
    assert "Cannot read the password file" in capsys.readouterr().err


def test_staff_add_and_list(
    initialised: Path, password_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_pw = tmp_path / "new"
    new_pw.write_text("enroller password\n")
    assert (
        main(
            [
                "staff",
                "add",
                "eli",
                "--name",
                "Eli E",
                "--role",
                "enroller",
                "--new-password-file",
                str(new_pw),
                *vault_args(initialised, password_file),
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["staff", "list", "--json", *vault_args(initialised, password_file)]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert [s["username"] for s in listing["staff"]] == ["ana", "eli"]


def test_console_script_version_and_no_traceback(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("kiosk")
    version = subprocess.run([exe, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("kiosk ")
    missing = subprocess.run(
        [
            exe,
            "audit",
            "verify",
            "--data-dir",
            str(tmp_path / "none"),
            "--user",
            "x",
            "--password-file",
            "-",
        ],
        input="whatever pw\n",
        check=False,
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 1
    assert "Traceback" not in missing.stderr
    assert "[vault.not_found]" in missing.stderr
