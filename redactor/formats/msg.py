"""Outlook messages (.msg), read through ``olefile`` (BSD) and the property streams that
[MS-OXMSG] documents; the copy is written as an .eml.

The readers of .msg files that do the whole job (extract-msg, msg-extractor's relatives) are GPL,
which this package may not carry, so the message is read here from the compound file's streams:
subject, sender and the account sent on behalf of, recipients (display names and SMTP
addresses, by type), the date, the bodies (plain, HTML, and compressed RTF when there is no
other body: decompressed by ``compressed_rtf``, MIT, and read to text by ``striprtf``, BSD) and the
attachments (files by value, and forwarded Outlook messages, recursively). Those become a
standard message that the .eml handler reads, redacts, writes and verifies: the copy is built
from what was read and nothing else (closed world). Every other property (transport headers,
named properties, conversation index, search keys, OLE and by-reference attachments) is left
out and reported; signed or encrypted messages are refused.
"""
from __future__ import annotations

import datetime as dt
import struct
from email.header import Header
from email.message import Message
from email.mime.application import MIMEApplication
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime
from pathlib import Path

from redactor.core import ReadOptions, RefusedError
from redactor.formats import eml
from redactor.formats.base import Document, note

EXTENSIONS = (".msg",)
#: The copy is an Internet message: no library this package may carry writes .msg files.
COPY_SUFFIX = ".eml"
READS_NESTED = True
write = eml.write
copy_texts = eml.copy_texts

_ATTACH = "__attach_version1.0_#"
_RECIPIENT = "__recip_version1.0_#"
_EMBEDDED = "__substg1.0_3701000D"
_UNICODE, _STRING8, _BINARY = 0x001F, 0x001E, 0x0102
_TO, _CC, _BCC = 1, 2, 3
_BY_VALUE, _EMBEDDED_MESSAGE = 1, 5
_CODECS = {65001: "utf-8", 20127: "ascii", 28591: "latin-1", 65000: "utf-7"}
_LEFT_OUT = ("Outlook properties other than sender, recipients, subject, date, bodies and attachments "
             "(transport headers, named properties, conversation index...): the copy is an .eml")


def read(path: Path, options: ReadOptions = ReadOptions(), depth: int = 0) -> Document:
    import olefile
    if not olefile.isOleFile(str(path)):
        raise RefusedError("not an Outlook message (not an OLE compound file)")
    removed: list[str] = []
    try:
        with olefile.OleFileIO(str(path)) as ole:
            message = _message(ole, [], 32, removed, depth)
    except (OSError, ValueError, struct.error, IndexError, KeyError) as e:
        raise RefusedError(f"corrupt Outlook message ({type(e).__name__})") from None
    return eml.read_message(message, path, options, depth, fmt="msg", removed=removed)


class _Properties:
    """One object's properties (the message, a recipient, an attachment): variable-length values
    from their own streams, fixed-length ones from the object's property stream."""

    def __init__(self, ole: object, storage: list[str], header: int) -> None:
        self.ole, self.storage = ole, storage
        self.streams = {tuple(entry[len(storage):]) for entry in ole.listdir(streams=True, storages=False)
                        if entry[:len(storage)] == storage}
        self.fixed: dict[int, bytes] = {}
        stream = ("__properties_version1.0",)
        if stream in self.streams:
            data = self._read(stream)
            for at in range(header, len(data) - 15, 16):
                tag = struct.unpack_from("<I", data, at)[0]
                self.fixed[tag >> 16] = data[at + 8:at + 16]
        self.codec = _CODECS.get(self.number(0x3FFD) or 0) or (f"cp{self.number(0x3FFD)}" if self.number(0x3FFD)
                                                                else "cp1252")

    def _read(self, stream: tuple[str, ...]) -> bytes:
        return self.ole.openstream("/".join([*self.storage, *stream])).read()

    def binary(self, pid: int) -> bytes | None:
        stream = (f"__substg1.0_{pid:04X}{_BINARY:04X}",)
        return self._read(stream) if stream in self.streams else None

    def text(self, pid: int) -> str:
        for kind in (_UNICODE, _STRING8):
            stream = (f"__substg1.0_{pid:04X}{kind:04X}",)
            if stream in self.streams:
                data = self._read(stream)
                value = data.decode("utf-16-le", "replace") if kind == _UNICODE else _decode(data, self.codec)
                return value.split("\x00", 1)[0]
        return ""

    def number(self, pid: int) -> int | None:
        value = self.fixed.get(pid)
        return struct.unpack_from("<i", value)[0] if value else None

    def time(self, pid: int) -> dt.datetime | None:
        value = self.fixed.get(pid)
        ticks = struct.unpack_from("<Q", value)[0] if value else 0
        if not ticks:
            return None
        return dt.datetime(1601, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(microseconds=ticks // 10)


def _decode(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except (LookupError, UnicodeDecodeError):
        return data.decode("cp1252", "replace")


def _message(ole: object, storage: list[str], header: int, removed: list[str], depth: int) -> Message:
    """The Outlook message in ``storage`` as an Internet message holding what was read, only."""
    if depth > eml.MAX_DEPTH:
        raise RefusedError("attachments nested too deeply to read")
    props = _Properties(ole, storage, header)
    kind = props.text(0x001A).upper()
    if "SMIME" in kind or kind.startswith("IPM.NOTE.SECURE"):
        raise RefusedError("a signed or encrypted message (S/MIME): a signature cannot survive redaction and an "
                           "encrypted body cannot be read")
    note(removed, _LEFT_OUT)
    parts: list[Message] = []
    plain, markup = props.text(0x1000), _html(props)
    if plain:
        parts.append(MIMEText(plain, "plain", "utf-8"))
    if markup:
        parts.append(MIMEText(markup, "html", "utf-8"))
    rtf = props.binary(0x1009)
    if rtf and not parts:
        parts.append(MIMEText(_rtf_text(rtf), "plain", "utf-8"))
    elif rtf:
        note(removed, "the RTF body (the message's plain or HTML body carries its text)")
    parts += _attachments(ole, storage, props, removed, depth)
    message = MIMEMultipart("mixed")
    for name, value in _headers(ole, storage, props):
        if value.strip():
            message[name] = Header(" ".join(value.split()), "utf-8") if not value.isascii() else " ".join(value.split())
    for part in parts:
        message.attach(part)
    return message


def _headers(ole: object, storage: list[str], props: _Properties) -> list[tuple[str, str]]:
    sender = _address(props.text(0x0C1A), props.text(0x5D01) or props.text(0x0C1F))
    on_behalf = _address(props.text(0x0042), props.text(0x5D02) or props.text(0x0065))
    headers = [("From", on_behalf or sender)]
    if on_behalf and sender and on_behalf != sender:
        headers.append(("Sender", sender))
    recipients = _recipients(ole, storage)
    for name, kind, shown in (("To", _TO, 0x0E04), ("Cc", _CC, 0x0E03), ("Bcc", _BCC, 0x0E02)):
        listed = [a for k, a in recipients if k == kind]
        headers.append((name, ", ".join(listed) if listed else props.text(shown)))
    when = props.time(0x0039) or props.time(0x0E06)
    if when:
        headers.append(("Date", format_datetime(when)))
    headers.append(("Subject", props.text(0x0037)))
    return headers


def _address(name: str, address: str) -> str:
    name = name.replace('"', "'")
    if name and address and name != address:
        return f'"{name}" <{address}>'
    return name or address


def _recipients(ole: object, storage: list[str]) -> list[tuple[int, str]]:
    found = []
    for sub in _children(ole, storage, _RECIPIENT):
        props = _Properties(ole, sub, 8)
        found.append((props.number(0x0C15) or _TO,
                      _address(props.text(0x3001), props.text(0x39FE) or props.text(0x3003))))
    return found


def _children(ole: object, storage: list[str], prefix: str) -> list[list[str]]:
    """The sub-storages of ``storage`` named ``prefix`` and a number, in order."""
    names = {entry[len(storage)] for entry in ole.listdir(streams=True, storages=True)
             if entry[:len(storage)] == storage and len(entry) > len(storage) and entry[len(storage)].startswith(prefix)}
    return [[*storage, name] for name in sorted(names)]


def _html(props: _Properties) -> str:
    data = props.binary(0x1013)
    if data is None:
        return props.text(0x1013)
    cpid = props.number(0x3FDE)
    return _decode(data, _CODECS.get(cpid or 65001) or f"cp{cpid}")


def _rtf_text(data: bytes) -> str:
    from compressed_rtf import decompress
    from striprtf.striprtf import rtf_to_text
    try:
        return rtf_to_text(decompress(data).decode("latin-1"))
    except Exception as e:  # noqa: BLE001 - any fault in the RTF body is a corrupt file
        raise RefusedError(f"the message's RTF body cannot be read ({type(e).__name__})") from None


def _attachments(ole: object, storage: list[str], props: _Properties, removed: list[str],
                 depth: int) -> list[Message]:
    parts: list[Message] = []
    for sub in _children(ole, storage, _ATTACH):
        attachment = _Properties(ole, sub, 8)
        method = attachment.number(0x3705)
        name = attachment.text(0x3707) or attachment.text(0x3704) or attachment.text(0x3001)
        if method == _EMBEDDED_MESSAGE or (tuple([_EMBEDDED, "__properties_version1.0"]) in attachment.streams):
            inner = _message(ole, [*sub, _EMBEDDED], 24, removed, depth + 1)
            part: Message = MIMEMessage(inner)
            stem = name[:-4] if name.lower().endswith((".msg", ".eml")) else name
            name = f"{stem or 'forwarded'}.eml"  # carried as an Internet message from here on
        elif method in (None, _BY_VALUE) and attachment.binary(0x3701) is not None:
            part = MIMEApplication(attachment.binary(0x3701) or b"")
        else:
            note(removed, "attachments held as linked files or OLE objects (not read)")
            continue
        part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", name or "attachment"))
        parts.append(part)
    return parts
