"""Peak memory of `redact FILE` on text files and PDFs of growing size: with detection in chunks,
no parse kept and PDF pages interpreted one at a time, the peak should grow far slower than the file.

    python benchmarks/memory.py [--sizes 250,1000] [--pdf-pages 10,100,300]

Text files are scanned (--scan-only); PDFs are redacted end to end (read, detect, write, verify).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from generate_corpus import generate  # noqa: E402
from pdf_fixtures import build_long_pdf  # noqa: E402


def peak_mb(args: list[str]) -> tuple[float, float]:
    """Peak resident memory (MB) and seconds of one fresh child process."""
    code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "subprocess.run(sys.argv[1:], capture_output=True); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True).stdout.split()
    return int(out[0]) / 1024, float(out[1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="250,1000")
    ap.add_argument("--pdf-pages", default="10,100,300")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        docs = [p.read_text(encoding="utf-8") for p in generate(Path(tmp) / "docs", 200)]
        for kb in (int(x) for x in args.sizes.split(",")):
            text, n = [], 0
            while sum(map(len, text)) < kb * 1024:
                text.append(docs[n % len(docs)])
                n += 1
            path = Path(tmp) / f"big-{kb}k.txt"
            path.write_text("\n".join(text), encoding="utf-8")
            mb, seconds = peak_mb(["redact", str(path), "--scan-only", "-o", str(Path(tmp) / "out"), "--force"])
            print(f"{kb:6d} KB text: peak memory {mb:6.0f} MB, {seconds:6.1f} s")
        for pages in (int(x) for x in args.pdf_pages.split(",") if x):
            path = Path(tmp) / f"long-{pages}.pdf"
            build_long_pdf(path, pages)
            mb, seconds = peak_mb(["redact", str(path), "-o", str(Path(tmp) / "out"), "--force"])
            print(f"{pages:6d}-page PDF ({path.stat().st_size // 1024} KB): peak memory {mb:6.0f} MB, {seconds:6.1f} s")


if __name__ == "__main__":
    main()
