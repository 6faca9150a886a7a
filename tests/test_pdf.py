"""PDF: redacted values are gone from the file (every reader, every object, every revision), the
rest of the text survives where it was, and what cannot be checked is refused."""
from __future__ import annotations

import base64
import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SHARED
from pdf_fixtures import (BODY_CPI, HIDDEN_CPI, KEPT, build_cid_pdf, build_hidden_pdf, build_letterhead_pdf,
                          build_scan_pdf, build_text_pdf)
from redactor.cli import main
from redactor.core import ReadOptions, Replacement
from redactor.formats import pdf as pdf_format


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def _raw_text(path: Path) -> str:
    """The file's bytes with every Flate stream inflated: what a determined reader could dig out."""
    data = path.read_bytes()
    parts = [data.decode("latin-1")]
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        body = m.group(1)
        for decode in (lambda b: zlib.decompress(b), lambda b: zlib.decompress(base64.a85decode(b.strip()[:-2]))):
            try:
                parts.append(decode(body).decode("latin-1"))
                break
            except (zlib.error, ValueError):
                pass
    return "\n".join(parts)


def _all_readings(path: Path) -> list[str]:
    texts = pdf_format.copy_texts(path) + [_raw_text(path)]
    if shutil.which("pdftotext"):
        texts.append(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout)
    return texts


def _assert_gone(path: Path, values: list[str]) -> None:
    for text in _all_readings(path):
        squashed = _squash(text)
        for value in values:
            assert _squash(value) not in squashed, value
            digits = re.sub(r"\D", "", value)
            if len(digits) >= 6:
                assert digits not in re.sub(r"[\s\-]", "", text), value


@pytest.fixture(scope="module")
def text_pdf(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "notes.pdf"
    build_text_pdf(path)
    return path


def test_pdf_text_layer_read_in_order(text_pdf: Path):
    doc = pdf_format.read(text_pdf)
    assert re.search(r"Mrs Margaret Thornton in the Ivy Wing \(NHS number 943 476[ \n]5919\)", doc.text)
    assert "Name\tRole" in doc.text  # table cells
    assert "Zoë Kowalczyk" in doc.text  # TrueType subset
    assert "Witness: Mr Idris Fairweather" in doc.text  # rotated
    assert "Left column: Harriet Bellamy said\nthe call bell" in doc.text  # columns in drawing order


def test_pdf_redacted_values_gone_and_rest_kept(text_pdf: Path, tmp_path: Path):
    result = CliRunner().invoke(main, [str(text_pdf), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "notes.redacted.pdf"
    _assert_gone(out, BODY_CPI)
    survived = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout \
        if shutil.which("pdftotext") else pdf_format.copy_texts(out)[1]
    for phrase in KEPT:
        assert phrase in survived
    assert text_pdf.read_bytes() != out.read_bytes()  # input untouched, copy written beside it


def test_pdf_glyphs_stay_in_place(text_pdf: Path, tmp_path: Path):
    """Every kept glyph is drawn exactly where it was: compare positions before and after."""
    from redactor.api import redact_file
    outcome = redact_file(text_pdf, tmp_path)
    before = {(g.text, round(g.origin[0], 2), round(g.origin[1], 2)) for g in pdf_format.glyphs(pdf_format.read(text_pdf))}
    after = list(pdf_format.glyphs(pdf_format.read(Path(outcome.output))))
    assert after
    for g in after:
        assert (g.text, round(g.origin[0], 2), round(g.origin[1], 2)) in before


def test_pdf_form_drawn_on_two_pages_boxed_on_both(tmp_path: Path):
    """Redacting a letterhead's name where page 1 draws it takes it out of the shared Form XObject,
    so page 2, which had no redaction of its own, must get a box too; the rest stays readable."""
    src, out = tmp_path / "letter.pdf", tmp_path / "letter.redacted.pdf"
    build_letterhead_pdf(src)
    doc = pdf_format.read(src)
    start = doc.text.index("Margaret Thornton")
    assert doc.text.count("Margaret Thornton") == 2
    pdf_format.write(doc, [Replacement(start, start + len("Margaret Thornton"), "[PERSON]", "PERSON")], out)
    _assert_gone(out, ["Margaret Thornton"])
    copy = pdf_format.copy_texts(out)[0]
    assert "The garden was tidy." in copy and "inspector" in copy
    from pypdf import PdfReader
    for page in PdfReader(out).pages:
        assert b" l h f" in page.get_contents().get_data()  # a painted box on each page


def test_pdf_cid_identity_font(tmp_path: Path):
    src = tmp_path / "cid.pdf"
    build_cid_pdf(src)
    assert "Zoë Kowalczyk" in pdf_format.read(src).text
    result = CliRunner().invoke(main, [str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    copy = tmp_path / "out" / "cid.redacted.pdf"
    _assert_gone(copy, ["Zoë Kowalczyk", "943 476 5919"])
    assert "Oakleigh Care Home" in pdf_format.copy_texts(copy)[0]


def test_pdf_hidden_content_removed(tmp_path: Path):
    src = tmp_path / "hidden.pdf"
    build_hidden_pdf(src)
    assert "Winifred Gallagher" in _raw_text(src)  # the earlier revision is really in the input
    result = CliRunner().invoke(main, [str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    copy = tmp_path / "out" / "hidden.redacted.pdf"
    _assert_gone(copy, HIDDEN_CPI)
    assert "Oakleigh Care Home" in pdf_format.copy_texts(copy)[0]
    report = (tmp_path / "out" / "hidden.report.json").read_text()
    for what in ["bookmarks", "JavaScript", "earlier revisions", "annotations"]:
        assert what in report


def test_pdf_scan_refused_or_blanked(tmp_path: Path, monkeypatch):
    """Without OCR a scanned page is refused (saying how to get OCR), or blanked on request."""
    from redactor.formats import scan
    monkeypatch.setattr(scan, "available", lambda: False)
    src = tmp_path / "scan.pdf"
    build_scan_pdf(src)
    result = CliRunner().invoke(main, [str(src), "-o", str(tmp_path / "a")])
    assert result.exit_code == 1
    assert "page 1 has no text layer" in result.output and "tesseract-ocr" in result.output
    assert not (tmp_path / "a" / "scan.redacted.pdf").exists()
    result = CliRunner().invoke(main, [str(src), "-o", str(tmp_path / "b"), "--blank-unreadable-pages"])
    assert result.exit_code == 0, result.output
    assert "1 page(s) blacked out whole (--blank-unreadable-pages)" in result.output  # not just '0 values'
    copy = tmp_path / "b" / "scan.redacted.pdf"
    assert "/Image" not in _raw_text(copy)


def test_pdf_images_kept_are_reported_unchecked(tmp_path: Path):
    """A small image on a text page (a signature) is kept, and the report says no check read it."""
    from redactor.api import redact_file
    src = tmp_path / "signed.pdf"
    build_scan_pdf(src, signature_only=True)
    outcome = redact_file(src, tmp_path / "out")
    assert outcome.status == "redacted", outcome.message
    report = __import__("json").loads(Path(outcome.report_json).read_text())
    assert report["summary"]["not_checked"] and "page 1" in report["summary"]["not_checked"][0]
    assert "Not checked, look by eye" in Path(outcome.report_md).read_text()


def test_pdf_encrypted_needs_password(text_pdf: Path, tmp_path: Path):
    from pypdf import PdfReader, PdfWriter
    enc = tmp_path / "locked.pdf"
    writer = PdfWriter(clone_from=PdfReader(text_pdf))
    writer.encrypt(user_password="s3cret", algorithm="AES-256")
    with open(enc, "wb") as f:
        writer.write(f)
    result = CliRunner().invoke(main, [str(enc), "-o", str(tmp_path / "a")])
    assert result.exit_code == 1 and "encrypted" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(main, [str(enc), "-o", str(tmp_path / "b"), "--password", "wrong"])
    assert result.exit_code == 1 and "does not open it" in result.output
    result = CliRunner().invoke(main, [str(enc), "-o", str(tmp_path / "c"), "--password", "s3cret"])
    assert result.exit_code == 0, result.output
    copy = tmp_path / "c" / "locked.redacted.pdf"
    assert not PdfReader(copy).is_encrypted
    _assert_gone(copy, BODY_CPI)
    result = CliRunner().invoke(main, [str(enc), "-o", str(tmp_path / "d"), "--password", "s3cret",
                                       "--encrypt-output"])
    assert result.exit_code == 0, result.output
    assert PdfReader(tmp_path / "d" / "locked.redacted.pdf").is_encrypted


@pytest.mark.parametrize("content,message", [
    (b"", "the file is empty"), (b"hello, not a pdf", "not a PDF"),
    (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n", "not a readable PDF"),
])
def test_pdf_bad_files_refused(tmp_path: Path, content: bytes, message: str):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(content)
    result = CliRunner().invoke(main, [str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out" / "bad.redacted.pdf").exists()


def test_pdf_truncated_refused(text_pdf: Path, tmp_path: Path):
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(text_pdf.read_bytes()[: len(text_pdf.read_bytes()) // 3])
    result = CliRunner().invoke(main, [str(cut), "-o", str(tmp_path / "out")])
    assert "Traceback" not in result.output
    if result.exit_code == 0:  # pypdf may rebuild a damaged file: then the copy must still be clean
        _assert_gone(tmp_path / "out" / "cut.redacted.pdf", BODY_CPI)


def _pgm(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert header
    w, h = int(header.group(1)), int(header.group(2))
    return w, h, data[header.end():]


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils (pdftoppm) not installed")
def test_pdf_render_changes_only_inside_boxes(text_pdf: Path, tmp_path: Path):
    """Render before and after: every pixel that changed is now dark (under a box) or next to one."""
    from redactor.api import redact_file
    outcome = redact_file(text_pdf, tmp_path)
    images = []
    for name, src in [("before", text_pdf), ("after", Path(outcome.output))]:
        subprocess.run(["pdftoppm", "-r", "150", "-gray", "-singlefile", str(src), str(tmp_path / name)], check=True)
        images.append(_pgm(tmp_path / f"{name}.pgm"))
    (w, h, before), (_, _, after) = images
    assert len(before) == len(after)
    changed = [i for i in range(len(before)) if abs(before[i] - after[i]) > 40]
    assert changed  # something was redacted
    for i in changed:
        y, x = divmod(i, w)
        near = [after[yy * w + xx] for yy in range(max(0, y - 2), min(h, y + 3))
                for xx in range(max(0, x - 2), min(w, x + 3))]
        assert min(near) < 80, (x, y)  # within 2 px of the box (its antialiased edge is grey)


def test_pdf_hazards_no_gold_value_survives(tmp_path: Path):
    import json
    corpus = SHARED / "corpus" / "hazards-dev"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus/hazards-dev not present")
    from redactor.api import redact_file
    for gold_path in sorted(corpus.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        outcome = redact_file(corpus / f"{gold['id']}.pdf", tmp_path / gold["id"])
        assert outcome.status == "redacted", outcome.message
        readings = _all_readings(Path(outcome.output))
        for hidden in gold["hidden"]:
            if hidden["format"] == "pdf":
                assert not any(_readable(hidden["text"], t) for t in readings), (gold["id"], hidden["place"])


def _readable(value: str, text: str) -> bool:
    """A long value anywhere, whitespace ignored; a short one (initials) as a word of its own."""
    if len(_squash(value)) >= 5:
        return _squash(value) in _squash(text)
    return re.search(r"(?<![A-Za-z0-9])" + re.escape(value) + r"(?![A-Za-z0-9])", text) is not None


def test_pdf_realdata_each_redacted_or_refused(tmp_path: Path):
    folder = SHARED / "realdata" / "pdf"
    if not folder.is_dir():
        pytest.skip("../shared/realdata/pdf not present")
    from redactor.api import redactor_for
    engine = redactor_for(options=ReadOptions())
    statuses = {}
    for path in sorted(folder.glob("*.pdf")):
        outcome = engine.redact_file(path, tmp_path, force=True)
        statuses[path.name] = outcome.status
        assert outcome.status in ("redacted", "refused", "failed"), path.name
        assert outcome.message or outcome.status == "redacted", path.name
        if outcome.status != "redacted":
            assert not (tmp_path / f"{path.stem}.redacted.pdf").exists(), path.name
    assert sum(s == "redacted" for s in statuses.values()) >= 40


def test_only_bad_files_still_get_a_run_summary(tmp_path: Path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"garbage")
    result = CliRunner().invoke(main, [str(bad), "-o", str(tmp_path / "never-made")])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # an exit, not a crash
    assert "not a PDF file" in result.output
    assert (tmp_path / "never-made" / "summary.json").exists()


def test_a_numbered_row_or_a_label_after_the_longest_line_starts_a_new_line(tmp_path: Path):
    """The longest line of a block reaches the block's right edge as a wrapped line does: the next
    line is still its own when it starts a row ('2,Frank,...') or a field ('DOB: ...')."""
    from reportlab.pdfgen import canvas as pdf_canvas
    path = tmp_path / "rows.pdf"
    c = pdf_canvas.Canvas(str(path))
    for n, line in enumerate(["Room,Name,DOB,Next of kin",
                              "1,Edna Hollis,12/03/1931,Son - Paul Hollis 07700 900123 (mobile)",
                              "2,Frank Ibbotson,29/11/1935,Wife - Joan",
                              "Patient: Gloria Mensah-Boateng, ward 7B, bed 12, admitted via A&E",
                              "DOB: 02/11/1979"]):
        c.drawString(60, 800 - 12 * n, line)
    c.save()
    text = pdf_format.read(path).text
    assert "900123 (mobile)\n2,Frank" in text and "A&E\nDOB: 02/11/1979" in text
