"""Excel workbooks (.xlsx, and .xlsm with its macros removed): every cell of every sheet, hidden
ones included, under the closed-world rule of :mod:`redactor.formats.ooxml`.

What is read into the document's text: sheet names, every cell's value (shared strings are
copied into their cells first, so one edit never changes another cell, and strings no cell uses
are gone), numbers too (an NHS number typed as a number is still one), headers and footers, and
hyperlinks (their targets, display text and tooltips). A row is one line with its cells
separated by tabs, so a column headed "Name" or "DOB" informs detection as in a table.

What is removed, and reported: formulas (each cell keeps its last value), comments and threaded
comments with their authors, drawings, charts, images, pivot tables and their caches, external
links and their caches, connections and query tables, tables' definitions, data validation,
conditional formatting, defined names, custom XML, document properties and macros; every part no
kept relationship reaches. Hidden sheets, rows and columns are read and redacted like the rest
and named in the outcome.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from redactor import verify
from redactor.core import ReadOptions, RefusedError, Replacement
from redactor.formats import ooxml
from redactor.formats.base import Document, TextBuilder, note
from redactor.models.settings import known_names

EXTENSIONS = (".xlsx", ".xlsm")
S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: Relationship types whose parts are kept: the workbook, its sheets, their strings and formatting.
_KEPT_RELATIONSHIPS = {"officeDocument", "worksheet", "sharedStrings", "styles", "hyperlink"}
#: Elements of a sheet or the workbook removed with what they hold, with what the report calls them.
_ELEMENTS_DROPPED = {
    "f": "formulas (each cell keeps its last value)", "drawing": "drawings, charts and images",
    "legacyDrawing": "comments", "legacyDrawingHF": "drawings, charts and images",
    "picture": "drawings, charts and images", "oleObjects": "embedded objects", "controls": "form controls",
    "tableParts": "tables' definitions (the cells stay)", "dataValidations": "data validation lists",
    "conditionalFormatting": "conditional formatting", "extLst": "extensions of a kind this tool does not read",
    "definedNames": "defined names", "externalReferences": "external links and their caches",
    "pivotCaches": "pivot tables and their caches", "customSheetViews": "custom views",
    "fileSharing": "file-sharing settings (the reserving user)", "sheetProtection": "protection (its password hash)",
    "workbookProtection": "protection (its password hash)", "protectedRanges": "protection (its password hash)",
    "scenarios": "scenarios", "smartTags": "smart tags", "webPublishItems": "web publishing settings",
    "cellWatches": "cell watches", "ignoredErrors": "ignored-error markers", "fileRecoveryPr": "recovery settings",
}
_FORBIDDEN_IN_SHEET_NAMES = str.maketrans("[]:*?/\\", "()-----")


def s(tag: str) -> str:
    return f"{{{S}}}{tag}"


@dataclass
class Package(ooxml.Package):
    sheets: list[tuple[str, str, str]] = field(default_factory=list)  # (part, sheet name, state)


def read(path: Path, options: ReadOptions = ReadOptions()) -> Document:
    pkg = Package(*ooxml.read_package(path, ".xlsx"))
    ooxml.open_package(pkg, _KEPT_RELATIONSHIPS, what="workbook")
    removed = list(pkg.removed_kinds)
    for name in pkg.names:
        if name not in pkg.dropped and name not in pkg.trees and not name.endswith("/"):
            pkg.dropped.add(name)  # nothing binary is read here: a kept relationship never needs one
            note(removed, "parts of a kind this tool does not read")
    removed += _find_sheets(pkg)
    removed += _inline_shared_strings(pkg)
    removed += _drop_elements(pkg)
    removed += _closed(pkg)
    builder = TextBuilder()
    hidden = _read_workbook(pkg, builder)
    ooxml.read_link_targets(pkg.trees, builder)
    read = {(id(p.locator[0]), p.locator[1]) for p in builder.pieces}
    packaging = {n: t for n, t in pkg.trees.items() if n.endswith(".rels") or n == "[Content_Types].xml"}
    renamed, cleared = ooxml.neutralise(packaging, read)  # part names, content types, relationship types
    more = ooxml.neutralise({n: t for n, t in pkg.trees.items() if n not in packaging}, read, safe=_safe_value)
    renamed, cleared = renamed + more[0], cleared + more[1]
    if renamed:
        removed.append(f"{renamed} unread attribute value(s) given neutral names")
    if cleared:
        removed.append(f"{cleared} unread text(s) outside the cells")
    ooxml.content_types(pkg)
    said = [f"{', '.join(hidden)} read and redacted like the rest"] if hidden else []
    return Document(path=path, format="xlsx", text=builder.text(), pieces=builder.pieces, units=builder.units,
                    removed=list(dict.fromkeys(removed)), said=said, handle=pkg)



def _find_sheets(pkg: Package) -> list[str]:
    """The worksheets in the workbook's order, with their names and states (visible, hidden). A
    worksheet part the workbook does not list, or one listed twice, is dropped: nothing reads it."""
    workbook = pkg.trees[pkg.main]
    if workbook.tag != s("workbook"):
        raise RefusedError("not a workbook (its main part is something else)")
    rels = pkg.trees.get(ooxml.rels_name(pkg.main))
    targets = {} if rels is None else {
        rel.get("Id"): ooxml.resolve(pkg.main, rel.get("Target", ""))
        for rel in rels.iter(f"{{{ooxml.REL}}}Relationship") if rel.get("TargetMode") != "External"}
    listed: set[str] = set()
    for sheet in list(workbook.iter(s("sheet"))):
        part = targets.get(sheet.get(f"{{{R}}}id"))
        if part in pkg.trees and part not in listed and pkg.trees[part].tag == s("worksheet"):
            listed.add(part)
            pkg.sheets.append((part, sheet.get("name", ""), sheet.get("state", "visible")))
        else:
            sheet.getparent().remove(sheet)
    removed: list[str] = []
    for rel in [] if rels is None else list(rels.iter(f"{{{ooxml.REL}}}Relationship")):
        target = targets.get(rel.get("Id"))
        if rel.get("Type", "").endswith("/worksheet") and target not in listed:
            rels.remove(rel)
            pkg.dropped.add(target) if target else None
            note(removed, "sheets the workbook does not list")
    return removed


def _inline_shared_strings(pkg: Package) -> list[str]:
    """Copy each shared string into the cells using it and drop the shared-strings part: one edit
    then changes one cell, and strings that no cell shows (left behind by edits) are gone."""
    rels = pkg.trees.get(ooxml.rels_name(pkg.main))
    shared = next((ooxml.resolve(pkg.main, r.get("Target", "")) for r in ([] if rels is None else
                   rels.iter(f"{{{ooxml.REL}}}Relationship")) if r.get("Type", "").endswith("/sharedStrings")), None)
    if shared is None or shared not in pkg.trees or pkg.trees[shared].tag != s("sst"):
        for part, _, _ in pkg.sheets:  # no table of shared strings: a cell pointing into one shows nothing
            for cell in pkg.trees[part].iter(s("c")):
                if cell.get("t") == "s":
                    for value in cell.findall(s("v")):
                        cell.remove(value)
        return []
    items = list(pkg.trees[shared].iter(s("si")))
    for part, _, _ in pkg.sheets:
        for cell in pkg.trees[part].iter(s("c")):
            if cell.get("t") != "s":
                continue
            value = cell.find(s("v"))
            index = int(value.text) if value is not None and (value.text or "").strip().isdigit() else -1
            if value is not None:
                cell.remove(value)
            cell.set("t", "inlineStr")
            inline = etree.SubElement(cell, s("is"))
            if 0 <= index < len(items):
                for child in items[index]:
                    if etree.QName(child).localname in ("t", "r"):  # not phonetic runs (rPh) or their props
                        inline.append(_copy(child))
    pkg.dropped.add(shared)
    for rels in pkg.trees.values():
        for rel in list(rels.iter(f"{{{ooxml.REL}}}Relationship")):
            if rel.get("Type", "").endswith("/sharedStrings"):
                rels.remove(rel)
    return ["shared strings no cell uses"] if len(items) else []


#: SpreadsheetML elements kept in the workbook, its sheets and its styles; every other element
#: (an unknown extension, an element of another namespace) is removed with its content.
_KEPT_ELEMENTS = {
    "workbook": {"workbook", "fileVersion", "workbookPr", "bookViews", "workbookView", "sheets", "sheet", "calcPr"},
    "worksheet": {"worksheet", "sheetPr", "tabColor", "outlinePr", "pageSetUpPr", "dimension", "sheetViews",
                  "sheetView", "pane", "selection", "sheetFormatPr", "cols", "col", "sheetData", "row", "c", "v", "is",
                  "t", "r", "rPr", "b", "i", "u", "strike", "sz", "color", "rFont", "family", "scheme", "vertAlign",
                  "charset", "outline", "shadow", "condense", "extend", "mergeCells", "mergeCell", "hyperlinks",
                  "hyperlink", "printOptions", "pageMargins", "pageSetup", "headerFooter", "oddHeader", "oddFooter",
                  "evenHeader", "evenFooter", "firstHeader", "firstFooter", "rowBreaks", "colBreaks", "brk"},
    "styleSheet": {"styleSheet", "numFmts", "numFmt", "fonts", "font", "b", "i", "u", "strike", "sz", "color",
                   "name", "family", "scheme", "vertAlign", "charset", "outline", "shadow", "condense", "extend",
                   "fills", "fill", "patternFill", "fgColor", "bgColor", "gradientFill", "stop", "borders", "border",
                   "left", "right", "top", "bottom", "diagonal", "start", "end", "vertical", "horizontal",
                   "cellStyleXfs", "cellXfs", "xf", "alignment", "protection", "cellStyles", "cellStyle", "dxfs",
                   "dxf", "numFmt", "colors", "indexedColors", "rgbColor", "mruColors"},
    "sst": {"sst", "si", "t", "r", "rPr", "b", "i", "u", "strike", "sz", "color", "rFont", "family", "scheme",
            "vertAlign", "charset", "outline", "shadow", "condense", "extend"},
}
_XML_NS = "http://www.w3.org/XML/1998/namespace"


def _closed(pkg: Package) -> list[str]:
    """Keep only the SpreadsheetML elements of :data:`_KEPT_ELEMENTS` and attributes of no namespace
    (or the relationship id, or xml:space): no unknown element, attribute, prefix or namespace
    reaches the copy; a style's name and a number format's literal text go too."""
    removed: list[str] = []
    for name, tree in pkg.trees.items():
        if name.endswith(".rels") or name == "[Content_Types].xml" or name in pkg.dropped:
            continue
        root = etree.QName(tree).localname
        if etree.QName(tree).namespace != S or root not in _KEPT_ELEMENTS:
            pkg.dropped.add(name)
            note(removed, "parts of a kind this tool does not read")
            continue
        kept = _KEPT_ELEMENTS[root]
        for el in list(tree.iter()):
            if el.getparent() is None and el is not tree:
                continue  # inside an element already removed
            if not isinstance(el.tag, str) or etree.QName(el).namespace != S or etree.QName(el).localname not in kept:
                if el is not tree and el.getparent() is not None:
                    el.getparent().remove(el)
                    if isinstance(el.tag, str):
                        note(removed, "elements of a kind this tool does not read (extensions, other namespaces)")
                continue
            for attr in list(el.attrib):
                namespace = etree.QName(attr).namespace
                if namespace is not None and namespace not in (R, _XML_NS):
                    del el.attrib[attr]
                    note(removed, "attributes of a kind this tool does not read")
            if etree.QName(el).localname == "cellStyle" and el.get("name"):
                el.set("name", "Normal" if el.get("builtinId") == "0" else f"Style {el.get('xfId', '')}".strip())
            if etree.QName(el).localname == "numFmt" and el.get("formatCode"):
                el.set("formatCode", _bare_format(el.get("formatCode", "")))
        etree.cleanup_namespaces(tree, top_nsmap={None: S, "r": R})
    return removed


def _bare_format(code: str) -> str:
    """A number format without its literal text ('"Room "0' gives '0'): quoted strings and escaped
    characters can spell anything; what is left is the format's own codes, else General."""
    bare = re.sub(r'"[^"]*"|\\.|\[\$[^\]]*\]', "", code)
    return bare if re.fullmatch(r"[0#?.,%Ee+\-/:;()\[\]_* @ymdhsAMPapbBgGn]*", bare) and bare.strip() else "General"


def _safe_value(value: str) -> bool:
    """An unread value a workbook may keep: a number, a cell reference, a colour, a relationship
    id, or words of the format's vocabulary none of which is a listed name."""
    if _MACHINE_VALUE.fullmatch(value):
        return True
    if re.fullmatch(r"[a-z][A-Za-z0-9]*", value):  # an enumeration ('solid', 'darkGray', 'inlineStr')
        return verify.structural(value)
    words = re.findall(r"[A-Za-z]+", value)  # a font's name: 'Calibri', 'Times New Roman'; not 'Shruti Green'
    names = known_names()
    return bool(words) and verify.structural(value) and not any(w.lower() in names for w in words)


_MACHINE_VALUE = re.compile(r"-?\d{1,8}(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|[0-9A-Fa-f]{6,8}|rId\d+|"
                            r"\{[0-9A-Fa-f-]{36}\}|\d+:\d+|(?:\$?[A-Z]{1,3}\$?\d{1,7}(?::\$?[A-Z]{1,3}\$?\d{1,7})?\s?)+")


def _copy(el: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(el))


def _drop_elements(pkg: Package) -> list[str]:
    removed: list[str] = []
    for name in [pkg.main] + [part for part, _, _ in pkg.sheets]:
        tree = pkg.trees[name]
        for el in list(tree.iter(*[s(t) for t in _ELEMENTS_DROPPED])):
            if el.getparent() is not None:
                el.getparent().remove(el)
                note(removed, _ELEMENTS_DROPPED[etree.QName(el).localname])
        for el in tree.iter(s("pageSetup")):  # its r:id names the printer settings part, dropped
            el.attrib.pop(f"{{{R}}}id", None)
        for el in tree.iter(s("hyperlink")):
            if el.get(f"{{{R}}}id") and not _link_kept(pkg, name, el.get(f"{{{R}}}id")):
                el.attrib.pop(f"{{{R}}}id")
    return removed


def _link_kept(pkg: Package, part: str, rel_id: str) -> bool:
    rels = pkg.trees.get(ooxml.rels_name(part))
    return rels is not None and any(r.get("Id") == rel_id for r in rels.iter(f"{{{ooxml.REL}}}Relationship"))


def _read_workbook(pkg: Package, builder: TextBuilder) -> list[str]:
    """Sheet names, then each sheet's cells row by row, its headers and footers and its links.
    Returns what hidden content there was ('1 hidden sheet', '3 hidden rows')."""
    workbook = pkg.trees[pkg.main]
    for sheet in workbook.iter(s("sheet")):
        builder.unit("sheet names")
        builder.add(sheet.get("name", ""), (sheet, "name"))
        builder.add("\n")
    hidden = {"sheet": 0, "row": 0, "column": 0}
    for part, name, state in pkg.sheets:
        hidden["sheet"] += state != "visible"
        label = f"sheet {name}" + (" (hidden)" if state != "visible" else "")
        tree = pkg.trees[part]
        hidden["column"] += sum(1 for col in tree.iter(s("col")) if col.get("hidden") in ("1", "true"))
        for row in tree.iter(s("row")):
            hidden["row"] += row.get("hidden") in ("1", "true")
            cells = row.findall(s("c"))
            for i, cell in enumerate(cells):
                builder.unit(f"{label} cell {cell.get('r') or ''}".rstrip())
                _read_cell(cell, builder)
                builder.add("\t" if i < len(cells) - 1 else "")
            builder.add("\n")
        for el in tree.iter(s("oddHeader"), s("oddFooter"), s("evenHeader"), s("evenFooter"), s("firstHeader"),
                            s("firstFooter")):
            if el.text:
                builder.unit(f"{label} {etree.QName(el).localname}")
                # the codes ('&L', '&12', '&"Arial,Bold"', '&KFF0000') read as spaces of their length:
                # the words between them are found, and offsets still fit the element's text
                builder.add(_HEADER_CODES.sub(lambda m: " " * len(m.group(0)), el.text), (el, None))
                builder.add("\n")
        for link in tree.iter(s("hyperlink")):
            for attr in ("display", "tooltip", "location"):
                if link.get(attr):
                    builder.unit(f"{label} link {attr}")
                    builder.add(link.get(attr), (link, attr))
                    builder.add("\n")
    return [f"{n} hidden {kind}{'s' if n > 1 else ''}" for kind, n in hidden.items() if n]


_HEADER_CODES = re.compile(r'&(?:"[^"]*"|K[0-9A-Fa-f]{6}|K\d\d[+-]\d{3}|\d{1,3}|[LCRPNDTZFAGBIUESXYH&+-])')


def _read_cell(cell: etree._Element, builder: TextBuilder) -> None:
    inline = cell.find(s("is"))
    if inline is not None:
        for value in cell.findall(s("v")):  # a value beside the inline string is not what Excel shows
            cell.remove(value)
        for t in inline.iter(s("t")):
            builder.add(t.text or "", (t, None))
        return
    value = cell.find(s("v"))
    if value is not None and value.text:
        builder.add(value.text, (value, None))


def write(doc: Document, replacements: list[Replacement], out: Path) -> None:
    for el, attr in ooxml.edit_pieces(doc, replacements):
        if attr is None and el.tag == s("v"):
            _as_text_if_not_a_number(el)
        elif attr is None and el.tag == s("t"):
            el.set(f"{{{_XML_NS}}}space", "preserve")
        elif el.tag == s("sheet") and attr == "name":  # Excel forbids [ ] : * ? / \ in a sheet's name
            el.set("name", el.get("name", "").translate(_FORBIDDEN_IN_SHEET_NAMES)[:31])
    ooxml.write_package(doc.handle, out)


def _as_text_if_not_a_number(value: etree._Element) -> None:
    """A number cell whose value was replaced by a label becomes a text cell holding the label."""
    cell = value.getparent()
    if cell.get("t") in ("str", "e", "b", "inlineStr") or re.fullmatch(r"-?\d+(\.\d+)?([eE][-+]?\d+)?", value.text or ""):
        return
    text = value.text or ""
    cell.remove(value)
    cell.set("t", "inlineStr")
    t = etree.SubElement(etree.SubElement(cell, s("is")), s("t"))
    t.text = text


def copy_texts(path: Path, options: ReadOptions = ReadOptions()) -> list[str]:
    """The copy read again by this handler: what the tool itself sees in it."""
    return [read(path, options).text]
