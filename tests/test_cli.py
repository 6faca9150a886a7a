"""End-to-end through the CLI (click's runner, and a subprocess with sockets disabled)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from redactor.cli import main

SAMPLE = ROOT / "samples" / "inspection-notes.txt"
SECRETS = ["Edith", "Marlowe", "943 476 5919", "07700 900123", "peter.marlowe@example.com", "Foxglove", "HG2 8QT",
           "Okafor", "02/11/1934"]
KEPT = ["Larchfield House", "1-104857391", "14 March 2025", "10.01.2025", "North Yorkshire Council", "Regulation 9"]


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    src = tmp_path / "in" / "notes.txt"
    src.parent.mkdir()
    src.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return src


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_redacts_text_and_writes_reports(sample, tmp_path):
    out = tmp_path / "out"
    result = run(sample, "-o", out)
    assert result.exit_code == 0, result.output
    copy = (out / "notes.redacted.txt").read_text(encoding="utf-8")
    for secret in SECRETS:
        assert secret not in copy
    for phrase in KEPT:
        assert phrase in copy
    report = json.loads((out / "notes.report.json").read_text(encoding="utf-8"))
    assert set(report) >= {"document", "format", "findings", "flags", "summary"}
    assert report["summary"]["verified"] is True
    f = next(f for f in report["findings"] if f["entity_type"] == "NHS_NUMBER")
    assert f["text"] == "943 476 5919" and f["location"] == "line 4" and f["action"] == "redact"
    assert set(f) >= {"entity_type", "text", "start", "end", "score", "recognizer", "location", "context", "action",
                      "reason"}
    assert (out / "notes.report.md").read_text(encoding="utf-8").startswith("**OFFICIAL-SENSITIVE**")
    assert sample.read_text(encoding="utf-8") == SAMPLE.read_text(encoding="utf-8")  # input untouched


def test_without_outdir_writes_beside_input_and_refuses_to_overwrite(sample):
    assert run(sample).exit_code == 0
    assert (sample.parent / "notes.redacted.txt").exists()
    again = run(sample)
    assert again.exit_code == 1 and "--force" in again.output
    assert run(sample, "--force").exit_code == 0


def test_styles(sample, tmp_path):
    for style, expected in [("label", "[NHS_NUMBER]"), ("box", "████████████"), ("pseudonym", "Person A"),
                            ("mask", "*** *** 5919")]:
        out = tmp_path / style
        assert run(sample, "-o", out, "--style", style).exit_code == 0
        assert expected in (out / "notes.redacted.txt").read_text(encoding="utf-8")


def test_pseudonyms_are_consistent_for_partial_mentions(sample, tmp_path):
    run(sample, "-o", tmp_path, "--style", "pseudonym")
    copy = (tmp_path / "notes.redacted.txt").read_text(encoding="utf-8")
    assert "I spoke with Person A" in copy and "Person A said" in copy  # 'Mrs Marlowe' = 'Mrs Edith Marlowe'
    assert "Her son, Person C" in copy  # a family member is a different person (full names are met first)
    assert "staff member Person D" in copy


def test_config_allow_deny_and_threshold(sample, tmp_path):
    allow, deny, config = tmp_path / "allow.txt", tmp_path / "deny.txt", tmp_path / "c.yaml"
    allow.write_text("Daniel Okafor\nDaniel\n", encoding="utf-8")
    deny.write_text("Larchfield House\nre:room \\d+\n", encoding="utf-8")
    config.write_text("styles: {NHS_NUMBER: mask}\nkeep: [POSTCODE]\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run(sample, "-o", out, "--allow", allow, "--deny", deny, "--config", config).exit_code == 0
    copy = (out / "notes.redacted.txt").read_text(encoding="utf-8")
    assert "Daniel Okafor" in copy and "Larchfield House" not in copy and "room 12" not in copy
    assert "*** *** 5919" in copy and "HG2 8QT" in copy
    report = json.loads((out / "notes.report.json").read_text(encoding="utf-8"))
    assert any(f["reason"] == "allow list" for f in report["findings"])
    assert run(sample, "-o", tmp_path / "t", "--threshold", "1").exit_code == 0
    assert "Okafor" in (tmp_path / "t" / "notes.redacted.txt").read_text(encoding="utf-8")


def test_bad_inputs_one_line_and_batch_continues(tmp_path, sample):
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "in" / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "in" / "photo.jpg").write_bytes(b"\xff\xd8\xff")  # a truncated JPEG
    (tmp_path / "in" / "clip.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    result = run(tmp_path / "in", "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert (tmp_path / "out" / "notes.redacted.txt").exists()
    lines = result.output.strip().splitlines()
    assert any("empty.txt: refused: the file is empty" in line for line in lines)
    assert any("binary.txt: refused: not a text file" in line for line in lines)
    assert any("photo.jpg: refused: not a readable image" in line for line in lines)
    assert any("clip.mp4: skipped: unsupported" in line for line in lines)
    assert "Traceback" not in result.output


def test_usage_errors_exit_2(tmp_path):
    assert run().exit_code == 2
    assert run(tmp_path, "--style", "nonsense").exit_code == 2


def test_missing_file_exit_1(tmp_path):
    result = run(tmp_path / "nope.txt")
    assert result.exit_code == 1 and "no such file" in result.output


def test_list_entities():
    result = run("--list-entities")
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.output.splitlines()]
    assert {"PERSON", "INITIALS", "NHS_NUMBER", "NI_NUMBER", "DATE_OF_BIRTH", "PHONE_NUMBER", "EMAIL_ADDRESS",
            "ADDRESS", "POSTCODE"} <= set(names)


def test_help_documents_exit_codes():
    result = run("--help")
    assert result.exit_code == 0 and "Exit codes" in result.output and "--style" in result.output


def test_failed_verification_leaves_no_copy(sample, tmp_path, monkeypatch):
    """A writer that silently leaves a value in place must not produce a copy that looks finished."""
    from redactor.formats import text as text_format

    def leaky_write(doc, replacements, out):
        out.write_text(doc.text, encoding="utf-8")
        return doc.text

    monkeypatch.setattr(text_format, "write", leaky_write)
    result = run(sample, "-o", tmp_path / "out")
    assert result.exit_code == 1 and "verification failed" in result.output
    assert not (tmp_path / "out" / "notes.redacted.txt").exists()
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".tmp")]
    assert "Marlowe" not in result.output  # messages never carry CPI


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_failed_verification_in_every_format(kind, tmp_path, monkeypatch):
    """The check re-reads the written copy: a writer that leaves the input as it was fails it in
    .docx and .pdf as in .txt (the .docx check once read its parts one character at a time)."""
    import importlib
    import shutil

    from docx import Document
    from pdf_fixtures import build_text_pdf
    source = tmp_path / f"in.{kind}"
    if kind == "docx":
        document = Document()
        document.add_paragraph("I spoke with Mrs Margaret Thornton (NHS number 943 476 5919) in the lounge.")
        document.save(source)
    else:
        build_text_pdf(source)
    handler = importlib.import_module(f"redactor.formats.{kind}")
    monkeypatch.setattr(handler, "write", lambda doc, replacements, out: shutil.copyfile(doc.path, out))
    result = run(source, "-o", tmp_path / "out")
    assert result.exit_code == 1 and "verification failed" in result.output
    assert not (tmp_path / "out" / f"in.redacted.{kind}").exists()
    assert "Thornton" not in result.output


def test_no_network_at_run_time(sample, tmp_path):
    """The whole CLI run, model load included, with every socket connection refused."""
    code = (
        "import socket, sys\n"
        "def refuse(*a, **k):\n    raise OSError('network disabled in test')\n"
        "socket.socket.connect = refuse\nsocket.socket.connect_ex = refuse\nsocket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "from redactor.cli import main\n"
        "sys.argv = ['redact', sys.argv[1], '-o', sys.argv[2]]\nmain()\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(sample), str(tmp_path / "out")], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-500:]
    assert "Marlowe" not in (tmp_path / "out" / "notes.redacted.txt").read_text(encoding="utf-8")


def test_a_file_over_the_time_limit_is_refused_and_the_batch_goes_on(tmp_path, monkeypatch):
    import time

    import redactor.pipeline as pipeline
    from redactor.api import redact_paths
    from redactor.core import ReadOptions
    slow, fine = tmp_path / "slow.txt", tmp_path / "fine.txt"
    slow.write_text("Mrs Jane Doe was seen.\n")
    fine.write_text("Mr John Roe was seen.\n")
    real_scan = pipeline.Redactor.scan

    def scan(self, text, units=None, marks=()):  # a file that hangs detection
        if "Jane" in text:
            time.sleep(5)
        return real_scan(self, text, units, marks)
    monkeypatch.setattr(pipeline.Redactor, "scan", scan)
    outcomes = redact_paths([tmp_path], tmp_path / "out", options=ReadOptions(time_limit=1.0))
    status = {Path(o.source).name: (o.status, o.message) for o in outcomes}
    assert status["slow.txt"][0] == "refused" and "took longer than 1 s" in status["slow.txt"][1]
    assert status["fine.txt"][0] == "redacted"
    assert not (tmp_path / "out" / "slow.redacted.txt").exists()
