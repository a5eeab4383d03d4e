"""Shared fixtures: the bundled programs (loaded once) and a small program file to break."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.rules import Program, load_program


@pytest.fixture(scope="session")
def idnyc() -> Program:
    return load_program("idnyc")


@pytest.fixture(scope="session")
def sf() -> Program:
    return load_program("sf_city_id")


@pytest.fixture(scope="session")
def newburgh() -> Program:
    return load_program("newburgh")


@pytest.fixture
def write_program(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a program file and return its path."""

    def write(text: str, name: str = "mini.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
