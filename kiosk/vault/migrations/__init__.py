"""Numbered schema migrations (`NNNN_name.py`, each with `upgrade(conn)`), tracked in user_version.

Each migration runs in its own transaction together with the user_version bump, so a crash
leaves the vault at the previous version, never half-way. A vault newer than this code is refused.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.errors import VaultTooNew
from kiosk.vault.database import Connection, transaction

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    upgrade: Callable[[Connection], None]


def all_migrations() -> list[Migration]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        match = _NAME.match(info.name)
        if match:
            module = importlib.import_module(f"{__name__}.{info.name}")
            found.append(Migration(int(match.group(1)), info.name, module.upgrade))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps: {versions}")
    return found


def latest_version() -> int:
    return len(all_migrations())


def current_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Connection, target: int | None = None) -> list[int]:
    """Bring the schema up to `target` (default: latest); returns the versions applied."""
    migrations = all_migrations()
    target = len(migrations) if target is None else target
    version = current_version(conn)
    if version > len(migrations):
        raise VaultTooNew(
            f"This vault was written by a newer kiosk version (schema {version}); "
            "update the kiosk software. The vault was not changed."
        )
    applied = []
    for migration in migrations[version:target]:
        with transaction(conn):
            migration.upgrade(conn)
            conn.execute(f"PRAGMA user_version = {migration.version}")
        applied.append(migration.version)
    return applied
