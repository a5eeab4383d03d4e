"""Make the bundled Chinese and Korean fonts: OFL Noto Sans CJK cut to the characters we need.

Whole Noto Sans CJK is ~19 MB per weight; the subsets keep GB 2312 (Simplified Chinese, 6,763
hanzi) and all 11,172 modern Hangul syllables, plus every character the zh_Hans and ko
catalogues use, so every translated text and nearly every name renders from the bundle.

Run from the checkout root after `apt-get install fonts-noto-cjk` (Debian) and
`pip install -e .[dev]` (fontTools):  python scripts/subset_cjk_fonts.py
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset  # type: ignore[import-untyped]
from fontTools.ttLib import TTCollection  # type: ignore[import-untyped]

SOURCE = Path("/usr/share/fonts/opentype/noto")
# Index in NotoSansCJK-*.ttc: JP, KR, SC, TC, HK.
FACES = {"SC": 2, "KR": 1}
ASCII = set(range(0x20, 0x7F))
PUNCTUATION = set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0)) | set(range(0x2000, 0x2070))


def gb2312() -> set[int]:
    found: set[int] = set()
    for first in range(0xA1, 0xF8):
        for second in range(0xA1, 0xFF):
            try:
                found.update(map(ord, bytes([first, second]).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return found


def hangul() -> set[int]:
    syllables = set(range(0xAC00, 0xD7A4))
    compatibility_jamo = set(range(0x3130, 0x3190))
    return syllables | compatibility_jamo


def catalogue_chars(locale_dir: Path, code: str) -> set[int]:
    po = locale_dir / code / "LC_MESSAGES" / "kiosk.po"
    return set(map(ord, po.read_text(encoding="utf-8"))) if po.exists() else set()


def make(weight: str, face: str, unicodes: set[int], out_dir: Path) -> Path:
    collection = TTCollection(str(SOURCE / f"NotoSansCJK-{weight}.ttc"))
    font = collection.fonts[FACES[face]]
    options = subset.Options()
    options.layout_features = ["*"]  # vertical forms, locl and kerning stay usable
    options.hinting = False  # Qt and FreeType autohint CJK well; hints are a third of the size
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(unicodes))
    subsetter.subset(font)
    target = out_dir / f"NotoSans{face}-{weight}.subset.otf"
    font.save(str(target))
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd())
    args = parser.parse_args()
    locale_dir = args.root / "assets" / "locale"
    out_dir = args.root / "assets" / "fonts"
    common = ASCII | PUNCTUATION
    wanted = {
        "SC": common | gb2312() | catalogue_chars(locale_dir, "zh_Hans"),
        "KR": common | hangul() | catalogue_chars(locale_dir, "ko"),
    }
    for face, unicodes in wanted.items():
        for weight in ("Regular", "Bold"):
            path = make(weight, face, unicodes, out_dir)
            print(f"{path.name}\t{path.stat().st_size // 1024} KiB")  # noqa: T201 - a build tool
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
