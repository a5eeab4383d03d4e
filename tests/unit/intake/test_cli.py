"""`kiosk intake ...` end to end through kiosk.cli.main: init, stats, import, decrypt."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import nacl.public
import nacl.signing
import pytest

from kiosk import sealing
from kiosk.cli import main
from kiosk.intake.server import bound_socket
from kiosk.intake.service import IntakeService
from kiosk.intake.setup import PROGRAM_KEY_FILE, load_intake, load_program_key
from kiosk.intake.store import open_store
from kiosk.outbox.bundle import read_receipts, write_bundle


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_init_stats_import_decrypt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "I"
    status, out, _ = run(
        capsys, "intake", "init", "--data-dir", str(data), "--url", "http://i:1", "--json"
    )
    assert status == 0
    paths = json.loads(out)
    key_file = Path(paths["program_key"])
    assert key_file.name == PROGRAM_KEY_FILE and key_file.stat().st_mode & 0o777 == 0o600
    assert (data / "server-signing.key").stat().st_mode & 0o777 == 0o600
    provisioning = json.loads(Path(paths["provisioning"]).read_text())
    assert provisioning["url"] == "http://i:1"
    assert "private" not in json.dumps(provisioning).lower()
    assert set(provisioning) >= {"program_public_key", "server_verify_key", "enrolment_token"}

    status, _, err = run(capsys, "intake", "init", "--data-dir", str(data))
    assert status != 0 and "intake.exists" in err

    # A kiosk registers (as `kiosk provision` will) and carries a bundle over.
    config = load_intake(data)
    store = open_store(data, None)
    service = IntakeService(
        store,
        config.signing_key,
        program_key_id=config.program_key_id,
        enrolment_token_sha256=config.enrolment_token_sha256,
    )
    kiosk = nacl.signing.SigningKey.generate()
    service.register(sealing.b64(bytes(kiosk.verify_key)), "Van", provisioning["enrolment_token"])
    store.close()
    program_pk = nacl.public.PublicKey(
        sealing.unb64(provisioning["program_public_key"], sealing.SealingError)
    )
    envelopes = [
        sealing.seal(f"R-{i}", {"family_name": f"Name{i}"}, program_pk, kiosk) for i in range(3)
    ]
    media = tmp_path / "usb"
    media.mkdir()
    bundle = write_bundle(media, envelopes, kiosk)

    for expected in ({"stored": 3, "duplicate": 0}, {"stored": 0, "duplicate": 3}):
        status, out, _ = run(
            capsys, "intake", "import", str(bundle), "--data-dir", str(data), "--json"
        )
        result = json.loads(out)
        assert status == 0 and {k: result[k] for k in expected} == expected
    receipts = read_receipts(Path(result["receipts"]))
    assert [r.record_id for r in receipts] == ["R-0", "R-1", "R-2"]

    status, out, _ = run(capsys, "intake", "stats", "--data-dir", str(data), "--json")
    assert json.loads(out)["records"] == 3
    status, out, _ = run(capsys, "intake", "stats", "--data-dir", str(data))
    assert "records: 3" in out

    cards = tmp_path / "cards"
    status, out, _ = run(
        capsys,
        "intake",
        "decrypt",
        "--key",
        str(key_file),
        "--data-dir",
        str(data),
        "--out",
        str(cards),
        "--json",
    )
    assert status == 0 and json.loads(out) == {"decrypted": 3, "failed": []}
    opened = json.loads((cards / "R-1.json").read_text())
    assert opened["record"] == {"family_name": "Name1"} and opened["record_id"] == "R-1"
    assert (cards / "R-1.json").stat().st_mode & 0o777 == 0o600
    assert load_program_key(key_file).public_key == program_pk


def test_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "intake", "stats", "--data-dir", str(tmp_path), "--json")
    assert status != 0 and "intake.not_initialised" in err and "Traceback" not in err
    status, _, err = run(capsys, "intake", "init", "--data-dir", str(tmp_path / "I"))
    assert status == 0
    status, _, err = run(
        capsys, "intake", "import", str(tmp_path / "none"), "--data-dir", str(tmp_path / "I")
    )
    assert status == 2 and "input.not_found" in err
    bogus = tmp_path / "bogus.kbundle"
    bogus.write_text("{}")
    status, _, err = run(capsys, "intake", "import", str(bogus), "--data-dir", str(tmp_path / "I"))
    assert status == 2 and "outbox.bundle_invalid" in err
    status, _, err = run(
        capsys,
        "intake",
        "decrypt",
        "--key",
        str(bogus),
        "--data-dir",
        str(tmp_path / "I"),
        "--out",
        str(tmp_path / "o"),
    )
    assert status == 2 and "input.invalid" in err
    status, _, err = run(
        capsys, "intake", "stats", "--data-dir", str(tmp_path / "I"), "--store", "mysql://x"
    )
    assert status != 0 and "intake.store_error" in err
    (tmp_path / "I" / "server-signing.key").write_text("not base64!")
    status, _, err = run(capsys, "intake", "stats", "--data-dir", str(tmp_path / "I"))
    assert status == 2 and "input.invalid" in err


def test_serve_runs_until_terminated(tmp_path: Path) -> None:
    data = tmp_path / "I"
    assert main(["intake", "init", "--data-dir", str(data), "--json"]) == 0
    with bound_socket() as probe:
        port = probe.getsockname()[1]  # a free port
    root = Path(__file__).resolve().parents[3]
    server = subprocess.Popen(
        [
            sys.executable,
            "-W",
            "error",
            "-m",
            "kiosk",
            "intake",
            "serve",
            "--data-dir",
            str(data),
            "--port",
            str(port),
        ],
        cwd=root,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and server.poll() is None:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/v1/health", params={"nonce": "z" * 16})
                break
            except httpx.TransportError:
                time.sleep(0.05)  # waiting for another process to listen
        assert answer.json()["nonce"] == "z" * 16
    finally:
        server.send_signal(signal.SIGTERM)
        _, err = server.communicate(timeout=10)
    # uvicorn shuts down gracefully, then re-raises the signal it caught.
    assert server.returncode in (0, -signal.SIGTERM), err
    assert "program private key is still in" in err  # the operator is nagged to move it
    assert "Traceback" not in err
