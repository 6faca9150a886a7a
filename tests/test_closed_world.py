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


def test_pdf_alt_on_marked_content(tmp_path):
    check(fx.pdf_marked_content, tmp_path, "note.pdf", "alt")


def test_pdf_ffi_ligature_in_a_name(tmp_path):
    check(fx.pdf_ligature, tmp_path, "note.pdf", words=fx.LIGATURE_WORDS)


# --------------------------------------------------------------------------------------- DOCX


# --------------------------------------------------------------------------------------- Text


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


#: The hazards with one variant each: (test id, fixture builder, file name).
SINGLE_CASES = [
    ("pdf_glyphs_drawn_last_first", fx.pdf_glyphs_last_first, "note.pdf"),
    ("pdf_text_in_tiling_pattern", fx.pdf_tiling_pattern, "note.pdf"),
    ("pdf_text_in_soft_mask_group", fx.pdf_soft_mask_group, "note.pdf"),
    ("pdf_xobject_resource_name", fx.pdf_xobject_name, "note.pdf"),
    ("pdf_page_associated_file", fx.pdf_page_associated_file, "note.pdf"),
    ("docx_numbering_level_text", fx.docx_numbering, "note.docx"),
    ("docx_math_run", fx.docx_math, "note.docx"),
    ("docx_dropdown_list_item", fx.docx_dropdown, "note.docx"),
    ("docx_legacy_form_field_help_and_status_text", fx.docx_legacy_form_field, "note.docx"),
    ("docx_smart_tag", fx.docx_smart_tag, "note.docx"),
    ("docx_custom_xml_element", fx.docx_custom_xml_element, "note.docx"),
    ("docx_style_name", fx.docx_style_name, "note.docx"),
    ("docx_font_name", fx.docx_font_name, "note.docx"),
    ("docx_theme_name", fx.docx_theme_name, "note.docx"),
    ("docx_mail_merge_query_and_source", fx.docx_mail_merge, "note.docx"),
    ("docx_caption_name", fx.docx_caption_name, "note.docx"),
    ("docx_printer_settings", fx.docx_printer_settings, "note.docx"),
    ("docx_svg_image_text", fx.docx_svg_image, "note.docx"),
    ("docx_media_part_name", fx.docx_media_part_name, "note.docx"),
    ("docx_main_part_not_at_word_document_xml", fx.docx_main_part_elsewhere, "note.docx"),
    ("txt_utf32_with_bom", fx.txt_utf32_bom, "note.txt"),
    ("txt_utf16le_bom_odd_trailing_byte", fx.txt_utf16le_odd_byte, "note.txt"),
    ("txt_utf16_unpaired_surrogate", fx.txt_utf16_unpaired_surrogate, "note.txt"),
    ("txt_mixed_utf8_and_cp1252", fx.txt_mixed_encodings, "note.txt"),
]


@pytest.mark.parametrize("build, name", [c[1:] for c in SINGLE_CASES], ids=[c[0] for c in SINGLE_CASES])
def test_hazard(tmp_path, build, name):
    check(build, tmp_path, name)


#: The hazards with several variants: (test id, fixture builder, file name, variant).
VARIANT_CASES = [
    ("pdf_drawn_out_of_reading_order-words_last_first", fx.pdf_right_to_left, "note.pdf", "words_last_first"),
    ("pdf_drawn_out_of_reading_order-glyphs_shuffled", fx.pdf_right_to_left, "note.pdf", "glyphs_shuffled"),
    ("pdf_drawn_out_of_reading_order-one_tj_right_to_left", fx.pdf_right_to_left, "note.pdf", "one_tj_right_to_left"),
    ("pdf_type3_font-text_in_type3_font", fx.pdf_type3, "note.pdf", "text_in_type3_font"),
    ("pdf_type3_font-glyph_procedure_draws_text", fx.pdf_type3, "note.pdf", "glyph_procedure_draws_text"),
    ("pdf_actualtext-actualtext_literal", fx.pdf_marked_content, "note.pdf", "actualtext_literal"),
    ("pdf_actualtext-actualtext_hex_utf16", fx.pdf_marked_content, "note.pdf", "actualtext_hex_utf16"),
    ("pdf_optional_content-layer_named", fx.pdf_optional_content, "note.pdf", "layer_named"),
    ("pdf_optional_content-hidden_layer_text", fx.pdf_optional_content, "note.pdf", "hidden_layer_text"),
    ("pdf_font_name-resource_name", fx.pdf_font_name, "note.pdf", "resource_name"),
    ("pdf_font_name-basefont", fx.pdf_font_name, "note.pdf", "basefont"),
    ("pdf_inline_image_dictionary-name", fx.pdf_inline_image, "note.pdf", "name"),
    ("pdf_inline_image_dictionary-string", fx.pdf_inline_image, "note.pdf", "string"),
    ("docx_drawing_text-textbox_with_vml_fallback", fx.docx_drawing_text, "note.docx", "textbox_with_vml_fallback"),
    ("docx_drawing_text-wordart", fx.docx_drawing_text, "note.docx", "wordart"),
    ("docx_drawing_text-locked_canvas_a_t", fx.docx_drawing_text, "note.docx", "locked_canvas_a_t"),
    ("docx_altchunk-html", fx.docx_altchunk, "note.docx", "html"),
    ("docx_altchunk-text", fx.docx_altchunk, "note.docx", "text"),
    ("docx_anchor_and_bookmark_names-hyperlink_anchor", fx.docx_anchor_or_bookmark, "note.docx", "hyperlink_anchor"),
    ("docx_anchor_and_bookmark_names-bookmark", fx.docx_anchor_or_bookmark, "note.docx", "bookmark"),
    ("docx_image_metadata-png_text_chunk", fx.docx_image_metadata, "note.docx", "png_text_chunk"),
    ("docx_image_metadata-jpeg_exif_and_comment", fx.docx_image_metadata, "note.docx", "jpeg_exif_and_comment"),
    ("docx_property_parts_under_other_names-custom_xml_capitalised", fx.docx_odd_property_parts, "note.docx", "custom_xml_capitalised"),
    ("docx_property_parts_under_other_names-core_at_core2", fx.docx_odd_property_parts, "note.docx", "core_at_core2"),
]


@pytest.mark.parametrize("build, name, variant", [c[1:] for c in VARIANT_CASES], ids=[c[0] for c in VARIANT_CASES])
def test_hazard_variant(tmp_path, build, name, variant):
    check(build, tmp_path, name, variant)
