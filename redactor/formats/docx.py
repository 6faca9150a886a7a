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
import urllib.parse
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from redactor.core import ReadOptions, RefusedError, Replacement
from redactor.formats.base import IMAGES_UNCHECKED, Document, TextBuilder, apply_edits, edits_per_piece

EXTENSIONS = (".docx", ".docm")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
MAX_PARTS = 2000
MAX_UNCOMPRESSED = 300 * 1024 * 1024
MAX_RATIO = 200
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)
#: Parts that hold formatting only; every other XML part under word/ with paragraphs is text.
_FORMAT_PARTS = re.compile(r"word/(styles|stylesWithEffects|numbering|fontTable|webSettings|settings|theme/)")
#: Parts removed whole: their content cannot be shown to the recipient safely or is not needed.
_DROP_PARTS = [
    (re.compile(r"word/comments[A-Za-z]*\.xml$"), "comments"),
    (re.compile(r"word/people\.xml$"), "list of comment and revision authors"),
    (re.compile(r"docProps/custom\.xml$"), "custom document properties"),
    (re.compile(r"customXml/"), "custom XML data parts"),
    (re.compile(r"docProps/thumbnail\.\w+$"), "thumbnail image of the first page"),
    (re.compile(r"word/embeddings/"), "embedded objects and attachments (cannot be checked)"),
    (re.compile(r"word/(activeX|vbaProject|vbaData)"), "macros and ActiveX controls"),
]
_CORE_FIELDS = ["creator", "lastModifiedBy", "title", "subject", "keywords", "description", "category",
                "contentStatus", "identifier", "language", "version"]
_APP_FIELDS = ["Company", "Manager", "HyperlinkBase", "Template"]
_TRACKED_REMOVE = ["del", "moveFrom", "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd",
                   "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange",
                   "tblGridChange", "numberingChange", "cellDel", "cellIns", "cellMerge", "commentRangeStart",
                   "commentRangeEnd", "commentReference", "proofErr", "permStart", "permEnd", "dataBinding"]
_TRACKED_UNWRAP = ["ins", "moveTo", "fldSimple"]


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Package:
    names: list[str]
    raw: dict[str, bytes]
    trees: dict[str, etree._Element] = field(default_factory=dict)
    dropped: set[str] = field(default_factory=set)


def read(path: Path, options: ReadOptions = ReadOptions()) -> Document:
    pkg = _open(path)
    removed: list[str] = []
    for name in pkg.names:
        for pattern, what in _DROP_PARTS:
            if options.keep_comments and what == "comments":
                continue
            if pattern.match(name):
                pkg.dropped.add(name)
                if what not in removed:
                    removed.append(what)
    for name in pkg.names:
        if name.endswith((".xml", ".rels")) and name not in pkg.dropped:
            try:
                pkg.trees[name] = etree.fromstring(pkg.raw[name], _PARSER)
            except etree.XMLSyntaxError:
                raise RefusedError(f"corrupt XML in part {name}") from None
    removed += _clean(pkg, options.keep_comments)
    builder = TextBuilder()
    for name in _text_parts(pkg):
        builder.unit(_part_label(name))
        _read_part(pkg.trees[name], builder, _part_label(name))
    for name in sorted(n for n in pkg.trees if n.endswith(".rels")):
        for rel in pkg.trees[name].iter(f"{{{REL}}}Relationship"):
            if rel.get("TargetMode") == "External":
                # read (and written back) decoded: 'Rosalind%20Pettigrew' must be found as a name
                rel.set("Target", urllib.parse.unquote(rel.get("Target", "")))
                builder.unit("link target")
                builder.add(rel.get("Target", ""), (rel, "Target"))
                builder.add("\n")
    images = [n for n in pkg.names if n.startswith("word/media/") and n not in pkg.dropped]
    unchecked = [f"{len(images)} image{'s' if len(images) > 1 else ''} kept as {'they are' if len(images) > 1 else 'it is'}: "
                 f"{IMAGES_UNCHECKED}"] if images else []
    return Document(path=path, format="docx", text=builder.text(), pieces=builder.pieces, units=builder.units,
                    removed=removed, unchecked=unchecked, handle=pkg)


def _open(path: Path) -> Package:
    head = path.read_bytes()[:8]
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise RefusedError("encrypted (password-protected) Word file or old binary .doc: not supported")
    if not zipfile.is_zipfile(path):
        raise RefusedError("not a .docx (not a zip package)")
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > MAX_PARTS:
                raise RefusedError(f"too many parts ({len(infos)}): possible zip bomb")
            total = sum(i.file_size for i in infos)
            if total > MAX_UNCOMPRESSED or any(i.compress_size and i.file_size / i.compress_size > MAX_RATIO
                                               and i.file_size > 10 * 1024 * 1024 for i in infos):
                raise RefusedError("uncompressed size over the limit: possible zip bomb")
            names = [i.filename for i in infos]
            if "word/document.xml" not in names:
                raise RefusedError("not a Word document (no word/document.xml)")
            raw = {n: z.read(n) for n in names}
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError) as e:
        raise RefusedError(f"corrupt .docx package ({type(e).__name__})") from None
    return Package(names, raw)


_COMMENT_ANCHORS = ("commentRangeStart", "commentRangeEnd", "commentReference")


def _clean(pkg: Package, keep_comments: bool) -> list[str]:
    """Accept tracked changes, drop comment anchors (or, keeping comments, their authors), clear
    metadata; returns what was removed."""
    removed = []
    tracked = 0
    for name, tree in pkg.trees.items():
        if not name.startswith("word/"):
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
        for docvars in list(tree.iter(w("docVars"))):
            docvars.getparent().remove(docvars)
            removed.append("document variables")
        for default in tree.iter(w("default")):
            if default.get(w("val")):
                default.set(w("val"), "")
                removed.append("form field default text")
    if tracked:
        removed.append("tracked changes (accepted)")
    core = pkg.trees.get("docProps/core.xml")
    if core is not None:
        cleared = [el for el in core if etree.QName(el).localname in _CORE_FIELDS and (el.text or "").strip()]
        for el in cleared:
            el.text = ""
        if cleared:
            removed.append("core properties: " + ", ".join(etree.QName(e).localname for e in cleared))
    app = pkg.trees.get("docProps/app.xml")
    if app is not None:
        cleared = [el for el in app if etree.QName(el).localname in _APP_FIELDS and (el.text or "").strip()]
        for el in cleared:
            el.text = ""
        for el in [el for el in app if etree.QName(el).localname in ("TitlesOfParts", "HeadingPairs")]:
            app.remove(el)  # the document's title and headings, repeated
            cleared.append(el)
        if cleared:
            removed.append("app properties: " + ", ".join(etree.QName(e).localname for e in cleared))
    _drop_references(pkg)
    return removed


def _unwrap(el: etree._Element) -> None:
    parent = el.getparent()
    index = parent.index(el)
    for child in list(el):
        parent.insert(index, child)
        index += 1
    parent.remove(el)


def _drop_references(pkg: Package) -> None:
    """Remove relationships and content-type entries that point at dropped parts, and the
    embedded-object elements whose data was dropped."""
    for name, tree in pkg.trees.items():
        if not name.endswith(".rels"):
            continue
        base = name.replace("_rels/", "").removesuffix(".rels")
        folder = base.rsplit("/", 1)[0] + "/" if "/" in base else ""
        for rel in list(tree.iter(f"{{{REL}}}Relationship")):
            if rel.get("TargetMode") == "External":
                continue
            target = _resolve(folder, rel.get("Target", ""))
            if target in pkg.dropped or any(target.startswith(d.rstrip("/") + "/") for d in pkg.dropped):
                tree.remove(rel)
    types = pkg.trees.get("[Content_Types].xml")
    if types is not None:
        for override in list(types):
            if override.get("PartName", "").lstrip("/") in pkg.dropped:
                types.remove(override)
    for name, tree in pkg.trees.items():
        if name.startswith("word/") and not name.endswith(".rels"):
            for obj in list(tree.iter(w("object"))):
                obj.getparent().remove(obj)


def _resolve(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    parts = (folder + target).split("/")
    out: list[str] = []
    for p in parts:
        if p == "..":
            if out:
                out.pop()
        elif p and p != ".":
            out.append(p)
    return "/".join(out)


def _text_parts(pkg: Package) -> list[str]:
    names = [n for n in pkg.trees if n.startswith("word/") and n.endswith(".xml") and not _FORMAT_PARTS.match(n)]
    return sorted(names, key=lambda n: (n != "word/document.xml", n))


def _part_label(name: str) -> str:
    return name.removeprefix("word/").removesuffix(".xml")


def _read_part(root: etree._Element, builder: TextBuilder, label: str) -> None:
    """Paragraphs in document order; a paragraph ends a table cell with a tab, a row with a newline."""
    count = 0
    for p in root.iter(w("p")):
        count += 1
        builder.unit(f"{label} paragraph {count}")
        for el in p.iter(w("t"), w("instrText"), w("tab"), w("br"), w("cr")):
            if _owner(el) is not p:
                continue
            tag = etree.QName(el).localname
            if tag in ("t", "instrText"):
                builder.add(el.text or "", (el, None))
            else:
                builder.add("\t" if tag == "tab" else "\n")
        builder.add(_paragraph_end(p))
    for el in root.iter(f"{{{A}}}t", f"{{{C}}}v"):  # charts' cached values, SmartArt and shape text
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
            if name in _TEXT_ATTRS - {"Target"} or (name == "name" and local in _NAME_ELEMS):
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
    pkg: Package = doc.handle
    for index, edits in edits_per_piece(doc.pieces, replacements).items():
        el, attr = doc.pieces[index].locator
        if attr is None:
            el.text = apply_edits(el.text or "", edits)
            if el.tag in (w("t"), w("instrText")):  # the only text elements whose schema allows it
                el.set(XML_SPACE, "preserve")
        else:
            el.set(attr, apply_edits(el.get(attr, ""), edits))
    for name in (n for n in pkg.trees if n.endswith(".rels")):  # link targets were read decoded
        for rel in pkg.trees[name].iter(f"{{{REL}}}Relationship"):
            if rel.get("TargetMode") == "External":
                rel.set("Target", urllib.parse.quote(rel.get("Target", ""), safe=_URI_SAFE))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in pkg.names:
            if name in pkg.dropped:
                continue
            data = pkg.raw[name]
            if name in pkg.trees:
                data = etree.tostring(pkg.trees[name], xml_declaration=True, encoding="UTF-8", standalone=True)
            z.writestr(name, data)


_URI_SAFE = ":/?#[]@!$&'()*+,;=%~"
#: Attributes that carry document text (authors, alt text, field codes, link targets, content-control
#: and form values); formatting attributes (fonts, language tags, style ids) are noise for the check.
_TEXT_ATTRS = {"author", "initials", "descr", "title", "instr", "tooltip", "alt", "Target"}
_NAME_ELEMS = {"docPr", "cNvPr", "docVar", "property", "ffData"}
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
