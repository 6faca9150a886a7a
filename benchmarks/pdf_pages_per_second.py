"""Pages per second for redacting text PDFs (read, detect, write, verify): a 50-page PDF on one
core, each stage timed, then a folder of 10-page PDFs as a user runs it on every core.

    python benchmarks/pdf_pages_per_second.py [--pages 50] [--files 20]

Builds the documents with reportlab (tests/pdf_fixtures.py). The one-core figures load the model
once outside the timing; the folder is run by `redact DIR -o OUT -j CORES` in a fresh process,
and a run on one of the files is taken away (start-up and the model loads).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from pdf_fixtures import build_long_pdf  # noqa: E402

from redactor.api import redactor_for  # noqa: E402
from redactor.formats import pdf  # noqa: E402
from redactor.formats.base import apply_replacements, leaked_values  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--files", type=int, default=20, help="10-page PDFs in the folder run on every core")
    args = ap.parse_args()
    engine = redactor_for()
    engine.scan_text("Warm-up: Mrs Jane Doe.")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "long.pdf"
        build_long_pdf(src, args.pages)
        stages = {"read": 0.0, "detect": 0.0, "write": 0.0, "verify": 0.0}
        totals = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            doc = pdf.read(src)
            t1 = time.perf_counter()
            findings = engine.scan_text(doc.text, doc.units)
            replacements = engine.replacements(findings)
            t2 = time.perf_counter()
            out = Path(tmp) / "long.redacted.pdf"
            pdf.write(doc, replacements, out)
            t3 = time.perf_counter()
            leaks = leaked_values([f.text for f in findings if f.action == "redact"], pdf.copy_texts(out),
                                  apply_replacements(doc.text, replacements))
            t4 = time.perf_counter()
            assert not leaks, "verification failed"
            for name, seconds in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                stages[name] += seconds / args.repeat
            totals.append(t4 - t0)
            t_end = time.perf_counter()
            outcome = engine.redact_file(src, Path(tmp) / "cli", force=True)
            totals[-1] = min(totals[-1], time.perf_counter() - t_end)
            assert outcome.status == "redacted", outcome.message
        best = min(totals)
        print(f"document: {args.pages} pages, {len(doc.text):,} characters, {sum(1 for f in findings if f.action == 'redact')} values redacted")
        for name, seconds in stages.items():
            print(f"  {name:7s} {seconds:6.2f} s  ({args.pages / seconds:7.1f} pages/s)")
        print(f"end to end (read, detect, write, verify; best of {args.repeat}): {best:.2f} s = "
              f"{args.pages / best:.1f} pages/s on one core")
        folder(Path(tmp), args.files)


def folder(tmp: Path, files: int) -> None:
    """``files`` 10-page PDFs redacted by the command line on every core (issue 20's goal: 10 pages/s on 2)."""
    cores = os.cpu_count() or 1
    source, one = tmp / "folder", tmp / "one"
    source.mkdir()
    one.mkdir()
    build_long_pdf(source / "report-00.pdf", 10)
    for n in range(1, files):
        shutil.copy(source / "report-00.pdf", source / f"report-{n:02d}.pdf")
    shutil.copy(source / "report-00.pdf", one / "report.pdf")

    def run(folder: Path, out: str) -> float:
        start = time.perf_counter()
        subprocess.run(["redact", str(folder), "-o", str(tmp / out), "--quiet", "-j", str(cores)],
                       check=False, capture_output=True)
        return time.perf_counter() - start
    start_up = run(one, "one-out")
    seconds = run(source, "folder-out")
    pages = 10 * files
    print(f"a folder of {files} ten-page PDFs, redact -j {cores}: {seconds:.1f} s = {pages / seconds:.1f} pages/s "
          f"with start-up; {(pages - 10) / (seconds - start_up):.1f} pages/s without it (a run on one of them, "
          f"{start_up:.1f} s, taken away) (goal: 10 pages/s on 2 cores)")


if __name__ == "__main__":
    main()
