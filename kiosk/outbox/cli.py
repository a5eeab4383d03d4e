"""Kiosk-side delivery commands: provision, sync, outbox, export, and `demo seed`."""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Any

from kiosk import audit
from kiosk.audit import AuditAction
from kiosk.cli import command_group, print_json
from kiosk.errors import InvalidInput, KioskError
from kiosk.outbox.bundle import read_receipts
from kiosk.outbox.client import IntakeClient
from kiosk.outbox.delivery import register_if_needed
from kiosk.outbox.demo import new_record_id, synthetic_application
from kiosk.outbox.identity import (
    KioskIdentity,
    mark_registered,
    read_provisioning,
    save_identity,
)
from kiosk.outbox.model import SyncResult
from kiosk.outbox.operations import (
    export_sealed,
    requeue,
    require_identity,
    require_role,
)
from kiosk.outbox.uploader import Uploader
from kiosk.outbox.vault_store import VaultOutboxStore, insert_sealed
from kiosk.sealing import seal
from kiosk.staff import Role, Session
from kiosk.vault.cli import add_vault_args, open_session


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("provision", help="install provisioning.json; register this kiosk")
    p.add_argument("--file", required=True, type=Path, help="provisioning.json from the intake")
    p.add_argument("--url", help="intake URL (default: the one in the file)")
    p.add_argument("--label", default="", help="a name staff know this kiosk by, e.g. 'Van 3'")
    p.add_argument("--timeout", type=float, default=15.0)
    add_vault_args(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_provision)

    p = subparsers.add_parser("sync", help="upload sealed records (or apply carried receipts)")
    p.add_argument("--once", action="store_true", help="one round, then exit (the default)")
    p.add_argument("--receipts", type=Path, help="apply a receipts file from `intake import`")
    p.add_argument("--url", help="intake URL (default: the provisioned one)")
    p.add_argument("--timeout", type=float, default=15.0)
    add_vault_args(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_sync)

    p = subparsers.add_parser("outbox", help="records by delivery state")
    add_vault_args(p)
    p.add_argument("--requeue", metavar="RECORD_ID", help="supervisors: send a record again")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_outbox)

    p = subparsers.add_parser("export", help="write sealed records to removable media")
    p.add_argument("--to", required=True, type=Path, help="folder on the removable medium")
    add_vault_args(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_export)

    demo = command_group(subparsers, "demo", "demonstration data")
    p = demo.add_parser("seed", help="N synthetic submitted applications (with photos)")
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--seed", type=int, help="random seed for repeatable data")
    add_vault_args(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_demo_seed)


def _register(session: Session, identity: KioskIdentity, client: IntakeClient) -> None:
    def record_registered() -> None:
        with session.vault.transaction() as conn:
            mark_registered(conn, session.clock())

    register_if_needed(identity, client, record_registered)


def _provision(args: argparse.Namespace) -> int:
    provisioning = read_provisioning(args.file)
    session = open_session(args)
    try:
        require_role(session, Role.ADMIN, "provision this kiosk")
        with session.vault.transaction() as conn:
            identity = save_identity(
                conn,
                provisioning,
                label=args.label,
                url=args.url or provisioning.url,
                now=session.clock(),
            )
        with IntakeClient(
            identity.intake_url, identity.server_verify_key, timeout=args.timeout
        ) as client:
            _register(session, identity, client)
    finally:
        session.close()
    out = {"kiosk_id": identity.kiosk_id, "intake_id": identity.intake_id, "registered": True}
    if args.json:
        print_json(out)
    else:
        print(f"Provisioned as {identity.kiosk_id}; registered with {identity.intake_id}.")
    return 0


def _sync(args: argparse.Namespace) -> int:
    session = open_session(args)
    extra: dict[str, int] = {}
    try:
        identity = require_identity(session)
        store = VaultOutboxStore(session.vault.conn, clock=session.clock)
        if args.receipts is not None:
            applied, ignored = store.apply_receipts(
                read_receipts(args.receipts), identity.server_verify_key
            )
            result = SyncResult(applied, 0, store.count_pending())
            extra = {"ignored_receipts": ignored}
        else:
            url = args.url or identity.intake_url
            with IntakeClient(url, identity.server_verify_key, timeout=args.timeout) as client:
                try:
                    _register(session, identity, client)
                except KioskError as error:
                    result = SyncResult(0, 0, store.count_pending(), error.code)
                else:
                    result = Uploader(store, client).sync_once()
    finally:
        session.close()
    if args.json:
        print_json({**result.to_json(), **extra})
    else:
        print(f"uploaded {result.uploaded}, failed {result.failed}, pending {result.pending}")
    if result.error is not None:
        sys.stderr.write(f"kiosk: the intake could not be reached or refused [{result.error}]\n")
        return 1
    return 0


def _outbox(args: argparse.Namespace) -> int:
    session = open_session(args)
    try:
        store = VaultOutboxStore(session.vault.conn, clock=session.clock)
        if args.requeue:
            requeue(session, args.requeue)
        counts = store.counts()
    finally:
        session.close()
    if args.json:
        print_json(counts)
    else:
        print("\n".join(f"{state}: {n}" for state, n in counts.items()))
    return 0


def _export(args: argparse.Namespace) -> int:
    session = open_session(args)
    try:
        result = export_sealed(session, args.to)
    finally:
        session.close()
    if args.json:
        print_json({"bundle": str(result.bundle), "records": result.records})
    else:
        print(f"Wrote {result.records} sealed record(s) to {result.bundle}.")
    return 0


def _demo_seed(args: argparse.Namespace) -> int:
    if not 1 <= args.count <= 100_000:
        raise InvalidInput("--count must be between 1 and 100000")
    rng = random.Random(args.seed)  # noqa: S311 (synthetic data, not secrets)
    session = open_session(args)
    numbers = []
    try:
        identity = require_identity(session)
        for _ in range(args.count):
            now = session.clock()
            number = f"DEMO-{rng.getrandbits(40):010X}"
            payload = synthetic_application(
                rng, application_number=number, operator=session.member.username, now=now
            )
            envelope = seal(
                new_record_id(),
                payload,
                identity.program_public_key,
                identity.signing_key,
                clock=session.clock,
            )
            with session.vault.transaction() as conn:
                insert_sealed(
                    conn,
                    envelope,
                    application_number=number,
                    submitted_by=session.member.id,
                    at=now,
                )
                audit.append(
                    conn,
                    at=now,
                    actor=session.member.username,
                    action=AuditAction.SUBMITTED,
                    subject=number,
                )
            numbers.append(number)
    finally:
        session.close()
    if args.json:
        print_json({"seeded": len(numbers)})
    else:
        print(f"Seeded {len(numbers)} synthetic application(s).")
    return 0
