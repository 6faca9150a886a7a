"""Pages per second and peak memory of OCR redaction (scans): the project's generated documents
rendered as 300-dpi A4 page images, then redacted end to end (`redact`, OCR by Tesseract,
boxes burnt into the pixels, the copy OCRed again to verify it).

    python benchmarks/ocr_pages.py                    # 20 one-page scans with -j 2, then a 100-page scanned PDF
    python benchmarks/ocr_pages.py --pages 10 --long 20     # a quick look

The first figure is a batch of one-page PNG scans run with ``--jobs 2`` (the throughput a folder
of scans gets on two cores); the second is one long image-only PDF (a bundle of faxes), whose
pages are rendered, read and written one at a time: its peak memory should not grow with its
length. Each run is a fresh process; times include loading the model (about 3 s).
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_corpus import generate  # noqa: E402
from memory import peak_mb  # noqa: E402

DPI = 300


def render(text: str) -> "object":
    """An A4 page at :data:`DPI` with ``text`` drawn on it, word-wrapped, as a scanner would see it."""
    from PIL import Image, ImageDraw, ImageFont
    width, height = int(8.27 * DPI), int(11.69 * DPI)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", int(11 / 72 * DPI))
    y, line_height = DPI, int(16 / 72 * DPI)
    for paragraph in text.splitlines():
        line = ""
        for word in paragraph.split():
            if draw.textlength(f"{line} {word}", font=font) > width - 2 * DPI and line:
                draw.text((DPI, y), line, font=font, fill=0)
                y, line = y + line_height, word
            else:
                line = f"{line} {word}".strip()
        draw.text((DPI, y), line, font=font, fill=0)
        y += line_height
        if y > height - DPI:
            break
    return image


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=20, help="one-page scans in the batch")
    parser.add_argument("--long", type=int, default=100, help="pages of the long scanned PDF (0: skip)")
    args = parser.parse_args()
    if shutil.which("tesseract") is None:
        sys.exit("Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-eng)")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        docs = [p.read_text() for p in generate(root / "docs", max(args.pages, 1))]
        batch = root / "batch"
        batch.mkdir()
        for n, text in enumerate(docs[:args.pages]):
            render(text).save(batch / f"scan-{n:03d}.png", dpi=(DPI, DPI))
        peak, largest, seconds, most, last = peak_mb(["redact", str(batch), "-o", str(root / "out1"), "-j", "2",
                                                       "--quiet"])
        print(f"batch of {args.pages} one-page scans at {DPI} dpi, -j 2: {seconds:.1f} s, "
              f"{args.pages / seconds:.2f} pages/s, peak {peak:.0f} MB over {most} processes  [{last}]", flush=True)
        if args.long:
            pages = [render(docs[n % len(docs)]) for n in range(min(args.long, 5))]
            long_pdf = root / "bundle.pdf"
            first = pages[0]
            first.save(long_pdf, format="PDF", resolution=DPI, save_all=True,
                       append_images=[pages[n % len(pages)] for n in range(1, args.long)])
            peak, largest, seconds, most, last = peak_mb(["redact", str(long_pdf), "-o", str(root / "out2"),
                                                           "--quiet"])
            print(f"one scanned PDF of {args.long} pages: {seconds:.1f} s, {args.long / seconds:.2f} pages/s, "
                  f"peak {peak:.0f} MB (largest process {largest:.0f} MB)  [{last}]", flush=True)


if __name__ == "__main__":
    main()
