from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def engine():
    """One loaded detector for the whole test session."""
    from redactor.api import redactor_for
    return redactor_for()


def found(engine, text: str, entity_type: str) -> list[str]:
    """Texts of the redacted findings of one type."""
    return [f.text for f in engine.scan_text(text) if f.entity_type == entity_type and f.action == "redact"]
