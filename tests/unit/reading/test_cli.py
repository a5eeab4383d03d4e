"""`kiosk scan`: the JSON contract of DESIGN.md, exit statuses, and the installed console script."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk.cli import main
from kiosk.reading.mrz_ocr import MrzOcr

from .fixtures import (
    SAMPLE_ELEMENTS,
    TD3_SPECIMEN,
    aamva_payload,
    card_back,
    mrz_page,
    place_in_frame,
)

ROOT = Path(__file__).resolve().parents[3]
PAYLOAD = aamva_payload(SAMPLE_ELEMENTS)
CONTRACT_KEYS = {
    "family_name",
    "given_names",
    "birth_date",
    "expiry_date",
    "sex",
    "document_number",
}


def _scan(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, object]]:
    status = main(["scan", *argv, "--json"])
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    return status, json.loads(out)


def test_scan_text_mrz(capsys: pytest.CaptureFixture[str]) -> None:
    status, data = _scan(capsys, "--text", "\n".join(TD3_SPECIMEN))
    assert status == 0
    assert (data["kind"], data["valid"]) == ("mrz", True)
    fields = data["fields"]
    assert isinstance(fields, dict)
    assert set(fields) == CONTRACT_KEYS | {"nationality"}
    assert fields["given_names"] == "ANNA MARIA"


def test_scan_text_aamva_with_named_controls(capsys: pytest.CaptureFixture[str]) -> None:
    mangled = PAYLOAD.replace("\n", "<LF>").replace("\r", "<CR>").replace("\x1e", "<RS>")
    status, data = _scan(capsys, "--text", mangled)
    assert status == 0
    assert (data["kind"], data["valid"]) == ("aamva", True)
    fields = data["fields"]
    assert isinstance(fields, dict)
    assert set(fields) == CONTRACT_KEYS | {"address"}
    assert fields["address"] == {
        "street": "2300 WEST BROAD STREET",
        "city": "RICHMOND",
        "state": "VA",
        "postal_code": "23269",
        "country": "USA",
    }


def test_scan_text_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(TD3_SPECIMEN) + "\n"))
    status, data = _scan(capsys, "--text", "-")
    assert (status, data["kind"]) == (0, "mrz")


def test_scan_text_with_a_failed_check_digit(capsys: pytest.CaptureFixture[str]) -> None:
    status, data = _scan(capsys, "--text", TD3_SPECIMEN[0] + "\n" + TD3_SPECIMEN[1][:-1] + "3")
    assert (status, data["kind"], data["valid"]) == (0, "mrz", False)


def test_unrecognisable_text_is_a_scan_that_found_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _scan(capsys, "--text", "hello there") == (
        0,
        {"kind": None, "valid": False, "fields": {}},
    )


def test_broken_aamva_says_aamva_and_invalid(capsys: pytest.CaptureFixture[str]) -> None:
    status, data = _scan(capsys, "--text", "@\n\x1e\rANSI 636000100101ZV00410008ZVZVA01\r")
    assert (status, data) == (0, {"kind": "aamva", "valid": False, "fields": {}})


def test_empty_text_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", "--text", "  ", "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "[reading.malformed]" in captured.err


def test_scan_image_with_a_skewed_barcode(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "synthetic-card.png"
    cv2.imwrite(str(path), place_in_frame(card_back(PAYLOAD), angle=9.0, scale=0.7, noise=4.0))
    status, data = _scan(capsys, str(path))
    assert (status, data["kind"], data["valid"]) == (0, "aamva", True)


def test_scan_image_mrz(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, mrz_ocr: MrzOcr
) -> None:
    path = tmp_path / "synthetic-page.png"
    cv2.imwrite(str(path), mrz_page(TD3_SPECIMEN))
    status, data = _scan(capsys, str(path))
    assert (status, data["kind"], data["valid"]) == (0, "mrz", True)


def test_scan_image_with_nothing_readable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, mrz_ocr: MrzOcr
) -> None:
    path = tmp_path / "blank.png"
    cv2.imwrite(str(path), np.full((300, 400, 3), 200, dtype=np.uint8))
    assert _scan(capsys, str(path)) == (0, {"kind": None, "valid": False, "fields": {}})


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("missing.png", None, "reading.image_not_found"),
        ("not-an-image.png", b"this is text", "reading.unreadable"),
    ],
)
def test_bad_files_are_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, content: bytes | None, code: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    assert main(["scan", str(path), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"[{code}]" in captured.err
    assert name not in captured.err  # file names can be a person's name


def test_missing_ocr_extra_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kiosk.reading.mrz_ocr.ocr_available", lambda: False)
    path = tmp_path / "page.png"
    cv2.imwrite(str(path), np.full((100, 100, 3), 200, dtype=np.uint8))
    assert main(["scan", str(path), "--json"]) == 1
    assert "[reading.ocr_unavailable]" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["scan"], ["scan", "x.png", "--text", "abc"]])
def test_image_or_text_exactly_one(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "give either IMAGE or --text" in capsys.readouterr().err


def test_human_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", "--text", "\n".join(TD3_SPECIMEN)]) == 0
    out = capsys.readouterr().out
    assert "kind: mrz" in out and "valid: yes" in out and "family_name: ERIKSSON" in out


def test_installed_console_script() -> None:
    kiosk = ROOT / ".venv" / "bin" / "kiosk"
    if not kiosk.exists():
        pytest.skip("console script not installed in .venv")
    completed = subprocess.run(
        [str(kiosk), "scan", "--text", " ".join(TD3_SPECIMEN), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["fields"]["document_number"] == "L898902C3"
