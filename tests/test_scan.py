"""Scans and images: read by OCR, redacted in the pixels. Fixtures are pages rendered here with
every word's box known, so each test measures what is left in the pixels of the copy."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from redactor.cli import main

PIL = pytest.importorskip("PIL")
from PIL import Image, ImageDraw, ImageFilter, ImageFont  # noqa: E402

needs_ocr = pytest.mark.skipif(shutil.which("tesseract") is None,
                               reason="Tesseract is not installed (.ci/run installs tesseract-ocr)")
LINES = ["Visit to Oakleigh Care Home on 14 March 2024.",
         "I spoke with Mrs Philippa Quarendon in room 9.",
         "Her NHS number is 943 476 5919 and her son",
         "can be reached on 07700 900123 in the evening.",
         "The lounge was warm and the staff were kind."]
SECRET_WORDS = ["Philippa", "Quarendon", "943", "476", "5919", "07700", "900123"]
KEPT_WORDS = ["Oakleigh", "lounge", "warm", "kind"]


def _font(size: int) -> ImageFont.FreeTypeFont:
    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    import reportlab
    return ImageFont.truetype(str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"), size)


def page(lines: list[str] = LINES, *, angle: float = 0.0, noise: bool = False) -> tuple[Image.Image, dict[str, tuple]]:
    """An A4 page at 200 dpi with ``lines`` drawn on it, and each word's pixel box."""
    image = Image.new("L", (1654, 2339), 255)
    draw, font = ImageDraw.Draw(image), _font(34)
    boxes: dict[str, tuple] = {}
    y = 200
    for line in lines:
        x = 160
        for word in line.split():
            box = draw.textbbox((x, y), word, font=font)
            draw.text((x, y), word, font=font, fill=0)
            boxes.setdefault(word.strip(".,"), box)
            x = box[2] + 14
        y += 70
    if angle:
        image = image.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    if noise:
        image = image.filter(ImageFilter.GaussianBlur(0.8))
    return image, boxes


def ink_left(copy: Image.Image, original: Image.Image, box: tuple) -> float:
    """The share of the word's ink (dark in the original) still visible in the copy: dark with
    light paper around, not under a solid box."""
    a, b = original.convert("L").crop(box), copy.convert("L").crop(box)
    ink = [i for i, v in enumerate(a.tobytes()) if v < 128]
    if not ink:
        return 0.0
    copy_pixels = list(b.tobytes())
    if sum(copy_pixels) / len(copy_pixels) < 60:  # the whole box is solid: nothing readable
        return 0.0
    return sum(copy_pixels[i] < 128 for i in ink) / len(ink)


def redact(path: Path, tmp_path: Path) -> tuple[object, Path]:
    result = CliRunner().invoke(main, [str(path), "-o", str(tmp_path / "out")])
    copies = list((tmp_path / "out").glob("*.redacted.*"))
    return result, copies[0] if copies else None


@needs_ocr
@pytest.mark.parametrize("fmt, angle, noise", [("png", 0.0, False), ("jpeg", 1.2, True), ("tiff", -0.8, False)])
def test_names_and_numbers_are_burnt_into_the_pixels(tmp_path, fmt, angle, noise):
    image, boxes = page(angle=angle, noise=noise)
    ext = {"png": ".png", "jpeg": ".jpg", "tiff": ".tif"}[fmt]
    path = tmp_path / f"scan{ext}"
    image.save(path, format=fmt.upper(), **({"quality": 85} if fmt == "jpeg" else {}))
    result, copy = redact(path, tmp_path)
    assert result.exit_code == 0, result.output
    with Image.open(copy) as out:
        assert out.size == image.size and out.format == fmt.upper()  # same size and format, never deskewed
        if not angle:
            for word in SECRET_WORDS:
                assert ink_left(out, image, boxes[word]) < 0.25, word
            for word in KEPT_WORDS:
                assert ink_left(out, image, boxes[word]) > 0.75, word
    text = _ocr(copy)
    assert "Quarendon" not in text and "5919" not in text and "Oakleigh" in text


def _ocr(path: Path) -> str:
    return subprocess.run(["tesseract", str(path), "-"], capture_output=True, text=True).stdout


@needs_ocr
def test_a_multi_page_tiff_keeps_its_pages(tmp_path):
    first, _ = page()
    second, _ = page(["Second page: Mr Idris Fairweather signed the form."])
    path = tmp_path / "bundle.tif"
    first.save(path, format="TIFF", save_all=True, append_images=[second])
    result, copy = redact(path, tmp_path)
    assert result.exit_code == 0, result.output
    with Image.open(copy) as out:
        assert out.n_frames == 2
    assert "Fairweather" not in _ocr(copy) and "Quarendon" not in _ocr(copy)


@needs_ocr
@pytest.mark.parametrize("layer", [False, True])
def test_a_scanned_pdf_is_rebuilt_from_its_redacted_pixels(tmp_path, layer):
    """An image-only PDF, and one with an invisible OCR text layer over the image (as scanners
    write): the copy has the same page size, no text layer, and the pixels themselves are black
    under each box (a box drawn over the image, not into it, fails here)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    image, boxes = page()
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
    if layer:
        text = c.beginText(72, 700)
        text.setTextRenderMode(3)  # invisible, as OCR layers are
        for line in LINES:
            text.textLine(line)
        c.drawText(text)
    c.save()
    result, copy = redact(path, tmp_path)
    assert result.exit_code == 0, result.output
    from pypdf import PdfReader
    reader = PdfReader(copy)
    assert abs(float(reader.pages[0].mediabox.width) - A4[0]) < 0.5
    assert "Quarendon" not in "".join(p.extract_text() or "" for p in reader.pages)
    if shutil.which("pdftotext"):
        assert not subprocess.run(["pdftotext", str(copy), "-"], capture_output=True, text=True).stdout.strip()
    (embedded,) = reader.pages[0].images  # the page's one image: its own pixels are redacted
    pixels = embedded.image.convert("L").resize(image.size)
    for word in ("Quarendon", "5919"):
        assert ink_left(pixels, image, boxes[word]) < 0.25, word
    assert ink_left(pixels, image, boxes["Oakleigh"]) > 0.75


@needs_ocr
def test_ocr_layer_makes_the_copy_searchable_with_only_the_words_it_keeps(tmp_path):
    """--ocr-layer: the copy's invisible text holds the kept words, at their place on the page,
    and no redacted one; the independent readers' closed-world check passes on it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    image, boxes = page()
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
    c.save()
    result = CliRunner().invoke(main, [str(path), "-o", str(tmp_path / "out"), "--ocr-layer"])
    assert result.exit_code == 0, result.output
    copy = tmp_path / "out" / "scan.redacted.pdf"
    from pypdf import PdfReader
    layer = PdfReader(copy).pages[0].extract_text()
    readers = [layer] + ([subprocess.run(["pdftotext", str(copy), "-"], capture_output=True, text=True).stdout]
                         if shutil.which("pdftotext") else [])
    for text in readers:
        assert all(word in text for word in KEPT_WORDS), text
        assert not any(word in text for word in SECRET_WORDS), text
    if shutil.which("pdftotext"):  # 'Oakleigh' is found where it is on the page (the layer is at the words)
        box = subprocess.run(["pdftotext", "-bbox", str(copy), "-"], capture_output=True, text=True).stdout
        line = next(row for row in box.splitlines() if ">Oakleigh<" in row)
        x_min = float(line.split('xMin="')[1].split('"')[0])
        assert abs(x_min - boxes["Oakleigh"][0] * A4[0] / image.width) < 6


@needs_ocr
def test_image_metadata_does_not_survive(tmp_path):
    from PIL import PngImagePlugin
    image, _ = page()
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Philippa Quarendon")
    image.save(tmp_path / "scan.png", pnginfo=info)
    result, copy = redact(tmp_path / "scan.png", tmp_path)
    assert result.exit_code == 0, result.output
    assert b"Quarendon" not in copy.read_bytes()
    with Image.open(copy) as out:
        assert not getattr(out, "text", {})


def test_without_tesseract_a_scan_is_refused_in_one_line_saying_how_to_install_it(tmp_path, monkeypatch):
    from redactor.formats import scan
    monkeypatch.setattr(scan, "available", lambda: False)
    image, _ = page()
    image.save(tmp_path / "scan.png")
    result, copy = redact(tmp_path / "scan.png", tmp_path)
    assert result.exit_code == 1 and copy is None
    (line,) = [line for line in result.output.splitlines() if "scan.png" in line]
    assert "refused" in line and "tesseract-ocr" in line


def _scanned_pdf(tmp_path: Path) -> Path:
    """An image-only PDF of :func:`page` (as a scanner without OCR writes one)."""
    image, _ = page()
    image.save(tmp_path / "scan.pdf", format="PDF", resolution=200)
    return tmp_path / "scan.pdf"


@needs_ocr
@pytest.mark.parametrize("kind", ["png", "pdf", "pdf without poppler"])
def test_a_copy_whose_pixels_still_show_a_name_is_not_written(tmp_path, monkeypatch, kind):
    """The verifying OCR reads the copy afresh: if the boxes were not painted, no copy is left.
    A PDF's pictures are taken out by poppler's pdfimages, or by pypdf where poppler is missing."""
    from redactor import verify
    from redactor.formats import scan
    monkeypatch.setattr(scan, "boxes_to_paint", lambda doc, replacements: {})
    if kind == "pdf without poppler":
        which = shutil.which
        monkeypatch.setattr(verify.shutil, "which", lambda name: None if name.startswith("pdf") else which(name))
    if kind == "png":
        page()[0].save(tmp_path / "scan.png")
    result, copy = redact(tmp_path / "scan.png" if kind == "png" else _scanned_pdf(tmp_path), tmp_path)
    assert result.exit_code == 1 and copy is None
    assert "verification failed" in result.output and "still readable" in result.output


def face(size: int = 400) -> Image.Image:
    """A drawn face (hair, brows, eyes, nose, mouth, softened) that OpenCV's frontal-face cascade
    finds as it finds a photographed one: no photograph of a real person is needed."""
    im = Image.new("L", (size, size), 235)
    d, c = ImageDraw.Draw(im), size // 2
    k = size / 400
    d.ellipse((c - 80 * k, c - 120 * k, c + 80 * k, c - 50 * k), fill=60)  # hair
    d.ellipse((c - 70 * k, c - 70 * k, c + 70 * k, c + 95 * k), fill=170)  # face
    for ex in (c - 32 * k, c + 32 * k):
        d.rectangle((ex - 24 * k, c - 42 * k, ex + 24 * k, c - 34 * k), fill=70)  # brows
        d.ellipse((ex - 18 * k, c - 25 * k, ex + 18 * k, c - 8 * k), fill=50)  # eyes
    d.polygon([(c - 8 * k, c - 10 * k), (c + 8 * k, c - 10 * k), (c + 14 * k, c + 30 * k), (c - 14 * k, c + 30 * k)],
              fill=200)  # nose
    d.ellipse((c - 30 * k, c + 45 * k, c + 30 * k, c + 62 * k), fill=80)  # mouth
    return im.filter(ImageFilter.GaussianBlur(4 * k))


def _photo_page(tmp_path: Path) -> tuple[Path, tuple[int, int, int, int]]:
    image, _ = page(LINES[:2])
    where = (600, 900, 1200, 1500)
    image.paste(face(600), where[:2])
    image.save(tmp_path / "photo.png", dpi=(200, 200))
    return tmp_path / "photo.png", where


@needs_ocr
def test_a_face_is_found_listed_with_its_box_and_painted_out(tmp_path):
    import json
    path, where = _photo_page(tmp_path)
    result, copy = redact(path, tmp_path)
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "photo.report.json").read_text())
    faces = [f for f in report["findings"] if f["entity_type"] == "FACE"]
    assert len(faces) == 1 and faces[0]["action"] == "redact" and faces[0]["location"].startswith("page 1 box ")
    x, y = (int(v) for v in faces[0]["location"].split("box ")[1].split(","))
    assert where[0] <= x + 60 and where[1] <= y + 60  # the box is where the face was pasted
    with Image.open(copy) as out:
        middle = out.convert("L").crop((800, 1100, 1000, 1300))  # eyes to mouth
        assert sum(middle.tobytes()) / (200 * 200) < 10  # solid black: burnt in
        from redactor.formats.scan import faces as found_faces
        assert found_faces(out) == []  # the copy shows no face the detector can find
    assert "Oakleigh" in _ocr(copy)


@needs_ocr
def test_a_face_is_not_also_listed_as_ink_ocr_could_not_read(tmp_path, monkeypatch):
    """A photograph's dark hair and eyes are ink OCR cannot read: where that ink is mostly inside
    a face's box it is the face, listed once; ink elsewhere is still listed."""
    from redactor.formats import scan
    path, where = _photo_page(tmp_path)
    elsewhere = (100, 2000, 400, 2100)
    monkeypatch.setattr(scan, "unreadable", lambda view, words: [(where[0] + 100, where[1] + 50, where[0] + 300,
                                                                     where[1] + 200), elsewhere])
    pages, _ = scan.image_pages(path)
    doc = scan.read_pages(path, "png", pages, [], "png")
    kinds = [(kind, doc.text[start:end]) for start, end, kind in doc.marks]
    assert kinds == [("FACE", scan.FACE_TEXT), ("UNREADABLE", scan.UNREADABLE_TEXT)]
    unread = [p.locator[1] for p in doc.pieces if doc.text[p.start:p.end] == scan.UNREADABLE_TEXT]
    assert unread == [elsewhere]


@needs_ocr
def test_the_police_profile_keeps_a_face_as_it_keeps_names(tmp_path):
    import json
    path, _ = _photo_page(tmp_path)
    result = CliRunner().invoke(main, [str(path), "-o", str(tmp_path / "out"), "--profile", "police"])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "photo.report.json").read_text())
    assert [f["action"] for f in report["findings"] if f["entity_type"] == "FACE"] == ["keep"]


def test_text_pages_give_no_faces():
    """The detector does not fire on text: pages of words, upright and slightly rotated, blurred."""
    pytest.importorskip("cv2")
    from redactor.formats.scan import faces as found_faces
    for angle, noise in ((0.0, False), (1.5, True)):
        image, _ = page(LINES * 6, angle=angle, noise=noise)
        assert found_faces(image) == []


@needs_ocr
@pytest.mark.parametrize("turn", [90, 180, 270])
def test_a_page_scanned_sideways_or_upside_down_is_read_and_redacted(tmp_path, turn):
    image, boxes = page()
    image.rotate(turn, expand=True).save(tmp_path / "turned.png")
    result, copy = redact(tmp_path / "turned.png", tmp_path)
    assert result.exit_code == 0, result.output
    with Image.open(copy) as out:
        upright = out.rotate(-turn, expand=True)  # exact for quarter turns: back to the page as drawn
        assert upright.size == image.size
        for word in SECRET_WORDS:
            assert ink_left(upright, image, boxes[word]) < 0.25, word
        for word in KEPT_WORDS:
            assert ink_left(upright, image, boxes[word]) > 0.75, word


@needs_ocr
@pytest.mark.parametrize("angle", [4.0, -6.0])
def test_a_skewed_page_is_straightened_for_reading_and_painted_where_the_words_are(tmp_path, angle):
    from redactor.formats.scan import read_page
    image, _ = page(angle=angle)
    image.save(tmp_path / "skewed.png")
    result, copy = redact(tmp_path / "skewed.png", tmp_path)
    assert result.exit_code == 0, result.output
    with Image.open(copy) as out:
        assert out.size == image.size  # the copy is the page as scanned, not turned
        seen = " ".join(w["text"] for w in read_page(out)[0])
    assert "Oakleigh" in seen and "lounge" in seen
    for word in SECRET_WORDS:
        assert word not in seen, word


def test_a_capital_i_read_as_a_bracket_is_read_as_i():
    """'[vy Brown' is Ivy Brown: a name OCR spelt with a bracket must still be found."""
    from redactor.formats.scan import _words
    data = {"text": ["[vy", "Brown", "[x]", "|"], "level": [5] * 4, "left": [0] * 4, "top": [0] * 4, "width": [9] * 4,
            "height": [9] * 4, "conf": [90] * 4, "block_num": [1] * 4, "par_num": [1] * 4, "line_num": [1] * 4}
    assert [w["text"] for w in _words(data)] == ["Ivy", "Brown", "[x]", "|"]


def _signed_page(tmp_path: Path) -> tuple[Path, tuple[int, int, int, int]]:
    """A typed page with a scrawled signature under it: strokes, not letters OCR can read."""
    import random
    image, _ = page(LINES[:3] + ["Signed:"])
    draw, rng = ImageDraw.Draw(image), random.Random(4)
    x, y = 330, 430
    points = [(x, y)]
    for _ in range(40):
        x += rng.randint(4, 14)
        y = 430 + rng.randint(-35, 35)
        points.append((x, y))
    draw.line(points, fill=0, width=5, joint="curve")
    image.save(tmp_path / "signed.png")
    return tmp_path / "signed.png", (330, 390, x, 470)


@needs_ocr
@pytest.mark.parametrize("flag", [False, True])
def test_ink_ocr_cannot_read_is_listed_and_painted_out_on_request(tmp_path, flag):
    import json
    path, where = _signed_page(tmp_path)
    original = Image.open(path).convert("L")
    args = [str(path), "-o", str(tmp_path / "out")] + (["--redact-unreadable"] if flag else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "signed.report.json").read_text())
    regions = [f for f in report["findings"] if f["entity_type"] == "UNREADABLE"]
    assert regions and all(f["action"] == ("redact" if flag else "keep") for f in regions)
    assert any("ink OCR could not read" in line for line in json.dumps(report).split("\\n"))
    with Image.open(tmp_path / "out" / "signed.redacted.png") as out:
        left = ink_left(out, original, where)
    assert (left < 0.1) if flag else (left > 0.9)


@needs_ocr
def test_a_clean_typed_page_has_no_unread_ink():
    from redactor.formats.scan import read_page, unreadable
    image, _ = page(LINES * 3)
    words, view, _ = read_page(image)
    assert unreadable(view, words) == []


def _notice() -> Image.Image:
    """A photographed notice: a name, an NHS number and a face on it."""
    image, _ = page(LINES[:3])
    image = image.crop((0, 0, 1654, 500))
    image.paste(face(300), (1250, 150))
    return image


def _docx_with_picture(tmp_path: Path) -> Path:
    """A Word document with the notice pasted in."""
    import io
    docx = pytest.importorskip("docx")
    buffer = io.BytesIO()
    _notice().save(buffer, format="PNG")
    d = docx.Document()
    d.add_paragraph("Photograph of the notice board at Oakleigh Care Home.")
    d.add_picture(io.BytesIO(buffer.getvalue()))
    d.save(tmp_path / "notice.docx")
    return tmp_path / "notice.docx"


def _pdf_with_picture(tmp_path: Path) -> Path:
    """A text PDF with the notice on its page."""
    fpdf = pytest.importorskip("fpdf")
    if shutil.which("pdfimages") is None:
        pytest.skip("poppler-utils is not installed")
    _notice().save(tmp_path / "notice.png")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "Photograph of the notice board at Oakleigh Care Home.")
    pdf.image(str(tmp_path / "notice.png"), x=10, y=30, w=180)
    pdf.output(str(tmp_path / "notice.pdf"))
    return tmp_path / "notice.pdf"


def _painted_out(picture: Path) -> None:
    """The name, the number and the face are gone from the picture's pixels; the rest reads."""
    from redactor.formats.scan import faces as found_faces
    seen = _ocr(picture)
    assert "Quarendon" not in seen and "5919" not in seen and "Oakleigh" in seen
    with Image.open(picture) as image:
        assert found_faces(image) == []


@needs_ocr
def test_a_picture_in_a_docx_is_read_and_painted_in_its_pixels(tmp_path):
    import json
    import zipfile
    result, copy = redact(_docx_with_picture(tmp_path), tmp_path)
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "notice.report.json").read_text())
    inside = {f["entity_type"] for f in report["findings"] if f["location"].startswith("image 1 ")}
    assert {"PERSON", "NHS_NUMBER", "FACE"} <= inside
    with zipfile.ZipFile(copy) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        assert len(media) == 1
        (tmp_path / "picture.png").write_bytes(z.read(media[0]))
        assert "Oakleigh Care Home" in z.read("word/document.xml").decode()
    _painted_out(tmp_path / "picture.png")


@needs_ocr
def test_a_picture_in_a_text_pdf_is_painted_in_its_pixels_and_its_text_layer_kept(tmp_path):
    result, copy = redact(_pdf_with_picture(tmp_path), tmp_path)
    assert result.exit_code == 0, result.output
    subprocess.run(["pdfimages", "-png", str(copy), str(tmp_path / "img")], check=True)
    pictures = sorted(tmp_path.glob("img-*.png"))
    assert len(pictures) == 1
    _painted_out(pictures[0])
    text = subprocess.run(["pdftotext", str(copy), "-"], capture_output=True, text=True).stdout
    assert "Oakleigh Care Home" in text  # the page's own text is still text


@needs_ocr
@pytest.mark.parametrize("build", [_docx_with_picture, _pdf_with_picture])
def test_a_document_whose_picture_was_not_painted_is_not_written(tmp_path, monkeypatch, build):
    """The independent readers OCR the copy's images: a picture left as it was fails the check."""
    from redactor.formats import scan
    real = scan.painted
    monkeypatch.setattr(scan, "painted", lambda doc, replacements: real(doc, []))  # nothing painted
    result, copy = redact(build(tmp_path), tmp_path)
    assert result.exit_code == 1 and copy is None
    assert "verification failed" in result.output and "still readable" in result.output
