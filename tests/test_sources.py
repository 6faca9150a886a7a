"""Sources and whistleblowers: a passage that identifies one is flagged, and every person it names
is redacted as a source, even by the provider profile that keeps its own staff's names."""
from __future__ import annotations

import pytest

from redactor import api
from redactor.decide import SOURCE_REASON, Policy
from redactor.flags import _patterns


def people(text: str, profile: str) -> dict[str, tuple[str, str]]:
    return {f.text: (f.action, f.reason) for f in api.scan_text(text, Policy.from_config(None, profile=profile))
            if f.entity_type == "PERSON"}


@pytest.mark.parametrize("sentence", [
    "Please don't tell the home it was me.",
    "She asked us not to share that she had spoken to us.",
    "His niece first raised the concern with us in March.",
    "I work nights there and I’m scared I'll lose my job.",
    "I'd rather my manager didn’t find out I rang you.",
    "The caller wished to remain anonymous.",
    "A bank nurse spoke to the inspectors in confidence after the visit.",
    "They are frightened of being sacked if the owner learns who called.",
    "The information came from someone on the day shift.",
    "My mum lives on the first floor of your home.",
    "A complaint was received on 3 May from her brother.",
    "The agency nurse who raised the alarm has since left.",
    "He phoned our contact centre twice last week.",
    "My name is on the rota you were shown.",
    "I have worked at the home for six years.",
    "They would know it was me if you mention the night of the fall.",
    "She has asked that her name is not shared with the home.",
])
def test_source_wordings_are_flagged(sentence: str) -> None:
    assert any(p.search(sentence) for p in _patterns("source_phrases"))


@pytest.mark.parametrize("sentence", [
    "The home raised a safeguarding alert with the council.",
    "Staff raised concerns about the boiler with the maintenance company.",
    "I reviewed the care plans for four people.",
    "We spoke to the registered manager about the staffing rota.",
    "The district nurse visits on Tuesdays.",
    "The whistleblowing policy was out of date.",
    "Staff knew how to blow the whistle and felt confident to.",
    "Twelve complaints were resolved within the target time.",
])
def test_ordinary_sentences_are_not_sources(sentence: str) -> None:
    assert not any(p.search(sentence) for p in _patterns("source_phrases"))


def test_provider_profile_never_keeps_a_source_named_with_a_staff_role() -> None:
    found = people("Night nurse Ivy Chapman told us in confidence that the medicines were given late. "
                   "Carer Tom Baker gave the morning medicines.", "provider")
    assert found["Ivy Chapman"] == ("redact", SOURCE_REASON)
    assert found["Tom Baker"][0] == "keep"  # staff not named as a source are the provider's to know


def test_a_source_named_in_the_sentence_before_is_marked_in_every_mention() -> None:
    found = people("Mrs Priya Kaur rang us on Monday. She asked us not to share that she had spoken to us.\n\n"
                   "Later, Mrs Kaur visited again. Carer Tom Baker was on shift.", "provider")
    assert found["Mrs Priya Kaur"] == found["Mrs Kaur"] == ("redact", SOURCE_REASON)
    assert found["Tom Baker"][0] == "keep"


def test_a_first_person_source_is_the_writer_who_signs() -> None:
    found = people("Dear Sir,\nI work nights there and the staffing is unsafe. Carer Tom Baker sleeps on shift.\n\n"
                   "Yours sincerely,\nJane Doe", "provider")
    assert found["Jane Doe"] == ("redact", SOURCE_REASON)
    assert found["Tom Baker"][0] == "keep"


def test_no_source_passage_marks_no_one() -> None:
    found = people("The home raised a safeguarding alert with the council. Carer Tom Baker called the GP.", "provider")
    assert found == {"Tom Baker": ("keep", "named as staff (kept by the provider profile)")}


def test_a_profile_that_keeps_names_says_the_source_needs_a_legal_basis() -> None:
    found = people("Mrs Priya Kaur contacted us anonymously about the night staff.", "police")
    action, reason = found["Mrs Priya Kaur"]
    assert action == "keep" and "complainant or whistleblower" in reason and "legal basis" in reason
