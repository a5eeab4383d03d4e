"""The SQLCipher connection: opened with a raw 256-bit key, tuned for durability, errors translated.

WAL with synchronous=FULL means a COMMIT returns only after the log is fsynced: a write the
operator was told succeeded survives a killed process or a power cut.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3

from kiosk.errors import (
    DiskFull,
    KioskError,
    VaultCorrupt,
    VaultError,
    VaultInUse,
    VaultReadOnly,
)

Connection = Any  # sqlcipher3 ships no type information
DatabaseError: type[Exception] = sqlcipher3.DatabaseError
BUSY_TIMEOUT_MS = 5000


def translate_db_error(error: Exception) -> KioskError:
    """Map SQLite's environment failures to stable errors; anything else stays a bug."""
    text = str(error).lower()
    if "disk is full" in text:
        return DiskFull("The disk is full: the last change was not saved. Free space and retry.")
    if "database is locked" in text or "database is busy" in text:
        return VaultInUse("The vault is busy in another kiosk process. Close it there first.")
    if "file is not a database" in text or "malformed" in text or "corrupt" in text:
        return VaultCorrupt(
            "The vault file is damaged or is not a kiosk vault. It was left untouched; "
            "see docs/operations.md, 'Recovering a vault'."
        )
    if "readonly" in text or "read-only" in text:
        return VaultReadOnly("The vault is on a read-only disk or folder.")
    if "unable to open" in text:
        return VaultError("The vault file cannot be opened (check the data folder's permissions).")
    raise error


def is_environment_error(error: Exception) -> bool:
    return isinstance(error, sqlcipher3.DatabaseError | sqlite3.DatabaseError)


def open_connection(path: Path, key: bytes) -> Connection:
    """Open (or create) the database at `path` with the raw key; fails fast on a wrong key."""
    if len(key) != 32:
        raise ValueError("the vault key is 32 bytes")
    try:
        conn = sqlcipher3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlcipher3.DatabaseError as error:
        raise translate_db_error(error) from error
    try:
        # Without this SQLCipher prints an HMAC failure to stderr on a wrong key.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        # PRAGMA key never fails; the first real read is where a wrong key or foreign file shows.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        # Sorts and temporary tables stay in memory: no temp file beside the vault, ever.
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except sqlcipher3.DatabaseError as error:
        conn.close()
        raise translate_db_error(error) from error
    return conn


@contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error; environment errors translated."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlcipher3.DatabaseError as error:
        raise translate_db_error(error) from error
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(error, sqlcipher3.DatabaseError):
            raise translate_db_error(error) from error
        raise


def integrity_problems(conn: Connection) -> list[str]:
    """Pages whose HMAC fails plus SQLite's own structural check; empty when healthy."""
    problems = [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check")]
    problems += [str(r[0]) for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
    return problems
