"""CLI commands for the vault itself: `init`, `audit verify`, and staff management.

Also provides the shared `--data-dir --user --password-file` options and `open_session()` that
every vault-opening command uses.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk import audit
from kiosk.cli import print_json
from kiosk.clock import utc_now
from kiosk.config import Settings
from kiosk.errors import InvalidInput
from kiosk.paths import default_data_dir
from kiosk.staff import Role, Session, create_vault, sign_in


def read_password_file(path: str) -> str:
    """First line of the file (or of stdin for '-'), without its line ending."""
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise InvalidInput(f"Cannot read the password file {path}: {error.strerror}.") from error
    line = text.splitlines()[0] if text else ""
    if not line:
        raise InvalidInput(f"The password file {path} is empty.")
    return line


def add_data_dir_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="vault folder (default: the platform data dir)"
    )


def add_vault_args(parser: argparse.ArgumentParser) -> None:
    """The options every vault-opening command takes."""
    add_data_dir_arg(parser)
    parser.add_argument("--user", required=True, help="staff user name")
    parser.add_argument(
        "--password-file", required=True, help="file whose first line is the password ('-': stdin)"
    )


def data_dir_of(args: argparse.Namespace) -> Path:
    return Path(args.data_dir) if args.data_dir else default_data_dir()


def open_session(args: argparse.Namespace) -> Session:
    password = read_password_file(args.password_file)
    return sign_in(data_dir_of(args), args.user, password, clock=utc_now)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = subparsers.add_parser("init", help="create a new vault with its first admin")
    add_data_dir_arg(init)
    init.add_argument("--admin", required=True, help="user name of the first admin")
    init.add_argument("--admin-name", help="the admin's name as staff know it (default: --admin)")
    init.add_argument("--password-file", required=True, help="file holding the admin's password")
    init.add_argument("--program", default=Settings.program.default, help="program id")
    init.add_argument("--site", default="", help="name of this enrollment site")
    init.add_argument("--json", action="store_true")
    init.set_defaults(handler=_init)

    audit_parser = subparsers.add_parser("audit", help="the hash-chained audit log")
    audit_sub = audit_parser.add_subparsers(dest="audit_command", required=True)
    verify = audit_sub.add_parser("verify", help="check the audit chain; exit 0 when intact")
    add_vault_args(verify)
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=_audit_verify)

    staff = subparsers.add_parser("staff", help="staff accounts")
    staff_sub = staff.add_subparsers(dest="staff_command", required=True)
    listing = staff_sub.add_parser("list", help="list staff accounts")
    add_vault_args(listing)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_staff_list)
    add = staff_sub.add_parser("add", help="add a staff account (admins)")
    add_vault_args(add)
    add.add_argument("username")
    add.add_argument("--name", required=True, help="the person's name as staff know it")
    add.add_argument("--role", choices=[r.value for r in Role], default=Role.ENROLLER.value)
    add.add_argument("--new-password-file", required=True)
    add.set_defaults(handler=_staff_add)


def _init(args: argparse.Namespace) -> int:
    password = read_password_file(args.password_file)
    settings = Settings().replace(program=args.program, site_name=args.site).to_storage()
    data_dir = data_dir_of(args)
    session = create_vault(
        data_dir,
        admin_username=args.admin,
        admin_password=password,
        admin_display_name=args.admin_name or args.admin,
        clock=utc_now,
        settings=settings,
    )
    session.close()
    if args.json:
        print_json({"data_dir": str(data_dir), "admin": args.admin, "program": args.program})
    else:
        print(f"Created a vault in {data_dir} with admin {args.admin!r}.")
    return 0


def _audit_verify(args: argparse.Namespace) -> int:
    session = open_session(args)
    try:
        report = audit.verify(session.vault.conn)
    finally:
        session.close()
    if args.json:
        print_json(
            {
                "ok": report.ok,
                "entries": report.entries,
                "problem": report.problem,
                "first_bad_seq": report.first_bad_seq,
            }
        )
    elif report.ok:
        print(f"Audit log intact: {report.entries} entries.")
    else:
        sys.stderr.write(f"kiosk: audit log broken: {report.problem} [audit.broken]\n")
    return 0 if report.ok else 1


def _staff_list(args: argparse.Namespace) -> int:
    session = open_session(args)
    try:
        members = session.staff.members()
    finally:
        session.close()
    if args.json:
        print_json(
            {
                "staff": [
                    {"username": m.username, "name": m.display_name, "role": m.role.value}
                    for m in members
                ]
            }
        )
    else:
        for m in members:
            print(f"{m.username:20} {m.role.value:11} {m.display_name}")
    return 0


def _staff_add(args: argparse.Namespace) -> int:
    session = open_session(args)
    try:
        new_password = read_password_file(args.new_password_file)
        session.staff.add(session.member, args.username, args.name, Role(args.role), new_password)
    finally:
        session.close()
    print(f"Added {args.username!r} as {args.role}.")
    return 0
