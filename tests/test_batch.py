"""Batch runs: a folder of .txt, .docx and .pdf, in parallel, with summary.json and report.html."""
from __future__ import annotations

import json
import time
from pathlib import Path

import docx
from click.testing import CliRunner

from pdf_fixtures import build_text_pdf
from redactor.cli import main


def _evidence(root: Path) -> Path:
    folder = root / "evidence"
    (folder / "letters").mkdir(parents=True)
    (folder / "visit.txt").write_text("Mrs Edith Marlowe (NHS 943 476 5919) said the lounge was cold.\n")
    (folder / "letters" / "hostile.txt").write_text(
        "Complaint from Mr Peter <script>alert('x')</script> Dobson about the <b>night</b> staff.\n")
    d = docx.Document()
    d.add_paragraph("Staff member Mrs Edith Marlowe was seen by Dr Amir Haddad on 3 May 2024.")
    d.save(folder / "letters" / "referral.docx")
    build_text_pdf(folder / "notes.pdf")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    (folder / "photo.heic").write_bytes(b"\x00\x00\x00\x18ftypheic")
    return folder


def test_batch_folder_in_parallel_with_summary(tmp_path: Path):
    folder = _evidence(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, [str(folder), "-o", str(out), "--jobs", "2", "--quiet"])
    assert result.exit_code == 1  # broken.pdf is refused, photo.heic skipped: the batch goes on
    assert (out / "letters" / "referral.redacted.docx").exists()  # the tree is mirrored
    assert (out / "notes.redacted.pdf").exists() and (out / "visit.redacted.txt").exists()
    summary = json.loads((out / "summary.json").read_text())
    assert summary["outcomes"] == {"redacted": 4, "refused": 1, "skipped": 1}
    by_file = {Path(f["file"]).name: f for f in summary["files"]}
    assert by_file["broken.pdf"]["status"] == "refused" and "PDF" in by_file["broken.pdf"]["message"]
    assert summary["redacted_per_type"]["PERSON"] >= 4
    # Edith Marlowe is named in visit.txt and referral.docx: across the run she counts once
    per_file = sum(json.loads(Path(f["report"]).read_text())["summary"]["distinct_people"]
                   for f in summary["files"] if f["report"])
    assert summary["distinct_people"] == per_file - 1
    assert "distinct people across the run" in result.output


def test_html_report_escapes_document_text(tmp_path: Path):
    folder = _evidence(tmp_path)
    out = tmp_path / "out"
    CliRunner().invoke(main, [str(folder), "-o", str(out), "--jobs", "1", "--quiet"])
    page = (out / "report.html").read_text()
    assert "OFFICIAL-SENSITIVE" in page
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<b>night</b>" not in page
    assert "http://" not in page and "https://" not in page and "<link" not in page  # no external assets
    assert page.count("<script>") == 1  # only the report's own filter script


def test_pseudonyms_consistent_across_files(tmp_path: Path):
    folder = _evidence(tmp_path)
    out = tmp_path / "out"
    CliRunner().invoke(main, [str(folder), "-o", str(out), "--style", "pseudonym", "--jobs", "2", "--quiet"])
    visit = (out / "visit.redacted.txt").read_text()
    doc = docx.Document(out / "letters" / "referral.redacted.docx")
    text = " ".join(p.text for p in doc.paragraphs)
    stand_in = visit.split(" (")[0]
    assert stand_in.startswith("Person ") and stand_in in text


def test_review_then_apply_decisions(tmp_path: Path):
    import csv
    src = tmp_path / "note.txt"
    src.write_text("Mrs Edith Marlowe (NHS 943 476 5919) was seen.\nThe cook, Brian Tate, said the soup was cold.\n")
    runner = CliRunner()
    assert runner.invoke(main, [str(src), "-o", str(tmp_path / "scan"), "-q"]).exit_code == 0
    rows = list(csv.DictReader(open(tmp_path / "scan" / "decisions.csv", encoding="utf-8-sig")))
    assert {r["entity_type"] for r in rows} >= {"PERSON", "NHS_NUMBER"}
    for r in rows:
        if r["entity_type"] == "NHS_NUMBER":
            r["decision"], r["note"] = "keep", "the recipient is the GP"
    rows.append({"file": rows[0]["file"], "text": "soup", "decision": "redact", "note": "added by reviewer"})
    reviewed = tmp_path / "reviewed.csv"
    with open(reviewed, "w", newline="", encoding="utf-8-sig") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)
    result = runner.invoke(main, ["apply", str(src), "--decisions", str(reviewed), "-o", str(tmp_path / "applied")])
    assert result.exit_code == 0, result.output
    copy = (tmp_path / "applied" / "note.redacted.txt").read_text()
    assert "943 476 5919" in copy and "Edith" not in copy and "soup" not in copy and "Brian" not in copy
    report = json.loads((tmp_path / "applied" / "note.report.json").read_text())
    assert report["summary"]["settings"]["model"].startswith("none")  # no detection was run
    src.write_text(src.read_text() + "Changed.\n")  # the document changed since the scan
    result = runner.invoke(main, ["apply", str(src), "--decisions", str(reviewed), "-o", str(tmp_path / "again")])
    assert result.exit_code == 1 and "changed since the scan" in result.output
    assert not (tmp_path / "again" / "note.redacted.txt").exists()


def test_profiles_choose_what_is_kept(tmp_path: Path):
    src = tmp_path / "complaint.txt"
    src.write_text("Complaint from Mrs Jane Doe about night nurse Ivy Chapman. Ivy said the resident "
                   "Tom Bell (NHS 943 476 5919) fell.\n")
    runner = CliRunner()
    out = {}
    for profile in ("provider", "public", "police"):
        result = runner.invoke(main, [str(src), "-o", str(tmp_path / profile), "--profile", profile, "-q"])
        assert result.exit_code == 0, result.output
        out[profile] = (tmp_path / profile / "complaint.redacted.txt").read_text()
    assert "Ivy Chapman" in out["provider"] and "Ivy said" in out["provider"]  # the provider's own staff
    assert "Jane Doe" not in out["provider"] and "Tom Bell" not in out["provider"]  # complainant, resident
    assert "Ivy" not in out["public"] and "943 476 5919" not in out["public"]
    assert "Tom Bell" in out["police"] and "943 476 5919" in out["police"]
    result = runner.invoke(main, [str(src), "-o", str(tmp_path / "x"), "--profile", "nobody"])
    assert result.exit_code == 2 and "unknown profile" in result.output


def test_user_profile_folder(tmp_path: Path, monkeypatch):
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "ombudsman.yaml").write_text("description: keeps phone numbers\nkeep: [PHONE_NUMBER]\n")
    monkeypatch.setenv("REDACT_PROFILES", str(folder))
    src = tmp_path / "n.txt"
    src.write_text("Call Mrs Jane Doe on 0161 496 0571.\n")
    result = CliRunner().invoke(main, [str(src), "-o", str(tmp_path / "o"), "--profile", "ombudsman", "-q"])
    assert result.exit_code == 0, result.output
    copy = (tmp_path / "o" / "n.redacted.txt").read_text()
    assert "0161 496 0571" in copy and "Jane Doe" not in copy


def test_disclosure_log_records_and_is_append_only(tmp_path: Path):
    import sqlite3
    src = tmp_path / "n.txt"
    src.write_text("Mrs Jane Doe (NHS 943 476 5919) fell.\n")
    log = tmp_path / "log.sqlite"
    runner = CliRunner()
    result = runner.invoke(main, [str(src), "-o", str(tmp_path / "o"), "--recipient", "West Yorkshire Police",
                                  "--purpose", "assault allegation", "--basis", "criminal-investigation",
                                  "--by", "JD", "--log", str(log), "-q"])
    assert result.exit_code == 0, result.output
    listing = runner.invoke(main, ["log", "--log", str(log)]).output
    assert "West Yorkshire Police" in listing and "criminal-investigation" in listing and "by JD" in listing
    exported = runner.invoke(main, ["log", "--log", str(log), "--csv"]).output
    assert exported.splitlines()[0].startswith("id,at,by,recipient,purpose,basis")
    assert '"{""NHS_NUMBER"": 1, ""PERSON"": 1}"' in exported
    with sqlite3.connect(log) as db:
        try:
            db.execute("DELETE FROM disclosures")
            raise AssertionError("a disclosure was deleted")
        except sqlite3.DatabaseError as e:
            assert "append-only" in str(e)
    missing = runner.invoke(main, [str(src), "-o", str(tmp_path / "p"), "--recipient", "X"])
    assert missing.exit_code == 2 and "--basis" in missing.output


def test_apply_decisions_to_docx_and_pdf(tmp_path: Path):
    import csv
    folder = tmp_path / "evidence"
    folder.mkdir()
    d = docx.Document()
    d.add_paragraph("Staff member Mrs Edith Marlowe was seen by Dr Amir Haddad on 3 May 2024.")
    d.save(folder / "referral.docx")
    build_text_pdf(folder / "notes.pdf")
    runner = CliRunner()
    runner.invoke(main, [str(folder), "-o", str(tmp_path / "scan"), "--scan-only", "-q"])
    rows = list(csv.DictReader(open(tmp_path / "scan" / "decisions.csv", encoding="utf-8-sig")))
    for r in rows:
        if "Haddad" in r["text"] or "Okafor" in r["text"]:
            r["decision"] = "keep"
    with open(tmp_path / "reviewed.csv", "w", newline="", encoding="utf-8-sig") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)
    result = runner.invoke(main, ["apply", str(folder), "--decisions", str(tmp_path / "reviewed.csv"),
                                  "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    body = " ".join(p.text for p in docx.Document(tmp_path / "out" / "referral.redacted.docx").paragraphs)
    assert "Amir Haddad" in body and "Marlowe" not in body
    from redactor.formats.pdf import copy_texts
    pdf_text = copy_texts(tmp_path / "out" / "notes.redacted.pdf")[0]
    assert "Dennis Okafor" in pdf_text and "Margaret Thornton" not in pdf_text


def test_a_batch_gives_each_file_the_outcome_it_gets_alone(tmp_path: Path, monkeypatch):
    """Files read ahead and parsed together come out as they do one by one; a file that cannot
    be read ahead (refused, its reports in the way) still gets its own outcome in its turn."""
    from redactor.api import redactor_for
    folder = _evidence(tmp_path)
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    engine = redactor_for()
    parsed = []
    real = engine.detector.parse_ahead
    monkeypatch.setattr(engine.detector, "parse_ahead", lambda texts: parsed.append(len(texts)) or real(texts))
    (tmp_path / "batch").mkdir()
    (tmp_path / "batch" / "visit.report.json").write_text("{}")  # in the way: visit.txt is refused
    batch = list(engine.redact_batch([(p, tmp_path / "batch", None) for p in files], scan_only=True))
    alone = [engine.redact_file(p, tmp_path / "alone", scan_only=True) for p in files]
    assert [(o.status, o.message, o.counts, o.findings) for o in batch[:-1]] == \
        [(o.status, o.message, o.counts, o.findings) for o in alone[:-1]]
    assert sum(o.findings for o in batch) >= 4
    assert batch[-1].status == "refused" and "exists" in batch[-1].message and alone[-1].status == "scanned"
    # docx, pdf, the letter: three texts and their three names were parsed in one batch
    assert parsed[0] == 6 and parsed[-1] == 0


def test_a_read_that_times_out_ahead_is_not_tried_twice(tmp_path: Path, monkeypatch):
    from redactor import pipeline
    from redactor.api import redactor_for
    from redactor.formats import text
    (tmp_path / "slow.txt").write_text("Mrs Edith Marlowe\n")
    reads = []

    def slow(path, options):
        reads.append(path)
        raise pipeline._TimeLimit()
    monkeypatch.setattr(text, "read", slow)
    outcome, = redactor_for().redact_batch([(tmp_path / "slow.txt", tmp_path / "out", None)])
    assert outcome.status == "refused" and "--timeout" in outcome.message and len(reads) == 1


def test_batches_keep_order_hold_small_files_and_shrink_at_the_end(tmp_path: Path):
    from collections import deque

    from redactor.api import BATCH_FILES, Task, _batches
    files = []
    for n in range(60):
        path = tmp_path / f"{n:02d}.txt"
        path.write_bytes(b"x" * (600_000 if n == 10 else 100))  # one large file among small ones
        files.append(Task(path, None))
    batches = list(_batches(files, deque(range(len(files))), jobs=2))
    assert [i for b in batches for i in b] == list(range(60))
    assert all(len(b) <= BATCH_FILES for b in batches) and max(map(len, batches)) == BATCH_FILES
    assert [10] in batches  # the large file alone
    assert [len(b) for b in batches[-3:]] == [1, 1, 1]  # the tail is spread over the workers


def test_a_read_ahead_counts_against_the_files_timeout(tmp_path: Path, monkeypatch):
    """--timeout bounds a file's whole time: the seconds its read took ahead of its turn count."""
    from redactor.api import redactor_for
    from redactor.core import ReadOptions
    from redactor.formats import text
    (tmp_path / "slow.txt").write_text("Mrs Edith Marlowe\n")
    real_read = text.read
    monkeypatch.setattr(text, "read", lambda path, options: time.sleep(0.7) or real_read(path, options))
    engine = redactor_for(options=ReadOptions(time_limit=1.0))
    monkeypatch.setattr(engine, "scan", _slow_first(engine.scan, 0.45))  # the text's scan, not the name's
    outcome, = engine.redact_batch([(tmp_path / "slow.txt", tmp_path / "out", None)])
    assert outcome.status == "refused" and "--timeout" in outcome.message  # 0.7 s reading + 0.45 s after it


def _slow_first(call, seconds: float):
    """``call``, taking ``seconds`` longer the first time."""
    done = []

    def slow(*args, **kwargs):
        if not done:
            done.append(True)
            time.sleep(seconds)
        return call(*args, **kwargs)
    return slow
