"""The evaluation command on the shipped gold set, and on ../shared/corpus where present."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import ROOT, SHARED
from redactor.cli import main
from redactor.evaluate import evaluate


def test_evaluate_on_shipped_gold_set():
    scores = evaluate(ROOT / "samples" / "gold")
    assert scores["ALL"]["recall"] == 1.0
    assert scores["ALL"]["gold"] == 17


def test_evaluate_command_prints_table():
    result = CliRunner().invoke(main, ["evaluate", str(ROOT / "samples" / "gold")])
    assert result.exit_code == 0
    assert result.output.splitlines()[0].split() == ["entity", "type", "precision", "recall", "gold", "found"]


@pytest.mark.skipif(not (SHARED / "corpus" / "dev").is_dir(), reason="../shared/corpus absent")
def test_dev_corpus_recall_and_precision():
    scores = evaluate(SHARED / "corpus" / "dev")
    assert scores["ALL"]["recall"] >= 0.99
    assert scores["ALL"]["precision"] >= 0.97
