"""One person, one pseudonym: people who share a surname stay apart, a surname alone goes to the
person its title or relation fits, and an ambiguous one is marked uncertain and flagged."""
from __future__ import annotations

from redactor.core import Finding
from redactor.flags import uncertain_people
from redactor.styles import Pseudonyms

FAMILY = ("Mrs Margaret Ellis lives at the home. Her husband Mr David Ellis visits daily, as do their "
          "daughter Joanne Ellis and their son Thomas Ellis. Mrs Ellis said she was happy. Mr Ellis "
          "disagreed. Joanne said the room was cold. Ellis was not consulted.")


def people_in(text: str, names: list[str]) -> list[Finding]:
    findings, start = [], 0
    for name in names:
        start = text.index(name, start)
        findings.append(Finding("PERSON", start, start + len(name), name, 0.9, "test", action="redact"))
        start += len(name)
    return findings


def family() -> list[Finding]:
    return people_in(FAMILY, ["Margaret Ellis", "David Ellis", "Joanne Ellis", "Thomas Ellis", "Mrs Ellis",
                              "Mr Ellis", "Joanne", "Ellis"])


def test_a_family_sharing_a_surname_keeps_one_stand_in_each():
    people = Pseudonyms()
    people.register(family(), FAMILY)
    stand_ins = [people.for_finding(f) for f in family()]
    assert stand_ins[:4] == ["Person A", "Person B", "Person C", "Person D"] and people.count == 4
    mrs, mr, joanne, ellis = stand_ins[4:]
    assert mrs == "Person A or Person C?"  # 'Mrs' fits the mother and the daughter
    assert mr == "Person B or Person D?"  # 'Mr' fits the husband and the son
    assert joanne == "Person C"
    assert ellis == "Person A or Person B or Person C or Person D?"


def test_a_title_picks_the_one_person_it_fits():
    text = "Present: Mrs Rose Ward and her son Lee Ward. Mrs Ward asked for a review; Mr Ward agreed."
    findings = people_in(text, ["Rose Ward", "Lee Ward", "Mrs Ward", "Mr Ward"])
    people = Pseudonyms()
    people.register(findings, text)
    assert [people.for_finding(f) for f in findings] == ["Person A", "Person B", "Person A", "Person B"]
    assert uncertain_people(text, findings) == []


def test_a_surname_met_before_the_full_names_is_matched_against_all_of_them():
    text = "Ellis was upset. Later Margaret Ellis and Joanne Ellis arrived."
    findings = people_in(text, ["Ellis", "Margaret Ellis", "Joanne Ellis"])
    people = Pseudonyms()
    people.register(findings, text)
    assert people.for_finding(findings[0]) == "Person A or Person B?"


def test_an_ambiguous_mention_is_flagged_for_the_reviewer_and_a_clear_one_is_not():
    flags = uncertain_people(FAMILY, family())
    assert [f.text for f in flags] == ["Mrs Ellis", "Mr Ellis", "Ellis"]
    assert all(f.type == "UNCERTAIN_PERSON" and f.severity == "medium" for f in flags)
    alone = "Mrs Nora Quill was seen. Mrs Quill was well."
    assert uncertain_people(alone, people_in(alone, ["Nora Quill", "Mrs Quill"])) == []


def test_the_run_counts_four_people_and_the_pseudonym_copy_marks_the_uncertain_ones(engine):
    from redactor.decide import Policy
    from redactor.pipeline import Redactor
    from redactor.report import distinct_people
    redactor = Redactor(Policy(style="pseudonym"), detector=engine.detector)
    copy, findings = redactor.redact_text(FAMILY)
    assert distinct_people(findings) == 4
    assert "Ellis" not in copy and "Margaret" not in copy
    assert "Person A or Person C? said she was happy" in copy
    assert any(f.type == "UNCERTAIN_PERSON" for f in redactor.scan(FAMILY)[1])
