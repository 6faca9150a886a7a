"""PDF: true redaction. Redacted glyphs are removed from the content streams (pages and Form
XObjects), a black box is painted where they were, and everything a reader does not see on the
page (metadata, annotations, attachments, scripts, bookmarks, structure tree, earlier revisions)
is left out of the copy, which is a fresh file holding only what the pages reach.

What cannot be checked is refused: pages with no text layer (scans), scanned pages under an
OCR layer, fonts with no Unicode mapping, encrypted files without a password, broken files.
``--blank-unreadable-pages`` blacks out such pages whole instead.
"""
from __future__ import annotations

import bisect
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from pypdf import PdfReader, PdfWriter
from pypdf.errors import FileNotDecryptedError, PdfReadError, PdfStreamError
from pypdf.generic import (ArrayObject, ContentStream, DictionaryObject, NameObject, StreamObject)

from redactor.core import ReadOptions, RefusedError, Replacement
from redactor.formats import scan as scanned
from redactor.formats.base import (IMAGES_UNCHECKED, Document, Piece, TextBuilder, edits_per_piece,
                                   merge_replacements, note)
from redactor.verify import structural
from redactor.formats.pdf_content import Glyph, Interpreter, PageScan, Removals, resolve, rewrite

EXTENSIONS = (".pdf",)
MAX_PAGES = 5000
#: A page whose images cover this share of it is a scan: its pixels may hold text we cannot see.
SCAN_COVERAGE = 0.5
#: Glyphs with no Unicode mapping tolerated on a page (a stray bullet) before it is refused.
MAX_UNMAPPED = 2
BOX_PAD = 0.06  # of the font size, around each box, so antialiased glyph edges stay covered
_PAGE_KEYS_DROPPED = {"/Annots": "annotations (notes, links, form fields, attachments)",
                      "/Metadata": "XMP metadata", "/PieceInfo": "application data (PieceInfo)",
                      "/Thumb": "page thumbnails", "/AA": "JavaScript and actions",
                      "/B": "article threads"}
_CATALOG_KEYS_DROPPED = {"/Metadata": "XMP metadata", "/Outlines": "bookmarks (outline)",
                         "/Names": "named destinations, embedded files and JavaScript",
                         "/OpenAction": "JavaScript and actions", "/AA": "JavaScript and actions",
                         "/AcroForm": "form fields", "/StructTreeRoot": "structure tree (alt text, actual text)",
                         "/PieceInfo": "application data (PieceInfo)", "/SpiderInfo": "web capture data",
                         "/Threads": "article threads", "/OCProperties": "optional content (layer) names"}
#: The entries a page, an image, a Form XObject and a resource dictionary may keep: what it takes to
#: draw them. Everything else (annotations, metadata, alt text, names, layers, attached files,
#: custom keys) is left out of the copy.
_PAGE_KEYS = {"/Type", "/Parent", "/Resources", "/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox",
              "/Rotate", "/Contents", "/Group", "/UserUnit"}
_IMAGE_KEYS = {"/Type", "/Subtype", "/Width", "/Height", "/ColorSpace", "/BitsPerComponent", "/Filter",
               "/DecodeParms", "/Decode", "/ImageMask", "/Mask", "/SMask", "/Interpolate", "/Intent", "/Length",
               "/SMaskInData", "/Matte"}
_FORM_KEYS = {"/Type", "/Subtype", "/BBox", "/Matrix", "/Resources", "/Group", "/Length", "/Filter",
              "/DecodeParms", "/FormType"}
_RESOURCE_KEYS = {"/Font", "/XObject", "/ExtGState", "/ColorSpace", "/Pattern", "/Shading", "/ProcSet"}


@dataclass(slots=True)
class _PageText:
    """Where one read page's text sits in the document's text, and which Form XObjects it draws
    (by stream index). Its glyphs are not kept: a page is interpreted again when it is written,
    so that a long document is held one page at a time."""

    index: int
    start: int
    end: int
    forms: frozenset[int]


@dataclass
class _Handle:
    writer: PdfWriter
    interpreter: Interpreter
    pages: list[_PageText]
    blanked: list[int] = field(default_factory=list)
    password: str | None = None
    encrypt: bool = False
    pictures: scanned.Pictures = field(default_factory=scanned.Pictures)  # image objects read by OCR


def read(path: Path, options: ReadOptions = ReadOptions()) -> Document:
    reader = _open(path, options.password)
    removed = _hidden_content(reader)
    writer = PdfWriter()
    try:
        for page in reader.pages:
            if _closed_dict(page, _PAGE_KEYS):
                note(removed, "other page entries (viewports, custom keys...)")
            writer.add_page(page)
    except (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError) as e:
        raise RefusedError(f"cannot read the PDF's pages ({type(e).__name__})") from None
    interpreter = Interpreter(writer)
    builder = TextBuilder()
    pages: list[_PageText] = []
    blanked: list[int] = []
    unread_text: list[int] = []
    with_images: list[int] = []
    pictures: list[tuple[int, StreamObject]] = []
    for number, page in enumerate(writer.pages, start=1):
        _strip_xobjects(page.get("/Resources"), set())
        if _drop_unread_text(page.get("/Resources"), writer, set()):
            unread_text.append(number)
        scan = _scan(interpreter, page, number)
        problem = _unreadable(scan, page)
        if problem in _SCANNED and not options.blank_unreadable_pages:
            return _scanned(path, options, number, problem)
        if problem:
            if not options.blank_unreadable_pages:
                raise RefusedError(f"page {number} {problem}: needs OCR or manual review "
                                   "(or --blank-unreadable-pages)")
            blanked.append(number - 1)
            continue
        if scan.image_area:
            with_images.append(number)
            pictures += [(number, image) for image in _images(page.get("/Resources"), set())]
        builder.unit(f"page {number}")
        if builder.length:
            builder.add("\n\n")
        start = builder.length
        builder.add(_page_text(scan.glyphs).text())
        pages.append(_PageText(number - 1, start, builder.length, frozenset(
            g.key[0] for g in scan.glyphs if not interpreter.streams[g.key[0]].is_page)))
    if unread_text:
        removed.append("text drawn through a pattern, a soft mask or a Type3 glyph procedure (it cannot be read) "
                       f"on page{'s' if len(unread_text) > 1 else ''} {', '.join(map(str, unread_text))}")
    if blanked:
        removed.append(f"pages blanked whole (no checkable text): {', '.join(str(i + 1) for i in blanked)}")
    if all(p.start == p.end for p in pages) and not blanked:
        raise RefusedError("no text on its pages: nothing to check (content may be images, form fields or "
                           "annotations only)")
    handle = _Handle(writer, interpreter, pages, blanked, options.password, options.encrypt_output)
    seen: set[int] = set()
    for number, image in pictures:
        if id(image) not in seen:
            seen.add(id(image))
            handle.pictures.read(builder, image, _png(image), f"page {number}")
    unread = handle.pictures.unread + (len(with_images) if not pictures else 0)
    unchecked = [f"{unread} image(s) on page{'s' if len(with_images) > 1 else ''} {', '.join(map(str, with_images))} "
                 f"kept as they are: {IMAGES_UNCHECKED}"] if unread else []
    said = [f"{len(blanked)} page(s) blacked out whole (--blank-unreadable-pages)"] if blanked else []
    return Document(path=path, format="pdf", text=builder.text(), units=builder.units, removed=removed,
                    unchecked=unchecked + handle.pictures.unchecked(), said=said, marks=handle.pictures.marks(),
                    handle=handle)


def _images(resources: Any, seen: set[int]) -> list[StreamObject]:
    """The image objects a page's resources hold, in Form XObjects too (each once)."""
    found: list[StreamObject] = []
    xobjects = resolve(resolve(resources).get("/XObject")) if isinstance(resolve(resources), DictionaryObject) else None
    if not isinstance(xobjects, DictionaryObject) or id(xobjects) in seen:
        return found
    seen.add(id(xobjects))
    for ref in xobjects.values():
        xobj = ref.get_object()
        if isinstance(xobj, StreamObject) and xobj.get("/Subtype") == "/Image":
            found.append(xobj)
        elif isinstance(xobj, StreamObject):
            found += _images(xobj.get("/Resources"), seen)
    return found


def _png(image: StreamObject) -> bytes:
    """An image object's pixels as PNG bytes (empty when pypdf cannot decode them: the picture is
    then listed for a person)."""
    from pypdf.generic._image_xobject import _xobj_to_image  # private: pypdf is pinned to its minor version
    try:
        pixels = _xobj_to_image(image)[2]
        buffer = io.BytesIO()
        pixels.save(buffer, format="PNG")
        return buffer.getvalue()
    except Exception:  # noqa: BLE001 - any undecodable image is one a person must look at
        return b""


def _paint_image(image: StreamObject, data: bytes) -> None:
    """Put redacted pixels (``data``, an image file) into an image object: flate-compressed
    samples, grey or RGB, no mask, decode array or parameters left from the original."""
    import zlib
    from PIL import Image
    from pypdf.generic import NumberObject
    with Image.open(io.BytesIO(data)) as picture:
        pixels = picture.convert("L" if picture.mode in ("1", "L") else "RGB")
    for key in ("/SMask", "/Mask", "/Decode", "/ImageMask", "/DecodeParms"):
        if key in image:
            del image[NameObject(key)]
    _set_stream_data(image, zlib.compress(pixels.tobytes()))
    image[NameObject("/Filter")] = NameObject("/FlateDecode")
    image[NameObject("/ColorSpace")] = NameObject("/DeviceGray" if pixels.mode == "L" else "/DeviceRGB")
    image[NameObject("/BitsPerComponent")] = NumberObject(8)
    image[NameObject("/Width")], image[NameObject("/Height")] = NumberObject(pixels.width), NumberObject(pixels.height)


_SCANNED = ("has no text layer", "is a scanned image under a text layer: the image cannot be redacted")


def _scanned(path: Path, options: ReadOptions, number: int, problem: str) -> Document:
    """A PDF of scans (a page with no text layer, or an image under one): read by OCR, and its
    copy rebuilt from the redacted page images alone (:mod:`redactor.formats.scan`)."""
    if not scanned.available():
        raise RefusedError(f"page {number} {problem.split(':')[0]}: {scanned.INSTALL}")
    removed = ["everything but the pages' pixels (text layer, fonts, metadata, annotations, attachments): the "
               "copy is made from the redacted page images"]
    if options.ocr_layer:
        removed[0] += "; its invisible text layer is made anew from the words read by OCR and kept"
    return scanned.read_pages(path, "pdf", scanned.pdf_pages(path, password=options.password), removed, "pdf",
                              text_layer=options.ocr_layer)


def _scan(interpreter: Interpreter, page: Any, number: int) -> PageScan:
    """The page's glyphs in reading order (:func:`_reading_order`)."""
    try:
        scan = interpreter.scan_page(page)
        scan.glyphs = _reading_order(scan.glyphs)
        return scan
    except RefusedError:
        raise
    except Exception as e:  # noqa: BLE001 - pypdf raises many types on broken content streams
        raise RefusedError(f"page {number}: cannot read its content ({type(e).__name__})") from None


def _reading_order(glyphs: list[Glyph]) -> list[Glyph]:
    """Glyphs as a person reads them. A page drawn in reading order (almost every page) is left as
    drawn; one where a glyph is drawn to the left of the one before it on the same line (a word
    drawn last letter first, shuffled glyphs, words right to left) has its upright glyphs put in
    lines from the top and each line from the left, so that a name drawn backwards reads forwards."""
    upright = [g for g in glyphs if abs(g.direction[0] - 1) < 1e-3 and abs(g.direction[1]) < 1e-3]
    backwards = any(abs(b.origin[1] - a.origin[1]) <= 0.3 * a.size and b.origin[0] < a.origin[0] - 0.3 * a.size
                    for a, b in zip(upright, upright[1:]))
    if not backwards:
        return glyphs
    lines: list[list[Glyph]] = []
    for g in sorted(upright, key=lambda g: -g.origin[1]):
        if lines and abs(lines[-1][0].origin[1] - g.origin[1]) <= 0.3 * max(g.size, 0.1):
            lines[-1].append(g)
        else:
            lines.append([g])
    ordered = [g for line in lines for g in sorted(line, key=lambda g: g.origin[0])]
    kept = {id(g) for g in upright}
    return ordered + [g for g in glyphs if id(g) not in kept]


def glyphs(doc: Document) -> Iterator[Glyph]:
    """Every glyph of the document's readable pages, in drawing order (interpreted again)."""
    h: _Handle = doc.handle
    for p in h.pages:
        yield from _scan(h.interpreter, h.writer.pages[p.index], p.index + 1).glyphs


def _open(path: Path, password: str | None) -> PdfReader:
    data = path.read_bytes()  # the pipeline has checked it is a regular file under the size limit
    if b"%PDF-" not in data[:1024]:
        raise RefusedError("not a PDF file (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(password or ""):  # "": opens in any viewer
            if password is None:
                raise RefusedError("the PDF is encrypted: give its password with --password")
            raise RefusedError("the PDF is encrypted and the password given does not open it")
        count = len(reader.pages)
    except RefusedError:
        raise
    except FileNotDecryptedError:
        raise RefusedError("the PDF is encrypted: give its password with --password") from None
    except NotImplementedError as e:
        raise RefusedError(f"the PDF uses an encryption this tool cannot open ({type(e).__name__})") from None
    except Exception as e:  # noqa: BLE001 - corrupt, truncated or fuzzed files raise anything
        raise RefusedError(f"not a readable PDF ({type(e).__name__})") from None
    if count == 0:
        raise RefusedError("the PDF has no pages")
    if count > MAX_PAGES:
        raise RefusedError(f"over {MAX_PAGES} pages")
    return reader


def _hidden_content(reader: PdfReader) -> list[str]:
    """What the copy will leave out, as the report lists it."""
    found: list[str] = []
    try:
        if reader.trailer.get("/Info"):
            note(found, "document information (author, title, subject, keywords)")
        catalog = reader.trailer["/Root"].get_object()
        for key, what in _CATALOG_KEYS_DROPPED.items():
            if key in catalog:
                note(found, what)
        for page in reader.pages:
            for key, what in _PAGE_KEYS_DROPPED.items():
                if key in page:
                    note(found, what)
        if _has_updates(reader):
            note(found, "earlier revisions (incremental updates)")
    except Exception:  # noqa: BLE001 - only the report's list depends on this walk
        note(found, "parts of the file that could not be listed")
    return found


def _has_updates(reader: PdfReader) -> bool:
    """More than one cross-reference section: the file was updated incrementally, and the
    superseded objects (earlier revisions) are still in it."""
    return reader.stream.getvalue().count(b"startxref") > 1


def _closed_dict(d: Any, allowed: set[str]) -> int:
    """Delete every entry of ``d`` not in ``allowed``; returns how many went."""
    extra = [k for k in d if k not in allowed]
    for key in extra:
        del d[key]
    return len(extra)


def _strip_xobjects(resources: Any, seen: set[int]) -> None:
    """Keep only what drawing needs in the resources and every XObject the page draws (closed
    lists of entries), give fonts neutral names (:func:`_neutral_font`) and spot colours too."""
    resources = resolve(resources)
    if not isinstance(resources, DictionaryObject) or id(resources) in seen:
        return
    seen.add(id(resources))
    _closed_dict(resources, _RESOURCE_KEYS)  # marked-content properties go: no BDC refers to them
    fonts = resolve(resources.get("/Font"))
    if isinstance(fonts, DictionaryObject):
        for ref in fonts.values():
            _neutral_font(ref.get_object(), seen)
    spaces = resolve(resources.get("/ColorSpace"))
    if isinstance(spaces, DictionaryObject):
        for key in list(spaces):
            spaces[key] = _neutral_colour_space(resolve(spaces[key]))
    xobjects = resolve(resources.get("/XObject"))
    if not isinstance(xobjects, DictionaryObject):
        return
    for ref in xobjects.values():
        xobj = ref.get_object()
        if isinstance(xobj, StreamObject):
            _closed_dict(xobj, _FORM_KEYS if xobj.get("/Subtype") == "/Form" else _IMAGE_KEYS)
            if "/ColorSpace" in xobj:
                xobj[NameObject("/ColorSpace")] = _neutral_colour_space(xobj["/ColorSpace"].get_object())
            _strip_xobjects(xobj.get("/Resources"), seen)


def _neutral_colour_space(space: Any) -> Any:
    """A spot colour's colorant name is free text ('/PANTONE 286 C', or a person's name): names that
    are not machine-made become /Spot1, /Spot2...; the alternate space draws the same colour."""
    if isinstance(space, ArrayObject) and len(space) > 1 and space[0] in ("/Separation", "/DeviceN"):
        names = space[1] if space[0] == "/DeviceN" else [space[1]]
        neutral = [n if structural(str(n).lstrip("/")) else NameObject(f"/Spot{i + 1}") for i, n in enumerate(names)]
        space[1] = ArrayObject(neutral) if space[0] == "/DeviceN" else neutral[0]
        if space[0] == "/DeviceN" and len(space) > 4:
            del space[4:]  # attributes: process and colorant dictionaries by name
    return space


#: Font-descriptor entries that are free text or metadata, not needed to draw a glyph.
_DESCRIPTOR_KEYS_DROPPED = ("/FontFamily", "/CharSet", "/Style", "/Lang", "/Metadata", "/PieceInfo", "/CIDSet")


def _neutral_font(font: Any, seen: set[int]) -> None:
    """A font's name is free text ('/ABCDEF+Philippa-Regular'): an embedded font is drawn from its
    own program and a viewer needs no name, so it is called ``/Font`` in the copy; a font that is
    not embedded keeps a name made of known font words, which a viewer needs to find it on the
    machine, and is called Helvetica otherwise."""
    if not isinstance(font, DictionaryObject) or id(font) in seen:
        return
    seen.add(id(font))
    for descendant in font.get("/DescendantFonts") or []:
        _neutral_font(descendant.get_object(), seen)
    descriptor = resolve(font.get("/FontDescriptor"))
    if isinstance(descriptor, DictionaryObject):
        for key in _DESCRIPTOR_KEYS_DROPPED:
            if key in descriptor:
                del descriptor[NameObject(key)]
        if any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            descriptor[NameObject("/FontName")] = NameObject("/Font")
            font[NameObject("/BaseFont")] = NameObject("/Font")
    if not structural(str(font.get("/BaseFont", "")).lstrip("/")):
        font[NameObject("/BaseFont")] = NameObject("/Helvetica")  # a viewer substitutes an unknown font anyway
        if isinstance(descriptor, DictionaryObject):
            descriptor[NameObject("/FontName")] = NameObject("/Helvetica")
    if font.get("/Subtype") == "/Type0" and font.get("/DescendantFonts"):
        font[NameObject("/BaseFont")] = NameObject("/Font")
    if font.get("/Subtype") == "/Type3":
        font[NameObject("/Name")] = NameObject("/Font")


def _unreadable(scan: PageScan, page: Any) -> str | None:
    """Why a page's content cannot be checked, or None."""
    text = [g for g in scan.glyphs if g.text and g.text.strip()]
    unmapped = sum(scan.unmapped.values())
    if unmapped > MAX_UNMAPPED:
        return f"uses a font with no Unicode mapping ({unmapped} glyphs)"
    box = page.mediabox
    page_area = abs(float(box.width) * float(box.height)) or 1.0
    if scan.image_area and not text:
        return "has no text layer"
    if scan.image_area / page_area >= SCAN_COVERAGE:
        return "is a scanned image under a text layer: the image cannot be redacted"
    return None


_SHOWS_TEXT = re.compile(rb"(?:^|[\s\])>])(?:Tj|TJ|'|\")(?:$|\s)")


def _drop_unread_text(resources: Any, pdf: Any, seen: set[int]) -> int:
    """Remove the text objects (BT ... ET) of every stream the interpreter does not run (tiling
    patterns, soft masks' groups, Type3 fonts' glyph procedures, and Form XObjects those draw):
    their text is never read, so the copy must not hold it. Returns how many streams changed."""
    resources = resolve(resources)
    if not isinstance(resources, DictionaryObject) or id(resources) in seen:
        return 0
    seen.add(id(resources))

    def entries(key: str) -> list[Any]:
        category = resolve(resources.get(key))
        return [v.get_object() for v in category.values()] if isinstance(category, DictionaryObject) else []

    unread = [p for p in entries("/Pattern") if isinstance(p, StreamObject)]
    for state in entries("/ExtGState"):
        mask = resolve(state.get("/SMask") if isinstance(state, DictionaryObject) else None)
        if isinstance(mask, DictionaryObject) and mask.get("/G") is not None:
            unread.append(mask["/G"].get_object())
    owners = []  # dictionaries whose /Resources the unread streams use
    for font in entries("/Font"):
        procs = resolve(font.get("/CharProcs") if isinstance(font, DictionaryObject) else None)
        if isinstance(procs, DictionaryObject):
            unread += [v.get_object() for v in procs.values()]
            owners.append(font)
    changed = sum(_drop_unread_text(x.get("/Resources"), pdf, seen) for x in entries("/XObject")
                  if isinstance(x, StreamObject) and x.get("/Subtype") == "/Form")
    for stream in unread:
        if not isinstance(stream, StreamObject):
            continue
        changed += _strip_text_objects(stream, pdf)
        changed += _unread_forms(stream.get("/Resources"), pdf, set())
    for owner in owners:
        changed += _unread_forms(owner.get("/Resources"), pdf, set())
    return changed


def _unread_forms(resources: Any, pdf: Any, seen: set[int]) -> int:
    """Text objects removed from every Form XObject an unread stream draws, at any depth."""
    resources = resolve(resources)
    if not isinstance(resources, DictionaryObject) or id(resources) in seen:
        return 0
    seen.add(id(resources))
    xobjects = resolve(resources.get("/XObject"))
    changed = 0
    for ref in (xobjects.values() if isinstance(xobjects, DictionaryObject) else []):
        form = ref.get_object()
        if isinstance(form, StreamObject) and form.get("/Subtype") == "/Form":
            changed += _strip_text_objects(form, pdf) + _unread_forms(form.get("/Resources"), pdf, seen)
    return changed


def _strip_text_objects(stream: StreamObject, pdf: Any) -> int:
    """1 when ``stream`` showed text and no longer does (a stream that cannot be parsed is emptied)."""
    try:
        if not _SHOWS_TEXT.search(stream.get_data()):
            return 0
        kept, inside = [], False
        for operands, op in ContentStream(stream, pdf).operations:
            if op == b"BT":
                inside = True
            elif op == b"ET":
                inside = False
            elif not inside and op not in (b"Tj", b"TJ", b"'", b'"'):
                kept.append((operands, op))
        content = ContentStream(None, None)
        content.operations = kept
        data = content.get_data()
    except Exception:  # noqa: BLE001 - what cannot be parsed cannot be checked: it goes
        data = b""
    _set_stream_data(stream, data)
    return 1


def _page_text(glyphs: list[Glyph]) -> TextBuilder:
    """A page's text: glyphs in drawing order, with a space where there is a gap, a tab for a wide
    gap (table columns) and a newline between lines, except that a line which runs to its column's
    right edge and continues on the next line is joined with a space (a wrapped paragraph). Each
    piece's locator is the index of its glyph in ``glyphs``."""
    builder = TextBuilder()
    if not glyphs:
        return builder
    lines: list[list[int]] = []
    seps: list[str] = []
    for i, g in enumerate(glyphs):
        sep = _separator(glyphs[i - 1], g) if i else "\n"
        if sep == "\n":
            lines.append([i])
        else:
            seps.append(sep)
            lines[-1].append(i)
    seps.reverse()
    right = _column_right_edges(glyphs, lines)
    hidden: set[int] = set()  # the hyphen of a word broken across lines, read as one word
    breaks = [_line_break(glyphs, lines[n - 1], line, right[n - 1]) if n else "" for n, line in enumerate(lines)]
    for n in range(1, len(lines)):
        prev, line = lines[n - 1], lines[n]
        texts = [glyphs[i].text or "" for i in (prev[-2] if len(prev) > 1 else prev[-1], prev[-1], line[0])]
        if breaks[n] != "\n" and texts[1] in ("-", "\u00ad") and texts[0].isalpha() and texts[2].islower():
            hidden.add(prev[-1])
            breaks[n] = ""
    for n, line in enumerate(lines):
        builder.add(breaks[n])
        for k, i in enumerate(line):
            if k:
                builder.add(seps.pop())
            builder.add("" if i in hidden else glyphs[i].text or "\ufffd", i)
    return builder


def _column_right_edges(glyphs: list[Glyph], lines: list[list[int]]) -> list[float]:
    """For each line, the furthest right any line starting at the same x reaches."""
    starts = [glyphs[line[0]].origin[0] for line in lines]
    ends = [glyphs[line[-1]].advance_end[0] for line in lines]
    return [max(e for s, e in zip(starts, ends) if abs(s - starts[n]) <= 2 * glyphs[lines[n][0]].size)
            for n in range(len(lines))]


#: The start of a line that begins a new field or row, never the rest of a wrapped one: a form's
#: label ('DOB: ...', 'Next of kin: ...') or a numbered row of comma-separated values ('2,Frank,...').
_STARTS_A_RECORD = re.compile(r"[A-Z][A-Za-z ()/'’\-]{0,30}:\s|\d{1,3},\S")


def _line_break(glyphs: list[Glyph], prev: list[int], line: list[int], right_edge: float) -> str:
    last, first = glyphs[prev[-1]], glyphs[line[0]]
    size = max(last.size, 0.1)
    ux, uy = last.direction
    dx, dy = first.origin[0] - last.advance_end[0], first.origin[1] - last.advance_end[1]
    across = dx * -uy + dy * ux
    same_left = abs(first.origin[0] - glyphs[prev[0]].origin[0]) <= 2 * size
    wrapped = last.advance_end[0] >= right_edge - 4 * size and len(prev) > 20
    head = "".join(glyphs[i].text or "" for i in line[:40]).lstrip()
    bullet = head[:1] in ("*", "•", "-", "–", "·", "▪")
    if -1.6 * size <= across < 0 and same_left and wrapped and not bullet and not _STARTS_A_RECORD.match(head):
        return "" if (last.text or "").isspace() else " "
    return "\n"


def _separator(prev: Glyph, g: Glyph) -> str:
    """What separates two glyphs drawn one after the other: nothing, a space, a tab, or a new line."""
    size = max(prev.size, 0.1)
    dx, dy = g.origin[0] - prev.advance_end[0], g.origin[1] - prev.advance_end[1]
    ux, uy = prev.direction
    along, across = dx * ux + dy * uy, dx * -uy + dy * ux
    if abs(across) <= 0.4 * size and along > -0.3 * size:
        if along > 0.8 * size:
            return "\t"
        if along > 0.2 * size and not (prev.text or "").isspace() and not (g.text or "").isspace():
            return " "
        return ""
    return "\n"


# ------------------------------------------------------------------------------ writing
def write(doc: Document, replacements: list[Replacement], out: Path) -> None:
    """Remove the glyphs under each replacement, paint boxes, and write a fresh file. Pages are
    interpreted again one at a time; a page whose text no longer reads as it did is refused. A
    scanned PDF is rebuilt from its redacted page images."""
    if isinstance(doc.handle, scanned.Pages):
        scanned.write_pages(doc, replacements, out)
        return
    h: _Handle = doc.handle
    per_stream, boxes = _under(h, merge_replacements(replacements), doc.text)
    streams = h.interpreter.streams
    resources = _resource_dicts(h)
    names = _neutral_names(resources)
    rewritten: dict[int, bytes] = {}
    for index, stream in enumerate(streams):  # every stream, so that every one passes the closed filter
        rewritten[index] = rewrite(stream, per_stream.get(index, {}), h.writer, names)
        if not stream.is_page:
            _set_stream_data(stream.owner, rewritten[index])
    pages = list(h.writer.pages)
    page_streams = {id(s.owner): i for i, s in enumerate(streams) if s.is_page}
    drawn = {id(s.owner) for s in streams if not s.is_page}
    for page_index, page in enumerate(pages):
        if page_index in h.blanked:
            _blank(page)
            continue
        _prune_forms(page.get("/Resources"), drawn, set())
        index = page_streams.get(id(page))
        if index is None:
            continue
        content = ContentStream(None, None)
        content.set_data(b"q\n" + rewritten[index] + b"\n" + b"Q\n" * (streams[index].unbalanced_q + 1)
                         + _paint(boxes.get(page_index, [])))
        page.replace_contents(content)
    for category in resources:
        for old in [k for k in category if k in names]:
            category[NameObject(names[old])] = category[old]
            del category[old]
    for image, data in h.pictures.painted(replacements):
        _paint_image(image, data)
    _save(h, out)


def boxes(doc: Document, spans: list[tuple[int, int]]) -> dict[int, list[tuple[float, ...]]]:
    """Where the boxes over ``spans`` of the document's text would be painted: each glyph's quad
    (padded as in the copy) in page space, by page index. For the review page's picture."""
    return _under(doc.handle, merge_replacements([Replacement(s, e, "", "") for s, e in spans]), doc.text)[1]


def _under(h: _Handle, merged: list[Replacement], text: str) -> tuple[dict[int, Removals],
                                                                      dict[int, list[tuple[float, ...]]]]:
    """The glyphs under ``merged`` replacements: what to remove from each stream, and the boxes
    to paint on each page."""
    ends = [r.end for r in merged]
    per_stream: dict[int, Removals] = {}
    removed_keys: set[tuple[int, int, int, int]] = set()
    boxes: dict[int, list[tuple[float, ...]]] = {}
    for page in h.pages:
        first = bisect.bisect_right(ends, page.start)
        local = [Replacement(max(r.start, page.start) - page.start, min(r.end, page.end) - page.start,
                             r.new_text, r.entity_type)
                 for r in merged[first:] if r.start < page.end and r.end > page.start]
        if not local:
            continue
        glyph_list, pieces = _reread(h, page, text)
        for piece_index in edits_per_piece(pieces, local):
            g = glyph_list[pieces[piece_index].locator]
            removed_keys.add(g.key)
            stream, op, item, start = g.key
            per_stream.setdefault(stream, {}).setdefault(op, {}).setdefault(item, {})[start] = (g.end, g.kern)
        boxes[page.index] = [_padded(g) for g in glyph_list if g.key in removed_keys]
    # a Form XObject drawn on several pages: every page drawing a removed glyph of it gets a box
    forms = {key[0] for key in removed_keys if not h.interpreter.streams[key[0]].is_page}
    for page in h.pages:
        if page.forms & forms:
            glyph_list = _reread(h, page, text)[0]
            boxes[page.index] = [_padded(g) for g in glyph_list if g.key in removed_keys]
    return per_stream, boxes


_RESOURCE_CATEGORIES = sorted(_RESOURCE_KEYS - {"/ProcSet"})  # the named resources a stream refers to


def _resource_dicts(h: _Handle) -> list[DictionaryObject]:
    """The resource categories (fonts, XObjects...) of every page and drawn Form XObject, each once."""
    owners = [s.owner for s in h.interpreter.streams]
    found: dict[int, DictionaryObject] = {}
    for owner in owners:
        resources = resolve(owner.get("/Resources"))
        if isinstance(resources, DictionaryObject):
            for key in _RESOURCE_CATEGORIES:
                category = resolve(resources.get(key))
                if isinstance(category, DictionaryObject):
                    found[id(category)] = category
    return list(found.values())


def _neutral_names(categories: list[DictionaryObject]) -> dict[str, str]:
    """A resource's name is free text ('/FormXob.3f2a', '/PhilippaQuarendon'): every name that is
    not machine-made gets a neutral one, the same in every stream and resource dictionary."""
    names: dict[str, str] = {}
    for category in categories:
        for key in category:
            if key not in names and not structural(key.lstrip("/")):
                names[key] = f"/Rx{len(names) + 1}"
    return names


def _prune_forms(resources: Any, drawn: set[int], seen: set[int]) -> None:
    """Remove from the resources every Form XObject no page draws: its content was never read."""
    resources = resolve(resources)
    if not isinstance(resources, DictionaryObject) or id(resources) in seen:
        return
    seen.add(id(resources))
    xobjects = resolve(resources.get("/XObject"))
    if not isinstance(xobjects, DictionaryObject):
        return
    for name in list(xobjects):
        xobj = xobjects[name].get_object()
        if isinstance(xobj, StreamObject) and xobj.get("/Subtype") == "/Form":
            if id(xobj) not in drawn:
                del xobjects[name]
            else:
                _prune_forms(xobj.get("/Resources"), drawn, seen)


def _reread(h: _Handle, page: _PageText, text: str) -> tuple[list[Glyph], list[Piece]]:
    """A page's glyphs and text pieces, interpreted again; refused if its text differs from what
    was read (a copy redacted by offsets into other text would not be redacted)."""
    scan = _scan(h.interpreter, h.writer.pages[page.index], page.index + 1)
    builder = _page_text(scan.glyphs)
    if builder.text() != text[page.start:page.end]:
        raise RefusedError(f"page {page.index + 1} reads differently the second time: cannot redact it safely")
    return scan.glyphs, builder.pieces


def _padded(g: Glyph) -> tuple[float, ...]:
    """The glyph's quad grown by BOX_PAD of its size on every side."""
    x0, y0, x1, y1, x2, y2, x3, y3 = g.quad
    pad = BOX_PAD * g.size
    ux, uy = g.direction
    vx, vy = -uy, ux
    return (x0 - pad * ux - pad * vx, y0 - pad * uy - pad * vy, x1 + pad * ux - pad * vx, y1 + pad * uy - pad * vy,
            x2 + pad * ux + pad * vx, y2 + pad * uy + pad * vy, x3 - pad * ux + pad * vx, y3 - pad * uy + pad * vy)


def _paint(quads: list[tuple[float, ...]]) -> bytes:
    if not quads:
        return b""
    parts = ["q 0 0 0 rg"]
    for q in quads:
        parts.append("{:.3f} {:.3f} m {:.3f} {:.3f} l {:.3f} {:.3f} l {:.3f} {:.3f} l h f".format(*q))
    parts.append("Q\n")
    return "\n".join(parts).encode("ascii")


def _blank(page: Any) -> None:
    box = page.mediabox
    content = ContentStream(None, None)
    content.set_data(f"0 0 0 rg {float(box.left):.3f} {float(box.bottom):.3f} {float(box.width):.3f} "
                     f"{float(box.height):.3f} re f\n".encode("ascii"))
    page.replace_contents(content)
    page[NameObject("/Resources")] = DictionaryObject()


def _set_stream_data(obj: StreamObject, data: bytes) -> None:
    for key in ("/Filter", "/DecodeParms"):
        if key in obj:
            del obj[NameObject(key)]
    if hasattr(obj, "decoded_self"):
        obj.decoded_self = None
    StreamObject.set_data(obj, data)


def _save(h: _Handle, out: Path) -> None:
    """Copy the pages into a fresh writer, which takes only the objects they reach (old content
    streams, dropped annotations and earlier revisions stay behind), and write it."""
    final = PdfWriter()
    for page in h.writer.pages:
        final.add_page(page)
    for page in final.pages:
        page.compress_content_streams()
    final._info = None  # no document information dictionary at all
    if h.encrypt and h.password:
        final.encrypt(user_password=h.password, algorithm="AES-256")
    with open(out, "wb") as f:
        final.write(f)


# ------------------------------------------------------------------------------ reading a copy back
def copy_texts(path: Path, options: ReadOptions = ReadOptions()) -> list[str]:
    """The copy as this tool reads it (its own glyph reader) and as pypdf extracts it: the
    pipeline's own check for the redacted values. The independent readers are in
    :mod:`redactor.verify`; they also read the copy's pictures by OCR (a scan's copy is its pages'
    pictures), so they are not read a second time here."""
    password = options.password if options.encrypt_output else None
    reader = _open(path, password)
    interpreter = Interpreter(reader)
    return ["\n".join(_page_text(interpreter.scan_page(page).glyphs).text() for page in reader.pages),
            "\n".join(page.extract_text() or "" for page in reader.pages)]
