"""Keyboard-wedge input: the ways scanners mangle control characters and line breaks."""

from __future__ import annotations

import pytest

from kiosk.reading.errors import MalformedPayload, MrzFormatError
from kiosk.reading.models import ReadKind
from kiosk.reading.wedge import mrz_lines, read_text, restore_controls

from .conftest import TODAY
from .fixtures import SAMPLE_ELEMENTS, TD1_SPECIMEN, TD3_SPECIMEN, aamva_payload

PAYLOAD = aamva_payload(SAMPLE_ELEMENTS)
EXPECTED = read_text(PAYLOAD).to_json()


@pytest.mark.parametrize(
    "mangled",
    [
        PAYLOAD,
        PAYLOAD.replace("\n", "<LF>").replace("\r", "<CR>").replace("\x1e", "<RS>"),
        PAYLOAD.replace("\n", "<lf>").replace("\r", "<cr>").replace("\x1e", "<rs>"),
        PAYLOAD.replace("\n", "\\n").replace("\r", "\\r").replace("\x1e", "\\x1e"),
        PAYLOAD.replace("\r", "\n").replace("\x1e", ""),
        PAYLOAD.replace("\n", "\r\n"),
        PAYLOAD.replace("\n", "").replace("\r", "").replace("\x1e", ""),
        "  " + PAYLOAD + "\n",
        PAYLOAD.lstrip("@\n\x1e\r"),
    ],
    ids=[
        "intact",
        "named",
        "named-lower",
        "escaped",
        "newlines-only",
        "crlf",
        "glued",
        "padded",
        "no-at",
    ],
)
def test_aamva_payload_survives_scanner_mangling(mangled: str) -> None:
    assert EXPECTED["valid"] is True
    assert read_text(mangled).to_json() == EXPECTED


@pytest.mark.parametrize(
    "text",
    [
        "\n".join(TD3_SPECIMEN),
        "\r\n".join(TD3_SPECIMEN) + "\r\n",
        " ".join(TD3_SPECIMEN),
        "\\n".join(TD3_SPECIMEN),
        "".join(TD3_SPECIMEN),
        "\n".join(TD3_SPECIMEN).lower(),
        "\n\n  " + "\n".join(TD3_SPECIMEN) + "  \n",
    ],
    ids=["lf", "crlf", "spaces", "typed-backslash-n", "run-together", "lower", "padded"],
)
def test_mrz_lines_in_the_forms_scanners_type_them(text: str) -> None:
    result = read_text(text, today=TODAY)
    assert result.kind is ReadKind.MRZ
    assert result.valid
    assert result.document_format == "TD3"


def test_td1_three_lines_with_spaces() -> None:
    assert mrz_lines(" ".join(TD1_SPECIMEN)) == list(TD1_SPECIMEN)
    assert read_text(" ".join(TD1_SPECIMEN), today=TODAY).valid


def test_restore_controls() -> None:
    assert restore_controls("a<LF>b<RS>c<CR>d\\u001ee\\x1Ef") == "a\nb\x1ec\rd\x1ee\x1ef"


@pytest.mark.parametrize("text", ["hello world", "P<UTO" * 5, "1234"])
def test_text_of_no_known_shape(text: str) -> None:
    with pytest.raises(MrzFormatError):
        read_text(text, today=TODAY)


@pytest.mark.parametrize("text", ["", "   \n  ", "x" * 9000])
def test_empty_or_absurd_text_is_malformed(text: str) -> None:
    with pytest.raises(MalformedPayload):
        read_text(text, today=TODAY)
