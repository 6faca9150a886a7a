"""Small PDFs built for the tests with reportlab, fpdf2 and pypdf: every place CPI hides."""
from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

#: Values the fixtures hide; none may survive in a copy.
BODY_CPI = ["Margaret Thornton", "943 476 5919", "0161 496 0571", "Dennis Okafor", "JN 12 34 56 C",
            "Harriet Bellamy", "Ruth Appleby", "Zoë Kowalczyk", "Idris Fairweather"]
HIDDEN_CPI = ["Beatrice Lomax", "Cedric Pennington", "07700 900123", "Winifred Gallagher", "Percival Stroud",
              "Lavinia Marsh", "Ambrose Tillotson"]
KEPT = ["Oakleigh Care Home", "Regulation 12", "Ivy Wing", "14 March 2024"]


def build_text_pdf(path: Path) -> None:
    """Paragraphs, a table, two columns, a value split across a line break, rotated text and an
    embedded TrueType subset, all on one page."""
    pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    y = 800
    for line in ["Inspection of Oakleigh Care Home on 14 March 2024 under Regulation 12.",
                 "I spoke with Mrs Margaret Thornton in the Ivy Wing (NHS number 943 476",
                 "5919). Her son can be reached on 0161 496 0571 most evenings."]:
        c.drawString(60, y, line)
        y -= 12
    c.drawString(60, 740, "Name")
    c.drawString(200, 740, "Role")
    c.drawString(60, 726, "Dennis Okafor")
    c.drawString(200, 726, "night carer, NI number JN 12 34 56 C")
    c.drawString(60, 690, "Left column: Harriet Bellamy said")  # drawn column by column, as layouts do
    c.drawString(60, 678, "the call bell was not answered.")
    c.drawString(320, 690, "Right column: the lounge was warm.")
    c.drawString(320, 678, "Ruth Appleby is the deputy manager.")
    c.setFont("Vera", 11)
    c.drawString(60, 640, "Resident Zoë Kowalczyk moved rooms.")
    c.saveState()
    c.translate(300, 400)
    c.rotate(35)
    c.setFont("Helvetica", 12)
    c.drawString(0, 0, "Witness: Mr Idris Fairweather")
    c.restoreState()
    c.save()


def build_cid_pdf(path: Path) -> None:
    """An embedded TrueType font written as a CID font with Identity-H encoding (fpdf2's way)."""
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", "", _dejavu())
    pdf.set_font("DejaVu", size=12)
    pdf.cell(text="Visit to Oakleigh Care Home: Mrs Zoë Kowalczyk, NHS 943 476 5919.")
    pdf.output(str(path))


def _dejavu() -> str:
    for candidate in ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"]:
        if Path(candidate).exists():
            return candidate
    import reportlab
    return str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf")


def build_hidden_pdf(path: Path) -> None:
    """CPI in metadata, an outline, JavaScript, a form value, a note, an attachment and an earlier
    revision behind an incremental update."""
    base = path.with_suffix(".base.pdf")
    c = canvas.Canvas(str(base), pagesize=A4)
    c.setAuthor("Beatrice Lomax")
    c.setFont("Helvetica", 10)
    c.drawString(60, 800, "Visit to Oakleigh Care Home on 14 March 2024. Resident: Winifred Gallagher.")
    c.acroForm.textfield(name="contact", value="Cedric Pennington", x=60, y=700, width=200, height=20)
    c.save()
    writer = PdfWriter(clone_from=PdfReader(base))
    writer.add_outline_item(title="Call 07700 900123", page_number=0)
    from pypdf.actions import JavaScript
    writer.add_open_action(JavaScript("app.alert('Lavinia Marsh');"))
    writer.add_attachment("statement.txt", b"Statement by Percival Stroud")
    writer.add_metadata({"/Subject": "Ambrose Tillotson"})
    with open(base, "wb") as f:
        writer.write(f)
    # An incremental update that replaces the page text: the first revision still names the resident.
    update = PdfWriter(base, incremental=True)
    page = update.pages[0]
    from pypdf.generic import ContentStream
    content = ContentStream(None, None)
    content.set_data(b"BT /F1 10 Tf 60 800 Td (Visit to Oakleigh Care Home on 14 March 2024.) Tj ET")
    page.replace_contents(content)
    with open(path, "wb") as f:
        update.write(f)
    base.unlink()


def small_png() -> bytes:
    """A 40x20 grey gradient, standing for a signature or a photograph."""
    import zlib
    width, height = 40, 20
    raw = b"".join(b"\x00" + bytes([(x * 6) % 256 for x in range(width)]) for _ in range(height))
    return _png(width, height, zlib.compress(raw))


def build_scan_pdf(path: Path, signature_only: bool = False) -> None:
    """A page that is only an image (a scan); or, with ``signature_only``, a page of text with a
    small image under it (a signature)."""
    from reportlab.lib.utils import ImageReader
    import io
    c = canvas.Canvas(str(path), pagesize=A4)
    if signature_only:
        c.setFont("Helvetica", 10)
        c.drawString(60, 800, "The home was clean and the staff were kind.")
        c.drawImage(ImageReader(io.BytesIO(small_png())), 60, 700, width=120, height=40)
    else:
        c.drawImage(ImageReader(io.BytesIO(small_png())), 0, 0, width=A4[0], height=A4[1])
    c.save()


def _png(width: int, height: int, idat: bytes) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def build_long_pdf(path: Path, pages: int) -> None:
    """A many-page report of realistic notes, for the benchmark."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(pages):
        c.setFont("Helvetica", 10)
        y = 800
        for k in range(45):
            person = ["Mrs Ada Whitfield", "Mr Tom Barraclough", "Nurse Priya Raman"][k % 3]
            line = (f"Visit {n + 1}.{k}: {person} (NHS 943 476 5919) was seen in the lounge at Oakleigh "
                    f"Care Home; call 0161 496 {k:04d}.") if k % 5 == 0 else \
                "Staff on the day shift completed the medicines round and the care plans were up to date."
            c.drawString(50, y, line)
            y -= 16
        c.showPage()
    c.save()


def build_letterhead_pdf(path: Path) -> None:
    """Two pages that both draw one Form XObject (a letterhead naming the author), each with text
    of its own: the form's glyphs are one set of bytes drawn twice."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.beginForm("letterhead")
    c.setFont("Helvetica", 10)
    c.drawString(60, 810, "Prepared by Margaret Thornton, inspector")
    c.endForm()
    for body in ["The lounge was warm and clean.", "The garden was tidy."]:
        c.doForm("letterhead")
        c.setFont("Helvetica", 10)
        c.drawString(60, 780, body)
        c.showPage()
    c.save()
