"""docs/protocol.md carries the intake's OpenAPI schema; it must match the app."""

from __future__ import annotations

import json
from pathlib import Path

from kiosk.intake.app import create_app

DOC = Path(__file__).resolve().parents[3] / "docs" / "protocol.md"


def test_the_documented_openapi_schema_is_current() -> None:
    text = DOC.read_text(encoding="utf-8")
    block = text.split("## OpenAPI", 1)[1].split("```json\n", 1)[1].split("```", 1)[0]
    assert json.loads(block) == create_app(None).openapi()  # type: ignore[arg-type]
