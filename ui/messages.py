"""Operator-facing text for error codes: what happened and what to do, in plain words."""

from __future__ import annotations

from kiosk.errors import KioskError, LockedOut

# Codes map to text here (translated later by the i18n catalogues); unknown codes fall back
# to the core's own plain-English message.
_TEXT = {
    "vault.wrong_password": "Wrong user name or password. Check Caps Lock and try again.",
    "vault.in_use": "The kiosk is already open in another window on this laptop. Use that one.",
    "vault.disk_full": "The laptop's disk is full, so nothing new can be saved. "
    "Ask a supervisor to free space. Everything saved before is safe.",
    "vault.corrupt": "The kiosk's data file is damaged. Do not delete anything; "
    "call the program's technical support.",
    "vault.slot_damaged": "Your sign-in key is damaged. Ask a colleague to sign in once: "
    "that repairs it.",
    "vault.too_new": "This data was written by a newer kiosk version. Update the kiosk software.",
    "vault.read_only": "The kiosk cannot write to its data folder (read-only disk?).",
}


def message_for(error: BaseException) -> str:
    if isinstance(error, LockedOut):
        return error.message
    if isinstance(error, KioskError):
        return _TEXT.get(error.code, error.message)
    return (
        "Something went wrong inside the kiosk. It was recorded for support "
        "(without any applicant details). Try again; if it repeats, call support."
    )
