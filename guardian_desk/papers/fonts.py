"""The bundled Noto fonts for the papers: registration once, and which font draws which script.

reportlab has no font fallback: a name written in Arabic, Ethiopic or Bengali script needs its
own font, and a name that mixes scripts needs several. `family_for` picks a family per character;
`text.py` groups characters into runs of one family.

Glyphs come from HarfBuzz (shaping.py), and many of them (joined Arabic letter forms, Bengali
conjuncts) have no character of their own in the font. `ShapedFont` gives each such glyph a
private code and writes a ToUnicode map that turns it back into the letters it stands for, so
that copying, searching and pdftotext give the real names.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uharfbuzz
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

from guardian_desk.paths import resources_dir

SANS = "sans"
ARABIC = "arabic"
ETHIOPIC = "ethiopic"
BENGALI = "bengali"

_FILES = {
    SANS: ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    ARABIC: ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
    ETHIOPIC: ("NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf"),
    BENGALI: ("NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf"),
}
_FALLBACK_ORDER = (SANS, ARABIC, ETHIOPIC, BENGALI)
# Noto Naskh's letters are small beside Noto Sans at the same size: draw them larger.
_SCALES = {ARABIC: 1.2}

# Code point blocks of each script (Unicode Blocks.txt).
_BLOCKS: tuple[tuple[int, int, str], ...] = (
    (0x0600, 0x06FF, ARABIC),
    (0x0750, 0x077F, ARABIC),
    (0x0870, 0x08FF, ARABIC),
    (0xFB50, 0xFDFF, ARABIC),
    (0xFE70, 0xFEFF, ARABIC),
    (0x0980, 0x09FF, BENGALI),
    (0x1200, 0x139F, ETHIOPIC),
    (0x2D80, 0x2DDF, ETHIOPIC),
    (0xAB00, 0xAB2F, ETHIOPIC),
)
ARROW = "\u2192"  # no bundled font has it: shaping.py draws it from Noto Sans' own glyphs
_FIRST_PRIVATE_CODE = 0xF0000  # Supplementary Private Use Area-A: no font here maps it


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


class ShapedFont(TTFont):
    """A TrueType font drawn from HarfBuzz glyphs, with text extraction that still works."""

    def __init__(self, name: str, path: Path) -> None:
        super().__init__(name, str(path), shapable=True)
        face = uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(path)))
        self.hb_font = uharfbuzz.Font(face)
        self.units_per_em = face.upem
        self._private_text: dict[int, str] = {}
        self._private_codes: dict[tuple[int, str, int], int] = {}
        self._lock = threading.Lock()

    def code_for(self, glyph: int, text: str, width: int) -> int:
        """The character code that draws `glyph`, declares `width` and reads back as `text`.

        A glyph that is simply the font's own glyph for a single character keeps that character;
        any other glyph gets a private code (one per glyph, text and declared width).
        """
        face: Any = self.face
        if len(text) == 1:
            natural = ord(text)
            if face.charToGlyph.get(natural) == glyph and face.charWidths.get(natural) == width:
                return natural
        key = (glyph, text, width)
        code = self._private_codes.get(key)
        if code is None:
            with self._lock:
                code = _FIRST_PRIVATE_CODE + len(self._private_codes)
                face.charToGlyph[code] = glyph
                face.charWidths[code] = width
                self._private_text[code] = text
                self._private_codes[key] = code
        return code

    def natural_width(self, code: int) -> int:
        widths: Any = self.face.charWidths
        return int(widths.get(code, 0))

    def addObjects(self, doc: Any) -> None:
        """As reportlab's, then rewrite each subset's ToUnicode map with the private codes' text."""
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)
        face: Any = self.face
        for n, subset in enumerate(subsets):
            base_name = b"".join((SUBSETN(n), b"+", face.name, face.subfontNameX)).decode("pdfdoc")
            stream = doc.idToObject.get("toUnicodeCMap:" + base_name)
            if stream is not None:
                stream.content = _to_unicode_cmap(base_name, subset, self._private_text)


def _to_unicode_cmap(name: str, subset: list[int], private_text: dict[int, str]) -> str:
    entries = []
    for index, code in enumerate(subset):
        text = private_text.get(code, chr(code)) if code else ""
        if text:  # the second glyph of a two-part vowel reads as nothing
            entries.append(f"<{index:02X}> <{text.encode('utf-16-be').hex().upper()}>")
    chunks = [entries[i : i + 100] for i in range(0, len(entries), 100)]  # at most 100 per block
    body = []
    for chunk in chunks:
        body += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            f"/CMapName /{name} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            "<00> <FF>",
            "endcodespacerange",
            *body,
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


@dataclass(frozen=True)
class FontSet:
    """The registered fonts, by (family, bold)."""

    fonts: dict[tuple[str, bool], ShapedFont]

    def font(self, family: str, bold: bool = False) -> ShapedFont:
        return self.fonts[(family, bold)]


def font_name(family: str, bold: bool = False) -> str:
    """The name a bundled font is registered under with reportlab."""
    return f"GuardianDesk-{family}-{'bold' if bold else 'regular'}"


# What stands in for reportlab's default font (base-14 Helvetica, never embedded) where it
# would otherwise name one: a page's first font, a table cell's.
BASE_FONT = font_name(SANS)

_registered: FontSet | None = None
_register_lock = threading.Lock()


def register_fonts() -> FontSet:
    """Register the bundled fonts with reportlab, once per process; later calls are free."""
    global _registered
    if _registered is not None:
        return _registered
    with _register_lock:
        if _registered is None:
            folder = fonts_dir()
            fonts: dict[tuple[str, bool], ShapedFont] = {}
            for family, files in _FILES.items():
                for bold, file_name in zip((False, True), files, strict=True):
                    font = ShapedFont(font_name(family, bold), folder / file_name)
                    pdfmetrics.registerFont(font)
                    fonts[(family, bold)] = font
            _registered = FontSet(fonts)
    return _registered


def family_scale(family: str) -> float:
    """How much larger than the paragraph's size a family is drawn, to look the same size."""
    return _SCALES.get(family, 1.0)


_script_cache: dict[str, str | None] = {}


def script_family(char: str) -> str | None:
    """The family a character's script asks for; None for characters every script shares."""
    try:
        return _script_cache[char]
    except KeyError:
        family = _script_cache[char] = _script_family(char)
        return family


def _script_family(char: str) -> str | None:
    code = ord(char)
    for first, last, family in _BLOCKS:
        if first <= code <= last:
            return family
    if char.isalpha():
        return SANS
    return None


_coverage_cache: dict[str, str] = {}


def covering_family(char: str, preferred: str) -> str:
    """`preferred` if its font has the character, else the first bundled font that has it."""
    if char == ARROW:
        return SANS
    key = preferred + char
    found = _coverage_cache.get(key)
    if found is not None:
        return found
    fonts = register_fonts()
    code = ord(char)
    found = preferred
    regular: Any = fonts.font(preferred).face
    if code not in regular.charToGlyph:
        for family in _FALLBACK_ORDER:
            face: Any = fonts.font(family).face
            if code in face.charToGlyph:
                found = family
                break
    _coverage_cache[key] = found
    return found
