"""The benchmark corpus generator's documents (five kinds, sentences drawn from pools) know where
each identifier lies: every one must be redacted, and nothing else in them."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

from generate_corpus import KINDS, generate  # noqa: E402

_TITLE = re.compile(r"(?:Mrs|Mr|Ms|Miss|Dr) ")


def test_generated_documents_are_fully_redacted_and_nothing_else(engine, tmp_path: Path):
    paths = generate(tmp_path / "docs", 3 * len(KINDS), seed=7, spans_dir=tmp_path / "spans")
    assert len({p.read_text(encoding="utf-8")[:40] for p in paths}) > len(KINDS)  # not one template
    for path in paths:
        text = path.read_text(encoding="utf-8")
        spans = json.loads((tmp_path / "spans" / f"{path.stem}.json").read_text(encoding="utf-8"))
        redacted = [f for f in engine.scan_text(text) if f.action == "redact"]
        covered = {i for f in redacted for i in range(f.start, f.end)}
        for start, end, kind in spans:
            title = _TITLE.match(text, start)
            start = title.end() if title else start  # a title alone identifies no one
            assert set(range(start, end)) <= covered, (path.name, kind)
        for f in redacted:
            assert any(f.start < end and start < f.end for start, end, _ in spans), (path.name, f.entity_type)
