"""Rendering keeps applicant data in memory: nothing is written, no temporary files appear."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.documents import (
    CardFields,
    FontLibrary,
    ReceiptFields,
    render_card_back,
    render_card_front,
    render_receipt,
    render_receipt_pdf,
)
from kiosk.i18n import load_translator


def test_rendering_writes_nothing(
    no_disk_writes: list[str], card: CardFields, receipt: ReceiptFields
) -> None:
    fonts = FontLibrary.discover()  # also load fonts under the guard
    for code in ("en", "ar", "zh_Hans"):
        translator = load_translator(code)
        render_card_front(card, translator, fonts=fonts)
        render_card_back(card, translator, fonts=fonts)
        render_receipt(receipt, translator, fonts=fonts, show_given_name=True)
        render_receipt_pdf(receipt, translator, fonts=fonts)
    assert no_disk_writes == []


def test_the_guard_notices_writes(tmp_path: Path, no_disk_writes: list[str]) -> None:
    with pytest.raises(AssertionError), open(tmp_path / "x.png", "wb"):
        pass
    assert len(no_disk_writes) == 1
    no_disk_writes.clear()


def test_saving_a_pdf_is_the_operators_choice(receipt: ReceiptFields, tmp_path: Path) -> None:
    """The only file ever written is the one the operator asks for (here: pytest's tmp_path)."""
    target = tmp_path / "receipt.pdf"
    target.write_bytes(render_receipt_pdf(receipt, load_translator("es")))
    assert target.read_bytes().startswith(b"%PDF-")
