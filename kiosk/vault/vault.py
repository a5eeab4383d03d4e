"""The vault: one SQLCipher database per kiosk, opened with a random key held in staff key slots.

Layout of a data folder:
    vault.json      plaintext header: format, vault id, the salt for slot file names
    vault.db        the SQLCipher database (plus -wal and -shm while open)
    slots/*.json    one Argon2id key slot per staff member
    lockout.json    failed sign-in counters (no names: keyed tags)
    vault.lock      held by the process that has the vault open
A vault is never overwritten: creating one where one exists is refused.
"""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kiosk.errors import VaultCorrupt, VaultExists, VaultNotFound, WrongPassword
from kiosk.vault import database
from kiosk.vault.database import Connection
from kiosk.vault.files import atomic_write_bytes, translate_os_error
from kiosk.vault.instance_lock import InstanceLock
from kiosk.vault.keyslots import KEY_BYTES, KdfParams, KeySlot, SlotDamaged, SlotStore, user_tag
from kiosk.vault.migrations import migrate

HEADER_FILENAME = "vault.json"
DB_FILENAME = "vault.db"
HEADER_FORMAT = "enrollment-kiosk-vault"


@dataclass(frozen=True)
class VaultHeader:
    vault_id: str
    name_salt: bytes

    def to_bytes(self) -> bytes:
        doc = {"format": HEADER_FORMAT, "version": 1, "vault_id": self.vault_id}
        doc["name_salt"] = self.name_salt.hex()
        return json.dumps(doc, indent=2).encode() + b"\n"

    @classmethod
    def read(cls, data_dir: Path) -> VaultHeader:
        path = data_dir / HEADER_FILENAME
        try:
            doc = json.loads(path.read_bytes())
            if doc.get("format") != HEADER_FORMAT:
                raise ValueError("not a kiosk vault header")
            return cls(vault_id=str(doc["vault_id"]), name_salt=bytes.fromhex(doc["name_salt"]))
        except FileNotFoundError as error:
            raise VaultNotFound(f"No kiosk vault in {data_dir}. Run `kiosk init` first.") from error
        except (ValueError, KeyError, TypeError) as error:
            raise VaultCorrupt(
                f"{path} is damaged or not a kiosk vault header; nothing was changed."
            ) from error
        except OSError as error:
            raise translate_os_error(error, "the vault header") from error


def vault_exists(data_dir: Path) -> bool:
    return (data_dir / HEADER_FILENAME).exists() or (data_dir / DB_FILENAME).exists()


class Vault:
    """An open vault. Not thread-safe: one thread owns it (see kiosk.vault.executor)."""

    def __init__(
        self,
        *,
        data_dir: Path,
        header: VaultHeader,
        conn: Connection,
        key: bytes,
        lock: InstanceLock,
        kdf: KdfParams,
    ) -> None:
        self.data_dir = data_dir
        self.header = header
        self.conn = conn
        self._key = key
        self._lock = lock
        self.kdf = kdf
        self.slots = SlotStore(data_dir)

    # --- opening --------------------------------------------------------------------------

    @classmethod
    def create(cls, data_dir: Path, *, kdf: KdfParams | None = None) -> Vault:
        """A new, empty vault; the caller adds the first staff slot before closing it."""
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        header = VaultHeader(vault_id=str(uuid.uuid4()), name_salt=secrets.token_bytes(16))

        def write_header() -> None:
            if vault_exists(data_dir):
                raise VaultExists(f"A vault already exists in {data_dir}; it was not touched.")
            atomic_write_bytes(data_dir / HEADER_FILENAME, header.to_bytes(), what="vault header")

        key = secrets.token_bytes(KEY_BYTES)
        return cls._open_locked(data_dir, header, key, kdf, before_connect=write_header)

    @classmethod
    def open(cls, data_dir: Path, username: str, password: str) -> Vault:
        """Unlock with one staff member's password; raises WrongPassword for any mismatch."""
        header = VaultHeader.read(data_dir)
        if not (data_dir / DB_FILENAME).exists():
            raise VaultCorrupt(f"{data_dir / DB_FILENAME} is missing; nothing was changed.")
        tag = user_tag(header.name_salt, username)
        slot = SlotStore(data_dir).read(tag)
        if slot is None:
            # Same cost as a real attempt, so response time does not reveal who has an account.
            KdfParams.default().derive(password, b"\0" * 16)
            raise WrongPassword("Wrong user name or password.")
        key = slot.unwrap(password)
        return cls.open_with_key(data_dir, key, kdf=slot.kdf, header=header)

    @classmethod
    def open_with_key(
        cls,
        data_dir: Path,
        key: bytes,
        *,
        kdf: KdfParams | None = None,
        header: VaultHeader | None = None,
    ) -> Vault:
        return cls._open_locked(data_dir, header or VaultHeader.read(data_dir), key, kdf)

    @classmethod
    def _open_locked(
        cls,
        data_dir: Path,
        header: VaultHeader,
        key: bytes,
        kdf: KdfParams | None,
        *,
        before_connect: Callable[[], None] | None = None,
    ) -> Vault:
        """Take the instance lock, connect and migrate; the lock is released if anything fails."""
        lock = InstanceLock(data_dir)
        lock.acquire()
        try:
            if before_connect is not None:
                before_connect()
            conn = database.open_connection(data_dir / DB_FILENAME, key)
            (data_dir / DB_FILENAME).chmod(0o600)
            migrate(conn)
        except BaseException:
            lock.release()
            raise
        kdf = kdf or KdfParams.default()
        return cls(data_dir=data_dir, header=header, conn=conn, key=key, lock=lock, kdf=kdf)

    def close(self) -> None:
        if self._lock.held:
            self.conn.close()
            self._key = b""
            self._lock.release()

    @property
    def is_open(self) -> bool:
        return self._lock.held

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with database.transaction(self.conn) as conn:
            yield conn

    # --- key slots ------------------------------------------------------------------------

    def tag_for(self, username: str) -> str:
        return user_tag(self.header.name_salt, username)

    def write_slot(self, conn: Connection, username: str, password: str) -> None:
        """Wrap the key for `username` (inside the caller's transaction, then on disk)."""
        slot = KeySlot.wrap(self._key, password, self.tag_for(username), self.kdf)
        conn.execute(
            "INSERT INTO key_slot_mirror (tag, slot) VALUES (?, ?) "
            "ON CONFLICT (tag) DO UPDATE SET slot = excluded.slot",
            (slot.tag, slot.to_bytes()),
        )
        self.slots.write(slot)

    def remove_slot(self, conn: Connection, username: str) -> None:
        tag = self.tag_for(username)
        conn.execute("DELETE FROM key_slot_mirror WHERE tag = ?", (tag,))
        self.slots.remove(tag)

    def verify_password(self, username: str, password: str) -> bool:
        """True when `password` opens `username`'s slot to this vault's key (lock screen)."""
        try:
            slot = self.slots.read(self.tag_for(username))
        except SlotDamaged:
            slot = None
        if slot is None:
            slot = self._mirrored_slot(self.tag_for(username))
        if slot is None:
            KdfParams.default().derive(password, b"\0" * 16)
            return False
        try:
            return secrets.compare_digest(slot.unwrap(password), self._key)
        except WrongPassword:
            return False

    def _mirrored_slot(self, tag: str) -> KeySlot | None:
        row = self.conn.execute("SELECT slot FROM key_slot_mirror WHERE tag = ?", (tag,)).fetchone()
        return KeySlot.from_bytes(row[0]) if row else None

    def repair_slots(self) -> list[str]:
        """Rewrite missing or damaged slot files from the mirror; returns the tags repaired."""
        repaired = []
        for tag, blob in self.conn.execute("SELECT tag, slot FROM key_slot_mirror").fetchall():
            try:
                on_disk = self.slots.read(tag)
            except SlotDamaged:
                on_disk = None
            if on_disk is None or on_disk.to_bytes() != bytes(blob):
                self.slots.write(KeySlot.from_bytes(bytes(blob)))
                repaired.append(tag)
        return repaired

    def integrity_problems(self) -> list[str]:
        return database.integrity_problems(self.conn)
