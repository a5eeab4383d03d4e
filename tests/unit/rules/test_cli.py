"""`kiosk rules list` and `kiosk rules check` through kiosk.cli.main, plus one real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.rules.cli import parse_document
from tests.unit.rules.helpers import MINIMAL

ROOT = Path(__file__).resolve().parents[3]
CONTRACT_KEYS = {
    "eligible",
    "path",
    "identity_points",
    "residency_points",
    "has_photo_id",
    "has_dob_proof",
    "card_address",
    "problems",
    "missing",
}
BASE = ["rules", "check", "--program", "idnyc", "--today", "2026-11-23", "--dob", "1990-05-01"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    status, out, err = run(capsys, *argv, "--json")
    assert (status, err) == (0, "")
    assert out.count("\n") == 1
    result: dict[str, object] = json.loads(out)
    return result


def test_check_json_has_exactly_the_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_json(
        capsys,
        *BASE,
        "--doc",
        "us_passport,expires=2030-01-01",
        "--doc",
        "utility_cable_phone_bill,dated=2026-11-01,nyc_address=yes",
    )
    assert set(result) == CONTRACT_KEYS
    assert result == {
        "eligible": True,
        "path": "points",
        "identity_points": 3,
        "residency_points": 1,
        "has_photo_id": True,
        "has_dob_proof": True,
        "card_address": "home",
        "problems": [],
        "missing": [],
    }


def test_check_explains_problems_and_missing(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_json(
        capsys,
        *BASE,
        "--doc",
        "us_passport,expires=2025-01-01",
        "--doc",
        "utility_cable_phone_bill,dated=2026-11-01,nyc_address=no",
    )
    assert result["eligible"] is False and result["path"] is None
    assert result["identity_points"] == 2
    assert result["problems"] == [
        {
            "doc": "us_passport",
            "reason": "Expired on 2025-01-01. Counted as: U.S. passport expired up to 3 years.",
        },
        {"doc": "utility_cable_phone_bill", "reason": "Does not show an address in New York City."},
    ]
    missing = result["missing"]
    assert isinstance(missing, list)
    assert missing[0] == (
        "Add 1 identity point, for example: Social Security card, U.S. birth certificate,"
        " Consular ID card"
    )


def test_check_caretaker_and_agency_flags(capsys: pytest.CaptureFixture[str]) -> None:
    child = [a if a != "1990-05-01" else "2014-06-01" for a in BASE]
    result = run_json(
        capsys,
        *child,
        "--doc",
        "us_birth_certificate",
        "--doc",
        "rel_where_caretaker_is_parent_applicant_s_birth_certificate",
        "--caretaker-doc",
        "foreign_passport_mrz,expires=2029-01-01",
        "--caretaker-doc",
        "pay_stub,dated=2026-11-10,zip=11368",
        "--caretaker-attests",
    )
    assert (result["eligible"], result["path"], result["card_address"]) == (
        True,
        "caretaker",
        "home",
    )
    agency = run_json(capsys, *child, "--agency-verified", "doe_middle_school")
    assert (agency["path"], agency["card_address"]) == ("agency", "none")


def test_check_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, *BASE, "--doc", "idnyc_card_with_current_address,expires=2027-01-01"
    )
    assert status == 0
    assert out.splitlines()[0] == "eligible by single_document"
    assert "card address: home" in out
    status, out, _ = run(capsys, *BASE, "--doc", "us_passport,expires=2001-01-01")
    assert out.splitlines()[0] == "not eligible"
    assert "problem: us_passport: Expired on 2001-01-01." in out
    assert "missing: Add 3 identity points" in out


@pytest.mark.parametrize(
    ("argv", "message", "code"),
    [
        (["--doc", "green_card"], "unknown document id 'green_card'", "rules.unknown_document"),
        (["--doc", "us_passport,expires=2026-02-30"], "is not a real date", "rules.invalid_date"),
        (
            ["--doc", "us_passport,expires=30/01/2026"],
            "is not a date (use YYYY-MM-DD)",
            "rules.invalid_date",
        ),
        (
            ["--doc", "us_passport,colour=blue"],
            "unknown attribute 'colour'",
            "rules.invalid_document_spec",
        ),
        (
            ["--doc", "pay_stub,nyc_address=maybe"],
            "nyc_address must be yes or no",
            "rules.invalid_document_spec",
        ),
        (["--doc", "pay_stub,dated"], "must be a single key=value", "rules.invalid_document_spec"),
        (["--doc", "pay_stub,zip="], "zip needs a value", "rules.invalid_document_spec"),
        (["--doc", ",dated=2026-01-01"], "start with a document id", "rules.invalid_document_spec"),
        (["--agency-verified", "fbi"], "unknown agency verification 'fbi'", "rules.unknown_agency"),
    ],
)
def test_check_bad_input_is_one_line_on_stderr(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str, code: str
) -> None:
    status, out, err = run(capsys, *BASE, *argv, "--json")
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert message in err
    assert err.rstrip().endswith(f"[{code}]")
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--today", "2026-13-01", "--today: '2026-13-01' is not a real date"),
        ("--dob", "yesterday", "--dob: 'yesterday' is not a date"),
        ("--dob", "2027-01-01", "is after today"),
    ],
)
def test_check_bad_dates(
    capsys: pytest.CaptureFixture[str], option: str, value: str, message: str
) -> None:
    argv = list(BASE)
    argv[argv.index(option) + 1] = value
    status, _, err = run(capsys, *argv, "--json")
    assert status == 2
    assert message in err


def test_malformed_program_file_names_file_key_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(
        MINIMAL.replace("identity_points = 3\nhas_photo", 'identity_points = "three"\nhas_photo')
    )
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if '"three"' in text)
    argv = [
        "rules",
        "check",
        "--program",
        str(path),
        "--today",
        "2026-11-23",
        "--dob",
        "1990-01-01",
    ]
    status, out, err = run(capsys, *argv, "--json")
    assert (status, out) == (2, "")
    assert err == (
        f"kiosk: program file broken.toml, line {line} at document[0].identity_points:"
        " must be a whole number [rules.invalid_program]\n"
    )
    status, _, err = run(capsys, "rules", "list", "--program", "nowhere")
    assert status == 2 and "unknown program 'nowhere'" in err


def test_list_programs(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_json(capsys, "rules", "list")
    assert [p["id"] for p in result["programs"]] == ["idnyc", "newburgh", "sf_city_id"]  # type: ignore[attr-defined, index]
    status, out, _ = run(capsys, "rules", "list")
    assert status == 0 and out.startswith("idnyc\t")


def test_list_one_program_json(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_json(capsys, "rules", "list", "--program", "idnyc")
    program = result["program"]
    assert isinstance(program, dict)
    assert program["id"] == "idnyc" and len(program["content_hash"]) == 64
    documents = {d["id"]: d for d in result["documents"]}  # type: ignore[attr-defined]
    assert documents["us_passport"]["needs"] == ["expires"]
    assert documents["utility_cable_phone_bill"]["needs"] == ["dated", "nyc_address"]
    assert documents["residential_lease"]["needs"] == ["expires", "nyc_address"]
    assert documents["us_birth_certificate"]["needs"] == []
    assert [p["kind"] for p in result["paths"]] == [  # type: ignore[attr-defined]
        "single_document",
        "threshold",
        "caretaker",
        "agency",
    ]
    assert {"id": "probation", "name": "NYC Department of Probation verification"} in result[
        "agency_verifications"
    ]  # type: ignore[operator]
    relationships = result["relationship_documents"]
    assert isinstance(relationships, list) and len(relationships) == 15


def test_list_one_program_text(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "rules", "list", "--program", "idnyc")
    assert status == 0
    assert "us_passport\t3\t0\tyes\tyes\texpires\tU.S. Passport" in out
    assert "agency verifications (--agency-verified):" in out
    status, out, _ = run(capsys, "rules", "list", "--program", "sf_city_id")
    assert "caretaker relationship documents" not in out
    assert "consular_id_card\tprimary\t0\tyes\tyes\texpires\t" in out


def test_parse_document_keeps_every_attribute() -> None:
    parsed = parse_document(
        "pay_stub, dated=2026-11-01, nyc_address=no, zip=11368, photo=yes, dob=no"
    )
    assert (parsed.id, parsed.dated.isoformat() if parsed.dated else None) == (
        "pay_stub",
        "2026-11-01",
    )
    assert (parsed.local_address, parsed.postal_code, parsed.photo, parsed.dob) == (
        False,
        "11368",
        True,
        False,
    )


def test_help_documents_the_caretaker_and_agency_flags(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["rules", "check", "--help"])
    out = capsys.readouterr().out
    for flag in ("--caretaker-doc", "--caretaker-attests", "--agency-verified", "--today"):
        assert flag in out


def test_installed_console_script() -> None:
    kiosk = Path(sys.executable).parent / "kiosk"
    argv = [str(kiosk), *BASE, "--doc", "us_passport,expires=2030-01-01", "--json"]
    done = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result) == CONTRACT_KEYS
    assert result["eligible"] is False
    bad = subprocess.run(
        [str(kiosk), *BASE, "--doc", "nope", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
