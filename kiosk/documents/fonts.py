"""Font choice for any script: bundled Noto fonts first, system CJK fonts as a fallback.

Chinese and Korean come from bundled subsets of Noto Sans CJK (scripts/subset_cjk_fonts.py:
GB 2312 and all Hangul syllables); a rarer character falls through to an installed system CJK
font, and without one it is drawn as a box and a warning says so.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from PIL import ImageFont, features

from kiosk.documents.cmap import codepoints
from kiosk.documents.errors import FontError
from kiosk.paths import assets_dir

log = logging.getLogger("kiosk.documents")


@dataclass(frozen=True, slots=True)
class Face:
    path: Path
    index: int = 0


@dataclass(frozen=True, slots=True)
class Family:
    """One script's font: `bold` may be missing (the regular face is used, never a fake bold)."""

    name: str
    regular: Face
    bold: Face | None = None


BUNDLED: Final[dict[str, tuple[str, str]]] = {
    "latin": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    "arabic": ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    "urdu": ("NotoNastaliqUrdu-Regular.ttf", "NotoNastaliqUrdu-Bold.ttf"),
    "bengali": ("NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf"),
    "han": ("NotoSansSC-Regular.subset.otf", "NotoSansSC-Bold.subset.otf"),
    "hangul": ("NotoSansKR-Regular.subset.otf", "NotoSansKR-Bold.subset.otf"),
}
_NOTO_CJK: Final = "/usr/share/fonts/opentype/noto/NotoSansCJK-{}.ttc"
# (regular, bold, index) per platform; Noto CJK's collection holds JP, KR, SC, TC, HK in order.
SYSTEM: Final[dict[str, tuple[tuple[str, str | None, int], ...]]] = {
    "han": (
        (_NOTO_CJK.format("Regular"), _NOTO_CJK.format("Bold"), 2),
        ("C:/Windows/Fonts/msyh.ttc", "C:/Windows/Fonts/msyhbd.ttc", 0),
        ("/System/Library/Fonts/PingFang.ttc", None, 0),
        ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", None, 0),
    ),
    "hangul": (
        (_NOTO_CJK.format("Regular"), _NOTO_CJK.format("Bold"), 1),
        ("C:/Windows/Fonts/malgun.ttf", "C:/Windows/Fonts/malgunbd.ttf", 0),
        ("/System/Library/Fonts/AppleSDGothicNeo.ttc", None, 0),
    ),
}
# Which family to try first for a language's script hint (see kiosk.i18n.languages).
PREFERRED: Final[dict[str, tuple[str, ...]]] = {
    "han": ("han", "han-system", "hangul", "hangul-system"),
    "hangul": ("hangul", "hangul-system", "han", "han-system"),
    "arabic": ("arabic", "urdu"),
    "urdu": ("urdu", "arabic"),
    "bengali": ("bengali",),
    "cyrillic": ("latin",),
}
# Nastaliq letters are small for their point size: at the same size as the Latin text beside
# them, labels would be hard to read.
SCALE: Final[dict[str, float]] = {"urdu": 1.2}
# Never worth a warning: spacing, joiners and direction marks draw nothing.
_INVISIBLE: Final = frozenset(" \t\u00a0\u200b\u200c\u200d\u200e\u200f\u2060\ufeff")


def bundled_fonts_dir() -> Path:
    return assets_dir() / "fonts"


def script_of(char: str) -> str:
    """A readable script name for warnings ("HANGUL", "CJK", "DEVANAGARI"): never the text."""
    return unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]


class FontLibrary:
    """The fonts a renderer may use, with their coverage; loaded faces are cached per instance.

    Not shared between threads: FreeType faces are not safe to draw with concurrently, so the
    worker that renders documents owns its library (the composition root builds one per worker).
    """

    def __init__(self, families: Sequence[Family]) -> None:
        self.families: Final = tuple(families)
        self._by_name: Final = {family.name: family for family in self.families}
        self._coverage: dict[str, frozenset[int]] = {}
        self._loaded: dict[tuple[str, int, bool], ImageFont.FreeTypeFont] = {}
        self.shaping: Final = features.check_feature("raqm")
        self.bidi: Final = self.shaping and bool(features.check_feature("fribidi"))

    @classmethod
    def discover(
        cls,
        fonts_dir: Path | None = None,
        system: Mapping[str, Iterable[tuple[str, str | None, int]]] | None = None,
    ) -> FontLibrary:
        """Bundled fonts from assets/fonts, then the first installed system font per CJK script."""
        directory = fonts_dir or bundled_fonts_dir()
        families: list[Family] = []
        for name, (regular, bold) in BUNDLED.items():
            if (directory / regular).is_file():
                bold_face = Face(directory / bold) if (directory / bold).is_file() else None
                families.append(Family(name, Face(directory / regular), bold_face))
        for script, candidates in (SYSTEM if system is None else system).items():
            # The whole system font covers characters the bundled subset leaves out.
            taken = any(f.name == script for f in families)
            name = f"{script}-system" if taken else script
            for regular_path, bold_path, index in candidates:
                if Path(regular_path).is_file():
                    bold_face = (
                        Face(Path(bold_path), index)
                        if bold_path and Path(bold_path).is_file()
                        else None
                    )
                    families.append(Family(name, Face(Path(regular_path), index), bold_face))
                    break
        return cls(families)

    def names(self) -> tuple[str, ...]:
        return tuple(family.name for family in self.families)

    def order(self, script: str | None) -> list[str]:
        """Family names to try for text in a language whose script hint is `script`."""
        first = [
            n for n in PREFERRED.get(script or "latin", (script or "latin",)) if n in self._by_name
        ]
        rest = [n for n in ("latin", *self._by_name) if n in self._by_name and n not in first]
        return list(dict.fromkeys(first + rest))

    def covers(self, family: str, char: str) -> bool:
        if char in _INVISIBLE:
            return True
        if family not in self._coverage:
            face = self._by_name[family].regular
            try:
                self._coverage[family] = codepoints(face.path, face.index)
            except FontError as error:
                log.warning("font %s unusable: %s", face.path.name, error.message)
                self._coverage[family] = frozenset()
        return ord(char) in self._coverage[family]

    def font(self, family: str, size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
        key = (family, size, bold)
        if key not in self._loaded:
            spec = self._by_name[family]
            face = (spec.bold or spec.regular) if bold else spec.regular
            engine = ImageFont.Layout.RAQM if self.shaping else ImageFont.Layout.BASIC
            scaled = round(size * SCALE.get(family, 1.0))
            self._loaded[key] = ImageFont.truetype(
                str(face.path), scaled, index=face.index, layout_engine=engine
            )
        return self._loaded[key]

    def fallback_font(self, size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
        """Something that draws even with no font files at all (boxes for what it lacks)."""
        if self.families:
            return self.font(self.families[0].name, size, bold=bold)
        default = ImageFont.load_default(size)
        if not isinstance(default, ImageFont.FreeTypeFont):
            raise FontError("no fonts: assets/fonts is missing and Pillow has no FreeType")
        return default
