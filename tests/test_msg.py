""".msg (Outlook): sender, recipients, subject, bodies (plain, HTML, compressed RTF) and
attachments (files and forwarded Outlook messages) are read; the copy is an .eml built from them
only, and no part of it, decoded by the standard library's parser, holds a redacted value.
Fixtures are written by aspose-email-foss (MIT), a writer independent of the reader."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from redactor.cli import main
from test_eml import _decoded, _docx, redacted_message

msg = pytest.importorskip("aspose.email_foss.msg")
PropertyId = msg.PropertyId

SECRETS = ["Sarah Collins", "sarah.collins@example.org", "Zoë Kowalczyk", "Edith Marlowe", "07700 900123",
           "Philippa Quarendon", "943 476 5919", "Ottilie Brackenbury", "Bryn Ellis", "laptop-sarah-collins"]


def outlook_complaint(folder: Path, *, unicode_strings: bool = True) -> Path:
    inner = msg.MapiMessage.create("Resident update", "Mrs Ottilie Brackenbury was moved to room 4 after the fall.\n",
                                   unicode_strings=unicode_strings)
    m = msg.MapiMessage.create("Complaint about Zoë Kowalczyk",
                               "Dear team,\n\nI am writing about my mother, Edith Marlowe, at Larkspur House.\n"
                               "Call me on 07700 900123.\n\nSarah Collins\n", unicode_strings=unicode_strings)
    m.set_property(PropertyId.SENDER_NAME, "Sarah Collins")
    m.set_property(PropertyId.SENDER_EMAIL_ADDRESS, "sarah.collins@example.org")
    m.set_property(PropertyId.TRANSPORT_MESSAGE_HEADERS, "Received: from laptop-sarah-collins by mail.example.org\r\n")
    m.add_recipient("complaints@example.gov.uk", display_name="Complaints Team")
    m.add_recipient("bryn.ellis@example.gov.uk", display_name="Bryn Ellis", recipient_type=msg.RECIPIENT_TYPE_CC)
    m.body_html = "<p>My mother <b>Edith Marlowe</b> was left alone.</p>"
    m.add_attachment("Edith Marlowe statement.docx", _docx())
    m.add_attachment("notes.bin", b"\x00\x01 Philippa Quarendon")
    m.add_embedded_message_attachment(inner, filename="Resident update.msg")
    path = folder / "complaint.msg"
    m.save(path)
    return path


@pytest.fixture(scope="module")
def redacted(tmp_path_factory):
    return redacted_message(outlook_complaint(tmp_path_factory.mktemp("msg")))


def test_the_copy_is_an_eml_and_no_part_of_it_holds_a_redacted_value(redacted):
    copy, report = redacted
    assert copy.exists() and report["format"] == "msg"
    message, seen = _decoded(copy)
    for value in SECRETS:
        assert value not in seen, value
    assert "Larkspur House" in seen and "room 4" in seen and "Complaints Team" in seen


def test_sender_recipients_bodies_and_attachments_are_kept_in_their_places(redacted):
    copy, report = redacted
    message, _ = _decoded(copy)
    assert message["Subject"] == "Complaint about [PERSON]"
    assert "[PERSON]" in message["From"] and "[PERSON]" in message["Cc"] and "complaints" not in message["To"]
    assert message["Received"] is None
    kinds = [p.get_content_type() for p in message.walk() if not p.is_multipart()]
    assert kinds[:2] == ["text/plain", "text/html"]
    names = [p.get_filename() for p in message.walk() if p.get_filename()]
    assert names == ["[PERSON] statement.docx", "Resident update.eml"]  # the .bin is removed
    removed = " ".join(report["summary"]["hidden_content_removed"])
    assert "Outlook properties" in removed and "attachments of a kind" in removed
    locations = {" ".join(f["location"].split(" ")[:2]) for f in report["findings"]}
    assert {"header From", "header Cc", "body part", "attachment 1", "attachment 2"} <= locations


def test_eight_bit_strings_are_read_in_their_code_page(tmp_path):
    path = outlook_complaint(tmp_path, unicode_strings=False)
    result = CliRunner().invoke(main, [str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    _, seen = _decoded(tmp_path / "out" / "complaint.redacted.eml")
    for value in ("Edith Marlowe", "07700 900123", "Sarah Collins"):
        assert value not in seen, value


def test_a_message_whose_only_body_is_compressed_rtf_is_read(tmp_path):
    from compressed_rtf import compress
    m = msg.MapiMessage.create("Note", "")
    rtf = rb"{\rtf1\ansi{\fonttbl\f0\fswiss Helvetica;}\f0\pard Mrs Edith Marlowe fell at 3am; call 07700 900123.\par}"
    m.set_property(0x1009, msg.PropertyTypeCode.PTYP_BINARY, compress(rtf))  # PR_RTF_COMPRESSED
    m.set_property(PropertyId.SENDER_NAME, "Duty Manager")
    m.save(tmp_path / "rtf.msg")
    result = CliRunner().invoke(main, [str(tmp_path / "rtf.msg"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    message, seen = _decoded(tmp_path / "out" / "rtf.redacted.eml")
    assert "Marlowe" not in seen and "07700" not in seen and "fell at 3am" in seen
    assert "\\rtf" not in seen and "Helvetica" not in seen


@pytest.mark.parametrize("kind", ["smime", "not ole", "empty"])
def test_sealed_and_broken_messages_are_refused_in_one_line(tmp_path, kind):
    path = tmp_path / "m.msg"
    if kind == "smime":
        m = msg.MapiMessage.create("Edith Marlowe", "Edith Marlowe")
        m.set_property(PropertyId.MESSAGE_CLASS, "IPM.Note.SMIME.MultipartSigned")
        m.save(path)
    else:
        path.write_bytes(b"" if kind == "empty" else b"Edith Marlowe is not an OLE file\n" * 40)
    result = CliRunner().invoke(main, [str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "refused" in result.output and "Traceback" not in result.output
    assert "Marlowe" not in result.output and len(result.output.strip().splitlines()) <= 2
    assert not list((tmp_path / "out").glob("*.redacted.*"))


def test_an_outlook_message_attached_to_an_eml_is_redacted_as_an_eml(tmp_path):
    from email.message import EmailMessage
    outer = EmailMessage()
    outer["From"] = "Complaints Team <complaints@example.gov.uk>"
    outer["Subject"] = "Forwarded"
    outer.set_content("See the attached message.\n")
    outer.add_attachment(outlook_complaint(tmp_path).read_bytes(), maintype="application",
                         subtype="vnd.ms-outlook", filename="complaint.msg")
    (tmp_path / "outer.eml").write_bytes(bytes(outer))
    result = CliRunner().invoke(main, [str(tmp_path / "outer.eml"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    message, seen = _decoded(tmp_path / "out" / "outer.redacted.eml")
    assert [p.get_filename() for p in message.walk() if p.get_filename()][0] == "complaint.eml"
    for value in ("Edith Marlowe", "Sarah Collins", "07700 900123"):
        assert value not in seen, value
