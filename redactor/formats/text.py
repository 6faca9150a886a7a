"""Plain text (.txt, .md): the file's text is the document text; locations are line numbers."""
from __future__ import annotations

from pathlib import Path

from redactor.core import ReadOptions, RefusedError, Replacement
from redactor.formats.base import Document, TextBuilder, apply_replacements

EXTENSIONS = (".txt", ".md", ".text", ".csv", ".tsv")
#: Larger text files are refused rather than read whole (see the batch issue for streaming).
MAX_BYTES = 200 * 1024 * 1024


def read(path: Path, options: ReadOptions = ReadOptions()) -> Document:
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise RefusedError(f"over the {MAX_BYTES // 2**20} MB size limit for text files")
    if not data.strip():
        raise RefusedError("the file is empty")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RefusedError("not a text file (binary content)")
    text = _decode(data)
    builder = TextBuilder()
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        builder.unit(f"line {number}")
        builder.add(line)
    return Document(path=path, format="txt", text=text, units=builder.units)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise RefusedError("text is not UTF-8 or Windows-1252") from None


def write(doc: Document, replacements: list[Replacement], out: Path) -> str:
    """Write the copy (UTF-8) and return its text."""
    redacted = apply_replacements(doc.text, replacements)
    out.write_text(redacted, encoding="utf-8", newline="")
    return redacted


def copy_texts(path: Path, options: ReadOptions = ReadOptions()) -> list[str]:
    """The copy as a reader sees it, for the leak check."""
    return [path.read_bytes().decode("utf-8", errors="replace")]
