"""Images (.png, .jpg, .tif, multi-page TIFFs): read by OCR and redacted in the pixels; the copy
keeps the format and size and is made from the pixels alone (see :mod:`redactor.formats.scan`)."""
from __future__ import annotations

from pathlib import Path

from redactor.core import ReadOptions, Replacement
from redactor.formats import scan
from redactor.formats.base import Document

EXTENSIONS = (".png", ".jpg", ".jpeg", ".tif", ".tiff")


def read(path: Path, options: ReadOptions = ReadOptions()) -> Document:
    pages, kind = scan.image_pages(path)
    return scan.read_pages(path, "image", pages,
                           ["image metadata (EXIF, XMP, ICC profile, text chunks): the copy is made from the pixels"], kind)


def write(doc: Document, replacements: list[Replacement], out: Path) -> None:
    scan.write_pages(doc, replacements, out)


def copy_texts(path: Path, options: ReadOptions = ReadOptions()) -> list[str]:
    """Nothing more: the copy's pixels are read by OCR afresh in the independent check
    (:func:`redactor.verify.read_image`), and a second OCR here would read them the same way."""
    return []
