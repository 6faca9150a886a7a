"""The independent verification: a writer that copies one unread place through makes the copy fail,
in each format, and the word ledger accepts only what the tool's redacted text accounts for."""
from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

from pdf_fixtures import build_text_pdf
from redactor import verify
from redactor.api import redactor_for
from redactor.formats import docx as docx_format
from redactor.formats import pdf as pdf_format
from redactor.formats import text as text_format

UNREAD = "Philippa Quarendon 9434765919"


# ------------------------------------------------------------------------------------------ the ledger
@pytest.mark.parametrize("segment", [
    "Larchfield House was inspected",  # the same words
    "LARCHFIELD   house,  WAS inspected.",  # case, spacing, punctuation
    "Larch field House",  # split differently by another reader
    "LarchfieldHouse",  # joined differently
    "ﬁnal report",  # a ligature (NFKC)
])
def test_ledger_accounts_for_the_scanned_words(segment: str):
    assert verify.Ledger("Larchfield House was inspected; final report.").unaccounted(segment) == []


def test_ledger_names_the_words_never_scanned():
    ledger = verify.Ledger("Larchfield House was inspected by [PERSON].")
    assert ledger.unaccounted("inspected by Philippa Quarendon") == ["philippa", "quarendon"]


@pytest.mark.parametrize("value, accepted", [
    ("Heading1", True), ("CommentReference", True), ("rId7", True), ("00A1B2C3", True), ("left", True),
    ("Times New Roman", True), ("Philippa Quarendon", False), ("PhilippaQuarendon", False),
    ("9434765919", False),  # an NHS number is no machine token
    ("07700900123", False),
])
def test_structure_vocabulary_and_machine_tokens(value: str, accepted: bool):
    assert verify.structural(value) is accepted


# ------------------------------------------------------------------------------------------ leaky writers
def _leaky(handler, monkeypatch, after) -> None:
    """Make ``handler.write`` copy an unread place through: write as usual, then ``after(out)``."""
    original = handler.write

    def write(doc, replacements, out):
        original(doc, replacements, out)
        after(out)
    monkeypatch.setattr(handler, "write", write)


def _assert_withheld(path: Path, out: Path) -> None:
    outcome = redactor_for().redact_file(path, out)
    assert outcome.status == "failed", outcome.message
    assert "never scanned" in outcome.message and "Quarendon" not in outcome.message
    assert not list(out.glob("*.redacted.*"))


def test_text_writer_copying_unread_text_fails(tmp_path: Path, monkeypatch):
    src = tmp_path / "note.txt"
    src.write_text("Inspection note for Larchfield House, 14 March 2025.\n", encoding="utf-8")
    _leaky(text_format, monkeypatch, lambda out: out.write_text(out.read_text() + UNREAD))
    _assert_withheld(src, tmp_path / "out")


def _docx(tmp_path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("Inspection note for Larchfield House, 14 March 2025.")
    path = tmp_path / "note.docx"
    d.save(path)
    return path


def _patch_zip(path: Path, name: str, change) -> None:
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts[name] = change(parts.get(name, b""))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)


@pytest.mark.parametrize("place, change", [
    ("word/styles.xml", lambda xml: xml.replace(b"<w:style ", f'<w:style w:customName="{UNREAD}" '.encode(), 1)),
    ("word/numbering.xml", lambda xml: f'<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                                       f'2006/main"><w:lvlText w:val="{UNREAD}"/></w:numbering>'.encode()),
    ("word/media/notes.bin", lambda data: UNREAD.encode("utf-16-le")),
])
def test_docx_writer_copying_an_unread_place_fails(tmp_path: Path, monkeypatch, place, change):
    _leaky(docx_format, monkeypatch, lambda out: _patch_zip(out, place, change))
    outcome = redactor_for().redact_file(_docx(tmp_path), tmp_path / "out")
    assert outcome.status == "failed", outcome.message
    assert "Quarendon" not in outcome.message and not list((tmp_path / "out").glob("*.redacted.*"))


@pytest.mark.parametrize("key, value", [("/Title", TextStringObject(UNREAD)),
                                        ("/Custom", NameObject("/PhilippaQuarendon"))])
def test_pdf_writer_copying_an_unread_place_fails(tmp_path: Path, monkeypatch, key, value):
    src = tmp_path / "note.pdf"
    build_text_pdf(src)

    def add(out: Path) -> None:
        writer = PdfWriter(clone_from=PdfReader(out))
        writer.pages[0][NameObject(key)] = value
        with open(out, "wb") as f:
            writer.write(f)
    _leaky(pdf_format, monkeypatch, add)
    _assert_withheld(src, tmp_path / "out")


def test_an_honest_copy_of_each_format_is_verified(tmp_path: Path):
    src = tmp_path / "note.pdf"
    build_text_pdf(src)
    for path in (src, _docx(tmp_path)):
        outcome = redactor_for().redact_file(path, tmp_path / "ok")
        assert outcome.status == "redacted", outcome.message
