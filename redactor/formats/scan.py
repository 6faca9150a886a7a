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

import functools
import io
import math
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from redactor.core import RefusedError, Replacement
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
#: What stands in the document's text for a face found on a page: the report, the review and
#: decisions.csv list it like any value (with its page and box), and redacting it paints the box.
FACE_TEXT = "(a face)"
#: Pages are searched for faces at this many pixels on their long side (a passport photograph on
#: a scanned A4 page is still 140 pixels wide; text pages give the cascade nothing to fire on).
FACE_SCAN_PIXELS = 1000
#: Ink left unread is listed (and, with --redact-unreadable, painted out) from this share of the
#: page's width (and half of it of its height): a handwritten word, not a speck.
UNREADABLE_SIZE = 0.02
#: What stands in the text for a region of ink OCR could not read.
UNREADABLE_TEXT = "(ink OCR could not read)"
#: How much of its own size a face's box is widened by on each side.
FACE_MARGIN = 0.25
INSTALL = ("OCR needs Tesseract: install it (Debian: apt-get install tesseract-ocr tesseract-ocr-eng) and "
           "run again")


@dataclass
class Page:
    """One page: its image in memory (an image file's frame), or rendered when needed and let go
    after (a PDF's page: a 300-page scan never holds more than one page's pixels)."""

    image: Any  # a PIL image, or None until rendered
    dpi: float
    size: tuple[float, float] | None = None  # a PDF page's size in points, to keep it
    render: Callable[[], Any] | None = None

    def load(self) -> Any:
        if self.image is None and self.render is not None:
            self.image = self.render()
        return self.image

    def release(self) -> None:
        if self.render is not None:
            self.image = None


@dataclass
class Pages:
    """The handle of a scanned document: its pages and the format to write them back in."""

    kind: str  # "pdf", "png", "jpeg", "tiff"
    pages: list[Page] = field(default_factory=list)
    text_layer: bool = False  # a PDF copy gets an invisible layer of the words it keeps (--ocr-layer)


def available() -> bool:
    return shutil.which("tesseract") is not None


def single_threaded() -> None:
    """Tesseract's own threads (OpenMP) spin against each other and against the run's other
    workers: one thread per page reads a page three times faster here (0.6 s against 2.2 s)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def read_pages(path: Path, fmt: str, pages: list[Page], removed: list[str], kind: str = "pdf",
               unread: bool = True, text_layer: bool = False) -> Document:
    """OCR ``pages`` into a document of format ``fmt`` (the pipeline's name for it), to be
    written back as ``kind`` ('pdf', 'png', 'jpeg', 'tiff'). ``unread``: also mark the ink OCR
    could not read (not when reading a copy back: its painted boxes cut letters in half).
    ``text_layer``: a PDF copy gets an invisible layer of the words it keeps."""
    if not available():
        raise RefusedError(f"a scanned document: {INSTALL}")
    builder = TextBuilder()
    low: dict[int, int] = {}
    faint: list[int] = []
    marks: list[tuple[int, int, str]] = []
    unread_at: list[str] = []
    for number, page in enumerate(pages):
        image = page.load()
        try:
            words, view, back = read_page(image)
        except RefusedError:
            raise RefusedError(f"OCR failed on page {number + 1}") from None
        ink = _has_ink(image)
        if builder.length:
            builder.add("\n\n")
        if not words and ink:
            faint.append(number + 1)
        block = line = previous = None
        for w in words:
            if block is not None and (w["block"], w["par"], w["line"]) != line:
                builder.add("\n\n" if w["block"] != block else "\n")
            elif previous is not None:
                builder.add(_gap(previous["seen"], w["seen"]))
            block, line, previous = w["block"], (w["block"], w["par"], w["line"]), w
            builder.unit(f"page {number + 1} box {w['box'][0]},{w['box'][1]}")
            builder.add(w["text"], (number, w["box"]))
            if w["conf"] < LOW_CONFIDENCE:
                low[number + 1] = low.get(number + 1, 0) + 1
        builder.add("\n")
        found = [back(b) for b in faces(view)]
        regions = [("FACE", FACE_TEXT, box) for box in found]
        regions += [("UNREADABLE", UNREADABLE_TEXT, box) for box in (back(b) for b in (unreadable(view, words) if unread else []))
                    if not any(_mostly_inside(box, face_box) for face_box in found)]  # a face is not also unread ink
        for entity, stand_in, box in regions:
            builder.unit(f"page {number + 1} box {box[0]},{box[1]}")
            marks.append((builder.length, builder.length + len(stand_in), entity))
            builder.add(stand_in, (number, box))
            builder.add("\n")
        unread_at += [f"page {number + 1} box {box[0]},{box[1]}" for entity, _, box in regions if entity == "UNREADABLE"]
        page.release()
    unchecked = [f"page {n}: {k} word(s) read with low OCR confidence (handwriting, a stamp or a poor scan?): "
                 "look at them by eye" for n, k in sorted(low.items())]
    unchecked += [f"page {n}: ink but no word OCR could read (handwriting, a signature, a drawing?): look at it by "
                  "eye" for n in faint]
    unchecked += [f"{where}: ink OCR could not read as words (handwriting, a signature, a drawing?): look at it "
                  "by eye (--redact-unreadable paints such ink out)" for where in unread_at]
    if not builder.text().strip() and not faint:
        raise RefusedError("OCR found no text on any page: nothing to check")
    said = ["read by OCR"] + ([f"{len(faint)} page(s) with ink OCR could not read: look at them by eye"]
                              if faint else [])
    return Document(path=path, format=fmt, text=builder.text(), pieces=builder.pieces, units=builder.units,
                    removed=removed, unchecked=unchecked, said=said, marks=marks,
                    handle=Pages(kind, pages, text_layer and kind == "pdf"))


def ocr(image: Any) -> list[dict[str, Any]]:
    """The words Tesseract reads on a page, with boxes in the page's pixels, confidences and their
    block, paragraph and line (see :func:`read_page`)."""
    return read_page(image)[0]


def read_page(image: Any) -> tuple[list[dict[str, Any]], Any, Callable[[tuple[int, ...]], tuple[int, int, int, int]]]:
    """OCR of a page turned upright: the words (each ``box`` in the page's own pixels, ``seen``
    as read upright), the upright view, and the map from the view's pixels back to the page's.

    A page scanned a few degrees askew is straightened first (the angle whose rows of ink are
    sharpest); a page whose reading is poor (few or unsure words for its ink) is asked for its
    orientation (Tesseract's OSD) and read again turned, keeping the better reading. A solid dark
    block OCR reads as letters (a redaction box) is no word."""
    grey = image.convert("L")
    skew = _skew(grey)
    words, view, angle = *_read_turned(grey, skew), skew
    if _poor(words, grey):  # read again unstraightened, and turned as OSD says: the best reading wins
        tries = [0.0] if skew else []
        turn = _orientation(view)
        if turn:
            tries.append(skew + turn + _skew(_turned(grey, skew + turn)))
        for other in tries:
            again, seen = _read_turned(grey, other)
            if _quality(again) > _quality(words):
                words, view, angle = again, seen, other
    back = _back(grey.size, view.size, angle)
    for w in words:
        w["box"] = back(w["seen"])
    return words, view, back


def _read_turned(grey: Any, angle: float) -> tuple[list[dict[str, Any]], Any]:
    """The words OCR reads on the page turned ``angle``, and that turned view."""
    import pytesseract
    single_threaded()
    view = _turned(grey, angle)
    try:
        data = pytesseract.image_to_data(_uncompressed(view), output_type=pytesseract.Output.DICT, config="--psm 3")
    except (pytesseract.TesseractError, OSError, RuntimeError) as e:
        raise RefusedError(f"OCR failed ({type(e).__name__})") from None
    return [w for w in _words(data) if not _solid(view, w["seen"])], view


def _uncompressed(image: Any) -> Any:
    """``image`` marked to reach Tesseract as a BMP (pytesseract saves it in its ``format``, PNG
    when it has none): a page's PNG took longer to compress than Tesseract took to lay it out."""
    image.format = "BMP"
    return image


def _turned(grey: Any, angle: float) -> Any:
    """The page turned ``angle`` degrees counter-clockwise, nothing cut off, the corners filled
    with its own paper's shade (white corners around grey paper make Tesseract's threshold take
    the whole page for ink)."""
    if not angle:
        return grey
    histogram = grey.histogram()
    paper = max(range(256), key=histogram.__getitem__)
    return grey.rotate(angle, resample=_bicubic(), expand=True, fillcolor=paper)


def _box() -> Any:
    from PIL import Image
    return Image.BOX


def _bicubic() -> Any:
    from PIL import Image
    return Image.BICUBIC


def _back(size: tuple[int, int], turned: tuple[int, int], angle: float) -> Callable[[tuple[int, ...]], tuple[int, int, int, int]]:
    """Map a box in the page turned by ``angle`` back to the page's pixels: its corners turned
    back about the centres, and the box around them."""
    if not angle:
        return lambda box: tuple(int(v) for v in box)  # type: ignore[return-value]
    a = math.radians(angle)
    cos, sin = math.cos(a), math.sin(a)
    (cx, cy), (tx, ty) = (size[0] / 2, size[1] / 2), (turned[0] / 2, turned[1] / 2)

    def back(box: tuple[int, ...]) -> tuple[int, int, int, int]:
        xs, ys = [], []
        for x, y in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])):
            dx, dy = x - tx, y - ty
            xs.append(cx + dx * cos - dy * sin)
            ys.append(cy + dx * sin + dy * cos)
        return (max(0, math.floor(min(xs))), max(0, math.floor(min(ys))),
                min(size[0], math.ceil(max(xs))), min(size[1], math.ceil(max(ys))))
    return back


#: Skews searched (degrees either way) and the gain in sharpness a turn must bring to be made.
MAX_SKEW, SKEW_GAIN = 8.0, 1.15


def _skew(grey: Any) -> float:
    """The small turn (counter-clockwise degrees) that makes a page's lines of ink level: the
    angle whose row profile is sharpest, on the page scaled down and made black and white."""
    import numpy
    small, _ = _scaled(grey, 800)
    ink = small.point(lambda v: 255 if v < 128 else 0)
    if not ink.getbbox():
        return 0.0

    def sharpness(angle: float) -> tuple[float, float]:
        """How sharp the profiles of rows and of columns are with the page turned ``angle``."""
        pixels = numpy.asarray(ink.rotate(angle, resample=0, expand=True), dtype=numpy.float64)
        return tuple(float(numpy.square(numpy.diff(pixels.sum(axis=axis))).sum()) for axis in (1, 0))
    coarse = {float(a): sharpness(float(a)) for a in numpy.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5)}
    best = max(coarse, key=lambda a: coarse[a][0])
    if max(c for _, c in coarse.values()) > coarse[best][0]:  # lines run down the page: on its side, for OSD
        return 0.0
    best = max(numpy.arange(best - 0.4, best + 0.41, 0.1), key=lambda a: sharpness(float(a))[0])
    gain = sharpness(float(best))[0] / max(coarse[0.0][0], 1.0)
    return round(float(best), 1) if abs(best) >= 0.5 and gain > SKEW_GAIN else 0.0


def _scaled(grey: Any, pixels: int) -> tuple[Any, float]:
    """The page scaled down to ``pixels`` on its long side (never up), and the scale used."""
    scale = min(1.0, pixels / max(grey.size))
    size = (max(1, round(grey.width * scale)), max(1, round(grey.height * scale)))
    return grey.resize(size, _box()), scale  # an average of each block: a quarter of bicubic's time


def _quality(words: list[dict[str, Any]]) -> float:
    """How much of a page a reading made out: confident letters."""
    return sum(len(w["text"]) for w in words if w["conf"] >= LOW_CONFIDENCE)


def _poor(words: list[dict[str, Any]], grey: Any) -> bool:
    """A reading worth a second look: a page with ink where under half the words are confident."""
    confident = sum(w["conf"] >= LOW_CONFIDENCE for w in words)
    return _has_ink(grey) and confident < max(5, len(words) / 2)


def _orientation(grey: Any) -> int:
    """The turn (counter-clockwise degrees: 90, 180, 270) Tesseract's orientation detection says
    makes the page upright, or 0 when it is upright or unsure."""
    import pytesseract
    try:
        osd = pytesseract.image_to_osd(_uncompressed(grey), config="--psm 0")
    except (pytesseract.TesseractError, OSError, RuntimeError):
        return 0  # too little text to tell: the page stays as it is, its reading is listed as poor
    found = re.search(r"Rotate: (\d+)", osd)
    sure = re.search(r"Orientation confidence: ([\d.]+)", osd)
    if not found or not sure or float(sure.group(1)) < 1.0:
        return 0
    return (360 - int(found.group(1))) % 360


def unreadable(view: Any, words: list[dict[str, Any]]) -> list[tuple[int, int, int, int]]:
    """Boxes (in ``view``'s pixels) of ink OCR did not read as confident words: handwriting, a
    signature, a stamp, a drawing, words read unsurely. The page's ink less its confident words'
    boxes and less its ruled lines (a form's grid), strokes joined into regions, specks left out."""
    import cv2
    import numpy
    scaled, scale = _scaled(view, FACE_SCAN_PIXELS)
    small = numpy.asarray(scaled)
    height, width = small.shape
    paper = int(numpy.bincount(small.ravel(), minlength=256).argmax())
    otsu, _ = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    ink = ((small < min(otsu, paper - 60)) * 255).astype(numpy.uint8)
    for w in words:
        if w["conf"] >= LOW_CONFIDENCE:
            x0, y0, x1, y1 = (int(v * scale) for v in w["seen"])
            ink[max(0, y0 - 2):y1 + 3, max(0, x0 - 2):x1 + 3] = 0
    solid = max(5, max(width, height) // 110)  # wider than any pen stroke: a box painted out, not ink
    for kernel in ((max(3, width // 25), 1), (1, max(3, height // 25)), (solid, solid)):  # ruled lines, boxes
        shapes = cv2.morphologyEx(ink, cv2.MORPH_OPEN, numpy.ones(kernel[::-1], numpy.uint8))
        ink = cv2.subtract(ink, cv2.dilate(shapes, numpy.ones((5, 5), numpy.uint8)))  # with their soft edges
    joined = cv2.dilate(ink, numpy.ones((max(3, height // 100), max(3, width // 60)), numpy.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined)
    boxes = []
    for x, y, w, h, _ in stats[1:count]:
        strokes = int(numpy.count_nonzero(ink[y:y + h, x:x + w]))
        if w >= UNREADABLE_SIZE * width and h >= UNREADABLE_SIZE / 2 * height and strokes >= 40:
            boxes.append((int(x / scale), int(y / scale), int((x + w) / scale), int((y + h) / scale)))
    return boxes


def _mostly_inside(box: tuple[int, int, int, int], outer: tuple[int, int, int, int]) -> bool:
    """More than half of ``box``'s area lies inside ``outer``."""
    w = max(0, min(box[2], outer[2]) - max(box[0], outer[0]))
    h = max(0, min(box[3], outer[3]) - max(box[1], outer[1]))
    return 2 * w * h > (box[2] - box[0]) * (box[3] - box[1])


def faces(image: Any) -> list[tuple[int, int, int, int]]:
    """Boxes of the faces on a page, in its pixels: OpenCV's frontal-face Haar cascade, which
    ships inside opencv-python-headless (nothing is downloaded), on the page scaled down to
    :data:`FACE_SCAN_PIXELS`. Images of people are CPI; a person decides what to keep."""
    import numpy
    grey = image.convert("L")
    small, scale = _scaled(grey, FACE_SCAN_PIXELS)
    found = _cascade().detectMultiScale(numpy.asarray(small), scaleFactor=1.1, minNeighbors=5, minSize=(30, 30))
    # the cascade's box is the eyes to the mouth: widened to take in hair, ears and chin
    return [(max(0, int((x - FACE_MARGIN * w) / scale)), max(0, int((y - FACE_MARGIN * h) / scale)),
             min(grey.width, int((x + w + FACE_MARGIN * w) / scale)),
             min(grey.height, int((y + h + FACE_MARGIN * h) / scale))) for x, y, w, h in found]


@functools.lru_cache(maxsize=1)
def _cascade() -> Any:
    import cv2
    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")
    if cascade.empty():
        raise RefusedError("OpenCV's face detector data is missing: reinstall opencv-python-headless")
    return cascade


#: A capital I that OCR read as a bracket or a bar before lower-case letters ('[vy Brown' is
#: 'Ivy Brown'): the same length, so the word keeps its box.
_MISREAD_I = re.compile(r"^[\[|](?=[a-z]+[.,;:]?$)")


def _words(data: dict[str, list[Any]]) -> list[dict[str, Any]]:
    out = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        if not text or int(data["level"][i]) != 5:
            continue
        left, top, width, height = (int(data[k][i]) for k in ("left", "top", "width", "height"))
        text = _MISREAD_I.sub("I", text)
        out.append({"text": text, "seen": (left, top, left + width, top + height), "conf": float(data["conf"][i]),
                    "block": int(data["block_num"][i]), "par": int(data["par_num"][i]),
                    "line": int(data["line_num"][i])})
    return out


def _solid(grey: Any, box: tuple[int, int, int, int]) -> bool:
    """Whether a 'word' is a solid dark block (a redaction box OCR read as letters), not ink on
    paper: a word has paper between its strokes."""
    values = grey.crop(box).tobytes()
    return bool(values) and sum(values) / len(values) < SOLID


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
def boxes_to_paint(doc: Document, replacements: list[Replacement]) -> dict[int, list[tuple[int, int, int, int]]]:
    """Every redacted word's box, padded, by page index."""
    boxes: dict[int, list[tuple[int, int, int, int]]] = {}
    for index in edits_per_piece(doc.pieces, replacements):
        number, (x0, y0, x1, y1) = doc.pieces[index].locator
        pad = max(2, int(PAD * (y1 - y0)))
        boxes.setdefault(number, []).append((max(0, x0 - pad), max(0, y0 - pad), x1 + pad, y1 + pad))
    return boxes


def _burnt(page: Page, boxes: list[tuple[int, int, int, int]]) -> Any:
    """The page's pixels (no metadata) with ``boxes`` painted solid black into them."""
    from PIL import ImageDraw
    image = _plain(page.load())
    draw = ImageDraw.Draw(image)
    for box in boxes:
        draw.rectangle(box, fill=0)
    return image


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
    handle: Pages = doc.handle
    boxes = boxes_to_paint(doc, replacements)
    if handle.kind == "pdf":
        _write_pdf(handle, boxes, out, _kept_words(doc, replacements) if handle.text_layer else {})
        written = pdf_pages(out, [p.dpi for p in handle.pages])
    else:
        _write_image(handle, boxes, out)
        written = image_pages(out)[0]
    for number, page_boxes in boxes.items():
        grey = written[number].load().convert("L")
        written[number].release()
        for box in page_boxes:
            region = grey.crop((box[0] + 1, box[1] + 1, min(box[2], grey.width), min(box[3], grey.height)))
            values = list(region.tobytes())
            if values and sum(values) / len(values) > SOLID:
                raise RefusedError("a redaction box is not solid in the copy read back: no copy written")


def _write_image(handle: Pages, boxes: dict[int, list[tuple[int, int, int, int]]], out: Path) -> None:
    images = [_burnt(page, boxes.get(n, [])) for n, page in enumerate(handle.pages)]
    options: dict[str, Any] = {"png": {}, "jpeg": {"quality": 92}, "tiff": {"compression": "tiff_lzw"}}[handle.kind]
    if handle.kind == "tiff" and all(i.mode == "1" for i in images):
        options = {"compression": "group4"}
    images[0].save(out, format=handle.kind.upper(), save_all=len(images) > 1, append_images=images[1:],
                   dpi=(handle.pages[0].dpi, handle.pages[0].dpi), **options)


def _write_pdf(handle: Pages, boxes: dict[int, list[tuple[int, int, int, int]]], out: Path,
               layer: dict[int, list[tuple[str, tuple[int, int, int, int]]]]) -> None:
    """A PDF of the page images only, each page the size it had (its image drawn to fill it),
    made a page at a time; with ``layer``, each page's kept words drawn invisibly over their boxes."""
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter()
    for n, source in enumerate(handle.pages):
        image = _burnt(source, boxes.get(n, []))
        source.release()
        buffer = io.BytesIO()
        (image if image.mode in ("L", "RGB") else image.convert("L")).save(buffer, format="PDF", resolution=source.dpi)
        writer.append(PdfReader(io.BytesIO(buffer.getvalue())))
        if source.size:  # back to the input's page size exactly (rendering rounds to whole pixels)
            writer.pages[-1].scale_to(*source.size)
        if n in layer:
            _add_layer(writer, writer.pages[-1], layer[n], image.size)
    writer.metadata = None  # no document information (Pillow's dates, producer)
    with open(out, "wb") as fh:
        writer.write(fh)


def _kept_words(doc: Document, replacements: list[Replacement]) -> dict[int, list[tuple[str, tuple[int, int, int, int]]]]:
    """Each page's words that the copy keeps, with their boxes: every word OCR read that no
    replacement touches (the stand-ins for faces and unread ink are not words on the page)."""
    edited = edits_per_piece(doc.pieces, replacements)
    words: dict[int, list[tuple[str, tuple[int, int, int, int]]]] = {}
    for index, piece in enumerate(doc.pieces):
        text = doc.text[piece.start:piece.end]
        if index not in edited and text not in (FACE_TEXT, UNREADABLE_TEXT):
            number, box = piece.locator
            words.setdefault(number, []).append((text, box))
    return words


#: The layer's words are drawn in Helvetica (a PDF standard font: nothing embedded) at this
#: average width of a character, as a share of the font's size, to stretch each over its box.
_LAYER_CHAR_WIDTH = 0.5


def _add_layer(writer: Any, page: Any, words: list[tuple[str, tuple[int, int, int, int]]],
               pixels: tuple[int, int]) -> None:
    """Invisible text (render mode 3) over ``page``: each word at its box, stretched to its width,
    a space after it so that readers keep words apart. A word Helvetica's encoding cannot write is
    left out (it stays in the pixels, unsearchable)."""
    from pypdf.generic import ContentStream, DictionaryObject, NameObject
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    sx, sy = width / pixels[0], height / pixels[1]
    ops = ["BT", "3 Tr"]
    for text, (x0, y0, x1, y1) in words:
        try:
            encoded = (text + " ").encode("cp1252")
        except UnicodeEncodeError:
            continue
        size = max(1.0, (y1 - y0) * sy)
        stretch = (x1 - x0) * sx / (_LAYER_CHAR_WIDTH * size * len(text))
        literal = encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)").decode("latin-1")
        ops += [f"/Rx1 {size:.2f} Tf", f"{100 * stretch:.1f} Tz",
                f"1 0 0 1 {x0 * sx:.2f} {height - y1 * sy:.2f} Tm", f"({literal}) Tj"]
    ops.append("ET")
    contents = page.get_contents()
    stream = ContentStream(None, writer)
    stream.set_data((contents.get_data() if contents is not None else b"") + ("\n" + "\n".join(ops) + "\n").encode("latin-1"))
    page.replace_contents(stream)
    resources = page["/Resources"]
    fonts = resources.get("/Font", DictionaryObject())
    fonts[NameObject("/Rx1")] = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/Encoding"): NameObject("/WinAnsiEncoding")})
    resources[NameObject("/Font")] = fonts


def pdf_pages(path: Path, dpis: list[float] | None = None, password: str | None = None) -> list[Page]:
    """A PDF's pages, each rendered by PDFium at :data:`DPI` when needed, with its size in points."""
    import pypdfium2
    try:
        pdf = pypdfium2.PdfDocument(str(path), password=password)
    except pypdfium2.PdfiumError as e:
        raise RefusedError(f"cannot render the PDF's pages ({type(e).__name__})") from None
    try:
        sizes = [pdf[n].get_size() for n in range(len(pdf))]
    finally:
        pdf.close()

    def renderer(n: int, dpi: float) -> Callable[[], Any]:
        def render() -> Any:
            document = pypdfium2.PdfDocument(str(path), password=password)
            try:
                return document[n].render(scale=dpi / 72, may_draw_forms=False).to_pil()
            finally:
                document.close()
        return render

    pages = []
    for n, size in enumerate(sizes):
        dpi = dpis[n] if dpis and n < len(dpis) else DPI
        pages.append(Page(None, dpi, size, renderer(n, dpi)))
    return pages


def read_embedded(data: bytes, label: str) -> Document | None:
    """An image inside another document (a photograph or a scanned letter pasted into a .docx)
    read as a scan: its words, faces and unread ink, each piece's locator its frame and box. None
    when it cannot be read so (no Tesseract, a format this module does not write, nothing on it):
    the image is then listed for a person to look at."""
    if not available():
        return None
    try:
        pages, kind = image_pages(io.BytesIO(data))
        return read_pages(Path(label), "image", pages, [], kind)
    except RefusedError:
        return None


@dataclass
class Pictures:
    """The pictures inside a document (a .docx's images, a PDF's image objects) read as scans:
    each one's text joins the document's after its own text (no piece: its words live in the
    pixels), and what is redacted in it is painted into its pixels when the copy is written."""

    found: list[tuple[Any, int, Document]] = field(default_factory=list)  # (the handler's key, offset, reading)
    unread: int = 0  # pictures OCR could not read (no Tesseract, a GIF, nothing on them): listed for a person

    def read(self, builder: TextBuilder, key: Any, data: bytes, label: str) -> None:
        sub = read_embedded(data, label)
        if sub is None:
            self.unread += 1
            return
        builder.add("\n")
        offset = builder.length
        name = f"{label} image {len(self.found) + 1}".strip()
        builder.units += [(offset + at, f"{name} {where.removeprefix('page 1 ') if len(sub.handle.pages) == 1 else where}")
                          for at, where in sub.units]
        builder.add(sub.text)
        self.found.append((key, offset, sub))

    def marks(self) -> list[tuple[int, int, str]]:
        return [(start + offset, end + offset, kind) for _, offset, sub in self.found for start, end, kind in sub.marks]

    def unchecked(self) -> list[str]:
        return [f"image {n + 1}: {line}" for n, (_, _, sub) in enumerate(self.found) for line in sub.unchecked]

    def painted(self, replacements: list[Replacement]) -> Iterator[tuple[Any, bytes]]:
        """(key, new bytes) of each picture something is redacted in."""
        for key, offset, sub in self.found:
            end = offset + len(sub.text)
            inside = [Replacement(r.start - offset, r.end - offset, r.new_text, r.entity_type)
                      for r in replacements if offset <= r.start < end]
            if inside:
                yield key, painted(sub, inside)


def painted(doc: Document, replacements: list[Replacement]) -> bytes:
    """The bytes of an embedded image read by :func:`read_embedded` with ``replacements``
    painted into its pixels, each box checked solid as for any scan; pixels only, no metadata."""
    import tempfile
    with tempfile.TemporaryDirectory(prefix="redact-image-") as folder:
        out = Path(folder) / f"image.{doc.handle.kind}"
        write_pages(doc, replacements, out)
        return out.read_bytes()


_KINDS = {"PNG": "png", "JPEG": "jpeg", "MPO": "jpeg", "TIFF": "tiff"}


def image_pages(path: Path | io.BytesIO) -> tuple[list[Page], str]:
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
