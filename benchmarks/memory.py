"""Peak memory and time of `redact FILE` on inputs of growing size: text files (redacted in
sections past 4 MB, so memory stays flat), a long PDF (pages interpreted one at a time) and a
large .docx (text plus photographs, as large Word files are). Each run is a fresh process; the
time includes loading the model (about 3 s), so compare the seconds per MB of the larger files.

    python benchmarks/memory.py                          # 1, 50 and 200 MB of text, a 300-page PDF, a 40 MB .docx
    python benchmarks/memory.py --text-mb 1,5 --pdf-pages 10 --docx-mb 5     # a quick look

Text is made of the project's generated documents (benchmarks/generate_corpus.py), which are
dense with CPI: about one value every 80 characters. Peak memory is that of all the run's
processes together (their proportional set sizes, sampled four times a second): a long text's
sections are detected in --jobs forked processes that share the loaded model. At this project's
detection speed (spaCy's en_core_web_md, about 11-15 KB/s per core on such text) 50 MB takes
about 30 minutes on two cores and 200 MB about three hours: each line is printed as soon as it
is measured.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from generate_corpus import generate  # noqa: E402
from pdf_fixtures import build_long_pdf  # noqa: E402


def _tree(root: int) -> list[int]:
    """``root`` and every process descended from it (read from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _pss_mb(pids: list[int]) -> float:
    """Proportional set size of ``pids`` together (MB): pages shared between forked workers (the
    model) are counted once in all, not once per process as resident sizes would be."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def peak_mb(args: list[str]) -> tuple[float, float, float, int, str]:
    """One fresh run of ``args``: peak memory of all its processes together (MB, PSS sampled
    four times a second), peak resident memory of its largest process (MB, from the kernel),
    seconds, how many processes it ran at most, and its last output line."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        child = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, text=True)
        peak, most = 0.0, 1
        while child.poll() is None:
            pids = _tree(child.pid)
            peak, most = max(peak, _pss_mb(pids)), max(most, len(pids))
            time.sleep(0.25)
        seconds = time.perf_counter() - start
        largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        out.seek(0)
        lines = out.read().strip().splitlines()
    return peak, largest, seconds, most, lines[-1][-120:] if lines else ""


def text_file(path: Path, mb: float, docs: list[str]) -> Path:
    """About ``mb`` MB of generated documents, one after another."""
    with open(path, "w", encoding="utf-8") as fh:
        written, n = 0, 0
        while written < mb * 2**20:
            written += fh.write(docs[n % len(docs)] + "\n")
            n += 1
    return path


def docx_file(path: Path, mb: float, docs: list[str]) -> Path:
    """A Word file of about ``mb`` MB: 1 MB of text and photographs (incompressible pixels)."""
    import docx
    document = docx.Document()
    text = "".join(docs)
    for paragraph in text[: 2**20].split("\n"):
        document.add_paragraph(paragraph)
    rng = random.Random(7)
    image = Path(path.parent / "photo.png")
    width = height = 1000

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    document.save(path)
    while path.stat().st_size < mb * 2**20:
        rows = b"".join(b"\x00" + rng.randbytes(width * 3) for _ in range(height))  # a new photo each time:
        image.write_bytes(b"\x89PNG\r\n\x1a\n"  # Word (and python-docx) store identical images once
                          + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                          + chunk(b"IDAT", zlib.compress(rows, 1)) + chunk(b"IEND", b""))
        document.add_picture(str(image))
        document.save(path)
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--text-mb", default="1,50,200", help="sizes of the text files, in MB")
    ap.add_argument("--pdf-pages", default="300", help="page counts of the PDFs")
    ap.add_argument("--docx-mb", default="40", help="sizes of the .docx files, in MB")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="redact's --jobs: a long text's sections are detected in this many processes")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        docs = [p.read_text(encoding="utf-8") for p in generate(Path(tmp) / "docs", 200)]
        runs: list[tuple[str, Path, float]] = []
        for mb in (float(x) for x in args.docx_mb.split(",") if x):
            runs.append((f"{mb:g} MB .docx", docx_file(Path(tmp) / f"big-{mb:g}.docx", mb, docs), mb))
        for pages in (int(x) for x in args.pdf_pages.split(",") if x):
            path = Path(tmp) / f"long-{pages}.pdf"
            build_long_pdf(path, pages)
            runs.append((f"{pages}-page PDF", path, path.stat().st_size / 2**20))
        for mb in (float(x) for x in args.text_mb.split(",") if x):
            runs.append((f"{mb:g} MB text", text_file(Path(tmp) / f"big-{mb:g}.txt", mb, docs), mb))
        for n, (label, path, mb) in enumerate(runs):
            peak, largest, seconds, processes, last = peak_mb(
                ["redact", str(path), "-o", str(Path(tmp) / f"out{n}"), "--timeout", "0", "--max-size", "400", "-q",
                 "--jobs", str(args.jobs)])
            print(f"{label:>16} ({path.stat().st_size / 2**20:6.1f} MB on disk): peak memory {peak:6.0f} MB "
                  f"in {processes} process(es) (largest process {largest:4.0f} MB), {seconds:7.1f} s, "
                  f"{seconds / max(mb, 1e-9):6.1f} s/MB  [{last}]", flush=True)
            path.unlink()


if __name__ == "__main__":
    main()
