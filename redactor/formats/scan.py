"""Scanned pages and images: read by OCR, redacted in the pixels, rebuilt from the pixels only.

Pages come from an image file (.png, .jpg, .tif, multi-page TIFFs too) or from a PDF whose pages
are scans (no text layer, or an image under an invisible OCR layer): a PDF is rendered by PDFium
(pypdfium2) at :data:`DPI`. Tesseract (through pytesseract, which runs the ``tesseract`` program:
a crash in it cannot take the worker down, and nothing needs compiling) reads each page into words
with boxes and confidences; the words become the document's text (a line of words per line, a
blank line between blocks), each word a piece whose locator is its page and box, so detection,
decisions, flags and the report work as for any text, with ``location`` giving page and box.

The copy is rebuilt from the page images alone (closed world: no text layer, metadata, thumbnail
or ICC profile of the input survives): each redacted word's box, padded, is painted solid black
into the pixels, never drawn over them. A PDF stays a PDF with the same page sizes; an image keeps
its format and size. After writing, each painted box is checked solid in the copy as read back
from disk; the pipeline then OCRs the copy again (this module's ``copy_texts``) so that no
redacted value can still be read.

Words OCR reads with low confidence, and pages with ink but few words (handwriting, signatures,
stamps), are listed for a person to look at (``unchecked``), with their page.
"""
from __future__ import annotations

import io
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redactor.core import ReadOptions, RefusedError, Replacement
from redactor.formats.base import Document, TextBuilder, edits_per_piece

#: Resolution PDF pages are rendered at for OCR (and the copy's pages are made at).
DPI = 300
#: Words below this OCR confidence (0-100) are listed for a person to look at.
LOW_CONFIDENCE = 60
#: Padding around each redacted word's box, as a fraction of its height (antialiased edges, a
#: slightly rotated scan).
PAD = 0.2
#: A painted box must be this dark on average (0 black, 255 white) in the copy read back.
SOLID = 40
INSTALL = ("OCR needs Tesseract: install it (Debian: apt-get install tesseract-ocr tesseract-ocr-eng) and "
           "run again")


@dataclass
class Page:
    image: Any  # a PIL image
    dpi: float
    size: tuple[float, float] | None = None  # a PDF page's size in points, to keep it


@dataclass
class Pages:
    """The handle of a scanned document: its pages and the format to write them back in."""

    kind: str  # "pdf", "png", "jpeg", "tiff"
    pages: list[Page] = field(default_factory=list)


def available() -> bool:
    return shutil.which("tesseract") is not None


def read_pages(path: Path, fmt: str, pages: list[Page], removed: list[str], kind: str = "pdf") -> Document:
    """OCR ``pages`` into a document of format ``fmt`` (the pipeline's name for it), to be
    written back as ``kind`` ('pdf', 'png', 'jpeg', 'tiff')."""
    if not available():
        raise RefusedError(f"a scanned document: {INSTALL}")
    import pytesseract
    builder = TextBuilder()
    low: dict[int, int] = {}
    faint: list[int] = []
    for number, page in enumerate(pages):
        try:
            data = pytesseract.image_to_data(page.image.convert("L"), output_type=pytesseract.Output.DICT,
                                             config="--psm 3")
        except (pytesseract.TesseractError, OSError, RuntimeError) as e:
            raise RefusedError(f"OCR failed on page {number + 1} ({type(e).__name__})") from None
        if builder.length:
            builder.add("\n\n")
        words = _words(data)
        if not words and _has_ink(page.image):
            faint.append(number + 1)
        block = line = previous = None
        for w in words:
            if block is not None and (w["block"], w["par"], w["line"]) != line:
                builder.add("\n\n" if w["block"] != block else "\n")
            elif previous is not None:
                builder.add(_gap(previous["box"], w["box"]))
            block, line, previous = w["block"], (w["block"], w["par"], w["line"]), w
            builder.unit(f"page {number + 1} box {w['box'][0]},{w['box'][1]}")
            builder.add(w["text"], (number, w["box"]))
            if w["conf"] < LOW_CONFIDENCE:
                low[number + 1] = low.get(number + 1, 0) + 1
        builder.add("\n")
    unchecked = [f"page {n}: {k} word(s) read with low OCR confidence (handwriting, a stamp or a poor scan?): "
                 "look at them by eye" for n, k in sorted(low.items())]
    unchecked += [f"page {n}: ink OCR could not read as words (handwriting, a signature, a drawing?): look at it "
                  "by eye" for n in faint]
    if not builder.text().strip() and not faint:
        raise RefusedError("OCR found no text on any page: nothing to check")
    return Document(path=path, format=fmt, text=builder.text(), pieces=builder.pieces, units=builder.units,
                    removed=removed, unchecked=unchecked, said=["read by OCR"],
                    handle=Pages(kind, pages))


def _words(data: dict[str, list[Any]]) -> list[dict[str, Any]]:
    out = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        if not text or int(data["level"][i]) != 5:
            continue
        left, top, width, height = (int(data[k][i]) for k in ("left", "top", "width", "height"))
        out.append({"text": text, "box": (left, top, left + width, top + height), "conf": float(data["conf"][i]),
                    "block": int(data["block_num"][i]), "par": int(data["par_num"][i]),
                    "line": int(data["line_num"][i])})
    return out


def _gap(left: tuple[int, ...], right: tuple[int, ...]) -> str:
    """A tab between two words of a line far apart (table columns: a column headed 'DOB' or
    'Given by' then informs detection as in a table), else a space."""
    height = max(left[3] - left[1], right[3] - right[1], 1)
    return "\t" if right[0] - left[2] > 0.8 * height else " "


def _has_ink(image: Any) -> bool:
    """Whether a page holds marks at all (more than 0.5% of its pixels clearly darker than the paper)."""
    grey = image.convert("L")
    histogram = grey.histogram()
    dark = sum(histogram[:128])
    return dark > 0.005 * grey.width * grey.height


# ------------------------------------------------------------------------------------------ writing
def burn(doc: Document, replacements: list[Replacement]) -> dict[int, list[tuple[int, int, int, int]]]:
    """Paint every redacted word's padded box solid black into its page image; returns the boxes
    painted on each page (page index -> boxes)."""
    from PIL import ImageDraw
    handle: Pages = doc.handle
    boxes: dict[int, list[tuple[int, int, int, int]]] = {}
    for index in edits_per_piece(doc.pieces, replacements):
        number, (x0, y0, x1, y1) = doc.pieces[index].locator
        pad = max(2, int(PAD * (y1 - y0)))
        image = handle.pages[number].image
        box = (max(0, x0 - pad), max(0, y0 - pad), min(image.width - 1, x1 + pad), min(image.height - 1, y1 + pad))
        boxes.setdefault(number, []).append(box)
    for number, page in enumerate(handle.pages):
        if number in boxes:
            page.image = _plain(page.image)
            draw = ImageDraw.Draw(page.image)
            for box in boxes[number]:
                draw.rectangle(box, fill=0)
    return boxes


def _plain(image: Any) -> Any:
    """The image's pixels only, in a mode a black box can be painted in (no palette, no metadata)."""
    mode = image.mode if image.mode in ("1", "L", "RGB") else "RGB"
    pixels = image.convert(mode)
    plain = pixels.copy()
    plain.info = {}
    return plain


def write_pages(doc: Document, replacements: list[Replacement], out: Path) -> None:
    """Write the redacted pages in the document's format, then check every box solid in the copy
    read back from disk (a box drawn over the image instead of into it would fail here)."""
    from PIL import Image
    handle: Pages = doc.handle
    boxes = burn(doc, replacements)
    images = [_plain(p.image) for p in handle.pages]
    if handle.kind == "pdf":
        _write_pdf(handle, images, out)
        written = [p.image for p in pdf_pages(out, [p.dpi for p in handle.pages])]
    else:
        options: dict[str, Any] = {"png": {}, "jpeg": {"quality": 92}, "tiff": {"compression": "tiff_lzw"}}[handle.kind]
        if handle.kind == "tiff" and all(i.mode == "1" for i in images):
            options = {"compression": "group4"}
        first, rest = images[0], images[1:]
        first.save(out, format=handle.kind.upper(), save_all=bool(rest), append_images=rest,
                   dpi=(handle.pages[0].dpi, handle.pages[0].dpi), **options)
        with Image.open(out) as copy:
            written = []
            for n in range(getattr(copy, "n_frames", 1)):
                copy.seek(n)
                written.append(copy.convert("L"))
    for number, page_boxes in boxes.items():
        grey = written[number].convert("L")
        for box in page_boxes:
            region = grey.crop((box[0] + 1, box[1] + 1, box[2], box[3]))
            values = list(region.getdata())
            if values and sum(values) / len(values) > SOLID:
                raise RefusedError("a redaction box is not solid in the copy read back: no copy written")


def _write_pdf(handle: Pages, images: list[Any], out: Path) -> None:
    """A PDF of the page images only, each page the size it had (its image drawn to fill it)."""
    from pypdf import PdfReader, PdfWriter
    buffer = io.BytesIO()
    images = [i if i.mode in ("L", "RGB") else i.convert("L") for i in images]
    images[0].save(buffer, format="PDF", save_all=len(images) > 1, resolution=handle.pages[0].dpi,
                   append_images=images[1:])
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    for page, source in zip(writer.pages, handle.pages):
        if source.size:  # back to the input's page size exactly (rendering rounds to whole pixels)
            page.scale_to(*source.size)
    writer.metadata = None  # no document information (Pillow's dates, producer)
    with open(out, "wb") as fh:
        writer.write(fh)


def pdf_pages(path: Path, dpis: list[float] | None = None, password: str | None = None) -> list[Page]:
    """A PDF's pages rendered at :data:`DPI` (PDFium), each with its size in points."""
    import pypdfium2
    try:
        pdf = pypdfium2.PdfDocument(str(path), password=password)
    except pypdfium2.PdfiumError as e:
        raise RefusedError(f"cannot render the PDF's pages ({type(e).__name__})") from None
    try:
        pages = []
        for n in range(len(pdf)):
            page = pdf[n]
            dpi = dpis[n] if dpis and n < len(dpis) else DPI
            pages.append(Page(page.render(scale=dpi / 72, may_draw_forms=False).to_pil(), dpi,
                              (page.get_width(), page.get_height())))
        return pages
    finally:
        pdf.close()


_KINDS = {"PNG": "png", "JPEG": "jpeg", "MPO": "jpeg", "TIFF": "tiff"}


def image_pages(path: Path) -> tuple[list[Page], str]:
    """Every frame of an image file (a multi-page TIFF has several), with its resolution, and the
    file's kind as its content says ('png', 'jpeg', 'tiff'), whatever its name."""
    from PIL import Image, UnidentifiedImageError
    try:
        with Image.open(path) as image:
            kind = _KINDS.get(image.format or "")
            if kind is None:
                raise RefusedError(f"an image in a format this tool does not write ({image.format})")
            pages = []
            for n in range(getattr(image, "n_frames", 1)):
                image.seek(n)
                dpi = image.info.get("dpi", (DPI, DPI))[0] or DPI
                frame = image.copy()
                frame.load()
                pages.append(Page(frame, float(dpi)))
            return pages, kind
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as e:
        raise RefusedError(f"not a readable image ({type(e).__name__})") from None
