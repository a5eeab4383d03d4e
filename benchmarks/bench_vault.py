"""Vault budgets: durable submit of a sealed 60 KB-photo record, SQLCipher's cost, unlock time.

Last line: one JSON object. `--quick` runs fewer iterations (for CI smoke runs).
Budgets (DESIGN.md): submit_p95_ms <= 50, cipher_vs_plain_ratio <= 2.5.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import secrets
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import nacl.public
import nacl.signing

from kiosk import audit
from kiosk.audit import AuditAction
from kiosk.clock import utc_now
from kiosk.sealing import seal
from kiosk.staff import create_vault, sign_in
from kiosk.vault.database import open_connection

PHOTO_BYTES = 60 * 1024
PASSWORD = "benchmark password"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def bench_submit(data_dir: Path, count: int) -> tuple[float, float]:
    session = sign_in(data_dir, "admin", PASSWORD, clock=utc_now)
    program_key = nacl.public.PrivateKey.generate().public_key
    kiosk_key = nacl.signing.SigningKey.generate()
    photo = secrets.token_bytes(PHOTO_BYTES)  # incompressible, like a JPEG
    timings = []
    for i in range(count):
        record_id = str(uuid.uuid4())
        payload = {
            "schema": 1,
            "applicant": {"family_name": "Benchmark", "given_names": "Record", "dob": "1990-01-01"},
            "photo_jpeg": base64.b64encode(photo).decode(),
        }
        started = time.perf_counter()
        envelope = seal(record_id, payload, program_key, kiosk_key)
        now = utc_now().isoformat(timespec="seconds")
        with session.vault.transaction() as conn:
            conn.execute(
                "INSERT INTO submissions (record_id, application_number, state, submitted_by, "
                "submitted_at, updated_at, envelope) VALUES (?, ?, 'sealed', ?, ?, ?, ?)",
                (record_id, f"B-{i:06d}", session.member.id, now, now, envelope.to_bytes()),
            )
            audit.append(
                conn,
                at=utc_now(),
                actor=session.member.username,
                action=AuditAction.SUBMITTED,
                subject=f"B-{i:06d}",
            )
        timings.append((time.perf_counter() - started) * 1000)
    session.close()
    return percentile(timings, 0.95), statistics.median(timings)


def _write_burst(conn: object, count: int, blob: bytes) -> float:
    conn.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, data BLOB)")  # type: ignore[attr-defined]
    started = time.perf_counter()
    for _ in range(count):
        conn.execute("BEGIN IMMEDIATE")  # type: ignore[attr-defined]
        conn.execute("INSERT INTO t (data) VALUES (?)", (blob,))  # type: ignore[attr-defined]
        conn.execute("COMMIT")  # type: ignore[attr-defined]
    return time.perf_counter() - started


def bench_cipher_ratio(folder: Path, count: int) -> float:
    blob = secrets.token_bytes(PHOTO_BYTES)
    cipher = open_connection(folder / "cipher.db", secrets.token_bytes(32))
    plain = sqlite3.connect(folder / "plain.db", isolation_level=None)
    plain.execute("PRAGMA journal_mode = WAL")
    plain.execute("PRAGMA synchronous = FULL")
    # Interleave rounds so disk noise hits both sides alike.
    cipher_s = plain_s = 0.0
    for _ in range(4):
        cipher_s += _write_burst(cipher, count // 4, blob)
        plain_s += _write_burst(plain, count // 4, blob)
    cipher.close()
    plain.close()
    return cipher_s / plain_s


def bench_unlock(data_dir: Path, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        session = sign_in(data_dir, "admin", PASSWORD, clock=utc_now)
        times.append(time.perf_counter() - started)
        session.close()
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer iterations")
    args = parser.parse_args()
    submits, writes, unlocks = (40, 200, 2) if args.quick else (300, 1000, 5)
    with tempfile.TemporaryDirectory(prefix="bench-vault-") as tmp:
        folder = Path(tmp)
        create_vault(
            folder / "vault",
            admin_username="admin",
            admin_password=PASSWORD,
            admin_display_name="Bench",
            clock=utc_now,
        ).close()
        unlock_s = bench_unlock(folder / "vault", unlocks)
        p95, median = bench_submit(folder / "vault", submits)
        ratio = bench_cipher_ratio(folder, writes)
    result = {
        "benchmark": "bench_vault",
        "quick": args.quick,
        "cpus": os.cpu_count(),
        "submit_p95_ms": round(p95, 2),
        "submit_median_ms": round(median, 2),
        "cipher_vs_plain_ratio": round(ratio, 2),
        "unlock_s": round(unlock_s, 3),
        "budgets": {"submit_p95_ms": 50, "cipher_vs_plain_ratio": 2.5},
        "within_budget": p95 <= 50 and ratio <= 2.5,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
