"""Word documents (.docx): every part of the package, not just the body.

Reading accepts tracked changes (deleted and moved-from text is dropped, insertions kept), drops
comments, and clears metadata, so the text detected is exactly the text the copy will hold.
Text lives in ``w:t`` and ``w:instrText`` elements (body, tables, text boxes, headers, footers,
footnotes, endnotes, content controls, field codes), in DrawingML ``a:t`` and chart ``c:v``
elements (SmartArt, shapes, charts' cached labels) and in a few attributes (image alt text,
external link targets, such as an attached template's path under the author's user folder);
each is a :class:`~redactor.formats.base.Piece` so replacements map back
to the run they came from. Table rows are read as one line with cells separated by tabs, so
column headings such as "DOB" inform detection.
"""
from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from redactor.core import ReadOptions, Replacement
from redactor.formats import ooxml
from redactor.formats import scan
from redactor.formats.base import IMAGES_UNCHECKED, Document, TextBuilder, note

EXTENSIONS = (".docx", ".docm")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: Parts that hold formatting only; every other XML part under word/ with paragraphs is text.
_FORMAT_PARTS = re.compile(r"(.*/)?(styles|stylesWithEffects|fontTable|webSettings|settings|theme\d*)\.xml$|.*/theme/")
_TRACKED_REMOVE = ["del", "moveFrom", "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd",
                   "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange",
                   "tblGridChange", "numberingChange", "cellDel", "cellIns", "cellMerge", "commentRangeStart",
                   "commentRangeEnd", "commentReference", "proofErr", "permStart", "permEnd", "dataBinding"]
_TRACKED_UNWRAP = ["ins", "moveTo", "fldSimple"]


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Package(ooxml.Package):
    renamed: dict[str, str] = field(default_factory=dict)  # media part -> its new, neutral name
    pictures: scan.Pictures = field(default_factory=scan.Pictures)  # images read by OCR, keyed by part name


def read(path: Path, options: ReadOptions = ReadOptions()) -> Document:
    pkg = Package(*ooxml.read_package(path, ".docx"))
    ooxml.open_package(pkg, _KEPT_RELATIONSHIPS, options.keep_comments)
    removed = list(pkg.removed_kinds)
    removed += _clean(pkg, options.keep_comments)
    removed += _drop_elements(pkg)
    builder = TextBuilder()
    for name in _text_parts(pkg):
        builder.unit(_part_label(name))
        _read_part(pkg.trees[name], builder, _part_label(name))
    ooxml.read_link_targets(pkg.trees, builder)
    removed += _clean_media(pkg)
    renamed, cleared = ooxml.neutralise(pkg.trees, {(id(p.locator[0]), p.locator[1]) for p in builder.pieces})
    if renamed:
        removed.append(f"{renamed} unread attribute value(s) (names of styles, fonts, bookmarks...) given neutral names")
    if cleared:
        removed.append(f"{cleared} unread text(s) outside the document's text")
    ooxml.content_types(pkg)
    for name in [n for n in pkg.names if ooxml.image_type(n) and n not in pkg.dropped]:
        pkg.pictures.read(builder, name, pkg.raw[name], "")
    unread = pkg.pictures.unread
    unchecked = [f"{unread} image{'s' if unread > 1 else ''} kept as {'they are' if unread > 1 else 'it is'}: "
                 f"{IMAGES_UNCHECKED}"] if unread else []
    return Document(path=path, format="docx", text=builder.text(), pieces=builder.pieces, units=builder.units,
                    removed=removed, unchecked=unchecked + pkg.pictures.unchecked(), marks=pkg.pictures.marks(),
                    handle=pkg)


#: Relationship types whose parts are read (or are formatting the copy needs); every other part is dropped.
_KEPT_RELATIONSHIPS = {"officeDocument", "styles", "stylesWithEffects", "numbering", "fontTable", "settings",
                       "webSettings", "theme", "themeOverride", "header", "footer", "footnotes", "endnotes", "image",
                       "hyperlink", "chart", "chartUserShapes", "chartStyle", "chartColorStyle", "diagramData",
                       "diagramLayout", "diagramQuickStyle", "diagramColors", "diagramDrawing", "attachedTemplate"}



#: Elements removed with what they hold: content the copy cannot show safely or that names
#: outside data (embedded chunks, mail-merge queries, list entries that are not shown, form help).
_ELEMENTS_DROPPED = {
    "altChunk": "embedded HTML, RTF or text chunks (altChunk)", "mailMerge": "mail-merge data source and query",
    "listItem": "unselected entries of drop-down lists", "listEntry": "unselected entries of drop-down lists",
    "helpText": "form-field help and status text", "statusText": "form-field help and status text",
    "captions": "caption settings", "smartTagType": "smart-tag types", "attachedSchema": "attached schemas",
    "documentProtection": "document protection (its password hash)", "writeProtection": "document protection (its password hash)",
    "alias": "content-control titles and tags", "tag": "content-control titles and tags",
    "saveThroughXslt": "transform settings", "docVars": "document variables", "object": "embedded objects",
}
_UNWRAPPED = ("smartTag", "customXml")


def _drop_elements(pkg: Package) -> list[str]:
    """Remove the elements of :data:`_ELEMENTS_DROPPED` and unwrap smart tags and custom-XML
    elements (their runs stay; their element names and attributes go)."""
    removed: list[str] = []
    for tree in pkg.trees.values():
        for el in list(tree.iter(*[w(t) for t in _ELEMENTS_DROPPED])):
            el.getparent().remove(el)
            note(removed, _ELEMENTS_DROPPED[etree.QName(el).localname])
        for el in list(tree.iter(*[w(t) for t in _UNWRAPPED])):
            for pr in el.findall(w(etree.QName(el).localname + "Pr")):
                el.remove(pr)
            _unwrap(el)
            note(removed, "smart tags and custom-XML markup")
        for ext in list(tree.iter(f"{{{A}}}ext")):  # an SVG (text-bearing) beside an image's PNG
            if any(etree.QName(c).localname == "svgBlip" for c in ext):
                ext.getparent().remove(ext)
    return removed


def _clean_media(pkg: Package) -> list[str]:
    """Images keep their pixels only (no text chunks, EXIF, XMP, comments) and get neutral part
    names (a file name can be a person's); an image in a format that can hold text (EMF, WMF, SVG,
    TIFF) is replaced by a blank PNG."""
    removed: list[str] = []
    count = 0
    for name in [n for n in pkg.names if n not in pkg.dropped and not ooxml.is_xml(pkg.raw[n])
                 and not n.endswith(".rels")]:
        image = ooxml.bare_image(pkg.raw[name])
        if image is None:
            bare, ext = ooxml.BLANK_PNG, "png"
            note(removed, "images in formats that can hold text (EMF, WMF, SVG...) replaced by a blank")
        else:
            bare, ext = image
            if bare != pkg.raw[name]:
                note(removed, "image metadata (text chunks, EXIF, XMP, comments)")
        count += 1
        new = f"{name.rpartition('/')[0]}/image{count}.{ext}" if "/" in name else f"image{count}.{ext}"
        pkg.renamed[name] = new
        pkg.raw[new] = bare
    for rels_part, tree in pkg.trees.items():
        if not rels_part.endswith(".rels"):
            continue
        source = rels_part.replace("_rels/", "").removesuffix(".rels")
        for rel in tree.iter(f"{{{REL}}}Relationship"):
            if rel.get("TargetMode") != "External":
                target = ooxml.resolve(source, rel.get("Target", ""))
                if target in pkg.renamed:
                    rel.set("Target", "/" + pkg.renamed[target])
    pkg.names = [pkg.renamed.get(n, n) for n in pkg.names]
    if pkg.renamed:
        removed.append("image file names (replaced by neutral ones)")
    return removed



_COMMENT_ANCHORS = ("commentRangeStart", "commentRangeEnd", "commentReference")


def _clean(pkg: Package, keep_comments: bool) -> list[str]:
    """Accept tracked changes, drop comment anchors (or, keeping comments, their authors), clear
    form fields' default text; returns what was removed."""
    removed = []
    tracked = 0
    for name, tree in pkg.trees.items():
        if name.endswith(".rels"):
            continue
        if keep_comments and re.match(r"word/comments[A-Za-z]*\.xml$", name):
            for comment in tree.iter(w("comment")):
                for attr in (w("author"), w("initials")):
                    if comment.get(attr):
                        comment.set(attr, "")
            removed.append("comment authors")
        for tr in list(tree.iter(w("tr"))):  # rows deleted under tracking go with their content
            if tr.find(f"{w('trPr')}/{w('del')}") is not None:
                tr.getparent().remove(tr)
                tracked += 1
        for tag in _TRACKED_REMOVE:
            if keep_comments and tag in _COMMENT_ANCHORS:
                continue
            for el in list(tree.iter(w(tag))):
                el.getparent().remove(el)
                tracked += tag in ("del", "moveFrom")
        for tag in _TRACKED_UNWRAP:
            for el in list(tree.iter(w(tag))):
                _unwrap(el)
                tracked += tag != "fldSimple"
        for default in tree.iter(w("default")):
            if default.get(w("val")):
                default.set(w("val"), "")
                removed.append("form field default text")
    if tracked:
        removed.append("tracked changes (accepted)")
    return removed


def _unwrap(el: etree._Element) -> None:
    parent = el.getparent()
    index = parent.index(el)
    for child in list(el):
        parent.insert(index, child)
        index += 1
    parent.remove(el)


def _text_parts(pkg: Package) -> list[str]:
    """Every kept XML part that holds paragraphs, the main document part first. Formatting parts
    are read for their list labels only (numbering); properties are gone."""
    names = [n for n in pkg.trees if not n.endswith(".rels") and n != "[Content_Types].xml"
             and not _FORMAT_PARTS.match(n)]
    return sorted(names, key=lambda n: (n != pkg.main, n))


def _part_label(name: str) -> str:
    return name.removeprefix("word/").removesuffix(".xml")


def _read_part(root: etree._Element, builder: TextBuilder, label: str) -> None:
    """Paragraphs in document order; a paragraph ends a table cell with a tab, a row with a newline."""
    count = 0
    for p in root.iter(w("p")):
        count += 1
        builder.unit(f"{label} paragraph {count}")
        for el in p.iter(w("t"), w("instrText"), f"{{{M}}}t", w("tab"), w("br"), w("cr")):
            if _owner(el) is not p:
                continue
            tag = etree.QName(el).localname
            if tag in ("t", "instrText"):  # w:t, w:instrText and math's m:t
                builder.add(el.text or "", (el, None))
            else:
                builder.add("\t" if tag == "tab" else "\n")
        builder.add(_paragraph_end(p))
    for el in root.iter(f"{{{A}}}t", f"{{{C}}}v", f"{{{C}}}f"):  # charts' values and formulas, SmartArt, shapes
        if el.text:
            builder.unit(f"{label} {etree.QName(el).localname}")
            builder.add(el.text, (el, None))
            builder.add("\n")
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        local = etree.QName(el).localname
        for attr in list(el.attrib):
            name = etree.QName(attr).localname
            if (name in _TEXT_ATTRS - {"Target"} or (name == "name" and local in _NAME_ELEMS)
                    or (local, name) in _SHOWN_ATTRS and re.search(r"[^\W\d_]", el.get(attr) or "")):
                builder.unit(f"{label} {local} {name}")
                builder.add(el.get(attr), (el, attr))
                builder.add("\n")


def _owner(el: etree._Element) -> etree._Element | None:
    parent = el.getparent()
    while parent is not None and parent.tag != w("p"):
        parent = parent.getparent()
    return parent


def _paragraph_end(p: etree._Element) -> str:
    cell = p.getparent()
    if cell is not None and cell.tag == w("tc") and p is cell.findall(w("p"))[-1]:
        row = cell.getparent()
        cells = row.findall(w("tc")) if row is not None else []
        return "\t" if cells and cell is not cells[-1] else "\n"
    return "\n"


def write(doc: Document, replacements: list[Replacement], out: Path) -> None:
    for el, attr in ooxml.edit_pieces(doc, replacements):
        if attr is None and el.tag in (w("t"), w("instrText")):  # the only text elements whose schema allows it
            el.set(XML_SPACE, "preserve")
    for name, data in doc.handle.pictures.painted(replacements):
        doc.handle.raw[name] = data
    ooxml.write_package(doc.handle, out)


#: Attributes that carry document text (authors, alt text, field codes, link targets, content-control
#: and form values); formatting attributes (fonts, language tags, style ids) are noise for the check.
_TEXT_ATTRS = {"author", "initials", "descr", "title", "instr", "tooltip", "alt", "Target"}
_NAME_ELEMS = {"docPr", "cNvPr", "docVar", "property", "ffData"}
#: Attributes whose value a reader sees on the page: a list's label text ('Ward %1.'), WordArt's text.
_SHOWN_ATTRS = {("lvlText", "val"), ("textpath", "string")}
_VAL_ELEMS = {"alias", "tag", "docVar", "default", "listEntry", "name"}
_ATTR = re.compile(r"<(?:[\w.-]+:)?([\w.-]+)((?:\s+[^\s=>/]+\s*=\s*\"[^\"]*\")*)\s*/?>")


def copy_texts(path: Path, options: ReadOptions = ReadOptions()) -> list[str]:
    """Every XML part of the written package, tag-stripped, plus its text-bearing attributes: the
    leak check reads what any tool could dig out, not what Word shows."""
    out = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            data = z.read(name)
            if not name.lower().endswith((".xml", ".rels", ".vml")):
                if name.lower().endswith((".docx", ".xlsx", ".pptx", ".bin")):
                    out.append(data.decode("latin-1"))
                continue
            xml = data.decode("utf-8", "replace")
            if not _FORMAT_PARTS.match(name) and name != "[Content_Types].xml":
                for m in _ATTR.finditer(xml):
                    elem = m.group(1)
                    for attr, value in re.findall(r"([^\s=]+)\s*=\s*\"([^\"]*)\"", m.group(2)):
                        local = attr.split(":")[-1]
                        if (local in _TEXT_ATTRS or (local == "name" and elem in _NAME_ELEMS)
                                or (local == "val" and elem in _VAL_ELEMS)):
                            out.append(html.unescape(value))
            if name.startswith(("docProps/", "customXml/")):
                xml = re.sub(r"</[^>]+>", "\n", xml)
            xml = re.sub(r"</w:p>|</w:tc>|<w:tab/>|<w:br/>", "\n", xml)
            out.append(html.unescape(re.sub(r"<[^>]+>", "", xml)))
    return ["\n".join(out)]
