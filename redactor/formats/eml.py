"""E-mail messages (.eml, RFC 5322 with MIME), read with the standard library's ``email`` package.

What is read into the document's text: the headers a reader sees (From, To, Cc, Bcc, Reply-To,
Sender, Subject, Date; RFC 2047 encoded words decoded), every text part (transfer encodings and
charsets decoded), every HTML part as the text a reader sees (with link targets and image
descriptions), and every attachment a handler of this package reads (.txt, .docx, .xlsx, .pdf,
images and scans by OCR, a forwarded .eml or Outlook .msg), with its file name.

The copy is a new message built from those pieces only (closed world): the headers above,
redacted; each text part as UTF-8 text; each HTML part as its redacted text, escaped, in a
``<pre>`` block (no markup, script, style or remote image survives); each attachment redacted by
its own handler and verified by that format's independent reader. Removed and reported: every
other header (Received, Message-ID, X- headers, DKIM and ARC signatures, Thread-Index...),
attachments of other kinds or that cannot be read, and the structure of
alternatives (a plain and an HTML version both appear). Signed or encrypted messages (S/MIME,
PGP) are refused: a signature cannot survive redaction and an encrypted body cannot be read.
"""
from __future__ import annotations

import base64
import email
import email.policy
import html
import re
import shutil
import tempfile
import urllib.parse
from dataclasses import dataclass, field
from email.header import Header, decode_header, make_header
from email.message import Message
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from redactor.core import ReadOptions, RefusedError, Replacement
from redactor.formats import copy_suffix
from redactor.formats.base import Document, TextBuilder, apply_edits, apply_replacements, edits_per_piece, note

EXTENSIONS = (".eml",)
#: Headers copied (redacted) into the copy; every other header is removed.
KEPT_HEADERS = ("From", "Sender", "Reply-To", "To", "Cc", "Bcc", "Date", "Subject")
#: Attachments inside attachments: deeper nesting is refused.
MAX_DEPTH = 4
#: ``read`` takes the depth of nesting (a message attached to a message).
READS_NESTED = True
_BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote",
           "pre", "hr", "section", "article", "header", "footer"}


@dataclass
class Part:
    """One piece of the copy: a header, a text or HTML body, or an attachment (with its own
    document, read by its own handler) and its file name."""

    kind: str  # "header", "text", "html", "attachment", "filename"
    name: str = ""
    text: str = ""
    subtype: str = "plain"
    handler: Any = None
    document: Document | None = None
    filename: int = -1  # an attachment's file-name part


@dataclass
class Mail:
    parts: list[Part] = field(default_factory=list)
    workdir: Path | None = None


def read(path: Path, options: ReadOptions = ReadOptions(), depth: int = 0) -> Document:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.compat32)
    return read_message(message, path, options, depth)


def read_message(message: Message, path: Path, options: ReadOptions, depth: int, fmt: str = "eml",
                 removed: list[str] | None = None) -> Document:
    """:func:`read` of a message already parsed (or built from an Outlook file: ``fmt`` says
    which, ``removed`` what building it left out)."""
    if not message.keys() or not any(message.get(h) for h in ("From", "To", "Subject", "Date")):
        raise RefusedError("not an e-mail message (no From, To, Subject or Date header)")
    _refuse_sealed(message)
    removed = list(removed or [])
    handle = Mail(workdir=Path(tempfile.mkdtemp(prefix="redact-eml-")))
    builder = TextBuilder()
    try:
        for name in KEPT_HEADERS:
            for value in message.get_all(name) or []:
                part = Part("header", name, _decoded_header(value))
                _add(builder, handle, part, f"header {name}")
        dropped = [k for k in message.keys() if k not in KEPT_HEADERS and not k.lower().startswith("content-")
                   and k.lower() != "mime-version"]
        if dropped:
            removed.append("headers other than From, To, Cc, Bcc, Reply-To, Sender, Date and Subject "
                           "(Received, Message-ID, X- headers, signatures...)")
        unchecked = _read_parts(message, builder, handle, removed, options, depth)
    except BaseException:
        shutil.rmtree(handle.workdir, ignore_errors=True)
        raise
    return Document(path=path, format=fmt, text=builder.text(), pieces=builder.pieces, units=builder.units,
                    removed=removed, unchecked=unchecked, handle=handle)


def _refuse_sealed(message: Message) -> None:
    for part in message.walk():
        ctype = part.get_content_type()
        if ctype in ("multipart/signed", "multipart/encrypted", "application/pkcs7-mime",
                     "application/x-pkcs7-mime", "application/pgp-encrypted", "application/pgp-signature"):
            raise RefusedError("a signed or encrypted message (S/MIME or PGP): a signature cannot survive "
                               "redaction and an encrypted body cannot be read")
        if part.get_content_maintype() == "text":
            body = part.get_payload(decode=True) or b""
            if b"-----BEGIN PGP" in body:
                raise RefusedError("a PGP-signed or encrypted message: a signature cannot survive redaction")


def _decoded_header(value: str) -> str:
    try:
        return " ".join(str(make_header(decode_header(value))).split())
    except (LookupError, UnicodeError, ValueError):
        raise RefusedError("a header's encoded words cannot be decoded") from None


def _add(builder: TextBuilder, handle: Mail, part: Part, label: str) -> None:
    handle.parts.append(part)
    builder.unit(label)
    builder.add(part.text, ("part", len(handle.parts) - 1))
    builder.add("\n")


def _read_parts(message: Message, builder: TextBuilder, handle: Mail, removed: list[str],
                options: ReadOptions, depth: int) -> list[str]:
    """Read the bodies and attachments; returns what no check could read in the attachments
    (images kept in a .docx), for the report's 'look by eye' list."""
    from redactor.formats import handler_for
    bodies = attachments = 0
    unchecked: list[str] = []
    for part in _leaves(message):
        filename = part.get_filename()
        ctype = part.get_content_type()
        disposition = (part.get("Content-Disposition") or "").split(";")[0].strip().lower()
        if part.get_content_maintype() == "text" and not filename and disposition != "attachment":
            bodies += 1
            text = _text_of(part)
            subtype = "html" if ctype == "text/html" else "plain"
            _add(builder, handle, Part(subtype, text=_html_text(text) if subtype == "html" else text,
                                       subtype=subtype), f"body part {bodies}")
            continue
        if ctype == "message/rfc822":  # a forwarded message carried whole
            filename = filename or "forwarded.eml"
            inner = part.get_payload()
            data = inner[0].as_bytes() if isinstance(inner, list) and inner else b""
        else:
            data = part.get_payload(decode=True) or b""
        name = _decoded_header(filename) if filename else ""
        handler = handler_for(Path(name)) if name else None
        if handler is None or not data:
            note(removed, "attachments of a kind this tool does not read (archives, unknown types)")
            continue
        if depth >= MAX_DEPTH:
            raise RefusedError("attachments nested too deeply to read")
        attachments += 1
        local = handle.workdir / f"attachment-{attachments}{Path(name).suffix.lower()}"
        local.write_bytes(data)
        try:
            sub = handler.read(local, options, depth + 1) if getattr(handler, "READS_NESTED", False) \
                else handler.read(local, options)
        except RefusedError:
            note(removed, "attachments that could not be read (corrupt, encrypted or unsupported inside)")
            attachments -= 1
            continue
        for what in sub.removed:
            note(removed, f"in attachment {attachments}: {what}")
        unchecked += [f"attachment {attachments}: {what}" for what in sub.unchecked]
        _add(builder, handle, Part("filename", text=name), f"attachment {attachments} file name")
        handle.parts.append(Part("attachment", name, sub.text, handler=handler, document=sub,
                                 filename=len(handle.parts) - 1))
        base = builder.length
        for offset, label in sub.units or [(0, "")]:
            builder.units.append((base + offset, f"attachment {attachments} {label}".rstrip()))
        builder.add(sub.text, ("part", len(handle.parts) - 1))
        builder.add("\n")
    if not bodies and not attachments:
        raise RefusedError("the message has no text this tool can read")
    return unchecked


def _leaves(message: Message) -> list[Message]:
    """The parts that hold content, in order; a forwarded message (message/rfc822) is one part,
    read as an attachment with its own headers, not walked into."""
    if message.get_content_type() == "message/rfc822" or not message.is_multipart():
        return [message]
    return [leaf for part in message.get_payload() for leaf in _leaves(part)]


def _text_of(part: Message) -> str:
    data = part.get_payload(decode=True) or b""
    charset = part.get_content_charset() or "utf-8"
    try:
        return data.decode(charset)
    except (LookupError, UnicodeDecodeError):
        raise RefusedError("a text part is not in the character set it names") from None


class _Visible(HTMLParser):
    """The text a reader of an HTML body sees, with link targets (percent-decoded) and image
    descriptions written out after their text (they can hold a name or an address). Every tag is
    a boundary: a line break for blocks, a tab between table cells, and a space elsewhere unless
    it falls inside a word or a number or beside a space ('Phi<b>lippa</b>' reads 'Philippa' and
    '943<i> 476</i>' '943 476', as a browser shows them; 'Quarendon</b><i>07700' reads apart)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head", "title"):
            self.skip += 1
        self.out.append("\n" if tag in _BLOCKS else "\t" if tag in ("td", "th") else _BOUNDARY)
        for key, value in attrs:
            if value and key in ("href", "src", "alt", "title") and not value.startswith("data:"):
                self.out.append(f" ({urllib.parse.unquote(value) if key in ('href', 'src') else value}) ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head", "title") and self.skip:
            self.skip -= 1
        self.out.append("\n" if tag in _BLOCKS else _BOUNDARY)

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.out.append(data)


_BOUNDARY = "\x00"


def _html_text(markup: str) -> str:
    parser = _Visible()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.out)
    # inside a word or a number, or beside a space: nothing; between a word and a number: a space
    text = re.sub(r"(?<=[^\W\d_])\x00+(?=[^\W\d_])|(?<=\d)\x00+(?=\d)|(?<=\s)\x00+|\x00+(?=\s)", "", text)
    text = re.sub(r"\x00+", " ", text)
    return re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+\n", "\n", text)).strip() + "\n"


def write(doc: Document, replacements: list[Replacement], out: Path) -> None:
    handle: Mail = doc.handle
    texts = [p.text for p in handle.parts]
    edits = edits_per_piece(doc.pieces, replacements)
    copies: dict[int, bytes] = {}
    for index, piece_edits in edits.items():
        n = doc.pieces[index].locator[1]
        part = handle.parts[n]
        if part.kind == "attachment":
            copies[n] = _redacted_attachment(part, [Replacement(e.start, e.end, e.new_text, e.entity_type)
                                                    for e in piece_edits], out.parent)
        else:
            texts[n] = apply_edits(part.text, piece_edits)
    copy = Message()
    for n, part in enumerate(handle.parts):
        if part.kind == "header":
            copy[part.name] = Header(texts[n], "utf-8") if not texts[n].isascii() else texts[n]
    copy["MIME-Version"] = "1.0"
    copy["Content-Type"] = "multipart/mixed"
    parts: list[Message] = []
    for n, part in enumerate(handle.parts):
        if part.kind in ("plain", "html"):
            parts.append(_text_part(texts[n], part.kind))
        elif part.kind == "attachment":
            parts.append(_attachment(copies.get(n) or _redacted_attachment(part, [], out.parent),
                                     _renamed(texts[part.filename], part), copy_suffix(part.handler, part.name)))
    copy.set_payload(parts)
    out.write_bytes(copy.as_bytes(policy=email.policy.SMTP))
    shutil.rmtree(handle.workdir, ignore_errors=True)


def _text_part(text: str, kind: str) -> Message:
    part = Message()
    if kind == "html":
        text = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><pre>" + html.escape(text)
                + "</pre></body></html>")
    part["Content-Type"] = f"text/{kind}; charset=\"utf-8\""
    part["Content-Transfer-Encoding"] = "base64"
    part.set_payload(base64.encodebytes(text.encode("utf-8")).decode("ascii"))
    return part


def _attachment(data: bytes, filename: str, suffix: str) -> Message:
    """An attachment's part, named ``filename`` (redacted) ending in ``suffix`` (its copy's)."""
    part = Message()
    part["Content-Type"] = "application/octet-stream"
    part["Content-Transfer-Encoding"] = "base64"
    name = filename.strip() or "attachment"
    if not name.lower().endswith(suffix):  # a label replaced the extension's dot
        name += suffix
    part["Content-Disposition"] = f"attachment; filename=\"{_quoted(name)}\"" if name.isascii() else \
        "attachment; filename*=utf-8''" + urllib.parse.quote(name)
    part.set_payload(base64.encodebytes(data).decode("ascii"))
    return part


def _renamed(filename: str, part: Part) -> str:
    """An attachment's redacted name, its extension changed when its copy's format differs."""
    own, suffix = Path(part.name).suffix.lower(), copy_suffix(part.handler, part.name)
    if own != suffix and filename.lower().endswith(own):
        return filename[: len(filename) - len(own)] + suffix
    return filename


def _quoted(name: str) -> str:
    return name.replace("\\", "_").replace('"', "_").replace("\r", " ").replace("\n", " ")


def _redacted_attachment(part: Part, replacements: list[Replacement], folder: Path) -> bytes:
    """The attachment's copy, written by its own handler and verified by that format's
    independent reader; a copy that fails the check stops the whole message (no copy)."""
    from redactor.verify import verify
    workdir = Path(tempfile.mkdtemp(prefix=".redact-att-", dir=folder))
    try:
        target = workdir / f"copy{copy_suffix(part.handler, part.name)}"
        part.handler.write(part.document, replacements, target)
        expected = apply_replacements(part.document.text, replacements)
        values = [part.document.text[r.start:r.end] for r in replacements]
        problems = verify(part.document.format, target, expected, values)
        if problems:
            raise RefusedError(f"an attachment's copy failed verification: {'; '.join(problems)}")
        return target.read_bytes()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def copy_texts(path: Path, options: ReadOptions = ReadOptions()) -> list[str]:
    """The copy read again by this handler: what the tool itself sees in it."""
    doc = read(path, options)
    shutil.rmtree(doc.handle.workdir, ignore_errors=True)
    return [doc.text]
