"""Key slots: the random database key, wrapped once per staff member with an Argon2id-derived key.

A slot file holds no name, only a keyed tag of the username, the KDF parameters and the wrapped
key. The wrap is XChaCha20-Poly1305 with the tag and parameters as associated data, so a slot
cannot be moved to another user or weakened by editing its parameters.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from nacl.bindings import (
    crypto_aead_xchacha20poly1305_ietf_decrypt,
    crypto_aead_xchacha20poly1305_ietf_encrypt,
    crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
)
from nacl.exceptions import CryptoError

from kiosk.errors import VaultError, WrongPassword
from kiosk.vault.files import atomic_write_bytes, translate_os_error

KEY_BYTES = 32
SLOT_FORMAT = 1
SLOTS_DIRNAME = "slots"


class SlotDamaged(VaultError):
    code = "vault.slot_damaged"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. `default()` takes ~0.35 s on the 2-core reference laptop."""

    time_cost: int
    memory_kib: int
    parallelism: int

    @classmethod
    def default(cls) -> KdfParams:
        return cls(time_cost=4, memory_kib=256 * 1024, parallelism=2)

    @classmethod
    def fast_for_tests(cls) -> KdfParams:
        """Cheap parameters for tests and the throw-away demo vault only."""
        return cls(time_cost=1, memory_kib=1024, parallelism=1)

    def derive(self, password: str, salt: bytes) -> bytes:
        return hash_secret_raw(
            password.encode("utf-8"),
            salt,
            time_cost=self.time_cost,
            memory_cost=self.memory_kib,
            parallelism=self.parallelism,
            hash_len=KEY_BYTES,
            type=Type.ID,
        )


def user_tag(name_salt: bytes, username: str) -> str:
    """A stable, non-reversible file name for a user's slot (names stay inside the vault)."""
    normalized = username.strip().casefold().encode("utf-8")
    return hmac.new(name_salt, normalized, hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class KeySlot:
    tag: str
    salt: bytes
    kdf: KdfParams
    nonce: bytes
    wrapped_key: bytes

    def _associated_data(self) -> bytes:
        k = self.kdf
        parts = (SLOT_FORMAT, self.tag, k.time_cost, k.memory_kib, k.parallelism)
        return ("slot:" + ":".join(map(str, parts))).encode()

    @classmethod
    def wrap(cls, db_key: bytes, password: str, tag: str, kdf: KdfParams) -> KeySlot:
        salt = secrets.token_bytes(16)
        nonce = secrets.token_bytes(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
        draft = cls(tag=tag, salt=salt, kdf=kdf, nonce=nonce, wrapped_key=b"")
        wrapping_key = kdf.derive(password, salt)
        wrapped = crypto_aead_xchacha20poly1305_ietf_encrypt(
            db_key, draft._associated_data(), nonce, wrapping_key
        )
        return cls(tag=tag, salt=salt, kdf=kdf, nonce=nonce, wrapped_key=wrapped)

    def unwrap(self, password: str) -> bytes:
        wrapping_key = self.kdf.derive(password, self.salt)
        try:
            key = crypto_aead_xchacha20poly1305_ietf_decrypt(
                self.wrapped_key, self._associated_data(), self.nonce, wrapping_key
            )
        except CryptoError as error:
            raise WrongPassword("Wrong user name or password.") from error
        if len(key) != KEY_BYTES:
            raise SlotDamaged("A sign-in key slot holds a key of the wrong size.")
        return key

    def to_bytes(self) -> bytes:
        b64 = base64.b64encode
        doc = {
            "format": SLOT_FORMAT,
            "tag": self.tag,
            "kdf": {
                "name": "argon2id",
                "time_cost": self.kdf.time_cost,
                "memory_kib": self.kdf.memory_kib,
                "parallelism": self.kdf.parallelism,
            },
            "salt": b64(self.salt).decode(),
            "nonce": b64(self.nonce).decode(),
            "wrapped_key": b64(self.wrapped_key).decode(),
        }
        return json.dumps(doc, indent=2, sort_keys=True).encode() + b"\n"

    @classmethod
    def from_bytes(cls, data: bytes) -> KeySlot:
        try:
            doc = json.loads(data)
            kdf = doc["kdf"]
            if doc["format"] != SLOT_FORMAT or kdf["name"] != "argon2id":
                raise ValueError("unknown slot format")
            params = KdfParams(
                time_cost=int(kdf["time_cost"]),
                memory_kib=int(kdf["memory_kib"]),
                parallelism=int(kdf["parallelism"]),
            )
            slot = cls(
                tag=str(doc["tag"]),
                salt=base64.b64decode(doc["salt"], validate=True),
                kdf=params,
                nonce=base64.b64decode(doc["nonce"], validate=True),
                wrapped_key=base64.b64decode(doc["wrapped_key"], validate=True),
            )
        except (ValueError, KeyError, TypeError) as error:
            raise SlotDamaged("A sign-in key slot is damaged.") from error
        if len(slot.nonce) != crypto_aead_xchacha20poly1305_ietf_NPUBBYTES or not slot.tag:
            raise SlotDamaged("A sign-in key slot is damaged.")
        return slot


class SlotStore:
    """One file per slot under `<data_dir>/slots/`, so one damaged file affects one person only."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / SLOTS_DIRNAME

    def path_for(self, tag: str) -> Path:
        return self.folder / f"{tag}.json"

    def read(self, tag: str) -> KeySlot | None:
        """The slot for `tag`, None when there is none; raises SlotDamaged when unreadable."""
        path = self.path_for(tag)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise translate_os_error(error, "a sign-in key slot") from error
        slot = KeySlot.from_bytes(data)
        if slot.tag != tag:
            raise SlotDamaged("A sign-in key slot file holds another user's slot.")
        return slot

    def write(self, slot: KeySlot) -> None:
        atomic_write_bytes(self.path_for(slot.tag), slot.to_bytes(), what="a sign-in key slot")

    def remove(self, tag: str) -> None:
        try:
            self.path_for(tag).unlink(missing_ok=True)
        except OSError as error:
            raise translate_os_error(error, "a sign-in key slot") from error

    def tags(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(p.stem for p in self.folder.glob("*.json"))
