"""Domain errors with stable codes, so the UI and CLI can explain what the environment did wrong.

Each error class carries a dotted `code` that never changes once released; `ui/` maps codes to
translated text and the CLI prints `message`. Messages never contain applicant data.
Anything that is not a `KioskError` is a bug and goes to the crash log instead.
"""

from __future__ import annotations

from typing import ClassVar


class KioskError(Exception):
    """An error the operator can act on; `code` is stable, `message` is plain English."""

    code: ClassVar[str] = "kiosk.error"
    exit_status: ClassVar[int] = 1

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def __str__(self) -> str:
        return self.message


class InvalidInput(KioskError):
    """Bad input from a person or script: a malformed date, an unknown id, a bad file."""

    code = "input.invalid"
    exit_status = 2


class NotFound(KioskError):
    code = "input.not_found"
    exit_status = 2


# --- vault -------------------------------------------------------------------------------------


class VaultError(KioskError):
    code = "vault.error"


class VaultNotFound(VaultError):
    code = "vault.not_found"


class VaultExists(VaultError):
    code = "vault.exists"


class WrongPassword(VaultError):
    """Unknown user or wrong password: deliberately one error, so names cannot be probed."""

    code = "vault.wrong_password"


class VaultInUse(VaultError):
    code = "vault.in_use"


class DiskFull(VaultError):
    code = "vault.disk_full"


class VaultCorrupt(VaultError):
    """The file is damaged, or is not a kiosk vault at all; it is never overwritten."""

    code = "vault.corrupt"


class VaultTooNew(VaultError):
    code = "vault.too_new"


class VaultReadOnly(VaultError):
    code = "vault.read_only"


# --- staff -------------------------------------------------------------------------------------


class StaffError(KioskError):
    code = "staff.error"


class LockedOut(StaffError):
    code = "staff.locked_out"

    def __init__(self, message: str, *, retry_after_s: float) -> None:
        super().__init__(message, retry_after_s=retry_after_s)
        self.retry_after_s = retry_after_s


class NotPermitted(StaffError):
    code = "staff.not_permitted"


class StaffExists(StaffError):
    code = "staff.exists"


class WeakPassword(StaffError):
    code = "staff.weak_password"
    exit_status = 2


# --- audit -------------------------------------------------------------------------------------


class AuditBroken(KioskError):
    code = "audit.broken"
