"""Closed-world fixtures: one small file per place where CPI can hide, and an independent reader.

Every builder writes one file holding a fake patient's CPI (``Philippa Quarendon``, NHS number
``943 476 5919``) only in its hazard place (and sometimes in the visible body too). The tests run
the real CLI on it and then :func:`assert_no_leak` checks the closed-world property: either the
file was refused (no copy, non-zero exit, one line of output) or the copy holds the CPI nowhere,
as read by the readers below, which share no code with the tool.
"""
from __future__ import annotations

import html
import io
import random
import re
import shutil
import struct
import subprocess
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from lxml import etree

NAME = "Philippa Quarendon"
NHS = "943 476 5919"
#: What must never survive, compared after NFKC, casefold and dropping every non-alphanumeric character.
CPI_WORDS = ("philippa", "quarendon", "9434765919")
BODY_CPI = f"Inspection note. Mrs {NAME}, NHS number {NHS}, was seen on 14 March 2025."
BODY_PLAIN = "Inspection note for Larchfield House, 14 March 2025."
BODY_PLAIN_2 = "The lounge was warm and the call bells were answered promptly."


# --------------------------------------------------------------------------------------------
# The independent reader and the shared assertion
# --------------------------------------------------------------------------------------------

def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def _decodings(where: str, data: bytes, codecs: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    for codec in codecs:
        yield f"{where} ({codec})", data.decode(codec, errors="replace")


def read_txt(path: Path) -> Iterator[tuple[str, str]]:
    data = path.read_bytes()
    codecs = ("utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "latin-1")
    yield from _decodings("bytes", data, codecs)
    for skip in (1, 2, 3):  # a misaligned wide encoding (an odd byte at the start)
        yield from _decodings(f"bytes[{skip}:]", data[skip:], ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))


def read_docx(path: Path) -> Iterator[tuple[str, str]]:
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            yield f"member name {info.filename!r}", info.filename
            data = z.read(info)
            for where, text in _decodings(f"member {info.filename}", data,
                                          ("utf-8", "latin-1", "utf-16-le", "utf-16-be")):
                yield where, text
                if "utf-8" in where:
                    yield where + " after unescaping entities", html.unescape(text)


def _walk_pdf(obj, where: str, reader) -> Iterator[tuple[str, str]]:
    """Every name, string and stream's data under one object (references are not followed: every
    numbered object is walked on its own)."""
    from pypdf.generic import (ArrayObject, ByteStringObject, ContentStream, IndirectObject, NameObject,
                               StreamObject, TextStringObject)
    if isinstance(obj, IndirectObject):
        return
    if isinstance(obj, StreamObject):
        try:
            data = obj.get_data()
        except Exception:  # an unknown filter: the raw data
            data = getattr(obj, "_data", b"") or b""
        yield from _decodings(f"{where} stream data", data, ("latin-1", "utf-8", "utf-16-be", "utf-16-le"))
        if obj.get("/Subtype") != "/Image" and not any(k in obj for k in ("/Length1", "/Length2", "/Length3")):
            try:
                operations = ContentStream(obj, reader).operations
            except Exception:
                operations = []
            for operands, operator in operations:
                yield from _walk_pdf(operands, f"{where} content operator {operator!r}", reader)
    if isinstance(obj, dict):  # DictionaryObject, and pypdf's {"settings", "data"} of an inline image
        for key, value in obj.items():
            yield f"{where} key", str(key)
            yield from _walk_pdf(value, f"{where} {key}", reader)
    elif isinstance(obj, (list, tuple, ArrayObject)):
        for value in obj:
            yield from _walk_pdf(value, where, reader)
    elif isinstance(obj, NameObject):
        yield f"{where} name", str(obj)
    elif isinstance(obj, TextStringObject):
        yield f"{where} string", str(obj)
        yield from _decodings(f"{where} string bytes", obj.get_original_bytes(), ("latin-1", "utf-16-be"))
    elif isinstance(obj, (ByteStringObject, bytes)):
        yield from _decodings(f"{where} bytes", bytes(obj), ("latin-1", "utf-16-be", "utf-8"))


def read_pdf(path: Path) -> Iterator[tuple[str, str]]:
    import logging
    from pypdf import PdfReader
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # free objects, streams that are not content
    data = path.read_bytes()
    yield "raw file bytes", data.decode("latin-1")
    for n, m in enumerate(re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S)):
        try:
            yield f"raw stream {n} inflated", zlib.decompressobj().decompress(m.group(1)).decode("latin-1")
        except zlib.error:
            pass
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            reader.decrypt("")
        size = int(reader.trailer["/Size"])
    except Exception as e:  # pypdf cannot read the copy: the raw bytes above still count
        yield "pypdf could not open the file", type(e).__name__
        reader, size = None, 0
    for i in range(1, size):
        try:
            obj = reader.get_object(i)
        except Exception:
            continue
        if obj is not None:
            yield from _walk_pdf(obj, f"object {i}", reader)
    if reader is not None:
        for n, page in enumerate(reader.pages, 1):
            try:
                yield f"pypdf extract_text page {n}", page.extract_text()
            except Exception:
                pass
    if shutil.which("pdftotext"):
        for mode in ([], ["-raw"]):
            run = subprocess.run(["pdftotext", *mode, str(path), "-"], capture_output=True, timeout=60)
            yield f"pdftotext {' '.join(mode)}".strip(), run.stdout.decode("utf-8", errors="replace")


def read_everything(path: Path) -> Iterator[tuple[str, str]]:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return read_pdf(path)
    if suffix == ".docx":
        return read_docx(path)
    return read_txt(path)


def leaks(path: Path, words: tuple[str, ...] = CPI_WORDS) -> list[str]:
    """'word in where' for every reading of ``path`` that holds one of ``words``."""
    found: dict[str, list[str]] = {}
    for where, text in read_everything(path):
        flat = normalise(text)
        for w in words:
            if w in flat:
                found.setdefault(w, []).append(where)
    return [f"{w!r} in {', '.join(dict.fromkeys(wheres))}" for w, wheres in found.items()]


def assert_no_leak(path_in: Path, out_dir: Path, result, words: tuple[str, ...] = CPI_WORDS,
                   must_copy: bool = False) -> None:
    """The closed-world property of one run of the CLI on ``path_in`` with ``-o out_dir``."""
    assert leaks(path_in, words), f"fixture error: the reader finds no CPI in the input {path_in.name}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback
        tb = "".join(traceback.format_exception(result.exception))
        raise AssertionError(f"the tool raised:\n{tb}")
    in_output = [w for w in words if w in normalise(result.output)]
    assert not in_output, f"CPI {in_output} in the CLI's output: {result.output!r}"
    copies = sorted(out_dir.glob("*.redacted.*")) if out_dir.exists() else []
    if not copies:
        assert not must_copy, f"a redacted copy is required here; exit {result.exit_code}: {result.output!r}"
        assert result.exit_code != 0, f"no copy written but exit code 0: {result.output!r}"
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1, f"a refusal should be one line, got {lines!r}"
        return
    if must_copy:
        assert result.exit_code == 0, f"exit {result.exit_code}: {result.output!r}"
    for copy in copies:
        found = leaks(copy, words)
        assert not found, f"CPI leaked into {copy.name} (exit {result.exit_code}): " + "; ".join(found)


# --------------------------------------------------------------------------------------------
# PDF: a hand-written file from a content stream and extra objects
# --------------------------------------------------------------------------------------------

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
FONT_RESOURCES = "<< /Font << /F1 5 0 R >> >>"


def pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def show(text: str, x: float, y: float, size: float = 11, font: str = "F1") -> bytes:
    """One text object drawing ``text`` at (x, y)."""
    return b"BT /%s %g Tf %g %g Td %s Tj ET\n" % (font.encode(), size, x, y, pdf_string(text))


def stream(entries: str, data: bytes, compress: bool = False) -> bytes:
    if compress:
        data, entries = zlib.compress(data), entries + " /Filter /FlateDecode"
    return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (entries.encode("latin-1"), len(data), data)


def check_pdf(path: Path) -> Path:
    """The fixture itself must be a sound PDF: pypdf parses it strictly and pdftotext reads it."""
    from pypdf import PdfReader
    reader = PdfReader(path, strict=True)
    assert len(reader.pages) == 1, "fixture error: one page expected"
    if shutil.which("pdftotext"):
        run = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, timeout=60)
        assert run.returncode == 0 and not run.stderr, f"fixture error: pdftotext says {run.stderr!r}"
    return path


def build_pdf(path: Path, content: bytes, *, resources: str = FONT_RESOURCES,
              objects: dict[int, bytes] | None = None, page_extra: str = "", catalog_extra: str = "") -> Path:
    """A one-page PDF: 1 catalog, 2 pages, 3 page, 4 contents, 5 Helvetica, and ``objects`` (10 up)."""
    objs: dict[int, bytes] = {
        1: f"<< /Type /Catalog /Pages 2 0 R {catalog_extra}>>".encode("latin-1"),
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources {resources} /Contents 4 0 R "
            f"{page_extra}>>").encode("latin-1"),
        4: stream("", content),
        5: HELVETICA,
    }
    objs.update(objects or {})
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for num in sorted(objs):
        offsets[num] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (num, objs[num])
    size = max(objs) + 1
    xref = len(out)
    out += b"xref\n0 %d\n" % size
    for num in range(size):
        out += b"%010d 00000 n \n" % offsets[num] if num in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    path.write_bytes(bytes(out))
    return check_pdf(path)


def _glyphs(text: str, x: float, size: float) -> list[tuple[str, float]]:
    """Each character of ``text`` with its x position in Helvetica at ``size``."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    placed = []
    for ch in text:
        placed.append((ch, x))
        x += stringWidth(ch, "Helvetica", size)
    return placed


def _glyph_run(placed: list[tuple[str, float]], y: float, size: float) -> bytes:
    ops = b"".join(b"1 0 0 1 %.2f %g Tm %s Tj\n" % (x, y, pdf_string(ch)) for ch, x in placed if ch != " ")
    return b"BT /F1 %g Tf\n%sET\n" % (size, ops)


# (1)
def pdf_glyphs_last_first(path: Path) -> Path:
    """The CPI sentence drawn one glyph at a time, last glyph first, each placed by its own Tm."""
    placed = _glyphs(BODY_CPI, 60, 10)
    return build_pdf(path, show(BODY_PLAIN, 60, 780) + _glyph_run(placed[::-1], 760, 10))


# (2)
def pdf_right_to_left(path: Path, variant: str) -> Path:
    """The CPI sentence drawn out of reading order: words last first, glyphs shuffled, or one TJ
    that draws each glyph and then kerns back over it and the next (right to left)."""
    size, y = 10, 760
    placed = _glyphs(BODY_CPI, 60, size)
    if variant == "words_last_first":
        words = [(m.group(), placed[m.start()][1]) for m in re.finditer(r"\S+", BODY_CPI)]
        line = b"".join(show(w, x, y, size) for w, x in reversed(words))
    elif variant == "glyphs_shuffled":
        shuffled = list(placed)
        random.Random(20250314).shuffle(shuffled)
        line = _glyph_run(shuffled, y, size)
    elif variant == "one_tj_right_to_left":
        from reportlab.pdfbase.pdfmetrics import stringWidth
        width = {ch: stringWidth(ch, "Helvetica", 1000) for ch in set(BODY_CPI)}
        chars = BODY_CPI[::-1]
        parts = []
        for i, ch in enumerate(chars):
            parts.append(pdf_string(ch))
            if i + 1 < len(chars):  # back over this glyph and the one to its left
                parts.append(b"%.1f" % (width[ch] + width[chars[i + 1]]))
        x = 60 + stringWidth(BODY_CPI, "Helvetica", size) - stringWidth(chars[0], "Helvetica", size)
        line = b"BT /F1 %g Tf %.2f %g Td [%s] TJ ET\n" % (size, x, y, b" ".join(parts))
    else:
        raise ValueError(variant)
    return build_pdf(path, show(BODY_PLAIN, 60, 780) + line)


# (3)
def pdf_tiling_pattern(path: Path) -> Path:
    """Text in the content stream of a coloured tiling pattern that fills a rectangle."""
    cell = show(f"{NAME} {NHS}", 4, 12, size=9)
    pattern = stream("/Type /Pattern /PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 240 30] "
                     "/XStep 240 /YStep 30 /Resources << /Font << /F1 5 0 R >> >>", cell)
    content = show(BODY_PLAIN, 60, 780) + b"q /Pattern cs /P1 scn 60 600 480 120 re f Q\n"
    return build_pdf(path, content, resources="<< /Font << /F1 5 0 R >> /Pattern << /P1 10 0 R >> >>",
                     objects={10: pattern})


# (4)
def pdf_soft_mask_group(path: Path) -> Path:
    """Text inside the transparency group (Form XObject) of an ExtGState's luminosity soft mask."""
    group = stream("/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
                   "/Group << /S /Transparency /CS /DeviceGray >> /Resources << /Font << /F1 5 0 R >> >>",
                   b"1 g 0 0 595 842 re f 0 g\n" + show(BODY_CPI, 60, 640, size=10))
    objects = {10: b"<< /Type /ExtGState /SMask << /Type /Mask /S /Luminosity /G 11 0 R >> >>", 11: group}
    content = show(BODY_PLAIN, 60, 780) + b"q /GS1 gs 0.2 0.3 0.8 rg 60 600 480 80 re f Q\n"
    return build_pdf(path, content, resources="<< /Font << /F1 5 0 R >> /ExtGState << /GS1 10 0 R >> >>",
                     objects=objects)


def _tounicode_ascii() -> bytes:
    return stream("", b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
                      b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                      b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
                      b"1 begincodespacerange <00> <FF> endcodespacerange\n"
                      b"1 beginbfrange <20> <7E> <0020> endbfrange\n"
                      b"endcmap CMapName currentdict /CMap defineresource pop end end")


# (5)
def pdf_type3(path: Path, variant: str) -> Path:
    """A Type3 font: either the CPI sentence is shown in it (each glyph a box, mapped by a
    ToUnicode CMap), or one of its glyph procedures itself draws the CPI as text."""
    if variant == "text_in_type3_font":
        codes = sorted({ord(c) for c in BODY_CPI})
        differences = " ".join(f"{c} /g{c}" for c in codes)
        charprocs = " ".join(f"/g{c} {11 if c != 32 else 12} 0 R" for c in codes)
        widths = " ".join("600" if c != 32 else "300" for c in range(32, 127))
        font = (f"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 600 700] /FontMatrix [0.001 0 0 0.001 0 0] "
                f"/CharProcs << {charprocs} >> /Encoding << /Type /Encoding /Differences [{differences}] >> "
                f"/FirstChar 32 /LastChar 126 /Widths [{widths}] /ToUnicode 13 0 R /Resources << >> >>")
        objects = {10: font.encode(), 11: stream("", b"600 0 0 0 500 700 d1 60 0 420 700 re f"),
                   12: stream("", b"300 0 0 0 0 0 d1"), 13: _tounicode_ascii()}
        content = show(BODY_PLAIN, 60, 780) + show(BODY_CPI, 60, 760, size=9, font="T3")
    elif variant == "glyph_procedure_draws_text":
        font = ("<< /Type /Font /Subtype /Type3 /FontBBox [0 -200 12000 800] /FontMatrix [0.001 0 0 0.001 0 0] "
                "/CharProcs << /sig 11 0 R >> /Encoding << /Type /Encoding /Differences [65 /sig] >> "
                "/FirstChar 65 /LastChar 65 /Widths [12000] /ToUnicode 13 0 R "
                "/Resources << /Font << /F1 5 0 R >> >> >>")
        proc = b"12000 0 d0\n" + show(f"{NAME} {NHS}", 0, 0, size=1000)
        objects = {10: font.encode(), 11: stream("", proc), 13: _tounicode_ascii()}
        content = show(BODY_PLAIN, 60, 780) + show("Signed:", 60, 740) + show("A", 110, 740, size=11, font="T3")
    else:
        raise ValueError(variant)
    return build_pdf(path, content, resources="<< /Font << /F1 5 0 R /T3 10 0 R >> >>", objects=objects)


# (6), (7), (8)
def pdf_marked_content(path: Path, variant: str) -> Path:
    """Marked content whose inline property list holds the CPI: /ActualText as a literal or a
    UTF-16BE hex string over initials, or /Alt on a figure."""
    if variant == "actualtext_literal":
        props = b"/ActualText " + pdf_string(f"Mrs {NAME}")
    elif variant == "actualtext_hex_utf16":
        props = b"/ActualText <FEFF" + f"Mrs {NAME}".encode("utf-16-be").hex().upper().encode() + b">"
    elif variant == "alt":
        props = b"/Alt " + pdf_string(f"Photograph of {NAME}, NHS number {NHS}")
    else:
        raise ValueError(variant)
    if variant == "alt":
        marked = b"/Figure << %s >> BDC q 0.8 g 60 600 120 90 re f Q EMC\n" % props
    else:
        marked = b"/Span << %s >> BDC\n%sEMC\n" % (props, show("Mrs P. Q.", 60, 760))
    return build_pdf(path, show(BODY_PLAIN, 60, 780) + marked)


# (9)
def pdf_optional_content(path: Path, variant: str) -> Path:
    """Optional content: a layer named with the CPI (shown, its text harmless), or a hidden
    layer (OFF in the default configuration) whose text is the CPI sentence."""
    if variant == "layer_named":
        ocg, text = f"<< /Type /OCG /Name {pdf_string(NAME).decode('latin-1')} >>", BODY_PLAIN_2
        config = "/D << /Order [10 0 R] /ON [10 0 R] >>"
    elif variant == "hidden_layer_text":
        ocg, text = "<< /Type /OCG /Name (Reviewer notes) >>", BODY_CPI
        config = "/D << /Order [10 0 R] /OFF [10 0 R] >>"
    else:
        raise ValueError(variant)
    content = show(BODY_PLAIN, 60, 780) + b"/OC /oc1 BDC\n" + show(text, 60, 760, size=10) + b"EMC\n"
    return build_pdf(path, content, resources="<< /Font << /F1 5 0 R >> /Properties << /oc1 10 0 R >> >>",
                     objects={10: ocg.encode("latin-1")},
                     catalog_extra=f"/OCProperties << /OCGs [10 0 R] {config} >> ")


# (10)
def pdf_font_name(path: Path, variant: str) -> Path:
    """The CPI as a font's resource name, or as its /BaseFont (and /FontName)."""
    if variant == "resource_name":
        content = show(BODY_PLAIN, 60, 780, font="PhilippaQuarendon")
        return build_pdf(path, content, resources="<< /Font << /PhilippaQuarendon 5 0 R >> >>")
    if variant == "basefont":
        from reportlab.pdfbase.pdfmetrics import stringWidth
        widths = " ".join(str(round(stringWidth(chr(c), "Helvetica", 1000))) for c in range(32, 127))
        font = (f"<< /Type /Font /Subtype /TrueType /BaseFont /PhilippaQuarendon /FirstChar 32 /LastChar 126 "
                f"/Widths [{widths}] /Encoding /WinAnsiEncoding /FontDescriptor 11 0 R >>")
        descriptor = ("<< /Type /FontDescriptor /FontName /PhilippaQuarendon /Flags 32 "
                      "/FontBBox [-166 -225 1000 931] /ItalicAngle 0 /Ascent 718 /Descent -207 /CapHeight 718 "
                      "/StemV 88 >>")
        return build_pdf(path, show(BODY_PLAIN, 60, 780, font="F2"),
                         resources="<< /Font << /F1 5 0 R /F2 10 0 R >> >>",
                         objects={10: font.encode(), 11: descriptor.encode()})
    raise ValueError(variant)


# (11)
def pdf_xobject_name(path: Path) -> Path:
    """A Form XObject (a harmless grey box with a caption) whose resource name is the CPI."""
    form = stream("/Type /XObject /Subtype /Form /BBox [0 0 200 60] /Resources << /Font << /F1 5 0 R >> >>",
                  b"0.85 g 0 0 200 60 re f 0 g\n" + show("Room 12", 10, 25, size=10))
    content = show(BODY_PLAIN, 60, 780) + b"q 1 0 0 1 60 680 cm /PhilippaQuarendon Do Q\n"
    return build_pdf(path, content, resources="<< /Font << /F1 5 0 R >> /XObject << /PhilippaQuarendon 10 0 R >> >>",
                     objects={10: form})


# (12)
def pdf_page_associated_file(path: Path) -> Path:
    """A page-level /AF array holding an embedded file spec (the CPI in /Desc and in the file)."""
    spec = (f"<< /Type /Filespec /F (visit-notes.txt) /UF (visit-notes.txt) "
            f"/Desc {pdf_string('Visit notes for ' + NAME).decode('latin-1')} /AFRelationship /Supplement "
            f"/EF << /F 11 0 R /UF 11 0 R >> >>")
    embedded = stream("/Type /EmbeddedFile /Subtype /text#2Fplain", (BODY_CPI + "\n").encode(), compress=True)
    return build_pdf(path, show(BODY_PLAIN, 60, 780), objects={10: spec.encode("latin-1"), 11: embedded},
                     page_extra="/AF [10 0 R] ")


# (13)
def pdf_inline_image(path: Path, variant: str) -> Path:
    """An inline image (BI ... ID ... EI) whose dictionary holds the CPI as a name or a string."""
    if variant == "name":
        extra = b"/Philippa /Quarendon"
    elif variant == "string":
        extra = b"/Caption " + pdf_string(f"{NAME} {NHS}")
    else:
        raise ValueError(variant)
    image = b"q 40 0 0 40 60 700 cm\nBI /W 2 /H 2 /CS /G /BPC 8 %s ID \x10\x80\xf0\x40\nEI Q\n" % extra
    return build_pdf(path, show(BODY_PLAIN, 60, 780) + image)


# (14)
LIGATURE_WORDS = ("griffiths",)


def pdf_ligature(path: Path) -> Path:
    """'Griffiths' in the body, and again later drawn as 'Gri' + the ffi ligature glyph (mapped
    by the font's ToUnicode CMap to U+FB03) + 'ths'. An embedded DejaVu Sans, written by fpdf2."""
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", "", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=11)
    pdf.cell(text="Inspection note. Mr Griffiths was seen on 14 March 2025.", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(text="Mr Gri\ufb03ths said he had slept well.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    check_pdf(path)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True).stdout.decode()
        assert "Gri\ufb03ths" in text, f"fixture error: no ffi ligature in {text!r}"
    return path


# --------------------------------------------------------------------------------------------
# DOCX: python-docx's default document, with parts patched through lxml
# --------------------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
NS = {
    "w": W, "r": R, "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml", "o": "urn:schemas-microsoft-com:office:office",
    "lc": "http://schemas.openxmlformats.org/drawingml/2006/lockedCanvas",
}
Parts = dict[str, bytes]


def _xml(data: bytes) -> etree._Element:
    return etree.fromstring(data, etree.XMLParser(remove_blank_text=False))


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def edit_xml(parts: Parts, name: str, edit: Callable[[etree._Element], None]) -> None:
    root = _xml(parts[name])
    edit(root)
    parts[name] = _serialise(root)


def fragment(xml: str) -> list[etree._Element]:
    """Elements parsed from ``xml``, written with the prefixes of :data:`NS`."""
    decls = " ".join(f'xmlns:{p}="{u}"' for p, u in NS.items())
    return list(_xml(f"<wrapper {decls}>{xml}</wrapper>".encode()))


def add_body(parts: Parts, xml: str, part: str = "word/document.xml") -> None:
    """Block-level ``xml`` appended to the body, before the section properties."""
    def edit(root):
        body = root.find(f"{{{W}}}body")
        sect = body.find(f"{{{W}}}sectPr")
        for el in fragment(xml):
            sect.addprevious(el)
    edit_xml(parts, part, edit)


def add_rel(parts: Parts, rels: str, rel_type: str, target: str, external: bool = False) -> str:
    """A relationship added to the part ``rels`` (created if missing); its new id."""
    root = _xml(parts[rels]) if rels in parts else etree.Element(f"{{{PKG_REL}}}Relationships", nsmap={None: PKG_REL})
    ids = {el.get("Id") for el in root}
    rid = next(f"rIdCw{n}" for n in range(1, 1000) if f"rIdCw{n}" not in ids)
    el = etree.SubElement(root, f"{{{PKG_REL}}}Relationship", Id=rid, Type=rel_type, Target=target)
    if external:
        el.set("TargetMode", "External")
    parts[rels] = _serialise(root)
    return rid


def set_content_type(parts: Parts, *, override: str | None = None, default: str | None = None,
                     content_type: str) -> None:
    """An Override for the part name ``override`` (replacing one there), or a Default for an extension."""
    def edit(root):
        if override:
            for el in root.findall(f"{{{CT}}}Override"):
                if el.get("PartName") == override:
                    root.remove(el)
            etree.SubElement(root, f"{{{CT}}}Override", PartName=override, ContentType=content_type)
        elif not any(el.get("Extension") == default for el in root.findall(f"{{{CT}}}Default")):
            el = etree.Element(f"{{{CT}}}Default", Extension=default, ContentType=content_type)
            root.insert(0, el)
    edit_xml(parts, "[Content_Types].xml", edit)


def rename_part(parts: Parts, old: str, new: str) -> None:
    parts[new] = parts.pop(old)
    old_rels = f"{old.rsplit('/', 1)[0]}/_rels/{old.rsplit('/', 1)[1]}.rels"
    if old_rels in parts:
        parts[f"{new.rsplit('/', 1)[0]}/_rels/{new.rsplit('/', 1)[1]}.rels"] = parts.pop(old_rels)


def retarget(parts: Parts, rels: str, old_target: str, new_target: str) -> None:
    def edit(root):
        hits = [el for el in root if el.get("Target") == old_target]
        assert hits, f"fixture error: no relationship to {old_target} in {rels}"
        for el in hits:
            el.set("Target", new_target)
    edit_xml(parts, rels, edit)


def build_docx(path: Path, patch: Callable[[Parts], None] | None = None, *,
               paragraphs: tuple[str, ...] = (BODY_PLAIN,), doc_hook: Callable | None = None,
               check_opens: bool = True) -> Path:
    """python-docx's default document with ``paragraphs`` (and ``doc_hook(doc)``), saved, then
    its zip members patched by ``patch(parts)`` and written back as a package."""
    import docx
    doc = docx.Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    if doc_hook:
        doc_hook(doc)
    buf = io.BytesIO()
    doc.save(buf)
    with zipfile.ZipFile(buf) as z:
        parts: Parts = {name: z.read(name) for name in z.namelist()}
    if patch:
        patch(parts)
    names = ["[Content_Types].xml"] + [n for n in parts if n != "[Content_Types].xml"]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in names:
            z.writestr(name, parts[name])
    if check_opens:
        docx.Document(str(path))
    return path


def _run(text: str, rpr: str = "") -> str:
    return f'<w:r>{rpr}<w:t xml:space="preserve">{html.escape(text, quote=False)}</w:t></w:r>'


# (15)
def docx_numbering(path: Path) -> Path:
    """A list paragraph whose numbering level text is 'Philippa Quarendon %1.'."""
    def patch(parts):
        def edit(root):
            abstract = fragment(
                '<w:abstractNum w:abstractNumId="90"><w:nsid w:val="5A3C1E90"/>'
                '<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                f'<w:numFmt w:val="decimal"/><w:lvlText w:val="{NAME} %1."/><w:lvlJc w:val="left"/>'
                '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>')[0]
            first_num = root.find(f"{{{W}}}num")
            (first_num.addprevious if first_num is not None else root.append)(abstract)
            num = fragment('<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>')[0]
            nums = root.findall(f"{{{W}}}num")
            (nums[-1].addnext if nums else root.append)(num)
        edit_xml(parts, "word/numbering.xml", edit)
        add_body(parts, '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr></w:pPr>'
                        + _run("Seen in the lounge after lunch; mobility good.") + '</w:p>')
    return build_docx(path, patch)


# (16)
def docx_math(path: Path) -> Path:
    """An equation (m:oMath) whose math run text is the name."""
    def patch(parts):
        add_body(parts, "<w:p>" + _run("Resident: ") + f'<m:oMath><m:r><m:t>{NAME}</m:t></m:r></m:oMath></w:p>')
    return build_docx(path, patch)


def _wps_textbox(text: str, warp: bool, fallback: bool) -> str:
    warp_xml = '<a:prstTxWarp prst="textArchUp"><a:avLst/></a:prstTxWarp>' if warp else ""
    box = f'<w:txbxContent><w:p>{_run(text)}</w:p></w:txbxContent>'
    drawing = (
        '<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="2743200" cy="457200"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="10" name="Text Box 10"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2743200" cy="457200"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f'<wps:txbx>{box}</wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" '
        f'rIns="91440" bIns="45720" anchor="t">{warp_xml}<a:noAutofit/></wps:bodyPr></wps:wsp>'
        '</a:graphicData></a:graphic></wp:inline></w:drawing>')
    fallback_xml = ('<mc:Fallback><w:pict><v:shape id="Text Box 10" o:spid="_x0000_s1026" type="#_x0000_t202" '
                    f'style="width:216pt;height:36pt"><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>'
                    if fallback else "")
    return (f'<w:p>{_run("Label: ")}<w:r><mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
            f'{fallback_xml}</mc:AlternateContent></w:r></w:p>')


def _locked_canvas(text: str) -> str:
    return (
        '<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="2743200" cy="457200"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="11" name="Canvas 11"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/lockedCanvas">'
        '<lc:lockedCanvas><a:nvGrpSpPr><a:cNvPr id="0" name=""/><a:cNvGrpSpPr/></a:nvGrpSpPr><a:grpSpPr><a:xfrm>'
        '<a:off x="0" y="0"/><a:ext cx="2743200" cy="457200"/><a:chOff x="0" y="0"/><a:chExt cx="2743200" cy="457200"/>'
        '</a:xfrm></a:grpSpPr><a:sp><a:nvSpPr><a:cNvPr id="2" name="Label"/><a:cNvSpPr txBox="1"/></a:nvSpPr>'
        '<a:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2743200" cy="457200"/></a:xfrm><a:prstGeom prst="rect">'
        '<a:avLst/></a:prstGeom></a:spPr><a:txSp><a:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-GB"/>'
        f'<a:t>{text}</a:t></a:r></a:p></a:txBody><a:useSpRect/></a:txSp></a:sp></lc:lockedCanvas>'
        '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')


# (17)
def docx_drawing_text(path: Path, variant: str) -> Path:
    """DrawingML text: a text box (wps:txbx, with its VML fallback), WordArt (a warped text box,
    no fallback), or a:t in a locked canvas shape."""
    xml = {"textbox_with_vml_fallback": lambda: _wps_textbox(f"{NAME} {NHS}", warp=False, fallback=True),
           "wordart": lambda: _wps_textbox(NAME, warp=True, fallback=False),
           "locked_canvas_a_t": lambda: _locked_canvas(f"{NAME} {NHS}")}[variant]()
    return build_docx(path, lambda parts: add_body(parts, xml))


# (18), (19)
def docx_altchunk(path: Path, variant: str) -> Path:
    """An altChunk: an imported .htm or .txt part holding the CPI sentence."""
    if variant == "html":
        name, ctype = "word/afchunk1.htm", "text/html"
        data = f"<html><head><title>Visit</title></head><body><p>{BODY_CPI}</p></body></html>".encode()
    elif variant == "text":
        name, ctype = "word/afchunk1.txt", "text/plain"
        data = (BODY_CPI + "\r\n").encode()
    else:
        raise ValueError(variant)

    def patch(parts):
        parts[name] = data
        set_content_type(parts, override="/" + name, content_type=ctype)
        rid = add_rel(parts, "word/_rels/document.xml.rels", REL_TYPE + "aFChunk", name.split("/", 1)[1])
        add_body(parts, f'<w:altChunk r:id="{rid}"/>')
    return build_docx(path, patch)


# (20)
def docx_dropdown(path: Path) -> Path:
    """A dropdown content control whose list item (not the one shown) is the resident."""
    xml = ('<w:p>' + _run("Resident: ") + '<w:sdt><w:sdtPr><w:alias w:val="Resident"/><w:tag w:val="resident"/>'
           '<w:id w:val="-1187347201"/><w:showingPlcHdr/><w:dropDownList>'
           '<w:listItem w:displayText="Choose an item." w:value=""/>'
           f'<w:listItem w:displayText="{NAME}" w:value="{NHS.replace(" ", "")}"/>'
           '<w:listItem w:displayText="Another resident" w:value="other"/>'
           '</w:dropDownList></w:sdtPr><w:sdtContent>' + _run("Choose an item.") + '</w:sdtContent></w:sdt></w:p>')
    return build_docx(path, lambda parts: add_body(parts, xml))


# (21)
def docx_legacy_form_field(path: Path) -> Path:
    """A legacy text form field whose help text and status bar text hold the CPI."""
    xml = ('<w:p>' + _run("Resident: ") +
           '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Text1"/><w:enabled/>'
           f'<w:calcOnExit w:val="0"/><w:helpText w:type="text" w:val="Resident: {NAME}"/>'
           f'<w:statusText w:type="text" w:val="NHS number {NHS}"/><w:textInput/></w:ffData></w:fldChar></w:r>'
           '<w:r><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _run("\u2002" * 5) +
           '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    return build_docx(path, lambda parts: add_body(parts, xml))


# (22)
def docx_smart_tag(path: Path) -> Path:
    xml = ('<w:p>' + _run("Seen: ") + '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" '
           'w:element="PhilippaQuarendon"><w:smartTagPr>'
           f'<w:attr w:name="FullName" w:val="{NAME}"/><w:attr w:name="NHSNumber" w:val="{NHS}"/>'
           '</w:smartTagPr>' + _run("the resident in room 12") + '</w:smartTag></w:p>')
    return build_docx(path, lambda parts: add_body(parts, xml))


# (23)
def docx_custom_xml_element(path: Path) -> Path:
    xml = ('<w:p>' + _run("Seen: ") + '<w:customXml w:uri="urn:larchfield:care-records" '
           'w:element="PhilippaQuarendon"><w:customXmlPr>'
           f'<w:attr w:name="nhsNumber" w:val="{NHS}"/></w:customXmlPr>'
           + _run("the resident in room 12") + '</w:customXml></w:p>')
    return build_docx(path, lambda parts: add_body(parts, xml))


# (24)
def docx_anchor_or_bookmark(path: Path, variant: str) -> Path:
    if variant == "hyperlink_anchor":
        xml = ('<w:p><w:hyperlink w:anchor="Philippa_Quarendon" w:history="1">'
               + _run("See the resident's section", '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr>')
               + '</w:hyperlink></w:p>')
    elif variant == "bookmark":
        xml = ('<w:p><w:bookmarkStart w:id="0" w:name="Philippa_Quarendon"/>' + _run("Resident section")
               + '<w:bookmarkEnd w:id="0"/></w:p>')
    else:
        raise ValueError(variant)
    return build_docx(path, lambda parts: add_body(parts, xml))


# (25)
def docx_style_name(path: Path) -> Path:
    def patch(parts):
        def edit(root):
            root.extend(fragment(
                f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="PhilippaQuarendon"><w:name w:val="{NAME}"/>'
                '<w:basedOn w:val="Normal"/><w:qFormat/><w:rPr><w:i/></w:rPr></w:style>'))
        edit_xml(parts, "word/styles.xml", edit)
        add_body(parts, '<w:p><w:pPr><w:pStyle w:val="PhilippaQuarendon"/></w:pPr>' + _run(BODY_PLAIN_2) + '</w:p>')
    return build_docx(path, patch)


# (26)
def docx_font_name(path: Path) -> Path:
    def patch(parts):
        def edit(root):
            root.extend(fragment(
                f'<w:font w:name="{NAME}"><w:charset w:val="00"/><w:family w:val="swiss"/>'
                '<w:pitch w:val="variable"/></w:font>'))
        edit_xml(parts, "word/fontTable.xml", edit)
        rpr = f'<w:rPr><w:rFonts w:ascii="{NAME}" w:hAnsi="{NAME}"/></w:rPr>'
        add_body(parts, '<w:p>' + _run(BODY_PLAIN_2, rpr) + '</w:p>')
    return build_docx(path, patch)


# (27)
def docx_theme_name(path: Path) -> Path:
    return build_docx(path, lambda parts: edit_xml(parts, "word/theme/theme1.xml", lambda root: root.set("name", NAME)))


def _insert_setting(root: etree._Element, xml: str, before: tuple[str, ...]) -> None:
    """``xml`` into settings.xml before the first of the elements ``before`` (schema order)."""
    el = fragment(xml)[0]
    for local in before:
        anchor = root.find(f"{{{W}}}{local}")
        if anchor is not None:
            anchor.addprevious(el)
            return
    root.append(el)


# (28)
def docx_mail_merge(path: Path) -> Path:
    def patch(parts):
        rid = add_rel(parts, "word/_rels/settings.xml.rels", REL_TYPE + "mailMergeSource",
                      "file:///C:/Users/care/Documents/Philippa%20Quarendon%20visits.xlsx", external=True)
        query = f"SELECT * FROM `Residents$` WHERE `Name` = '{NAME}' AND `NHS` = '{NHS}'"
        xml = ('<w:mailMerge><w:mainDocumentType w:val="formLetters"/><w:linkToQuery/><w:dataType w:val="native"/>'
               '<w:connectString w:val="Provider=Microsoft.ACE.OLEDB.12.0;User ID=Admin;Mode=Read"/>'
               f'<w:query w:val="{html.escape(query)}"/><w:dataSource r:id="{rid}"/></w:mailMerge>')
        edit_xml(parts, "word/settings.xml", lambda root: _insert_setting(root, xml, ("defaultTabStop",)))
    return build_docx(path, patch)


# (29)
def docx_caption_name(path: Path) -> Path:
    xml = (f'<w:captions><w:caption w:name="{NAME}" w:pos="below" w:numFmt="decimal"/>'
           '<w:caption w:name="Figure" w:pos="below"/></w:captions>')
    later = ("readModeInkLockDown", "smartTagType", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol")
    return build_docx(path, lambda parts: edit_xml(parts, "word/settings.xml",
                                                    lambda root: _insert_setting(root, xml, later)))


def _devmode(device: str) -> bytes:
    """A DEVMODEW (220 bytes): the device name in UTF-16LE, version fields, A4 paper, form name."""
    name = device.encode("utf-16-le")[:62].ljust(64, b"\0")
    fixed = struct.pack("<HHHHI", 0x0401, 0x0600, 220, 0, 0x0000FF53)
    fixed += struct.pack("<hhhhhhhh", 1, 9, 2970, 2100, 100, 1, 7, 600)  # orientation, A4, length, width...
    fixed += struct.pack("<hhhh", 1, 600, 1, 0)
    form = "A4".encode("utf-16-le").ljust(64, b"\0")
    blob = name + fixed + form
    return blob.ljust(220, b"\0")


# (30)
def docx_printer_settings(path: Path) -> Path:
    def patch(parts):
        parts["word/printerSettings/printerSettings1.bin"] = _devmode(f"{NAME} (Room 12 printer)")
        set_content_type(parts, default="bin",
                         content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.printerSettings")
        add_rel(parts, "word/_rels/document.xml.rels", REL_TYPE + "printerSettings",
                "printerSettings/printerSettings1.bin")
    return build_docx(path, patch)


def png_bytes(text_chunks: tuple[tuple[str, str], ...] = ()) -> bytes:
    """A 4x4 grey PNG with tEXt chunks (keyword, text)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\0" + bytes([0x80 + 16 * y] * 4) for y in range(4))
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 0, 0, 0, 0))
    for key, text in text_chunks:
        out += chunk(b"tEXt", key.encode("latin-1") + b"\0" + text.encode("latin-1"))
    return out + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def jpeg_bytes() -> bytes:
    """A small JPEG with EXIF Artist and ImageDescription and a COM segment holding the CPI."""
    from PIL import Image
    img = Image.new("RGB", (16, 16), (200, 180, 160))
    exif = Image.Exif()
    exif[0x013B] = NAME  # Artist
    exif[0x010E] = f"Photo of {NAME}, NHS {NHS}"  # ImageDescription
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif.tobytes(), comment=f"{NAME} {NHS}".encode())
    return buf.getvalue()


# (31)
def docx_image_metadata(path: Path, variant: str) -> Path:
    if variant == "png_text_chunk":
        data = png_bytes((("Author", NAME), ("Description", f"NHS number {NHS}")))
    elif variant == "jpeg_exif_and_comment":
        data = jpeg_bytes()
    else:
        raise ValueError(variant)
    assert NAME.encode() in data, "fixture error: the image does not hold the name"
    return build_docx(path, doc_hook=lambda doc: doc.add_picture(io.BytesIO(data)))


# (32)
def docx_svg_image(path: Path) -> Path:
    """A picture with a PNG fallback and an SVG part (asvg:svgBlip) whose <text> is the CPI."""
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="240" height="40" viewBox="0 0 240 40">'
           f'<rect width="240" height="40" fill="#eee"/><text x="8" y="26" font-size="14">{NAME}</text>'
           f'<text x="8" y="38" font-size="8">{NHS}</text></svg>').encode()

    def patch(parts):
        parts["word/media/image2.svg"] = svg
        set_content_type(parts, default="svg", content_type="image/svg+xml")
        rid = add_rel(parts, "word/_rels/document.xml.rels", REL_TYPE + "image", "media/image2.svg")

        def edit(root):
            blip = root.find(".//a:blip", {"a": NS["a"]})
            blip.append(fragment(
                '<a:extLst><a:ext uri="{96DAC541-7B7A-43D3-8B79-37D633B846F1}">'
                '<asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" '
                f'r:embed="{rid}"/></a:ext></a:extLst>')[0])
        edit_xml(parts, "word/document.xml", edit)
    return build_docx(path, patch, doc_hook=lambda doc: doc.add_picture(io.BytesIO(png_bytes())))


# (33)
def docx_media_part_name(path: Path) -> Path:
    def patch(parts):
        media = [n for n in parts if n.startswith("word/media/")]
        assert media == ["word/media/image1.png"], f"fixture error: media parts {media}"
        rename_part(parts, "word/media/image1.png", "word/media/Philippa_Quarendon.png")
        retarget(parts, "word/_rels/document.xml.rels", "media/image1.png", "media/Philippa_Quarendon.png")
    return build_docx(path, patch, doc_hook=lambda doc: doc.add_picture(io.BytesIO(png_bytes())))


# (34)
def docx_odd_property_parts(path: Path, variant: str) -> Path:
    """Custom properties at docProps/Custom.xml, or the core properties moved to docProps/core2.xml."""
    def patch(parts):
        if variant == "custom_xml_capitalised":
            parts["docProps/Custom.xml"] = (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
                'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
                '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Resident">'
                f'<vt:lpwstr>{NAME}</vt:lpwstr></property>'
                '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="NHS number">'
                f'<vt:lpwstr>{NHS}</vt:lpwstr></property></Properties>').encode()
            set_content_type(parts, override="/docProps/Custom.xml",
                             content_type="application/vnd.openxmlformats-officedocument.custom-properties+xml")
            add_rel(parts, "_rels/.rels", REL_TYPE + "custom-properties", "docProps/Custom.xml")
        elif variant == "core_at_core2":
            def edit(root):
                dc = "{http://purl.org/dc/elements/1.1/}"
                root.find(f"{dc}creator").text = NAME
                root.find(f"{dc}description").text = f"Visit notes, NHS number {NHS}"
                root.find("{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
                          "lastModifiedBy").text = NAME
            edit_xml(parts, "docProps/core.xml", edit)
            rename_part(parts, "docProps/core.xml", "docProps/core2.xml")
            retarget(parts, "_rels/.rels", "docProps/core.xml", "docProps/core2.xml")
            edit_xml(parts, "[Content_Types].xml", lambda root: [
                el.set("PartName", "/docProps/core2.xml") for el in root if el.get("PartName") == "/docProps/core.xml"])
        else:
            raise ValueError(variant)
    return build_docx(path, patch)


# (35)
def docx_main_part_elsewhere(path: Path) -> Path:
    """The main document part at word/main.xml (relationship and content type follow it), its
    body holding the CPI sentence."""
    def patch(parts):
        rename_part(parts, "word/document.xml", "word/main.xml")
        retarget(parts, "_rels/.rels", "word/document.xml", "word/main.xml")
        edit_xml(parts, "[Content_Types].xml", lambda root: [
            el.set("PartName", "/word/main.xml") for el in root if el.get("PartName") == "/word/document.xml"])
    return build_docx(path, patch, paragraphs=(BODY_CPI, BODY_PLAIN_2), check_opens=False)


# --------------------------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------------------------

def _text_body(first: str = BODY_CPI) -> str:
    return f"{first}\n{BODY_PLAIN_2}\n"


# (36)
def txt_utf32_bom(path: Path) -> Path:
    path.write_bytes(_text_body().encode("utf-32"))  # BOM first
    return path


# (37)
def txt_utf16le_odd_byte(path: Path) -> Path:
    path.write_bytes(b"\xff\xfe" + _text_body().encode("utf-16-le") + b"\x0a")
    return path


# (38)
def txt_utf16_unpaired_surrogate(path: Path) -> Path:
    text = _text_body(f"Inspection note.\ud83d Mrs {NAME}, NHS number {NHS}, was seen on 14 March 2025.")
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le", errors="surrogatepass"))
    return path


# (39)
def txt_mixed_encodings(path: Path) -> Path:
    """UTF-8 (an e-acute as two bytes) first, then a later line in cp1252 (0xE9 alone)."""
    first = "Inspection note for the Caf\u00e9 lounge, Larchfield House.\n".encode("utf-8")
    later = f"{BODY_CPI} Reviewed by Ren\u00e9e.\n".encode("cp1252")
    path.write_bytes(first + later)
    return path


# (40)
#: Each variant's sentence, and the pieces on either side of the invisible character: the tool
#: must detect through it, so no piece may survive either (a copy keeping '[PERSON]\u200bendon'
#: found only half of the surname).
DETECTION_GAPS = {
    "nbsp_in_nhs_number": (f"Inspection note. Mrs {NAME}, NHS number 943\u00a0476\u00a05919, was seen on 14 March 2025.",
                           ("5919",)),
    "soft_hyphen_in_name": (f"Inspection note. Mrs Phil\u00adippa Quarendon, NHS number {NHS}, was seen on 14 March 2025.",
                            ("ippa",)),
    "zero_width_space_in_name": (f"Inspection note. Mrs Philippa Quar\u200bendon, NHS number {NHS}, was seen on 14 March "
                                 "2025.", ("endon",)),
}


def txt_detection_gap(path: Path, variant: str) -> Path:
    path.write_bytes(_text_body(DETECTION_GAPS[variant][0]).encode("utf-8"))
    return path


# --------------------------------------------------------------------------------------------
# Controls: the CPI in plain body text, in each format
# --------------------------------------------------------------------------------------------

def plain_body(path: Path, fmt: str) -> Path:
    """The CPI sentence as ordinary body text (Helvetica in a hand-written PDF, a python-docx
    paragraph, UTF-8 text): a copy must come out, or the hazard tests of that format pass only
    because the tool refuses every file of it."""
    if fmt == "pdf":
        return build_pdf(path, show(BODY_PLAIN, 60, 780) + show(BODY_CPI, 60, 760, size=10))
    if fmt == "docx":
        return build_docx(path, paragraphs=(BODY_PLAIN, BODY_CPI))
    path.write_bytes(_text_body().encode("utf-8"))
    return path
