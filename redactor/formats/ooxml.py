"""What every Office Open XML package shares: the walk over its relationships, the rebuilt content
types, the neutralising of what was not read, and images stripped to their pixels.

Closed world: a part is kept only when a relationship of a known type reaches it from the package
root; an attribute value or element text that was neither read into the document's text nor is
the format's own vocabulary (:data:`redactor.verify.MACHINE`, ``structure_words``) is replaced by a
neutral name ("N3", the same name for the same value everywhere in the package, so that a style
and the paragraphs using it still agree) or cleared.
"""
from __future__ import annotations

import re
import struct
import urllib.parse
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from lxml import etree

from redactor import verify
from redactor.core import RefusedError
from redactor.core import Replacement
from redactor.formats.base import TextBuilder, apply_edits, edits_per_piece, note

REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_DOCUMENT = "officeDocument"
#: Relationship types (the last part of the type URI) whose targets are dropped, with what the report calls them.
DROPPED_KINDS = {
    "aFChunk": "embedded HTML, RTF or text chunks (altChunk)", "oleObject": "embedded objects",
    "package": "embedded objects", "glossaryDocument": "building blocks (glossary document)",
    "customXml": "custom XML data parts", "printerSettings": "printer settings", "vbaProject": "macros",
    "webextension": "add-ins (web extensions)", "webextensiontaskpanes": "add-ins (web extensions)",
    "taskpanes": "add-ins (web extensions)", "people": "list of comment and revision authors",
    "font": "embedded fonts", "thumbnail": "thumbnail image of the first page",
    "core-properties": "document properties", "extended-properties": "document properties",
    "custom-properties": "custom document properties", "mailMergeSource": "mail-merge data source",
    "recipientData": "mail-merge data source", "mailMergeHeaderSource": "mail-merge data source",
    "digital-signature": "digital signature (it cannot survive redaction)", "origin": "digital signature (it cannot survive redaction)",
    "signature": "digital signature (it cannot survive redaction)", "control": "ActiveX controls",
    "activeXControlBinary": "ActiveX controls", "comments": "comments", "commentsExtended": "comments",
    "commentsIds": "comments", "commentsExtensible": "comments", "keyMapCustomizations": "macros", "wordVbaData": "macros",
}
_IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif"}


#: Limits on a package, checked while it is read (never after the memory is spent): members, the
#: bytes all members decompress to, the XML among them and its elements ('<' counted before parsing;
#: lxml's own depth limit of 256 refuses deeper nesting), and how far one member may expand.
MAX_PARTS = 2000
MAX_UNCOMPRESSED = 256 * 1024 * 1024
MAX_XML_BYTES = 64 * 1024 * 1024
MAX_XML_ELEMENTS = 1_500_000
MAX_RATIO = 200
_BLOCK = 1 << 20


def read_package(path: Path, kind: str) -> tuple[list[str], dict[str, bytes]]:
    """Every member of the zip package at ``path`` as bytes, streamed under the limits above: a
    member's declared size is not trusted (its actual output is counted as it is inflated), so a
    small file that inflates to gigabytes is refused after at most the limit. ``kind`` ('.docx')
    names the format in messages."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise RefusedError(f"encrypted (password-protected) Office file or old binary format: not a {kind}")
    if not zipfile.is_zipfile(path):
        raise RefusedError(f"not a {kind} (not a zip package)")
    raw: dict[str, bytes] = {}
    total = xml_total = elements = 0
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > MAX_PARTS:
                raise RefusedError(f"too many parts ({len(infos)}): possible zip bomb")
            if any(i.flag_bits & 0x1 for i in infos):
                raise RefusedError("a part of the package is encrypted: cannot read it")
            for info in infos:
                blocks = []
                with z.open(info) as member:
                    while block := member.read(_BLOCK):
                        total += len(block)
                        blocks.append(block)
                        size = sum(map(len, blocks))
                        if total > MAX_UNCOMPRESSED or size > 10 * _BLOCK and size > MAX_RATIO * max(info.compress_size, 1):
                            raise RefusedError("decompresses past the size limit: possible zip bomb")
                data = b"".join(blocks)
                if is_xml(data):
                    xml_total += len(data)
                    elements += data.count(b"<")
                    if xml_total > MAX_XML_BYTES or elements > MAX_XML_ELEMENTS:
                        raise RefusedError("more XML than the limit (size or elements): possible XML bomb")
                raw[info.filename] = data
    except RefusedError:
        raise
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError, RuntimeError, zlib.error) as e:
        raise RefusedError(f"corrupt {kind} package ({type(e).__name__})") from None
    return [i.filename for i in infos], raw


@dataclass
class Package:
    """An Office package being read: its members' bytes, their parsed XML, what is dropped and
    why, and the main part. Each format adds what it needs."""

    names: list[str]
    raw: dict[str, bytes]
    trees: dict[str, Any] = field(default_factory=dict)
    dropped: set[str] = field(default_factory=set)
    removed_kinds: list[str] = field(default_factory=list)
    main: str = ""


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)


def parse(pkg: Package, name: str) -> Any:
    try:
        return etree.fromstring(pkg.raw[name], _PARSER)
    except etree.XMLSyntaxError:
        raise RefusedError("corrupt XML in one of its parts") from None


def open_package(pkg: Package, kept_types: set[str], keep_comments: bool = False, what: str = "Word document") -> None:
    """Parse the relationships, keep what a kept relationship reaches (:func:`reachable`) and
    parse every kept XML part."""
    for name in pkg.names:
        if name.endswith(".rels"):
            pkg.trees[name] = parse(pkg, name)
    pkg.main = reachable(pkg, kept_types, keep_comments, what)
    for name in pkg.names:
        if name not in pkg.dropped and name not in pkg.trees and is_xml(pkg.raw[name]):
            pkg.trees[name] = parse(pkg, name)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


#: A 1x1 transparent PNG: the stand-in for an image in a format that can carry text (EMF, WMF, SVG, TIFF).
BLANK_PNG = (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0))
             + _chunk(b"IDAT", zlib.compress(b"\x00\x00\x00\x00\x00")) + _chunk(b"IEND", b""))


def is_xml(data: bytes) -> bool:
    return verify.sniff(data) == "xml"


def rels_name(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


def resolve(source: str, target: str) -> str:
    """A relationship's target as a part name, relative to the part that holds it."""
    if target.startswith("/"):
        return target.lstrip("/")
    parts = (source.rpartition("/")[0] + "/" + target).split("/")
    out: list[str] = []
    for p in parts:
        if p == "..":
            if out:
                out.pop()
        elif p and p != ".":
            out.append(p)
    return "/".join(out)


def reachable(pkg: Any, kept_types: set[str], keep_comments: bool = False, what: str = "Word document") -> str:
    """Walk the relationships from the package root; every part no kept relationship reaches is
    dropped, and every relationship of another type is removed with its kind noted in
    ``pkg.removed_kinds``. Returns the main part's name (refused where there is none)."""
    kept = {"[Content_Types].xml"}
    main = ""
    queue = [""]
    while queue:
        source = queue.pop()
        rels = pkg.trees.get(rels_name(source) if source else "_rels/.rels")
        if rels is None:
            continue
        kept.add(rels_name(source) if source else "_rels/.rels")
        for rel in list(rels.iter(f"{{{REL}}}Relationship")):
            kind = rel.get("Type", "").rstrip("/").rsplit("/", 1)[-1]
            wanted = kind in kept_types or (keep_comments and kind == "comments")
            if rel.get("TargetMode") == "External":
                if not wanted:
                    note(pkg.removed_kinds, DROPPED_KINDS.get(kind, "links to outside files"))
                    rels.remove(rel)
                continue
            target = resolve(source, rel.get("Target", ""))
            if not wanted or target not in pkg.raw or target in pkg.dropped:
                if target in pkg.raw or kind in DROPPED_KINDS:
                    note(pkg.removed_kinds, DROPPED_KINDS.get(kind, "parts of a kind this tool does not read"))
                rels.remove(rel)
                continue
            if kind == OFFICE_DOCUMENT and not source:
                main = main or target
            if target not in kept:
                kept.add(target)
                queue.append(target)
    if not main:
        raise RefusedError(f"not a {what} (the package names no main document part)")
    for name in pkg.names:
        if name not in kept and not name.endswith("/"):
            if name not in pkg.dropped and not name.endswith(".rels"):
                note(pkg.removed_kinds, "parts no relationship reaches")
            pkg.dropped.add(name)
    return main


def content_types(pkg: Any) -> None:
    """Keep only the content-type entries of parts still in the package."""
    types = pkg.trees.get("[Content_Types].xml")
    if types is None:
        return
    names = [n for n in pkg.names if n not in pkg.dropped]
    extensions = {n.rpartition(".")[2].lower() for n in names}
    for entry in list(types):
        if entry.get("PartName") is not None and entry.get("PartName", "").lstrip("/") not in names:
            types.remove(entry)
        elif entry.get("Extension") is not None and entry.get("Extension", "").lower() not in extensions:
            types.remove(entry)
    present = {e.get("Extension", "").lower() for e in types if e.get("Extension")}
    for ext, ctype in (("png", "image/png"),):
        if ext in extensions and ext not in present:
            etree.SubElement(types, f"{{{CT}}}Default", Extension=ext, ContentType=ctype)


def neutralise(trees: dict[str, Any], read: set[tuple[int, str | None]],
               safe: Callable[[str], bool] = verify.structural) -> tuple[int, int]:
    """Replace unread attribute values that are not ``safe`` (by default: structural) by neutral
    names and clear such unread element text, in every tree. ``read`` holds
    ``(id(element), attribute or None)`` of what was read into the document's text. Returns how
    many attribute values were renamed and how many texts were cleared."""
    names: dict[str, str] = {}
    renamed = cleared = 0
    for tree in trees.values():
        for el in list(tree.iter()):
            if not isinstance(el.tag, str):  # a comment or processing instruction: nothing a reader needs
                if el.getparent() is not None:
                    el.getparent().remove(el)
                    cleared += 1
                continue
            for attr, value in el.attrib.items():
                if (id(el), attr) in read or not value or safe(value):
                    continue
                el.set(attr, names.setdefault(value, f"N{len(names) + 1}"))
                renamed += 1
            if el.text and el.text.strip() and (id(el), None) not in read and not safe(el.text):
                el.text = ""
                cleared += 1
            if el.tail and el.tail.strip():
                el.tail = None
                cleared += 1
    return renamed, cleared


def bare_image(data: bytes) -> tuple[bytes, str] | None:
    """The image with its pixels and how to draw them only (PNG text, EXIF, XMP, ICC and comment
    chunks gone) and its kind ('png', 'jpeg', 'gif'), or None for a format that can carry text and
    is not rewritten here."""
    kind = verify.sniff(data)
    if kind == "png":
        out, pos = [data[:8]], 8
        while pos + 8 <= len(data):
            length, ctype = struct.unpack(">I4s", data[pos:pos + 8])
            if ctype in verify.PNG_SAFE_CHUNKS:
                out.append(data[pos:pos + 12 + length])
            pos += 12 + length
        return b"".join(out), kind
    if kind == "jpeg":
        out, pos = [data[:2]], 2
        while pos + 4 <= len(data) and data[pos] == 0xFF:
            marker = data[pos + 1]
            if marker == 0xDA:  # start of scan: the rest is pixels up to the end marker
                end = data.rfind(b"\xff\xd9")
                out.append(data[pos:end + 2 if end > pos else len(data)])
                return b"".join(out), kind
            length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
            if marker in verify.JPEG_SAFE:
                out.append(data[pos:pos + 2 + length])
            pos += 2 + length
        return b"".join(out), kind
    if kind == "gif" and b"!\xfe" not in data:
        return data, kind
    return None


def image_type(name: str) -> str | None:
    return _IMAGE_TYPES.get(name.rpartition(".")[2].lower().replace("jpg", "jpeg"))



_URI_SAFE = ":/?#[]@!$&'()*+,;=%~"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def read_link_targets(trees: dict[str, Any], builder: TextBuilder) -> None:
    """External relationships' targets (hyperlinks, an attached template's path) into the text,
    decoded so that 'Rosalind%20Pettigrew' is found as a name; control characters ('%00') cannot
    stand in XML, so a target loses them. :func:`write_package` encodes them again."""
    for name in sorted(n for n in trees if n.endswith(".rels")):
        for rel in trees[name].iter(f"{{{REL}}}Relationship"):
            if rel.get("TargetMode") == "External":
                rel.set("Target", _CONTROL.sub("", urllib.parse.unquote(rel.get("Target", ""))))
                builder.unit("link target")
                builder.add(rel.get("Target", ""), (rel, "Target"))
                builder.add("\n")


def edit_pieces(doc: Any, replacements: list[Replacement]) -> Iterator[tuple[Any, str | None]]:
    """Apply ``replacements`` to the element texts and attributes the document's pieces were read
    from; yields each (element, attribute or None) edited, for the format's own fix-ups."""
    for index, edits in edits_per_piece(doc.pieces, replacements).items():
        el, attr = doc.pieces[index].locator
        if attr is None:
            el.text = apply_edits(el.text or "", edits)
        else:
            el.set(attr, apply_edits(el.get(attr, ""), edits))
        yield el, attr


def write_package(pkg: Any, out: Path) -> None:
    """The package's kept parts, XML from its (edited) trees, link targets encoded again."""
    for name in (n for n in pkg.trees if n.endswith(".rels")):
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
