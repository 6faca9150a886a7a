"""Closed world: CPI hidden in one unusual place per file must never reach a redacted copy.

Each test builds one small file whose only CPI (Philippa Quarendon, NHS number 943 476 5919)
sits in one hazard place, runs the real CLI on it, and asserts the closed-world property with
an independent reader (closed_world_fixtures.assert_no_leak): the file is refused (no copy,
non-zero exit, one line), or the copy holds the CPI nowhere, in any encoding, member or object.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import closed_world_fixtures as fx
from redactor.cli import main


def redact(src: Path) -> tuple[Path, object]:
    out = src.parent / "out"
    return out, CliRunner().invoke(main, [str(src), "-o", str(out)])


def check(build, tmp_path: Path, name: str, *args, **kwargs) -> None:
    src = build(tmp_path / name, *args)
    out, result = redact(src)
    fx.assert_no_leak(src, out, result, **kwargs)


# ---------------------------------------------------------------------------------------- PDF

def test_pdf_glyphs_drawn_last_first(tmp_path):
    check(fx.pdf_glyphs_last_first, tmp_path, "note.pdf")


@pytest.mark.parametrize("variant", ["words_last_first", "glyphs_shuffled", "one_tj_right_to_left"])
def test_pdf_drawn_out_of_reading_order(tmp_path, variant):
    check(fx.pdf_right_to_left, tmp_path, "note.pdf", variant)


def test_pdf_text_in_tiling_pattern(tmp_path):
    check(fx.pdf_tiling_pattern, tmp_path, "note.pdf")


def test_pdf_text_in_soft_mask_group(tmp_path):
    check(fx.pdf_soft_mask_group, tmp_path, "note.pdf")


@pytest.mark.parametrize("variant", ["text_in_type3_font", "glyph_procedure_draws_text"])
def test_pdf_type3_font(tmp_path, variant):
    check(fx.pdf_type3, tmp_path, "note.pdf", variant)


@pytest.mark.parametrize("variant", ["actualtext_literal", "actualtext_hex_utf16"])
def test_pdf_actualtext(tmp_path, variant):
    check(fx.pdf_marked_content, tmp_path, "note.pdf", variant)


def test_pdf_alt_on_marked_content(tmp_path):
    check(fx.pdf_marked_content, tmp_path, "note.pdf", "alt")


@pytest.mark.parametrize("variant", ["layer_named", "hidden_layer_text"])
def test_pdf_optional_content(tmp_path, variant):
    check(fx.pdf_optional_content, tmp_path, "note.pdf", variant)


@pytest.mark.parametrize("variant", ["resource_name", "basefont"])
def test_pdf_font_name(tmp_path, variant):
    check(fx.pdf_font_name, tmp_path, "note.pdf", variant)


def test_pdf_xobject_resource_name(tmp_path):
    check(fx.pdf_xobject_name, tmp_path, "note.pdf")


def test_pdf_page_associated_file(tmp_path):
    check(fx.pdf_page_associated_file, tmp_path, "note.pdf")


@pytest.mark.parametrize("variant", ["name", "string"])
def test_pdf_inline_image_dictionary(tmp_path, variant):
    check(fx.pdf_inline_image, tmp_path, "note.pdf", variant)


def test_pdf_ffi_ligature_in_a_name(tmp_path):
    check(fx.pdf_ligature, tmp_path, "note.pdf", words=fx.LIGATURE_WORDS)


# --------------------------------------------------------------------------------------- DOCX

def test_docx_numbering_level_text(tmp_path):
    check(fx.docx_numbering, tmp_path, "note.docx")


def test_docx_math_run(tmp_path):
    check(fx.docx_math, tmp_path, "note.docx")


@pytest.mark.parametrize("variant", ["textbox_with_vml_fallback", "wordart", "locked_canvas_a_t"])
def test_docx_drawing_text(tmp_path, variant):
    check(fx.docx_drawing_text, tmp_path, "note.docx", variant)


@pytest.mark.parametrize("variant", ["html", "text"])
def test_docx_altchunk(tmp_path, variant):
    check(fx.docx_altchunk, tmp_path, "note.docx", variant)


def test_docx_dropdown_list_item(tmp_path):
    check(fx.docx_dropdown, tmp_path, "note.docx")


def test_docx_legacy_form_field_help_and_status_text(tmp_path):
    check(fx.docx_legacy_form_field, tmp_path, "note.docx")


def test_docx_smart_tag(tmp_path):
    check(fx.docx_smart_tag, tmp_path, "note.docx")


def test_docx_custom_xml_element(tmp_path):
    check(fx.docx_custom_xml_element, tmp_path, "note.docx")


@pytest.mark.parametrize("variant", ["hyperlink_anchor", "bookmark"])
def test_docx_anchor_and_bookmark_names(tmp_path, variant):
    check(fx.docx_anchor_or_bookmark, tmp_path, "note.docx", variant)


def test_docx_style_name(tmp_path):
    check(fx.docx_style_name, tmp_path, "note.docx")


def test_docx_font_name(tmp_path):
    check(fx.docx_font_name, tmp_path, "note.docx")


def test_docx_theme_name(tmp_path):
    check(fx.docx_theme_name, tmp_path, "note.docx")


def test_docx_mail_merge_query_and_source(tmp_path):
    check(fx.docx_mail_merge, tmp_path, "note.docx")


def test_docx_caption_name(tmp_path):
    check(fx.docx_caption_name, tmp_path, "note.docx")


def test_docx_printer_settings(tmp_path):
    check(fx.docx_printer_settings, tmp_path, "note.docx")


@pytest.mark.parametrize("variant", ["png_text_chunk", "jpeg_exif_and_comment"])
def test_docx_image_metadata(tmp_path, variant):
    check(fx.docx_image_metadata, tmp_path, "note.docx", variant)


def test_docx_svg_image_text(tmp_path):
    check(fx.docx_svg_image, tmp_path, "note.docx")


def test_docx_media_part_name(tmp_path):
    check(fx.docx_media_part_name, tmp_path, "note.docx")


@pytest.mark.parametrize("variant", ["custom_xml_capitalised", "core_at_core2"])
def test_docx_property_parts_under_other_names(tmp_path, variant):
    check(fx.docx_odd_property_parts, tmp_path, "note.docx", variant)


def test_docx_main_part_not_at_word_document_xml(tmp_path):
    check(fx.docx_main_part_elsewhere, tmp_path, "note.docx")


# --------------------------------------------------------------------------------------- Text

def test_txt_utf32_with_bom(tmp_path):
    check(fx.txt_utf32_bom, tmp_path, "note.txt")


def test_txt_utf16le_bom_odd_trailing_byte(tmp_path):
    check(fx.txt_utf16le_odd_byte, tmp_path, "note.txt")


def test_txt_utf16_unpaired_surrogate(tmp_path):
    check(fx.txt_utf16_unpaired_surrogate, tmp_path, "note.txt")


def test_txt_mixed_utf8_and_cp1252(tmp_path):
    check(fx.txt_mixed_encodings, tmp_path, "note.txt")


@pytest.mark.parametrize("variant", sorted(fx.DETECTION_GAPS))
def test_txt_detection_through_invisible_characters(tmp_path, variant):
    check(fx.txt_detection_gap, tmp_path, "note.txt", variant, must_copy=True,
          words=fx.CPI_WORDS + fx.DETECTION_GAPS[variant][1])


# ------------------------------------------------------------------------------------ Controls
# Not hazards: the CPI in plain body text. While one of these fails (the format's plain files are
# refused), the hazard tests of that format pass by refusal alone and show nothing.

@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_control_plain_body_gives_a_clean_copy(tmp_path, fmt):
    check(fx.plain_body, tmp_path, f"note.{fmt}", fmt, must_copy=True)
