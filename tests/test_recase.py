"""Notes typed in capitals are read again in mixed case for names: the view keeps every
character's place, changes only case, and what is found maps back."""
from __future__ import annotations

from conftest import found

from redactor.detect.recase import mixed_case_view

ENGLISH = frozenset("aware and at bedside called to for the was given tube noted into eval line of iv hx".split())


def english(word: str) -> bool:
    return word in ENGLISH


def test_capitals_are_recased_word_by_word():
    view = mixed_case_view("DR CAMARDA AND CLIFFORD AWARE AND AT BEDSIDE. CVVH LINE.\n", english)
    # a title and a listed name get a capital, an unknown word too, English words go to lower
    # case, an acronym stays
    assert view.text == "Dr Camarda and Clifford aware and at bedside. CVVH line.\n"


def test_the_view_maps_back_to_the_text():
    text = "Seen today by the team.\nPLAN: JON DEVAUX CALLED TO BEDSIDE FOR THE LINE\nAll well.\n"
    view = mixed_case_view(text, english)
    start = view.text.index("Jon Devaux")
    span = view.back(start, start + len("Jon Devaux"))
    assert text[span[0]:span[1]] == "JON DEVAUX"
    assert view.back(0, len(view.text)) == (text.index("PLAN"), text.index("All"))


def test_mixed_case_text_and_headings_have_no_view():
    assert mixed_case_view("Mrs Ward visited. The Lounge was warm.\nSUMMARY OF FINDINGS\n", english) is None


def test_a_word_the_document_writes_in_lower_case_stays_a_word():
    text = "Creatinine was checked twice; given propofol overnight.\nPROPOFOL GIVEN AND LINDQVIST AWARE NOW\n"
    view = mixed_case_view(text, english)
    assert "propofol given and Lindqvist aware" in view.text


def test_lower_case_notes_are_not_recased():
    """In clinical notes 'foley' and 'mae' are a catheter and 'moves all extremities'."""
    assert mixed_case_view("cont to be vented. florencia cooke np into eval. foley patent, mae.\n", english) is None


def test_a_title_gets_its_capital_only_before_a_name():
    view = mixed_case_view("MS 2MG IV GIVEN, HX OF MS. DR WARD AND DR CAMARDA AWARE.\n", english)
    assert view.text == "ms 2MG iv given, hx of ms. Dr Ward and Dr Camarda aware.\n"


def test_names_in_capitals_are_found(engine):
    text = ("Night report.\nUOP DOWN TO 45CC/HR. DR CAMARDA AND CLIFFORD AWARE AND AT BEDSIDE.\n"
            "LINDSEY CARDARELLI CALLED TO BEDSIDE FOR POOR WAVEFORM.\n"
            "TUBE MANIPULATED SLIGHTLY PER NP DJURIC. NO ADDITIONAL RX AT THIS TIME.\n")
    people = " ".join(found(engine, text, "PERSON"))
    for name in ("CAMARDA", "CLIFFORD", "LINDSEY", "CARDARELLI", "DJURIC"):
        assert name in people
    for word in ("UOP", "AWARE", "BEDSIDE", "WAVEFORM", "TUBE", "ADDITIONAL"):
        assert word not in people


def test_names_in_lower_case_notes_are_found_by_the_rules(engine):
    text = "Plan reviewed.\ncont to be vented d/t not following commands. florencia cooke np into eval.\n"
    assert "florencia cooke" in found(engine, text, "PERSON")
