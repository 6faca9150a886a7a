"""SMALL_GROUP flags on a gold corpus: how many gold sentences are flagged, and how many flags are
false (match no gold sentence), per 1,000 words.

    python benchmarks/flags_false_positives.py ../shared/corpus/dev

A flag matches a gold sentence as score.py matches them: at least half the sentence's words.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from redactor.api import redactor_for


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def main(corpus: Path) -> None:
    engine = redactor_for()
    total_words = gold = hit = flagged = false = 0
    for gold_path in sorted(corpus.glob("*.gold.json")):
        data = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (corpus / f"{data['id']}.txt").read_text(encoding="utf-8")
        total_words += len(re.findall(r"\w+", text))
        _, flags = engine.scan(text)
        small = [f for f in flags if f.type == "SMALL_GROUP"]
        gold_sets = [words(g["text"]) for g in data["flags"]]
        gold += len(gold_sets)
        hit += sum(any(len(g & words(f.text)) >= 0.5 * len(g) for f in flags) for g in gold_sets)
        for f in small:
            flagged += 1
            if not any(g and len(g & words(f.text)) >= 0.5 * len(g) for g in gold_sets):
                false += 1
                print(f"false SMALL_GROUP in {data['id']}: {f.reason}")
    print(f"gold small-group sentences flagged: {hit}/{gold} = {hit / max(gold, 1):.3f}")
    print(f"SMALL_GROUP flags: {flagged}, false: {false}, words: {total_words:,}, "
          f"false per 1,000 words: {1000 * false / max(total_words, 1):.3f} (goal: at most 1)")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
