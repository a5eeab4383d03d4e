"""`kiosk appointments ...` and `kiosk walk-in ticket`: the day's list and tickets from a terminal.

Names are never printed unless asked for (`list --show-names`, text only): the terminal of a shared
laptop keeps its scrollback, and JSON output is meant for scripts, whose output ends up in files
and logs, which would be applicant data in plaintext on disk. JSON therefore carries counts,
confirmation codes, times and states only. A walk-in ticket's first name, where allowed, is given
in the GUI only: on a command line it would stay in the shell's history file. Every command is a
sign-in, so each one first deletes appointments past the retention period.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.appointments.book import AppointmentBook, ImportReport, purge_expired
from kiosk.appointments.errors import FileUnreadable
from kiosk.appointments.tickets import WalkInQueue
from kiosk.cli import print_json
from kiosk.errors import InvalidInput
from kiosk.outbox.client import IntakeClient
from kiosk.outbox.delivery import register_if_needed
from kiosk.outbox.identity import mark_registered
from kiosk.outbox.operations import require_identity
from kiosk.settings_store import load_settings, save_settings
from kiosk.staff import Session
from kiosk.vault.cli import add_vault_args, open_session


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("a date is YYYY-MM-DD") from None


def register(subparsers: Any) -> None:
    group = subparsers.add_parser("appointments", help="the day's appointment list (check-in)")
    commands = group.add_subparsers(dest="appointments_command", metavar="COMMAND", required=True)

    p = commands.add_parser("import", help="import a day's list from the program office's CSV")
    p.add_argument("csv", type=Path, help="the CSV file (docs/appointments.md)")
    p.add_argument("--date", type=_day, help="the list's day (default today); YYYY-MM-DD")
    add_vault_args(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_import)

    p = commands.add_parser("list", help="a day's appointments: times, codes, states")
    p.add_argument("--date", type=_day, help="YYYY-MM-DD (default today)")
    p.add_argument("--show-names", action="store_true", help="also print names (not with --json)")
    add_vault_args(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_list)

    p = commands.add_parser("fetch", help="get a day's list from the intake (when online)")
    p.add_argument("--date", type=_day, help="YYYY-MM-DD (default today)")
    p.add_argument("--site", help="the site's list on the intake (default: this kiosk's site)")
    p.add_argument("--url", help="intake URL (default: the provisioned one)")
    p.add_argument("--timeout", type=float, default=15.0)
    add_vault_args(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_fetch)

    p = commands.add_parser("retention", help="days appointments are kept (supervisors change)")
    p.add_argument("--days", type=int, help="new value, 1-90")
    add_vault_args(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_retention)

    walk_in = subparsers.add_parser("walk-in", help="the walk-in queue")
    commands = walk_in.add_subparsers(dest="walk_in_command", metavar="COMMAND", required=True)
    p = commands.add_parser("ticket", help="take the next ticket number for today")
    add_vault_args(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_ticket)


def _signed_in(args: argparse.Namespace) -> Session:
    session = open_session(args)
    try:
        purge_expired(session)
    except BaseException:
        session.close()
        raise
    return session


def _report(args: argparse.Namespace, report: ImportReport, extra: dict[str, Any]) -> int:
    if args.json:
        print_json({**report.to_dict(), **extra})
    else:
        print(
            f"Appointments for {report.day.isoformat()}: {report.created} new, "
            f"{report.updated} updated, {report.unchanged} unchanged."
        )
        for problem in report.problems:
            where = f", column {problem.column}" if problem.column else ""
            print(f"  row {problem.row}{where}: {problem.reason.replace('_', ' ')}")
        if report.ignored_columns:
            print("  ignored columns: " + ", ".join(report.ignored_columns))
    for warning in report.warnings:
        sys.stderr.write(f"kiosk: warning: {warning}\n")
    if report.problems:
        sys.stderr.write(
            f"kiosk: {len(report.problems)} row(s) were not imported; they are listed by row "
            "number [appointments.row_problems]\n"
        )
        return 1
    return 0


def _import(args: argparse.Namespace) -> int:
    try:
        data = args.csv.read_bytes()
    except OSError as error:
        raise FileUnreadable(f"Cannot read {args.csv}: {error.strerror}.") from error
    session = _signed_in(args)
    try:
        report = AppointmentBook(session).import_csv(data, day=args.date)
    finally:
        session.close()
    return _report(args, report, {})


def _list(args: argparse.Namespace) -> int:
    if args.json and args.show_names:
        raise InvalidInput("--show-names is for the screen only; JSON never carries names.")
    session = _signed_in(args)
    try:
        view = AppointmentBook(session).day_view(args.date)
    finally:
        session.close()
    if args.json:
        print_json(
            {
                "date": view.day.isoformat(),
                "total": len(view.appointments),
                "counts": view.counts(),
                "appointments": [
                    {"code": a.code, "time": a.time_slot, "status": a.status.value}
                    for a in view.appointments
                ],
            }
        )
        return 0
    counts = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in view.counts().items() if n)
    summary = f"{view.day.isoformat()}: {len(view.appointments)} appointment(s)"
    print(f"{summary}: {counts}" if counts else summary)
    for a in view.appointments:
        name = f"  {a.given_names} {a.family_name}".rstrip() if args.show_names else ""
        print(f"{a.time_slot:11} {a.code:14} {a.status.value:10}{name}".rstrip())
    return 0


def _fetch(args: argparse.Namespace) -> int:
    session = _signed_in(args)
    try:
        identity = require_identity(session)
        site = args.site if args.site is not None else load_settings(session.vault.conn).site_name
        book = AppointmentBook(session)
        day = args.date or book.today()
        url = args.url or identity.intake_url
        with IntakeClient(url, identity.server_verify_key, timeout=args.timeout) as client:

            def record_registered() -> None:
                with session.vault.transaction() as conn:
                    mark_registered(conn, session.clock())

            register_if_needed(identity, client, record_registered)
            rows = client.fetch_appointments(
                day.isoformat(), signing_key=identity.signing_key, site=site
            )
        report = book.import_wire(rows, day, "intake")
    finally:
        session.close()
    return _report(args, report, {"site": site})


def _retention(args: argparse.Namespace) -> int:
    session = _signed_in(args)
    try:
        if args.days is not None:
            current = load_settings(session.vault.conn)
            save_settings(session, current.replace(appointment_retention_days=args.days))
        days = load_settings(session.vault.conn).appointment_retention_days
    finally:
        session.close()
    if args.json:
        print_json({"retention_days": days})
    else:
        print(f"Appointments and walk-in tickets are deleted {days} day(s) after their day.")
    return 0


def _ticket(args: argparse.Namespace) -> int:
    session = _signed_in(args)
    try:
        queue = WalkInQueue(session)
        ticket = queue.take_ticket()
        waiting = len(queue.queue())
    finally:
        session.close()
    if args.json:
        print_json(
            {
                "ticket": ticket.label,
                "number": ticket.number,
                "date": ticket.day.isoformat(),
                "waiting": waiting,
            }
        )
    else:
        print(ticket.label)
    return 0
