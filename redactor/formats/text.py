"""Plain text (.txt, .md): the file's text is the document text; locations are line numbers."""
from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Iterator

from redactor.core import ReadOptions, RefusedError, Replacement
from redactor.formats.base import Document, TextBuilder, apply_replacements

EXTENSIONS = (".txt", ".md", ".text", ".csv", ".tsv")


#: A text file larger than this (bytes) is redacted in sections (:func:`sections`), so that memory
#: stays flat however long it is; each section is about ``SECTION_CHARS`` characters.
SECTION_BYTES = 4 * 1024 * 1024
SECTION_CHARS = 1_000_000
_BLOCK = 1 << 20


def read(path: Path, options: ReadOptions = ReadOptions()) -> Document:
    """The whole file as one document (the pipeline has checked it is a regular file under the
    size limit; longer than :data:`SECTION_BYTES`, it reads it in :func:`sections` instead)."""
    encoding, skip = _encoding(path)
    text = "".join(_decoded(path, encoding, skip))
    if not text.strip():
        raise RefusedError("the file is empty")
    return _document(path, text, 1)


def sections(path: Path, options: ReadOptions = ReadOptions()) -> Iterator[tuple[int, Document]]:
    """The file as consecutive documents of about :data:`SECTION_CHARS` characters, each cut after
    a line break (else a space), with its offset in the whole text; lines keep their numbers in
    the whole file. Decoded under one encoding chosen for the whole file, as :func:`read` does."""
    encoding, skip = _encoding(path)
    pending, offset, line = "", 0, 1
    for block in _decoded(path, encoding, skip):
        pending += block
        while len(pending) >= SECTION_CHARS:
            cut = pending.rfind("\n", 0, SECTION_CHARS) + 1 or pending.rfind(" ", 0, SECTION_CHARS) + 1 \
                or SECTION_CHARS
            yield offset, _document(path, pending[:cut], line)
            line += len(pending[:cut].splitlines())
            offset, pending = offset + cut, pending[cut:]
    if pending or not offset:
        yield offset, _document(path, pending, line)


def _document(path: Path, text: str, first_line: int) -> Document:
    builder = TextBuilder()
    for number, line in enumerate(text.splitlines(keepends=True), start=first_line):
        builder.unit(f"line {number}")
        builder.add(line)
    return Document(path=path, format="txt", text=text, units=builder.units)


#: Byte-order marks, longest first (UTF-32-LE's starts with UTF-16-LE's).
_BOMS = [(b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xef\xbb\xbf", "utf-8"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")]
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _blocks(path: Path, skip: int = 0) -> Iterator[bytes]:
    with open(path, "rb") as fh:
        fh.seek(skip)
        while block := fh.read(_BLOCK):
            yield block


def _encoding(path: Path) -> tuple[str, int]:
    """The file's one encoding and the length of its byte-order mark: the encoding the mark names,
    else UTF-8, else Windows-1252 for a file with no NUL and no UTF-8 sequence. Decided over the
    whole file, a block at a time: a lenient or mixed decoding writes a copy whose bytes hold text
    that was never scanned, so a file that fits no one encoding is refused."""
    with open(path, "rb") as fh:
        head = fh.read(4)
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding, len(bom)
    utf8, is_utf8, has_sequence, tail = codecs.getincrementaldecoder("utf-8")("strict"), True, False, b""
    for block in _blocks(path):
        if b"\x00" in block:
            raise RefusedError("not a text file (NUL bytes without a byte-order mark)")
        if is_utf8:
            try:
                utf8.decode(block)
            except UnicodeDecodeError:
                is_utf8 = False
        has_sequence = has_sequence or bool(_UTF8_SEQUENCE.search(tail + block[:4]) or _UTF8_SEQUENCE.search(block))
        tail = block[-4:]
    if is_utf8:
        try:
            utf8.decode(b"", final=True)
            return "utf-8", 0
        except UnicodeDecodeError:
            pass
    if has_sequence:
        raise RefusedError("text mixes encodings (UTF-8 sequences beside bytes that are not UTF-8)")
    return "cp1252", 0


def _decoded(path: Path, encoding: str, skip: int) -> Iterator[str]:
    """The text, a block at a time, decoded strictly (a byte cp1252 leaves undefined, an odd
    trailing byte or an unpaired surrogate refuses the file)."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        for block in _blocks(path, skip):
            yield _checked(decoder.decode(block))
        yield _checked(decoder.decode(b"", final=True))
    except UnicodeDecodeError:
        if skip:
            raise RefusedError(f"text does not decode cleanly as {encoding.upper()} (its byte-order mark)") from None
        raise RefusedError("text is neither UTF-8 nor Windows-1252 (it decodes cleanly under neither)") from None


def _checked(text: str) -> str:
    if "\x00" in text:
        raise RefusedError("not a text file (binary content)")
    if _SURROGATE.search(text):
        raise RefusedError("text holds an unpaired surrogate: it does not decode cleanly")
    return text


def write(doc: Document, replacements: list[Replacement], out: Path, append: bool = False) -> str:
    """Write the copy (UTF-8), or add a section to it (``append``), and return the text written."""
    redacted = apply_replacements(doc.text, replacements)
    with open(out, "a" if append else "w", encoding="utf-8", newline="") as fh:
        fh.write(redacted)
    return redacted


def copy_texts(path: Path, options: ReadOptions = ReadOptions()) -> list[str]:
    """The copy as a reader sees it, for the leak check."""
    return [path.read_bytes().decode("utf-8", errors="replace")]
