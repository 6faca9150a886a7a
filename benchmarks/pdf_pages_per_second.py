"""Pages per second for redacting a 50-page PDF (read, detect, write, verify), on one core.

    python benchmarks/pdf_pages_per_second.py [--pages 50]

Builds the document with reportlab (tests/pdf_fixtures.py), loads the model once outside the
timing, then times each stage separately and the whole redaction end to end.
"""
from __future__ import annotations

import argparse
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
              f"{args.pages / best:.1f} pages/s on one core (goal: 30)")


if __name__ == "__main__":
    main()
