"""Score the tool on three sets written by a helper who never saw its rules (see README.md):
small-group sentences, source passages and contact details, printing one line per set.

    python benchmarks/independent/score_sets.py [-v]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from redactor import api
from redactor.decide import SOURCE_REASON

HERE = Path(__file__).parent


def small_group(engine, verbose: bool) -> str:
    found = false = positives = negatives = 0
    for item in json.loads((HERE / "small_group.json").read_text(encoding="utf-8")):
        hit = any(f.type == "SMALL_GROUP" for f in engine.scan(item["text"])[1])
        if item["small_group"]:
            positives, found = positives + 1, found + hit
        else:
            negatives, false = negatives + 1, false + hit
        if verbose and hit != item["small_group"]:
            print("  small group", "missed" if item["small_group"] else "false", item["text"][:120])
    return f"small-group sentences: {found}/{positives} flagged, {false}/{negatives} false flags"


def sources(engine, verbose: bool) -> str:
    found = false = positives = negatives = named = names = 0
    for item in json.loads((HERE / "sources.json").read_text(encoding="utf-8")):
        findings, flags = engine.scan(item["text"])
        hit = any(f.type == "SOURCE" for f in flags)
        if item["source"]:
            positives, found = positives + 1, found + hit
        else:
            negatives, false = negatives + 1, false + hit
        for name in item.get("names", []):
            start = item["text"].index(name)
            names += 1
            named += any(f.reason == SOURCE_REASON and f.start < start + len(name) and start < f.end for f in findings)
        if verbose and hit != item["source"]:
            print("  source", "missed" if item["source"] else "false", item["text"][:120])
    return (f"source passages: {found}/{positives} flagged, {false}/{negatives} false flags; "
            f"{named}/{names} named sources redacted as sources")


def contacts(engine, verbose: bool) -> str:
    counts = {"organisation kept": 0, "organisation redacted": 0, "person redacted": 0, "person KEPT": 0}
    for item in json.loads((HERE / "org_contacts.json").read_text(encoding="utf-8")):
        findings = engine.scan_text(item["text"])
        for contact in item["contacts"]:
            start = item["text"].index(contact["value"])
            end = start + len(contact["value"])
            redacted = any(f.action == "redact" and f.start < end and start < f.end for f in findings)
            key = (f"organisation {'redacted' if redacted else 'kept'}" if contact["owner"] == "organisation"
                   else f"person {'redacted' if redacted else 'KEPT'}")
            counts[key] += 1
            if verbose and key == "person KEPT":
                print("  person's contact kept:", contact["value"], "in", item["text"][:100])
    return "contact details: " + ", ".join(f"{k} {v}" for k, v in counts.items())


if __name__ == "__main__":
    engine, verbose = api.redactor_for(), "-v" in sys.argv
    for score in (small_group, sources, contacts):
        print(score(engine, verbose))
