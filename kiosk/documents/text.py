"""Line layout for any script: font runs, right-to-left placement and wrapping, with a record of
where each line went so tests (and people) can check alignment."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final, Literal

from PIL import ImageDraw, ImageFont

from kiosk.documents.fonts import FontLibrary, script_of

Align = Literal["start", "end", "center"]
_RTL_CLASSES: Final = frozenset({"R", "AL"})
_STRONG: Final = frozenset({"L", "R", "AL"})
_TRAILING_NEUTRALS: Final = " \t\u00a0([{\u2013\u2014-/,:;"
# Han, kana and full-width forms break anywhere; closing punctuation stays with what it closes.
_TOKEN: Final = re.compile(
    r"\s+|[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef][\u3001\u3002\uff0c\uff1a\uff1b\uff01\uff1f\uff09\u300b\u300d\u300f]*"
    r"|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+"
)


@dataclass(frozen=True, slots=True)
class Run:
    """Consecutive characters drawn with one font in one direction."""

    text: str
    family: str | None
    rtl: bool
    width: float


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    runs: tuple[Run, ...]
    size: int
    bold: bool
    width: float
    ascent: int
    descent: int

    @property
    def height(self) -> int:
        return self.ascent + self.descent


@dataclass(frozen=True, slots=True)
class Placed:
    """Where a line was drawn: the layout record the tests read."""

    text: str
    left: float
    right: float
    top: float
    bottom: float
    align: Literal["left", "right", "center"]
    rtl: bool


class Typesetter:
    """Lays out and draws lines for one document in one language.

    Created per render; `warnings` collects what the operator should know (a script without a
    font, no right-to-left support) in words that never repeat the applicant's text.
    """

    def __init__(self, fonts: FontLibrary, *, rtl: bool, script: str | None) -> None:
        self.fonts = fonts
        self.rtl = rtl
        self._order = fonts.order(script)
        self.warnings: list[str] = []
        self.placed: list[Placed] = []

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def _family_for(self, char: str, current: str | None) -> str | None:
        if current is not None and self.fonts.covers(current, char):
            return current
        for family in self._order:
            if self.fonts.covers(family, char):
                return family
        if not unicodedata.category(char).startswith(("Z", "C")):
            self._warn(f"no font for {script_of(char)} characters: they show as boxes")
        return current or (self._order[0] if self._order else None)

    def _direction(self, font: ImageFont.FreeTypeFont, rtl: bool) -> str | None:
        # Pillow refuses a direction without libraqm (and its built-in font never has it).
        if self.fonts.bidi and font.layout_engine == ImageFont.Layout.RAQM:
            return "rtl" if rtl else "ltr"
        return None

    def _measure(self, text: str, family: str | None, size: int, bold: bool, rtl: bool) -> float:
        font = self._font(family, size, bold)
        return float(font.getlength(text, direction=self._direction(font, rtl)))

    def _font(self, family: str | None, size: int, bold: bool) -> ImageFont.FreeTypeFont:
        if family is None:
            return self.fonts.fallback_font(size, bold=bold)
        return self.fonts.font(family, size, bold=bold)

    def shape(self, text: str, size: int, *, bold: bool = False) -> Line:
        """Split `text` into font runs and measure it (no drawing)."""
        pieces: list[tuple[str, str | None]] = []
        # Leading digits and punctuation take the font of the first letter, not the language's
        # own font: "123 Main Street" in an Urdu document is drawn in the Latin font throughout.
        first_letter = next((c for c in text if unicodedata.bidirectional(c) in _STRONG), None)
        current = self._family_for(first_letter, None) if first_letter else None
        for char in text:
            family = self._family_for(char, current)
            if pieces and family == pieces[-1][1]:
                pieces[-1] = (pieces[-1][0] + char, family)
            else:
                pieces.append((char, family))
            current = family
        runs = []
        for chunk, family in pieces:
            rtl = any(unicodedata.bidirectional(c) in _RTL_CLASSES for c in chunk)
            if rtl and not self.fonts.bidi:
                self._warn("right-to-left text is drawn unordered: libraqm/fribidi is missing")
            if not self.fonts.shaping and any(unicodedata.category(c)[0] == "M" for c in chunk):
                self._warn("complex scripts are drawn unshaped: libraqm is missing")
            # Spaces and brackets between runs of opposite directions follow the paragraph
            # (Unicode's rule for neutrals): "العربية (Arabic)" keeps its space and bracket
            # between the two words instead of at the far side of the Arabic one.
            body = chunk.rstrip(_TRAILING_NEUTRALS) if rtl != self.rtl else chunk
            tail = chunk[len(body) :]
            for part, part_rtl in ((body, rtl), (tail, self.rtl)):
                if part:
                    width = self._measure(part, family, size, bold, part_rtl)
                    runs.append(Run(part, family, part_rtl, width))
        # Line height from the ink, not the font's metrics: Arabic and Nastaliq fonts reserve
        # far more room than their letters use, which would push a card's fields off the card.
        ascent, descent = round(0.8 * size), round(0.25 * size)
        for run in runs:
            if run.text.strip():
                box = self._font(run.family, size, bold).getbbox(run.text, anchor="ls")
                ascent, descent = max(ascent, -round(box[1])), max(descent, round(box[3]))
        return Line(
            text=text,
            runs=tuple(runs),
            size=size,
            bold=bold,
            width=sum(r.width for r in runs),
            ascent=ascent + round(0.1 * size),
            descent=descent + round(0.1 * size),
        )

    def wrap(self, text: str, size: int, max_width: float, *, bold: bool = False) -> list[Line]:
        """Greedy line breaking at spaces (and between Han characters)."""
        lines: list[Line] = []
        for paragraph in text.split("\n"):
            current = ""
            for token in _TOKEN.findall(paragraph):
                candidate = current + token
                if (
                    not current.strip()
                    or self.shape(candidate.rstrip(), size, bold=bold).width <= max_width
                ):
                    current = candidate
                else:
                    lines.append(self.shape(current.strip(), size, bold=bold))
                    current = token.lstrip()
            lines.append(self.shape(current.strip(), size, bold=bold))
        return lines

    def draw(
        self,
        draw: ImageDraw.ImageDraw,
        line: Line,
        *,
        left: float,
        right: float,
        top: float,
        align: Align = "start",
        fill: str | tuple[int, int, int] = (0, 0, 0),
    ) -> Placed:
        """Draw `line` between `left` and `right`; "start" is the right edge in RTL documents."""
        side: Literal["left", "right", "center"]
        if align == "center":
            side = "center"
        elif (align == "start") != self.rtl:
            side = "left"
        else:
            side = "right"
        if side == "left":
            x0 = left
        elif side == "right":
            x0 = right - line.width
        else:
            x0 = left + (right - left - line.width) / 2
        baseline = top + line.ascent
        # RTL documents put the first logical run on the right.
        runs = reversed(line.runs) if self.rtl else iter(line.runs)
        x = x0
        for run in runs:
            font = self._font(run.family, line.size, line.bold)
            draw.text(
                (x, baseline),
                run.text,
                font=font,
                fill=fill,
                anchor="ls",
                direction=self._direction(font, run.rtl),
            )
            x += run.width
        placed = Placed(line.text, x0, x0 + line.width, top, top + line.height, side, self.rtl)
        self.placed.append(placed)
        return placed
