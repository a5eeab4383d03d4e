"""Shared fixtures: one font library (loading fonts is the slow part) and a synthetic photo."""

from __future__ import annotations

import builtins
import io
import os
import tempfile
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PIL import Image, ImageDraw

from kiosk.documents import AddressKind, CardAddress, CardFields, FontLibrary, ReceiptFields


@pytest.fixture(scope="session")
def fonts() -> FontLibrary:
    return FontLibrary.discover()


@pytest.fixture(scope="session")
def photo_jpeg() -> bytes:
    image = Image.new("RGB", (480, 640), (180, 200, 220))
    draw = ImageDraw.Draw(image)
    draw.ellipse((140, 140, 340, 400), fill=(224, 172, 140))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


@pytest.fixture
def card(photo_jpeg: bytes) -> CardFields:
    return CardFields(
        family_name="Rodríguez Hernández",
        given_names="María José",
        dob=date(1990, 2, 14),
        expiry=date(2031, 11, 23),
        address=CardAddress(AddressKind.HOME, ("123 Main Street, Apt 4B", "Brooklyn, NY 11201")),
        preferred_language="es",
        program_name="IDNYC - New York City Identity Card",
        photo_jpeg=photo_jpeg,
    )


@pytest.fixture
def receipt() -> ReceiptFields:
    return ReceiptFields(
        application_number="NYC-2026-4F7K-9Q2M",
        submitted=date(2026, 11, 23),
        site="Queens Public Library - Flushing",
        program_name="IDNYC - New York City Identity Card",
        program_contact=("Call 311 (ask for IDNYC)", "nyc.gov/idnyc"),
        given_name="María",
    )


_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


@pytest.fixture
def no_disk_writes(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[list[str]]:
    """Fail any attempt to open a file for writing or make a temp file; reading fonts is fine."""
    attempts: list[str] = []
    # A private temp dir (the shared /tmp changes under other processes' feet).
    private_tmp = tmp_path_factory.mktemp("render-tmp")
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    real_open, real_os_open = builtins.open, os.open

    def guarded_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(flag in mode for flag in "wax+"):
            attempts.append(f"open({file!r}, {mode!r})")
            raise AssertionError(f"rendering tried to write {file!r}")
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & _WRITE_FLAGS:
            attempts.append(f"os.open({path!r})")
            raise AssertionError(f"rendering tried to write {path!r}")
        return real_os_open(path, flags, *args, **kwargs)

    def no_temp(*args: Any, **kwargs: Any) -> Any:
        attempts.append("tempfile")
        raise AssertionError("rendering tried to make a temporary file")

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)
    for name in (
        "mkstemp",
        "mkdtemp",
        "NamedTemporaryFile",
        "TemporaryFile",
        "SpooledTemporaryFile",
    ):
        monkeypatch.setattr(tempfile, name, no_temp)
    yield attempts
    assert list(private_tmp.iterdir()) == []
