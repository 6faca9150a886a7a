"""What the PDF handler needs from a font: how a shown string splits into glyphs, the Unicode text
of each glyph, and its width (for positions, boxes and the kerning that keeps a line in place).

Built on pypdf's own font parsing (``_cmap.get_encoding`` and ``Font.from_font_resource``), which
are private: pyproject pins pypdf's minor version and the PDF leak tests run in CI.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from pypdf._cmap import get_encoding
from pypdf.generic._font import Font

_TWO_BYTE_CMAPS = ("/Identity-H", "/Identity-V")


@dataclass
class GlyphCode:
    start: int  # byte offset in the shown string
    end: int
    text: str | None  # None: no usable Unicode mapping
    width: float  # in glyph space (thousandths of text space for all but Type3 fonts)
    is_space: bool  # single-byte code 32, which also takes the word spacing


@dataclass
class FontInfo:
    name: str
    two_byte: bool = False
    ucs2: bool = False  # a predefined UCS-2 CMap: the code is the Unicode value
    scale: float = 0.001  # glyph space to text space
    widths: dict[int, float] = field(default_factory=dict)
    default_width: float = 500.0
    to_unicode: dict[int, str] = field(default_factory=dict)
    encoding: dict[int, str] = field(default_factory=dict)
    ascent: float = 0.75
    descent: float = -0.21
    usable: bool = True

    def glyphs(self, data: bytes) -> list[GlyphCode]:
        out = []
        step = 2 if self.two_byte else 1
        for i in range(0, len(data) - step + 1, step):
            code = int.from_bytes(data[i:i + step], "big")
            out.append(GlyphCode(i, i + step, self._unicode(code), self.widths.get(code, self.default_width),
                                 step == 1 and code == 32))
        return out

    def _unicode(self, code: int) -> str | None:
        text = self.to_unicode.get(code)
        if not _readable(text) and not self.two_byte:
            text = self.encoding.get(code)
        if not _readable(text) and self.ucs2:
            text = chr(code)
        return text if self.usable and _readable(text) else None


def _readable(text: str | None) -> bool:
    if not text:
        return False
    return not all(unicodedata.category(c) in ("Cc", "Co", "Cn", "Cs") and c not in "\t\n\r" or c == "\ufffd"
                   for c in text)


def font_info(font: Any) -> FontInfo:
    """Read a font dictionary. Never raises: a font pypdf cannot parse is returned unusable."""
    name = str(font.get("/BaseFont", "unknown")).lstrip("/") if hasattr(font, "get") else "unknown"
    try:
        encoding, to_unicode = get_encoding(font)
        parsed = Font.from_font_resource(font)
    except Exception:  # noqa: BLE001 - a malformed font makes its glyphs unreadable, not the file
        return FontInfo(name=name, usable=False)
    info = FontInfo(name=name, usable=parsed.interpretable)
    subtype = font.get("/Subtype")
    if subtype == "/Type0":
        cmap = font.get("/Encoding")
        info.two_byte = True
        if isinstance(cmap, str):
            info.ucs2 = "UCS2" in cmap or "UTF16" in cmap
            info.usable = info.usable and (cmap in _TWO_BYTE_CMAPS or info.ucs2 or bool(to_unicode))
    elif subtype == "/Type3":
        matrix = font.get("/FontMatrix")
        try:
            info.scale = float(matrix[0])
        except (TypeError, ValueError, IndexError):
            info.scale = 0.001
    for key, value in to_unicode.items():
        if isinstance(key, str) and len(key) == 1:
            info.to_unicode[ord(key)] = value
    if isinstance(encoding, dict):
        info.encoding = {k: v for k, v in encoding.items() if isinstance(k, int)}
    for key, value in parsed.character_widths.items():
        if key == "default":
            info.default_width = float(value or 500)
        elif isinstance(key, str) and len(key) == 1 and isinstance(value, (int, float)):
            info.widths[ord(key)] = float(value)
    descriptor = parsed.font_descriptor
    if subtype != "/Type3" and 500 <= descriptor.ascent <= 1200:
        info.ascent = descriptor.ascent / 1000
    if subtype != "/Type3" and -500 <= descriptor.descent <= 0:
        info.descent = descriptor.descent / 1000
    return info
