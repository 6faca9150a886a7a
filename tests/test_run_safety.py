"""Runs that never lose work: one bad file never stops a batch, outputs never clobber an input or
a review, limits are checked before reading, every file is private, and messages hold no CPI.
Every fixture is built here."""
from __future__ import annotations

import csv
import json
import os
import signal
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from redactor.cli import main

CPI = "Patient name: Philippa Quarendon, NHS number 943 476 5919, DOB 14/03/1961.\nMrs Quarendon was seen.\n"
NEEDLES = ("quarendon", "9434765919", "943 476 5919")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def run(*args: object):
    return CliRunner().invoke(main, [os.fsdecode(a) if isinstance(a, (Path, bytes)) else str(a) for a in args],
                              prog_name="redact")


def no_cpi(text: str) -> bool:
    flat = text.lower()
    return not any(n in flat for n in NEEDLES)


def word_package(path: Path, body: str, rels: str = "", extra: dict[str, bytes] | None = None,
                 encrypted: tuple[str, ...] = ()) -> Path:
    """A minimal .docx; ``rels`` adds document relationships, ``extra`` parts, and the members
    named in ``encrypted`` carry the zip 'encrypted' flag."""
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
        '+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'relationships"><Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/>'
        '</Relationships>',
        "word/document.xml": f'<?xml version="1.0"?><w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}'
        '<w:sectPr/></w:body></w:document>',
        "word/_rels/document.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.'
        f'org/package/2006/relationships">{rels}</Relationships>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in {**parts, **(extra or {})}.items():
            z.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), data)
    raw = bytearray(path.read_bytes())
    for name in encrypted:  # zipfile clears the flag as it writes: set it in both headers afterwards
        for signature, flag_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
            pos = raw.find(signature)
            while pos >= 0:
                if raw[pos + name_at:pos + name_at + len(name)] == name.encode():
                    raw[pos + flag_at] |= 0x1
                pos = raw.find(signature, pos + 1)
    path.write_bytes(bytes(raw))
    return path


def para(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def statuses(out: Path) -> dict[str, dict]:
    return {Path(f["file"]).name: f for f in json.loads((out / "summary.json").read_text())["files"]}


# ------------------------------------------------------------------ one bad file never stops a batch
def test_every_trigger_is_one_files_outcome_and_the_batch_goes_on(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "01_good.txt").write_text(CPI)
    word_package(src / "02_link.docx", para("Philippa Quarendon") + '<w:p><w:hyperlink r:id="rIdH"><w:r><w:t>link'
                 '</w:t></w:r></w:hyperlink></w:p>', f'<Relationship Id="rIdH" Type="{R}/hyperlink" '
                 'Target="https://example.org/a%00b" TargetMode="External"/>')
    word_package(src / "03_locked.docx", para("Nothing."), encrypted=("word/document.xml",))
    os.symlink("04_loop.txt", src / "04_loop.txt")
    os.mkfifo(src / "05_fifo.txt")
    os.symlink("/dev/zero", src / "06_zero.txt")
    with open(src / "07_big.txt", "wb") as fh:  # sparse: 2 MB on a 1 MB limit, no disk used
        fh.truncate(2 * 2**20)
    (src / "08_good.txt").write_text(CPI)
    with open(os.fsencode(src) + b"/09_caf\xe9.txt", "wb") as fh:
        fh.write(CPI.encode())
    out = tmp_path / "out"
    started = time.monotonic()
    result = run(src, "-o", out, "-j", "1", "--max-size", "1")
    assert time.monotonic() - started < 120  # the FIFO is not waited on
    assert result.exit_code == 1 and "Traceback" not in result.output and "internal error" not in result.output
    files = statuses(out)
    assert files["01_good.txt"]["status"] == files["08_good.txt"]["status"] == "redacted"
    assert files["02_link.docx"]["status"] == "redacted"
    assert "encrypted" in files["03_locked.docx"]["message"]
    assert files["04_loop.txt"]["status"] == "refused" and "cannot open" in files["04_loop.txt"]["message"]
    assert "FIFO" in files["05_fifo.txt"]["message"] and "device" in files["06_zero.txt"]["message"]
    assert "over the size limit of 1 MB" in files["07_big.txt"]["message"]
    assert files["09_caf\\xe9.txt"]["status"] == "redacted"  # shown escaped, redacted all the same
    assert no_cpi((out / "09_caf\udce9.redacted.txt").read_text(errors="surrogateescape"))
    assert no_cpi(result.output)
    lines = [ln for ln in result.output.splitlines() if ln.startswith(os.fsdecode(src))]
    assert len(lines) == 9  # one line per file


def test_an_unexpected_error_fails_that_file_only_and_names_no_cpi(tmp_path, monkeypatch):
    from redactor.formats import text as text_format
    real_read = text_format.read

    def read(path, options):
        if "bad" in path.name:
            raise KeyError("Philippa Quarendon")  # a bug whose message quotes the document
        return real_read(path, options)
    monkeypatch.setattr(text_format, "read", read)
    for name in ("a.txt", "bad.txt", "c.txt"):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / name).write_text(CPI)
    result = run(tmp_path / "in", "-o", tmp_path / "out", "-j", "1", "--debug")
    files = statuses(tmp_path / "out")
    assert [files[n]["status"] for n in ("a.txt", "bad.txt", "c.txt")] == ["redacted", "failed", "redacted"]
    message = files["bad.txt"]["message"]
    assert "unexpected KeyError while reading" in message and "test_run_safety.py" not in message
    assert no_cpi(result.output) and no_cpi(json.dumps(files))


@pytest.mark.parametrize("others", [3, 17])
def test_a_worker_that_dies_loses_no_other_file(tmp_path, monkeypatch, others):
    """A file that kills its worker process (a crash in a library) twice is reported failed; the
    files beside it, finished or in flight (with 17, in the same batch), are redacted."""
    from redactor.api import redact_paths
    from redactor.formats import text as text_format
    real_read = text_format.read

    def read(path, options):
        if "crash" in path.name:
            os._exit(9)
        return real_read(path, options)
    monkeypatch.setattr(text_format, "read", read)  # workers are forked: they inherit it
    names = [f"{n:02d}.txt" for n in range(others)] + ["01-crash.txt"]  # second in the walk: in the first batch
    (tmp_path / "in").mkdir()
    for name in names:
        (tmp_path / "in" / name).write_text(CPI)
    outcomes = {Path(o.source).name: o for o in redact_paths([tmp_path / "in"], tmp_path / "out", jobs=2)}
    crashed = outcomes["01-crash.txt"]
    assert crashed.status == "failed" and "died on this file twice" in crashed.message
    assert all(outcomes[n].status == "redacted" for n in names if n != "01-crash.txt")


def test_a_file_over_the_memory_ceiling_fails_alone(tmp_path, monkeypatch):
    from redactor.api import redact_tasks, tasks
    from redactor.formats import text as text_format
    real_read = text_format.read

    def read(path, options):
        if "greedy" in path.name:
            bytearray(8 * 2**30)  # more than the ceiling below
        return real_read(path, options)
    monkeypatch.setattr(text_format, "read", read)
    for name in ("a.txt", "greedy.txt"):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / name).write_text(CPI)
    todo = tasks([tmp_path / "in"], tmp_path / "out")
    done = dict(redact_tasks(todo, jobs=2, max_memory_mb=6000))  # in workers: this process keeps no limit
    by_name = {todo[i].file.name: o for i, o in done.items()}
    assert by_name["greedy.txt"].status == "failed" and "ran out of memory" in by_name["greedy.txt"].message
    assert by_name["a.txt"].status == "redacted"


# ------------------------------------------------------------------ never overwrite an input or a review
def review(decisions: Path) -> int:
    rows = list(csv.DictReader(decisions.open(encoding="utf-8-sig")))
    for r in rows:
        r["decision"], r["note"] = "keep", "REVIEWED by IG lead"
    with decisions.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def test_a_second_run_into_the_same_folder_keeps_the_review(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "notes.txt").write_text(CPI)
    out = tmp_path / "out"
    assert run(src, "-o", out).exit_code == 0
    n = review(out / "decisions.csv")
    again = run(src, "-o", out)
    assert again.exit_code == 1 and "earlier run's" in again.output and "--force" in again.output
    assert (out / "decisions.csv").read_text(encoding="utf-8-sig").count("REVIEWED") == n
    forced = run(src, "-o", out, "--force")
    assert forced.exit_code == 0 and "kept as decisions." in forced.output
    kept = [p for p in out.iterdir() if p.name.startswith("decisions.") and p.name != "decisions.csv"]
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8-sig").count("REVIEWED") == n
    assert "REVIEWED" not in (out / "decisions.csv").read_text(encoding="utf-8-sig")


def test_a_forced_run_sets_the_earlier_review_history_aside(tmp_path):
    """The review page's history names findings of the run it was made on: a forced re-run keeps
    it under a dated name, and the new run's review starts with none of it."""
    from redactor.review import HISTORY, Review
    src = tmp_path / "in"
    src.mkdir()
    (src / "notes.txt").write_text(CPI)
    out = tmp_path / "out"
    assert run(src, "-o", out).exit_code == 0
    review = Review.open(out)
    review.decide(0, 0, "keep")
    assert review.decision(review.document(0), 0) == "keep"
    history = (out / HISTORY).read_text()
    forced = run(src, "-o", out, "--force")
    assert forced.exit_code == 0 and "review history is kept as review-history." in forced.output
    kept = [p for p in out.iterdir() if p.name.startswith("review-history.") and p.name != HISTORY]
    assert len(kept) == 1 and kept[0].read_text() == history
    again = Review.open(out)
    assert not (out / HISTORY).exists() and again.decision(again.document(0), 0) == "redact"


def test_outdir_equal_to_or_inside_the_input_is_never_an_input(tmp_path):
    src = tmp_path / "case"
    src.mkdir()
    (src / "notes.txt").write_text(CPI)
    before = (src / "notes.txt").read_bytes()
    assert run(src, "-o", src).exit_code == 0
    assert (src / "notes.txt").read_bytes() == before and (src / "notes.redacted.txt").exists()
    # inside: the next run (elsewhere) does not read out/decisions.csv, which holds every value found
    inner = src / "out"
    assert run(src, "-o", inner).exit_code == 0
    third = run(src, "-o", tmp_path / "elsewhere")
    names = {Path(f["file"]).name for f in json.loads((tmp_path / "elsewhere" / "summary.json").read_text())["files"]}
    assert names == {"notes.txt"}, third.output


def test_two_runs_at_once_one_is_refused(tmp_path):
    from redactor.files import RunLock
    (tmp_path / "notes.txt").write_text(CPI)
    out = tmp_path / "out"
    out.mkdir()
    with RunLock(out):  # another run holds the folder
        result = run(tmp_path / "notes.txt", "-o", out)
    assert result.exit_code == 1 and "another run is writing into this output folder" in result.output
    assert not (out / "notes.redacted.txt").exists() and not (out / "summary.json").exists()


def test_every_file_is_private_whatever_the_umask(tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "notes.txt").write_text(CPI)
    old = os.umask(0)
    try:
        assert run(tmp_path / "in", "-o", tmp_path / "out" / "new").exit_code == 0
    finally:
        os.umask(old)
    written = list((tmp_path / "out").rglob("*"))
    assert {p.name for p in written} >= {"new", "sub", "notes.redacted.txt", "notes.report.json", "notes.report.md",
                                        "summary.json", "report.html", "decisions.csv"}
    for p in written:
        assert stat.S_IMODE(p.stat().st_mode) == (0o700 if p.is_dir() else 0o600), p.name


def test_a_stopped_run_writes_its_run_files_and_a_killed_one_loses_no_review(tmp_path):
    """Ctrl-C half way: the files done are listed and intact, the rest 'not processed'. Then a
    forced re-run killed with SIGKILL half way: the reviewer's decisions.csv is untouched."""
    src = tmp_path / "in"
    src.mkdir()
    for n in range(40):  # enough that the run cannot finish between the second copy and the signal
        (src / f"n{n:02d}.txt").write_text(f"File {n}.\n{CPI}")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "redactor.cli", str(src), "-o", str(out), "-j", "1", "-q"]

    def start_and_stop(extra: list[str], how: int) -> subprocess.Popen:
        proc = subprocess.Popen(cmd + extra, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and len(list(out.glob("*.redacted.txt"))) < 2:
            time.sleep(0.05)
        proc.send_signal(how)
        proc.communicate(timeout=120)
        return proc

    proc = start_and_stop([], signal.SIGINT)
    assert proc.returncode == 130
    files = statuses(out)
    done = [n for n, f in files.items() if f["status"] == "redacted"]
    assert 2 <= len(done) < 40 and all(f["status"] in ("redacted", "not processed") for f in files.values())
    for name in done:
        copy = out / name.replace(".txt", ".redacted.txt")
        assert "Patient name: [PERSON]" in copy.read_text() and no_cpi(copy.read_text())
    n = review(out / "decisions.csv")
    reviewed = (out / "decisions.csv").read_bytes()
    for p in out.glob("*.redacted.txt"):  # so that the forced run has files left to write when it is killed
        p.unlink()
    proc = start_and_stop(["--force"], signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    assert (out / "decisions.csv").read_bytes() == reviewed and reviewed.count(b"REVIEWED") == n
    for copy in out.glob("*.redacted.txt"):  # every copy there is whole and verified
        assert copy.read_text().endswith("[PERSON] was seen.\n") and no_cpi(copy.read_text())


# ------------------------------------------------------------------ limits checked while reading
def test_zip_bombs_and_xml_floods_are_refused_while_streaming(tmp_path):
    bomb = word_package(tmp_path / "bomb.docx", para("x"))
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as z, z.open("word/media/pad.bin", "w") as member:
        for _ in range(300):
            member.write(bytes(2**20))  # 300 MB of zeros: a few hundred KB compressed
    flood = word_package(tmp_path / "flood.docx", "<w:p/>" * 1_600_000)
    result = run(bomb, flood, "-o", tmp_path / "out")
    assert "bomb.docx: refused: decompresses past the size limit" in result.output
    assert "flood.docx: refused: more XML than the limit" in result.output


# ------------------------------------------------------------------ what the reviewer opens
def test_formula_cells_are_neutralised_and_read_back(tmp_path):
    from redactor import decisions
    from redactor.core import Outcome
    source = tmp_path / "a.txt"
    source.write_text("x")
    findings = [{"entity_type": "PERSON", "text": t, "start": 0, "end": len(t), "score": 0.9, "location": "line 1",
                 "context": t, "action": "redact", "reason": ""} for t in ("=HYPERLINK(\"http://x\")", "+cmd", "-2+3",
                                                                        "@SUM(1)", "\tTab", "plain")]
    text = "".join(decisions.csv_rows([(Outcome(str(source), "redacted"), {"sha256": "", "findings": findings})]))
    cells = [c for row in csv.reader(text.lstrip("\ufeff").splitlines()) for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    path = tmp_path / "decisions.csv"
    path.write_text(text, encoding="utf-8")
    rows = decisions.read_csv(path)[decisions.shown(source.resolve())]
    assert [r["text"] for r in rows] == [f["text"] for f in findings]  # the apostrophe is the writer's only


def test_markdown_report_shows_document_html_as_text(tmp_path):
    (tmp_path / "a.txt").write_text('Mrs Philippa Quarendon said <img src=x onerror="alert(1)"> twice.\n')
    assert run(tmp_path / "a.txt", "-o", tmp_path / "out").exit_code == 0
    md = (tmp_path / "out" / "a.report.md").read_text()
    assert "<img" not in md and "&lt;img src=x" in md


def test_apply_names_the_line_never_the_cell(tmp_path):
    (tmp_path / "a.txt").write_text(CPI)
    bad = tmp_path / "decisions.csv"
    bad.write_text("file,text,decision,start,end\n" + f"{tmp_path / 'a.txt'},Philippa Quarendon,redact,"
                   "Philippa Quarendon,3\n")
    result = CliRunner().invoke(main, ["apply", str(tmp_path / "a.txt"), "--decisions", str(bad)])
    assert result.exit_code == 2 and "line 2" in result.output and no_cpi(result.output)


# ------------------------------------------------------------------ names and messages
def test_the_copy_is_not_named_after_the_person(tmp_path):
    named = tmp_path / "Philippa Quarendon referral.txt"
    named.write_text(CPI)
    result = run(named, "-o", tmp_path / "out")
    copies = [p.name for p in (tmp_path / "out").glob("*.redacted.txt")]
    assert copies == ["[PERSON] referral.redacted.txt"], copies
    assert json.loads((tmp_path / "out" / "Philippa Quarendon referral.report.json").read_text())["copy"] == copies[0]
    renamed = run(named, "-o", tmp_path / "renamed", "--rename-outputs")
    assert renamed.exit_code == 0 and (tmp_path / "renamed" / "document-0001.redacted.txt").exists()
    assert result.exit_code == 0


def test_a_corrupt_part_named_after_the_patient_is_not_named(tmp_path):
    bad = word_package(tmp_path / "bad.docx", para("Nothing here."), extra={"word/Philippa Quarendon.xml": b"<x><y></x>"},
                       rels=f'<Relationship Id="rIdX" Type="{R}/footer" Target="Philippa Quarendon.xml"/>')
    result = run(bad, "-o", tmp_path / "out")
    assert result.exit_code == 1 and "corrupt XML" in result.output and no_cpi(result.output)


def test_output_folder_problems_and_nothing_to_do_are_one_line(tmp_path):
    (tmp_path / "a.txt").write_text(CPI)
    (tmp_path / "file").write_text("x")
    for target, code in [(tmp_path / "file" / "sub", 2), (Path("/proc/redact-test"), 2)]:
        result = run(tmp_path / "a.txt", "-o", target)
        assert result.exit_code == code and "cannot use the output folder" in result.output
        assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    (tmp_path / "empty").mkdir()
    (tmp_path / "x.txt").mkdir()
    for folder in ("empty", "x.txt"):
        result = run(tmp_path / folder, "-o", tmp_path / "o2")
        assert result.exit_code == 1 and "no files to redact" in result.output


def test_help_version_and_lines_in_the_tools_own_words(tmp_path):
    help_text = run("--help").output
    assert help_text.startswith("Usage: redact [OPTIONS] PATHS...") and "\b" not in help_text
    assert "redact apply" in help_text and "redact log" in help_text
    assert run("--version").output.startswith("redact, version ")
    (tmp_path / "a.txt").write_text(CPI)
    scanned = run(tmp_path / "a.txt", "-o", tmp_path / "s", "--scan-only")
    assert "to redact found (no copy: --scan-only)" in scanned.output and "redacted" not in scanned.output.split(":")[1]


# ------------------------------------------------------------------ a long text, in sections
def test_a_long_text_is_redacted_in_sections_as_it_would_be_whole(tmp_path, monkeypatch):
    """Sections keep memory flat; a name found in a late section is redacted in an early one,
    offsets and line numbers are the whole file's, and reviewed decisions apply section by section."""
    from redactor.formats import text as text_format
    lines = ["Quarendon did not eat her lunch today.", *[f"Line {n}: the lounge was cold." for n in range(40)],
             "Patient name: Philippa Quarendon, NHS number 943 476 5919.", "The cook, Brian Tate, was off sick."]
    src = tmp_path / "long.txt"
    src.write_text("\n".join(lines) + "\n")
    assert run(src, "-o", tmp_path / "whole").exit_code == 0
    monkeypatch.setattr(text_format, "SECTION_BYTES", 100)
    monkeypatch.setattr(text_format, "SECTION_CHARS", 300)
    assert run(src, "-o", tmp_path / "sections", "-j", "1").exit_code == 0
    assert run(src, "-o", tmp_path / "parallel", "-j", "3").exit_code == 0  # sections detected in 3 processes
    copy = (tmp_path / "sections" / "long.redacted.txt").read_text()
    assert copy == (tmp_path / "whole" / "long.redacted.txt").read_text()
    assert (tmp_path / "parallel" / "long.redacted.txt").read_text() == copy
    assert (tmp_path / "parallel" / "long.report.json").read_bytes() == (tmp_path / "sections" / "long.report.json").read_bytes()
    assert sorted(p.name for p in (tmp_path / "parallel").iterdir()) == sorted(p.name for p in (tmp_path / "sections").iterdir())
    assert copy.startswith("[PERSON] did not eat") and no_cpi(copy)
    report = json.loads((tmp_path / "sections" / "long.report.json").read_text())
    whole = src.read_text()
    assert all(whole[f["start"]:f["end"]] == f["text"] for f in report["findings"])
    assert {f["location"] for f in report["findings"] if f["text"] == "Brian Tate"} == {f"line {len(lines)}"}
    decisions = tmp_path / "sections" / "decisions.csv"
    rows = list(csv.DictReader(decisions.open(encoding="utf-8-sig")))
    for r in rows:
        r["decision"] = "keep" if r["text"] == "Brian Tate" else r["decision"]
    rows.append({**{k: "" for k in rows[0]}, "file": rows[0]["file"], "text": "lounge", "decision": "redact"})
    with decisions.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    applied = CliRunner().invoke(main, ["apply", str(src), "--decisions", str(decisions), "-o", str(tmp_path / "a")])
    assert applied.exit_code == 0, applied.output
    shared = (tmp_path / "a" / "long.redacted.txt").read_text()
    assert "Brian Tate" in shared and "lounge" not in shared and no_cpi(shared)
    rows.append({**{k: "" for k in rows[0]}, "file": rows[0]["file"], "text": "Brain Tate", "decision": "redact"})
    with decisions.open("w", encoding="utf-8-sig", newline="") as fh:  # a typo: in no section
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    applied = CliRunner().invoke(main, ["apply", str(src), "--decisions", str(decisions), "-o", str(tmp_path / "b")])
    assert applied.exit_code == 1 and f"line {len(rows) + 1}" in applied.output and "Brain" not in applied.output


@pytest.mark.parametrize("how", ["raises", "dies"])
def test_a_section_worker_that_fails_leaves_no_copy_and_no_spool(tmp_path, monkeypatch, how):
    from redactor.detect.engine import Detector
    from redactor.formats import text as text_format
    real = Detector.detect

    def faulty(self, text, on_chunk=None):
        if "Line 30:" in text:
            if how == "dies":
                os._exit(9)  # as the kernel's OOM killer would end it
            raise KeyError("Philippa Quarendon")
        return real(self, text, on_chunk)
    monkeypatch.setattr(Detector, "detect", faulty)
    monkeypatch.setattr(text_format, "SECTION_BYTES", 100)
    monkeypatch.setattr(text_format, "SECTION_CHARS", 300)
    src = tmp_path / "long.txt"
    src.write_text("Philippa Quarendon's notes.\n" + "".join(f"Line {n}: the lounge was cold.\n" for n in range(60)))
    result = run(src, "-o", tmp_path / "out", "-j", "2")
    assert result.exit_code == 1 and "Quarendon" not in result.output
    assert ("failed: a worker process died while detecting" if how == "dies" else "failed: unexpected KeyError while "
            "detecting") in result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".redact.lock", "decisions.csv", "report.html",
                                                                    "summary.json"]  # no copy, spool or temporary file


def test_apply_on_a_pdf_prints_only_its_own_lines(tmp_path):
    from pdf_fixtures import build_text_pdf
    src = tmp_path / "notes.pdf"
    build_text_pdf(src)
    assert run(src, "-o", tmp_path / "scan").exit_code == 0
    applied = CliRunner().invoke(main, ["apply", str(src), "--decisions", str(tmp_path / "scan" / "decisions.csv"),
                                        "-o", str(tmp_path / "shared")])
    assert applied.exit_code == 0, applied.output
    lines = applied.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{src}: redacted, ") and "as decided" in lines[0]


def test_photographs_pixels_are_not_read_as_text(tmp_path):
    """Compressed pixels hold any letters by chance (40 MB of photographs hold dozens of names):
    a redacted value that happens to be in an image's pixel data does not withhold the copy."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
           + chunk(b"IDAT", b"..Quarendon..") + chunk(b"IEND", b""))
    drawing = ('<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
               'wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
               '<a:graphicData><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
               f'<pic:blipFill><a:blip r:embed="rIdImg"/></pic:blipFill></pic:pic></a:graphicData></a:graphic>'
               '</wp:inline></w:drawing></w:r></w:p>')
    src = word_package(tmp_path / "photo.docx", para("Mrs Philippa Quarendon was seen.") + drawing,
                       f'<Relationship Id="rIdImg" Type="{R}/image" Target="media/image1.png"/>',
                       extra={"word/media/image1.png": png})
    result = run(src, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "out" / "photo.redacted.docx") as z:  # still there, in the pixels
        assert [n for n in z.namelist() if b"Quarendon" in z.read(n)] == ["word/media/image1.png"]


def test_a_serial_run_puts_back_the_callers_memory_limit(tmp_path):
    """The ceiling holds while files are redacted in the caller's process, not after."""
    import resource
    from redactor.api import redact_tasks, tasks
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(CPI)
    before = resource.getrlimit(resource.RLIMIT_AS)
    seen = []
    for _, outcome in redact_tasks(tasks([tmp_path / "in"], tmp_path / "out"), max_memory_mb=64 * 1024):
        seen.append(resource.getrlimit(resource.RLIMIT_AS)[0])
        assert outcome.status == "redacted"
    assert seen == [64 * 1024 * 2**20] or before[1] != resource.RLIM_INFINITY
    assert resource.getrlimit(resource.RLIMIT_AS) == before
