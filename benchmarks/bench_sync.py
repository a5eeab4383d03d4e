"""bench_sync: sealed records per second through the uploader to a local intake, vs a bare client.

Two identical intakes (same keys, same registered kiosk, empty stores) run as `kiosk intake serve`
subprocesses. The uploader sends N sealed records (each with a 60 KB photo) in batches with its
health check and receipt verification; the bare client posts the very same request bodies and
ignores the answers. Budgets (DESIGN.md): records_per_s >= 50, vs_raw_http_ratio >= 0.5.
The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import nacl.public
import nacl.signing

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk import sealing  # noqa: E402
from kiosk.intake.setup import init_intake  # noqa: E402
from kiosk.outbox.client import IntakeClient  # noqa: E402
from kiosk.outbox.memory import InMemoryOutboxStore  # noqa: E402
from kiosk.outbox.model import PendingEnvelope  # noqa: E402
from kiosk.outbox.uploader import Uploader  # noqa: E402

BATCH = 50


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Intake:
    def __init__(self, data_dir: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kiosk",
                "intake",
                "serve",
                "--data-dir",
                str(data_dir),
                "--port",
                str(self.port),
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(f"{self.url}/v1/stats", timeout=1).raise_for_status()
                return
            except httpx.HTTPError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise RuntimeError("intake did not start") from None
                time.sleep(0.05)

    def records(self) -> int:
        return int(httpx.get(f"{self.url}/v1/stats").json()["records"])

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="200 records instead of 1,000")
    args = parser.parse_args()
    count = 200 if args.quick else 1000

    work = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
        files = init_intake(work / "a", url="http://127.0.0.1")
        provisioning = json.loads(files.provisioning.read_text())
        program = nacl.public.PublicKey(
            sealing.unb64(provisioning["program_public_key"], sealing.SealingError)
        )
        server_vk = nacl.signing.VerifyKey(
            sealing.unb64(provisioning["server_verify_key"], sealing.SealingError)
        )
        kiosk = nacl.signing.SigningKey.generate()
        photo = base64.b64encode(os.urandom(60_000)).decode()
        started = time.perf_counter()
        envelopes = [
            sealing.seal(f"B-{i:06d}", {"photo_jpeg_b64": photo, "n": i}, program, kiosk)
            for i in range(count)
        ]
        seal_s = time.perf_counter() - started

        first = Intake(work / "a")
        with IntakeClient(first.url, server_vk) as client:
            client.register(kiosk, label="bench", token=provisioning["enrolment_token"])
        first.stop()
        shutil.copytree(work / "a", work / "b")  # same keys and kiosk, empty store

        intake = Intake(work / "a")
        try:
            store = InMemoryOutboxStore()
            for envelope in envelopes:
                store.add(envelope)
            with IntakeClient(intake.url, server_vk, timeout=60) as client:
                started = time.perf_counter()
                result = Uploader(store, client, batch_size=BATCH).sync_once()
                upload_s = time.perf_counter() - started
            assert result.uploaded == count and intake.records() == count, result
        finally:
            intake.stop()

        raw_intake = Intake(work / "b")
        try:
            pending = [PendingEnvelope.of(e) for e in envelopes]
            bodies = [
                b'{"envelopes":[' + b",".join(p.envelope for p in pending[i : i + BATCH]) + b"]}"
                for i in range(0, count, BATCH)
            ]
            with httpx.Client(base_url=raw_intake.url, timeout=60) as bare:
                started = time.perf_counter()
                for body in bodies:
                    bare.post(
                        "/v1/envelopes", content=body, headers={"content-type": "application/json"}
                    ).raise_for_status()
                raw_s = time.perf_counter() - started
            assert raw_intake.records() == count
        finally:
            raw_intake.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    figures = {
        "benchmark": "bench_sync",
        "records": count,
        "batch_size": BATCH,
        "envelope_bytes": len(envelopes[0].to_bytes()),
        "seal_ms_per_record": round(seal_s / count * 1000, 3),
        "records_per_s": round(count / upload_s, 1),
        "raw_records_per_s": round(count / raw_s, 1),
        "vs_raw_http_ratio": round(raw_s / upload_s, 3),
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
