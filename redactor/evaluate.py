"""``redact evaluate``: precision and recall per entity type against gold annotations.

A gold span counts as found when a redacted finding of the same type overlaps it; a redacted
finding counts as correct when it overlaps a gold span of the same type. Untyped figures (any
type) are given too, since a value redacted under the wrong type is still not leaked.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from redactor.api import redactor_for
from redactor.decide import Policy
from redactor.models.settings import DEFAULT_MODEL


def evaluate(corpus: Path, policy: Policy | None = None, model: str = DEFAULT_MODEL) -> dict[str, dict[str, float]]:
    engine = redactor_for(policy, model)
    tp, gold_n, found_n, tp_pred = Counter(), Counter(), Counter(), Counter()
    for gold_path in sorted(corpus.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (corpus / f"{gold['id']}.txt").read_text(encoding="utf-8")
        spans = gold["cpi"]
        found = [f for f in engine.scan_text(text) if f.action == "redact"]
        for g in spans:
            for key in (g["label"], "ALL"):
                gold_n[key] += 1
            if any(f.start < g["end"] and g["start"] < f.end and f.entity_type == g["label"] for f in found):
                tp[g["label"]] += 1
            if any(f.start < g["end"] and g["start"] < f.end for f in found):
                tp["ALL"] += 1
        for f in found:
            for key in (f.entity_type, "ALL"):
                found_n[key] += 1
            if any(f.start < g["end"] and g["start"] < f.end and (g["label"] == f.entity_type) for g in spans):
                tp_pred[f.entity_type] += 1
            if any(f.start < g["end"] and g["start"] < f.end for g in spans):
                tp_pred["ALL"] += 1
    return {t: {"precision": tp_pred[t] / found_n[t] if found_n[t] else 0.0,
                "recall": tp[t] / gold_n[t] if gold_n[t] else 0.0,
                "gold": gold_n[t], "found": found_n[t]}
            for t in sorted(set(gold_n) | set(found_n), key=lambda t: (t == "ALL", t))}


def format_table(scores: dict[str, dict[str, float]]) -> str:
    lines = [f"{'entity type':18} {'precision':>9} {'recall':>7} {'gold':>6} {'found':>6}"]
    for t, s in scores.items():
        lines.append(f"{t:18} {s['precision']:9.3f} {s['recall']:7.3f} {s['gold']:6d} {s['found']:6d}")
    return "\n".join(lines)
