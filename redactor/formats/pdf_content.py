"""A PDF content-stream interpreter that knows where every glyph is, and the rewriter that takes
glyphs out without moving the others.

The interpreter follows the graphics state (q/Q, cm), the text state (Tc, Tw, Tz, TL, Tf, Ts,
Tm, Td, TD, T*) and the text-showing operators (Tj, TJ, ', ") through Form XObjects, and
yields one :class:`Glyph` per shown character code, with its Unicode text and its outline on the
page. Removing a glyph replaces it, inside a TJ array, by a kerning number of the same advance,
so every remaining glyph is drawn exactly where it was.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pypdf.generic import (ArrayObject, ByteStringObject, ContentStream, DictionaryObject, FloatObject,
                           NameObject, NumberObject, StreamObject, TextStringObject)

from redactor.core import RefusedError
from redactor.formats.pdf_fonts import FontInfo, font_info

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_FORM_DEPTH = 12
MAX_OPERATIONS = 2_000_000


def mul(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF's row-vector convention: a point p is drawn at p x m x n)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])


def _num(x: Any, default: float = 0.0) -> float:
    try:
        return float(x)
    except (TypeError, ValueError):
        return default


@dataclass(slots=True)
class Run:
    """What the glyphs of one shown string share: where the string is drawn (``matrix`` maps
    text-space offsets along the baseline to the page), the glyph box's bottom and top, the
    baseline direction and the font size on the page. Glyphs keep only their own offsets, so
    that a 300-page document's million glyphs fit in memory."""

    matrix: Matrix
    low: float
    high: float
    rise: float
    direction: tuple[float, float]
    size: float


@dataclass(slots=True)
class Glyph:
    """One shown character code. ``key`` (stream, operation, string item, byte offset) names the
    bytes in the content stream; the same key recurs when a Form XObject is drawn twice."""

    key: tuple[int, int, int, int]
    end: int  # end byte offset in the string
    text: str | None
    run: Run
    x: float  # where the glyph starts, along its run's baseline
    width: float  # its drawn width
    advance: float  # how far the next glyph starts from it (width plus spacing)
    kern: float  # the TJ number that advances as far as this glyph does

    def _at(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self.run.matrix
        return (x * a + y * c + e, x * b + y * d + f)

    @property
    def origin(self) -> tuple[float, float]:
        return self._at(self.x, self.run.rise)

    @property
    def advance_end(self) -> tuple[float, float]:
        return self._at(self.x + self.advance, self.run.rise)

    @property
    def quad(self) -> tuple[float, ...]:
        """The glyph's box on the page, in default user space: four corners."""
        r, x0, x1 = self.run, self.x, self.x + self.width
        return (*self._at(x0, r.low), *self._at(x1, r.low), *self._at(x1, r.high), *self._at(x0, r.high))

    @property
    def direction(self) -> tuple[float, float]:
        return self.run.direction

    @property
    def size(self) -> float:
        return self.run.size


@dataclass
class Stream:
    """A content stream: a page's contents or a Form XObject. Its operations are parsed when it is
    interpreted and again when it is rewritten, not kept: parsed operations of every page of a
    long document would not fit in memory, and parsing is deterministic."""

    owner: Any  # the page (for page contents) or the Form XObject stream
    source: Any  # what pypdf parses: the page's contents or the Form XObject
    is_page: bool
    unbalanced_q: int = 0

    def operations(self, pdf: Any) -> list[tuple[list[Any], bytes]]:
        return ContentStream(self.source, pdf).operations

    def data(self) -> bytes:
        """The decoded stream as it is."""
        return self.source.get_data()


@dataclass
class PageScan:
    glyphs: list[Glyph] = field(default_factory=list)
    image_area: float = 0.0
    unmapped: dict[str, int] = field(default_factory=dict)  # font name -> glyphs with no Unicode


@dataclass
class _TextState:
    tc: float = 0.0
    tw: float = 0.0
    th: float = 1.0
    tl: float = 0.0
    tfs: float = 0.0
    rise: float = 0.0
    font: FontInfo | None = None

    def copy(self) -> "_TextState":
        return _TextState(self.tc, self.tw, self.th, self.tl, self.tfs, self.rise, self.font)


class Interpreter:
    """Interprets the pages of one PDF. It numbers every content stream it meets (pages and Form
    XObjects, each once), so that a glyph's key names the same bytes on every scan."""

    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        self.streams: list[Stream] = []
        self._forms: dict[int, int] = {}  # id(form stream) -> index in self.streams
        self._pages: dict[int, int] = {}  # id(page) -> index in self.streams
        self._fonts: dict[int, FontInfo] = {}
        self._ops = 0

    def scan_page(self, page: Any) -> PageScan:
        """The page's glyphs. Scanning a page again gives the same glyphs with the same keys."""
        scan = PageScan()
        self._ops = 0
        if id(page) not in self._pages:
            contents = page.get_contents()
            if contents is None:
                return scan
            self.streams.append(Stream(page, contents, True))
            self._pages[id(page)] = len(self.streams) - 1
        index = self._pages[id(page)]
        resources = page.get("/Resources")
        self.streams[index].unbalanced_q = self._run(index, resolve(resources), IDENTITY, scan, [])
        return scan

    # ------------------------------------------------------------------ interpretation
    def _font(self, resources: Any, name: Any) -> FontInfo:
        fonts = resolve(resources.get("/Font")) if resources else None
        font = resolve(fonts.get(name)) if isinstance(fonts, DictionaryObject) else None
        if not isinstance(font, DictionaryObject):
            return FontInfo(name=str(name).lstrip("/"), usable=False)
        if id(font) not in self._fonts:
            self._fonts[id(font)] = font_info(font)
        return self._fonts[id(font)]

    def _run(self, index: int, resources: Any, ctm: Matrix, scan: PageScan, forms_open: list[int]) -> int:
        """Interpret stream ``index``; return how many q it left unclosed."""
        operations = self.streams[index].operations(self.pdf)
        self._ops += len(operations)
        if self._ops > MAX_OPERATIONS:
            raise RefusedError("too many drawing operations on one page (over 2 million): cannot check it in time")
        stack: list[tuple[Matrix, _TextState]] = []
        ts = _TextState()
        tm = tlm = IDENTITY
        for op_index, (operands, op) in enumerate(operations):
            if op == b"q":
                stack.append((ctm, ts.copy()))
            elif op == b"Q":
                if stack:
                    ctm, ts = stack.pop()
            elif op == b"cm" and len(operands) == 6:
                ctm = mul(tuple(_num(x) for x in operands), ctm)  # type: ignore[arg-type]
            elif op == b"BT":
                tm = tlm = IDENTITY
            elif op == b"Tf" and len(operands) == 2:
                ts.font, ts.tfs = self._font(resources, operands[0]), _num(operands[1])
            elif op == b"Tc" and operands:
                ts.tc = _num(operands[0])
            elif op == b"Tw" and operands:
                ts.tw = _num(operands[0])
            elif op == b"Tz" and operands:
                ts.th = _num(operands[0], 100.0) / 100
            elif op == b"TL" and operands:
                ts.tl = _num(operands[0])
            elif op == b"Ts" and operands:
                ts.rise = _num(operands[0])
            elif op in (b"Td", b"TD") and len(operands) == 2:
                tx, ty = _num(operands[0]), _num(operands[1])
                if op == b"TD":
                    ts.tl = -ty
                tm = tlm = mul((1, 0, 0, 1, tx, ty), tlm)
            elif op == b"Tm" and len(operands) == 6:
                tm = tlm = tuple(_num(x) for x in operands)  # type: ignore[assignment]
            elif op == b"T*":
                tm = tlm = mul((1, 0, 0, 1, 0, -ts.tl), tlm)
            elif op in (b"Tj", b"'", b'"', b"TJ"):
                if op in (b"'", b'"'):
                    if op == b'"' and len(operands) == 3:
                        ts.tw, ts.tc = _num(operands[0]), _num(operands[1])
                    tm = tlm = mul((1, 0, 0, 1, 0, -ts.tl), tlm)
                items = operands[0] if op == b"TJ" and operands else operands[-1:]
                tm = self._show(index, op_index, items, ts, tm, ctm, scan)
            elif op == b"Do" and operands:
                self._do(operands[0], resources, ctm, scan, forms_open)
            elif op == b"INLINE IMAGE":
                scan.image_area += _area(ctm)
        return len(stack)

    def _show(self, index: int, op_index: int, items: Any, ts: _TextState, tm: Matrix, ctm: Matrix,
              scan: PageScan) -> Matrix:
        font = ts.font or FontInfo(name="none", usable=False)
        for item_index, item in enumerate(items if isinstance(items, (list, ArrayObject)) else [items]):
            if isinstance(item, (int, float, NumberObject, FloatObject)):
                tm = mul((1, 0, 0, 1, -_num(item) / 1000 * ts.tfs * ts.th, 0), tm)
                continue
            if not isinstance(item, (bytes, str)):
                continue
            # one matrix per string: within it each glyph only moves along the baseline
            m = mul(tm, ctm)
            a, b, c, d = m[:4]
            norm = (a * a + b * b) ** 0.5 or 1.0
            run = Run(m, ts.rise + font.descent * ts.tfs, ts.rise + font.ascent * ts.tfs, ts.rise,
                      (a / norm, b / norm), abs(ts.tfs) * (abs(c * b - a * d) ** 0.5) or abs(ts.tfs))
            x = 0.0
            for g in font.glyphs(raw_bytes(item)):
                width = g.width * font.scale * ts.tfs
                spacing = ts.tc + (ts.tw if g.is_space else 0.0)
                advance = (width + spacing) * ts.th
                kern = -(g.width * font.scale * 1000 + (1000 * spacing / ts.tfs if ts.tfs else 0.0))
                if g.text is None:
                    scan.unmapped[font.name] = scan.unmapped.get(font.name, 0) + 1
                scan.glyphs.append(Glyph((index, op_index, item_index, g.start), g.end, g.text, run, x,
                                         width * ts.th, advance, kern))
                x += advance
            tm = mul((1, 0, 0, 1, x, 0), tm)
        return tm

    def _do(self, name: Any, resources: Any, ctm: Matrix, scan: PageScan, forms_open: list[int]) -> None:
        xobjects = resolve(resources.get("/XObject")) if resources else None
        xobj = resolve(xobjects.get(name)) if isinstance(xobjects, DictionaryObject) else None
        if not isinstance(xobj, StreamObject):
            return
        subtype = xobj.get("/Subtype")
        if subtype == "/Image":
            scan.image_area += _area(ctm)
            return
        if subtype != "/Form":
            return
        if id(xobj) in forms_open:
            raise RefusedError("a Form XObject draws itself (a loop): the file is malformed")
        if len(forms_open) >= MAX_FORM_DEPTH:
            raise RefusedError(f"Form XObjects nested over {MAX_FORM_DEPTH} deep")
        if id(xobj) not in self._forms:
            self.streams.append(Stream(xobj, xobj, False))
            self._forms[id(xobj)] = len(self.streams) - 1
        matrix = xobj.get("/Matrix")
        form_m = tuple(_num(x) for x in matrix) if isinstance(matrix, (list, ArrayObject)) and len(matrix) == 6 \
            else IDENTITY
        form_resources = resolve(xobj.get("/Resources")) or resources
        self._run(self._forms[id(xobj)], form_resources, mul(form_m, ctm), scan,  # type: ignore[arg-type]
                  forms_open + [id(xobj)])


def resolve(obj: Any) -> Any:
    """An indirect reference's object; anything else as it is (None stays None)."""
    return obj.get_object() if obj is not None and hasattr(obj, "get_object") else obj


def _area(m: Matrix) -> float:
    """Area of the unit square drawn through ``m`` (where images are placed)."""
    return abs(m[0] * m[3] - m[1] * m[2])


def raw_bytes(item: Any) -> bytes:
    """A string operand's bytes as they are in the file. pypdf's ``get_original_bytes()`` adds a
    BOM to strings it took for UTF-16; ``original_bytes`` does not."""
    if isinstance(item, TextStringObject):
        return item.original_bytes
    if isinstance(item, bytes):
        return bytes(item)
    return str(item).encode("latin-1", errors="replace")


# ------------------------------------------------------------------------------ rewriting
#: For one stream: operation index -> string item index -> first byte of a glyph -> (end byte, kern)
Removals = dict[int, dict[int, dict[int, tuple[int, float]]]]


#: PDF's drawing operators (ISO 32000-1, Table A.1), less those that carry data nothing reads: marked
#: points (MP, DP) and compatibility sections (BX, EX, and any unknown operator inside them).
OPERATORS = {b"b", b"B", b"b*", b"B*", b"BMC", b"BT", b"c", b"cm", b"CS", b"cs", b"d", b"d0", b"d1", b"Do",
             b"EMC", b"ET", b"f", b"F", b"f*", b"G", b"g", b"gs", b"h", b"i", b"j", b"J", b"K", b"k", b"l", b"m",
             b"M", b"n", b"q", b"Q", b"re", b"RG", b"rg", b"ri", b"s", b"S", b"SC", b"sc", b"SCN", b"scn", b"sh",
             b"T*", b"Tc", b"Td", b"TD", b"Tf", b"Tj", b"TJ", b"TL", b"Tm", b"Tr", b"Ts", b"Tw", b"Tz", b"v", b"w",
             b"W", b"W*", b"y", b"'", b'"', b"INLINE IMAGE"}
#: What an inline image's dictionary may hold (abbreviated and full keys); nothing else is copied.
INLINE_IMAGE_KEYS = {"/W", "/H", "/BPC", "/CS", "/F", "/DP", "/D", "/IM", "/I", "/Width", "/Height",
                     "/BitsPerComponent", "/ColorSpace", "/Filter", "/DecodeParms", "/Decode", "/ImageMask",
                     "/Interpolate", "/Intent", "/L", "/Length"}


def closed(operands: list[Any], op: bytes) -> tuple[list[Any], bytes] | None:
    """The operation as the copy may hold it, or None to leave it out. Marked content keeps its
    nesting but no tag or properties of its own (ActualText, Alt, E and layer names are text that
    no glyph shows), and an inline image keeps only the keys that say how to draw it."""
    if op == b"BDC" or op == b"BMC":
        return [NameObject("/Span")], b"BMC"
    if op not in OPERATORS:
        return None
    if op == b"INLINE IMAGE" and isinstance(operands, dict):
        settings = operands.get("settings", {})
        kept = DictionaryObject({NameObject(k): v for k, v in settings.items() if k in INLINE_IMAGE_KEYS})
        return {**operands, "settings": kept}, op  # type: ignore[return-value]
    return operands, op


def rewrite(stream: Stream, removed: Removals, pdf: Any, names: dict[str, str] | None = None) -> bytes:
    """The stream with the glyphs in ``removed`` taken out. Each removed glyph's advance becomes a
    TJ number, so nothing else moves. Every string is written back as the bytes it was read from;
    every operation passes through :func:`closed`, and resource names are renamed by ``names``."""
    out: list[tuple[list[Any], bytes]] = []
    for op_index, (operands, op) in enumerate(stream.operations(pdf)):
        kept = closed(operands, op)
        if kept is None:
            continue
        operands, op = kept
        if names and op != b"INLINE IMAGE":
            operands = [NameObject(names[x]) if isinstance(x, NameObject) and x in names else x for x in operands]
        if op_index not in removed:
            out.append(([_as_bytes(x) for x in operands] if op in (b"Tj", b"'", b'"', b"TJ") else operands, op))
            continue
        if op == b'"' and len(operands) == 3:
            out += [([operands[0]], b"Tw"), ([operands[1]], b"Tc")]
        if op in (b"'", b'"'):
            out.append(([], b"T*"))
        items = list(operands[0]) if op == b"TJ" and operands else operands[-1:]
        out.append(([ArrayObject(_cut(items, removed[op_index]))], b"TJ"))
    content = ContentStream(None, None)
    content.operations = out
    return content.get_data()


def _as_bytes(x: Any) -> Any:
    if isinstance(x, (list, ArrayObject)):
        return ArrayObject(_as_bytes(i) for i in x)
    return ByteStringObject(raw_bytes(x)) if isinstance(x, (bytes, str)) and not isinstance(x, NameObject) else x


def _cut(items: list[Any], removed: dict[int, dict[int, tuple[int, float]]]) -> list[Any]:
    out: list[Any] = []

    def add_kern(k: float) -> None:
        if out and isinstance(out[-1], FloatObject):
            out[-1] = FloatObject(round(float(out[-1]) + k, 3))
        else:
            out.append(FloatObject(round(k, 3)))

    for item_index, item in enumerate(items):
        if not isinstance(item, (bytes, str)):
            out.append(item)
            continue
        data, cuts, pos = raw_bytes(item), removed.get(item_index, {}), 0
        for start in sorted(cuts):
            end, kern = cuts[start]
            if start > pos:
                out.append(ByteStringObject(data[pos:start]))
            add_kern(kern)
            pos = max(pos, end)
        if pos < len(data):
            out.append(ByteStringObject(data[pos:]))
    return out
