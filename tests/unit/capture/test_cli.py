"""`kiosk photo check IMAGE --json`: the DESIGN.md contract on real-face fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import pytest

from kiosk.capture.cli import check_image
from kiosk.cli import main
from tests.unit.capture import portraits


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def _write(tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.png"
    assert cv2.imwrite(str(path), portraits.ALL[name]())
    return path


def test_good_photo_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(
        capsys, "photo", "check", str(_write(tmp_path, "well_framed")), "--json"
    )
    assert status == 0 and err == ""
    result = json.loads(out)
    assert set(result) == {"faces", "ok", "problems", "face_box"}
    assert result["faces"] == 1 and result["ok"] is True and result["problems"] == []
    x, y, w, h = result["face_box"]
    assert abs(x + w / 2 - 320) < 20 and abs(y + h / 2 - 216) < 20


@pytest.mark.parametrize(
    ("name", "faces", "first_problem"),
    [("two_people", 2, "multiple_faces"), ("far_away", 1, "too_far"), ("blurred", 1, "blurry")],
)
def test_problem_photos_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, faces: int, first_problem: str
) -> None:
    status, out, _ = _run(capsys, "photo", "check", str(_write(tmp_path, name)), "--json")
    result = json.loads(out)
    assert status == 0
    assert result["ok"] is False and result["faces"] == faces
    assert result["problems"][0] == first_problem


def test_advisories_are_listed_but_ok_stays_true(tmp_path: Path) -> None:
    result = check_image(_write(tmp_path, "busy_background"))
    assert result["ok"] is True and result["problems"] == ["busy_background"]


def test_blank_image_has_no_face_and_null_box(tmp_path: Path) -> None:
    path = tmp_path / "wall.png"
    assert cv2.imwrite(str(path), portraits.place((320, 240), []))
    result = check_image(path, "haar")
    assert result == {"faces": 0, "ok": False, "problems": ["no_face"], "face_box": None}


def test_unreadable_file_is_one_line_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.png"
    junk.write_bytes(b"\x00\x01 not a png")
    status, out, err = _run(capsys, "photo", "check", str(junk), "--json")
    assert status == 2 and out == ""
    assert err.startswith("kiosk: ") and "[capture.unreadable_image]" in err
    assert len(err.splitlines()) == 1


def test_text_output_for_people(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "photo", "check", str(_write(tmp_path, "far_away")))
    assert status == 0
    assert out.splitlines() == ["far_away.png: NOT OK, 1 face(s)", "  - too_far"]
