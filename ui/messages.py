"""Operator-facing text for error codes: what happened and what to do, in plain words."""

from __future__ import annotations

from kiosk.errors import KioskError, LockedOut
from kiosk.i18n import N_

# Codes map to English source texts here; the status line that shows them translates them
# (ui.widgets.common.StatusLine). Unknown codes fall back to the core's own English message.
_TEXT = {
    "vault.wrong_password": N_("Wrong user name or password. Check Caps Lock and try again."),
    "vault.in_use": N_("The kiosk is already open in another window on this laptop. Use that one."),
    "vault.disk_full": N_(
        "The laptop's disk is full, so nothing new can be saved. "
        "Ask a supervisor to free space. Everything saved before is safe."
    ),
    "vault.corrupt": N_(
        "The kiosk's data file is damaged. Do not delete anything; "
        "call the program's technical support."
    ),
    "vault.slot_damaged": N_(
        "Your sign-in key is damaged. Ask a colleague to sign in once: that repairs it."
    ),
    "vault.too_new": N_(
        "This data was written by a newer kiosk version. Update the kiosk software."
    ),
    "vault.read_only": N_("The kiosk cannot write to its data folder (read-only disk?)."),
}


def message_for(error: BaseException) -> str:
    if isinstance(error, LockedOut):
        return error.message
    if isinstance(error, KioskError):
        return _TEXT.get(error.code, error.message)
    return N_(
        "Something went wrong inside the kiosk. It was recorded for support "
        "(without any applicant details). Try again; if it repeats, call support."
    )
