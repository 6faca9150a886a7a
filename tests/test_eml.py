"""E-mail (.eml): headers, text and HTML bodies and attachments (a .docx, a forwarded message)
are redacted; everything else is removed and reported; the copy parses as a message and no
part of it, decoded by the standard library's parser, holds a redacted value. Signed and
encrypted messages are refused. A batch of every format runs as one."""
from __future__ import annotations

import email
import email.policy
import json
from email.message import EmailMessage
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from redactor.cli import main

SECRETS = ["Sarah Collins", "sarah.collins@example.org", "Zoë Kowalczyk", "Edith Marlowe", "07700 900123",
           "Philippa Quarendon", "943 476 5919", "Ottilie Brackenbury"]


def _docx(path: Path | None = None) -> bytes:
    import io
    d = docx.Document()
    d.add_paragraph("Statement of Mrs Philippa Quarendon, NHS 943 476 5919, about the night staff.")
    buffer = io.BytesIO()
    d.save(buffer)
    if path:
        path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


def complaint(folder: Path) -> Path:
    forwarded = EmailMessage()
    forwarded["From"] = "Ward Clerk <ward.clerk@example.org>"
    forwarded["Subject"] = "Resident update"
    forwarded["Date"] = "Fri, 4 Dec 2026 09:00:00 +0000"
    forwarded.set_content("Mrs Ottilie Brackenbury was moved to room 4 after the fall.\n")
    m = EmailMessage()
    m["From"] = "Sarah Collins <sarah.collins@example.org>"
    m["To"] = "Complaints Team <complaints@example.gov.uk>"
    m["Subject"] = "=?utf-8?q?Complaint_about_Zo=C3=AB_Kowalczyk?="
    m["Date"] = "Mon, 7 Dec 2026 10:00:00 +0000"
    m["Message-ID"] = "<sarah.collins.1234@example.org>"
    m["X-Sender-Name"] = "Sarah Collins"
    m["Received"] = "from laptop-sarah-collins by mail.example.org"
    m.set_content("Dear team,\n\nI am writing about my mother, Edith Marlowe, at Larkspur House.\n"
                  "Call me on 07700 900123.\n\nSarah Collins\n", charset="iso-8859-1", cte="quoted-printable")
    m.add_alternative("<html><head><script>alert('x')</script></head><body><p>My mother <b>Edith Marlowe</b> "
                      "was left alone.</p><a href='mailto:sarah.collins@example.org'>write to me</a>"
                      "<img src='http://tracker.example/pixel.png' alt='Edith Marlowe in the garden'></body></html>",
                      subtype="html")
    m.add_attachment(_docx(), maintype="application",
                     subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                     filename="Edith Marlowe statement.docx")
    m.add_attachment(b"\x89PNG\r\n\x1a\nnot really pixels", maintype="image", subtype="png", filename="photo.png")
    m.add_attachment(forwarded)
    path = folder / "complaint.eml"
    path.write_bytes(bytes(m))
    return path


def _decoded(path: Path) -> tuple[email.message.Message, str]:
    """The copy as the standard library's modern parser reads it: every header and part decoded."""
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    seen = [f"{k}: {v}" for k, v in message.items()]
    for part in message.walk():
        if part.is_multipart():
            continue
        seen.append(str(part.get_filename() or ""))
        data = part.get_payload(decode=True) or b""
        if (part.get_filename() or "").endswith(".docx"):
            import io
            seen += [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
        elif (part.get_filename() or "").endswith(".eml"):
            seen.append(_decoded_bytes(data))
        else:
            seen.append(data.decode("utf-8", "replace"))
    return message, "\n".join(seen)


def _decoded_bytes(data: bytes) -> str:
    inner = email.message_from_bytes(data, policy=email.policy.default)
    return "\n".join([f"{k}: {v}" for k, v in inner.items()]
                     + [(p.get_payload(decode=True) or b"").decode("utf-8", "replace") for p in inner.walk()
                        if not p.is_multipart()])


def redacted_message(path: Path) -> tuple[Path, dict]:
    """``path`` (an .eml or .msg) redacted into ``out`` beside it: its .eml copy and its report."""
    out = path.parent / "out"
    result = CliRunner().invoke(main, [str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out / f"{path.stem}.redacted.eml", json.loads((out / f"{path.stem}.report.json").read_text())


@pytest.fixture(scope="module")
def redacted(tmp_path_factory):
    return redacted_message(complaint(tmp_path_factory.mktemp("eml")))


def test_no_part_of_the_copy_decoded_holds_a_redacted_value(redacted):
    copy, _ = redacted
    _, seen = _decoded(copy)
    for value in SECRETS:
        assert value not in seen, value
    assert "Larkspur House" in seen and "Dear team" in seen  # what is not personal stays


def test_headers_bodies_and_attachments_are_kept_in_their_places(redacted):
    copy, report = redacted
    message, seen = _decoded(copy)
    assert message["Subject"] == "Complaint about [PERSON]" and message["Date"]
    assert message["Message-ID"] is None and message["Received"] is None and message["X-Sender-Name"] is None
    names = [p.get_filename() for p in message.walk() if p.get_filename()]
    assert names == ["[PERSON] statement.docx", "forwarded.eml"]  # the image is gone
    html_part = next(p for p in message.walk() if p.get_content_type() == "text/html")
    body = html_part.get_content()
    assert "<script" not in body and "<img" not in body and "[PERSON]" in body
    assert "room 4" in seen  # the forwarded message, redacted inside
    removed = " ".join(report["summary"]["hidden_content_removed"])
    assert "headers other than" in removed and "attachments that could not be read" in removed  # the broken image
    locations = {f["location"].split(" ")[0] + " " + f["location"].split(" ")[1] for f in report["findings"]}
    assert {"header From", "body part", "attachment 1", "attachment 2"} <= locations


@pytest.mark.parametrize("kind", ["signed", "pgp", "not an e-mail"])
def test_sealed_messages_and_non_messages_are_refused_in_one_line(tmp_path, kind):
    if kind == "signed":
        data = (b"From: a@example.org\nSubject: x\nMIME-Version: 1.0\nContent-Type: multipart/signed; "
                b"protocol=\"application/pkcs7-signature\"; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\n"
                b"Edith Marlowe\n--b\nContent-Type: application/pkcs7-signature\n\nMIIB\n--b--\n")
    elif kind == "pgp":
        data = b"From: a@example.org\nSubject: x\n\n-----BEGIN PGP SIGNED MESSAGE-----\nEdith Marlowe\n"
    else:
        data = b"just some words, Edith Marlowe\n"
    (tmp_path / "m.eml").write_bytes(data)
    result = CliRunner().invoke(main, [str(tmp_path / "m.eml"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "refused" in result.output and "Traceback" not in result.output
    assert "Marlowe" not in result.output and not list((tmp_path / "out").glob("*.redacted.eml"))


def test_a_batch_of_every_format_runs_as_one(tmp_path):
    """txt, docx, pdf, xlsx, eml and msg in one folder: every file has its outcome in the summary
    and its rows in decisions.csv."""
    openpyxl = pytest.importorskip("openpyxl")
    pytest.importorskip("aspose.email_foss")
    from pdf_fixtures import build_text_pdf
    from test_msg import outlook_complaint
    folder = tmp_path / "evidence"
    folder.mkdir()
    (folder / "note.txt").write_text("Mrs Edith Marlowe said the lounge was cold.\n")
    _docx(folder / "statement.docx")
    build_text_pdf(folder / "notes.pdf")
    wb = openpyxl.Workbook()
    wb.active.append(["Name", "Room"])
    wb.active.append(["Harold Pennington", "14"])
    wb.save(folder / "rota.xlsx")
    complaint(folder)
    outlook_complaint(folder).rename(folder / "forwarded.msg")
    result = CliRunner().invoke(main, [str(folder), "-o", str(tmp_path / "out"), "-j", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert sorted(Path(f["file"]).name for f in summary["files"] if f["status"] == "redacted") == \
        ["complaint.eml", "forwarded.msg", "note.txt", "notes.pdf", "rota.xlsx", "statement.docx"]
    assert (tmp_path / "out" / "forwarded.redacted.eml").exists()
    rows = (tmp_path / "out" / "decisions.csv").read_text(encoding="utf-8-sig")
    for name in ("complaint.eml", "forwarded.msg", "note.txt", "notes.pdf", "rota.xlsx", "statement.docx"):
        assert name in rows


@pytest.mark.parametrize("html", [
    "<table><tr><td>Mrs Philippa Quarendon</td><td>07700 900123</td><td>943 476 5919</td></tr></table>",
    "<div><label>Name:</label><b>Philippa Quarendon</b><i>07700 900123</i></div>",
    '<p><a href="https://portal.example.org/record?patient=Philippa%20Quarendon&amp;nhs=943%20476%205919">record</a></p>',
])
def test_html_cells_inline_elements_and_encoded_links_are_read_apart(tmp_path, html):
    """Red-team cases: table cells and side-by-side inline elements run together, and a
    percent-encoded link target, hid values from detection."""
    head = ("From: Clinic <clinic@example.net>\r\nTo: Records <records@example.net>\r\nSubject: Update\r\n"
            "Date: Mon, 7 Dec 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n")
    seen = "<p>Resident: Mrs Philippa Quarendon, NHS number 943 476 5919, phone 07700 900123.</p>"
    (tmp_path / "m.eml").write_text(head + seen + html)
    result = CliRunner().invoke(main, [str(tmp_path / "m.eml"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    _, decoded = _decoded(tmp_path / "out" / "m.redacted.eml")
    import urllib.parse
    decoded = urllib.parse.unquote(decoded)
    digits = "".join(c for c in decoded if c.isdigit())
    assert "Quarendon" not in decoded and "9434765919" not in digits and "07700900123" not in digits
