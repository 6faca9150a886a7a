"""Flags: positive cases and near misses that must not fire, for each flag type."""
from __future__ import annotations

import pytest

from redactor.flags import small_numbers


def flag_types(engine, text: str) -> list[str]:
    return [f.type for f in engine.scan(text)[1]]


@pytest.mark.parametrize("text", [
    "The worker is the only male carer on the night shift.",
    "She is the only nurse at the home who speaks Polish.",
    "The concern was raised by the home's only activities coordinator.",
    "The carer involved is the newest member of the night team, who started last month.",
    "He was the one resident on the dementia unit who uses a wheelchair.",
    "Two of the three night staff refused to sign the statement.",
    "Only two residents on the ground floor are over 100, and she is one of them.",
    "A 96-year-old woman fell in the lounge.",
    "The deputy manager told staff not to record the fall.",
    "I raised it with the home's registered manager last week.",
    # shapes beyond the dev corpus's (written here, not taken from any corpus)
    "One of only three men at the home said his razor had gone missing.",
    "Both of the home's two night nurses were asleep at 4am.",
    "Of the four residents on oxygen, the one nearest the lift had an empty cylinder.",
    "The gentleman in room 15 had not been offered a drink since breakfast.",
    "The handyman's wife works in the laundry.",
    "A retired police sergeant who lives on the top floor keeps the residents' money.",
    "The resident who used to be a headmistress at the village school was upset.",
    "The twins in the end rooms asked to eat together.",
    "The domestic, who is also the cook on Sundays, had no food hygiene training.",
    "A man from Albania who arrived in March has no interpreter.",
    "The woman who is deaf had no hearing loop in her room.",
    "Staff celebrated her 101st birthday last week.",
])
def test_small_group_fires(engine, text):
    assert "SMALL_GROUP" in flag_types(engine, text)


@pytest.mark.parametrize("text", [
    "The registered manager's report was published in May.",
    "The only way to improve the service is better staffing.",
    "Staff said the lounge was warm and residents were well dressed.",
    "The home has 40 beds over 3 floors.",
    "She has worked there for over 10 years.",
    "Only one of the policies had been reviewed.",
    "A registered manager must be in post at every home.",
    "14 of 22 care staff had completed their safeguarding training.",
    "Twelve of the 40 residents had a diagnosis of diabetes.",
    "A couple of carers were late on Monday.",
    "The former dining room is now a sensory room.",
    "The carer on nights said the lounge was cold.",
    "Room 4 had a broken window latch.",
])
def test_small_group_near_misses(engine, text):
    assert "SMALL_GROUP" not in flag_types(engine, text)


def test_small_numbers_in_tables():
    table = "Unit\tResidents\tFalls\nOak\t12\t3\nAsh\t15\t9\n"
    flags = small_numbers(table)
    assert [f.text for f in flags] == ["Oak\t12\t3"]
    assert "1-7" in flags[0].reason


def test_small_numbers_counts_above_seven_do_not_fire():
    assert small_numbers("Unit\tResidents\tFalls\nOak\t12\t8\nAsh\t15\t9\n") == []
    assert small_numbers("Room\tNotes\n3\tcarpet replaced\n") == []  # a room number, not a count


def test_rows_unique_on_quasi_identifiers():
    rows = "".join(f"{i}\tF\tOak\n" for i in range(6)) + "7\tM\tOak\n"
    flags = small_numbers("Ref\tSex\tUnit\n" + rows)
    assert [f.text for f in flags] == ["7\tM\tOak"]


def test_special_category_source_marking(engine):
    flags = engine.scan("OFFICIAL-SENSITIVE\nMrs Jane Doe was sectioned under the Mental Health Act last year. "
                        "I would rather not give my name because I work nights there.")[1]
    types = {(f.type, f.category) for f in flags}
    assert ("SPECIAL_CATEGORY", "mental health") in types
    assert ("SOURCE", "") in types
    assert ("MARKING", "") in types


def test_no_special_category_or_source_in_plain_text(engine):
    types = flag_types(engine, "The inspection took place on 14 March 2024 and the lounge was clean.")
    assert types == []


def test_bulk_over_twenty_people(engine):
    from redactor.models.settings import lexicon
    names = sorted(lexicon("forenames"))[:25]
    text = " ".join(f"Mrs {n.title()} Smithson{i} attended." for i, n in enumerate(names))
    findings, flags = engine.scan(text)
    assert "BULK" in [f.type for f in flags]
    assert "BULK" not in flag_types(engine, "Mrs Jane Doe and Mr John Roe attended.")


def test_report_has_privacy_impact(engine, tmp_path):
    import json
    from redactor.api import redact_file
    src = tmp_path / "note.txt"
    src.write_text("The worker is the only male carer on the night shift. Mr Tom Baxter was arrested.\n")
    outcome = redact_file(src, tmp_path / "out")
    data = json.loads(open(outcome.report_json).read())
    impact = data["summary"]["privacy_impact"]
    assert impact["level"] == "high"
    assert any("single out" in r for r in impact["reasons"])
    assert data["flags"][0]["location"] == "line 1"
    assert "Privacy impact: HIGH" in open(outcome.report_md).read()


def test_the_only_one_who(engine):
    assert "SMALL_GROUP" in flag_types(engine, "She is the only one who works weekends in the kitchen.")


def test_possessive_role_is_not_a_small_group(engine):
    assert "SMALL_GROUP" not in flag_types(engine, "The only manager's report was published last week.")


def test_a_flag_on_a_form_shows_its_line_not_the_whole_form(engine):
    """A form has no full stops: spaCy reads it as one sentence, and the reviewer needs the line."""
    text = ("Full name: Margaret O'Halloran\nDOB: 19.04.1940   Age: 85\nEthnicity: White Irish\n"
            "Communication needs: hard of hearing (left ear), uses hearing aid\n"
            "She has mild cognitive impairment and\nis registered partially sighted.\n")
    flags = {(f.category, f.text) for f in engine.scan(text)[1] if f.type == "SPECIAL_CATEGORY"}
    assert ("ethnicity", "Ethnicity: White Irish") in flags
    assert ("disability", "Communication needs: hard of hearing (left ear), uses hearing aid") in flags
    # prose wrapped onto the next line in lower case stays one piece
    assert ("mental health", "She has mild cognitive impairment and\nis registered partially sighted.") in flags


def test_place_names_holding_a_special_category_word_are_not_flagged(engine):
    text = "Address: Flat 7, 71 Church Street, Leicester\nInspection of Ashgrove Court on 7 May 2024.\n"
    assert [f for f in engine.scan(text)[1] if f.type == "SPECIAL_CATEGORY"] == []
    flagged = {f.category for f in engine.scan("He appeared at Leeds Crown Court. She goes to church.")[1]}
    assert {"offences", "religion"} <= flagged
