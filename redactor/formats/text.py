"""Plain text (.txt, .md): the file's text is the document text; locations are line numbers."""
from __future__ import annotations

import re
from pathlib import Path

from redactor.core import ReadOptions, RefusedError, Replacement
from redactor.formats.base import Document, TextBuilder, apply_replacements

EXTENSIONS = (".txt", ".md", ".text", ".csv", ".tsv")


def read(path: Path, options: ReadOptions = ReadOptions()) -> Document:
    data = path.read_bytes()  # the pipeline has checked it is a regular file under the size limit
    if not data.strip():
        raise RefusedError("the file is empty")
    text = _decode(data)
    if not text.strip():
        raise RefusedError("the file is empty")
    builder = TextBuilder()
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        builder.unit(f"line {number}")
        builder.add(line)
    return Document(path=path, format="txt", text=text, units=builder.units)


#: Byte-order marks, longest first (UTF-32-LE's starts with UTF-16-LE's).
_BOMS = [(b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xef\xbb\xbf", "utf-8"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")]


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def _decode(data: bytes) -> str:
    """The text under exactly one encoding, strictly: the one its byte-order mark names, else
    UTF-8, else Windows-1252 for a file with no NUL and no byte cp1252 leaves undefined. A file
    that does not decode cleanly (an odd trailing byte, an unpaired surrogate, mixed encodings)
    is refused: a lenient decoding writes a copy whose bytes hold text that was never scanned."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise RefusedError(f"text does not decode cleanly as {encoding.upper()} (its byte-order mark)") from None
            return _checked(text)
    if b"\x00" in data:
        raise RefusedError("not a text file (NUL bytes without a byte-order mark)")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if _UTF8_SEQUENCE.search(data):
        raise RefusedError("text mixes encodings (UTF-8 sequences beside bytes that are not UTF-8)")
    try:
        return _checked(data.decode("cp1252"))
    except UnicodeDecodeError:
        raise RefusedError("text is neither UTF-8 nor Windows-1252 (it decodes cleanly under neither)") from None


def _checked(text: str) -> str:
    if "\x00" in text:
        raise RefusedError("not a text file (binary content)")
    if any("\ud800" <= c <= "\udfff" for c in text):
        raise RefusedError("text holds an unpaired surrogate: it does not decode cleanly")
    return text


def write(doc: Document, replacements: list[Replacement], out: Path) -> str:
    """Write the copy (UTF-8) and return its text."""
    redacted = apply_replacements(doc.text, replacements)
    out.write_text(redacted, encoding="utf-8", newline="")
    return redacted


def copy_texts(path: Path, options: ReadOptions = ReadOptions()) -> list[str]:
    """The copy as a reader sees it, for the leak check."""
    return [path.read_bytes().decode("utf-8", errors="replace")]
