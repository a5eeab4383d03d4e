"""Card preview and receipt rendering, in memory: PNG and PDF bytes, never files."""

from __future__ import annotations

from kiosk.documents.card import render_card_back, render_card_front
from kiosk.documents.errors import DocumentsError, FontError, InvalidFields, InvalidPhoto
from kiosk.documents.fonts import FontLibrary
from kiosk.documents.model import (
    AddressKind,
    CardAddress,
    CardFields,
    ReceiptFields,
    Rendered,
    card_expiry,
)
from kiosk.documents.receipt import receipt_pdf, render_receipt, render_receipt_pdf
from kiosk.documents.text import Placed

__all__ = [
    "AddressKind",
    "CardAddress",
    "CardFields",
    "DocumentsError",
    "FontError",
    "FontLibrary",
    "InvalidFields",
    "InvalidPhoto",
    "Placed",
    "ReceiptFields",
    "Rendered",
    "card_expiry",
    "receipt_pdf",
    "render_card_back",
    "render_card_front",
    "render_receipt",
    "render_receipt_pdf",
]
