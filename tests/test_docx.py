"""Word documents built with python-docx: every part is read, redacted and checked in the raw XML."""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from lxml import etree

from conftest import SHARED
from redactor.cli import main

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _all_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith((".xml", ".rels")))


def _tracked_deletion(paragraph, text: str) -> None:
    deletion = etree.SubElement(paragraph._p, qn("w:del"), {qn("w:id"): "1", qn("w:author"): "Olive Tracker"})
    run = etree.SubElement(deletion, qn("w:r"))
    etree.SubElement(run, qn("w:delText")).text = text


@pytest.fixture
def built(tmp_path: Path) -> Path:
    d = docx.Document()
    d.core_properties.author = "Harriet Quill"
    d.core_properties.last_modified_by = "Harriet Quill"
    d.sections[0].header.paragraphs[0].text = "Prepared about Mrs Winifred Soames"
    p = d.add_paragraph("Resident NHS number ")
    for piece in ("943 ", "476 ", "5919"):  # a value typed in three runs
        p.add_run(piece).bold = piece == "476 "
    p.add_run(" seen on 14 March 2025 at Larchfield House.")
    name = d.add_paragraph("I spoke with Mrs ")
    name.add_run("Edith").bold = True
    name.add_run(" Marlowe about the night staff.")
    _tracked_deletion(d.add_paragraph("Contact was "), "Peter Marlowe on 07700 900123")
    comment_target = d.add_paragraph("Reviewed by the inspection team.")
    d.add_comment(comment_target.runs, text="Ask Mr Gideon Farrow about this", author="Gideon Farrow", initials="GF")
    table = d.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, [("Resident", "Room", "DOB"), ("KS", "30", "12/03/2001"),
                                       ("GN", "28", "9 Oct 2003")]):
        for cell, value in zip(row.cells, cells):
            cell.text = value
    path = tmp_path / "notes.docx"
    d.save(path)
    return path


SECRETS = ["Winifred", "Soames", "943 476 5919", "5919", "Edith", "Marlowe", "07700 900123", "Gideon", "Farrow",
           "Harriet", "Quill", "Olive Tracker", "12/03/2001", "9 Oct 2003"]


def test_docx_every_part_redacted(built: Path, tmp_path: Path):
    result = CliRunner().invoke(main, [str(built), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    copy = tmp_path / "out" / "notes.redacted.docx"
    xml = _all_xml(copy)
    text_only = re.sub(r"<[^>]+>", "", xml)
    for secret in SECRETS:
        assert secret not in xml, secret
    assert "9435919" not in re.sub(r"\D", "", text_only)  # nor its digits run together
    for kept in ["14 March 2025", "Larchfield House", "Reviewed by the inspection team", "Room"]:
        assert kept in text_only
    reopened = docx.Document(str(copy))  # still a valid package
    body = "\n".join(p.text for p in reopened.paragraphs)
    assert "Resident NHS number [NHS_NUMBER] seen on" in body
    bold_runs = [r.text for r in reopened.paragraphs[0].runs if r.bold]
    assert bold_runs == [""]  # the value's bold middle run is emptied; the replacement takes the first run's format
    assert "comments" in " ".join(__import__("json").loads(
        (tmp_path / "out" / "notes.report.json").read_text())["summary"]["hidden_content_removed"])


def _add_parts(src: Path, dst: Path, parts: dict[str, str], overrides: str) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename in parts:
                continue  # replaced below
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", overrides.encode() + b"</Types>")
            zout.writestr(item, data)
        for name, xml in parts.items():
            zout.writestr(name, xml)


def test_docx_chart_labels_shape_text_and_template_path(built: Path, tmp_path: Path):
    """A chart's cached labels (c:v), DrawingML text (a:t) and the attached template's path under
    the author's user folder (settings.xml.rels, URL-encoded) are read and redacted; the link
    stays a valid URI."""
    src = tmp_path / "extra.docx"
    with zipfile.ZipFile(built) as z:  # the chart and diagram are reached from the document, as Word links them
        rels = z.read("word/_rels/document.xml.rels").decode().replace("</Relationships>", (
            '<Relationship Id="rIdC1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" '
            'Target="charts/chart1.xml"/><Relationship Id="rIdD1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/diagramData" '
            'Target="diagrams/data1.xml"/></Relationships>'))
    _add_parts(built, src, {
        "word/_rels/document.xml.rels": rels,
        "word/charts/chart1.xml": '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart">'
                                  '<c:chart><c:v>Falls by resident: Bernadette Quigley</c:v></c:chart></c:chartSpace>',
        "word/diagrams/data1.xml": '<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" '
                                   'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst><dgm:pt>'
                                   '<dgm:t><a:p><a:r><a:t>Key worker: Ms Imelda Thorncroft</a:t></a:r></a:p></dgm:t>'
                                   '</dgm:pt></dgm:ptLst></dgm:dataModel>',
        "word/_rels/settings.xml.rels":
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
            'Target="file:///C:/Users/Rosalind%20Pettigrew/Templates/Normal.dotm" TargetMode="External"/></Relationships>',
    }, '<Override PartName="/word/charts/chart1.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>')
    result = CliRunner().invoke(main, [str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    copy = tmp_path / "out" / "extra.redacted.docx"
    xml = _all_xml(copy)
    for secret in ["Bernadette", "Quigley", "Imelda", "Thorncroft", "Rosalind", "Pettigrew"]:
        assert secret not in xml, secret
    with zipfile.ZipFile(copy) as z:
        target = re.search(r'Target="([^"]*)"', z.read("word/_rels/settings.xml.rels").decode()).group(1)
        assert " " not in target and target.endswith("/Templates/Normal.dotm")
        assert "xml:space" not in z.read("word/charts/chart1.xml").decode()  # not in the chart schema
    docx.Document(str(copy))  # still a valid package


def test_docx_images_reported_unchecked(tmp_path: Path):
    import io
    from pdf_fixtures import small_png
    d = docx.Document()
    d.add_paragraph("Signed by the home's manager:")
    d.add_picture(io.BytesIO(small_png()))
    src = tmp_path / "signed.docx"
    d.save(src)
    result = CliRunner().invoke(main, [str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    summary = __import__("json").loads((tmp_path / "out" / "signed.report.json").read_text())["summary"]
    # read by OCR where Tesseract is installed (no word on it: listed for a person), else kept unread
    assert summary["not_checked"] in (["image 1: page 1: ink but no word OCR could read (handwriting, a signature, "
                                       "a drawing?): look at it by eye"],
                                      ["1 image kept as it is: not checked (an image may show handwriting, a "
                                       "signature, a face or a scanned letter)"])


def test_docx_keep_comments_redacts_them(built: Path, tmp_path: Path):
    result = CliRunner().invoke(main, [str(built), "-o", str(tmp_path), "--keep-comments"])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "notes.redacted.docx") as z:
        comments = z.read("word/comments.xml").decode("utf-8")
    assert "Ask [PERSON] about this" in re.sub(r"<[^>]+>", "", comments)
    assert "Gideon" not in comments and "Farrow" not in comments and 'w:initials="GF"' not in comments


def test_docx_input_untouched_and_bad_packages_refused(built: Path, tmp_path: Path):
    before = built.read_bytes()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "fake.docx").write_text("not a zip at all", encoding="utf-8")
    (bad / "truncated.docx").write_bytes(before[: len(before) // 2])
    (bad / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with zipfile.ZipFile(bad / "empty.docx", "w") as z:
        z.writestr("hello.txt", "no document part")
    shutil.copy(built, bad / "good.docx")
    result = CliRunner().invoke(main, [str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "good.docx: redacted" in result.output
    for name in ("fake.docx", "truncated.docx", "old.docx", "empty.docx"):
        line = next(line for line in result.output.splitlines() if name in line)
        assert ": refused: " in line and "Traceback" not in line
    assert built.read_bytes() == before


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice absent")
def test_redacted_docx_opens_in_libreoffice(built: Path, tmp_path: Path):
    CliRunner().invoke(main, [str(built), "-o", str(tmp_path)])
    subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(tmp_path / "notes.redacted.docx")], check=True, timeout=120, capture_output=True)
    assert (tmp_path / "notes.redacted.pdf").stat().st_size > 1000


@pytest.mark.skipif(not (SHARED / "realdata" / "docx").is_dir(), reason="../shared/realdata absent")
def test_realdata_docx_each_redacted_or_refused(tmp_path: Path):
    from redactor.api import redact_paths
    outcomes = redact_paths([SHARED / "realdata" / "docx"], tmp_path)
    assert outcomes and all(o.status in ("redacted", "refused") for o in outcomes), \
        [(Path(o.source).name, o.status, o.message) for o in outcomes if o.status not in ("redacted", "refused")]
    assert all(o.message for o in outcomes if o.status == "refused")


@pytest.mark.skipif(not (SHARED / "corpus" / "hazards-dev").is_dir(), reason="../shared/corpus absent")
def test_hazards_docx_no_gold_value_survives(tmp_path: Path):
    import json
    from redactor.api import redact_file
    from redactor.formats.docx import copy_texts
    for gold_path in sorted((SHARED / "corpus" / "hazards-dev").glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        src = gold_path.with_name(f"{gold['id']}.docx")
        outcome = redact_file(src, tmp_path / gold["id"])
        assert outcome.status == "redacted", outcome.message
        text = copy_texts(Path(outcome.output))[0].lower()
        for hidden in gold["hidden"]:
            if hidden["format"] == "docx":
                assert hidden["text"].lower() not in text, (gold["id"], hidden["place"])
