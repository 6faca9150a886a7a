"""The 'look here' list: kept values that could still be personal, ranked for the reviewer."""
from __future__ import annotations

import json

from click.testing import CliRunner

from redactor.cli import main
from redactor.core import Finding
from redactor.look_here import LIMIT, look_here, ranked

ENGLISH = {"we", "spoke", "with", "about", "the", "night", "said", "ref", "was", "lost", "there", "and", "too",
           "lounge", "manager", "thursday", "sullivan", "smith"}


def english(word: str) -> bool:
    return word.lower() in ENGLISH


def test_kinds_are_ranked_nearly_found_then_names_then_codes() -> None:
    text = "We spoke with Mrs Quarendon. Ref 88812345 was lost, and Sullivan was there with Tulloch."
    kept = Finding("PERSON", text.index("Tulloch"), text.index("Tulloch") + 7, "Tulloch", 0.45, "test",
                   action="keep", reason="score 0.45 below threshold 0.50")
    redacted = Finding("PERSON", text.index("Quarendon"), text.index("Quarendon") + 9, "Quarendon", 0.9, "test")
    looks, more = ranked(look_here(text, [kept, redacted], english))
    assert [(x.text, x.kind) for x in looks] == [("Tulloch", "kept below the threshold"),
                                                ("Sullivan", "reads as a name"),
                                                ("88812345", "shaped like an identifier")]
    assert more == 0  # Quarendon was redacted: nothing to look at


def test_dates_times_and_ordinary_capitals_are_not_listed() -> None:
    text = "On 12/03/2024 at 14:30 the Manager said the Lounge was cold on Thursday, 2024-03-12."
    assert look_here(text, [], english) == []


def test_a_word_the_model_knows_only_capitalised_reads_as_a_name() -> None:
    text = "We spoke with Mr Brightwell about the night."
    assert [(x.text, x.kind) for x in look_here(text, [], english)] == [("Brightwell", "reads as a name")]


def test_repeats_are_counted_and_the_list_is_capped() -> None:
    text = " ".join(f"ref {100000 + i} was lost." for i in range(LIMIT + 5)) + " ref 100000 was lost."
    looks, more = ranked(look_here(text, [], english))
    assert len(looks) == LIMIT and more == 5
    everything, _ = ranked(look_here(text, [], english), limit=1000)
    assert next(x for x in everything if x.text == "100000").count == 2
    assert everything[-1].text == "100000"  # within a kind the rarer come first: the frequent are mostly jargon


def test_every_report_has_the_list(tmp_path) -> None:
    src = tmp_path / "notes.txt"
    src.write_text("Inspection notes\n\nWe spoke with Mrs Quarendon. Ref 88812345 was lost.\n")
    result = CliRunner().invoke(main, [str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "notes.report.json").read_text())
    assert [(x["text"], x["location"]) for x in report["look_here"]] == [("88812345", "line 3")]
    assert "## Look here" in (tmp_path / "out" / "notes.report.md").read_text()
