"""Applicant-facing texts of the card preview and the receipt, in one place for translators."""

from __future__ import annotations

from datetime import date

from kiosk.i18n import Translator


def long_date(t: Translator, day: date) -> str:
    """A date with the month spelled out: 03/04 means different days to different readers."""
    months = (
        t.pgettext("date", "January"),
        t.pgettext("date", "February"),
        t.pgettext("date", "March"),
        t.pgettext("date", "April"),
        t.pgettext("date", "May"),
        t.pgettext("date", "June"),
        t.pgettext("date", "July"),
        t.pgettext("date", "August"),
        t.pgettext("date", "September"),
        t.pgettext("date", "October"),
        t.pgettext("date", "November"),
        t.pgettext("date", "December"),
    )
    # Translators: a full date. Reorder {day}, {month} (the month name translated above, in the
    # form your grammar needs inside a date) and {year} as your readers expect.
    pattern = t.pgettext("date", "{month} {day}, {year}")
    return pattern.format(month=months[day.month - 1], day=day.day, year=day.year)


def card_labels(t: Translator) -> dict[str, str]:
    return {
        "family_name": t.gettext("Family name"),
        "given_names": t.gettext("Given names"),
        "dob": t.gettext("Date of birth"),
        "expires": t.gettext("Expires"),
        "address": t.gettext("Address"),
        "language": t.gettext("Preferred language"),
        "card_number": t.gettext("Card number"),
        # Translators: shown where the card number will be; the kiosk never assigns it.
        "card_number_value": t.gettext("Issued by the program office"),
        # Translators: a banner across the preview so nobody mistakes it for a real card.
        "preview": t.gettext("PREVIEW - NOT A VALID CARD"),
    }


def no_address(t: Translator) -> str:
    # Translators: printed in the address area of a card issued without an address.
    return t.gettext("No address")


def care_of(t: Translator, name: str) -> str:
    # Translators: "care of": mail goes to {name} (an organisation or person) for the cardholder.
    return t.tr("c/o {name}", name=name)


def receipt_texts(t: Translator) -> dict[str, str]:
    return {
        "title": t.gettext("Application receipt"),
        "number": t.gettext("Application number"),
        "submitted": t.gettext("Date submitted"),
        "site": t.gettext("Enrollment site"),
        "name": t.gettext("Name"),
        "next": t.gettext("What happens next"),
        "keep": t.gettext(
            "Keep this receipt. Give the application number if you contact the program."
        ),
        "not_id": t.gettext("This receipt is not an identity card."),
        "contact": t.gettext("Questions? Contact the program:"),
        "qr": t.gettext("The code holds only the application number."),
    }


def next_step(t: Translator, *, mailed: bool, days: int) -> str:
    """What happens after submission: by mail, or pickup in person (no address on file)."""
    if mailed:
        return t.ntr(
            "The program office reviews your application. If it is approved, your card is"
            " mailed to you in about {days} business day.",
            "The program office reviews your application. If it is approved, your card is"
            " mailed to you in about {days} business days.",
            days,
            days=days,
        )
    return t.ntr(
        "The program office reviews your application. If it is approved, you can pick up your"
        " card in person in about {days} business day. Bring this receipt and your documents.",
        "The program office reviews your application. If it is approved, you can pick up your"
        " card in person in about {days} business days. Bring this receipt and your documents.",
        days,
        days=days,
    )
