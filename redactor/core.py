"""Core types shared by every step: a finding, a replacement, a file's outcome.

Nothing here imports from the rest of the package, so every other module can use these.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


#: Default largest input file (bytes), checked before a byte is read (``--max-size``).
MAX_INPUT_BYTES = 200 * 1024 * 1024
#: Default ceiling on one process's memory in MB (``--max-memory``), so one file cannot take the machine down.
MAX_MEMORY_MB = 4096


class RefusedError(Exception):
    """A file the tool will not (or cannot safely) redact. The message is one line, free of CPI."""


@dataclass(frozen=True)
class ReadOptions:
    """Choices a format reader needs: ``keep_comments`` keeps .docx comments (redacted, authors
    removed) instead of dropping them; ``password`` opens an encrypted PDF; ``encrypt_output``
    encrypts the PDF copy with the same password; ``blank_unreadable_pages`` blacks out PDF pages
    that cannot be checked (scans) instead of refusing the file; ``time_limit`` (seconds) refuses a
    file that takes longer, so that one pathological file cannot hang a batch; ``max_bytes`` refuses
    a larger file before it is read; ``ocr_layer`` gives a scanned PDF's copy an invisible text layer
    of the words it keeps, so that it stays searchable."""

    keep_comments: bool = False
    time_limit: float = 600.0
    max_bytes: int = MAX_INPUT_BYTES
    password: str | None = None
    encrypt_output: bool = False
    blank_unreadable_pages: bool = False
    ocr_layer: bool = False


@dataclass
class Finding:
    """One detected value in a document's extracted text (offsets are into that text)."""

    entity_type: str
    start: int
    end: int
    text: str
    score: float
    recognizer: str
    why: str = ""
    action: str = "redact"
    reason: str = ""
    location: str = ""
    context: str = ""

    def overlaps(self, other: "Finding") -> bool:
        return self.start < other.end and other.start < self.end

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["score"] = round(self.score, 3)
        return d


@dataclass
class Replacement:
    """Text to put in place of ``[start, end)`` of the extracted text."""

    start: int
    end: int
    new_text: str
    entity_type: str


@dataclass
class Outcome:
    """What happened to one input file: the status, the files written and the report."""

    source: str
    status: str  # "redacted", "scanned", "refused", "failed", "skipped", "not processed" (the run was stopped)
    message: str = ""
    output: str | None = None
    report_json: str | None = None
    report_md: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    findings: int = 0

    @property
    def ok(self) -> bool:
        return self.status in ("redacted", "scanned")
