"""Inputs and outputs of the renderers: frozen, with reprs that never show applicant data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from kiosk.documents.errors import InvalidFields
from kiosk.documents.text import Placed


class AddressKind(StrEnum):
    """What the card's address area shows (the rules engine's `card_address` values)."""

    HOME = "home"
    NONE = "none"
    CARE_OF = "care_of"
    PO_BOX = "po_box"


@dataclass(frozen=True, slots=True, repr=False)
class CardAddress:
    """CARE_OF: the first line is who mail goes to ("c/o" is added). PO_BOX: lines as printed."""

    kind: AddressKind
    lines: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind is AddressKind.NONE and self.lines:
            raise InvalidFields("an address of kind 'none' has no lines")
        if self.kind is not AddressKind.NONE and not any(line.strip() for line in self.lines):
            raise InvalidFields(f"an address of kind {self.kind.value!r} needs its lines")

    def __repr__(self) -> str:
        return f"CardAddress({self.kind.value}, <{len(self.lines)} lines>)"


@dataclass(frozen=True, slots=True, repr=False)
class CardFields:
    """What the card preview shows; the enrollment model maps onto this."""

    family_name: str
    given_names: str
    dob: date
    expiry: date
    address: CardAddress
    preferred_language: str
    program_name: str
    photo_jpeg: bytes = field(compare=False)

    def __repr__(self) -> str:
        return "CardFields(<redacted>)"


@dataclass(frozen=True, slots=True, repr=False)
class ReceiptFields:
    """What the receipt may carry: the program chooses, the applicant's details stay off it.

    `given_name` is printed only when the renderer is asked to (off by default: a receipt found
    by an abuser must not confirm who applied).
    """

    application_number: str
    submitted: date
    site: str
    program_name: str
    program_contact: tuple[str, ...]
    mailed: bool = True
    processing_days: int = 15
    given_name: str | None = None

    def __post_init__(self) -> None:
        if not self.application_number.strip():
            raise InvalidFields("a receipt needs an application number")
        if self.processing_days < 1:
            raise InvalidFields("processing_days must be at least 1")

    def __repr__(self) -> str:
        return f"ReceiptFields({self.application_number!r})"


@dataclass(frozen=True, slots=True)
class Rendered:
    """An image rendered in memory, with where things went and what the operator should know."""

    png: bytes
    size: tuple[int, int]
    regions: dict[str, tuple[int, int, int, int]]
    layout: tuple[Placed, ...]
    warnings: tuple[str, ...]


def card_expiry(start: date, validity_years: int) -> date:
    """`start` plus the program's card validity; 29 February falls back to the 28th."""
    try:
        return start.replace(year=start.year + validity_years)
    except ValueError:
        return start.replace(year=start.year + validity_years, day=28)
