"""The intake's data folder: keys made by `kiosk intake init`, provisioning.json for the kiosks.

Layout of I/: intake.json (public facts and the enrolment token's hash), server-signing.key (0600),
provisioning.json (what kiosks install: program public key, server verify key, suggested URL,
enrolment token), intake.sqlite3 (default store). The program's private key is written to a
separate, loudly named file that the operator moves to the back office; the intake never needs it.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nacl.public
import nacl.signing

from kiosk.errors import InvalidInput, KioskError
from kiosk.intake.service import token_digest
from kiosk.sealing import (
    SealingError,
    b64,
    intake_id_for,
    program_key_id,
    unb64,
)
from kiosk.vault.files import atomic_write_bytes

INTAKE_FILE = "intake.json"
SIGNING_KEY_FILE = "server-signing.key"
PROVISIONING_FILE = "provisioning.json"
PROGRAM_KEY_FILE = "PROGRAM-PRIVATE-KEY-move-to-back-office.json"
DEFAULT_PORT = 8750


class IntakeExists(KioskError):
    code = "intake.exists"


class IntakeNotInitialised(KioskError):
    code = "intake.not_initialised"


@dataclass(frozen=True)
class IntakeFiles:
    data_dir: Path
    provisioning: Path
    program_key: Path


@dataclass(frozen=True)
class IntakeConfig:
    signing_key: nacl.signing.SigningKey
    program_key_id: str
    enrolment_token_sha256: str


def _json_bytes(obj: dict[str, Any]) -> bytes:
    return json.dumps(obj, indent=2, sort_keys=True).encode("utf-8") + b"\n"


def init_intake(data_dir: Path, *, url: str, program_key_out: Path | None = None) -> IntakeFiles:
    """Create the program key pair, the server signing key and the provisioning file."""
    data_dir.mkdir(parents=True, exist_ok=True)
    if (data_dir / INTAKE_FILE).exists():
        raise IntakeExists(f"{data_dir} already holds an intake; keys are never overwritten")
    program = nacl.public.PrivateKey.generate()
    server = nacl.signing.SigningKey.generate()
    token = secrets.token_urlsafe(32)
    pk_id = program_key_id(program.public_key)
    intake_id = intake_id_for(server.verify_key)
    program_key_path = program_key_out or data_dir / PROGRAM_KEY_FILE
    atomic_write_bytes(
        program_key_path,
        _json_bytes(
            {
                "kind": "program-private-key",
                "program_key_id": pk_id,
                "private_key": b64(bytes(program)),
                "note": "Back office only. Never copy this file to an intake server or a kiosk.",
            }
        ),
        what="the program private key",
    )
    atomic_write_bytes(
        data_dir / SIGNING_KEY_FILE,
        b64(bytes(server)).encode("ascii") + b"\n",
        what="the intake signing key",
    )
    public = {
        "format": 1,
        "intake_id": intake_id,
        "program_key_id": pk_id,
        "program_public_key": b64(bytes(program.public_key)),
        "server_verify_key": b64(bytes(server.verify_key)),
    }
    atomic_write_bytes(
        data_dir / INTAKE_FILE,
        _json_bytes({**public, "enrolment_token_sha256": token_digest(token)}),
        what="the intake settings",
    )
    provisioning = data_dir / PROVISIONING_FILE
    atomic_write_bytes(
        provisioning,
        _json_bytes({**public, "kind": "kiosk-provisioning", "url": url, "enrolment_token": token}),
        what="the provisioning file",
    )
    return IntakeFiles(data_dir, provisioning, program_key_path)


def load_intake(data_dir: Path) -> IntakeConfig:
    try:
        facts = json.loads((data_dir / INTAKE_FILE).read_text(encoding="utf-8"))
        seed_b64 = (data_dir / SIGNING_KEY_FILE).read_text(encoding="ascii").strip()
        seed = unb64(seed_b64, SealingError)
    except FileNotFoundError as error:
        raise IntakeNotInitialised(
            f"{data_dir} holds no intake; run `kiosk intake init --data-dir {data_dir}`"
        ) from error
    except (OSError, ValueError, SealingError) as error:
        raise InvalidInput(f"the intake files in {data_dir} are damaged") from error
    return IntakeConfig(
        signing_key=nacl.signing.SigningKey(seed),
        program_key_id=str(facts["program_key_id"]),
        enrolment_token_sha256=str(facts["enrolment_token_sha256"]),
    )


def load_program_key(path: Path) -> nacl.public.PrivateKey:
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
        key = nacl.public.PrivateKey(unb64(obj["private_key"], SealingError))
    except FileNotFoundError as error:
        raise InvalidInput(f"no program key file at {path}") from error
    except (OSError, ValueError, KeyError, TypeError, SealingError) as error:
        raise InvalidInput(f"{path.name} is not a program private key file") from error
    if obj.get("program_key_id") != program_key_id(key.public_key):
        raise InvalidInput(f"{path.name} is damaged (its key id does not match)")
    return key
