"""Every sentence the rules engine shows to staff, in one place, ready for translation.

Texts are marked with `_()`/`ngettext()` and filled with named `.format` placeholders, so a
later i18n module can plug in catalogues (and check that translations keep the placeholders)
without touching the engine. Dates are ISO text; names come from the program file.
"""

from __future__ import annotations

from kiosk.i18n.scoped import gettext as _
from kiosk.i18n.scoped import ngettext

# --- problems with one document -----------------------------------------------------------------


def expiry_needed() -> str:
    return _("The expiry date is needed to check this document.")


def expired(expires: str) -> str:
    return _("Expired on {date}.").format(date=expires)


def expired_too_long(expires: str, days: int) -> str:
    return ngettext(
        "Expired on {date}: it is accepted only up to {days} day after expiry.",
        "Expired on {date}: it is accepted only up to {days} days after expiry.",
        days,
    ).format(date=expires, days=days)


def counted_as(name: str) -> str:
    return _("Counted as: {name}.").format(name=name)


def date_needed() -> str:
    return _("The date on the document is needed to check that it is recent enough.")


def dated_in_future(dated: str) -> str:
    return _("Dated {date}, which is after today.").format(date=dated)


def too_old(dated: str, days: int) -> str:
    return ngettext(
        "Dated {date}: it must be dated within the last {days} day.",
        "Dated {date}: it must be dated within the last {days} days.",
        days,
    ).format(date=dated, days=days)


def past_deadline(deadline: str) -> str:
    return _("Accepted only until {date}.").format(date=deadline)


def term_end_needed() -> str:
    return _("The end date of the term is needed to check that it is current.")


def not_current(ended: str) -> str:
    return _("No longer current: it ended on {date}.").format(date=ended)


def not_started(dated: str) -> str:
    return _("Not current yet: it starts on {date}.").format(date=dated)


def outside_area(area: str) -> str:
    return _("Does not show an address in {area}.").format(area=area)


def postal_code_outside_area(area: str) -> str:
    return _("The postal code is not in {area}.").format(area=area)


def identity_only(area: str) -> str:
    return _("Does not show an address in {area}: counted for identity only.").format(area=area)


def needs_caretaker() -> str:
    return _("Counts only when the applicant comes with a caretaker.")


def needs_companion(names: str) -> str:
    return _("Counts only together with one of: {names}.").format(names=names)


def counted_once() -> str:
    return _("This kind of document is already counted; each kind counts once.")


def relationship_age_band(age: int) -> str:
    return _("Proves the relationship only for applicants aged {age} or younger.").format(age=age)


def caretaker_document(reason: str) -> str:
    return _("Caretaker's document: {reason}").format(reason=reason)


# --- what is missing ----------------------------------------------------------------------------


def too_young(minimum: int) -> str:
    return _("The applicant must be at least {minimum} years old.").format(minimum=minimum)


def caretaker_required(age: int) -> str:
    return _("Applicants younger than {age} must come with a caretaker.").format(age=age)


def add_identity_points(count: int, examples: str) -> str:
    return ngettext(
        "Add {count} identity point, for example: {examples}",
        "Add {count} identity points, for example: {examples}",
        count,
    ).format(count=count, examples=examples)


def add_identity_documents(count: int, tier: str, examples: str) -> str:
    return ngettext(
        "Add {count} {tier} identity document, for example: {examples}",
        "Add {count} {tier} identity documents, for example: {examples}",
        count,
    ).format(count=count, tier=tier, examples=examples)


def add_photo_id(examples: str) -> str:
    return _("Add a photo ID, for example: {examples}").format(examples=examples)


def add_dob_proof(examples: str) -> str:
    return _("Add a document that shows the date of birth, for example: {examples}").format(
        examples=examples
    )


def add_photo_and_dob(examples: str) -> str:
    return _(
        "Add one identity document that shows both a photo and the date of birth,"
        " for example: {examples}"
    ).format(examples=examples)


def add_residency_points(count: int, area: str, examples: str) -> str:
    return ngettext(
        "Add {count} proof of residency (a recent document with an address in {area}),"
        " for example: {examples}",
        "Add {count} proofs of residency (recent documents with an address in {area}),"
        " for example: {examples}",
        count,
    ).format(count=count, area=area, examples=examples)


def add_relationship(examples: str) -> str:
    return _(
        "Add a document proving the caretaker's relationship to the applicant,"
        " for example: {examples}"
    ).format(examples=examples)


def caretaker_identity_points(count: int, examples: str) -> str:
    return ngettext(
        "The caretaker needs {count} more identity point, for example: {examples}",
        "The caretaker needs {count} more identity points, for example: {examples}",
        count,
    ).format(count=count, examples=examples)


def caretaker_photo_id(examples: str) -> str:
    return _("The caretaker needs a photo ID, for example: {examples}").format(examples=examples)


def caretaker_residency(area: str, examples: str) -> str:
    return _(
        "Add the applicant's proof of residency in {area}, or the caretaker's proof of residency"
        " with the caretaker's signed attestation that the applicant lives with them,"
        " for example: {examples}"
    ).format(area=area, examples=examples)


def caretaker_attestation() -> str:
    return _("The caretaker must sign the attestation that the applicant lives with them.")


def agency_needs_photo_id(agency: str, examples: str) -> str:
    return _("{agency} also needs a photo ID, for example: {examples}").format(
        agency=agency, examples=examples
    )


def no_examples() -> str:
    return _("see the program's document list")
