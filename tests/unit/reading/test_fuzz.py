"""Fuzzing both parsers and the wedge front end: any input ends in a result or a clean error."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.reading.aamva import parse_aamva
from kiosk.reading.errors import MalformedPayload
from kiosk.reading.models import ReadResult
from kiosk.reading.mrz import parse_mrz
from kiosk.reading.mrz_ocr import OcrLine, mrz_from_lines
from kiosk.reading.wedge import read_text

from .conftest import TODAY
from .fixtures import SAMPLE_ELEMENTS, TD1_SPECIMEN, TD3_SPECIMEN, aamva_payload

MRZ_CHARS = st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<<<")
PAYLOAD = aamva_payload(SAMPLE_ELEMENTS)


def _check(call: object) -> None:
    try:
        result = call()  # type: ignore[operator]
    except MalformedPayload as error:
        assert error.code.startswith("reading.")
        return
    assert result is None or isinstance(result, ReadResult)
    if isinstance(result, ReadResult):
        result.to_json()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(MRZ_CHARS, min_size=28, max_size=46), min_size=1, max_size=3))
def test_mrz_lines_of_any_shape(lines: list[str]) -> None:
    _check(lambda: parse_mrz(lines, today=TODAY))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_mrz_specimens_with_random_damage(data: st.DataObject) -> None:
    lines = list(data.draw(st.sampled_from([TD1_SPECIMEN, TD3_SPECIMEN])))
    row = data.draw(st.integers(0, len(lines) - 1))
    col = data.draw(st.integers(0, len(lines[row]) - 1))
    lines[row] = lines[row][:col] + data.draw(MRZ_CHARS) + lines[row][col + 1 :]
    _check(lambda: parse_mrz(lines, today=TODAY))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_through_the_wedge(text: str) -> None:
    _check(lambda: read_text(text, today=TODAY))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_aamva_payload_with_random_damage(data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(PAYLOAD)))
    end = data.draw(st.integers(start, min(len(PAYLOAD), start + 30)))
    junk = data.draw(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=20))
    _check(lambda: parse_aamva(PAYLOAD[:start] + junk + PAYLOAD[end:]))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=300))
def test_aamva_header_then_anything(tail: str) -> None:
    _check(lambda: parse_aamva("@\n\x1e\rANSI 636000100102" + tail))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=50), st.floats(-1e4, 1e4)), max_size=6))
def test_ocr_line_assembly(lines: list[tuple[str, float]]) -> None:
    _check(lambda: mrz_from_lines([OcrLine(t, p) for t, p in lines], today=TODAY))
