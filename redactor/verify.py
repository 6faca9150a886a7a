"""Independent verification of a written copy: what readers that are not the tool's own see in it.

Two checks, both on every copy before it gets its final name:

1. **Values**: no redacted value (or its digits-only form) is readable anywhere more often than in
   the redacted text the tool meant to write (:func:`redactor.formats.base.leaked_values`).
2. **Closed world**: every word an independent reader finds is accounted for by the tool's own
   redacted text (the text it scanned, after redaction), up to whitespace, punctuation and case;
   in places that are not document text (attribute values, part and object names) a word may also
   be the format's own vocabulary (``lexicons/structure_words.txt``) or a machine token (a number,
   a short hex value, ``rId7``). A word the tool never scanned means the copy holds content that
   detection never saw: the copy is withheld.

The readers here share no code with the format handlers: for .txt the bytes under strict UTF-8;
for .docx every zip member (names, XML text and attribute values, images' metadata, any other
binary part); for .pdf poppler's pdftotext (pdfminer.six where poppler is absent), pypdf's
``extract_text`` and a walk over every string and name of every object and content stream.
Problems are reported by the kind of place only, never the text found there.
"""
from __future__ import annotations

import functools
import html
import re
import shutil
import struct
import subprocess
import unicodedata
import urllib.parse
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from lxml import etree

from redactor.core import ReadOptions
from redactor.formats.base import leaked_values
from redactor.models.settings import lexicon

_WORD = re.compile(r"[^\W_]+")
#: Characters that hide inside a word without showing: removed before words are compared.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"), None)
#: Machine tokens: short numbers and hex values (sizes, colours, revision ids), and a few letters
#: followed by a number (resource and relationship names: F1, Im0, rId7, TT2), a font's PANOSE
#: class (20 hex digits) and a GUID's parts. Ten- and eleven-digit numbers (NHS, phone) are not.
MACHINE = re.compile(r"[0-9a-f]{1,8}|[0-9a-f]{12}|[0-9a-f]{20}|[a-z]{1,4}\d{1,6}|\d{1,6}[a-z]{1,3}|x[0-9a-f]{1,8}")
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_PARTS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+|[^\W\dA-Za-z_]+")
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
PNG_SAFE_CHUNKS = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"sBIT", b"bKGD",
                    b"pHYs", b"hIST"}
#: JPEG markers that hold pixels or how to decode them (SOFn, DHT, DQT, DRI, SOS, RSTn, APP0 JFIF,
#: APP14 Adobe): comments (COM), EXIF and XMP (APP1), ICC profiles with their text (APP2) are not.
JPEG_SAFE = {0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCC, 0xCD, 0xCE, 0xCF, 0xDB,
              0xDD, 0xDA, 0xE0, 0xEE}


@dataclass
class Reading:
    """What one independent reader saw: ``segments`` of text (a line, a paragraph, an attribute
    value), and ``problems`` it found by structure alone (an image with metadata, a part it could
    not read). ``structural`` segments may hold the format's own vocabulary. An ``approximate``
    reader (OCR) is searched for the redacted values only: its misreadings are not new words."""

    place: str
    segments: list[str] = field(default_factory=list)
    structural: bool = False
    approximate: bool = False
    problems: list[str] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)  # further decodings, searched for the redacted values only


def _visible(text: str) -> str:
    """NFKC, invisible characters removed: 'Phil\\u00adippa', 'ＰＨＩＬ' and 'ﬃ' read as typed."""
    return unicodedata.normalize("NFKC", text.translate(_INVISIBLE))


def fold(text: str) -> str:
    """:func:`_visible`, case-folded: how words are compared."""
    return _visible(text).casefold()


@functools.lru_cache(maxsize=1)
def structure_words() -> frozenset[str]:
    return lexicon("structure_words")


class Ledger:
    """The words of the tool's redacted text, to account for what a reader sees."""

    def __init__(self, expected: str) -> None:
        words = _WORD.findall(fold(expected))
        self.words = set(words)
        self.compact = "".join(words)

    def _known(self, word: str, structural: bool) -> bool:
        if word in self.words or len(word) == 1 or (len(word) >= 4 and word in self.compact):
            return True
        if _RTL.search(word) and word[::-1] in self.words:
            return True  # Arabic or Hebrew read in drawing (visual) order by one reader, logical by another
        return structural and (MACHINE.fullmatch(word) is not None or word in structure_words())

    def _parts_known(self, word: str, structural: bool) -> bool:
        """A machine-made name, or values a reader ran together: its camel-case and digit-separated
        parts ('CommentReference', 'WW8Num1z0', 'header1', '10460900Lorem') each short, a number,
        the format's vocabulary or the tool's text."""
        return all(len(p) <= 2 or p.isdigit() and len(p) <= 8 or self._known(p.casefold(), structural)
                   for p in _PARTS.findall(word))

    def unaccounted(self, segment: str, structural: bool = False) -> list[str]:
        """The words of ``segment`` the redacted text does not account for. A word split or joined
        differently by another reader ('Fair brother', 'NameRoom') is accounted for when it and its
        neighbours joined are."""
        raw = _WORD.findall(_visible(segment))
        words = [w.casefold() for w in raw]
        missing = [i for i, w in enumerate(words) if not self._known(w, structural)
                   and not self._parts_known(raw[i], structural)]
        if not missing or "".join(words) in self.compact:
            return []
        left = []
        for i in missing:
            joined = ("".join(words[max(0, i - 1):i + 2]), "".join(words[max(0, i - 1):i + 1]),
                      "".join(words[i:i + 2]))
            if not any(j in self.words or j in self.compact for j in joined):
                left.append(words[i])
        return left


_EMPTY = Ledger("")


@functools.lru_cache(maxsize=65536)  # attribute values repeat ('left', 'auto', '240') thousands of times
def structural(value: str) -> bool:
    """True when every word of ``value`` is machine-made or the format's own vocabulary: what a
    writer may copy through that no reader of the document's text would see."""
    return not _IDENTIFIER.search(value) and not _EMPTY.unaccounted(value, structural=True)


#: Nine digits or more in a run, as NHS, phone and National Insurance numbers are written (spaces,
#: dots or hyphens between groups), not inside a hexadecimal token: never a format's machinery.
_IDENTIFIER = re.compile(r"(?<![0-9A-Fa-f])\d(?:[ .\-/]?\d){8,}(?![0-9A-Fa-f])")


def verify(fmt: str, copy: Path, expected: str, values: list[str], options: ReadOptions = ReadOptions()) -> list[str]:
    """Problems found in ``copy`` (empty: verified). ``expected`` is the tool's redacted text and
    ``values`` the redacted values. Each problem names a kind of place and a count, never text."""
    readers = READERS[fmt]
    try:
        readings = list(readers(copy, options))
    except Exception as e:  # noqa: BLE001 - a copy no independent reader can open is not verified
        return [f"an independent reader could not open the copy ({type(e).__name__})"]
    return check(readings, expected, values)


def check(readings: list[Reading], expected: str, values: list[str]) -> list[str]:
    """The two checks on what the independent readers saw."""
    problems: list[str] = []
    ledger = Ledger(expected)
    # a redacted word that is also the format's own ('Roman' of a font, 'Footer' of a style) is
    # structure where a whole structural value is made of such words
    texts = ["\n".join(s for s in r.segments if not (r.structural and structural(s)))
             for r in readings]
    leaks = leaked_values(values, texts, expected)
    # binary data holds any two letters by chance ('Ed' in a PNG): there only values of 4 or more count
    long_values = [v for v in values if len(re.sub(r"\W", "", v)) >= 4]
    leaks += [v for v in leaked_values(long_values, [t for r in readings for t in r.raw], expected) if v not in leaks]
    if leaks:
        problems.append(f"{len(leaks)} redacted value(s) still readable in the copy")
    for r in readings:
        problems += r.problems
        unknown = 0 if r.approximate else sum(len(ledger.unaccounted(s, r.structural)) for s in r.segments)
        if unknown:
            problems.append(f"{unknown} word(s) the tool never scanned, seen by {r.place}")
    return problems


def verify_text(data: bytes, expected: str, values: list[str]) -> list[str]:
    """:func:`verify` for a piece of a text copy (a section of a long text), given its bytes."""
    return check(list(_text_readings(data)), expected, values)


# ------------------------------------------------------------------------------------------ text
def read_text(path: Path, options: ReadOptions) -> Iterator[Reading]:
    return _text_readings(path.read_bytes())


def _text_readings(data: bytes) -> Iterator[Reading]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        yield Reading("a UTF-8 reader", problems=["the copy is not valid UTF-8"])
        return
    yield Reading("a UTF-8 reader", text.splitlines(), raw=[data.decode("latin-1"), _utf16(data)])


def _utf16(data: bytes) -> str:
    return data.decode("utf-16-le", "replace") + "\n" + data.decode("utf-16-be", "replace")


# ------------------------------------------------------------------------------------------ e-mail
def read_eml(path: Path, options: ReadOptions) -> Iterator[Reading]:
    """Every part of the message decoded (transfer encodings, charsets, encoded words) by the
    standard library's parser under its modern policy (the handler reads with the older one),
    HTML stripped of its tags, and every attachment by its own format's independent reader."""
    import email
    import email.policy
    import tempfile
    from redactor.formats import handler_for
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    seen = Reading("an e-mail parser (headers, decoded parts and file names)")
    raw = Reading("a byte reader (the whole message)", raw=[path.read_bytes().decode("latin-1")])
    for key, value in message.items():
        if not key.lower().startswith("content-") and key.lower() != "mime-version":
            seen.segments.append(str(value))
    attachments: list[tuple[Path, str]] = []
    workdir = Path(tempfile.mkdtemp(prefix="redact-verify-"))
    try:
        for n, part in enumerate(message.walk()):
            if part.is_multipart():
                continue
            data = part.get_payload(decode=True) or b""
            name = part.get_filename()
            if name:
                seen.segments.append(str(name))
                handler = handler_for(Path(str(name)))
                if handler is None:
                    seen.problems.append("an attachment of a kind no reader here can check")
                    continue
                local = workdir / f"part-{n}{Path(str(name)).suffix.lower()}"
                local.write_bytes(data)
                attachments.append((local, handler.__name__.rsplit(".", 1)[-1].replace("text", "txt")))
                continue
            text = data.decode(part.get_content_charset() or "utf-8", "replace")
            if part.get_content_type() == "text/html":
                text = html.unescape(re.sub(r"<[^>]+>", "\n", text))
            seen.segments.extend(text.splitlines())
        yield seen
        yield raw
        for local, fmt in attachments:
            for reading in READERS[fmt](local, options):
                reading.place = f"{reading.place}, in an attachment"
                yield reading
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


# ------------------------------------------------------------------------------------------ images
def read_image(path: Path, options: ReadOptions) -> Iterator[Reading]:
    """The copy's pixels read by OCR (Tesseract, run afresh on the file as written) and searched
    for faces (each one seen is written as the stand-in a redacted face had), and the file's
    bytes outside its pixels (no text chunk, EXIF or XMP may hold a value)."""
    from PIL import Image
    from redactor.formats.scan import FACE_TEXT, faces, ocr
    seen = Reading("OCR of the copy", approximate=True)
    with Image.open(path) as image:
        for n in range(getattr(image, "n_frames", 1)):
            image.seek(n)
            seen.segments.append(" ".join(w["text"] for w in ocr(image)))
            seen.segments += [FACE_TEXT] * len(faces(image))
        if any(k in image.info for k in ("exif", "xmp", "icc_profile", "comment")) or getattr(image, "text", None):
            seen.problems.append("an image holding metadata (EXIF, XMP, ICC or text)")
    yield seen


# ------------------------------------------------------------------------------------------ docx
def read_ooxml(path: Path, options: ReadOptions) -> Iterator[Reading]:
    """Every member of an Office package (.docx, .xlsx): names, XML text and attributes, images' metadata; a member
    that is neither XML nor a plain image is a problem in itself (nothing here can read it)."""
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        yield Reading("the package's part names", [n for n in names], structural=True)
        text = Reading("an XML reader (element text)", structural=True)
        attrs = Reading("an XML reader (attribute values)", structural=True)
        binary = Reading("a byte reader (non-XML parts)")
        pixels = Reading("OCR of the package's images", approximate=True)
        for name in names:
            data = z.read(name)
            kind = sniff(data)
            if kind != "xml":
                outside = _outside_pixels(kind, data)
                binary.raw.append(outside.decode("latin-1") + "\n" + _utf16(outside))
            if kind == "xml":
                try:
                    root = etree.fromstring(data, _XML_PARSER)
                except etree.XMLSyntaxError:
                    text.problems.append("an XML part no independent reader can parse")
                    continue
                _xml_segments(root, text.segments, attrs.segments)
            elif kind in ("png", "jpeg", "gif"):
                if not _image_is_bare(kind, data):
                    binary.problems.append("an image holding metadata (text chunks, EXIF, XMP or comments)")
                pixels.segments += _pixels(data)
            elif data.strip():
                binary.problems.append("a part that is neither XML nor a plain image (it cannot be read)")
        yield from (text, attrs, binary, pixels)


def _pixels(data: bytes) -> list[str]:
    """What OCR reads in an image's pixels, and a stand-in for each face seen (nothing without
    Tesseract: the handler then listed the image for a person, unread)."""
    import io
    from PIL import Image
    from redactor.formats.scan import FACE_TEXT, available, faces, ocr
    if not available():
        return []
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            return [" ".join(w["text"] for w in ocr(image))] + [FACE_TEXT] * len(faces(image))
    except (OSError, ValueError, Image.DecompressionBombError):  # no decoder shows it: the report lists it unread
        return []


def sniff(data: bytes) -> str:
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"\x89PNG"):
        return "png"
    if head.startswith(b"\xff\xd8"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith(b"<") or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "xml"
    return "binary"


def _xml_segments(root: Any, texts: list[str], attrs: list[str]) -> None:
    """The text of elements called 't' (OOXML's runs: w:t, a:t, m:t) joined per paragraph (the
    nearest element called 'p'), so that a word typed in several runs reads whole; every other
    text, and every attribute value, on its own."""
    groups: dict[Any, list[str]] = {}
    for el in root.iter():
        if isinstance(el.tag, str):
            attrs.extend(urllib.parse.unquote(v) for v in el.attrib.values())
        if el.text and el.text.strip():
            if isinstance(el.tag, str) and etree.QName(el).localname == "t":
                owner = el
                while owner is not None and not (isinstance(owner.tag, str) and etree.QName(owner).localname == "p"):
                    owner = owner.getparent()
                groups.setdefault(el if owner is None else owner, []).append(el.text)
            else:
                texts.append(el.text)
        if el.tail and el.tail.strip():
            texts.append(el.tail)
    texts.extend("".join(parts) for parts in groups.values())


def _outside_pixels(kind: str, data: bytes) -> bytes:
    """The bytes of a part other than an image's compressed pixels (PNG's IDAT chunks, a JPEG's
    scan): pixels hold any four letters by chance (40 MB of photographs hold dozens of names),
    never text a reader shows, so only the rest is searched for the redacted values."""
    if kind == "png":
        pieces, pos = [data[:8]], 8
        while pos + 8 <= len(data):
            length, ctype = struct.unpack(">I4s", data[pos:pos + 8])
            pieces.append(data[pos:pos + 8] if ctype == b"IDAT" else data[pos:pos + 12 + length])
            pos += 12 + length
        return b"".join(pieces) + data[pos:]
    if kind == "jpeg":
        scan, end = data.find(b"\xff\xda"), data.rfind(b"\xff\xd9")
        if 0 <= scan < end:
            return data[:scan] + data[end:]
    return data


def _image_is_bare(kind: str, data: bytes) -> bool:
    """True when the image holds pixels and how to draw them, and nothing else."""
    if kind == "png":
        pos = 8
        while pos + 8 <= len(data):
            length, ctype = struct.unpack(">I4s", data[pos:pos + 8])
            if ctype not in PNG_SAFE_CHUNKS:
                return False
            pos += 12 + length
        return True
    if kind == "jpeg":
        pos = 2
        while pos + 4 <= len(data):
            if data[pos] != 0xFF:
                return False
            marker = data[pos + 1]
            if marker == 0xD9:
                return True
            length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
            if marker not in JPEG_SAFE:
                return False
            if marker == 0xDA:
                return b"\xff\xfe" not in data[pos:] and b"\xff\xe1" not in data[pos:]  # nothing after the scan
            pos += 2 + length
        return True
    return b"!\xfe" not in data  # GIF comment extension


# ------------------------------------------------------------------------------------------ pdf
def read_pdf(path: Path, options: ReadOptions) -> Iterator[Reading]:
    from pypdf import PdfReader  # noqa: PLC0415 - only PDF copies need it

    password = options.password if options.encrypt_output else None
    reader = PdfReader(str(path), strict=False)
    if reader.is_encrypted:
        reader.decrypt(password or "")
    yield Reading("pypdf's text extraction", "\n".join(p.extract_text() or "" for p in reader.pages).splitlines())
    yield Reading("pdftotext" if shutil.which("pdftotext") else "pdfminer.six",
                  _external_text(path, password).splitlines())
    objects = Reading("a walk over every object's strings and names", structural=True)
    _walk_objects(reader, objects)
    yield objects
    pictures = "poppler's pdfimages" if shutil.which("pdfimages") else "pypdf's image extraction"
    yield Reading(f"OCR of the copy's images ({pictures})", _pdf_pictures(path, reader, password), approximate=True)


def _pdf_pictures(path: Path, reader: Any, password: str | None) -> list[str]:
    """Every image of the PDF read by OCR and searched for faces (nothing without Tesseract):
    extracted by poppler's ``pdfimages`` (not the pypdf the handler writes with), or by pypdf
    where poppler is missing, so that a scan's copy is never left unread."""
    import tempfile
    from redactor.formats.scan import available
    if not available():
        return []
    if not shutil.which("pdfimages"):
        return [seen for page in reader.pages for image in page.images for seen in _pixels(image.data)]
    with tempfile.TemporaryDirectory(prefix="redact-verify-") as folder:
        # written uncompressed (PBM, PGM, PPM): compressing a page's picture to PNG cost more than reading it
        args = ["pdfimages", "-q"] + (["-upw", password] if password else []) + [str(path), f"{folder}/i"]
        subprocess.run(args, capture_output=True, timeout=300)
        return [seen for image in sorted(Path(folder).glob("i-*")) for seen in _pixels(image.read_bytes())]


def _external_text(path: Path, password: str | None) -> str:
    if shutil.which("pdftotext"):
        args = ["pdftotext", "-q", "-enc", "UTF-8"] + (["-upw", password] if password else []) + [str(path), "-"]
        return subprocess.run(args, capture_output=True, timeout=300).stdout.decode("utf-8", errors="replace")
    from pdfminer.high_level import extract_text  # noqa: PLC0415 - only where poppler is absent
    return extract_text(str(path), password=password or "")


def _walk_objects(reader: Any, out: Reading) -> None:
    from pypdf.generic import (ArrayObject, ByteStringObject, ContentStream, DictionaryObject,  # noqa: PLC0415
                               IndirectObject, NameObject, StreamObject, TextStringObject)

    def add_string(s: Any) -> None:
        if isinstance(s, TextStringObject):
            out.segments.append(str(s))
        else:
            raw = bytes(s).decode("latin-1")
            printable = sum(c.isprintable() or c.isspace() for c in raw)
            if raw and printable / len(raw) > 0.9:
                out.segments.append(raw)
            else:
                out.raw.append(raw)  # binary (a file identifier): searched for the values only

    def walk(obj: Any, depth: int = 0) -> None:
        if isinstance(obj, IndirectObject) or depth > 64:
            return
        if isinstance(obj, NameObject):
            out.segments.append(_name_words(obj))
        elif isinstance(obj, (TextStringObject, ByteStringObject)):
            add_string(obj)
        elif isinstance(obj, DictionaryObject):
            for k, v in obj.items():
                out.segments.append(_name_words(k))
                walk(v, depth + 1)
            if isinstance(obj, StreamObject):
                stream(obj)
        elif isinstance(obj, (list, ArrayObject)):
            for v in obj:
                walk(v, depth + 1)

    def stream(obj: Any) -> None:
        try:
            data = obj.get_data()
        except Exception:  # noqa: BLE001 - an undecodable stream is looked at as it is stored
            data = obj._data if isinstance(getattr(obj, "_data", None), bytes) else b""
        kind, sub = obj.get("/Type"), obj.get("/Subtype")
        if kind == "/EmbeddedFile":
            out.problems.append("an embedded file")
        elif kind == "/Metadata" or sub == "/XML":
            out.segments.extend(re.sub(rb"<[^>]*>", b"\n", data).decode("utf-8", "replace").splitlines())
        elif _is_content(obj, data):
            try:
                operations = ContentStream(obj, reader).operations
            except Exception:  # noqa: BLE001 - a stream pypdf cannot parse is only searched for values
                out.raw.append(data.decode("latin-1"))
                return
            for operands, op in operations:
                if op in (b"Tj", b"TJ", b"'", b'"'):
                    continue  # shown text is font-encoded: the text extractors read it
                if op == b"INLINE IMAGE":
                    operands = [operands.get("settings", {})] if isinstance(operands, dict) else []
                for operand in operands:
                    walk(operand)
            return
        if not _is_font_or_image(obj):  # glyph programs and pixels hold any letters by chance
            out.raw.append(data.decode("latin-1"))

    size = int(reader.trailer.get("/Size", 0) or 0)
    encrypt = reader.trailer.raw_get("/Encrypt") if "/Encrypt" in reader.trailer else None
    skip = encrypt.idnum if isinstance(encrypt, IndirectObject) else None  # keys and hashes, no text
    for number in range(1, min(size, 5_000_000)):
        if number == skip:
            continue
        try:
            obj = reader.get_object(number)
        except Exception:  # noqa: BLE001 - a free or broken object number holds nothing to read
            continue
        walk(obj)
    walk({k: v for k, v in reader.trailer.items() if k not in ("/Root", "/Info", "/Encrypt")})


def _is_content(obj: Any, data: bytes) -> bool:
    """A stream of drawing operators: page contents, a Form XObject, a pattern, a Type3 glyph."""
    if obj.get("/Subtype") == "/Form" or "/PatternType" in obj:
        return True
    if obj.get("/Subtype") == "/Image" or "/Length1" in obj or "/Length2" in obj or b"begincmap" in data[:4096]:
        return False
    return bool(re.search(rb"(^|\s)(BT|re|Do|cm|q)(\s|$)", data[:8192]))


def _is_font_or_image(obj: Any) -> bool:
    return (obj.get("/Subtype") in ("/Image", "/Type1C", "/CIDFontType0C", "/OpenType")
            or any(k in obj for k in ("/Length1", "/Length2", "/Length3")))


_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


def _name_words(name: str) -> str:
    """A name's words: '/ABCDEF+Calibri-Bold' reads 'Calibri Bold' (a font subset's tag is random),
    '#20' escapes are decoded by pypdf already."""
    return _SUBSET_TAG.sub("", str(name).lstrip("/"))


#: The independent reader of each format's copies.
READERS = {"txt": read_text, "docx": read_ooxml, "xlsx": read_ooxml, "pdf": read_pdf, "eml": read_eml,
           "msg": read_eml, "image": read_image}
