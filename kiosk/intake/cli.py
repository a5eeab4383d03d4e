"""`kiosk intake ...`: set up, run and inspect the reference intake; decrypt in the back office."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import socket
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.cli import print_json
from kiosk.errors import InvalidInput, KioskError, NotFound
from kiosk.intake.backoffice import decrypt_store
from kiosk.intake.service import IntakeService
from kiosk.intake.setup import (
    DEFAULT_PORT,
    PROGRAM_KEY_FILE,
    init_intake,
    load_intake,
    load_program_key,
)
from kiosk.intake.store import open_store
from kiosk.logs import configure_logging
from kiosk.outbox.bundle import RECEIPTS_SUFFIX, write_receipts
from kiosk.sealing import iso_utc, utc_now

log = logging.getLogger("kiosk.intake")


class ExtraMissing(KioskError):
    code = "intake.extra_missing"


def _need_extra() -> ExtraMissing:
    return ExtraMissing(
        "the intake needs FastAPI, uvicorn and psycopg: install the intake extra"
        " (pip install 'enrollment-kiosk[intake]')"
    )


def register(subparsers: Any) -> None:
    intake = subparsers.add_parser("intake", help="the reference intake service (server side)")
    commands = intake.add_subparsers(dest="intake_command", metavar="COMMAND", required=True)

    def data_dir(p: argparse.ArgumentParser, store: bool = True) -> None:
        p.add_argument("--data-dir", required=True, type=Path, help="the intake's folder")
        if store:
            p.add_argument("--store", help="postgresql://... (default: SQLite in --data-dir)")

    p = commands.add_parser("init", help="make program and server keys; write provisioning.json")
    data_dir(p, store=False)
    p.add_argument("--url", help="the URL kiosks should use (default: http://<host>:8750)")
    p.add_argument(
        "--program-key-out", type=Path, help="where to write the program private key file"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_init)

    p = commands.add_parser("serve", help="run the intake HTTP API")
    data_dir(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8750)
    p.set_defaults(handler=_serve)

    p = commands.add_parser("stats", help="counts of stored records and kiosks")
    data_dir(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_stats)

    p = commands.add_parser("import", help="ingest a bundle from removable media")
    p.add_argument("bundle", type=Path)
    data_dir(p)
    p.add_argument("--receipts-out", type=Path, help="receipts file to carry back to the kiosk")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_import)

    p = commands.add_parser("appointments", help="appointment lists served to registered kiosks")
    lists = p.add_subparsers(dest="appointments_command", metavar="COMMAND", required=True)
    p = lists.add_parser("import", help="load a day's list from the scheduling system's CSV")
    p.add_argument("csv", type=Path, help="the CSV file (docs/appointments.md)")
    p.add_argument("--site", default="", help="the site the list is for (as kiosks name it)")
    p.add_argument("--date", help="the list's day, YYYY-MM-DD (default: today)")
    data_dir(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_appointments_import)

    p = commands.add_parser("decrypt", help="back office: open stored envelopes with the key")
    p.add_argument("--key", required=True, type=Path, help="the program private key file")
    data_dir(p)
    p.add_argument("--out", required=True, type=Path, help="folder for one JSON per record")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_decrypt)


@contextlib.contextmanager
def _service(args: argparse.Namespace) -> Iterator[Any]:
    config = load_intake(args.data_dir)
    try:
        store = open_store(args.data_dir, args.store)
    except ImportError as error:
        raise _need_extra() from error
    try:
        yield IntakeService(
            store,
            config.signing_key,
            program_key_id=config.program_key_id,
            enrolment_token_sha256=config.enrolment_token_sha256,
        )
    finally:
        store.close()


def _emit(args: argparse.Namespace, obj: dict[str, Any], text: str) -> None:
    if args.json:
        print_json(obj)
    else:
        print(text)


def _init(args: argparse.Namespace) -> int:
    url = args.url or f"http://{socket.gethostname()}:{DEFAULT_PORT}"
    files = init_intake(args.data_dir, url=url, program_key_out=args.program_key_out)
    _emit(
        args,
        {"provisioning": str(files.provisioning), "program_key": str(files.program_key)},
        f"wrote {files.provisioning} (copy it to each kiosk: `kiosk provision --file ...`)\n"
        f"wrote {files.program_key}\n"
        "  MOVE THE PROGRAM KEY FILE TO THE BACK OFFICE NOW and delete it here:\n"
        "  anyone holding it can read every applicant's record.",
    )
    return 0


def _serve(args: argparse.Namespace) -> int:
    try:
        # FastAPI and uvicorn come with the intake extra; the kiosk itself runs without them.
        import uvicorn  # noqa: PLC0415

        from kiosk.intake.app import create_app  # noqa: PLC0415
        from kiosk.intake.server import uvicorn_config  # noqa: PLC0415
    except ImportError as error:
        raise _need_extra() from error
    configure_logging(level=os.environ.get("KIOSK_LOG_LEVEL", "INFO"))
    if (args.data_dir / PROGRAM_KEY_FILE).exists():
        log.warning("the program private key is still in %s: move it away", args.data_dir)
    with _service(args) as service:
        config = uvicorn_config(create_app(service), host=args.host, port=args.port)
        uvicorn.Server(config).run()
    return 0


def _stats(args: argparse.Namespace) -> int:
    with _service(args) as service:
        stats = service.stats()
    _emit(args, stats, "\n".join(f"{k}: {v}" for k, v in sorted(stats.items())))
    return 0


def _import(args: argparse.Namespace) -> int:
    if not args.bundle.is_file():
        raise NotFound(f"no bundle at {args.bundle}")
    with _service(args) as service:
        outcomes = service.import_bundle(args.bundle)
    receipts = [o.receipt for o in outcomes if o.receipt is not None]
    receipts_path = args.receipts_out or args.bundle.with_suffix(RECEIPTS_SUFFIX)
    write_receipts(receipts_path, receipts)
    counts = {s: sum(o.status == s for o in outcomes) for s in ("stored", "duplicate")}
    problems = [o.to_dict() for o in outcomes if o.receipt is None]
    _emit(
        args,
        {**counts, "problems": problems, "receipts": str(receipts_path)},
        f"stored {counts['stored']}, already held {counts['duplicate']},"
        f" problems {len(problems)}; receipts for the kiosk: {receipts_path}",
    )
    return 0 if not problems else 1


def _appointments_import(args: argparse.Namespace) -> int:
    try:
        day = date.fromisoformat(args.date) if args.date else date.today()
    except ValueError as error:
        raise InvalidInput("--date must be YYYY-MM-DD") from error
    try:
        data = args.csv.read_bytes()
    except OSError as error:
        raise NotFound(f"cannot read {args.csv}: {error.strerror}") from error
    with _service(args) as service:
        report = service.appointment_lists.import_csv(
            data, site=args.site, day=day, today=date.today(), now=iso_utc(utc_now())
        )
    _emit(
        args,
        report.to_dict(),
        f"{report.day.isoformat()} ({report.site or 'default site'}): {report.created} new,"
        f" {report.updated} updated, {report.unchanged} unchanged,"
        f" {len(report.problems)} problem row(s)"
        + "".join(f"\n  row {p.row} {p.column or ''}: {p.reason}" for p in report.problems),
    )
    for warning in report.warnings:
        sys.stderr.write(f"kiosk: warning: {warning}\n")
    return 0 if not report.problems else 1


def _decrypt(args: argparse.Namespace) -> int:
    key = load_program_key(args.key)
    with _service(args) as service:
        report = decrypt_store(service.store, key, args.out)
    _emit(
        args,
        {"decrypted": report.decrypted, "failed": report.failed},
        f"decrypted {report.decrypted} record(s) into {args.out}; failed {len(report.failed)}",
    )
    if report.failed:
        sys.stderr.write(f"kiosk: {len(report.failed)} envelope(s) could not be opened\n")
    return 0 if not report.failed else 1
